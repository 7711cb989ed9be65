import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isWikiId } from '../../config.ts';
import type { Clock } from '../../core/domain/clock.ts';
import { addMissingNamespaces, coreNamespaces } from '../../core/domain/core-namespaces.ts';
import { NamespaceTable } from '../../core/domain/namespaces.ts';
import type { WikiInfo } from '../../core/domain/wiki.ts';
import { coreSettingsOf, DEFAULT_MAX_ARTICLE_SIZE_KIB } from '../../core/domain/wiki-settings.ts';
import { fail } from '../../errors.ts';
import type { ImportState } from '../../core/store/repositories/import-state.ts';
import type { Store } from '../../core/store/store.ts';
import { readDump, DumpFormatError, type DumpPage, type DumpSiteInfo } from './dump/read-dump.ts';
import type { LoadedWiki, WikiRegistry } from '../../core/wikis/wiki-registry.ts';
import { mediaRepoFor } from '../../core/media/page-images-update.ts';
import type { JobQueue } from '../../core/jobs/job-queue.ts';
import { checkDumpPage, type DumpTarget, type ImportOutcome } from '../../core/imports/dump-page-check.ts';
import {
  DEFAULT_USERNAME_PREFIX,
  prepareDumpPage,
  writeDumpPages,
  type PreparedPage,
} from '../../core/imports/dump-page-writer.ts';
import { countLinkRows } from '../../core/imports/links-data.ts';

export type { ImportOutcome } from '../../core/imports/dump-page-check.ts';

export interface ImportOptions {
  /** Wiki id to import into; defaults to the dump's dbname. */
  wiki?: string;
  /** Pages per transaction, at most (a transaction also ends at TX_TEXT_BYTES or TX_LINK_ROWS). */
  batchSize?: number;
  onProgress?: (p: { pages: number; bytesRead: number; totalBytes: number }) => void;
  /**
   * Each page or revision left out, with its catalogued code (`import-error-invalid`,
   * `contenttoobig`, …), reported once its batch has committed.
   */
  onSkip?: (outcome: ImportOutcome) => void;
  /**
   * Job types that bring imported pages into the subsystems (`review:backfill`, …): each batch
   * queues one job of each type for its pages, in the batch's own transaction, so a resumed import
   * never loses or repeats one. None (the default) queues nothing.
   */
  backfillJobTypes?: readonly string[];
  /**
   * importDump's `--username-prefix`: a contributor with neither a local account nor a user id in
   * the dump is recorded as `<prefix>>Name`. Default `imported`.
   */
  usernamePrefix?: string;
}

export interface ImportResult {
  wiki: string;
  /** Pages read from the dump (imported, or left out with an outcome), this run and earlier ones. */
  pages: number;
  revisions: number;
  /** Pages skipped because an earlier run had committed them already. */
  resumedAfter: number;
  /** Pages and revisions left out in this run (each reported to `onSkip`). */
  skipped: number;
  seconds: number;
  alreadyDone: boolean;
  warnings: string[];
  /** Accounts whose edit counts the closing recount (initEditCount) looked at, and changed. */
  editCounts: { users: number; changed: number };
}

/**
 * What one transaction writes, at most (beyond one page): revision text, and rows of the link
 * tables (about 35 µs each on SQLite, the bulk of a transaction's time). Batches of large or
 * link-heavy pages commit sooner, so a transaction holds the database for a fraction of a second
 * whatever the pages are like.
 */
const TX_TEXT_BYTES = 4 * 1024 * 1024;
const TX_LINK_ROWS = 10_000;

/** The wiki a dump goes into, and the progress record of this dump there. */
interface ImportTarget extends DumpTarget {
  wiki: LoadedWiki;
  sourceKey: string;
  previous: ImportState | undefined;
}

/**
 * Imports a MediaWiki XML dump into the store, streaming, in batches that each commit atomically
 * together with the import's progress record. Killing the process at any point loses at most the
 * uncommitted batch; running the same command again (for the same wiki) skips what was committed
 * and finishes the job, so nothing is duplicated or lost. A malformed dump stops with a
 * catalogued error naming the position; the batch in progress is rolled back.
 *
 * Every field is checked (dump-page-check.ts) and pages are written by importDump's rules
 * (dump-page-writer.ts): a page or revision that fails a check is left out and reported with its
 * code; nothing another page owns is overwritten. Revision text beyond the wiki's
 * `maxArticleSize` is never held in memory: the reader counts it and drops it. Link analysis runs
 * before each transaction, and a transaction ends at `batchSize` pages, TX_TEXT_BYTES of text or
 * TX_LINK_ROWS rows of the link tables, so a server on the same database keeps answering while an
 * import runs.
 *
 * Imported pages do not emit outbox events (a dump is history, not news); the subsystems take them
 * in through their backfill jobs (`backfillJobTypes`), queued with each batch.
 */
export class DumpImporter {
  constructor(private readonly deps: { store: Store; clock: Clock; wikis: WikiRegistry; jobs: JobQueue }) {}

