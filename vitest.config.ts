import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure rules, no database) and `db` (database and API tests).
// `npm test` runs both on embedded PGlite; CI runs `db` again with TEST_DATABASE_URL
// pointing at a PostgreSQL server.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: ['src/**/*.db.test.ts'],
        },
      },
      {
        test: {
          name: 'db',
          sequence: { groupOrder: 1 },
          include: ['src/**/*.db.test.ts', 'test/api/**/*.test.ts', 'test/db/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite instances are single-threaded WASM; two workers use both cores.
          maxWorkers: 2,
        },
      },
    ],
  },
});
