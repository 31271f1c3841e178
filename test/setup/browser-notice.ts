import type { Reporter, TestModule } from 'vitest/node';
import { ENABLE_BROWSER_COMMAND, type ChromiumLookup } from '../helpers/chromium.ts';

/**
 * Ends a run that skipped browser tests with one line that says how many, why, and the command
 * that enables them, instead of skipping them in silence. Browser suites are those named
 * "… in Chromium"; the lookup comes from the global setup, which runs in this process.
 */
export default class BrowserNotice implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const lookup = JSON.parse(process.env.FIELDNOTES_CHROMIUM ?? '{}') as Partial<ChromiumLookup>;
    if (!('unavailable' in lookup)) return;
    let skipped = 0;
    for (const module of modules) {
      for (const test of module.children.allTests('skipped')) if (/\bin Chromium\b/.test(test.fullName)) skipped++;
    }
    if (skipped > 0) console.log(`\n${skipped} browser test${skipped === 1 ? "" : "s"} skipped: ${lookup.unavailable}. Run \`${ENABLE_BROWSER_COMMAND}\`, then \`npm test\` again.`);
  }
}
