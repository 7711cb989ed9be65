import { readWikiMessage } from '../../core/messages/wiki-messages.ts';
import { hasRight, type Actor } from '../../core/domain/actor.ts';
import { toIsoTimestamp, type Clock } from '../../core/domain/clock.ts';
import { blockDetails } from '../../core/domain/block-info.ts';
import { checkTagsAccompanyingChange } from '../../core/domain/change-tags.ts';
import { coreSettingsOf } from '../../core/domain/wiki-settings.ts';
import {
  passesRestrictionLevel,
  RESTRICTION_LEVEL_RIGHTS,
  titlePermissionError,
  type PageAction,
} from '../../core/domain/page-permissions.ts';
import {
  blockStateOf,
  pageCreateEvent,
  pageDeleteEvent,
  pageLinksUpdateEvent,
  pageMoveEvent,
  pagePatrolEvent,
  pageRestrictionsChangeEvent,
  pageUndeleteEvent,
  performerOf,
  revisionCreateEvent,
  unblockedStateAt,
  userBlocksChangeEvent,
  type EventContext,
  type EventPage,
  type OutboxDraft,
} from '../../core/domain/events.ts';
import {
  NS_CATEGORY,
  NS_FILE,
  NS_USER,
  NS_USER_TALK,
  type NamespaceTable,
} from '../../core/domain/namespaces.ts';
import {
  formatTitle,
  isTalkNamespace,
  makeTitle,
  parseTitle,
  talkPageOf,
  type Title,
} from '../../core/domain/titles.ts';
import { isIpAddress, normalizeUserName, userNameToDbKey } from '../../core/domain/user-names.ts';
import { BLOCK_CIDR_LIMIT, blockableRange, isIpRange, sanitizeIp } from '../../core/domain/ip-addresses.ts';
import type {
  Block,
  Page,
  PageLinksData,
  PageRedirect,
  RecentChange,
  Revision,
} from '../../core/domain/wiki.ts';
import { fail, failWith } from '../../errors.ts';
import { linksDataFromAnalysis } from '../../core/imports/links-data.ts';
import { mediaRepoFor, PageImagesUpdate } from '../../core/media/page-images-update.ts';
import type { LeadImageCandidate } from '../../wikitext/lead-image.ts';
import type { LoadedWiki, WikiRegistry } from '../../core/wikis/wiki-registry.ts';
import {
  redirectTargetOf,
  searchTextOfContent,
  toPageRedirect,
  wikitextContextOf,
} from '../../core/wikis/wikitext-context.ts';
import type { Repositories, Store } from '../../core/store/store.ts';
import { analyzeWikitext } from '../../wikitext/analyze.ts';
import { contentModelFor, revisionSha1, byteLength } from '../../core/imports/content.ts';
import { preSaveTransform, substituteTemplates } from './pre-save-transform.ts';
import { appendNewSection, replaceSection, sectionRange, sectionText } from './sections.ts';
import { mergeThreeWay } from '../../core/domain/three-way-merge.ts';
import { writeLogEntry } from '../../core/wikis/log-writer.ts';
import type {
  BlockParams,
  BlockResult,
  DeleteParams,
  DeleteResult,
  EditHooks,
  EditParams,
  EditResult,
  EditSaved,
  EditUnchanged,
  LogPerformer,
  LoggedEntry,
  MoveParams,
  MoveResult,
  NewLogEntry,
  PageRef,
  PageText,
  PatrolParams,
  PatrolResult,
  PurgeParams,
  PurgeResult,
  RollbackParams,
  RollbackResult,
  ProtectParams,
  ProtectResult,
  UnblockParams,
  UnblockResult,
  UndeleteParams,
  UndeleteResult,
} from '../wiki-source.ts';
import { removePageRows } from '../../core/wikis/page-removal.ts';
import { retitlePage } from '../../core/wikis/page-retitle.ts';

/** How many transcluding pages a recursive purge updates per purged page. */
const RECURSIVE_PURGE_PAGES = 500;

/** Per-operation context: the wiki, the time, and what events are stamped with. */
interface OpContext {
  wiki: LoadedWiki;
  id: string;
  ns: NamespaceTable;
  now: number;
  events: EventContext;
}

/**
 * The embedded wiki: the source of truth for standalone installs. Each operation is one store
 * transaction that writes the page data, logs, recent changes, link tables and its outbox events
 * together (MediaWiki's EditPage/PageUpdater, MovePage, DeletePage, UndeletePage, WikiPage
 * protection, BlockUser/UnblockUser and RecentChange::markPatrolled, as the Action API exposes
 * them). The actor's wiki is the wiki operated on. Errors are catalogued codes (src/errors.ts).
 * Log rows come from the one log writer (log-writer.ts).
 *
 * Everything outside this folder reaches it through the wiki-source port (LocalWikiSource, built
 * by createWikiSources); only its own tests use it directly.
 */
export class LocalWiki {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #wikis: WikiRegistry;

  constructor({ store, clock, wikis }: { store: Store; clock: Clock; wikis: WikiRegistry }) {
    this.#store = store;
    this.#clock = clock;
    this.#wikis = wikis;
  }

  /** The current page and its text, or undefined when there is no such page. */
  async getPageText(wiki: string, title: string): Promise<PageText | undefined> {
    const loaded = this.#wikis.get(wiki);
    const t = titleOrFail(title, loaded.namespaces);
    const page = await this.#store.pages.getByTitle(wiki, t.namespace, t.dbKey);
    if (!page) return undefined;
    const rev = await this.#store.revisions.get(wiki, page.latestRevId);
    return { title: t, page, text: rev?.text ?? '' };
  }

