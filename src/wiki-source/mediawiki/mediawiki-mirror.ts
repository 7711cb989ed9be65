import { toIsoTimestamp, toMwTimestamp, type Clock } from '../../core/domain/clock.ts';
import {
  eventContext,
  pageCreateEvent,
  pageDeleteEvent,
  pageMoveEvent,
  pagePatrolEvent,
  pageUndeleteEvent,
  revisionCreateEvent,
  blockStateOf,
  unblockedStateAt,
  userBlocksChangeEvent,
  type EventPage,
  type OutboxDraft,
  type Performer,
} from '../../core/domain/events.ts';
import { decodeHtmlEntities } from '../../core/domain/html-entities.ts';
import { readFileDescription } from '../../wikitext/file-description.ts';
import { makeTitle, toDbKey, tryParseTitle, type Title } from '../../core/domain/titles.ts';
import { NamespaceTable, NS_USER, type NamespaceInfo } from '../../core/domain/namespaces.ts';
import { coreSettingsOf, DEFAULT_MAX_ARTICLE_SIZE_KIB } from '../../core/domain/wiki-settings.ts';
import type { Block, MediaFile, Page, WikiInfo } from '../../core/domain/wiki.ts';
import { checkDumpPage, type DumpTarget, type ImportOutcome } from '../../core/imports/dump-page-check.ts';
import { prepareDumpPage, writeDumpPages, type PreparedPage } from '../../core/imports/dump-page-writer.ts';
import type { DumpPage, DumpRevision } from '../../core/imports/dump-types.ts';
import type { JobQueue } from '../../core/jobs/job-queue.ts';
import { mediaRepoFor } from '../../core/media/page-images-update.ts';
import type { Repositories, Store } from '../../core/store/store.ts';
import { removePageRows } from '../../core/wikis/page-removal.ts';
import { retitlePage } from '../../core/wikis/page-retitle.ts';
import type { LoadedWiki, WikiRegistry } from '../../core/wikis/wiki-registry.ts';
import { isWikiId } from '../../config.ts';
import { fail, isWikiqueueError } from '../../errors.ts';
import { MediaWikiApi, type ApiResponse } from './mediawiki-api.ts';

/**
 * The turn (IdRepository.turn) every transaction writing a followed wiki's pages takes: the
 * follower's rounds and the changes made through wikiqueue, on every server process.
 */
const MIRROR_TURN = 'mediawiki-mirror';

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
  /**
   * The wiki is the family's media repository (a Commons-like wiki): the files the followed wikis
   * show are looked up in it over its API. Kept as it was when not given.
   */
  mediaRepo?: boolean;
}

export interface FollowResult {
  /** Recent changes read this round. */
  changes: number;
  pages: number;
  revisions: number;
  deleted: number;
  patrolled: number;
  moved: number;
  restored: number;
  /** Whether the round reached the wiki's newest change. */
  caughtUp: boolean;
}

/** What one fetch brought: pages in the export format's shape, and the accounts of their editors. */
interface Fetched {
  pages: DumpPage[];
  users: RemoteUser[];
  /**
   * The pages' interlanguage links as the wiki has them (its langlinks table: from templates and,
   * on Wikimedia wikis, from Wikidata — not only from the text), by page id.
   */
  langlinks: Map<number, { lang: string; title: string }[]>;
}

/** What one fetch brought, analysed and ready to write (outside any transaction). */
interface Prepared extends Fetched {
  prepared: PreparedPage[];
  /** The pages the import rules refused, with why. */
  outcomes: ImportOutcome[];
}

/** A file page of prop=imageinfo (formatversion 2). */
interface RemoteFilePage {
  title: string;
  missing?: boolean;
  revisions?: { slots?: { main?: { content?: string } } }[];
  imageinfo?: {
    size?: number;
    width?: number;
    height?: number;
    mime?: string;
    mediatype?: string;
    bitdepth?: number;
    sha1?: string;
    url?: string;
    user?: string;
    timestamp?: string;
    extmetadata?: Record<string, { value?: string }>;
  }[];
}

interface RemoteChange {
  type: 'new' | 'edit';
  ns: number;
  title: string;
  pageid: number;
  rcid: number;
  timestamp: string;
}

