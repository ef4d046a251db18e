// Browser (end-to-end) tests: `npm run test:e2e` (builds web/dist if needed, then this).
// Each *.e2e.test.ts file starts its own server (fresh embedded database with demo data)
// and its own chromium through test/e2e/harness.ts — see the notes at the top of it.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  test: {
    root,
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    // One file at a time: each drives a real server and a real browser (2 CPUs in CI).
    fileParallelism: false,
    maxWorkers: 1,
    // A server start (migrations + demo data) takes ~10 s; a browser step a few seconds.
    testTimeout: 90_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // expect.poll(() => …) waits for what the page fills in asynchronously
    expect: { poll: { timeout: 10_000, interval: 100 } },
    // A flaky browser test is a bug to fix, not to retry away.
    retry: 0,
    reporters: ['default'],
  },
});
