import { describe, expect, it } from 'vitest';
import { launchFound, unpackBundled } from './helpers/chromium.ts';

// The fallback for a machine without Chromium: CI has Debian's, so this starts the bundled one
// explicitly, or `npm install && npm test` on a bare machine would be the first to try it.
describe('the Chromium bundled in an npm package', () => {
  it('unpacks once and renders a page with its own libraries', async () => {
    const found = await unpackBundled();
    expect(found.env.LD_LIBRARY_PATH).toContain('node_modules/.cache/fieldnotes-chromium');
    expect((await unpackBundled()).executablePath).toBe(found.executablePath);
    const browser = await launchFound(found);
    try {
      const page = await browser.newPage();
      await page.setContent('<main><h1>Откат релиза</h1><p id="n">2 + 2</p><script>document.getElementById("n").textContent = String(2 + 2)</script></main>');
      expect(await page.textContent('#n')).toBe('4');
      expect(await page.textContent('h1')).toBe('Откат релиза');
    } finally {
      await browser.close();
    }
  }, 120_000);
});