  /** The page by title or id, or undefined. */
  async getPage(wiki: string, ref: PageRef): Promise<Page | undefined> {
    if ('pageId' in ref) return this.#store.pages.getById(this.#wikis.get(wiki).info.id, ref.pageId);
    const t = titleOrFail(ref.title, this.#wikis.get(wiki).namespaces);
    return this.#store.pages.getByTitle(wiki, t.namespace, t.dbKey);
  }

  /** A revision with its text, or undefined. */
  async getRevision(wiki: string, revId: number): Promise<Revision | undefined> {
    return this.#store.revisions.get(this.#wikis.get(wiki).info.id, revId);
  }

  /** The page's first revision by (timestamp, id), or undefined. */
  async getCreation(wiki: string, pageId: number): Promise<Revision | undefined> {
    return this.#store.revisions.first(this.#wikis.get(wiki).info.id, pageId);
  }

  /** A log entry through the one log writer (log-writer.ts), in a transaction of its own or the caller's. */
  async writeLog(wiki: string, performer: LogPerformer, entry: NewLogEntry): Promise<LoggedEntry> {
    const id = this.#wikis.get(wiki).info.id;
    const now = this.#clock();
    return this.#store.transaction((tx) => writeLogEntry(tx, id, performer, entry, now));
  }

  /**
   * RecentChange::reallyMarkPatrolled with PatrolLog::record, for another operation's own patrol
   * (WikiSource.markPatrolled): no checks, no recent change for the log entry, no event.
   */
  async markPatrolled(
    wiki: string,
    performer: LogPerformer,
    params: { revId: number; tags: string[] },
  ): Promise<PatrolResult | null> {
    const loaded = this.#wikis.get(wiki);
    const now = this.#clock();
    return this.#store.transaction(async (tx) => {
      const rc = await tx.recentChanges.findByRevision(loaded.info.id, params.revId);
      if (!rc || rc.patrolled !== 0) return null;
      await tx.recentChanges.setPatrolled(loaded.info.id, rc.id, 1);
      await writeLogEntry(tx, loaded.info.id, performer, patrolLogEntry(rc, params.tags), now);
      return {
        rcid: rc.id,
        ns: rc.namespace,
        title: makeTitle(rc.namespace, rc.title, loaded.namespaces).prefixedText,
      };
    });
  }

  /**
   * action=edit. Edit conflicts follow EditPage: when the base revision is not the latest, a
   * whole-page edit by the user who made every revision since the base overwrites them (MediaWiki
   * suppresses conflicts with oneself); otherwise the change base→new is merged line by line with
   * base→current and only overlapping (or adjacent) changes conflict. appendText, prependText and
   * section=new apply to the current text and never conflict.
   */
  async edit(actor: Actor, params: EditParams, hooks: EditHooks = {}): Promise<EditResult> {
    const ctx = this.#context(actor);
    const title = pageTitleOrFail(params.title, ctx.ns);
    const userTags = params.tags ?? [];
    this.#checkUserTags(actor, ctx, userTags);
    const section = parseSectionParam(params.section);
    const appending = params.appendText !== undefined || params.prependText !== undefined;
    if (params.text === undefined && !appending)
      throw fail('missingparam-one-of', 'text, appendtext, prependtext');

    return this.#store.transaction(async (tx) => {
      const page = await tx.pages.getByTitle(ctx.id, title.namespace, title.dbKey);
      requireRight(actor, 'edit', 'edit this page');
      if (!page) {
        if (isTalkNamespace(title.namespace)) requireRight(actor, 'createtalk', 'create discussion pages');
        else requireRight(actor, 'createpage', 'create pages');
      }
      assertTitlePermitted(actor, 'edit', title, page?.contentModel);
      if (!page) await assertNotCreateProtected(tx, ctx, actor, title);
      assertNotBlocked(actor, ctx.now, title);
      if (page) await assertUnprotected(tx, ctx, actor, page, 'edit');
      if (page && params.createOnly) throw fail('articleexists');
      if (!page && params.noCreate) throw fail('missingtitle');
      if (!page && params.startTimestamp !== undefined && !params.recreate) {
        const [lastDelete] = await tx.logs.list(ctx.id, {
          type: 'delete',
          action: 'delete',
          namespace: title.namespace,
          title: title.dbKey,
          dir: 'older',
          limit: 1,
        });
        if (lastDelete && lastDelete.timestamp > params.startTimestamp) throw fail('pagedeleted');
      }

      const latest = page ? await tx.revisions.get(ctx.id, page.latestRevId) : undefined;
      const currentText = latest?.text ?? '';
      const base = page ? await findBaseRevision(tx, ctx.id, page, params) : undefined;
      const stale = base !== undefined && latest !== undefined && base.id !== latest.id;
      // A base time before the page's first revision: the client edited a page that did not exist
      // yet; MediaWiki finds no base revision to merge from (EditPage::getExpectedParentRevision).
      const predatesPage = page !== undefined && base === undefined && params.baseTimestamp !== undefined;

      let summary = params.summary ?? '';
      let newText: string;
      if (appending) {
        const target =
          section === null || section === 'new' ? currentText : sectionOrFail(currentText, section);
        const combined = `${params.prependText ?? ''}${target}${params.appendText ?? ''}`;
        newText =
          section === null || section === 'new'
            ? combined
            : (replaceSection(currentText, section, combined) ?? '');
      } else if (section === 'new') {
        const sectionTitle = params.sectionTitle ?? '';
        newText = appendNewSection(currentText, sectionTitle, params.text ?? '');
        if (summary === '' && sectionTitle.trim() !== '')
          summary = `/* ${sectionTitle.trim()} */ new section`;
      } else {
        const baseText = stale ? (base?.text ?? '') : currentText;
        if (section === null) {
          newText = params.text ?? '';
        } else {
          sectionOrFail(baseText, section);
          newText = replaceSection(baseText, section, params.text ?? '') ?? '';
          const heading = section > 0 ? sectionRange(baseText, section)?.heading : null;
          if (heading && !summary.startsWith('/*')) summary = `/* ${heading.title} */ ${summary}`.trim();
        }
      }
      const contentModel = page?.contentModel ?? contentModelFor(title.namespace, title.dbKey);
      if (contentModel === 'wikitext')
        newText = await substituteTemplates(
          tx,
          { ...ctx.wiki.info, id: ctx.id },
          ctx.ns,
          title,
          newText,
          ctx.now,
        );
      newText = preSaveTransform(newText, contentModel === 'wikitext' ? actor : null, ctx.ns, ctx.now);
      if (page && predatesPage && !appending && section !== 'new') {
        if (!(await onlyEditedBy(tx, ctx.id, page, null, actor))) throw fail('editconflict');
      }
      if (page && stale && base && !appending && section !== 'new') {
        const selfOnly = section === null && (await onlyEditedBy(tx, ctx.id, page, base, actor));
        if (!selfOnly) {
          const merged = mergeThreeWay(base.text, newText, currentText);
          if (merged === null) throw fail('editconflict');
          newText = merged;
        }
      }
      const { maxArticleSize } = coreSettingsOf(ctx.wiki.info);
      if (byteLength(newText) > maxArticleSize * 1024) throw fail('contenttoobig', maxArticleSize);

      if (page && latest && newText === currentText) {
        const unchanged: EditUnchanged = {
          result: 'Success',
          pageid: page.id,
          title: title.prefixedText,
          contentmodel: contentModel,
          nochange: true,
        };
        await hooks.afterSave?.(unchanged);
        return unchanged;
      }

      const saved = await this.#saveRevision(tx, ctx, actor, {
        title,
        page,
        latest,
        text: newText,
        contentModel,
        summary,
        minor: params.minor === true && page !== undefined && hasRight(actor, 'minoredit'),
        bot: params.bot === true && hasRight(actor, 'bot'),
        tags: [...userTags, ...(params.systemTags ?? [])],
      });
      const result: EditSaved = {
        result: 'Success',
        pageid: saved.pageId,
        title: title.prefixedText,
        contentmodel: contentModel,
        oldrevid: latest?.id ?? 0,
        newrevid: saved.revId,
        newtimestamp: toIsoTimestamp(ctx.now),
      };
      if (!page) result.new = true;
      await hooks.afterSave?.(result);
      return result;
    });
  }

  /**
   * action=purge (WikiPage::doPurge): every page is marked touched; with `linkUpdate` its link
   * tables and redirect are written again from its latest revision (RefreshLinks), with its
   * links-update event when they changed; `recursive` does the same for the pages transcluding it
   * (at most RECURSIVE_PURGE_PAGES each, here rather than as MediaWiki's queued jobs). One
   * transaction.
   */
  async purge(actor: Actor, params: PurgeParams): Promise<PurgeResult[]> {
    const ctx = this.#context(actor);
    const linkUpdate = params.linkUpdate === true || params.recursive === true;
    return this.#store.transaction(async (tx) => {
      const out: PurgeResult[] = [];
      for (const pageId of params.pageIds) {
        const page = await tx.pages.getById(ctx.id, pageId);
        if (!page) continue;
        await tx.pages.update(ctx.id, pageId, { touchedAt: ctx.now });
        if (linkUpdate) await this.#refreshLinks(tx, ctx, page);
        if (params.recursive) {
          const transcluding = await tx.links.backlinks(ctx.id, {
            table: 'template_link',
            targets: [{ namespace: page.namespace, title: page.title }],
            byFromNamespace: false,
            limit: RECURSIVE_PURGE_PAGES,
          });
          for (const { pageId: id } of transcluding) {
            const user = await tx.pages.getById(ctx.id, id);
            if (user) await this.#refreshLinks(tx, ctx, user);
          }
        }
        out.push({ pageId, linkUpdate });
      }
      return out;
    });
  }

  /** LinksUpdate from the page's latest revision, as an edit writes it, and the links-update event. */
  async #refreshLinks(tx: Repositories, ctx: OpContext, page: Page): Promise<void> {
    const rev = await tx.revisions.get(ctx.id, page.latestRevId);
    const title = makeTitle(page.namespace, page.title, ctx.ns);
    const analysis = this.#analyze(ctx, title, page.contentModel, rev?.text ?? '');
    await this.#pageImages(tx, ctx).apply(title, analysis.leadImageCandidates, analysis.links);
    const before = await tx.links.getForPage(ctx.id, page.id);
    await tx.links.replaceForPage(
      ctx.id,
      page.id,
      { namespace: page.namespace, title: page.title, at: ctx.now },
      analysis.links,
    );
    await tx.redirects.setMany(ctx.id, [{ pageId: page.id, target: analysis.redirect }]);
    if (analysis.isRedirect !== page.isRedirect)
      await tx.pages.update(ctx.id, page.id, { isRedirect: analysis.isRedirect });
    const event = pageLinksUpdateEvent(
      ctx.events,
      eventPage({ ...page, isRedirect: analysis.isRedirect }, title),
      {
        revId: page.latestRevId,
        categoriesBefore: before.categories.map((c) => c.category),
        categoriesAfter: analysis.links.categories.map((c) => c.category),
        linksBefore: before.links.map((l) => formatKey(l, ctx.ns)),
        linksAfter: analysis.links.links.map((l) => formatKey(l, ctx.ns)),
      },
    );
    if (event) await append(tx, ctx, event);
  }

  /**
   * action=rollback (RollbackPage): needs `edit` and `rollback`, and what editing the page needs.
   * The latest revision must be by `user` (`alreadyrolled` otherwise); the revision restored is
   * the newest one by somebody else (`onlyauthor` when there is none). The reverted edits' recent
   * changes become autopatrolled ($wgUseRCPatrol) and, with `markBot` and `markbotedits` or `bot`,
   * bot edits, as the rollback itself is then.
   */
  async rollback(actor: Actor, params: RollbackParams): Promise<RollbackResult> {
    const ctx = this.#context(actor);
    const title = pageTitleOrFail(params.title, ctx.ns);
    const userTags = params.tags ?? [];
    this.#checkUserTags(actor, ctx, userTags);
    const user = isIpAddress(params.user.trim()) ? sanitizeIp(params.user) : normalizeUserName(params.user);
    if (!user) throw fail('invaliduser', params.user);

    return this.#store.transaction(async (tx) => {
      const page = await tx.pages.getByTitle(ctx.id, title.namespace, title.dbKey);
      if (!page) throw fail('missingtitle');
      requireRight(actor, 'edit', 'edit this page');
      requireRight(actor, 'rollback', 'rollback edits');
      assertTitlePermitted(actor, 'edit', title, page.contentModel);
      assertNotBlocked(actor, ctx.now, title);
      await assertUnprotected(tx, ctx, actor, page, 'edit');

      const latest = await tx.revisions.get(ctx.id, page.latestRevId);
      if (!latest) throw fail('missingtitle');
      if (latest.userText !== user) throw fail('alreadyrolled', title.prefixedText, user, latest.userText);
      const reverted: Revision[] = [];
      let target: Revision | undefined;
      let startId: number | undefined;
      while (!target) {
        const batch = await tx.revisions.listForPage(ctx.id, page.id, { dir: 'older', limit: 100, startId });
        if (startId !== undefined) batch.shift();
        for (const rev of batch) {
          if (rev.userText !== user) {
            target = rev;
            break;
          }
          reverted.push(rev);
        }
        const last = batch[batch.length - 1];
        if (target || !last || batch.length < 99) break;
        startId = last.id;
      }
      if (!target) throw fail('onlyauthor');
      const restored = await tx.revisions.get(ctx.id, target.id);

      const summary = fillRollbackSummary(
        params.summary || ((await readWikiMessage(tx, ctx.wiki.info, 'revertpage')) ?? ''),
        target,
        latest,
      );
      const bot = params.markBot === true && (hasRight(actor, 'markbotedits') || hasRight(actor, 'bot'));
      const saved = await this.#saveRevision(tx, ctx, actor, {
        title,
        page,
        latest,
        text: restored?.text ?? '',
        contentModel: page.contentModel,
        summary,
        minor: hasRight(actor, 'minoredit'),
        bot,
        tags: [...userTags, 'mw-rollback'],
      });
      await tx.recentChanges.markRevisions(
        ctx.id,
        reverted.map((r) => r.id),
        bot ? { bot: true, patrolled: 2 } : { patrolled: 2 },
      );
      return {
        title: title.prefixedText,
        pageid: page.id,
        summary,
        revid: saved.revId,
        old_revid: latest.id,
        last_revid: target.id,
      };
    });
  }

  /**
   * action=move. Leaves a redirect at the old title unless noRedirect is asked for by a user with
   * `suppressredirect` (without the right the flag is ignored, as in ApiMove). Moving over an
   * existing page is refused (`articleexists-move`) unless it is a single-revision redirect back
   * to the source, which is deleted to make way (`move/move_redir`); a talk page is moved along with moveTalk when
   * its target is free, otherwise the result reports `talkmove-errors`.
   */
  async move(actor: Actor, params: MoveParams): Promise<MoveResult> {
    const ctx = this.#context(actor);
    const from = titleOrFail(params.from, ctx.ns);
    const to = titleOrFail(params.to, ctx.ns);
    const reason = params.reason ?? '';
    const tags = params.tags ?? [];
    this.#checkUserTags(actor, ctx, tags);
    if (from.namespace < 0 || to.namespace < 0) throw fail('immobilenamespace');
    if ((from.namespace === NS_FILE) !== (to.namespace === NS_FILE)) throw fail('imagenocrossnamespace');
    requireRight(actor, 'move', 'move pages');
    if (from.namespace === NS_CATEGORY) requireRight(actor, 'move-categorypages', 'move category pages');
    if (from.namespace === NS_USER && !from.dbKey.includes('/')) {
      requireRight(actor, 'move-rootuserpages', 'move root user pages');
    }
    assertNotBlocked(actor, ctx.now);
    if (from.namespace === to.namespace && from.dbKey === to.dbKey) throw fail('selfmove');
    const createRedirect = !(params.noRedirect === true && hasRight(actor, 'suppressredirect'));

    return this.#store.transaction(async (tx) => {
      const page = await tx.pages.getByTitle(ctx.id, from.namespace, from.dbKey);
      if (!page) throw fail('missingtitle');
      assertTitlePermitted(actor, 'move', from, page.contentModel);
      assertTitlePermitted(actor, 'move-target', to, page.contentModel);
      await assertUnprotected(tx, ctx, actor, page, 'move');
      await assertNotCreateProtected(tx, ctx, actor, to);
      const occupant = await tx.pages.getByTitle(ctx.id, to.namespace, to.dbKey);
      if (occupant && !(await this.#isRedirectBackTo(tx, ctx, occupant, from)))
        throw fail('articleexists-move');

      await this.#movePage(tx, ctx, actor, {
        page,
        from,
        to,
        reason,
        createRedirect,
        tags,
        overRedirect: occupant,
      });
      const result: MoveResult = {
        from: from.prefixedText,
        to: to.prefixedText,
        reason,
        redirectcreated: createRedirect,
      };

      const talkFrom = params.moveTalk ? talkPageOf(from, ctx.ns) : null;
      const talkTo = params.moveTalk ? talkPageOf(to, ctx.ns) : null;
      if (talkFrom && talkTo && talkFrom.namespace !== from.namespace) {
        const talkPage = await tx.pages.getByTitle(ctx.id, talkFrom.namespace, talkFrom.dbKey);
        if (talkPage) {
          const talkOccupant = await tx.pages.getByTitle(ctx.id, talkTo.namespace, talkTo.dbKey);
          if (talkOccupant && !(await this.#isRedirectBackTo(tx, ctx, talkOccupant, talkFrom))) {
            result['talkmove-errors'] = [{ code: 'articleexists', type: 'error' }];
          } else {
            await this.#movePage(tx, ctx, actor, {
              page: talkPage,
              from: talkFrom,
              to: talkTo,
              reason,
              createRedirect,
              tags,
              overRedirect: talkOccupant,
            });
            result.talkfrom = talkFrom.prefixedText;
            result.talkto = talkTo.prefixedText;
          }
        }
      }
      return result;
    });
  }

  /** action=delete: archives every revision, removes the page and its links, logs `delete/delete`. */
  async delete(actor: Actor, params: DeleteParams): Promise<DeleteResult> {
    const ctx = this.#context(actor);
    const reason = params.reason ?? '';
    const tags = params.tags ?? [];
    this.#checkUserTags(actor, ctx, tags);
    if (params.title === undefined && params.pageId === undefined)
      throw fail('missingparam-one-of', 'title, pageid');
    const byTitle = params.title !== undefined ? pageTitleOrFail(params.title, ctx.ns) : undefined;
    requireRight(actor, 'delete', 'delete pages');
    assertNotBlocked(actor, ctx.now);

    return this.#store.transaction(async (tx) => {
      const page = byTitle
        ? await tx.pages.getByTitle(ctx.id, byTitle.namespace, byTitle.dbKey)
        : await tx.pages.getById(ctx.id, params.pageId ?? 0);
      if (!page) throw byTitle ? fail('missingtitle') : fail('nosuchpageid', params.pageId ?? 0);
      const title = makeTitle(page.namespace, page.title, ctx.ns);
      assertTitlePermitted(actor, 'delete', title, page.contentModel);
      if (!hasRight(actor, 'bigdelete') && (await tx.revisions.countForPage(ctx.id, page.id, 5001)) > 5000) {
        throw fail('permissiondenied', 'delete pages with large histories');
      }
      const logId = await this.#deletePage(tx, ctx, actor, { page, title, action: 'delete', reason, tags });
      return { title: title.prefixedText, reason, logid: logId };
    });
  }

  /**
   * action=undelete: restores every archived revision of the title. The page gets its old id back
   * when that id is free (as MediaWiki does), otherwise a new one; when a page exists at the title
   * meanwhile, the revisions join its history and the newest revision becomes the latest.
   */
  async undelete(actor: Actor, params: UndeleteParams): Promise<UndeleteResult> {
    const ctx = this.#context(actor);
    const title = pageTitleOrFail(params.title, ctx.ns);
    const reason = params.reason ?? '';
    const tags = params.tags ?? [];
    this.#checkUserTags(actor, ctx, tags);
    requireRight(actor, 'undelete', 'undelete pages');
    assertTitlePermitted(actor, 'undelete', title);
    assertNotBlocked(actor, ctx.now);

    return this.#store.transaction(async (tx) => {
      const archived = await tx.archive.takeForTitle(ctx.id, title.namespace, title.dbKey);
      const oldest = archived[0];
      if (!oldest) throw fail('cantundelete');
      const priorPageId = archived[archived.length - 1]?.pageId ?? oldest.pageId;
      const existing = await tx.pages.getByTitle(ctx.id, title.namespace, title.dbKey);
      const pageId =
        existing?.id ??
        ((await tx.pages.getById(ctx.id, priorPageId)) ? await tx.ids.next(ctx.id, 'page') : priorPageId);
      await tx.revisions.insertMany(archived.map((r) => ({ ...r, wiki: ctx.id, pageId })));

      const newestArchived = archived[archived.length - 1] ?? oldest;
      const currentLatest = existing ? await tx.revisions.get(ctx.id, existing.latestRevId) : undefined;
      const latest = currentLatest && isNewer(currentLatest, newestArchived) ? currentLatest : newestArchived;
      const analysis = this.#analyze(ctx, title, existing?.contentModel, latest.text);
      let page: Page;
      if (existing) {
        page = { ...existing, latestRevId: latest.id, len: latest.len, isRedirect: analysis.isRedirect };
        await tx.pages.update(ctx.id, pageId, {
          latestRevId: latest.id,
          len: latest.len,
          isRedirect: analysis.isRedirect,
          touchedAt: ctx.now,
        });
      } else {
        page = {
          wiki: ctx.id,
          id: pageId,
          namespace: title.namespace,
          title: title.dbKey,
          isRedirect: analysis.isRedirect,
          latestRevId: latest.id,
          len: latest.len,
          createdAt: oldest.timestamp,
          touchedAt: ctx.now,
          contentModel: analysis.contentModel,
        };
        await tx.pages.insert(page);
        await tx.protectedTitles.delete(ctx.id, title.namespace, title.dbKey);
      }
      await this.#pageImages(tx, ctx).apply(title, analysis.leadImageCandidates, analysis.links);
      await tx.links.replaceForPage(
        ctx.id,
        pageId,
        { namespace: title.namespace, title: title.dbKey, at: ctx.now },
        analysis.links,
      );
      await tx.redirects.setMany(ctx.id, [{ pageId, target: analysis.redirect }]);
      await tx.searchIndex.setMany(ctx.id, [
        { pageId, namespace: title.namespace, title: title.dbKey, text: analysis.searchText },
      ]);

      await this.#log(tx, ctx, actor, {
        type: 'delete',
        action: 'restore',
        title,
        pageId,
        comment: reason,
        params: { count: { revisions: archived.length, files: 0 } },
        tags,
      });
      await append(
        tx,
        ctx,
        pageUndeleteEvent(ctx.events, eventPage(page, title), {
          performer: performerOf(actor),
          comment: reason,
          revId: latest.id,
          revCount: archived.length,
          priorPageId,
        }),
      );
      return { title: title.prefixedText, revisions: archived.length, fileversions: 0, reason };
    });
  }

  /**
   * action=protect. An existing page takes `edit` and `move` protection; a title without a page
   * only `create` protection (protected_titles; `create-titleexists` / `missingtitle-createonly`
   * otherwise, as ApiProtect). Setting a level needs the right that level protects with
   * (`editsemiprotected` for autoconfirmed, `editprotected` for sysop). Logs `protect/protect`,
   * `protect/modify` or `protect/unprotect` (nothing when nothing changes); on a page it also adds
   * a null revision to the history and emits `mediawiki.page-restrictions-change`.
   */
  async protect(actor: Actor, params: ProtectParams): Promise<ProtectResult> {
    const ctx = this.#context(actor);
    const title = pageTitleOrFail(params.title, ctx.ns);
    const reason = params.reason ?? '';
    const tags = params.tags ?? [];
    this.#checkUserTags(actor, ctx, tags);
    requireRight(actor, 'protect', 'change protection levels');
    assertTitlePermitted(actor, 'protect', title);
    assertNotBlocked(actor, ctx.now);
    for (const p of params.protections) {
      if (p.type !== 'edit' && p.type !== 'move' && p.type !== 'create')
        throw fail('badvalue', 'protections', p.type);
      if (p.level !== 'all') {
        const right = RESTRICTION_LEVEL_RIGHTS[p.level];
        if (!right) throw fail('badvalue', 'protections', `${p.type}=${p.level}`);
        requireRight(actor, right, `protect pages at level "${p.level}"`);
      }
      if (p.expiry !== null && p.expiry <= ctx.now) throw fail('pastexpiry', toIsoTimestamp(p.expiry));
    }
    const result: ProtectResult = {
      title: title.prefixedText,
      reason,
      protections: params.protections.map((p) => ({
        [p.type]: p.level,
        expiry: p.expiry === null ? 'infinite' : toIsoTimestamp(p.expiry),
      })),
    };

    return this.#store.transaction(async (tx) => {
      const page = await tx.pages.getByTitle(ctx.id, title.namespace, title.dbKey);
      if (!page && params.protections.some((p) => p.type !== 'create')) throw fail('missingtitle-createonly');
      if (page && params.protections.some((p) => p.type === 'create')) throw fail('create-titleexists');
      if (!page) {
        await this.#protectTitle(tx, ctx, actor, { title, reason, tags, protections: params.protections });
        return result;
      }
      const before = await tx.restrictions.get(ctx.id, page.id, ctx.now);
      const after = new Map(before.map((r) => [r.type, { level: r.level, expiry: r.expiry }]));
      for (const p of params.protections) {
        if (p.level === 'all') after.delete(p.type);
        else after.set(p.type, { level: p.level, expiry: p.expiry });
      }
      const unchanged =
        before.length === after.size &&
        before.every((r) => after.get(r.type)?.level === r.level && after.get(r.type)?.expiry === r.expiry);
      if (unchanged) return result;

      for (const p of params.protections) {
        await tx.restrictions.set(ctx.id, page.id, p.type, p.level === 'all' ? null : p.level, p.expiry);
      }
      const change = describeProtectionChange(title, before.length > 0, after);
      const comment =
        `${actor.name} ${change.verb}` +
        (reason ? `: ${reason}` : '') +
        (change.description ? ` (${change.description})` : '');
      const nullRev = await this.#insertNullRevision(tx, ctx, actor, page, comment);
      await tx.pages.update(ctx.id, page.id, { latestRevId: nullRev.id, touchedAt: ctx.now });
      await this.#log(tx, ctx, actor, {
        type: 'protect',
        action: change.action,
        title,
        pageId: page.id,
        comment: reason,
        params: change.logParams,
        tags,
      });
      const levelsOf = (rs: Iterable<[string, { level: string }]>): Record<string, string[]> =>
        Object.fromEntries([...rs].map(([type, r]) => [type, [r.level]]));
      await append(
        tx,
        ctx,
        pageRestrictionsChangeEvent(ctx.events, eventPage({ ...page, latestRevId: nullRev.id }, title), {
          performer: performerOf(actor),
          comment: reason,
          revId: nullRev.id,
          restrictions: levelsOf(after),
          prior: levelsOf(before.map((r) => [r.type, r] as [string, { level: string }])),
        }),
      );
      return result;
    });
  }

  /**
   * Create protection of a title without a page (WikiPage::doUpdateRestrictions on a missing
   * page: protected_titles and the protect log, no revision and no page event).
   */
  async #protectTitle(
    tx: Repositories,
    ctx: OpContext,
    actor: Actor,
    p: { title: Title; reason: string; tags: string[]; protections: ProtectParams['protections'] },
  ): Promise<void> {
    const existing = await tx.protectedTitles.get(ctx.id, p.title.namespace, p.title.dbKey, ctx.now);
    const wanted = p.protections[p.protections.length - 1];
    if (!wanted) return;
    const after = new Map<string, { level: string; expiry: number | null }>();
    if (wanted.level !== 'all') after.set('create', { level: wanted.level, expiry: wanted.expiry });
    if (existing?.level === wanted.level && existing.expiry === wanted.expiry) return;
    if (!existing && wanted.level === 'all') return;
    if (wanted.level === 'all') {
      await tx.protectedTitles.delete(ctx.id, p.title.namespace, p.title.dbKey);
    } else {
      await tx.protectedTitles.set({
        wiki: ctx.id,
        namespace: p.title.namespace,
        title: p.title.dbKey,
        level: wanted.level,
        expiry: wanted.expiry,
        timestamp: ctx.now,
        byUserId: actor.userId,
        byName: actor.name,
        reason: p.reason,
      });
    }
    const change = describeProtectionChange(p.title, existing !== undefined, after);
    await this.#log(tx, ctx, actor, {
      type: 'protect',
      action: change.action,
      title: p.title,
      pageId: 0,
      comment: p.reason,
      params: change.logParams,
      tags: p.tags,
    });
  }

  /**
   * action=block on an account, an IP address or a CIDR range (as wide as $wgBlockCIDRLimit
   * allows): an address or range block stops every address in it — logged-out users, and
   * logged-in ones too unless `anonOnly` (MediaWiki's API default: a hard block). `reblock`
   * replaces an active block, keeping its id.
   */
  async block(actor: Actor, params: BlockParams): Promise<BlockResult> {
    const ctx = this.#context(actor);
    const reason = params.reason ?? '';
    const tags = params.tags ?? [];
    this.#checkUserTags(actor, ctx, tags);
    requireRight(actor, 'block', 'block users');
    assertNotBlocked(actor, ctx.now);
    if (params.expiry !== null && params.expiry <= ctx.now)
      throw fail('pastexpiry', toIsoTimestamp(params.expiry));

    return this.#store.transaction(async (tx) => {
      const target = await resolveBlockTarget(tx, ctx.id, params.target);
      const existing = target.userId
        ? await tx.blocks.activeForUser(ctx.id, target.userId, ctx.now)
        : await tx.blocks.activeForAddress(ctx.id, target.address, ctx.now);
      if (existing && !params.reblock) throw fail('alreadyblocked', target.name);
      if (existing) await tx.blocks.delete(ctx.id, existing.id);
      const block: Block = {
        wiki: ctx.id,
        id: existing?.id ?? (await tx.ids.next(ctx.id, 'block')),
        targetUserId: target.userId,
        targetAddress: target.address,
        byUserId: actor.userId,
        byName: actor.name,
        reason,
        timestamp: ctx.now,
        expiry: params.expiry,
        sitewide: params.partial !== true,
        noCreate: params.noCreate === true,
        noEmail: params.noEmail === true,
        allowUserTalk: params.allowUserTalk === true,
        anonOnly: target.userId === 0 && params.anonOnly === true,
      };
      await tx.blocks.insert(block);

      const flags: string[] = [];
      if (block.anonOnly) flags.push('anononly');
      if (block.noCreate) flags.push('nocreate');
      if (block.noEmail) flags.push('noemail');
      if (!block.allowUserTalk) flags.push('nousertalk');
      await this.#log(tx, ctx, actor, {
        type: 'block',
        action: existing ? 'reblock' : 'block',
        title: makeTitle(NS_USER, userNameToDbKey(target.name), ctx.ns),
        pageId: 0,
        comment: reason,
        params: {
          '5::duration': block.expiry === null ? 'infinity' : toIsoTimestamp(block.expiry),
          '6::flags': flags.join(','),
          sitewide: block.sitewide,
        },
        tags,
      });
      await append(
        tx,
        ctx,
        userBlocksChangeEvent(ctx.events, {
          userText: target.name,
          userId: target.userId,
          blockId: block.id,
          blocks: blockStateOf(block),
          ...(existing ? { prior: blockStateOf(existing) } : {}),
          performer: performerOf(actor),
          comment: reason,
        }),
      );
      return {
        user: target.name,
        userID: target.userId,
        expiry: block.expiry === null ? 'infinite' : toIsoTimestamp(block.expiry),
        id: block.id,
        reason,
        anononly: block.anonOnly,
        nocreate: block.noCreate,
        autoblock: false,
        noemail: block.noEmail,
        hidename: false,
        allowusertalk: block.allowUserTalk,
        watchuser: false,
        partial: !block.sitewide,
      };
    });
  }

  /** action=unblock by target or block id. A blocked admin may lift only their own block, with `unblockself`. */
  async unblock(actor: Actor, params: UnblockParams): Promise<UnblockResult> {
    const ctx = this.#context(actor);
    const reason = params.reason ?? '';
    const tags = params.tags ?? [];
    this.#checkUserTags(actor, ctx, tags);
    if (params.target === undefined && params.blockId === undefined)
      throw fail('missingparam-one-of', 'id, user');
    requireRight(actor, 'block', 'unblock users');

    return this.#store.transaction(async (tx) => {
      let block: Block | undefined;
      if (params.blockId !== undefined) {
        block = await tx.blocks.get(ctx.id, params.blockId);
        if (block && block.expiry !== null && block.expiry <= ctx.now) block = undefined;
      } else {
        const target = await resolveBlockTarget(tx, ctx.id, params.target ?? '');
        block = target.userId
          ? await tx.blocks.activeForUser(ctx.id, target.userId, ctx.now)
          : await tx.blocks.activeForAddress(ctx.id, target.address, ctx.now);
      }
      if (!block) throw fail('cantunblock');
      const isSelf = actor.userId !== 0 && block.targetUserId === actor.userId;
      if (!(isSelf && hasRight(actor, 'unblockself'))) assertNotBlocked(actor, ctx.now);

      const userName = block.targetUserId
        ? ((await tx.users.getById(ctx.id, block.targetUserId))?.name ?? block.targetAddress)
        : block.targetAddress;
      await tx.blocks.delete(ctx.id, block.id);
      await this.#log(tx, ctx, actor, {
        type: 'block',
        action: 'unblock',
        title: makeTitle(NS_USER, userNameToDbKey(userName), ctx.ns),
        pageId: 0,
        comment: reason,
        params: {},
        tags,
      });
      await append(
        tx,
        ctx,
        userBlocksChangeEvent(ctx.events, {
          userText: userName,
          userId: block.targetUserId,
          blockId: block.id,
          blocks: unblockedStateAt(ctx.now),
          prior: blockStateOf(block),
          performer: performerOf(actor),
          comment: reason,
        }),
      );
      return { id: block.id, user: userName, userid: block.targetUserId, reason };
    });
  }

  /**
   * action=patrol (RecentChange::markPatrolled): needs `patrol`; one's own change needs
   * `autopatrol` too. Patrolling an already patrolled change succeeds without logging again.
   * The patrol log entry has no recent-changes row (PatrolLog publishes to UDP only).
   */
  async patrol(actor: Actor, params: PatrolParams): Promise<PatrolResult> {
    const ctx = this.#context(actor);
    const tags = params.tags ?? [];
    this.#checkUserTags(actor, ctx, tags);
    if (params.rcId === undefined && params.revId === undefined)
      throw fail('missingparam-one-of', 'rcid, revid');
    requireRight(actor, 'patrol', "mark others' edits as patrolled");
    assertNotBlocked(actor, ctx.now);

    return this.#store.transaction(async (tx) => {
      const rc =
        params.rcId !== undefined
          ? await tx.recentChanges.get(ctx.id, params.rcId)
          : await tx.recentChanges.findByRevision(ctx.id, params.revId ?? 0);
      if (!rc)
        throw params.rcId !== undefined
          ? fail('nosuchrcid', params.rcId)
          : fail('nosuchrevid', params.revId ?? 0);
      if (rc.type === 'log') throw fail('notpatrollable', rc.revId);
      const title = makeTitle(rc.namespace, rc.title, ctx.ns);
      const result: PatrolResult = { rcid: rc.id, ns: rc.namespace, title: title.prefixedText };
      const own =
        actor.userId !== 0 ? rc.actorId === actor.userId : rc.actorId === 0 && rc.actorName === actor.name;
      if (own && !hasRight(actor, 'autopatrol')) throw fail('markedaspatrollederror-noautopatrol');
      if (rc.patrolled !== 0) return result;

      await tx.recentChanges.setPatrolled(ctx.id, rc.id, 1);
      await writeLogEntry(tx, ctx.id, actor, patrolLogEntry(rc, tags), ctx.now);
      const page = await tx.pages.getById(ctx.id, rc.pageId);
      await append(
        tx,
        ctx,
        pagePatrolEvent(
          ctx.events,
          {
            page_id: rc.pageId,
            page_title: title.prefixedDbKey,
            page_namespace: rc.namespace,
            page_is_redirect: page?.isRedirect ?? false,
          },
          {
            performer: performerOf(actor),
            rcId: rc.id,
            revId: rc.revId,
            parentRevId: rc.oldRevId,
            auto: false,
            revUserText: rc.actorName,
            revUserId: rc.actorId,
            rcType: rc.type,
            tags,
          },
        ),
      );
      return result;
    });
  }

  #context(actor: Actor): OpContext {
    const wiki = this.#wikis.get(actor.wiki);
    const now = this.#clock();
    const events: EventContext = { wiki: wiki.info.id, now };
    const domain = domainOf(wiki.info.baseUrl);
    if (domain) events.domain = domain;
    return { wiki, id: wiki.info.id, ns: wiki.namespaces, now, events };
  }

  #checkUserTags(actor: Actor, ctx: OpContext, tags: string[]): void {
    checkTagsAccompanyingChange(tags, actor.rights, coreSettingsOf(ctx.wiki.info).changeTags);
  }

  #analyze(
    ctx: OpContext,
    title: Title,
    pageModel: string | undefined,
    text: string,
  ): {
    contentModel: string;
    isRedirect: boolean;
    redirect: PageRedirect | null;
    links: PageLinksData;
    leadImageCandidates: LeadImageCandidate[];
    searchText: string;
  } {
    const contentModel = pageModel ?? contentModelFor(title.namespace, title.dbKey);
    const searchText = searchTextOfContent(text, contentModel, ctx.ns);
    if (contentModel !== 'wikitext')
      return {
        contentModel,
        isRedirect: false,
        redirect: null,
        links: emptyLinks(),
        leadImageCandidates: [],
        searchText,
      };
    const analysis = analyzeWikitext(text, wikitextContextOf(ctx.ns));
    const links = dedupeLinks(linksDataFromAnalysis(analysis));
    const target = analysis.redirectTarget;
    if (
      target &&
      !links.links.some((l) => l.namespace === target.namespace && l.title === toKey(target.title))
    ) {
      links.links.push({ namespace: target.namespace, title: toKey(target.title) });
    }
    return {
      contentModel,
      isRedirect: target !== null,
      redirect: target === null ? null : toPageRedirect(target),
      links,
      leadImageCandidates: analysis.leadImageCandidates,
      searchText,
    };
  }

  /** The PageImages part of the links update, for `tx` (page-images-update.ts). */
  #pageImages(tx: Repositories, ctx: OpContext): PageImagesUpdate {
    return new PageImagesUpdate(
      tx,
      { id: ctx.id, namespaces: ctx.ns },
      mediaRepoFor(ctx.wiki.info, this.#wikis),
    );
  }

  /**
   * Saves a revision with everything MediaWiki's PageUpdater and LinksUpdate write: the page row,
   * the edit count, the link tables, software and given change tags, a recent change
   * (autopatrolled when the actor has `autopatrol`), and the events.
   */
  async #saveRevision(
    tx: Repositories,
    ctx: OpContext,
    actor: Actor,
    s: {
      title: Title;
      page: Page | undefined;
      latest: Revision | undefined;
      text: string;
      contentModel: string;
      summary: string;
      minor: boolean;
      bot: boolean;
      tags: string[];
      /**
       * Written as part of another operation (the redirect a move leaves behind): no recent change
       * and no edit count of its own, as in MovePage.
       */
      followUp?: boolean;
    },
  ): Promise<{ pageId: number; revId: number }> {
    const isNew = s.page === undefined;
    const pageId = s.page?.id ?? (await tx.ids.next(ctx.id, 'page'));
    const revId = await tx.ids.next(ctx.id, 'revision');
    const len = byteLength(s.text);
    const analysis = this.#analyze(ctx, s.title, s.contentModel, s.text);
    const rev: Revision = {
      wiki: ctx.id,
      id: revId,
      pageId,
      parentId: s.latest?.id ?? null,
      timestamp: ctx.now,
      userId: actor.userId,
      userText: actor.name,
      comment: s.summary,
      minor: s.minor,
      len,
      sha1: revisionSha1(s.text),
      text: s.text,
    };
    const page: Page = s.page
      ? { ...s.page, latestRevId: revId, len, isRedirect: analysis.isRedirect, touchedAt: ctx.now }
      : {
          wiki: ctx.id,
          id: pageId,
          namespace: s.title.namespace,
          title: s.title.dbKey,
          isRedirect: analysis.isRedirect,
          latestRevId: revId,
          len,
          createdAt: ctx.now,
          touchedAt: ctx.now,
          contentModel: s.contentModel,
        };
    if (isNew) {
      await tx.pages.insert(page);
      await tx.protectedTitles.delete(ctx.id, s.title.namespace, s.title.dbKey);
    }
    await tx.revisions.insert(rev);
    if (!isNew) {
      await tx.pages.update(ctx.id, pageId, {
        latestRevId: revId,
        len,
        isRedirect: analysis.isRedirect,
        touchedAt: ctx.now,
      });
    }
    const registered = actor.userId !== 0;
    const counted = registered && s.followUp !== true;
    if (counted) await tx.users.incrementEditCount(ctx.id, actor.userId);

    await this.#pageImages(tx, ctx).apply(s.title, analysis.leadImageCandidates, analysis.links);
    const linksBefore = isNew ? emptyLinks() : await tx.links.getForPage(ctx.id, pageId);
    await tx.links.replaceForPage(
      ctx.id,
      pageId,
      { namespace: s.title.namespace, title: s.title.dbKey, at: ctx.now },
      analysis.links,
    );
    await tx.redirects.setMany(ctx.id, [{ pageId, target: analysis.redirect }]);
    await tx.searchIndex.setMany(ctx.id, [
      { pageId, namespace: s.title.namespace, title: s.title.dbKey, text: analysis.searchText },
    ]);

    const tags = [...new Set([...s.tags, ...softwareTags(s.page, s.latest, s.text, analysis.isRedirect)])];
    const autopatrolled = hasRight(actor, 'autopatrol');
    let rcId = 0;
    if (s.followUp !== true) {
      rcId = await tx.ids.next(ctx.id, 'rc');
      const rc: RecentChange = {
        wiki: ctx.id,
        id: rcId,
        timestamp: ctx.now,
        actorId: actor.userId,
        actorName: actor.name,
        namespace: s.title.namespace,
        title: s.title.dbKey,
        pageId,
        revId,
        oldRevId: s.latest?.id ?? 0,
        type: isNew ? 'new' : 'edit',
        minor: s.minor,
        bot: s.bot,
        patrolled: autopatrolled ? 2 : 0,
        comment: s.summary,
        oldLen: s.latest?.len ?? 0,
        newLen: len,
        logId: 0,
        logType: '',
        logAction: '',
        tags,
      };
      await tx.recentChanges.insert(rc);
      // The other watchers' first unseen change (EmailNotification::updateWatchlistTimestamp).
      await tx.watchlist.notifyChange(
        ctx.id,
        { namespace: s.title.namespace, title: s.title.dbKey },
        actor.userId,
        ctx.now,
      );
    }
    if (tags.length > 0) await tx.changeTags.add(ctx.id, tags, rcId ? { revId, rcId } : { revId });

    const performer = performerOf(actor, counted ? actor.editCount + 1 : actor.editCount);
    const evPage = eventPage(page, s.title);
    const facts = {
      id: revId,
      parentId: rev.parentId,
      timestamp: ctx.now,
      sha1: rev.sha1,
      len,
      minor: s.minor,
      comment: s.summary,
      contentModel: s.contentModel,
      contentChanged: true,
      tags,
    };
    if (isNew) await append(tx, ctx, pageCreateEvent(ctx.events, evPage, facts, performer));
    await append(tx, ctx, revisionCreateEvent(ctx.events, evPage, facts, performer));
    const linksEvent = pageLinksUpdateEvent(ctx.events, evPage, {
      revId,
      categoriesBefore: linksBefore.categories.map((c) => c.category),
      categoriesAfter: analysis.links.categories.map((c) => c.category),
      linksBefore: linksBefore.links.map((l) => formatKey(l, ctx.ns)),
      linksAfter: analysis.links.links.map((l) => formatKey(l, ctx.ns)),
    });
    if (linksEvent) await append(tx, ctx, linksEvent);
    if (rcId && autopatrolled) {
      await append(
        tx,
        ctx,
        pagePatrolEvent(ctx.events, evPage, {
          performer,
          rcId,
          revId,
          parentRevId: s.latest?.id ?? 0,
          auto: true,
          revUserText: actor.name,
          revUserId: actor.userId,
          rcType: isNew ? 'new' : 'edit',
          tags,
        }),
      );
    }
    return { pageId, revId };
  }

  /**
   * DeletePage: archives the revisions, removes the page with its links and protection, logs
   * `delete/<action>` and emits `mediawiki.page-delete`. Returns the log id.
   */
  async #deletePage(
    tx: Repositories,
    ctx: OpContext,
    actor: Actor,
    d: { page: Page; title: Title; action: 'delete' | 'delete_redir'; reason: string; tags: string[] },
  ): Promise<number> {
    const { page, title } = d;
    const logId = await tx.ids.next(ctx.id, 'log');
    const revCount = await removePageRows(tx, ctx.id, page, logId);
    await this.#log(tx, ctx, actor, {
      id: logId,
      type: 'delete',
      action: d.action,
      title,
      pageId: page.id,
      comment: d.reason,
      params: {},
      tags: d.tags,
    });
    await append(
      tx,
      ctx,
      pageDeleteEvent(ctx.events, eventPage(page, title), {
        performer: performerOf(actor),
        comment: d.reason,
        revId: page.latestRevId,
        revCount,
      }),
    );
    return logId;
  }

  /**
   * Whether `target` may be moved over (MovePage::isValidMoveTarget): a redirect with a single
   * revision that points back at the page being moved, as a page moved a moment ago leaves behind.
   */
  async #isRedirectBackTo(tx: Repositories, ctx: OpContext, target: Page, source: Title): Promise<boolean> {
    if (!target.isRedirect || (await tx.revisions.countForPage(ctx.id, target.id, 2)) !== 1) return false;
    const rev = await tx.revisions.get(ctx.id, target.latestRevId);
    const to = rev ? redirectTargetOf(rev.text, ctx.ns) : null;
    return to !== null && to.namespace === source.namespace && toKey(to.title) === source.dbKey;
  }

  /** A revision repeating the latest content (MediaWiki's null revision), for moves and protection. */
  async #insertNullRevision(
    tx: Repositories,
    ctx: OpContext,
    actor: Actor,
    page: Page,
    comment: string,
  ): Promise<Revision> {
    const latest = await tx.revisions.get(ctx.id, page.latestRevId);
    const text = latest?.text ?? '';
    const rev: Revision = {
      wiki: ctx.id,
      id: await tx.ids.next(ctx.id, 'revision'),
      pageId: page.id,
      parentId: page.latestRevId,
      timestamp: ctx.now,
      userId: actor.userId,
      userText: actor.name,
      comment,
      minor: true,
      len: latest?.len ?? byteLength(text),
      sha1: latest?.sha1 ?? revisionSha1(text),
      text,
    };
    await tx.revisions.insert(rev);
    return rev;
  }

  /**
   * MovePage::moveToInternal: a null revision on the moved page, the page renamed (its links now
   * come from the new namespace), a redirect at the old title, the `move/move` log entry with its
   * recent change, and `mediawiki.page-move` (+ page-create and revision-create for the redirect).
   */
  async #movePage(
    tx: Repositories,
    ctx: OpContext,
    actor: Actor,
    m: {
      page: Page;
      from: Title;
      to: Title;
      reason: string;
      createRedirect: boolean;
      tags: string[];
      /** The single-revision redirect at the target, deleted to make way (`delete/delete_redir`). */
      overRedirect?: Page | undefined;
    },
  ): Promise<void> {
    if (m.overRedirect) {
      await this.#deletePage(tx, ctx, actor, {
        page: m.overRedirect,
        title: m.to,
        action: 'delete_redir',
        reason: `Deleted to make way for move from "[[${m.from.prefixedText}]]"`,
        tags: [],
      });
    }
    const comment =
      `${actor.name} moved page [[${m.from.prefixedText}]] to [[${m.to.prefixedText}]]` +
      (m.overRedirect ? ' over redirect' : '') +
      (m.reason ? `: ${m.reason}` : '');
    const nullRev = await this.#insertNullRevision(tx, ctx, actor, m.page, comment);
    // The bad image list's "except on" pages and the namespaces with page images go by title.
    const text = (await tx.revisions.get(ctx.id, m.page.latestRevId))?.text ?? '';
    const movedAnalysis = this.#analyze(ctx, m.to, m.page.contentModel, text);
    await retitlePage(tx, ctx.id, m.page, m.to, ctx.now, { latestRevId: nullRev.id }, (links) =>
      this.#pageImages(tx, ctx).apply(m.to, movedAnalysis.leadImageCandidates, links),
    );
    if (actor.userId !== 0) await tx.users.incrementEditCount(ctx.id, actor.userId);

    let redirect: { pageId: number; revId: number } | undefined;
    if (m.createRedirect) {
      const colon = m.to.namespace === NS_CATEGORY ? ':' : '';
      redirect = await this.#saveRevision(tx, ctx, actor, {
        title: m.from,
        page: undefined,
        latest: undefined,
        text: `#REDIRECT [[${colon}${m.to.prefixedText}]]`,
        contentModel: 'wikitext',
        summary: comment,
        minor: false,
        bot: false,
        tags: [],
        followUp: true,
      });
    }

    await this.#log(tx, ctx, actor, {
      type: 'move',
      action: m.overRedirect ? 'move_redir' : 'move',
      title: m.from,
      pageId: m.page.id,
      comment: m.reason,
      params: { '4::target': m.to.prefixedText, '5::noredir': m.createRedirect ? '0' : '1' },
      tags: m.tags,
    });
    const moved: Page = { ...m.page, namespace: m.to.namespace, title: m.to.dbKey, latestRevId: nullRev.id };
    await append(
      tx,
      ctx,
      pageMoveEvent(ctx.events, eventPage(moved, m.to), {
        performer: performerOf(actor),
        comment: m.reason,
        revId: nullRev.id,
        revTimestamp: ctx.now,
        prior: {
          pageTitle: m.from.prefixedDbKey,
          pageNamespace: m.from.namespace,
          revId: m.page.latestRevId,
        },
        ...(redirect
          ? {
              redirect: {
                pageId: redirect.pageId,
                pageTitle: m.from.prefixedDbKey,
                pageNamespace: m.from.namespace,
                revId: redirect.revId,
              },
            }
          : {}),
      }),
    );
  }

  /** A log entry of this operation about `title`, with its recent change (log-writer.ts). */
  async #log(
    tx: Repositories,
    ctx: OpContext,
    actor: Actor,
    e: {
      /** The log id, when allocated beforehand. */
      id?: number;
      type: string;
      action: string;
      title: Title;
      pageId: number;
      comment: string;
      params: Record<string, unknown>;
      tags: string[];
    },
  ): Promise<number> {
    const entry: NewLogEntry = {
      type: e.type,
      action: e.action,
      target: { namespace: e.title.namespace, title: e.title.dbKey, id: e.pageId },
      comment: e.comment,
      params: e.params,
      tags: e.tags,
      recentChange: true,
    };
    return (await writeLogEntry(tx, ctx.id, actor, entry, ctx.now, e.id)).logid;
  }
}

