import { escapeHtml } from '../domain/html.ts';
import { messageCatalog } from '../messages/message-catalog.ts';
import { NS_FILE } from '../domain/namespaces.ts';
import { encodeTitleForUrl, toDbKey } from '../domain/titles.ts';
import type { MediaFile } from '../domain/wiki.ts';
import type { MediaService } from '../media/media-service.ts';
import type { MediaRepository } from '../store/repositories/links-and-media.ts';
import type { PageRepository } from '../store/repositories/pages-and-revisions.ts';
import { analyzeWikitext } from '../../wikitext/analyze.ts';
import { renderWikitextHtml, type RenderedHeading } from '../../wikitext/render-html.ts';
import type { LoadedWiki } from './wiki-registry.ts';
import { wikitextContextOf } from './wikitext-context.ts';

/** A page's text as the reader sees it. */
export interface PageHtml {
  /** MediaWiki's `<div class="mw-parser-output">…</div>` (the wrapper class as asked). */
  html: string;
  headings: RenderedHeading[];
  /** Every `src` in the HTML: same-origin paths for files served here, else the repository's URLs. */
  imageUrls: string[];
}

/** What the reading renderer looks up before rendering: pages, the media repository's files. */
export interface PageHtmlDeps {
  pages: Pick<PageRepository, 'getManyByTitles'>;
  mediaFiles: Pick<MediaRepository, 'getMany'>;
  media: Pick<MediaService, 'repositoryOf' | 'thumbnail'>;
}

/**
 * The reading renderer of the embedded wiki (page views and action=parse): the wikitext renderer
 * (wikitext/render-html.ts) given what it cannot know itself, looked up in two reads — which linked
 * pages exist (red links) and the files of the wiki's media repository (sizes for thumbnails).
 * Page URLs are `/wiki/{title}` on the default wiki and `/{wiki}/wiki/{title}` on the others;
 * files served here keep their same-origin `/images/…` paths.
 */
export async function renderPageHtml(
  deps: PageHtmlDeps,
  wiki: LoadedWiki,
  defaultWiki: string,
  title: string,
  text: string,
  wrapClass = 'mw-parser-output',
): Promise<PageHtml> {
  const context = wikitextContextOf(wiki.namespaces);
  const analysis = analyzeWikitext(text, context);
  const refs = [
    ...analysis.links,
    ...analysis.files.map((f) => ({ namespace: NS_FILE, title: f.title })),
  ].map((r) => ({ namespace: r.namespace, title: toDbKey(r.title) }));
  const repo = deps.media.repositoryOf(wiki.info);
  const names = [...new Set(analysis.files.map((f) => toDbKey(f.title)))];
  const [pages, files] = await Promise.all([
    refs.length > 0 ? deps.pages.getManyByTitles(wiki.info.id, refs) : [],
    repo && names.length > 0 ? deps.mediaFiles.getMany(repo.repo, names) : [],
  ]);
  const existing = new Set(pages.map((p) => `${p.namespace}:${p.title}`));
  const byName = new Map<string, MediaFile>(files.map((f) => [f.name, f]));
  const path = wiki.info.id === defaultWiki ? '/wiki/' : `/${wiki.info.id}/wiki/`;
  const imageUrls: string[] = [];
  const rendered = renderWikitextHtml(text, {
    wikitext: context,
    title,
    siteName: wiki.info.sitename,
    redirectLabel: messageCatalog().text('redirectto', wiki.info.lang) ?? 'Redirect to:',
    pageUrl: (t) => path + encodeTitleForUrl(t),
    pageExists: (namespace, t) => existing.has(`${namespace}:${toDbKey(t)}`),
    fileRendition: (name, box) => {
      const file = byName.get(toDbKey(name));
      if (!file) return null;
      const thumb = deps.media.thumbnail(file, box);
      imageUrls.push(thumb.url);
      return thumb;
    },
  });
  const html =
    wrapClass === 'mw-parser-output'
      ? rendered.html
      : rendered.html.replace('<div class="mw-parser-output">', `<div class="${escapeHtml(wrapClass)}">`);
  return { html, headings: rendered.headings, imageUrls };
}
