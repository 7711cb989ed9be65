import { defineConfig } from 'vitest/config';

/**
 * Project "sqlite" runs every test on the embedded default. Project "postgres" (only when
 * TEST_POSTGRES_URL is set) runs the service and API suites again on PostgreSQL; the store contract
 * suite runs on both backends by itself (test/contract).
 */
const postgresSuites = ['test/http/**/*.test.ts', 'test/review/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Test files are mostly waiting on SQLite, PostgreSQL or the oracle parser: use both cores of CI.
    maxWorkers: 2,
    projects: [
      { extends: true as const, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      ...(process.env.TEST_POSTGRES_URL
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: postgresSuites,
                env: { WIKIQUEUE_TEST_BACKEND: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
