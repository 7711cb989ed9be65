import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Clock } from '../../core/domain/clock.ts';
import type { NamespaceTable } from '../../core/domain/namespaces.ts';
import type { Page, PageRedirect, Revision, WikiInfo } from '../../core/domain/wiki.ts';
import { fail } from '../../errors.ts';
import type { NewUser } from '../../core/store/repositories/users-and-sessions.ts';
import type { Store } from '../../core/store/store.ts';
import { analyzeWikitext } from '../../wikitext/analyze.ts';
import { toPageRedirect, wikitextContextOf } from '../../core/wikis/wikitext-context.ts';
import { byteLength, revisionSha1 } from './content.ts';
import { readDump, DumpFormatError, type DumpPage, type DumpSiteInfo } from './dump/read-dump.ts';
import { toDbKey } from '../../core/domain/titles.ts';
import { linksDataFromAnalysis } from './links-data.ts';
import type { WikiRegistry } from '../../core/wikis/wiki-registry.ts';
import type { JobQueue } from '../../core/jobs/job-queue.ts';

export interface ImportOptions {
  /** Wiki id to import into; defaults to the dump's dbname. */
  wiki?: string;
  /** Pages per transaction. */
  batchSize?: number;
  onProgress?: (p: { pages: number; bytesRead: number; totalBytes: number }) => void;
  /**
   * Job types that bring imported pages into the subsystems (`review:backfill`, …): each batch
   * queues one job of each type for its pages, in the batch's own transaction, so a resumed import
   * never loses or repeats one. None (the default) queues nothing.
   */
  backfillJobTypes?: readonly string[];
}

export interface ImportResult {
  wiki: string;
  pages: number;
  revisions: number;
  /** Pages skipped because an earlier run had committed them already. */
  resumedAfter: number;
  seconds: number;
  alreadyDone: boolean;
  warnings: string[];
}

/**
 * Imports a MediaWiki XML dump into the store, streaming, in batches that each commit atomically
 * together with the import's progress record. Killing the process at any point loses at most the
 * uncommitted batch; running the same command again skips what was committed and finishes the job,
 * so nothing is duplicated or lost. A malformed dump stops with a catalogued error naming the
 * position; the batch in progress is rolled back.
 *
 * Imported pages do not emit outbox events (a dump is history, not news); the subsystems take them
 * in through their backfill jobs (`backfillJobTypes`), queued with each batch.
 */
export class DumpImporter {
  constructor(private readonly deps: { store: Store; clock: Clock; wikis: WikiRegistry; jobs: JobQueue }) {}

  async import(file: string, opts: ImportOptions = {}): Promise<ImportResult> {
    const { store, clock } = this.deps;
    const path = resolve(file);
    const st = await stat(path).catch(() => {
      throw fail('import-unsupported', `cannot read ${path}`);
    });
    const sourceKey = `${path}:${st.size}:${Math.floor(st.mtimeMs)}`;
    const started = performance.now();
    const batchSize = opts.batchSize ?? 200;
    const previous = await store.imports.get(sourceKey);
    if (previous?.finishedAt) {
      return {
        wiki: previous.wiki,
        pages: previous.pagesDone,
        revisions: previous.revisionsDone,
        resumedAfter: previous.pagesDone,
        seconds: 0,
        alreadyDone: true,
        warnings: [],
      };
    }
    const skip = previous?.pagesDone ?? 0;
    let pagesSeen = 0;
    let pagesDone = skip;
    let revisionsDone = previous?.revisionsDone ?? 0;
    let bytesRead = 0;
    let wiki: { info: WikiInfo; namespaces: NamespaceTable } | undefined;
    let batch: DumpPage[] = [];
    const warnings: string[] = [];

    const flush = async () => {
      if (!wiki || batch.length === 0) return;
      const w = wiki;
      const pages = batch;
      batch = [];
      const revCount = pages.reduce((n, p) => n + p.revisions.length, 0);
      const pageIds = pages.filter((p) => p.revisions.length > 0).map((p) => p.id);
      await store.transaction(async (tx) => {
        await writeBatch(tx, w, pages);
        if (pageIds.length > 0)
          await this.deps.jobs.enqueueManyIn(
            tx,
            (opts.backfillJobTypes ?? []).map((type) => ({ type, wiki: w.info.id, payload: { pageIds } })),
          );
        await tx.imports.save({
          sourceKey,
          wiki: w.info.id,
          pagesDone: pagesDone + pages.length,
          revisionsDone: revisionsDone + revCount,
          startedAt: previous?.startedAt ?? clock(),
          finishedAt: null,
        });
      });
      pagesDone += pages.length;
      revisionsDone += revCount;
      opts.onProgress?.({ pages: pagesDone, bytesRead, totalBytes: st.size });
    };

    try {
      for await (const item of readDump(path, { onBytes: (n) => (bytesRead = n) })) {
        if (item.kind === 'warning') {
          warnings.push(item.message);
        } else if (item.kind === 'siteinfo') {
          wiki = await this.#ensureWiki(item.siteinfo, opts.wiki);
        } else {
          if (!wiki) wiki = await this.#ensureWiki(undefined, opts.wiki);
          pagesSeen++;
          if (pagesSeen <= skip) continue;
          batch.push(item.page);
          if (batch.length >= batchSize) await flush();
        }
      }
      await flush();
    } catch (e) {
      if (e instanceof DumpFormatError) throw fail('import-malformed', `${path}: ${e.message}`);
      throw e;
    }
    if (!wiki) throw fail('import-unsupported', `${path} contains no pages`);
    await store.imports.save({
      sourceKey,
      wiki: wiki.info.id,
      pagesDone,
      revisionsDone,
      startedAt: previous?.startedAt ?? clock(),
      finishedAt: clock(),
    });
    return {
      wiki: wiki.info.id,
      pages: pagesDone,
      revisions: revisionsDone,
      resumedAfter: skip,
      seconds: (performance.now() - started) / 1000,
      alreadyDone: false,
      warnings,
    };
  }

