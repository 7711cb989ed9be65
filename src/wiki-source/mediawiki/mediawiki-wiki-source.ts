import type { Actor } from '../../core/domain/actor.ts';
import type { WikiCredentials } from '../../core/accounts/wiki-credentials.ts';
import { toIsoTimestamp, type Clock } from '../../core/domain/clock.ts';
import { tryParseTitle } from '../../core/domain/titles.ts';
import { coreSettingsOf } from '../../core/domain/wiki-settings.ts';
import type { Page, Revision } from '../../core/domain/wiki.ts';
import type { Store } from '../../core/store/store.ts';
import { writeLogEntry } from '../../core/wikis/log-writer.ts';
import type { WikiRegistry } from '../../core/wikis/wiki-registry.ts';
import { fail, isWikiqueueError } from '../../errors.ts';
import type {
  BlockParams,
  BlockResult,
  DeleteParams,
  DeleteResult,
  MoveParams,
  MoveResult,
  ProtectParams,
  ProtectResult,
  RollbackParams,
  RollbackResult,
  UnblockParams,
  UnblockResult,
  UndeleteParams,
  UndeleteResult,
  EditHooks,
  EditParams,
  EditResult,
  LogPerformer,
  LoggedEntry,
  NewLogEntry,
  PageRef,
  PageText,
  PatrolParams,
  PatrolResult,
  WikiLogin,
  WikiLoginResult,
  WikiSource,
} from '../wiki-source.ts';
import { MediaWikiApi } from './mediawiki-api.ts';
import type { MediaWikiMirror } from './mediawiki-mirror.ts';

/** What acting on the wiki in a user's name needs; without it the source only reads. */
export interface MediaWikiActing {
  mirror: MediaWikiMirror;
  credentials: WikiCredentials;
  userAgent: string;
}

/**
 * The port over a followed MediaWiki (issue 16), for one wiki. Reads answer from the store, which
 * the follower (mediawiki-mirror.ts) keeps as the wiki has it; the subsystems' own log entries
 * (`pagetriage-curation` …, which a MediaWiki without those extensions has no log for) are kept
 * here. The wiki keeps its accounts: a login to this wiki is checked by the wiki (`authenticate`:
 * clientlogin with the account's password, or action=login with a bot password), the wiki's
 * session is kept sealed with the local one and the rights the wiki lists are the session's. Writes are made on the wiki in that session — with
 * the user's own rights, which the wiki checks — and what the wiki answered is brought in (the
 * mirror's `ingest`) before an edit returns; other operations are brought in by the follower's
 * next round. An operation without a wiki session (a job, a login from before) is refused with
 * `wiki-login-required`; a purge (not relayed yet) with `wiki-writes-unavailable`.
 */
export class MediaWikiWikiSource implements WikiSource {
  readonly wiki: string;
  readonly writable: boolean;
  readonly joinsTransactions = false;
  readonly #deps: { store: Store; clock: Clock; wikis: WikiRegistry; acting?: MediaWikiActing | undefined };

  constructor(
    wiki: string,
    deps: { store: Store; clock: Clock; wikis: WikiRegistry; acting?: MediaWikiActing | undefined },
  ) {
    this.wiki = wiki;
    this.#deps = deps;
    this.writable = deps.acting !== undefined;
  }