  async import(file: string, opts: ImportOptions = {}): Promise<ImportResult> {
    const { store, clock } = this.deps;
    if (opts.wiki !== undefined && !isWikiId(opts.wiki)) throw fail('invalid-wiki-id', opts.wiki);
    const path = resolve(file);
    const st = await stat(path).catch(() => {
      throw fail('import-unsupported', `cannot read ${path}`);
    });
    const fileKey = `${path}:${st.size}:${Math.floor(st.mtimeMs)}`;
    const started = performance.now();
    const batchSize = opts.batchSize ?? 200;
    let target: ImportTarget | undefined;
    let skip = 0;
    let pagesSeen = 0;
    let pagesDone = 0;
    let revisionsDone = 0;
    let skipped = 0;
    let bytesRead = 0;
    let batch: DumpPage[] = [];
    let batchBytes = 0;
    const warnings: string[] = [];

    /** Writes `prepared` (the checked ones of the next `dumpPages` pages) in one transaction. */
    const commit = async (
      t: ImportTarget,
      prepared: PreparedPage[],
      dumpPages: number,
      outcomes: ImportOutcome[],
    ) => {
      let added = 0;
      await store.transaction(async (tx) => {
        const written = await writeDumpPages(
          tx,
          t.wiki,
          prepared,
          (o) => outcomes.push(o),
          { usernamePrefix: opts.usernamePrefix ?? DEFAULT_USERNAME_PREFIX },
          mediaRepoFor(t.wiki.info, this.deps.wikis),
        );
        added = written.revisions;
        if (written.pageIds.length > 0)
          await this.deps.jobs.enqueueManyIn(
            tx,
            (opts.backfillJobTypes ?? []).map((type) => ({
              type,
              wiki: t.wiki.info.id,
              payload: { pageIds: written.pageIds },
            })),
          );
        await tx.imports.save({
          sourceKey: t.sourceKey,
          wiki: t.wiki.info.id,
          pagesDone: pagesDone + dumpPages,
          revisionsDone: revisionsDone + added,
          startedAt: t.previous?.startedAt ?? clock(),
          finishedAt: null,
        });
      });
      pagesDone += dumpPages;
      revisionsDone += added;
      skipped += outcomes.length;
      for (const o of outcomes) opts.onSkip?.(o);
      opts.onProgress?.({ pages: pagesDone, bytesRead, totalBytes: st.size });
    };

    /** Checks and analyses the batch read, then writes it in transactions of bounded size. */
    const flush = async () => {
      if (!target || batch.length === 0) return;
      const t = target;
      const pages = batch;
      batch = [];
      batchBytes = 0;
      let prepared: PreparedPage[] = [];
      let outcomes: ImportOutcome[] = [];
      let dumpPages = 0;
      let linkRows = 0;
      // Titles of the pages prepared for the next commit: a dump may list one title twice, and the
      // second <page> adds its revisions to the first one's page (importDump finds pages by title),
      // so it is prepared only once the first is written.
      let titles = new Set<string>();
      for (const page of pages) {
        const checked = checkDumpPage(page, t, (o) => outcomes.push(o));
        const key = checked ? `${checked.title.namespace}:${checked.title.dbKey}` : '';
        if (checked && titles.has(key)) {
          await commit(t, prepared, dumpPages, outcomes);
          [prepared, outcomes, dumpPages, linkRows, titles] = [[], [], 0, 0, new Set()];
        }
        dumpPages++;
        if (checked) {
          const p = prepareDumpPage(checked, t.wiki);
          prepared.push(p);
          titles.add(key);
          linkRows += countLinkRows(p.links);
        }
        if (linkRows >= TX_LINK_ROWS) {
          await commit(t, prepared, dumpPages, outcomes);
          [prepared, outcomes, dumpPages, linkRows, titles] = [[], [], 0, 0, new Set()];
        }
      }
      if (dumpPages > 0) await commit(t, prepared, dumpPages, outcomes);
    };

    const maxTextBytes = () => (target ? target.maxArticleSizeKib : DEFAULT_MAX_ARTICLE_SIZE_KIB) * 1024;
    const open = async (site: DumpSiteInfo | undefined) => {
      target = await this.#target(site, opts.wiki, fileKey);
      skip = pagesDone = target.previous?.pagesDone ?? 0;
      revisionsDone = target.previous?.revisionsDone ?? 0;
      return target;
    };
    try {
      for await (const item of readDump(path, { onBytes: (n) => (bytesRead = n), maxTextBytes })) {
        if (item.kind === 'warning') {
          warnings.push(item.message);
          continue;
        }
        const t = target ?? (await open(item.kind === 'siteinfo' ? item.siteinfo : undefined));
        if (t.previous?.finishedAt) return alreadyDone(t.previous);
        if (item.kind === 'siteinfo') continue;
        pagesSeen++;
        if (pagesSeen <= skip) continue;
        batch.push(item.page);
        batchBytes += item.page.revisions.reduce((n, r) => n + (r.textTooLarge ? 0 : r.textBytes), 0);
        if (batch.length >= batchSize || batchBytes >= TX_TEXT_BYTES) await flush();
      }
      await flush();
    } catch (e) {
      if (e instanceof DumpFormatError) throw fail('import-malformed', `${path}: ${e.message}`);
      throw e;
    }
    if (!target) throw fail('import-unsupported', `${path} contains no pages`);
    const done: ImportTarget = target;
    // initEditCount.php, as one should run after importDump: the counts then include the dump's
    // revisions (and an import that resumed still counts those of its earlier runs).
    const editCounts = await store.transaction(async (tx) => {
      const counted = await tx.users.recountEditCounts(done.wiki.info.id);
      await tx.imports.save({
        sourceKey: done.sourceKey,
        wiki: done.wiki.info.id,
        pagesDone,
        revisionsDone,
        startedAt: done.previous?.startedAt ?? clock(),
        finishedAt: clock(),
      });
      return counted;
    });
    return {
      wiki: done.wiki.info.id,
      pages: pagesDone,
      revisions: revisionsDone,
      resumedAfter: skip,
      skipped,
      seconds: (performance.now() - started) / 1000,
      alreadyDone: false,
      warnings,
      editCounts,
    };
  }

