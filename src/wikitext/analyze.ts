import { resolveContext, type WikitextContext } from './context.ts';
import { leadImageCandidates, type LeadImageCandidate } from './lead-image.ts';
import { preprocessWikitext } from './preprocess.ts';
import { readRedirect } from './redirect.ts';
import type { RedirectTarget } from './redirect.ts';
import { hasReference } from './references.ts';
import { WikitextScanner, type FileSource } from './scanner.ts';
import { snippetOf } from './snippet.ts';

export type { WikitextContext } from './context.ts';
export type { RedirectTarget } from './redirect.ts';
export { makeSnippet } from './snippet.ts';

export interface PageRef {
  namespace: number;
  /** Display form without namespace prefix ("Foo bar"). */
  title: string;
}

export interface Section {
  /** 1-based over all headings, as MediaWiki numbers sections for editing (`section=N`). */
  index: number;
  /** Heading wikitext between the `=` signs, trimmed. */
  title: string;
  level: number;
  /** UTF-16 offset of the heading line in the analyzed text. */
  offset: number;
}

export interface Level2Section {
  /** MediaWiki's section index (as in Section). */
  index: number;
  /** 1-based among level-2 headings: GrowthExperiments' section number. */
  number: number;
  title: string;
  /**
   * Files used from this heading to the next level-2 heading (its subsections included), display
   * titles in document order, deduplicated: what a section-level image suggestion compares.
   */
  files: string[];
}

export interface WikitextAnalysis {
  redirectTarget: RedirectTarget | null;
  /** Links to local pages, first-seen order, deduplicated; [[:Category:X]] and [[:File:X]] included. */
  links: PageRef[];
  /** Deduplicated in first-seen order; a repeated category keeps its last sort key, as MediaWiki does. */
  categories: { title: string; sortKey: string }[];
  /** Templates, and modules called by {{#invoke:}} (namespace 828), in document order, deduplicated. */
  templates: PageRef[];
  /** File uses in document order, deduplicated by title keeping the first use's source. */
  files: { title: string; source: FileSource }[];
  /** External link URLs (external-links.ts), deduplicated in first-seen order. */
  externalLinks: string[];
  /** One per language, the first link wins. */
  langlinks: { lang: string; title: string }[];
  references: { count: number; hasReference: boolean };
  sections: Section[];
  level2Sections: Level2Section[];
  /** The images PageImages scores, in its order (lead-image.ts); core/domain/page-images.ts chooses. */
  leadImageCandidates: LeadImageCandidate[];
  /** PageTriage's snippet tag (snippet.ts). */
  snippet: string;
  noindex: boolean;
  /** `__DISAMBIG__` on the page itself (a disambiguation template's switch is not seen: templates are not expanded). */
  disambiguation: boolean;
  /** `__HIDDENCAT__`: a category page that hides itself from its members' category lists. */
  hiddencat: boolean;
  hasInfobox: boolean;
}

/**
 * Everything the queues need from one page's wikitext, without templates, database or network.
 * Findings are syntactic: a link passed to a template parameter counts even if the template would not
 * render it, and nothing a template would add is seen. Comments, `<nowiki>`, `<pre>`, `<math>`,
 * `<syntaxhighlight>` and the other non-wikitext extension tags hide their content; `<ref>`,
 * `<gallery>`, `<poem>` and `<references>` content is analyzed. Categories without a sort key get the
 * page's {{DEFAULTSORT:}} (else ''); `references.count` counts `<ref>` elements (self-closing reuse
 * included) and `{{#tag:ref}}`.
 *
 * Titles are in display form without namespace prefix: entities decoded, underscores and runs of
 * spaces folded, first letter uppercased unless the namespace is case-sensitive; wikilink, redirect
 * and gallery targets are also %-decoded, as MediaWiki decodes them (core/domain/titles.ts).
 */
