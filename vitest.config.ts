import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 600_000,
    // End-to-end tests build the site; they run in their own files, one at a time.
    fileParallelism: false,
  },
});
