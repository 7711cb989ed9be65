import { defineConfig } from 'vitest/config';
import { oracleCorpus } from './vitest.config.ts';

/**
 * `npm run test:oracle`: the wikitext oracle corpus alone, every page of ../shared/data compared with
 * wikiparser-node (one test file per dump, so both cores of CI share them). Each test sets its own
 * timeout; a file skips with a message when ../shared/data is absent.
 */
export default defineConfig({
  test: {
    name: 'oracle',
    include: oracleCorpus,
    pool: 'forks',
    maxWorkers: 2,
  },
});
