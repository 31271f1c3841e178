import type { TestProject } from 'vitest/node';
import { findChromium } from '../helpers/chromium.ts';

/**
 * Finds the browser once for the whole run, before any test file starts, and hands it to the
 * test workers (`inject('chromium')`, see helpers/browser.ts) and to the closing notice, which
 * runs in this process (FIELDNOTES_CHROMIUM). CI sets
 * FIELDNOTES_REQUIRE_BROWSER=1: there a missing browser fails the run instead of skipping.
 */
export default async function setup(project: TestProject): Promise<void> {
  const lookup = await findChromium();
  if ('unavailable' in lookup && process.env.FIELDNOTES_REQUIRE_BROWSER === '1') {
    throw new Error(`FIELDNOTES_REQUIRE_BROWSER=1 but no browser can run: ${lookup.unavailable}`);
  }
  process.env.FIELDNOTES_CHROMIUM = JSON.stringify(lookup);
  project.provide('chromium', lookup);
}

declare module 'vitest' {
  export interface ProvidedContext {
    chromium: import('../helpers/chromium.ts').ChromiumLookup;
  }
}
