// analyzeWikitext against wikiparser-node on every page of ../shared/data/wikitext (see
// wikitext-files.ts). Runs in `npm run test:oracle`; `npm test` compares a sample.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { itemKey, staleItems } from './accepted.ts';
import { summarize } from './dump-suite.ts';
import { WIKITEXT_DIR, compareWikitextFiles, listWikitextFiles } from './wikitext-files.ts';

const TIMEOUT = 300_000;

const present = existsSync(WIKITEXT_DIR);
describe.skipIf(!present)(
  present
    ? 'oracle: every page of ../shared/data/wikitext'
    : `oracle: skipped, ${WIKITEXT_DIR} is absent (../shared/data is not checked out)`,
  () => {
    it(
      'finds the links, categories, templates and files wikiparser-node finds, up to accepted differences',
      { timeout: TIMEOUT },
      () => {
        const files = listWikitextFiles();
        const classified = compareWikitextFiles(files);
        console.info(summarize('wikitext', { pages: files.length, classified }));
        expect(files.length).toBeGreaterThan(0);
        expect(classified.unexpected.map(itemKey)).toEqual([]);
        expect(staleItems('wikitext/', classified), 'accepted differences that no longer occur').toEqual([]);
      },
    );
  },
);
