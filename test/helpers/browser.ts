import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { serveStatic } from './serve.ts';

/** Debian's Chromium (CI installs it with apt); Playwright's own browser download does not work here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether browser tests can run. CI sets FIELDNOTES_REQUIRE_BROWSER=1, so a missing browser fails
 * there instead of skipping; on a developer machine without Chromium they are skipped.
 */
export const browserAvailable = existsSync(CHROMIUM) || process.env.FIELDNOTES_REQUIRE_BROWSER === '1';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A built site served on 127.0.0.1 with Chromium open on it; `close` ends both. */
export async function openSite(dist: string): Promise<{ browser: Browser; url: string; close: () => Promise<void> }> {
  const site = await serveStatic(dist);
  const browser = await launchChromium();
  return {
    browser,
    url: site.url,
    close: async () => {
      await browser.close();
      await site.close();
    },
  };
}
