// The reading renderer (render-html.ts) against wikiparser-node's HTML (Parser.parse(text).toHtml(),
// an independent MediaWiki parser) on real English Wikipedia articles from ../shared/data/wikitext
// (German and Norwegian ones, known by their Kategorie:/Kategori: links, are left out):
// the same headings (level and text, in order), as many list items and table cells, the same
// internal link targets and as many external links. The data folder is not part of the repository;
// WIKIQUEUE_SHARED_DATA points at it from a worktree elsewhere, and the test skips when it is absent.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import Parser from 'wikiparser-node';
import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities } from '../../../src/core/domain/html-entities.ts';
import { isDefaultInterwikiPrefix } from '../../../src/core/domain/interwiki.ts';
import { renderWikitextHtml } from '../../../src/wikitext/render-html.ts';
import { enwiki } from './wikis.ts';

const DATA_DIR = resolve(
  process.env.WIKIQUEUE_SHARED_DATA ?? resolve(process.cwd(), '../shared/data'),
  'wikitext',
);
const SAMPLE = 30;

/**
 * Differences that are choices, not mistakes; each is taken out of the comparison, counted, and
 * must still occur in the sample (a rule that no longer applies is removed, not kept):
 * - `category-box`: the oracle renders the skin's category box (a list of Category: links and
 *   Special:Categories); MediaWiki's parser output, like ours, has no such list;
 * - `interwiki-text`: `[[wikt:word]]` links to another wiki; with no interwiki map here ours shows
 *   the text, the oracle a link under /wiki/;
 * - `rendered-template`: ours renders infoboxes, citation templates and footnote lists, which the
 *   oracle shows as a red link to the template (templates are not expanded on either side).
 */
type Accepted = 'category-box' | 'interwiki-text' | 'rendered-template';

const textOf = (html: string) =>
  decodeHtmlEntities(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;

function linkTargets(html: string): string[] {
  return [...html.matchAll(/<a href="\/wiki\/([^"]*)"/g)].map((m) => {
    const href = decodeHtmlEntities(m[1] ?? '').replace(/[?#].*$/, '');
    return decodeURIComponent(href).replace(/_/g, ' ');
  });
}

interface Measures {
  headings: string[];
  listItems: number;
  tableCells: number;
  links: string[];
  externalLinks: number;
}

function oursOf(text: string, accepted: Map<Accepted, number>): Measures {
  const rendered = renderWikitextHtml(text, {
    wikitext: enwiki(),
    pageUrl: (title) => `/wiki/${encodeURIComponent(title.replace(/ /g, '_'))}`,
    fileRendition: () => null,
  });
  const templates =
    /<table class="infobox">[\s\S]*?<\/table>|<cite class="citation">[\s\S]*?<\/cite>|<div class="mw-references-wrap">[\s\S]*?<\/ol><\/div>/g;
  const found = count(rendered.html, templates);
  if (found > 0) accepted.set('rendered-template', (accepted.get('rendered-template') ?? 0) + found);
  const body = rendered.html.replace(templates, '');
  return {
    headings: rendered.headings.map((h) => `${h.level} ${h.text}`),
    listItems: count(body, /<li\b/g),
    tableCells: count(body, /<t[dh]\b/g),
    links: linkTargets(body).filter((l) => !l.startsWith('Category:')),
    externalLinks: count(body, /class="external/g),
  };
}

function oracleOf(text: string, accepted: Map<Accepted, number>): Measures {
  Parser.config = 'enwiki';
  const html = Parser.parse(text).toHtml();
  const note = (kind: Accepted, n: number) => {
    if (n > 0) accepted.set(kind, (accepted.get(kind) ?? 0) + n);
  };
  const categoryItems = count(html, /<li><a href="\/wiki\/Category%3A/g);
  note('category-box', categoryItems);
  const links: string[] = [];
  for (const target of linkTargets(html)) {
    if (target.startsWith('Template:')) note('rendered-template', 1);
    else if (target.startsWith('Category:') || target === 'Special:Categories') note('category-box', 1);
    else if (
      target.includes(':') &&
      isDefaultInterwikiPrefix(target.slice(0, target.indexOf(':')).toLowerCase())
    )
      note('interwiki-text', 1);
    else links.push(target);
  }
  return {
    headings: [...html.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g)].map(
      (m) => `${m[1]} ${textOf(m[2] ?? '')}`,
    ),
    listItems: count(html, /<li\b/g) - categoryItems,
    tableCells: count(html, /<t[dh]\b/g),
    links,
    externalLinks: count(html, /class="external/g),
  };
}

const files = existsSync(DATA_DIR)
  ? readdirSync(DATA_DIR)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .filter((f) => !/\[\[Kategori(e)?:/.test(readFileSync(resolve(DATA_DIR, f), 'utf8')))
      .slice(0, SAMPLE)
  : [];

describe('the reading renderer against wikiparser-node on real articles', () => {
  if (files.length === 0) {
    it.skip(
      `skipped: ${DATA_DIR} is absent (../shared/data is not checked out; WIKIQUEUE_SHARED_DATA names it)`,
    );
    return;
  }
  const accepted = new Map<Accepted, number>();

  it.each(files)('renders %s with the structure the oracle finds', (file) => {
    const text = readFileSync(resolve(DATA_DIR, file), 'utf8');
    const ours = oursOf(text, accepted);
    const oracle = oracleOf(text, accepted);
    expect(ours.headings).toEqual(oracle.headings);
    expect(ours.listItems).toBe(oracle.listItems);
    expect(ours.tableCells).toBe(oracle.tableCells);
    expect([...new Set(ours.links)].sort()).toEqual([...new Set(oracle.links)].sort());
    expect(ours.externalLinks).toBe(oracle.externalLinks);
  });

  it('still meets every accepted difference in the sample', () => {
    console.info(`accepted differences: ${JSON.stringify(Object.fromEntries(accepted))}`);
    expect([...accepted.keys()].sort()).toEqual(['category-box', 'interwiki-text', 'rendered-template']);
  });
});
