// analyzeWikitext against wikiparser-node on every page of ../shared/data/wikitext: English
// Wikipedia articles, and German ones (recognised by their [[Kategorie:]] links).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultNamespaces, type NamespaceInfo } from '../../../../src/core/domain/namespaces.ts';
import { dewiki } from '../wikis.ts';
import { ACCEPTED_ITEMS, classify, itemKey, type Classified } from './accepted.ts';
import { differences, oracle, oracleWiki, ours } from './compare.ts';
import { summarize } from './dump-suite.ts';

const WIKITEXT_DIR = resolve(process.cwd(), '../shared/data/wikitext');
const TIMEOUT = 300_000;

const extra = (id: number, name: string): NamespaceInfo => ({
  id,
  name,
  canonical: name,
  aliases: [],
  content: false,
  case: 'first-letter',
});

const ENWIKI = oracleWiki('enwiki', [
  ...defaultNamespaces(),
  extra(100, 'Portal'),
  extra(118, 'Draft'),
  extra(710, 'TimedText'),
]);
// SORTIERUNG is dewiki's DEFAULTSORT: we know it built in, the oracle is told.
const DEWIKI = oracleWiki('dewiki', [...dewiki().namespaces.list], { SORTIERUNG: 'defaultsort' });

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
        const files = readdirSync(WIKITEXT_DIR)
          .filter((f) => f.endsWith('.txt'))
          .sort();
        const classified: Classified = { counts: new Map(), listed: new Set(), unexpected: [] };
        for (const file of files) {
          const text = readFileSync(resolve(WIKITEXT_DIR, file), 'utf8');
          const wiki = text.includes('[[Kategorie:') ? DEWIKI : ENWIKI;
          const mine = ours(text, wiki);
          const theirs = oracle(text, wiki);
          const page = `wikitext/${file.replace(/\.txt$/, '')}`;
          classify(differences(page, mine, theirs), { text, ours: mine, oracle: theirs }, classified);
        }
        console.info(summarize('wikitext', { pages: files.length, classified }));
        expect(files.length).toBeGreaterThan(0);
        expect(classified.unexpected.map(itemKey)).toEqual([]);
        const stale = ACCEPTED_ITEMS.map(itemKey).filter(
          (k) => k.startsWith('wikitext/') && !classified.listed.has(k),
        );
        expect(stale, 'accepted differences that no longer occur').toEqual([]);
      },
    );
  },
);
