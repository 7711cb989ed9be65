import { toDbKey } from '../domain/titles.ts';
import type { PageLinksData } from '../domain/wiki.ts';
import type { WikitextAnalysis } from '../../wikitext/analyze.ts';

/**
 * What one revision's wikitext contributes to the link tables (MediaWiki's LinksUpdate): links,
 * categories, templates, file uses, interlanguage links, external links and page properties (`noindex` for
 * __NOINDEX__, `disambiguation` for __DISAMBIG__ as Disambiguator sets it, `hiddencat` for __HIDDENCAT__; the page images, which need the media repository, are added by page-images-update.ts).
 * Shared by the local wiki's edits and by dump imports so both fill the tables the same way.
 */
export function linksDataFromAnalysis(a: WikitextAnalysis): PageLinksData {
  const properties: Record<string, string> = {};
  if (a.noindex) properties.noindex = '';
  if (a.disambiguation) properties.disambiguation = '';
  if (a.hiddencat) properties.hiddencat = '';
  return {
    links: a.links.map((l) => ({ namespace: l.namespace, title: toDbKey(l.title) })),
    categories: a.categories.map((c) => ({ category: toDbKey(c.title), sortkey: c.sortKey })),
    templates: a.templates.map((t) => ({ namespace: t.namespace, title: toDbKey(t.title) })),
    images: [...new Set(a.files.map((f) => toDbKey(f.title)))],
    langlinks: a.langlinks.map((l) => ({ lang: l.lang, title: l.title })),
    externalLinks: [...a.externalLinks],
    properties,
  };
}

/** How many rows `data` puts in the link tables (what writing it costs). */
export function countLinkRows(data: PageLinksData): number {
  return (
    data.links.length +
    data.categories.length +
    data.templates.length +
    data.images.length +
    data.langlinks.length +
    data.externalLinks.length +
    Object.keys(data.properties).length
  );
}
