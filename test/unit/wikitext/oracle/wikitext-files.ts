// The oracle comparison on ../shared/data/wikitext: raw articles, English and German ones (recognised
// by their [[Kategorie:]] links), each compared with the namespaces of its wiki.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultNamespaces, type NamespaceInfo } from '../../../../src/core/domain/namespaces.ts';
import { dewiki } from '../wikis.ts';
import { classify, type Classified } from './accepted.ts';
import { differences, oracle, oracleWiki, ours } from './compare.ts';

export const WIKITEXT_DIR = resolve(process.cwd(), '../shared/data/wikitext');

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

/** The .txt files of WIKITEXT_DIR in name order; none when the folder is absent. */
export function listWikitextFiles(): string[] {
  if (!existsSync(WIKITEXT_DIR)) return [];
  return readdirSync(WIKITEXT_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort();
}

/** Compares both sides on each of `files` (names in WIKITEXT_DIR); pages are "wikitext/<name>". */
export function compareWikitextFiles(files: readonly string[]): Classified {
  const classified: Classified = { counts: new Map(), listed: new Set(), unexpected: [] };
  for (const file of files) {
    const text = readFileSync(resolve(WIKITEXT_DIR, file), 'utf8');
    const wiki = text.includes('[[Kategorie:') ? DEWIKI : ENWIKI;
    const mine = ours(text, wiki);
    const theirs = oracle(text, wiki);
    const page = `wikitext/${file.replace(/\.txt$/, '')}`;
    classify(differences(page, mine, theirs), { text, ours: mine, oracle: theirs }, classified);
  }
  return classified;
}
