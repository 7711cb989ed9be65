import type { CoreServices } from '../core/core-services.ts';
import { importLineFile } from '../core/imports/resumable-line-file.ts';
import type { Repositories } from '../core/store/store.ts';
import { tryParseTitle } from '../core/domain/titles.ts';
import type { CategoryMatcher } from './domain/topic-categories.ts';
import { parsePredictionLine, type TopicPrediction } from './domain/topic-prediction-parser.ts';
import { mapPagesFromCategories } from './page-topics.ts';
import { announcingTopicChanges } from './topic-events.ts';
import type { TopicWeight } from './store/page-topic-repository.ts';
import type { TasksRepositories, TasksStore } from './store/tasks-store.ts';

type TasksTx = Repositories & TasksRepositories;

export interface TopicImportOptions {
  /** Lines per transaction (default 1000). */
  batch?: number;
  /** Bytes read so far of `totalBytes`. */
  onProgress?: (bytesDone: number, totalBytes: number) => void;
  /** Each refused line, as it is met. */
  onBadLine?: (report: TopicLineReport) => void;
}

/** A line that was not imported, and why. */
export interface TopicLineReport {
  /** 1-based line number in the file. */
  line: number;
  field: string;
  reason: string;
}

export interface TopicImportSummary {
  /** Lines read in this run (blank lines, a header and lines a previous run did are not counted). */
  lines: number;
  /** Pages whose imported topics changed (a page named on several lines counts once per batch). */
  updated: number;
  /** Pages whose imported topics were stored already as the file has them. */
  unchanged: number;
  /** Refused lines. */
  bad: number;
  /** Labels that are not the model's, with the number of lines naming each (they are left out). */
  unknownLabels: Map<string, number>;
  /** Lines a previous, interrupted run had done and this one skipped. */
  resumedAfter: number;
}

interface Pending {
  line: number;
  prediction: TopicPrediction;
}

/**
 * Imports an `articletopic` prediction file for one wiki (topic-prediction-parser.ts for the line
 * formats). Each line is checked on its own: a bad line, a line of another wiki, or a page that
 * is not an article of the wiki is reported and skipped. A page's imported topics are replaced by
 * the file's (its category topics go: an import wins), so importing the same file again changes
 * nothing. Each batch is one transaction together with the count of lines done (import_state,
 * keyed by the wiki and the file's path, size and modification time): an interrupted import
 * resumes after its last committed batch.
 */
export async function importTopicFile(
  core: CoreServices,
  store: TasksStore,
  wiki: string,
  matcher: CategoryMatcher,
  path: string,
  options: TopicImportOptions,
): Promise<TopicImportSummary> {
  const loaded = await core.wikis.load(wiki);
  const summary: TopicImportSummary = {
    lines: 0,
    updated: 0,
    unchanged: 0,
    bad: 0,
    unknownLabels: new Map(),
    resumedAfter: 0,
  };
  const report = (r: TopicLineReport) => {
    summary.bad++;
    options.onBadLine?.(r);
  };

  const { resumedAfter } = await importLineFile<Pending, TasksTx>({
    store,
    clock: core.clock,
    kind: `topics:${wiki}`,
    wiki,
    path,
    batchSize: options.batch ?? 1000,
    onProgress: options.onProgress,
    parseLine(text, line) {
      const parsed = parsePredictionLine(text);
      if (parsed.ok === 'header') return undefined;
      summary.lines++;
      if (parsed.ok === false) {
        report({ line, field: parsed.field, reason: parsed.reason });
        return undefined;
      }
      const p = parsed.prediction;
      for (const label of new Set(p.unknownLabels))
        summary.unknownLabels.set(label, (summary.unknownLabels.get(label) ?? 0) + 1);
      if (p.wiki !== undefined && p.wiki !== wiki) {
        report({ line, field: 'wiki', reason: `is ${p.wiki}, not ${wiki}` });
        return undefined;
      }
      return { line, prediction: p };
    },
    async commitBatch(tx, batch) {
      const byPage = await resolvePages(tx, wiki, loaded.namespaces, batch, report);
      const before = await tx.topics.weightsOf(wiki, [...byPage.keys()]);
      let changed = 0;
      for (const [id, topics] of byPage) {
        const rows = before.get(id) ?? [];
        const had = rows.filter((r) => r.source === 'import');
        // Category rows give way to imported ones; an empty prediction leaves them.
        if (!sameTopics(had, topics) || (topics.length > 0 && had.length < rows.length)) changed++;
      }
      await announcingTopicChanges(tx, loaded.info, core.clock(), [...byPage.keys()], async () => {
        await tx.topics.deletePages(wiki, [...byPage.keys()]);
        await tx.topics.replace(wiki, 'import', byPage);
        // A page the file gives no topic gets its categories' topics, as a page never imported.
        const empty = [...byPage].filter(([, topics]) => topics.length === 0).map(([id]) => id);
        if (empty.length > 0) await mapPagesFromCategories(tx, wiki, matcher, empty);
      });
      summary.updated += changed;
      summary.unchanged += byPage.size - changed;
    },
  });
  summary.resumedAfter = resumedAfter;
  return summary;
}

