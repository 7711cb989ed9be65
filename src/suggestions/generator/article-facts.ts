import { toDbKey, tryParseTitle } from '../../core/domain/titles.ts';
import type { Page } from '../../core/domain/wiki.ts';
import type { LoadedWiki } from '../../core/wikis/wiki-registry.ts';
import { wikitextContextOf } from '../../core/wikis/wikitext-context.ts';
import { analyzeLevel2Sections } from '../../wikitext/analyze.ts';
import type { GeneratorSettings } from '../domain/generator-settings.ts';
import type { ArticleFacts, CounterpartFacts, FileFacts, SectionFacts } from '../domain/page-suggestions.ts';
import type { StoredSections } from '../store/generator-repository.ts';
import type { SuggestionsStore } from '../store/suggestions-store.ts';

/** What a run needs of one wiki, read once: its settings, siblings and media repository. */
export interface WikiPlan {
  wiki: LoadedWiki;
  settings: GeneratorSettings;
  contentNamespaces: number[];
  /** Language editions whose lead images feed this wiki's articles. */
  siblings: LoadedWiki[];
  mediaRepo: string;
  /** Every wiki served: file uses are counted over all of them. */
  family: string[];
  titlePatterns: RegExp[];
  /** Whether section-level suggestions are made (stored sections are read and kept current). */
  sections: boolean;
}

/**
 * Files kept between batches of a run (shape and whether overused), bounded: 20,000 keeps the
 * files many articles share (a 200,000 bound held 60 MB more for a run at 100,000 articles and
 * saved no time: most candidates are seen once). A full run passes
 * the family's overused files, found once with a scan per wiki; without them (an incremental
 * update of a few pages) each new file's uses are counted up to the threshold.
 */
export class FileCache {
  readonly #files = new Map<string, FileFacts | null>();
  readonly #limit: number;
  readonly #overused: ReadonlySet<string> | undefined;

  constructor(overused?: ReadonlySet<string>, limit = 20_000) {
    this.#overused = overused;
    this.#limit = limit;
  }

  /** The facts of `names` (absent: not on the repository), looked up in one go for those not cached. */
  async load(
    store: SuggestionsStore,
    plan: WikiPlan,
    names: Iterable<string>,
    overuse: number,
  ): Promise<Map<string, FileFacts>> {
    const wanted = [...new Set(names)];
    let missing = wanted.filter((n) => !this.#files.has(n));
    if (missing.length > 0) {
      // Full: start over, and look up the whole batch again (what was cached is gone).
      if (this.#files.size + missing.length > this.#limit) {
        this.#files.clear();
        missing = wanted;
      }
      const shapes = await store.media.getShapes(plan.mediaRepo, missing);
      let overused = this.#overused;
      if (!overused) {
        const usage = await store.links.fileUsageCounts(plan.family, [...shapes.keys()], overuse);
        overused = new Set([...usage].filter(([, n]) => n >= overuse).map(([name]) => name));
      }
      for (const n of missing) {
        const shape = shapes.get(n);
        this.#files.set(
          n,
          shape
            ? { name: n, width: shape.width, mediaType: shape.mediaType, overused: overused.has(n) }
            : null,
        );
      }
    }
    const out = new Map<string, FileFacts>();
    for (const n of wanted) {
      const f = this.#files.get(n);
      if (f) out.set(n, f);
    }
    return out;
  }
}

/**
 * A category named like the article with more files than this is a container (a region, a
 * genus), not a category of the subject: its files are not candidates.
 */
const SUBJECT_CATEGORY_MAX = 10;

const subjectFiles = (files: string[] | undefined): string[] =>
  files && files.length <= SUBJECT_CATEGORY_MAX ? files : [];

const NONE: ReadonlySet<string> = new Set();

const PROPS = ['page_image_free', 'page_image', 'wikibase_item', 'disambiguation'];

/**
 * The facts the generator decides on for a batch of a wiki's pages (content pages, not
 * redirects), read with a fixed number of queries per batch whatever its size: page properties,
 * exclusions, interlanguage links, the counterparts (one redirect followed) and their lead images,
 * sections (re-analysed where the stored ones are of an older revision), and the media
 * repository's categories named like the articles.
 */
