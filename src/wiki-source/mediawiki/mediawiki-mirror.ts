import type { Clock } from '../../core/domain/clock.ts';
import { NamespaceTable, type NamespaceInfo } from '../../core/domain/namespaces.ts';
import { coreSettingsOf, DEFAULT_MAX_ARTICLE_SIZE_KIB } from '../../core/domain/wiki-settings.ts';
import type { WikiInfo } from '../../core/domain/wiki.ts';
import { checkDumpPage, type DumpTarget, type ImportOutcome } from '../../core/imports/dump-page-check.ts';
import { prepareDumpPage, writeDumpPages } from '../../core/imports/dump-page-writer.ts';
import type { DumpPage, DumpRevision } from '../../core/imports/dump-types.ts';
import type { JobQueue } from '../../core/jobs/job-queue.ts';
import { mediaRepoFor } from '../../core/media/page-images-update.ts';
import type { Store } from '../../core/store/store.ts';
import type { LoadedWiki, WikiRegistry } from '../../core/wikis/wiki-registry.ts';
import { fail, isWikiqueueError } from '../../errors.ts';
import { MediaWikiApi, type ApiResponse } from './mediawiki-api.ts';

/** Pages per request of the backfill (MediaWiki's limit for `pageids` without apihighlimits). */
const BATCH = 50;
/** Groups every account has, which MediaWiki lists but never stores (User::getImplicitGroups). */
const IMPLICIT_GROUPS = new Set(['*', 'user', 'autoconfirmed', 'temp', 'named']);

export interface ConnectOptions {
  id: string;
  apiUrl: string;
  botUser?: string;
  botPassword?: string;
  backfillDays?: number;
}

export interface BackfillProgress {
  pages: number;
}

export interface BackfillResult {
  wiki: string;
  /** New pages the wiki listed in the window. */
  listed: number;
  /** Pages written (new here, or with revisions this store lacked). */
  pages: number;
  revisions: number;
  users: number;
  skipped: ImportOutcome[];
  seconds: number;
}

interface RemoteRevision {
  revid: number;
  parentid: number;
  timestamp: string;
  user?: string;
  userid?: number;
  userhidden?: boolean;
  anon?: boolean;
  comment?: string;
  commenthidden?: boolean;
  minor?: boolean;
  size: number;
  sha1?: string;
  sha1hidden?: boolean;
  slots?: {
    main?: { content?: string; contentmodel?: string; contentformat?: string; texthidden?: boolean };
  };
}

interface RemotePage {
  pageid?: number;
  ns: number;
  title: string;
  missing?: boolean;
  revisions?: RemoteRevision[];
}

interface RemoteUser {
  userid?: number;
  name: string;
  missing?: boolean;
  invalid?: boolean;
  editcount?: number;
  registration?: string | null;
  groups?: string[];
  implicitgroups?: string[];
  blockid?: number;
  blockedby?: string;
  blockedbyid?: number;
  blockreason?: string;
  blockedtimestamp?: string;
  blockexpiry?: string;
  blockpartial?: boolean;
  blocknocreate?: boolean;
  blockanononly?: boolean;
  blockemail?: boolean;
  blockowntalk?: boolean;
}

/**
 * A MediaWiki followed over its Action API (issue 16): `connect` registers it from its siteinfo,
 * `backfill` brings in the new pages of the last days with what the subsystems read of them —
 * every revision (the newest with its text), the creators and editors as accounts with the wiki's
 * ids, edit counts, registration, groups and blocks — through the import rules the dump importer
 * uses (core/imports: ids kept, a revision already here skipped, so running it again adds
 * nothing), then queues the subsystems' backfill jobs for the pages written.
 */
export class MediaWikiMirror {
  readonly #deps: { store: Store; clock: Clock; wikis: WikiRegistry; jobs: JobQueue; userAgent: string };

  constructor(deps: { store: Store; clock: Clock; wikis: WikiRegistry; jobs: JobQueue; userAgent: string }) {
    this.#deps = deps;
  }

