// One oracle test per dump of ../shared/data/dumps (one test file per dump, so vitest runs them in
// parallel workers): every page whose latest revision is wikitext, in every namespace, analysed
// once by each side with the wiki's own namespaces from siteinfo. These run in `npm run test:oracle`;
// `npm test` compares a sample (../oracle-sample.test.ts).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../../../src/wiki-source/local/dump/read-dump.ts';
import { classify, itemKey, staleItems, type Classified } from './accepted.ts';
import { differences, oracle, oracleWiki, ours, type OracleWiki } from './compare.ts';

export const DUMP_DIR = resolve(process.cwd(), '../shared/data/dumps');
/** The largest dump takes about a minute on one core; leave room for a busy machine. */
const DUMP_TIMEOUT = 600_000;

export interface DumpComparison {
  pages: number;
  classified: Classified;
}

/** Compares both sides on every wikitext page of one dump, or on its first `limit` wikitext pages. */
export async function compareDump(path: string, name: string, limit = Infinity): Promise<DumpComparison> {
  const classified: Classified = { counts: new Map(), listed: new Set(), unexpected: [] };
  let wiki: OracleWiki | undefined;
  let pages = 0;
  for await (const item of readDump(path)) {
    if (item.kind === 'siteinfo') {
      wiki = oracleWiki(item.siteinfo.dbname, item.siteinfo.namespaces);
      continue;
    }
    if (item.kind !== 'page') continue;
    const revision = item.page.revisions.at(-1);
    if (!revision || revision.model !== 'wikitext') continue;
    if (!wiki) throw new Error(`${name}: a page came before the siteinfo`);
    const mine = ours(revision.text, wiki);
    const theirs = oracle(revision.text, wiki);
    const page = { text: revision.text, ours: mine, oracle: theirs };
    classify(differences(`${name}/${item.page.title}`, mine, theirs), page, classified);
    pages++;
    if (pages >= limit) break;
  }
  return { pages, classified };
}

export function summarize(name: string, { pages, classified }: DumpComparison): string {
  const counts = [...classified.counts].map(([category, n]) => `  ${category}: ${n}`);
  return [`oracle ${name}: ${pages} pages compared; accepted differences:`, ...counts].join('\n');
}

export function describeDumpComparison(file: string): void {
  const path = resolve(DUMP_DIR, file);
  const name = file.replace(/\.xml\.bz2$/, '');
  const present = existsSync(path);
  describe.skipIf(!present)(
    present
      ? `oracle: every page of ${name}`
      : `oracle: skipped, ${path} is absent (../shared/data is not checked out)`,
    () => {
      it(
        'finds the links, categories, templates and files wikiparser-node finds, up to accepted differences',
        { timeout: DUMP_TIMEOUT },
        async () => {
          const result = await compareDump(path, name);
          console.info(summarize(name, result));
          expect(result.pages).toBeGreaterThan(0);
          expect(result.classified.unexpected.map(itemKey)).toEqual([]);
          const stale = staleItems(`${name}/`, result.classified);
          expect(stale, 'accepted differences that no longer occur').toEqual([]);
        },
      );
    },
  );
}
