import type { CoreServices } from '../core/core-services.ts';
import type { WikiInfo } from '../core/domain/wiki.ts';
import { topicAgreement, type GroupAgreement } from './domain/topic-agreement.ts';
import { CATEGORY_TOPIC_WEIGHT, type CategoryMatcher } from './domain/topic-categories.ts';
import { TOPIC_MIN_WEIGHT } from './domain/topics.ts';
import type { TopicWeight } from './store/page-topic-repository.ts';
import type { TasksStore } from './store/tasks-store.ts';
import { announcingTopicChanges } from './topic-events.ts';

/** The stored repositories a mapping runs on (the store, or a transaction's). */
type Repos = Pick<TasksStore, 'pages' | 'links' | 'topics'>;

/** Pages per statement batch of full runs. */
const BATCH = 500;

export interface MapSummary {
  /** Articles looked at (main namespace, not redirects). */
  articles: number;
  /** Of those, articles whose topics come from an import (left alone). */
  imported: number;
  /** Articles that now have topics from their categories. */
  mapped: number;
}

/**
 * Gives the pages that have no imported topics the topics their categories name (rows of source
 * 'categories', replacing any they had); pages that are not articles (gone, moved out of the main
 * namespace, redirects) lose their category rows. Pages with imported rows keep them: an import
 * wins over the categories.
 */
export async function mapPagesFromCategories(
  repos: Repos,
  wiki: string,
  matcher: CategoryMatcher,
  pageIds: readonly number[],
): Promise<MapSummary> {
  const ids = [...new Set(pageIds)];
  const pages = await repos.pages.getManyByIds(wiki, ids);
  const articles = pages.filter((p) => p.namespace === 0 && !p.isRedirect).map((p) => p.id);
  const isArticle = new Set(articles);
  const others = ids.filter((id) => !isArticle.has(id));
  if (others.length > 0) await repos.topics.deletePages(wiki, others, 'categories');
  const imported = await repos.topics.pagesWithSource(wiki, articles, 'import');
  const open = articles.filter((id) => !imported.has(id));
  const categories = await repos.links.categoriesOf(wiki, open);
  const rows = new Map<number, TopicWeight[]>();
  let mapped = 0;
  for (const id of open) {
    const topics = matcher.topicsOf(categories.get(id) ?? []);
    if (topics.length > 0) mapped++;
    rows.set(
      id,
      topics.map((topic) => ({ topic, weight: CATEGORY_TOPIC_WEIGHT })),
    );
  }
  await repos.topics.replace(wiki, 'categories', rows);
  return { articles: articles.length, imported: imported.size, mapped };
}

/** Every article of the wiki, by page id, in batches (`wikiqueue tasks map-topics`). */
export async function mapWikiFromCategories(
  core: CoreServices,
  store: TasksStore,
  info: WikiInfo,
  matcher: CategoryMatcher,
  onProgress?: (done: number, total: number) => void,
): Promise<MapSummary> {
  const wiki = info.id;
  const total = await store.pages.count(wiki, 0);
  const summary: MapSummary = { articles: 0, imported: 0, mapped: 0 };
  let after = 0;
  for (;;) {
    const pages = await store.pages.listByIdAfter(wiki, { namespaces: [0], afterId: after, limit: BATCH });
    if (pages.length === 0) break;
    after = pages[pages.length - 1]?.id ?? after;
    const ids = pages.map((p) => p.id);
    const step = await store.transaction((tx) =>
      announcingTopicChanges(tx, info, core.clock(), ids, () =>
        mapPagesFromCategories(tx, wiki, matcher, ids),
      ),
    );
    summary.articles += step.articles;
    summary.imported += step.imported;
    summary.mapped += step.mapped;
    onProgress?.(summary.articles, Math.max(total, summary.articles));
  }
  core.logger.info({ wiki, ...summary }, 'page topics mapped from categories');
  return summary;
}

export interface AgreementReport {
  /** Articles with imported topics. */
  importedPages: number;
  /** Of those, the ones whose categories give topics too: the pages compared. */
  comparedPages: number;
  /** Per topic group, then over all topics ('all'). */
  groups: GroupAgreement[];
}

/**
 * How well the category mapping agrees with the imported predictions (a topic counts from weight
 * TOPIC_MIN_WEIGHT), on the pages that have both: the categories' topics are computed afresh for
 * the pages with imported rows (which store none of their own).
 */
export async function agreementOf(
  store: TasksStore,
  wiki: string,
  matcher: CategoryMatcher,
): Promise<AgreementReport> {
  const pairs: { imported: string[]; categories: string[] }[] = [];
  let importedPages = 0;
  let after = 0;
  for (;;) {
    const ids = await store.topics.listPages(wiki, 'import', after, BATCH);
    if (ids.length === 0) break;
    after = ids[ids.length - 1] ?? after;
    const articles = (await store.pages.getManyByIds(wiki, ids))
      .filter((p) => p.namespace === 0 && !p.isRedirect)
      .map((p) => p.id);
    importedPages += articles.length;
    const imported = await store.topics.topicsOf(wiki, articles, TOPIC_MIN_WEIGHT);
    const categories = await store.links.categoriesOf(wiki, articles);
    for (const id of articles) {
      const fromCategories = matcher.topicsOf(categories.get(id) ?? []);
      const fromImport = imported.get(id) ?? [];
      if (fromCategories.length > 0 && fromImport.length > 0)
        pairs.push({ imported: fromImport, categories: fromCategories });
    }
  }
  return { importedPages, comparedPages: pairs.length, groups: topicAgreement(pairs) };
}