  /** The API of a followed wiki, as its settings say. */
  apiOf(wiki: WikiInfo): MediaWikiApi {
    const { apiUrl, botUser, botPassword } = coreSettingsOf(wiki).mediawiki;
    if (wiki.source !== 'mediawiki' || apiUrl === '')
      throw fail('wiki-not-mediawiki', wiki.id, 'the wiki is not followed from a MediaWiki');
    return new MediaWikiApi({
      wiki: wiki.id,
      apiUrl,
      userAgent: this.#deps.userAgent,
      ...(botUser ? { botUser, botPassword } : {}),
    });
  }

  /**
   * Registers (or updates) the wiki `id` as followed from the MediaWiki at `apiUrl`: its name,
   * language, server and namespaces from siteinfo; the API settings under `mediawiki`.
   */
  async connect(opts: ConnectOptions): Promise<LoadedWiki> {
    const api = new MediaWikiApi({
      wiki: opts.id,
      apiUrl: opts.apiUrl,
      userAgent: this.#deps.userAgent,
      ...(opts.botUser ? { botUser: opts.botUser, botPassword: opts.botPassword ?? '' } : {}),
    });
    let site: ApiResponse;
    try {
      site = await api.get({
        action: 'query',
        meta: 'siteinfo',
        siprop: 'general|namespaces|namespacealiases',
      });
    } catch (e) {
      if (isWikiqueueError(e) && e.code === 'wiki-api-error') throw e;
      throw fail('wiki-not-mediawiki', opts.apiUrl, isWikiqueueError(e) ? e.message : String(e));
    }
    const query = site.query as {
      general?: { sitename?: string; lang?: string; server?: string; maxarticlesize?: number };
      namespaces?: Record<
        string,
        { id: number; name: string; canonical?: string; content?: boolean; case?: string }
      >;
      namespacealiases?: { id: number; alias: string }[];
    };
    if (!query?.general || !query.namespaces) throw fail('wiki-not-mediawiki', opts.apiUrl, 'no siteinfo');
    const existing = this.#deps.wikis.list().find((w) => w.info.id === opts.id);
    const namespaces: NamespaceInfo[] = Object.values(query.namespaces)
      .filter((n) => n.id >= 0)
      .map((n) => ({
        id: n.id,
        name: n.name,
        canonical: n.canonical ?? n.name,
        aliases: (query.namespacealiases ?? []).filter((a) => a.id === n.id).map((a) => a.alias),
        content: n.content === true,
        case: n.case === 'case-sensitive' ? 'case-sensitive' : 'first-letter',
      }));
    const settings = {
      ...(existing?.info.settings ?? {}),
      maxArticleSize: Math.max(
        1,
        Math.floor((query.general.maxarticlesize ?? DEFAULT_MAX_ARTICLE_SIZE_KIB * 1024) / 1024),
      ),
      mediawiki: {
        apiUrl: opts.apiUrl,
        botUser: opts.botUser ?? '',
        ...(opts.backfillDays !== undefined ? { backfillDays: opts.backfillDays } : {}),
      },
    };
    return this.#deps.wikis.upsert(
      {
        id: opts.id,
        lang: query.general.lang ?? 'en',
        sitename: query.general.sitename ?? opts.id,
        baseUrl: query.general.server ?? '',
        namespaces,
        isMediaRepo: false,
        source: 'mediawiki',
        settings,
      },
      this.#deps.clock(),
    );
  }

  /**
   * The new pages of `namespaces` created in the last `days` (the wiki's recent changes of type
   * `new`), brought in batch by batch; each batch is one transaction.
   */
  async backfill(
    wikiId: string,
    opts: {
      namespaces: readonly number[];
      days?: number;
      backfillJobTypes?: readonly string[];
      onProgress?: (p: BackfillProgress) => void;
    },
  ): Promise<BackfillResult> {
    const started = performance.now();
    const wiki = this.#deps.wikis.get(wikiId);
    const api = this.apiOf(wiki.info);
    const days = opts.days ?? coreSettingsOf(wiki.info).mediawiki.backfillDays;
    const since = new Date((this.#deps.clock() - days * 86400) * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    const result: BackfillResult = {
      wiki: wikiId,
      listed: 0,
      pages: 0,
      revisions: 0,
      users: 0,
      skipped: [],
      seconds: 0,
    };
    const seen = new Set<number>();
    for await (const batch of api.getAll({
      action: 'query',
      list: 'recentchanges',
      rctype: 'new',
      rcnamespace: opts.namespaces.join('|'),
      rcdir: 'newer',
      rcstart: since,
      rcprop: 'ids|title|timestamp',
      rclimit: BATCH,
    })) {
      const changes = ((batch.query?.recentchanges as { pageid: number }[] | undefined) ?? []).filter(
        (c) => c.pageid > 0 && !seen.has(c.pageid),
      );
      for (const c of changes) seen.add(c.pageid);
      result.listed += changes.length;
      if (changes.length === 0) continue;
      await this.#bringIn(
        wiki,
        api,
        [...new Set(changes.map((c) => c.pageid))],
        opts.backfillJobTypes ?? [],
        result,
      );
      opts.onProgress?.({ pages: result.listed });
    }
    result.seconds = (performance.now() - started) / 1000;
    return result;
  }

  /** Fetches `pageIds` (all revisions, the newest with text) and their editors, and writes them. */
  async #bringIn(
    wiki: LoadedWiki,
    api: MediaWikiApi,
    pageIds: readonly number[],
    backfillJobTypes: readonly string[],
    result: BackfillResult,
  ): Promise<void> {
    const pages: DumpPage[] = [];
    const latest = await api.get({
      action: 'query',
      pageids: pageIds.join('|'),
      prop: 'revisions',
      rvprop: 'ids|content',
      rvslots: 'main',
    });
    const texts = new Map<number, { revid: number; text: string; model: string; format: string }>();
    for (const p of (latest.query?.pages as RemotePage[] | undefined) ?? []) {
      const r = p.revisions?.[0];
      if (p.pageid && r)
        texts.set(p.pageid, {
          revid: r.revid,
          text: r.slots?.main?.content ?? '',
          model: r.slots?.main?.contentmodel ?? 'wikitext',
          format: r.slots?.main?.contentformat ?? 'text/x-wiki',
        });
    }
    for (const pageId of pageIds) {
      const revisions: RemoteRevision[] = [];
      let page: RemotePage | undefined;
      for await (const batch of api.getAll({
        action: 'query',
        pageids: pageId,
        prop: 'revisions',
        rvprop: 'ids|timestamp|user|userid|comment|flags|size|sha1|contentmodel',
        rvslots: 'main',
        rvdir: 'newer',
        rvlimit: 'max',
      })) {
        const p = (batch.query?.pages as RemotePage[] | undefined)?.[0];
        if (!p || p.missing) break;
        page = p;
        revisions.push(...(p.revisions ?? []));
      }
      const text = texts.get(pageId);
      if (!page || !text || revisions.length === 0) continue;
      pages.push({
        title: page.title,
        namespace: page.ns,
        id: pageId,
        redirectTitle: null,
        restrictions: null,
        revisions: revisions.map((r) => dumpRevision(r, r.revid === text.revid ? text : null)),
      });
    }
    const names = [
      ...new Set(
        pages.flatMap((p) =>
          p.revisions.flatMap((r) => (r.contributor.id ? [r.contributor.username ?? ''] : [])),
        ),
      ),
    ].filter((n) => n !== '');
    const users = await this.#users(api, names);

    const namespaces = new NamespaceTable(wiki.info.namespaces);
    const target: DumpTarget = {
      namespaces,
      dumpNamespaces: namespaces,
      maxArticleSizeKib: coreSettingsOf(wiki.info).maxArticleSize,
    };
    const outcomes: ImportOutcome[] = [];
    const prepared = pages.flatMap((p) => {
      const checked = checkDumpPage(p, target, (o) => outcomes.push(o));
      return checked ? [prepareDumpPage(checked, wiki)] : [];
    });
    const now = this.#deps.clock();
    await this.#deps.store.transaction(async (tx) => {
      // The accounts first, with the wiki's ids: the page writer then finds them by name.
      await tx.users.upsertFacts(
        users.map((u) => ({
          wiki: wiki.info.id,
          id: u.userid as number,
          name: u.name,
          passwordHash: '',
          registration: u.registration ? Date.parse(u.registration) / 1000 : null,
          editCount: u.editcount ?? 0,
        })),
      );
      for (const u of users) {
        const id = u.userid as number;
        const explicit = (u.groups ?? []).filter(
          (g) => !IMPLICIT_GROUPS.has(g) && !(u.implicitgroups ?? []).includes(g),
        );
        const stored = await tx.users.groups(wiki.info.id, id, now);
        for (const g of explicit) if (!stored.includes(g)) await tx.users.addGroup(wiki.info.id, id, g, null);
        for (const g of stored) if (!explicit.includes(g)) await tx.users.removeGroup(wiki.info.id, id, g);
        if (u.blockid && !(await tx.blocks.get(wiki.info.id, u.blockid))) {
          await tx.blocks.insert({
            wiki: wiki.info.id,
            id: u.blockid,
            targetUserId: id,
            targetAddress: '',
            byUserId: u.blockedbyid ?? 0,
            byName: u.blockedby ?? '',
            reason: u.blockreason ?? '',
            timestamp: u.blockedtimestamp ? Date.parse(u.blockedtimestamp) / 1000 : now,
            expiry: !u.blockexpiry || u.blockexpiry === 'infinite' ? null : Date.parse(u.blockexpiry) / 1000,
            sitewide: u.blockpartial !== true,
            noCreate: u.blocknocreate === true,
            noEmail: u.blockemail === true,
            allowUserTalk: u.blockowntalk !== true,
            anonOnly: false,
          });
        }
      }
      const written = await writeDumpPages(
        tx,
        wiki,
        prepared,
        (o) => outcomes.push(o),
        { usernamePrefix: 'imported' },
        mediaRepoFor(wiki.info, this.#deps.wikis),
      );
      if (written.pageIds.length > 0)
        await this.#deps.jobs.enqueueManyIn(
          tx,
          backfillJobTypes.map((type) => ({
            type,
            wiki: wiki.info.id,
            payload: { pageIds: written.pageIds },
          })),
        );
      result.pages += written.pageIds.length;
      result.revisions += written.revisions;
    });
    result.users += users.length;
    result.skipped.push(...outcomes.filter((o) => o.code !== 'import-nonewrevisions'));
  }

  /** The accounts named, as the wiki has them (missing and invalid names left out). */
  async #users(api: MediaWikiApi, names: readonly string[]): Promise<RemoteUser[]> {
    const out: RemoteUser[] = [];
    for (let i = 0; i < names.length; i += BATCH) {
      const response = await api.get({
        action: 'query',
        list: 'users',
        ususers: names.slice(i, i + BATCH).join('|'),
        usprop: 'groups|implicitgroups|editcount|registration|blockinfo',
      });
      for (const u of (response.query?.users as RemoteUser[] | undefined) ?? [])
        if (!u.missing && !u.invalid && u.userid) out.push(u);
    }
    return out;
  }
}

/** A revision as the API lists it, in the export format's shape (`text`: the newest one's). */
function dumpRevision(
  r: RemoteRevision,
  text: { text: string; model: string; format: string } | null,
): DumpRevision {
  const body = text?.text ?? '';
  return {
    id: r.revid,
    parentId: r.parentid > 0 ? r.parentid : null,
    timestamp: r.timestamp,
    contributor: r.userhidden
      ? { id: null, username: null, ip: null, deleted: true }
      : r.anon || !r.userid
        ? { id: null, username: null, ip: r.user ?? '', deleted: false }
        : { id: r.userid, username: r.user ?? '', ip: null, deleted: false },
    minor: r.minor === true,
    comment: r.commenthidden ? null : (r.comment ?? ''),
    commentDeleted: r.commenthidden === true,
    model: text?.model ?? r.slots?.main?.contentmodel ?? 'wikitext',
    format: text?.format ?? 'text/x-wiki',
    text: body,
    textBytes: text ? Buffer.byteLength(body, 'utf8') : r.size,
    textTooLarge: false,
    sha1: r.sha1 && !r.sha1hidden ? BigInt(`0x${r.sha1}`).toString(36).padStart(31, '0') : null,
    textDeleted: false,
  };
}
