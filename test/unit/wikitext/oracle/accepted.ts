// The differences between analyzeWikitext and the oracle (wikiparser-node) that we accept, each
// with the MediaWiki behaviour that justifies it. Most fall into a category: a predicate that
// recognises exactly that kind of difference on a page. What fits no category is listed item by
// item in ACCEPTED_ITEMS. Anything else fails the oracle tests.
import type { Difference, Findings, Kind } from './compare.ts';

/** One page as both sides saw it: what a category predicate may look at. */
export interface PageComparison {
  text: string;
  ours: Findings;
  oracle: Findings;
}

export interface DifferenceCategory {
  name: string;
  /** Why MediaWiki agrees with us, not with the oracle (or why neither side can know). */
  reason: string;
  matches: (d: Difference, page: PageComparison) => boolean;
}

export interface AcceptedItem extends Difference {
  reason: string;
}

const BIDI_MARKS = /[\u200E\u200F\u202A-\u202E]/g;
const UNICODE_SPACES = /[\u00A0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/g;

/** Splits "ns:Title" items (links, templates) into prefix and title; other kinds are all title. */
function splitItem(kind: Kind, item: string): [string, string] {
  if (kind !== 'link' && kind !== 'template') return ['', item];
  const colon = item.indexOf(':');
  return [item.slice(0, colon + 1), item.slice(colon + 1)];
}

function mapTitle(kind: Kind, item: string, f: (title: string) => string): string {
  const [prefix, title] = splitItem(kind, item);
  return prefix + f(title);
}

function foldSpaces(title: string): string {
  return title.replace(/[ _]+/g, ' ').trim();
}

/**
 * Whether `d` is one side of the same title spelt two ways, the oracle's way being `normalize`d
 * into ours: an only-oracle item whose normalized form we found, or an only-ours item that is the
 * normalized form of an only-oracle one.
 */
function isNormalizationOf(d: Difference, page: PageComparison, normalize: (title: string) => string) {
  const norm = (item: string) => mapTitle(d.kind, item, normalize);
  if (d.side === 'only-oracle') {
    const mine = norm(d.item);
    return mine !== d.item && page.ours[d.kind].has(mine);
  }
  for (const theirs of page.oracle[d.kind]) {
    if (theirs !== d.item && !page.ours[d.kind].has(theirs) && norm(theirs) === d.item) return true;
  }
  return false;
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Titles that `{{msgnw:X}}`, `{{msg:X}}` or `{{raw:X}}` transclude, in our item form. */
function modifierTransclusions(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/\{\{\s*(?:msgnw|msg|raw)\s*:([^{}|\n]+)/gi)) {
    const name = foldSpaces(m[1] ?? '');
    found.add(`10:${name.charAt(0).toUpperCase()}${name.slice(1)}`);
  }
  return found;
}

export const CATEGORIES: readonly DifferenceCategory[] = [
  {
    name: 'bidi marks stripped',
    reason:
      'MediaWiki drops U+200E, U+200F and U+202A–U+202E from titles (MediaWikiTitleCodec, T4413); ' +
      'the oracle keeps them, so "[[X\u200E]]" is "X" for us and "X\u200E" for it',
    matches: (d, page) => isNormalizationOf(d, page, (title) => foldSpaces(title.replace(BIDI_MARKS, ''))),
  },
  {
    name: 'Unicode spaces folded',
    reason:
      'MediaWiki folds U+3000, U+00A0 and the other Unicode spaces in titles into one space ' +
      '(MediaWikiTitleCodec::splitTitleString); the oracle keeps them ("森\u3000綾子")',
    matches: (d, page) =>
      isNormalizationOf(d, page, (title) => foldSpaces(title.replace(UNICODE_SPACES, ' '))),
  },
  {
    name: 'oracle uppercases ß',
    reason:
      'MediaWiki leaves a first letter alone when its uppercase is several letters (ß → SS), so ' +
      '[[ß]] links to "ß"; the oracle capitalizes it to "SS"',
    matches: (d, page) => {
      const [prefix, title] = splitItem(d.kind, d.item);
      if (d.side === 'only-oracle') {
        return title.startsWith('SS') && page.ours[d.kind].has(`${prefix}ß${title.slice(2)}`);
      }
      return title.startsWith('ß') && page.oracle[d.kind].has(`${prefix}SS${title.slice(1)}`);
    },
  },
  {
    name: 'template-built targets we cannot expand',
    reason:
      'MediaWiki expands templates, parameters and magic words before it reads links, so ' +
      '[[{{ns:Special}}:Search]], {{Lịch tháng 4 năm {{CURRENTYEAR}}}} or [[{{{1}}}]] (literal on ' +
      'the template page itself, hence no link) need an expansion neither side does; the oracle ' +
      'reports the unexpanded text as a title, we report nothing',
    matches: (d) => d.side === 'only-oracle' && /\{\{|\}\}/.test(d.item),
  },
  {
    name: 'titles over 255 bytes',
    reason:
      'MediaWiki rejects a title longer than 255 bytes of UTF-8, so such a [[link]] is plain ' +
      'text; the oracle accepts it',
    matches: (d) => d.side === 'only-oracle' && utf8Bytes(splitItem(d.kind, d.item)[1]) > 255,
  },
  {
    name: 'msgnw:/msg:/raw: transclusions',
    reason:
      '{{MSGNW:About}} (also msg:, raw:) transcludes Template:About and records it in ' +
      'templatelinks; the oracle treats the modifier as an unknown function and records nothing',
    matches: (d, page) =>
      d.kind === 'template' && d.side === 'only-ours' && modifierTransclusions(page.text).has(d.item),
  },
];

/**
 * `|-| [[A]] || [[B]]` in a table: MediaWiki reads everything after `|-` as the row's attributes
 * (Parser::handleTables runs before links are read) and Sanitizer drops them, so there are no
 * links; we do not model table syntax and see five.
 */
function tableRowAttribute(item: string): AcceptedItem {
  return {
    page: 'bnwiki-2023-truncated/গণিত',
    kind: 'link',
    side: 'only-ours',
    item,
    reason: 'a link in table row attributes (`|-| [[...]]`) is dropped by the Sanitizer',
  };
}

/** Differences no category covers, page by page. */
export const ACCEPTED_ITEMS: readonly AcceptedItem[] = [
  tableRowAttribute('0:পাটিগণিত'),
  tableRowAttribute('0:সংখ্যা তত্ত্ব'),
  tableRowAttribute('0:Abstract algebra'),
  tableRowAttribute('0:দল তত্ত্ব'),
  tableRowAttribute('0:ক্রম তত্ত্ব'),
];

export interface Classified {
  /** Accepted differences per category name (and 'listed' for ACCEPTED_ITEMS). */
  counts: Map<string, number>;
  /** ACCEPTED_ITEMS keys that matched. */
  listed: Set<string>;
  unexpected: Difference[];
}

export function itemKey(d: Difference): string {
  return `${d.page}\t${d.kind}\t${d.side}\t${d.item}`;
}

const listedKeys = new Set(ACCEPTED_ITEMS.map(itemKey));

/**
 * The ACCEPTED_ITEMS on pages under `pagePrefix` ("bnwiki-2023-truncated/") that `classified` never
 * met. Only a comparison of every page under the prefix can call them stale: a sample may simply
 * not have read their page.
 */
export function staleItems(pagePrefix: string, classified: Classified): string[] {
  return ACCEPTED_ITEMS.map(itemKey).filter((k) => k.startsWith(pagePrefix) && !classified.listed.has(k));
}

/** Sorts each difference into the first category that recognises it, the item list, or unexpected. */
export function classify(differences: readonly Difference[], page: PageComparison, into: Classified): void {
  for (const d of differences) {
    const category = CATEGORIES.find((c) => c.matches(d, page));
    if (category) {
      into.counts.set(category.name, (into.counts.get(category.name) ?? 0) + 1);
    } else if (listedKeys.has(itemKey(d))) {
      into.counts.set('listed', (into.counts.get('listed') ?? 0) + 1);
      into.listed.add(itemKey(d));
    } else {
      into.unexpected.push(d);
    }
  }
}
