import { formatTitle, parseTitle } from '../domain/titles.ts';
import type { Page } from '../domain/wiki.ts';
import type { MediaRepository } from '../store/repositories/links-and-media.ts';
import type { PageRepository, RevisionRepository } from '../store/repositories/pages-and-revisions.ts';
import { renderPageHtml, type PageHtml, type PageHtmlDeps } from './page-html.ts';
import type { WikiRegistry } from './wiki-registry.ts';

/** A subsystem's say on whether a page view may be indexed (SubsystemParts.robotsPolicy). */
export type RobotsPolicy = (page: Page) => Promise<'noindex' | undefined>;

/** What a reading view of `/wiki/{title}` shows. */
export type PageView =
  | { kind: 'nosuchwiki' }
  | { kind: 'badtitle'; input: string }
  /** `title` is the display form with the localized namespace; `lang` the wiki's content language. */
  | { kind: 'missing'; title: string; lang: string }
  | {
      kind: 'page';
      title: string;
      /** The wiki's content language, which the page is written in. */
      lang: string;
      /** The latest text rendered for reading (page-html.ts), with the image URLs it shows. */
      content: PageHtml;
      /** Some subsystem asked for `noindex,nofollow` (review's NOINDEX, review-queue-reference.md §5). */
      noindex: boolean;
    };

/**
 * Reading views of the embedded wiki's pages: the latest text rendered as HTML (the reading
 * renderer, page-html.ts) and the subsystems' robots decision.
 */
export class PageViews {
  constructor(
    private readonly deps: {
      store: { pages: PageRepository; revisions: RevisionRepository; media: MediaRepository };
      wikis: WikiRegistry;
      media: PageHtmlDeps['media'];
      defaultWiki: string;
      robotsPolicies: readonly RobotsPolicy[];
    },
  ) {}

  async read(wikiId: string, rawTitle: string): Promise<PageView> {
    const { store, wikis, robotsPolicies, media, defaultWiki } = this.deps;
    const wiki = await wikis.findFresh(wikiId);
    if (!wiki) return { kind: 'nosuchwiki' };
    const parsed = parseTitle(rawTitle, wiki.namespaces);
    if (!parsed.ok || parsed.title.interwiki !== '') return { kind: 'badtitle', input: rawTitle };
    const t = parsed.title;
    const title = formatTitle(t.namespace, t.dbKey, wiki.namespaces);
    const page = await store.pages.getByTitle(wiki.info.id, t.namespace, t.dbKey);
    const lang = wiki.info.lang;
    if (!page) return { kind: 'missing', title, lang };
    const [rev, ...robots] = await Promise.all([
      store.revisions.get(wiki.info.id, page.latestRevId),
      ...robotsPolicies.map((policy) => policy(page)),
    ]);
    const content = await renderPageHtml(
      { pages: store.pages, mediaFiles: store.media, media },
      wiki,
      defaultWiki,
      title,
      rev?.text ?? '',
    );
    return { kind: 'page', title, lang, content, noindex: robots.includes('noindex') };
  }
}