/**
 * The `patrol/patrol` entry of a recent change (PatrolLog::record): about the change's page and
 * title, published to the log only.
 */
function patrolLogEntry(rc: RecentChange, tags: readonly string[]): NewLogEntry {
  return {
    type: 'patrol',
    action: 'patrol',
    target: { namespace: rc.namespace, title: rc.title, id: rc.pageId },
    comment: '',
    params: { '4::curid': rc.revId, '5::previd': rc.oldRevId, '6::auto': 0 },
    tags,
    recentChange: false,
  };
}

function titleOrFail(input: string, ns: NamespaceTable): Title {
  const r = parseTitle(input, ns);
  if (!r.ok || r.title.interwiki !== '') throw fail('invalidtitle', input);
  return r.title;
}

/** A title that can be a page: not Special: or Media:. */
function pageTitleOrFail(input: string, ns: NamespaceTable): Title {
  const t = titleOrFail(input, ns);
  if (t.namespace < 0) throw fail('invalidtitle', input);
  return t;
}

function requireRight(actor: Actor, right: string, action: string): void {
  if (!hasRight(actor, right)) throw fail('permissiondenied', action);
}

/**
 * The title-based permission checks (namespace protection, site and user CSS/JSON/JS pages) for
 * `action` on `title`, with the page's stored content model when it exists.
 */
