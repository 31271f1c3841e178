import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser is found once, before any test file runs; a run that had to skip browser tests says so.
    globalSetup: ['test/setup/browser.ts'],
    reporters: ['default', './test/setup/browser-notice.ts'],
    testTimeout: 30_000,
    hookTimeout: 600_000,
    // End-to-end tests build the site; they run in their own files, one at a time.
    fileParallelism: false,
    // Ingest remembers inbox file stats in the user's cache folder; tests keep theirs apart.
    env: { XDG_CACHE_HOME: path.join(tmpdir(), 'fieldnotes-test-cache') },
  },
});
