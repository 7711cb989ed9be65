import { formatTitle, parseTitle } from '../domain/titles.ts';
import type { Page } from '../domain/wiki.ts';
import type { PageRepository, RevisionRepository } from '../store/repositories/pages-and-revisions.ts';
import { renderParagraphs } from './page-html.ts';
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
      /** The latest text as plain paragraphs, trimmed, none empty. */
      paragraphs: string[];
      /** Some subsystem asked for `noindex,nofollow` (review's NOINDEX, review-queue-reference.md §5). */
      noindex: boolean;
    };

/**
 * Reading views of the embedded wiki's pages: the latest text as plain paragraphs (the reading
 * renderer, page-html.ts) and the subsystems' robots decision.
 */
export class PageViews {
  constructor(
    private readonly deps: {
      store: { pages: PageRepository; revisions: RevisionRepository };
      wikis: WikiRegistry;
      robotsPolicies: readonly RobotsPolicy[];
    },
  ) {}

  async read(wikiId: string, rawTitle: string): Promise<PageView> {
    const { store, wikis, robotsPolicies } = this.deps;
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
    const paragraphs = renderParagraphs(rev?.text ?? '', wiki.namespaces);
    return { kind: 'page', title, lang, paragraphs, noindex: robots.includes('noindex') };
  }
}