function assertTitlePermitted(actor: Actor, action: PageAction, title: Title, contentModel?: string): void {
  const refusal = titlePermissionError(actor, action, title, contentModel);
  if (refusal) throw refusal;
}

/**
 * A sitewide, unexpired block stops every write (partial-block restrictions are not stored yet,
 * so a partial block stops nothing), except editing one's own user talk page when the block
 * allows it. The error carries MediaWiki's `blockinfo`.
 */
function assertNotBlocked(actor: Actor, now: number, editing?: Title): void {
  const b = actor.block;
  if (!b || !b.sitewide || (b.expiry !== null && b.expiry <= now)) return;
  if (editing?.namespace === NS_USER_TALK && editing.dbKey === userNameToDbKey(actor.name) && b.allowUserTalk)
    return;
  throw failWith('blocked', { blockinfo: blockDetails(b) });
}

/**
 * The protect log's action, parameters and the null revision's wording for a protection change:
 * `[edit=sysop] (indefinite) [move=sysop] (expires …)` as MediaWiki describes protections.
 */
function describeProtectionChange(
  title: Title,
  wasProtected: boolean,
  after: ReadonlyMap<string, { level: string; expiry: number | null }>,
): {
  action: 'protect' | 'modify' | 'unprotect';
  verb: string;
  description: string;
  logParams: Record<string, unknown>;
} {
  const details = [...after].map(([type, r]) => ({
    type,
    level: r.level,
    expiry: r.expiry === null ? 'infinity' : toIsoTimestamp(r.expiry),
    cascade: false,
  }));
  const description = details
    .map((d) => `[${d.type}=${d.level}] (${d.expiry === 'infinity' ? 'indefinite' : `expires ${d.expiry}`})`)
    .join(' ');
  const action = after.size === 0 ? 'unprotect' : wasProtected ? 'modify' : 'protect';
  const verb = {
    protect: `protected "[[${title.prefixedText}]]"`,
    modify: `changed protection settings for "[[${title.prefixedText}]]"`,
    unprotect: `removed protection from "[[${title.prefixedText}]]"`,
  }[action];
  const logParams =
    action === 'unprotect' ? {} : { '4::description': description, '5:bool:cascade': false, details };
  return { action, verb, description, logParams };
}

