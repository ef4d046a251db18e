import { defineConfig } from 'vitest/config';

// Unit tests of the web app's pure helpers (decimal arithmetic, 大写金额):
// `npx vitest run --config web/vitest.config.ts`.
export default defineConfig({
  test: {
    name: 'web',
    root: new URL('.', import.meta.url).pathname,
    include: ['src/**/*.test.ts'],
  },
});
