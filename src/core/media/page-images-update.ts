import { NS_MEDIAWIKI } from '../domain/namespaces.ts';
import {
  BAD_IMAGE_LIST_PAGE,
  choosePageImages,
  PAGE_IMAGES_DENYLIST_PAGE,
  PAGE_IMAGES_NAMESPACES,
  parseBadImageList,
  parseDenylist,
  type PageImageChoice,
  type PageImageExclusions,
  type PageImageFile,
} from '../domain/page-images.ts';
import { toDbKey } from '../domain/titles.ts';
import type { PageLinksData } from '../domain/wiki.ts';
import type { Repositories } from '../store/store.ts';
import type { NamespaceTable } from '../domain/namespaces.ts';
import type { WikiRegistry } from '../wikis/wiki-registry.ts';
import type { LeadImageCandidate } from '../../wikitext/lead-image.ts';

const PREFETCH_BATCH = 500;

/** The repository whose files `wiki` shows: itself when it is one, else the shared one. */
export function mediaRepoFor(
  wiki: { isMediaRepo?: boolean; id: string },
  wikis: WikiRegistry,
): string | undefined {
  return wiki.isMediaRepo ? wiki.id : wikis.mediaRepo()?.info.id;
}

/** The wiki a links update is for: its id and namespaces. */
export interface PageImagesWiki {
  id: string;
  namespaces: NamespaceTable;
}

/** Whether an edit of this page changes which files may be page images (the lists PageImages reads). */
export function isPageImagesListPage(namespace: number, dbKey: string): boolean {
  return namespace === NS_MEDIAWIKI && (dbKey === BAD_IMAGE_LIST_PAGE || dbKey === PAGE_IMAGES_DENYLIST_PAGE);
}

/**
 * The PageImages part of a links update (core/domain/page-images.ts), inside the caller's
 * transaction: the candidates' files from the media repository, the wiki's bad image list and
 * PageImages denylist from their pages' current text (read once per instance, so a dump import
 * batch reads them once). Sets `page_image_free` / `page_image` on the link data's properties.
 */
export class PageImagesUpdate {
  readonly #tx: Repositories;
  readonly #wiki: PageImagesWiki;
  readonly #mediaRepo: string | undefined;
  #exclusions: Promise<PageImageExclusions> | undefined;
  /** Files looked up so far, by DB key; null when the repository has none. */
  readonly #files = new Map<string, PageImageFile | null>();

  constructor(tx: Repositories, wiki: PageImagesWiki, mediaRepo: string | undefined) {
    this.#tx = tx;
    this.#wiki = wiki;
    this.#mediaRepo = mediaRepo;
  }

  /** Replaces the page-image properties of `links` with those chosen for the page. */
  async apply(
    page: { namespace: number; dbKey: string },
    candidates: readonly LeadImageCandidate[],
    links: PageLinksData,
  ): Promise<void> {
    delete links.properties.page_image_free;
    delete links.properties.page_image;
    Object.assign(links.properties, await this.choose(page, candidates));
  }

  async choose(
    page: { namespace: number; dbKey: string },
    candidates: readonly LeadImageCandidate[],
  ): Promise<PageImageChoice> {
    if (!PAGE_IMAGES_NAMESPACES.has(page.namespace) || candidates.length === 0 || !this.#mediaRepo) return {};
    const names = [...new Set(candidates.map((c) => toDbKey(c.title)))];
    await this.prefetch(names);
    const files = new Map<string, PageImageFile>();
    for (const name of names) {
      const file = this.#files.get(name);
      if (file) files.set(name, file);
    }
    if (files.size === 0) return {};
    return choosePageImages(page, candidates, files, await this.exclusions());
  }

  /** Looks up the files (DB keys) not looked up yet, in batches: one query for a whole import batch. */
  async prefetch(names: readonly string[]): Promise<void> {
    const missing = [...new Set(names.filter((n) => !this.#files.has(n)))];
    if (!this.#mediaRepo || missing.length === 0) return;
    for (let i = 0; i < missing.length; i += PREFETCH_BATCH) {
      const chunk = missing.slice(i, i + PREFETCH_BATCH);
      for (const name of chunk) this.#files.set(name, null);
      for (const f of await this.#tx.media.getMany(this.#mediaRepo, chunk)) this.#files.set(f.name, f);
    }
  }

  exclusions(): Promise<PageImageExclusions> {
    this.#exclusions ??= this.#readExclusions();
    return this.#exclusions;
  }

  async #readExclusions(): Promise<PageImageExclusions> {
    const ns = this.#wiki.namespaces;
    const badImages = parseBadImageList(await this.#text(BAD_IMAGE_LIST_PAGE), ns);
    const denylist = parseDenylist(await this.#text(PAGE_IMAGES_DENYLIST_PAGE), ns);
    return { badImages, denylist };
  }

  async #text(dbKey: string): Promise<string> {
    const page = await this.#tx.pages.getByTitle(this.#wiki.id, NS_MEDIAWIKI, dbKey);
    if (!page) return '';
    return (await this.#tx.revisions.get(this.#wiki.id, page.latestRevId))?.text ?? '';
  }
}

/**
 * The files whose page-image eligibility an edit of a list page changes: every file named on the
 * list before or after (their users are re-evaluated, "except on" pages included).
 */
export function filesOnLists(before: string, after: string, ns: NamespaceTable): string[] {
  const names = new Set<string>();
  for (const text of [before, after]) {
    for (const name of parseBadImageList(text, ns).keys()) names.add(name);
    for (const name of parseDenylist(text, ns)) names.add(name);
  }
  return [...names];
}
