import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Project "sqlite" runs every test on the embedded default. Project "postgres" (only when
 * TEST_POSTGRES_URL is set) runs every suite that touches the store again on PostgreSQL (the
 * embedded wiki, accounts, jobs, import, the demo, the API, review, the wiki-source port and the
 * security suite); the
 * store contract suite runs on both backends by itself (test/contract). The wikitext oracle corpus
 * is not part of this run: it has its own config (vitest.oracle.config.ts, `npm run test:oracle`), and this run compares
 * a sample of it (test/unit/wikitext/oracle-sample.test.ts).
 */
const postgresSuites = [
  'test/http/**/*.test.ts',
  'test/review/**/*.test.ts',
  'test/services/**/*.test.ts',
  'test/jobs/**/*.test.ts',
  'test/demo/**/*.test.ts',
  'test/events/**/*.test.ts',
  'test/wiki-source/**/*.test.ts',
  'test/security/**/*.test.ts',
  'test/cli/**/*.test.ts',
  'test/suggestions/**/*.test.ts',
  'test/tasks/**/*.test.ts',
  'test/pagequeue/**/*.test.ts',
];
/** Suites that open both databases themselves (or one on purpose): run once, in the sqlite project. */
const ownBackends = [
  'test/review/review-queue-planner.test.ts',
  'test/review/reviewed-count-migration.test.ts',
  'test/review/review-queue-sql.test.ts',
  'test/jobs/postgres-delivery.test.ts',
  'test/jobs/scheduler.test.ts',
  'test/jobs/schedules-migration.test.ts',
  'test/pagequeue/page-queue-processes.test.ts',
];

/** Every real page against wikiparser-node: about four minutes of CPU. */
export const oracleCorpus = ['test/unit/wikitext/oracle/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Test files are mostly waiting on SQLite, PostgreSQL or the oracle parser: use both cores of CI.
    maxWorkers: 2,
    // The web interface's browser tests (test/e2e/ui/) load the built app: build it first.
    globalSetup: ['test/e2e/ui/build-ui.global.ts'],
    projects: [
      {
        extends: true as const,
        test: {
          name: 'sqlite',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...oracleCorpus],
        },
      },
      ...(process.env.TEST_POSTGRES_URL
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: postgresSuites,
                exclude: ownBackends,
                env: { WIKIQUEUE_TEST_BACKEND: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