/** Create protection of a title without a page that the actor lacks the level's right for → `protectedtitle`. */
async function assertNotCreateProtected(
  tx: Repositories,
  ctx: OpContext,
  actor: Actor,
  title: Title,
): Promise<void> {
  const protection = await tx.protectedTitles.get(ctx.id, title.namespace, title.dbKey, ctx.now);
  if (protection && !passesRestrictionLevel(actor.rights, protection.level)) {
    throw fail('protectedtitle', protection.byName, protection.reason);
  }
}

/** Page protection (page_restriction) of `type` that the actor lacks the right for → `protectedpage`. */
async function assertUnprotected(
  tx: Repositories,
  ctx: OpContext,
  actor: Actor,
  page: Page,
  type: 'edit' | 'move',
): Promise<void> {
  const restrictions = await tx.restrictions.get(ctx.id, page.id, ctx.now);
  for (const r of restrictions) {
    if (r.type === type && !passesRestrictionLevel(actor.rights, r.level)) throw fail('protectedpage');
  }
}

async function resolveBlockTarget(
  tx: Repositories,
  wiki: string,
  target: string,
): Promise<{ name: string; userId: number; address: string }> {
  const trimmed = target.trim();
  if (isIpAddress(trimmed)) {
    const address = sanitizeIp(trimmed);
    return { name: address, userId: 0, address };
  }
  if (isIpRange(trimmed)) {
    const range = blockableRange(trimmed);
    if (range === 'invalid') throw fail('invalidrange');
    if (range === 'toolarge') {
      throw fail('ip_range_toolarge', BLOCK_CIDR_LIMIT[trimmed.includes(':') ? 'ipv6' : 'ipv4']);
    }
    return { name: range.target, userId: 0, address: range.target };
  }
  const name = normalizeUserName(trimmed);
  const user = name === null ? undefined : await tx.users.getByName(wiki, name);
  if (!user) throw fail('nosuchuser', target);
  return { name: user.name, userId: user.id, address: '' };
}