  authenticate = async (login: WikiLogin): Promise<WikiLoginResult> => {
    const acting = this.#acting('sign in');
    const api = new MediaWikiApi({ wiki: this.wiki, apiUrl: this.#apiUrl(), userAgent: acting.userAgent });
    const name = login.botPassword
      ? await api.botLogin(login.name, login.password)
      : await api.clientLogin(login.name, login.password, login.remember === true);
    const userId = await acting.mirror.recordAccount(this.wiki, api, name);
    const me = await api.get({ action: 'query', meta: 'userinfo', uiprop: 'rights' });
    const rights = (me.query?.userinfo as { rights?: string[] } | undefined)?.rights ?? [];
    return { userId, rights, credential: api.cookies() };
  };

  endSession = async (sessionId: string): Promise<void> => {
    const acting = this.#acting('sign out');
    const credential = await acting.credentials.of(this.wiki, sessionId);
    if (credential === undefined) return;
    const api = new MediaWikiApi({
      wiki: this.wiki,
      apiUrl: this.#apiUrl(),
      userAgent: acting.userAgent,
      cookies: credential,
      retrySeconds: 5,
    });
    await api.post({ action: 'logout' });
  };

  async getPage(ref: PageRef): Promise<Page | undefined> {
    if ('pageId' in ref) return this.#deps.store.pages.getById(this.wiki, ref.pageId);
    const t = this.#title(ref.title);
    return this.#deps.store.pages.getByTitle(this.wiki, t.namespace, t.dbKey);
  }

  async getPageText(title: string): Promise<PageText | undefined> {
    const t = this.#title(title);
    const page = await this.#deps.store.pages.getByTitle(this.wiki, t.namespace, t.dbKey);
    if (!page) return undefined;
    const rev = await this.#deps.store.revisions.get(this.wiki, page.latestRevId);
    return { title: t, page, text: rev?.text ?? '' };
  }

  async getRevision(revId: number): Promise<Revision | undefined> {
    return this.#deps.store.revisions.get(this.wiki, revId);
  }

  async getCreation(pageId: number): Promise<Revision | undefined> {
    return this.#deps.store.revisions.first(this.wiki, pageId);
  }

  async writeLog(performer: LogPerformer, entry: NewLogEntry): Promise<LoggedEntry> {
    const now = this.#deps.clock();
    return this.#deps.store.transaction((tx) =>
      writeLogEntry(tx, this.wiki, performer, { ...entry, recentChange: false }, now),
    );
  }

  /**
   * action=edit on the wiki as the user. The wiki decides (rights, protection, conflicts, spam
   * rules, its own size limit); its refusal is `wiki-api-error` with its code. The saved revision
   * is brought in with its events, and `hooks.afterSave` runs in that transaction. Change tags of
   * this service (`systemTags`) are not sent: the wiki does not define them.
   */
  async edit(actor: Actor, params: EditParams, hooks?: EditHooks): Promise<EditResult> {
    const api = await this.#userApi(actor);
    const answer = await api.post({
      action: 'edit',
      title: params.title,
      text: params.appendText === undefined && params.prependText === undefined ? params.text : undefined,
      appendtext: params.appendText,
      prependtext: params.prependText,
      section: params.section,
      sectiontitle: params.sectionTitle,
      summary: params.summary,
      minor: params.minor,
      bot: params.bot,
      createonly: params.createOnly,
      nocreate: params.noCreate,
      baserevid: params.baseRevId,
      basetimestamp: params.baseTimestamp === undefined ? undefined : toIsoTimestamp(params.baseTimestamp),
      starttimestamp: params.startTimestamp === undefined ? undefined : toIsoTimestamp(params.startTimestamp),
      recreate: params.recreate,
      tags: tagsOf(params.tags),
    });
    const edit = answer.edit as
      | (Partial<EditResult> & { result?: string; nochange?: boolean; new?: boolean; newrevid?: number })
      | undefined;
    if (edit?.result !== 'Success' || edit.pageid === undefined)
      throw fail(
        'wiki-api-error',
        this.wiki,
        `the edit was not saved (${edit?.result ?? 'no answer'})`,
        'edit',
      );
    const result: EditResult = edit.nochange
      ? {
          result: 'Success',
          pageid: edit.pageid,
          title: edit.title ?? params.title,
          contentmodel: edit.contentmodel ?? 'wikitext',
          nochange: true,
        }
      : {
          result: 'Success',
          pageid: edit.pageid,
          title: edit.title ?? params.title,
          contentmodel: edit.contentmodel ?? 'wikitext',
          oldrevid: (edit as { oldrevid?: number }).oldrevid ?? 0,
          newrevid: edit.newrevid ?? 0,
          newtimestamp: (edit as { newtimestamp?: string }).newtimestamp ?? '',
          ...(edit.new ? { new: true as const } : {}),
        };
    await this.#acting('edit').mirror.ingest(this.wiki, api, [edit.pageid], async () => {
      await hooks?.afterSave?.(result);
    });
    return result;
  }

  /** action=patrol on the wiki as the user; the follower brings in the patrol (its log entry). */
  async patrol(actor: Actor, params: PatrolParams): Promise<PatrolResult> {
    const api = await this.#userApi(actor);
    const answer = await api.post(
      {
        action: 'patrol',
        rcid: params.rcId,
        revid: params.rcId === undefined ? params.revId : undefined,
        tags: tagsOf(params.tags),
      },
      'patrol',
    );
    return answer.patrol as PatrolResult;
  }

  /**
   * A review's patrol of the page's creation, made on the wiki as the reviewer (action=patrol: the
   * wiki checks the `patrol` right). Null when the wiki has no recent change for the revision
   * any more (older than its $wgRCMaxAge). The wiki does not know this service's change tags.
   */
  async markPatrolled(
    performer: LogPerformer,
    params: { revId: number; tags: string[] },
  ): Promise<PatrolResult | null> {
    const api = await this.#userApi(performer);
    try {
      const answer = await api.post({ action: 'patrol', revid: params.revId }, 'patrol');
      return answer.patrol as PatrolResult;
    } catch (e) {
      // ApiPatrol: a revision no longer in recent changes (older than $wgRCMaxAge) is not patrollable.
      if (isWikiqueueError(e) && e.code === 'wiki-api-error' && e.params[2] === 'notpatrollable') return null;
      throw e;
    }
  }

  /** action=rollback on the wiki as the user (rollback token); the new revision is brought in. */
  async rollback(actor: Actor, params: RollbackParams): Promise<RollbackResult> {
    const api = await this.#userApi(actor);
    const answer = await api.post(
      {
        action: 'rollback',
        title: params.title,
        user: params.user,
        summary: params.summary,
        markbot: params.markBot,
        tags: tagsOf(params.tags),
      },
      'rollback',
    );
    const result = answer.rollback as RollbackResult;
    await this.#acting('roll back edits').mirror.ingest(this.wiki, api, [result.pageid]);
    return result;
  }

  /*
   * Moves, deletions, undeletions, protections, blocks and unblocks are made on the wiki as the
   * user and answered as the wiki answered; the follower brings them in with its next round (the
   * wiki's logs), as it does those made on the wiki itself.
   */

  async move(actor: Actor, params: MoveParams): Promise<MoveResult> {
    const answer = await (
      await this.#userApi(actor)
    ).post({
      action: 'move',
      from: params.from,
      to: params.to,
      reason: params.reason,
      noredirect: params.noRedirect,
      movetalk: params.moveTalk,
      tags: tagsOf(params.tags),
    });
    return answer.move as MoveResult;
  }

  async delete(actor: Actor, params: DeleteParams): Promise<DeleteResult> {
    const answer = await (
      await this.#userApi(actor)
    ).post({
      action: 'delete',
      title: params.title,
      pageid: params.title === undefined ? params.pageId : undefined,
      reason: params.reason,
      tags: tagsOf(params.tags),
    });
    return answer.delete as DeleteResult;
  }

  async undelete(actor: Actor, params: UndeleteParams): Promise<UndeleteResult> {
    const answer = await (
      await this.#userApi(actor)
    ).post({
      action: 'undelete',
      title: params.title,
      reason: params.reason,
      tags: tagsOf(params.tags),
    });
    return answer.undelete as UndeleteResult;
  }

  async protect(actor: Actor, params: ProtectParams): Promise<ProtectResult> {
    const answer = await (
      await this.#userApi(actor)
    ).post({
      action: 'protect',
      title: params.title,
      protections: params.protections.map((p) => `${p.type}=${p.level}`),
      expiry: params.protections.map((p) => (p.expiry === null ? 'infinite' : toIsoTimestamp(p.expiry))),
      reason: params.reason,
      tags: tagsOf(params.tags),
    });
    return answer.protect as ProtectResult;
  }

  async block(actor: Actor, params: BlockParams): Promise<BlockResult> {
    const answer = await (
      await this.#userApi(actor)
    ).post({
      action: 'block',
      user: params.target,
      expiry: params.expiry === null ? 'infinite' : toIsoTimestamp(params.expiry),
      reason: params.reason,
      anononly: params.anonOnly,
      nocreate: params.noCreate,
      noemail: params.noEmail,
      allowusertalk: params.allowUserTalk,
      reblock: params.reblock,
      partial: params.partial,
      tags: tagsOf(params.tags),
    });
    return answer.block as BlockResult;
  }

  async unblock(actor: Actor, params: UnblockParams): Promise<UnblockResult> {
    const answer = await (
      await this.#userApi(actor)
    ).post({
      action: 'unblock',
      user: params.target,
      id: params.target === undefined ? params.blockId : undefined,
      reason: params.reason,
      tags: tagsOf(params.tags),
    });
    return answer.unblock as UnblockResult;
  }

  purge = (): Promise<never> => this.#notYet('purge pages');

  /** The wiki's API in the performer's session on it. */
  async #userApi(performer: LogPerformer): Promise<MediaWikiApi> {
    const acting = this.#acting('make changes');
    const credential = performer.sessionId
      ? await acting.credentials.of(this.wiki, performer.sessionId)
      : undefined;
    if (credential === undefined)
      throw fail('wiki-login-required', this.wiki, 'this session did not come from a login on the wiki');
    return new MediaWikiApi({
      wiki: this.wiki,
      apiUrl: this.#apiUrl(),
      userAgent: acting.userAgent,
      cookies: credential,
      assertUser: performer.name,
      // A user waits for the answer: a lagged wiki is a refusal after a few seconds, not half a minute.
      retrySeconds: 5,
    });
  }

  #acting(what: string): MediaWikiActing {
    if (!this.#deps.acting) throw fail('wiki-writes-unavailable', this.wiki, what);
    return this.#deps.acting;
  }

  #apiUrl(): string {
    return coreSettingsOf(this.#deps.wikis.get(this.wiki).info).mediawiki.apiUrl;
  }

  #notYet(what: string): Promise<never> {
    return Promise.reject(fail('wiki-writes-unavailable', this.wiki, what));
  }

  #title(text: string) {
    const t = tryParseTitle(text, this.#deps.wikis.get(this.wiki).namespaces);
    if (!t || t.namespace < 0) throw fail('invalidtitle', text);
    return t;
  }
}

/** User-supplied change tags, sent as given (the wiki checks them); none when empty. */
function tagsOf(tags: readonly string[] | undefined): readonly string[] | undefined {
  return tags && tags.length > 0 ? tags : undefined;
}