/**
 * The batch's predictions by page id (a later line for the same page wins), each page an article
 * of the wiki: by id, or by title where the line has no id.
 */
async function resolvePages(
  store: Pick<Repositories, 'pages'>,
  wiki: string,
  namespaces: Parameters<typeof tryParseTitle>[1],
  batch: readonly Pending[],
  report: (r: TopicLineReport) => void,
): Promise<Map<number, TopicWeight[]>> {
  const titles = new Map<Pending, string>();
  for (const item of batch) {
    const { pageId, title } = item.prediction;
    if (pageId !== undefined || title === undefined) continue;
    const parsed = tryParseTitle(title, namespaces);
    if (!parsed || parsed.namespace !== 0 || parsed.fragment !== '')
      report({ line: item.line, field: 'page_title', reason: `"${title}" is not an article title` });
    else titles.set(item, parsed.dbKey);
  }
  const byTitle = new Map(
    (
      await store.pages.getManyByTitles(
        wiki,
        [...new Set(titles.values())].map((t) => ({ namespace: 0, title: t })),
      )
    ).map((p) => [p.title, p]),
  );
  const ids = batch.flatMap((b) => (b.prediction.pageId !== undefined ? [b.prediction.pageId] : []));
  const byId = new Map((await store.pages.getManyByIds(wiki, ids)).map((p) => [p.id, p]));
  const out = new Map<number, TopicWeight[]>();
  for (const item of batch) {
    const { pageId, title } = item.prediction;
    let page;
    if (pageId !== undefined) {
      page = byId.get(pageId);
      if (!page) {
        report({ line: item.line, field: 'page_id', reason: `no page ${pageId} on ${wiki}` });
        continue;
      }
    } else {
      const key = titles.get(item);
      if (key === undefined) continue;
      page = byTitle.get(key);
      if (!page) {
        report({ line: item.line, field: 'page_title', reason: `no page "${title ?? ''}" on ${wiki}` });
        continue;
      }
    }
    if (page.namespace !== 0 || page.isRedirect) {
      report({ line: item.line, field: 'page_id', reason: `page ${page.id} is not an article` });
      continue;
    }
    out.set(
      page.id,
      [...item.prediction.topics]
        .map(([topic, weight]) => ({ topic, weight }))
        .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0)),
    );
  }
  return out;
}

function sameTopics(a: readonly TopicWeight[], b: readonly TopicWeight[]): boolean {
  if (a.length !== b.length) return false;
  const weights = new Map(a.map((r) => [r.topic, r.weight]));
  return b.every((r) => weights.get(r.topic) === r.weight);
}
