// The oracle comparison of oracle/ (analyzeWikitext against wikiparser-node, the same accepted
// differences) on a fixed sample of ../shared/data: the first SAMPLE_PAGES wikitext pages of each
// dump and the first SAMPLE_FILES files of wikitext/, in name order. The whole corpus takes minutes
// and runs in `npm run test:oracle`. A sample fails on any unexpected difference but never calls an
// accepted one stale: it does not read every page.
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itemKey } from './oracle/accepted.ts';
import { DUMP_DIR, compareDump, summarize } from './oracle/dump-suite.ts';
import { WIKITEXT_DIR, compareWikitextFiles, listWikitextFiles } from './oracle/wikitext-files.ts';

const SAMPLE_PAGES = 10;
const SAMPLE_FILES = 10;

const dumps = existsSync(DUMP_DIR)
  ? readdirSync(DUMP_DIR)
      .filter((f) => f.endsWith('.xml.bz2'))
      .sort()
  : [];

describe(`oracle sample: the first ${SAMPLE_PAGES} wikitext pages of each dump`, () => {
  if (dumps.length === 0) it.skip(`skipped: ${DUMP_DIR} is absent (../shared/data is not checked out)`);
  else {
    it.each(dumps)('finds in %s what wikiparser-node finds, up to accepted differences', async (file) => {
      const name = file.replace(/\.xml\.bz2$/, '');
      const result = await compareDump(resolve(DUMP_DIR, file), name, SAMPLE_PAGES);
      console.info(summarize(`${name} (sample)`, result));
      expect(result.pages).toBeGreaterThan(0);
      expect(result.classified.unexpected.map(itemKey)).toEqual([]);
    });
  }
});

const files = listWikitextFiles().slice(0, SAMPLE_FILES);
describe(`oracle sample: the first ${SAMPLE_FILES} files of ../shared/data/wikitext`, () => {
  if (files.length === 0) it.skip(`skipped: ${WIKITEXT_DIR} is absent (../shared/data is not checked out)`);
  else {
    it('finds what wikiparser-node finds, up to accepted differences', () => {
      const classified = compareWikitextFiles(files);
      console.info(summarize('wikitext (sample)', { pages: files.length, classified }));
      expect(classified.unexpected.map(itemKey)).toEqual([]);
    });
  }
});