/** The revision an edit is based on: baseRevId, else the one current at baseTimestamp. */
async function findBaseRevision(
  tx: Repositories,
  wiki: string,
  page: Page,
  params: EditParams,
): Promise<Revision | undefined> {
  if (params.baseRevId !== undefined) {
    const rev = await tx.revisions.get(wiki, params.baseRevId);
    if (!rev || rev.pageId !== page.id) throw fail('nosuchrevid', params.baseRevId);
    return rev;
  }
  if (params.baseTimestamp === undefined) return undefined;
  let startId: number | undefined;
  for (;;) {
    const batch = await tx.revisions.listForPage(wiki, page.id, {
      dir: 'older',
      limit: 100,
      startId,
      withText: true,
    });
    const found = batch.find((r) => r.timestamp <= (params.baseTimestamp ?? 0));
    if (found) return found;
    const last = batch[batch.length - 1];
    if (batch.length < 100 || !last) return undefined;
    startId = last.id;
    batch.shift();
  }
}

/**
 * Whether every revision after `base` (every revision, for null) was made by the actor
 * (EditPage::userWasLastToEdit, 50 at most).
 */
async function onlyEditedBy(
  tx: Repositories,
  wiki: string,
  page: Page,
  base: Revision | null,
  actor: Actor,
): Promise<boolean> {
  const recent = await tx.revisions.listForPage(wiki, page.id, { dir: 'older', limit: 51 });
  const since = base === null ? recent : recent.filter((r) => isNewer(r, base));
  if (since.length === 0 || since.length > 50) return false;
  return since.every((r) =>
    actor.userId !== 0 ? r.userId === actor.userId : r.userId === 0 && r.userText === actor.name,
  );
}

