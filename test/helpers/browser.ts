import { inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchFound } from './chromium.ts';
import { serveStatic } from './serve.ts';

/**
 * The browser found by the global setup (test/setup/browser.ts): the system's Chromium, or the
 * one bundled in an npm package. Browser suites are named "… in Chromium" and skip themselves when
 * none can start; the run then ends with one line saying so (test/setup/browser-notice.ts).
 * Only for vitest workers: scripts outside vitest call findChromium themselves.
 */
const lookup = inject('chromium');

export const browserAvailable = 'found' in lookup;

export function launchChromium(): Promise<Browser> {
  if (!('found' in lookup)) throw new Error(`no browser can run: ${lookup.unavailable}`);
  return launchFound(lookup.found);
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