  async #ensureWiki(site: DumpSiteInfo | undefined, requested: string | undefined) {
    const id = requested ?? site?.dbname;
    if (!id) throw fail('import-unsupported', 'the dump has no <siteinfo>; name the wiki with --wiki');
    const existing = this.deps.wikis.find(id);
    if (existing && !site) return existing;
    const info: WikiInfo = {
      id,
      lang: site?.lang ?? existing?.info.lang ?? 'en',
      sitename: site?.sitename ?? existing?.info.sitename ?? id,
      baseUrl: site?.base ? new URL(site.base).origin : (existing?.info.baseUrl ?? ''),
      namespaces: site?.namespaces ?? existing?.info.namespaces ?? [],
      isMediaRepo: existing?.info.isMediaRepo ?? id === 'commonswiki',
      source: existing?.info.source ?? 'dump',
      settings: existing?.info.settings ?? mainPageSettings(site?.base),
    };
    return this.deps.wikis.upsert(info, this.deps.clock());
  }
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

type Tx = Parameters<Parameters<Store['transaction']>[0]>[0];

async function writeBatch(
  tx: Tx,
  wiki: { info: WikiInfo; namespaces: NamespaceTable },
  pages: DumpPage[],
): Promise<void> {
  const w = wiki.info.id;
  const pageRows: Page[] = [];
  const revRows: Revision[] = [];
  const users = new Map<string, NewUser>();
  let maxPage = 0;
  let maxRev = 0;
  let maxUser = 0;
  const linkWork: { pageId: number; ns: number; text: string; isRedirect: boolean }[] = [];
  for (const p of pages) {
    if (p.revisions.length === 0) continue;
    const revs = [...p.revisions].sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.id - b.id);
    const first = revs[0]!;
    const last = revs[revs.length - 1]!;
    const title = stripNamespace(p.title, p.namespace, wiki.namespaces);
    const latestLen = byteLength(last.text);
    pageRows.push({
      wiki: w,
      id: p.id,
      namespace: p.namespace,
      title: toDbKey(title),
      isRedirect: p.redirectTitle !== null,
      latestRevId: last.id,
      len: latestLen,
      createdAt: toSeconds(first.timestamp),
      touchedAt: toSeconds(last.timestamp),
      contentModel: last.model,
    });
    for (const r of revs) {
      const userText = r.contributor.username ?? r.contributor.ip ?? '';
      const userId = r.contributor.id ?? 0;
      revRows.push({
        wiki: w,
        id: r.id,
        pageId: p.id,
        parentId: r.parentId,
        timestamp: toSeconds(r.timestamp),
        userId,
        userText,
        comment: r.comment ?? '',
        minor: r.minor,
        len: byteLength(r.text),
        sha1: r.sha1 ?? revisionSha1(r.text),
        text: r.text,
      });
      if (userId > 0 && r.contributor.username) {
        const u = users.get(r.contributor.username);
        if (u) u.editCount = (u.editCount ?? 0) + 1;
        else
          users.set(r.contributor.username, {
            wiki: w,
            id: userId,
            name: r.contributor.username,
            passwordHash: '',
            registration: null,
            editCount: 1,
          });
        maxUser = Math.max(maxUser, userId);
      }
      maxRev = Math.max(maxRev, r.id);
    }
    maxPage = Math.max(maxPage, p.id);
    linkWork.push({ pageId: p.id, ns: p.namespace, text: last.text, isRedirect: p.redirectTitle !== null });
  }
  await tx.pages.upsertMany(pageRows);
  await tx.revisions.insertMany(revRows);
  await tx.users.insertManyIfMissing([...users.values()]);
  const context = wikitextContextOf(wiki.namespaces);
  const redirects: { pageId: number; target: PageRedirect | null }[] = [];
  for (const l of linkWork) {
    const analysis = analyzeWikitext(l.text, context);
    await tx.links.replaceForPage(w, l.pageId, l.ns, linksDataFromAnalysis(analysis));
    const target = l.isRedirect ? analysis.redirectTarget : null;
    redirects.push({ pageId: l.pageId, target: target === null ? null : toPageRedirect(target) });
  }
  await tx.redirects.setMany(w, redirects);
  if (maxPage) await tx.ids.ensureAbove(w, 'page', maxPage);
  if (maxRev) await tx.ids.ensureAbove(w, 'revision', maxRev);
  if (maxUser) await tx.ids.ensureAbove(w, 'user', maxUser);
}

function stripNamespace(fullTitle: string, ns: number, namespaces: NamespaceTable): string {
  if (ns === 0) return fullTitle;
  const colon = fullTitle.indexOf(':');
  if (colon > 0 && namespaces.idOf(fullTitle.slice(0, colon)) === ns) return fullTitle.slice(colon + 1);
  return fullTitle;
}

function toSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}