  /**
   * The wiki the dump goes into (`--wiki`, else the dump's dbname) and this dump's progress there:
   * progress is kept per wiki, so the same file imported into another wiki starts from its
   * beginning. A new wiki is created from the dump's siteinfo; an existing one keeps its settings
   * and namespaces, and gains only the namespaces the dump declares and it lacks
   * (addMissingNamespaces: nothing is renamed or removed, whatever the dump lists).
   */
  async #target(site: DumpSiteInfo | undefined, requested: string | undefined, fileKey: string) {
    const id = requested ?? site?.dbname;
    if (!id) throw fail('import-unsupported', 'the dump has no <siteinfo>; name the wiki with --wiki');
    if (!isWikiId(id)) throw fail('invalid-wiki-id', id);
    const found = await this.deps.wikis.findFresh(id);
    const wiki = found ? await this.#addNamespaces(found, site) : await this.#createWiki(id, site);
    const sourceKey = `${id}:${fileKey}`;
    const target: ImportTarget = {
      wiki,
      namespaces: wiki.namespaces,
      dumpNamespaces: site ? new NamespaceTable(site.namespaces) : wiki.namespaces,
      maxArticleSizeKib: coreSettingsOf(wiki.info).maxArticleSize,
      sourceKey,
      previous: await this.deps.store.imports.get(sourceKey),
    };
    return target;
  }

  async #addNamespaces(wiki: LoadedWiki, site: DumpSiteInfo | undefined): Promise<LoadedWiki> {
    const namespaces = addMissingNamespaces(wiki.info.namespaces, site?.namespaces ?? []);
    if (namespaces.length === wiki.info.namespaces.length) return wiki;
    return this.deps.wikis.upsert({ ...wiki.info, namespaces }, this.deps.clock());
  }

  /**
   * A wiki for the dump: its siteinfo's names, language and main page; its namespaces are the
   * dump's, plus MediaWiki's core namespaces (-2…15) the dump does not list, named in the wiki's
   * language where this project knows it (core-namespaces.ts), with the site's title case.
   */
  async #createWiki(id: string, site: DumpSiteInfo | undefined): Promise<LoadedWiki> {
    const lang = site?.lang ?? 'en';
    const siteCase = site?.case === 'case-sensitive' ? 'case-sensitive' : 'first-letter';
    const core = coreNamespaces(lang).map((ns) => ({ ...ns, case: siteCase }) as const);
    const info: WikiInfo = {
      id,
      lang,
      sitename: site?.sitename ?? id,
      baseUrl: site?.base && URL.canParse(site.base) ? new URL(site.base).origin : '',
      namespaces: addMissingNamespaces(site?.namespaces ?? [], core),
      isMediaRepo: id === 'commonswiki',
      source: 'dump',
      settings: mainPageSettings(site?.base),
    };
    return this.deps.wikis.upsert(info, this.deps.clock());
  }
}

function alreadyDone(previous: ImportState): ImportResult {
  return {
    wiki: previous.wiki,
    pages: previous.pagesDone,
    revisions: previous.revisionsDone,
    resumedAfter: previous.pagesDone,
    skipped: 0,
    seconds: 0,
    alreadyDone: true,
    warnings: [],
    editCounts: { users: 0, changed: 0 },
  };
}

/**
 * A new wiki's `mainPage` setting from the dump's `<base>`, the main page's URL
 * (`https://ltg.wikipedia.org/wiki/Suoku_puslopa` → "Suoku puslopa"); none when it is not a
 * `/wiki/` URL.
 */
function mainPageSettings(base: string | undefined): Record<string, unknown> {
  const path = URL.canParse(base ?? '') ? new URL(base ?? '').pathname : '';
  if (!path.startsWith('/wiki/') || path.length === '/wiki/'.length) return {};
  try {
    return { mainPage: decodeURIComponent(path.slice('/wiki/'.length)).replace(/_/g, ' ') };
  } catch {
    return {};
  }
}