/**
 * A rollback summary with MediaWiki's placeholders filled: $1 the restored revision's author, $2
 * the rolled-back user, $3 and $4 the restored revision's id and time, $5 and $6 the rolled-back
 * revision's.
 */
function fillRollbackSummary(summary: string, target: Revision, current: Revision): string {
  const values = [
    target.userText,
    current.userText,
    String(target.id),
    toIsoTimestamp(target.timestamp),
    String(current.id),
    toIsoTimestamp(current.timestamp),
  ];
  return summary.replace(/\$([1-6])/g, (_, n: string) => values[Number(n) - 1] ?? '');
}

function isNewer(a: Revision, b: Revision): boolean {
  return a.timestamp > b.timestamp || (a.timestamp === b.timestamp && a.id > b.id);
}

function parseSectionParam(section: string | number | undefined): number | 'new' | null {
  if (section === undefined || section === '') return null;
  if (section === 'new') return 'new';
  const n = typeof section === 'number' ? section : /^\d+$/.test(section) ? Number(section) : NaN;
  if (!Number.isInteger(n) || n < 0) throw fail('nosuchsection', String(section));
  return n;
}

function sectionOrFail(text: string, n: number): string {
  const s = sectionText(text, n);
  if (s === null) throw fail('nosuchsection', n);
  return s;
}