export function analyzeWikitext(text: string, ctx: WikitextContext): WikitextAnalysis {
  const resolved = resolveContext(ctx);
  const redirect = readRedirect(text, resolved);
  const body = redirect === null ? text : blankRedirect(text, redirect.start, redirect.end);
  const pre = preprocessWikitext(body, resolved.extensionTags);
  const scanner = new WikitextScanner(resolved);
  if (redirect !== null && redirect.target.interwiki === undefined) {
    scanner.addPageLink(redirect.target.namespace, redirect.target.title);
  }
  scanner.scanDocument(pre);

  const sections: Section[] = scanner.headings.map((h, k) => ({
    index: k + 1,
    title: h.title,
    level: h.level,
    offset: pre.sourceOffset(h.position),
  }));
  const level2Sections = level2SectionsOf(scanner.headings, scanner.files);
  const defaultSort = scanner.defaultSort ?? '';
  const leadEnd = scanner.headings[0]?.position ?? Infinity;

  return {
    redirectTarget: redirect?.target ?? null,
    links: scanner.links,
    categories: [...scanner.categories].map(([title, sortKey]) => ({
      title,
      sortKey: sortKey ?? defaultSort,
    })),
    templates: dedupeTemplates(scanner.templates),
    files: dedupeFiles(scanner.files),
    externalLinks: [...new Set(scanner.externalLinks)],
    langlinks: [...scanner.langlinks].map(([lang, title]) => ({ lang, title })),
    references: { count: scanner.refCount, hasReference: hasReference(text, resolved) },
    sections,
    level2Sections,
    leadImageCandidates: leadImageCandidates(
      scanner.leadInfoboxImages,
      scanner.leadFiles,
      scanner.topTemplates,
      leadEnd,
    ),
    snippet: snippetOf(text, resolved),
    noindex: scanner.noindex,
    disambiguation: scanner.disambiguation,
    hiddencat: scanner.hiddencat,
    hasInfobox: scanner.hasInfobox,
  };
}

/**
 * Only the level-2 sections of `analyzeWikitext` with their files: the same scan, without the
 * snippet, references and the rest (what the suggestion generator reads of every article).
 */
export function analyzeLevel2Sections(text: string, ctx: WikitextContext): Level2Section[] {
  const resolved = resolveContext(ctx);
  const redirect = readRedirect(text, resolved);
  const body = redirect === null ? text : blankRedirect(text, redirect.start, redirect.end);
  const scanner = new WikitextScanner(resolved);
  scanner.scanDocument(preprocessWikitext(body, resolved.extensionTags));
  return level2SectionsOf(scanner.headings, scanner.files);
}

/** The level-2 sections with the files used in each (file orders and heading positions share a scale). */
function level2SectionsOf(
  headings: readonly { level: number; title: string; position: number }[],
  files: readonly { title: string; order: number }[],
): Level2Section[] {
  const out: (Level2Section & { start: number })[] = [];
  headings.forEach((h, k) => {
    if (h.level === 2)
      out.push({ index: k + 1, number: out.length + 1, title: h.title, files: [], start: h.position });
  });
  if (out.length === 0) return [];
  const sorted = [...files].sort((a, b) => a.order - b.order);
  let at = -1;
  for (const f of sorted) {
    while (at + 1 < out.length && (out[at + 1] as { start: number }).start <= f.order) at++;
    const section = out[at];
    if (section && !section.files.includes(f.title)) section.files.push(f.title);
  }
  return out.map(({ start: _, ...section }) => section);
}

/**
 * A redirect page is parsed without its redirect (magic word and link), whose target is a plain
 * page link (redirect.ts); newlines stay so that headings after it keep their line starts.
 */
function blankRedirect(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, ' ') + text.slice(end);
}

/** First use of each template, in document order (uses are recorded when their braces close). */
function dedupeTemplates(uses: { namespace: number; title: string; order: number }[]): PageRef[] {
  const first = new Map<string, { namespace: number; title: string; order: number }>();
  for (const u of uses) {
    const key = `${u.namespace}:${u.title}`;
    const seen = first.get(key);
    if (!seen || u.order < seen.order) first.set(key, u);
  }
  return [...first.values()]
    .sort((a, b) => a.order - b.order)
    .map((u) => ({ namespace: u.namespace, title: u.title }));
}

function dedupeFiles(
  uses: { title: string; source: FileSource; order: number }[],
): WikitextAnalysis['files'] {
  const sorted = [...uses].sort((a, b) => a.order - b.order);
  const seen = new Map<string, FileSource>();
  for (const u of sorted) if (!seen.has(u.title)) seen.set(u.title, u.source);
  return [...seen].map(([title, source]) => ({ title, source }));
}