export async function readArticleFacts(
  store: SuggestionsStore,
  plan: WikiPlan,
  pages: readonly Page[],
): Promise<ArticleFacts[]> {
  const wiki = plan.wiki.info.id;
  const ids = pages.map((p) => p.id);
  // One after the other: on SQLite the queries run one at a time anyway, and awaiting them
  // together only adds the driver's queueing (measured A/B in one process: runs 5-7% longer).
  const props = await store.links.pageProps(wiki, ids, PROPS);
  const among = await store.links.pagesAmong(wiki, ids, {
    categories: plan.settings.excludedCategories.map(toDbKey),
    templates: plan.settings.excludedTemplates.map(toDbKey),
  });
  const langlinks = await store.links.langlinksOf(wiki, ids);
  const judged = await store.suggestions.feedbackFilesOf(wiki, ids);

  // Counterparts per sibling wiki, by the linking page.
  const counterpartsOf = new Map<number, { sibling: LoadedWiki; page: Page }[]>();
  for (const sibling of plan.siblings) {
    const wanted = new Map<string, number[]>();
    const titles: { namespace: number; title: string }[] = [];
    for (const p of pages) {
      const link = langlinks.get(p.id)?.find((l) => l.lang === sibling.info.lang);
      const title = link && tryParseTitle(link.title, sibling.namespaces);
      if (!title) continue;
      const key = `${title.namespace}:${title.dbKey}`;
      if (!wanted.has(key)) titles.push({ namespace: title.namespace, title: title.dbKey });
      wanted.set(key, [...(wanted.get(key) ?? []), p.id]);
    }
    if (titles.length === 0) continue;
    const found = await followRedirects(
      store,
      sibling.info.id,
      await store.pages.getManyByTitles(sibling.info.id, titles),
    );
    for (const [key, page] of found) {
      for (const from of wanted.get(key) ?? []) {
        const list = counterpartsOf.get(from) ?? [];
        list.push({ sibling, page });
        counterpartsOf.set(from, list);
      }
    }
  }

  const leadImages = new Map<string, Map<number, string>>();
  const sections = new Map<string, Map<number, SectionFacts[]>>();
  for (const sibling of plan.siblings) {
    const theirs = [...counterpartsOf.values()]
      .flat()
      .filter((c) => c.sibling === sibling)
      .map((c) => c.page);
    if (theirs.length === 0) continue;
    const theirProps = await store.links.pageProps(
      sibling.info.id,
      theirs.map((p) => p.id),
      ['page_image_free'],
    );
    leadImages.set(
      sibling.info.id,
      new Map(
        [...theirProps]
          .map(([id, pr]) => [id, pr.page_image_free ?? ''] as const)
          .filter(([, f]) => f !== ''),
      ),
    );
    if (plan.sections) sections.set(sibling.info.id, await currentSections(store, sibling, theirs));
  }
  const ownSections = plan.sections
    ? await currentSections(
        store,
        plan.wiki,
        pages.filter((p) => counterpartsOf.has(p.id)),
      )
    : new Map<number, SectionFacts[]>();

  const needsCategory = pages.filter((p) => {
    const pr = props.get(p.id);
    return pr?.page_image_free === undefined && pr?.page_image === undefined;
  });
  const categoryFiles =
    needsCategory.length > 0
      ? await store.links.membersOfCategories(
          plan.mediaRepo,
          needsCategory.map((p) => p.title),
          { type: 'file', limitEach: SUBJECT_CATEGORY_MAX + 1 },
        )
      : new Map<string, string[]>();

  return pages.map((p): ArticleFacts => {
    const pr = props.get(p.id) ?? {};
    const title = p.title.replace(/_/g, ' ');
    const counterparts = (counterpartsOf.get(p.id) ?? []).map(({ sibling, page }): CounterpartFacts => ({
      wiki: sibling.info.id,
      leadImage: leadImages.get(sibling.info.id)?.get(page.id) ?? null,
      sections: sections.get(sibling.info.id)?.get(page.id) ?? [],
    }));
    return {
      pageId: p.id,
      revId: p.latestRevId,
      qid: pr.wikibase_item ?? null,
      hasLeadImage: pr.page_image_free !== undefined || pr.page_image !== undefined,
      excluded:
        pr.disambiguation !== undefined || among.has(p.id) || plan.titlePatterns.some((re) => re.test(title)),
      sections: ownSections.get(p.id) ?? [],
      counterparts,
      categoryFiles: subjectFiles(categoryFiles.get(p.title)),
      judgedFiles: judged.get(p.id) ?? NONE,
    };
  });
}

/** The pages by `namespace:dbKey` of the title asked for, a redirect replaced by its target. */
async function followRedirects(
  store: SuggestionsStore,
  wiki: string,
  pages: readonly Page[],
): Promise<Map<string, Page>> {
  const out = new Map<string, Page>();
  const redirects = pages.filter((p) => p.isRedirect);
  for (const p of pages) if (!p.isRedirect) out.set(`${p.namespace}:${p.title}`, p);
  if (redirects.length === 0) return out;
  const targets = await store.redirects.getMany(
    wiki,
    redirects.map((p) => p.id),
  );
  const wanted = redirects.flatMap((p) => {
    const t = targets.get(p.id);
    return t && t.interwiki === '' ? [{ from: p, namespace: t.namespace, title: t.title }] : [];
  });
  const found = await store.pages.getManyByTitles(wiki, wanted);
  const byKey = new Map(found.filter((p) => !p.isRedirect).map((p) => [`${p.namespace}:${p.title}`, p]));
  for (const w of wanted) {
    const target = byKey.get(`${w.namespace}:${w.title}`);
    if (target) out.set(`${w.from.namespace}:${w.from.title}`, target);
  }
  return out;
}

/**
 * The level-2 sections of `pages` as of their latest revision: stored ones where current, the
 * others analysed from the revision text and stored.
 */
export async function currentSections(
  store: SuggestionsStore,
  wiki: LoadedWiki,
  pages: readonly Page[],
): Promise<Map<number, SectionFacts[]>> {
  const id = wiki.info.id;
  const out = new Map<number, SectionFacts[]>();
  pages = [...new Map(pages.map((p) => [p.id, p])).values()];
  if (pages.length === 0) return out;
  const stored = await store.generator.sectionsOf(
    id,
    pages.map((p) => p.id),
  );
  const stale = pages.filter((p) => stored.get(p.id)?.revId !== p.latestRevId);
  for (const p of pages) {
    const s = stored.get(p.id);
    if (s && s.revId === p.latestRevId) out.set(p.id, s.sections);
  }
  if (stale.length === 0) return out;
  const revisions = await store.revisions.getMany(
    id,
    stale.map((p) => p.latestRevId),
  );
  const ctx = wikitextContextOf(wiki.namespaces);
  const fresh: ({ pageId: number } & StoredSections)[] = [];
  for (const p of stale) {
    const text = revisions.get(p.latestRevId)?.text ?? '';
    const analysed = text === '' ? [] : analyzeLevel2Sections(text, ctx);
    const list = analysed.map((s) => ({ heading: s.title, number: s.number, files: s.files.map(toDbKey) }));
    out.set(p.id, list);
    fresh.push({ pageId: p.id, revId: p.latestRevId, sections: list });
  }
  await store.generator.putSections(id, fresh);
  return out;
}