/** MediaWiki's automatic change tags that need no extra lookups. */
function softwareTags(
  page: Page | undefined,
  latest: Revision | undefined,
  text: string,
  isRedirect: boolean,
): string[] {
  const tags: string[] = [];
  const wasRedirect = page?.isRedirect ?? false;
  if (isRedirect && !wasRedirect) tags.push('mw-new-redirect');
  if (!isRedirect && wasRedirect) tags.push('mw-removed-redirect');
  if (latest && latest.text !== '' && text === '') tags.push('mw-blank');
  return tags;
}

function eventPage(page: Page, title: Title): EventPage {
  return {
    page_id: page.id,
    page_title: title.prefixedDbKey,
    page_namespace: title.namespace,
    page_is_redirect: page.isRedirect,
  };
}

async function append(tx: Repositories, ctx: OpContext, draft: OutboxDraft): Promise<void> {
  await tx.outbox.append(ctx.id, draft.stream, draft.payload, ctx.now);
}

function domainOf(baseUrl: string): string | undefined {
  if (!baseUrl) return undefined;
  try {
    return new URL(baseUrl).host;
  } catch {
    return undefined;
  }
}

function toKey(displayTitle: string): string {
  return displayTitle.replace(/ /g, '_');
}

function formatKey(l: { namespace: number; title: string }, ns: NamespaceTable): string {
  return toKey(formatTitle(l.namespace, l.title, ns));
}

function emptyLinks(): PageLinksData {
  return {
    links: [],
    categories: [],
    templates: [],
    images: [],
    langlinks: [],
    externalLinks: [],
    properties: {},
  };
}

/**
 * One row per target, as the link tables' keys require. For a category the last sort key wins
 * (ParserOutput::addCategory); for a language the first link wins (Parser keeps the first).
 */
function dedupeLinks(d: PageLinksData): PageLinksData {
  const byKey = <T>(items: T[], key: (x: T) => string): T[] => [
    ...new Map(items.map((x) => [key(x), x])).values(),
  ];
  return {
    links: byKey(d.links, (l) => `${l.namespace}:${l.title}`),
    categories: byKey(d.categories, (c) => c.category),
    templates: byKey(d.templates, (t) => `${t.namespace}:${t.title}`),
    images: [...new Set(d.images)],
    langlinks: [...new Map(d.langlinks.toReversed().map((l) => [l.lang, l])).values()].reverse(),
    externalLinks: [...new Set(d.externalLinks)],
    properties: { ...d.properties },
  };
}