interface RemoteLogEntry {
  logid: number;
  ns: number;
  title: string;
  /** The page now at `title`. */
  pageid: number;
  /** The page the entry is about (log_page): for a move, the moved page; `pageid` is then the redirect. */
  logpage?: number;
  type: string;
  action: string;
  user?: string;
  userid?: number;
  timestamp: string;
  comment?: string;
  params?: {
    curid?: number;
    previd?: number;
    auto?: boolean;
    /** A move's new title (prefixed text) and whether it left no redirect. */
    target_title?: string;
    suppressredirect?: boolean;
  };
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
    if (wiki.source !== 'mediawiki' || apiUrl === '') throw fail('wiki-not-followed', wiki.id, wiki.source);
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
    // What can be refused without asking the wiki is refused first.
    if (!isWikiId(opts.id)) throw fail('invalid-wiki-id', opts.id);
    const existing = this.#deps.wikis.list().find((w) => w.info.id === opts.id);
    if (existing && existing.info.source !== 'mediawiki')
      throw fail('wiki-not-followed', opts.id, existing.info.source);
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
      // An unreachable wiki's own reason (wiki-unreachable's third parameter), not its whole sentence.
      const reason = isWikiqueueError(e) ? String(e.params[2] ?? e.message) : String(e);
      throw fail('wiki-not-mediawiki', opts.apiUrl, reason);
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
      // Connecting again changes what is given and keeps the rest (the bot user, the backfill window).
      mediawiki: {
        ...((existing?.info.settings.mediawiki as Record<string, unknown> | undefined) ?? {}),
        apiUrl: opts.apiUrl,
        ...(opts.botUser !== undefined ? { botUser: opts.botUser } : {}),
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
        isMediaRepo: opts.mediaRepo ?? existing?.info.isMediaRepo ?? false,
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
    const since = toIsoTimestamp(this.#deps.clock() - days * 86400);
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
    const fetched = await this.#ready(wiki, await this.#fetch(api, pageIds, new Map(), []), {
      counterparts: true,
    });
    await this.#deps.store.transaction(async (tx) => {
      const written = await this.#write(tx, wiki, fetched, { backfillJobTypes, events: false });
      result.pages += written.pageIds.length;
      result.revisions += written.revisions;
      result.skipped.push(...written.skipped);
    });
    result.users += fetched.users.length;
  }

  /**
   * The pages as the wiki has them now, in the export format's shape: their revisions after
   * `after` (a page's latest revision here; all of them for a page this store lacks), the newest
   * with its text; and the accounts of their editors and of `alsoUsers`.
   */
  async #fetch(
    api: MediaWikiApi,
    pageIds: readonly number[],
    after: ReadonlyMap<number, number>,
    alsoUsers: readonly string[],
  ): Promise<Fetched> {
    const pages: DumpPage[] = [];
    const texts = new Map<number, { revid: number; text: string; model: string; format: string }>();
    // Each page's newest revision, whole: for a page whose newest revision follows the one this
    // store has (or is its first), that is everything new, and no request of its own is needed.
    const newest = new Map<number, { page: RemotePage; revision: RemoteRevision }>();
    for (let i = 0; i < pageIds.length; i += BATCH) {
      const latest = await api.get({
        action: 'query',
        pageids: pageIds.slice(i, i + BATCH).join('|'),
        prop: 'revisions',
        rvprop: 'ids|timestamp|user|userid|comment|flags|size|sha1|contentmodel|content',
        rvslots: 'main',
      });
      for (const p of (latest.query?.pages as RemotePage[] | undefined) ?? []) {
        const r = p.revisions?.[0];
        if (!p.pageid || !r) continue;
        newest.set(p.pageid, { page: p, revision: r });
        texts.set(p.pageid, {
          revid: r.revid,
          text: r.slots?.main?.content ?? '',
          model: r.slots?.main?.contentmodel ?? 'wikitext',
          format: r.slots?.main?.contentformat ?? 'text/x-wiki',
        });
      }
    }
    for (const pageId of pageIds) {
      const text = texts.get(pageId);
      const known = after.get(pageId);
      if (!text || (known !== undefined && known >= text.revid)) continue;
      const only = newest.get(pageId);
      if (only && only.revision.parentid === (known ?? 0)) {
        pages.push(dumpPage(pageId, only.page, [dumpRevision(only.revision, text)]));
        continue;
      }
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
        ...(known !== undefined ? { rvstartid: known + 1 } : {}),
      })) {
        const p = (batch.query?.pages as RemotePage[] | undefined)?.[0];
        if (!p || p.missing) break;
        page = p;
        revisions.push(...(p.revisions ?? []));
      }
      if (!page || revisions.length === 0) continue;
      pages.push(
        dumpPage(
          pageId,
          page,
          revisions.map((r) => dumpRevision(r, r.revid === text.revid ? text : null)),
        ),
      );
    }
    const names = new Set(alsoUsers);
    for (const p of pages)
      for (const r of p.revisions)
        if (r.contributor.id && r.contributor.username) names.add(r.contributor.username);
    const langlinks = new Map<number, { lang: string; title: string }[]>(
      pages.map((p) => [p.id as number, []]),
    );
    const ids = [...langlinks.keys()];
    for (let i = 0; i < ids.length; i += BATCH) {
      for await (const batch of api.getAll({
        action: 'query',
        pageids: ids.slice(i, i + BATCH).join('|'),
        prop: 'langlinks',
        lllimit: 'max',
      })) {
        for (const p of (batch.query?.pages as
          (RemotePage & { langlinks?: { lang: string; title: string }[] })[] | undefined) ?? [])
          if (p.pageid)
            langlinks
              .get(p.pageid)
              ?.push(...(p.langlinks ?? []).map((l) => ({ lang: l.lang, title: l.title })));
      }
    }
    return { pages, users: await this.#users(api, [...names]), langlinks };
  }

  /**
   * The fetched pages checked and analysed by the import rules (outside any transaction: the
   * costly part), then what writing them needs from other wikis: the lead images' files from a
   * media repository followed over its API (prop=imageinfo), and — with `counterparts` — the
   * interlanguage counterparts of the pages on the followed sibling wikis, whose lead images the
   * generator reads.
   */
  async #ready(wiki: LoadedWiki, fetched: Fetched, opts: { counterparts: boolean }): Promise<Prepared> {
    const ready = this.#prepare(wiki, fetched);
    if (opts.counterparts) await this.#bringCounterparts(wiki, ready);
    await this.#bringFiles(wiki, ready.prepared);
    return ready;
  }

  /**
   * The files `pages` may show as lead images, from the wiki's media repository when that is a
   * followed MediaWiki (`wiki add … --media-repo`): those not known here yet are asked of its API
   * (prop=imageinfo: size, type, URL, SHA-1, licence, author, description) and recorded with the
   * repository's own URLs, which thumbnails then follow. A file the repository lacks is left out
   * (asked again the next time a page shows it).
   */
  async #bringFiles(wiki: LoadedWiki, pages: readonly PreparedPage[]): Promise<void> {
    const repoId = mediaRepoFor(wiki.info, this.#deps.wikis);
    const repo = repoId === undefined ? undefined : this.#deps.wikis.list().find((w) => w.info.id === repoId);
    if (!repo || repo.info.source !== 'mediawiki') return;
    const names = [...new Set(pages.flatMap((p) => p.leadImageCandidates.map((c) => toDbKey(c.title))))];
    if (names.length === 0) return;
    const known = new Set((await this.#deps.store.media.getMany(repo.info.id, names)).map((f) => f.name));
    const missing = names.filter((n) => !known.has(n));
    if (missing.length === 0) return;
    const api = this.apiOf(repo.info);
    const files: MediaFile[] = [];
    for (let i = 0; i < missing.length; i += BATCH) {
      const answer = await api.get({
        action: 'query',
        titles: missing.slice(i, i + BATCH).map((n) => `File:${n}`),
        prop: 'imageinfo|revisions',
        iiprop: 'size|mime|mediatype|url|sha1|timestamp|user|bitdepth|extmetadata',
        iiextmetadatafilter: 'LicenseShortName|Artist|ImageDescription',
        rvprop: 'content',
        rvslots: 'main',
      });
      for (const p of (answer.query?.pages as RemoteFilePage[] | undefined) ?? []) {
        const info = p.imageinfo?.[0];
        const name = tryParseTitle(p.title, repo.namespaces)?.dbKey;
        if (!info || !name || p.missing) continue;
        // The repository's extmetadata (CommonsMetadata) where it has it, else the description
        // page read as CommonsMetadata reads it (a plain MediaWiki has no such extension).
        const page = readFileDescription(p.revisions?.[0]?.slots?.main?.content ?? '');
        const meta = (key: string, fallback: string) =>
          plainText(info.extmetadata?.[key]?.value ?? '') || fallback;
        files.push({
          repo: repo.info.id,
          name,
          size: info.size ?? 0,
          width: info.width ?? 0,
          height: info.height ?? 0,
          mediaType: info.mediatype ?? 'UNKNOWN',
          mime: info.mime ?? 'unknown/unknown',
          bitDepth: info.bitdepth ?? 0,
          sha1: info.sha1 ?? '',
          license: meta('LicenseShortName', page.licenseShortName),
          author: meta('Artist', page.author),
          description: meta('ImageDescription', page.description),
          categories: page.categories,
          uploader: info.user ?? '',
          url: info.url ?? '',
          timestamp: info.timestamp ? Date.parse(info.timestamp) / 1000 : this.#deps.clock(),
        });
      }
    }
    if (files.length > 0) await this.#deps.store.transaction((tx) => tx.media.upsertMany(files));
  }

  /**
   * The interlanguage counterparts of `ready`'s pages on the wikis followed beside it in other
   * languages (the generator's siblings), brought in as they are now — their newest revision,
   * without events — when not here yet: the generator reads their lead images. A counterpart that
   * is a redirect is brought in as one; its target is not followed.
   */
  async #bringCounterparts(wiki: LoadedWiki, ready: Prepared): Promise<void> {
    const siblings = this.#deps.wikis
      .list()
      .filter(
        (w) =>
          w.info.source === 'mediawiki' &&
          !w.info.isMediaRepo &&
          w.info.id !== wiki.info.id &&
          w.info.lang !== wiki.info.lang,
      );
    for (const sibling of siblings) {
      const titles = [
        ...new Set(
          ready.prepared.flatMap((p) =>
            (p.links.langlinks ?? []).filter((l) => l.lang === sibling.info.lang).map((l) => l.title),
          ),
        ),
      ].flatMap((t) => {
        const title = tryParseTitle(t, sibling.namespaces);
        return title ? [title] : [];
      });
      if (titles.length === 0) continue;
      const here = new Set(
        (
          await this.#deps.store.pages.getManyByTitles(
            sibling.info.id,
            titles.map((t) => ({ namespace: t.namespace, title: t.dbKey })),
          )
        ).map((p) => `${p.namespace}:${p.title}`),
      );
      const wanted = titles.filter((t) => !here.has(`${t.namespace}:${t.dbKey}`));
      if (wanted.length === 0) continue;
      const api = this.apiOf(sibling.info);
      const pages: DumpPage[] = [];
      for (let i = 0; i < wanted.length; i += BATCH) {
        const answer = await api.get({
          action: 'query',
          titles: wanted.slice(i, i + BATCH).map((t) => t.prefixedText),
          prop: 'revisions',
          rvprop: 'ids|timestamp|user|userid|comment|flags|size|sha1|contentmodel|content',
          rvslots: 'main',
        });
        for (const p of (answer.query?.pages as RemotePage[] | undefined) ?? []) {
          const r = p.revisions?.[0];
          if (!p.pageid || !r) continue;
          const text = {
            revid: r.revid,
            text: r.slots?.main?.content ?? '',
            model: r.slots?.main?.contentmodel ?? 'wikitext',
            format: r.slots?.main?.contentformat ?? 'text/x-wiki',
          };
          pages.push(dumpPage(p.pageid, p, [dumpRevision(r, text)]));
        }
      }
      if (pages.length === 0) continue;
      const theirs = this.#prepare(sibling, { pages, users: [], langlinks: new Map() });
      await this.#bringFiles(sibling, theirs.prepared);
      await this.#deps.store.transaction((tx) =>
        this.#write(tx, sibling, theirs, { backfillJobTypes: [], events: false }),
      );
    }
  }

  #prepare(wiki: LoadedWiki, fetched: Fetched): Prepared {
    const namespaces = new NamespaceTable(wiki.info.namespaces);
    const target: DumpTarget = {
      namespaces,
      dumpNamespaces: namespaces,
      maxArticleSizeKib: coreSettingsOf(wiki.info).maxArticleSize,
    };
    const outcomes: ImportOutcome[] = [];
    const prepared = fetched.pages.flatMap((p) => {
      const checked = checkDumpPage(p, target, (o) => outcomes.push(o));
      if (!checked) return [];
      const page = prepareDumpPage(checked, wiki);
      const langlinks = p.id === null ? undefined : fetched.langlinks.get(p.id);
      return [langlinks ? { ...page, links: { ...page.links, langlinks } } : page];
    });
    return { ...fetched, prepared, outcomes };
  }

  /**
   * Writes what `#fetch` brought in the caller's transaction: the accounts first (with the wiki's
   * ids, so that the page writer finds them by name), then the pages by the import rules; with
   * `events`, each new revision's `mediawiki.revision-create` event (and `mediawiki.page-create`
   * for a page new here), as the embedded wiki's edits emit them, for the subsystems to follow.
   */
  async #write(
    tx: Repositories,
    wiki: LoadedWiki,
    fetched: Prepared,
    opts: {
      backfillJobTypes: readonly string[];
      events: boolean;
      blockers?: ReadonlyMap<string, Performer>;
      /** Pages whose revisions are written without events (a restored page has its own). */
      quiet?: ReadonlySet<number>;
    },
  ): Promise<{ pageIds: number[]; revisions: number; skipped: ImportOutcome[] }> {
    const now = this.#deps.clock();
    const w = wiki.info.id;
    // One writer of the wiki's pages at a time: each decides what is new by reading first.
    await tx.ids.turn(w, MIRROR_TURN);
    await this.#writeUsers(
      tx,
      wiki.info,
      fetched.users,
      now,
      opts.events ? { blockers: opts.blockers ?? new Map() } : undefined,
    );
    const namespaces = new NamespaceTable(wiki.info.namespaces);
    const outcomes = [...fetched.outcomes];
    const prepared = fetched.prepared;
    const before = new Set(
      (
        await tx.pages.getManyByIds(
          w,
          fetched.pages.flatMap((p) => (p.id === null ? [] : [p.id])),
        )
      ).map((p) => p.id),
    );
    const written = await writeDumpPages(
      tx,
      wiki,
      prepared,
      (o) => outcomes.push(o),
      { usernamePrefix: 'imported' },
      mediaRepoFor(wiki.info, this.#deps.wikis),
      { sameRevision: 'id' },
    );
    if (written.pageIds.length > 0 && opts.backfillJobTypes.length > 0)
      await this.#deps.jobs.enqueueManyIn(
        tx,
        opts.backfillJobTypes.map((type) => ({ type, wiki: w, payload: { pageIds: written.pageIds } })),
      );
    if (opts.events && written.added.length > 0) {
      const ctx = eventContext(wiki.info, now);
      const performers = new Map(fetched.users.map((u) => [u.userid as number, performerOfUser(u)]));
      const pages = new Map(
        (await tx.pages.getManyByIds(w, [...new Set(written.added.map((r) => r.pageId))])).map((p) => [
          p.id,
          p,
        ]),
      );
      const created = new Set<number>();
      for (const r of [...written.added].sort((a, b) => a.timestamp - b.timestamp || a.id - b.id)) {
        const page = pages.get(r.pageId);
        if (!page || opts.quiet?.has(page.id)) continue;
        const evPage = eventPageOf(page, namespaces);
        const facts = {
          id: r.id,
          parentId: r.parentId,
          timestamp: r.timestamp,
          sha1: r.sha1,
          len: r.len,
          minor: r.minor,
          comment: r.comment,
          contentModel: page.contentModel,
          contentChanged: true,
          tags: [],
        };
        const performer = performers.get(r.userId) ?? {
          user_text: r.userText,
          user_groups: ['*'],
          user_is_bot: false,
        };
        if (!before.has(page.id) && !created.has(page.id)) {
          created.add(page.id);
          await append(tx, w, pageCreateEvent(ctx, evPage, facts, performer), now);
        }
        await append(tx, w, revisionCreateEvent(ctx, evPage, facts, performer), now);
      }
    }
    return {
      pageIds: written.pageIds,
      revisions: written.revisions,
      skipped: outcomes.filter((o) => o.code !== 'import-nonewrevisions'),
    };
  }

  /**
   * Brings in the pages' changes since the revisions this store has, with their events — right
   * after a change made on the wiki through wikiqueue, so that what the wiki answered is here
   * before the answer is given. `then` runs in the same transaction. The follower meets the same
   * changes later and finds them here already (the import rules skip a revision that is there).
   */
  async ingest(
    wikiId: string,
    api: MediaWikiApi,
    pageIds: readonly number[],
    then?: () => Promise<void>,
  ): Promise<void> {
    const wiki = this.#deps.wikis.get(wikiId);
    const stored = await this.#deps.store.pages.getManyByIds(wikiId, [...pageIds]);
    let fetched: Prepared;
    try {
      fetched = await this.#ready(
        wiki,
        await this.#fetch(api, pageIds, new Map(stored.map((p) => [p.id, p.latestRevId])), []),
        { counterparts: true },
      );
    } catch {
      // The change is made on the wiki whatever happens here: what it answered is recorded
      // (`then`), and the follower brings the pages in with its next round.
      await this.#deps.store.transaction(async () => {
        await then?.();
      });
      return;
    }
    await this.#deps.store.transaction(async (tx) => {
      await this.#write(tx, wiki, fetched, { backfillJobTypes: [], events: true });
      await then?.();
    });
  }

  /**
   * Records the account `name` as the wiki has it now (id, groups, edit count, registration,
   * block), asked through `api` — a login's. Answers its id; `nosuchuser` when the wiki has none.
   */
  async recordAccount(wikiId: string, api: MediaWikiApi, name: string): Promise<number> {
    const [user] = await this.#users(api, [name]);
    if (!user?.userid) throw fail('nosuchuser', name);
    const now = this.#deps.clock();
    // With events: a block first seen at a login is followed like one the follower finds.
    await this.#deps.store.transaction((tx) =>
      this.#writeUsers(tx, this.#deps.wikis.get(wikiId).info, [user], now, { blockers: new Map() }),
    );
    return user.userid;
  }

  /**
   * The accounts as the wiki has them: ids, names, registration, edit counts, groups, and their
   * blocks — a block the wiki has that is not here is added, one here the wiki no longer has (an
   * unblock) removed, one whose terms changed (a reblock) replaced. With `events`, each change of
   * a block is a `mediawiki.user-blocks-change` event, as the embedded wiki's blocks emit
   * (`blockers`: who changed the block of a user, by the user's name, from the block log).
   */
  async #writeUsers(
    tx: Repositories,
    wiki: WikiInfo,
    users: readonly RemoteUser[],
    now: number,
    events?: { blockers: ReadonlyMap<string, Performer> },
  ): Promise<void> {
    const w = wiki.id;
    await tx.users.upsertFacts(
      users.map((u) => ({
        wiki: w,
        id: u.userid as number,
        name: u.name,
        passwordHash: '',
        registration: u.registration ? Date.parse(u.registration) / 1000 : null,
        editCount: u.editcount ?? 0,
      })),
    );
    for (const u of users) {
      const id = u.userid as number;
      const explicit = explicitGroups(u);
      const stored = await tx.users.groups(w, id, now);
      for (const g of explicit) if (!stored.includes(g)) await tx.users.addGroup(w, id, g, null);
      for (const g of stored) if (!explicit.includes(g)) await tx.users.removeGroup(w, id, g);
      const remote = blockOf(w, u, now);
      const here = await tx.blocks.activeForUser(w, id, now);
      if (remote && here && sameBlock(remote, here)) continue;
      if (!remote && !here) continue;
      if (here) await tx.blocks.delete(w, here.id);
      if (remote) {
        if (await tx.blocks.get(w, remote.id)) await tx.blocks.delete(w, remote.id);
        await tx.blocks.insert(remote);
      }
      if (!events) continue;
      await append(
        tx,
        w,
        userBlocksChangeEvent(eventContext(wiki, now), {
          userText: u.name,
          userId: id,
          blockId: (remote ?? here)!.id,
          blocks: remote ? blockStateOf(remote) : unblockedStateAt(now),
          ...(here ? { prior: blockStateOf(here) } : {}),
          performer: events.blockers.get(u.name) ?? {
            user_text: remote?.byName ?? '',
            user_groups: ['*'],
            user_is_bot: false,
          },
          comment: remote?.reason ?? '',
        }),
        now,
      );
    }
  }

  /**
   * One round of following the wiki's recent changes from the stored position (issue 16 item 3):
   * up to `limit` changes — page creations and edits in `namespaces`; moves, deletions,
   * undeletions, patrols, blocks and group changes from the logs — fetched, then written with
   * their events and the next position in one transaction, so that a restart at any point
   * neither repeats nor skips a change. In the transaction: moves first (the pages written next
   * are found under their new titles), then deletions and undeletions, the pages, the patrols. The first round starts at the time
   * it runs (the backfill brings what came before). `caughtUp` tells whether changes are left.
   */
  async followOnce(
    wikiId: string,
    opts: { namespaces: readonly number[]; limit?: number },
  ): Promise<FollowResult> {
    const { store } = this.#deps;
    const wiki = this.#deps.wikis.get(wikiId);
    const api = this.apiOf(wiki.info);
    const limit = Math.min(opts.limit ?? 500, 500);
    const rcKey = `mediawiki-rc:${wikiId}`;
    const logKey = `mediawiki-log:${wikiId}`;
    const [rcState, logState] = await Promise.all([store.imports.get(rcKey), store.imports.get(logKey)]);
    const start = `${toMwTimestamp(this.#deps.clock())}|0`;
    const rcCursor = rcState?.cursor ?? start;
    const logCursor = logState?.cursor ?? start;
    // Page changes from recent changes; moves, deletions, undeletions, patrols, blocks and group
    // changes from the logs (MediaWiki does not publish patrols to recent changes).
    const [rc, log] = await Promise.all([
      api.get({
        action: 'query',
        list: 'recentchanges',
        rcdir: 'newer',
        rccontinue: rcCursor,
        rctype: 'new|edit',
        rcprop: 'ids|title|timestamp|user|userid',
        rclimit: limit,
      }),
      api.get({
        action: 'query',
        list: 'logevents',
        ledir: 'newer',
        lecontinue: logCursor,
        leprop: 'ids|title|type|user|userid|timestamp|comment|details',
        lelimit: limit,
      }),
    ]);
    const changes = (rc.query?.recentchanges as RemoteChange[] | undefined) ?? [];
    const rcDone = rc.continue === undefined;
    const lastChange = changes.at(-1);
    const rcNext =
      rc.continue?.rccontinue ??
      (lastChange
        ? `${toMwTimestamp(Date.parse(lastChange.timestamp) / 1000)}|${lastChange.rcid + 1}`
        : rcCursor);
    // A log entry is taken once the page changes before it are: never a patrol of a page not here yet.
    const allLogs = (log.query?.logevents as RemoteLogEntry[] | undefined) ?? [];
    const logs = rcDone || !lastChange ? allLogs : allLogs.filter((e) => e.timestamp <= lastChange.timestamp);
    const lastLog = logs.at(-1);
    const logsDone = log.continue === undefined && logs.length === allLogs.length;
    const logNext =
      logs.length === allLogs.length && log.continue?.lecontinue
        ? log.continue.lecontinue
        : lastLog
          ? `${toMwTimestamp(Date.parse(lastLog.timestamp) / 1000)}|${lastLog.logid + 1}`
          : logCursor;

    const tracked = new Set(opts.namespaces);
    const namespaces = new NamespaceTable(wiki.info.namespaces);
    // Moves: the moved page (its null revision is no recent change) and the redirect left at its
    // old title (nor is that) are brought in with the changes.
    const moves = logs.filter(
      (e) => e.type === 'move' && (e.action === 'move' || e.action === 'move_redir') && (e.logpage ?? 0) > 0,
    );
    const movedIds = moves
      .filter((e) => tracked.has(targetTitle(e, namespaces)?.namespace ?? -1))
      .map((e) => e.logpage!);
    const leftBehind = moves
      .filter((e) => !e.params?.suppressredirect && tracked.has(e.ns))
      .map((e) => e.title);
    const redirectIds =
      leftBehind.length === 0
        ? []
        : (
            ((await api.get({ action: 'query', titles: [...new Set(leftBehind)].join('|') })).query?.pages as
              RemotePage[] | undefined) ?? []
          ).flatMap((p) => (p.pageid ? [p.pageid] : []));
    // Undeletions: the page comes back with its history (no recent change says so either).
    const restores = logs.filter(
      (e) => e.type === 'delete' && e.action === 'restore' && e.pageid > 0 && tracked.has(e.ns),
    );
    const pageIds = [
      ...new Set([
        ...changes.filter((c) => tracked.has(c.ns) && c.pageid > 0).map((c) => c.pageid),
        ...movedIds,
        ...redirectIds,
        ...restores.map((e) => e.pageid),
      ]),
    ];
    const stored = await store.pages.getManyByIds(wikiId, pageIds);
    // Accounts whose blocks or groups changed on the wiki are read again (#writeUsers follows them).
    const targetOf = (e: RemoteLogEntry) =>
      (e.type === 'block' || e.type === 'rights') && e.ns === NS_USER
        ? (tryParseTitle(e.title, namespaces)?.text ?? null)
        : null;
    const fetched = await this.#ready(
      wiki,
      await this.#fetch(
        api,
        pageIds,
        new Map(stored.map((p) => [p.id, p.latestRevId])),
        logs.flatMap((e) => [
          ...(e.userid && e.user ? [e.user] : []),
          ...(targetOf(e) ? [targetOf(e)!] : []),
        ]),
      ),
      { counterparts: true },
    );
    const performers = new Map(fetched.users.map((u) => [u.name, performerOfUser(u)]));
    const blockers = new Map<string, Performer>();
    for (const e of logs) {
      const target = e.type === 'block' ? targetOf(e) : null;
      const by = performers.get(e.user ?? '');
      if (target && by) blockers.set(target, by);
    }
    const result: FollowResult = {
      changes: changes.length + logs.length,
      pages: 0,
      revisions: 0,
      deleted: 0,
      patrolled: 0,
      moved: 0,
      restored: 0,
      caughtUp: rcDone && logsDone,
    };
    await store.transaction(async (tx) => {
      await tx.ids.turn(wikiId, MIRROR_TURN);
      const moved = [];
      for (const e of moves) {
        const m = await this.#retitle(tx, wiki, e);
        if (m) moved.push({ ...m, entry: e });
      }
      // Deletions next (the deleted page by its id: a move may have put another at its title),
      // then undeletions, so that one deleted and restored within the round is back.
      for (const e of logs) {
        if (e.type !== 'delete' || (e.action !== 'delete' && e.action !== 'delete_redir')) continue;
        const performer = performers.get(e.user ?? '') ?? anonymousPerformer(e.user ?? '');
        if (await this.#deleted(tx, wiki, e, performer)) result.deleted++;
      }
      // A restored page's rows here come from the wiki; what was archived here at its deletion goes.
      const restored = new Set<number>();
      for (const e of restores) {
        const title = tryParseTitle(e.title, namespaces);
        if (!title || (await tx.pages.getById(wikiId, e.pageid))) continue;
        await tx.archive.takeForTitle(wikiId, title.namespace, title.dbKey);
        restored.add(e.pageid);
      }
      const written = await this.#write(tx, wiki, fetched, {
        backfillJobTypes: [],
        events: true,
        blockers,
        quiet: restored,
      });
      for (const e of restores) {
        if (!restored.has(e.pageid)) continue;
        const performer = performers.get(e.user ?? '') ?? anonymousPerformer(e.user ?? '');
        if (await this.#restoredEvent(tx, wiki, e, performer)) result.restored++;
      }
      for (const m of moved) {
        const performer = performers.get(m.entry.user ?? '') ?? anonymousPerformer(m.entry.user ?? '');
        await this.#movedEvent(tx, wiki, m.entry, m.before, m.from, performer);
        result.moved++;
      }
      result.pages = written.pageIds.length;
      result.revisions = written.revisions;
      for (const e of logs) {
        if (e.type !== 'patrol' || e.action !== 'patrol') continue;
        const performer = performers.get(e.user ?? '') ?? anonymousPerformer(e.user ?? '');
        if (await this.#patrolled(tx, wiki, e, performer)) result.patrolled++;
      }
      const now = this.#deps.clock();
      for (const [key, state, cursor, pages, revisions] of [
        [rcKey, rcState, rcNext, result.pages, result.revisions],
        [logKey, logState, logNext, 0, 0],
      ] as const)
        await tx.imports.save({
          sourceKey: key,
          wiki: wikiId,
          pagesDone: (state?.pagesDone ?? 0) + pages,
          revisionsDone: (state?.revisionsDone ?? 0) + revisions,
          startedAt: state?.startedAt ?? now,
          finishedAt: null,
          cursor,
        });
    });
    return result;
  }

  /** A deletion on the wiki: the page's rows archived here as DeletePage does, its log entry, its event. */
  async #deleted(
    tx: Repositories,
    wiki: LoadedWiki,
    c: RemoteLogEntry,
    performer: Performer,
  ): Promise<boolean> {
    const w = wiki.info.id;
    const namespaces = new NamespaceTable(wiki.info.namespaces);
    const title = tryParseTitle(c.title, namespaces);
    if (!title) return false;
    // The deleted page is the entry's page (log_page); the title may be another's by now.
    const page = c.logpage ? await tx.pages.getById(w, c.logpage) : undefined;
    const now = this.#deps.clock();
    const logId = await tx.ids.next(w, 'log');
    await tx.logs.insert({
      wiki: w,
      id: logId,
      type: 'delete',
      action: c.action,
      timestamp: Date.parse(c.timestamp) / 1000,
      actorId: c.userid ?? 0,
      actorName: c.user ?? '',
      namespace: title.namespace,
      title: title.dbKey,
      pageId: page?.id ?? 0,
      comment: c.comment ?? '',
      params: {},
      tags: [],
    });
    if (!page) return false;
    const revCount = await removePageRows(tx, w, page, logId);
    await append(
      tx,
      w,
      pageDeleteEvent(eventContext(wiki.info, now), eventPageOf(page, namespaces), {
        performer,
        comment: c.comment ?? '',
        revId: page.latestRevId,
        revCount,
      }),
      now,
    );
    return true;
  }

  /**
   * A move on the wiki, replayed before the round's pages are written: the page's rows take its
   * new title (retitlePage, as a move here does), so that its revisions since — the move's null
   * revision among them — are written to it. A redirect in the way at the new title (a move over
   * a redirect deletes it) is removed first. Answers the page as it was and its old title, or
   * null when the page is not here (moved into a followed namespace, it is brought in as new).
   */
  async #retitle(
    tx: Repositories,
    wiki: LoadedWiki,
    e: RemoteLogEntry,
  ): Promise<{ before: Page; from: Title } | null> {
    const w = wiki.info.id;
    const namespaces = new NamespaceTable(wiki.info.namespaces);
    const page = await tx.pages.getById(w, e.logpage ?? 0);
    const from = tryParseTitle(e.title, namespaces);
    const to = targetTitle(e, namespaces);
    if (!page || !from || !to) return null;
    const inTheWay = await tx.pages.getByTitle(w, to.namespace, to.dbKey);
    if (inTheWay && inTheWay.id !== page.id) await removePageRows(tx, w, inTheWay, 0);
    await retitlePage(tx, w, page, to, this.#deps.clock());
    return { before: page, from };
  }

  /** The `mediawiki.page-move` event of a replayed move, once the round's pages are written. */
  async #movedEvent(
    tx: Repositories,
    wiki: LoadedWiki,
    e: RemoteLogEntry,
    before: Page,
    from: Title,
    performer: Performer,
  ): Promise<void> {
    const w = wiki.info.id;
    const namespaces = new NamespaceTable(wiki.info.namespaces);
    const page = await tx.pages.getById(w, before.id);
    if (!page) return;
    const redirect = await tx.pages.getByTitle(w, from.namespace, from.dbKey);
    const now = this.#deps.clock();
    await append(
      tx,
      w,
      pageMoveEvent(eventContext(wiki.info, now), eventPageOf(page, namespaces), {
        performer,
        comment: e.comment ?? '',
        revId: page.latestRevId,
        revTimestamp: Date.parse(e.timestamp) / 1000,
        prior: { pageTitle: from.prefixedDbKey, pageNamespace: from.namespace, revId: before.latestRevId },
        ...(redirect && redirect.id !== page.id
          ? {
              redirect: {
                pageId: redirect.id,
                pageTitle: from.prefixedDbKey,
                pageNamespace: from.namespace,
                revId: redirect.latestRevId,
              },
            }
          : {}),
      }),
      now,
    );
  }

  /** The `mediawiki.page-undelete` event of a page restored on the wiki, once its revisions are written. */
  async #restoredEvent(
    tx: Repositories,
    wiki: LoadedWiki,
    e: RemoteLogEntry,
    performer: Performer,
  ): Promise<boolean> {
    const w = wiki.info.id;
    const page = await tx.pages.getById(w, e.pageid);
    if (!page) return false;
    const [count] = (await tx.revisions.countForPages(w, [page.id], 1_000_000)).values();
    const now = this.#deps.clock();
    await append(
      tx,
      w,
      pageUndeleteEvent(
        eventContext(wiki.info, now),
        eventPageOf(page, new NamespaceTable(wiki.info.namespaces)),
        {
          performer,
          comment: e.comment ?? '',
          revId: page.latestRevId,
          revCount: count ?? 0,
          priorPageId: page.id,
        },
      ),
      now,
    );
    return true;
  }

  /** A patrol on the wiki (not an automatic one): its `mediawiki.page-patrol` event, for the review queue. */
  async #patrolled(
    tx: Repositories,
    wiki: LoadedWiki,
    c: RemoteLogEntry,
    performer: Performer,
  ): Promise<boolean> {
    const params = c.params ?? {};
    if (params.auto || !params.curid || !c.pageid) return false;
    const w = wiki.info.id;
    const page = await tx.pages.getById(w, c.pageid);
    const revision = page && (await tx.revisions.get(w, params.curid));
    if (!page || !revision) return false;
    const now = this.#deps.clock();
    await append(
      tx,
      w,
      pagePatrolEvent(
        eventContext(wiki.info, now),
        eventPageOf(page, new NamespaceTable(wiki.info.namespaces)),
        {
          performer,
          rcId: 0,
          revId: revision.id,
          parentRevId: params.previd ?? 0,
          auto: false,
          revUserText: revision.userText,
          revUserId: revision.userId,
          rcType: revision.parentId === null ? 'new' : 'edit',
          tags: [],
        },
      ),
      now,
    );
    return true;
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

function dumpPage(id: number, page: RemotePage, revisions: DumpRevision[]): DumpPage {
  return { title: page.title, namespace: page.ns, id, redirectTitle: null, restrictions: null, revisions };
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

/** The groups the wiki gave the account itself (implicit ones are worked out here too). */
function explicitGroups(u: RemoteUser): string[] {
  return (u.groups ?? []).filter((g) => !IMPLICIT_GROUPS.has(g) && !(u.implicitgroups ?? []).includes(g));
}

/** The text of an extmetadata value, which is HTML (Artist is often a link to a user page). */
function plainText(html: string): string {
  return decodeHtmlEntities(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** A move's new title (`target_title` of its log entry). */
function targetTitle(e: RemoteLogEntry, namespaces: NamespaceTable): Title | null {
  const target = e.params?.target_title;
  return target ? tryParseTitle(target, namespaces) : null;
}

/** The performer of a log entry whose account was not read (an address, or a name gone since). */
function anonymousPerformer(name: string): Performer {
  return { user_text: name, user_groups: ['*'], user_is_bot: false };
}

/** The block the wiki reports on an account (list=users' blockinfo), as a block here. */
function blockOf(wiki: string, u: RemoteUser, now: number): Block | undefined {
  if (!u.blockid) return undefined;
  return {
    wiki,
    id: u.blockid,
    targetUserId: u.userid as number,
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
  };
}

/** Whether two blocks are the same block on the same terms. */
function sameBlock(a: Block, b: Block): boolean {
  return (
    a.id === b.id &&
    a.expiry === b.expiry &&
    a.sitewide === b.sitewide &&
    a.noCreate === b.noCreate &&
    a.noEmail === b.noEmail &&
    a.allowUserTalk === b.allowUserTalk &&
    a.reason === b.reason
  );
}

/** The performer block of an event, for an account as the wiki reports it. */
function performerOfUser(u: RemoteUser): Performer {
  const groups = u.groups ?? [];
  return {
    user_id: u.userid as number,
    user_text: u.name,
    user_groups: groups,
    user_is_bot: groups.includes('bot'),
    user_edit_count: u.editcount ?? 0,
    ...(u.registration ? { user_registration_dt: u.registration } : {}),
  };
}

function eventPageOf(page: Page, namespaces: NamespaceTable): EventPage {
  return {
    page_id: page.id,
    page_title: makeTitle(page.namespace, page.title, namespaces).prefixedDbKey,
    page_namespace: page.namespace,
    page_is_redirect: page.isRedirect,
  };
}

async function append(tx: Repositories, wiki: string, draft: OutboxDraft, now: number): Promise<void> {
  await tx.outbox.append(wiki, draft.stream, draft.payload, now);
}
