import type { Actor } from './actor.ts';
import type { WikiInfo } from './wiki.ts';
import { toIsoTimestamp } from './clock.ts';
import { defineStream, type EventStream } from './event-stream.ts';

/**
 * The core's events, named after Wikimedia's event streams and shaped like their schemas
 * (mediawiki/revision/create, mediawiki/page/move, mediawiki/page/delete, mediawiki/page/undelete,
 * mediawiki/user/blocks-change, mediawiki/page/restrictions-change), simplified: no meta.request_id,
 * no parsedcomment, no rev_slots; meta.id is added from the event's log position when it leaves the
 * log (core/events/wire-event.ts). Two streams are our own (`wikiqueue.*`).
 *
 * Titles in events are prefixed DB keys ("Talk:Foo_bar"), timestamps ISO 8601, as in Wikimedia's.
 */
export const STREAM_PAGE_CREATE = 'mediawiki.page-create';
export const STREAM_REVISION_CREATE = 'mediawiki.revision-create';
export const STREAM_PAGE_MOVE = 'mediawiki.page-move';
export const STREAM_PAGE_DELETE = 'mediawiki.page-delete';
export const STREAM_PAGE_UNDELETE = 'mediawiki.page-undelete';
export const STREAM_USER_BLOCKS_CHANGE = 'mediawiki.user-blocks-change';
export const STREAM_PAGE_RESTRICTIONS_CHANGE = 'mediawiki.page-restrictions-change';
/** A recent change was marked patrolled (manually, or automatically for autopatrolled editors). */
export const STREAM_PAGE_PATROL = 'wikiqueue.page-patrol';
/** A page's categories or links changed (MediaWiki's LinksUpdate; like Wikimedia's page-links-change). */
export const STREAM_PAGE_LINKS_UPDATE = 'wikiqueue.page-links-update';

export const streams = {
  pageCreate: STREAM_PAGE_CREATE,
  revisionCreate: STREAM_REVISION_CREATE,
  pageMove: STREAM_PAGE_MOVE,
  pageDelete: STREAM_PAGE_DELETE,
  pageUndelete: STREAM_PAGE_UNDELETE,
  userBlocksChange: STREAM_USER_BLOCKS_CHANGE,
  pageRestrictionsChange: STREAM_PAGE_RESTRICTIONS_CHANGE,
  pagePatrol: STREAM_PAGE_PATROL,
  pageLinksUpdate: STREAM_PAGE_LINKS_UPDATE,
} as const;

export type StreamName = (typeof streams)[keyof typeof streams];

/** The core's streams, declared once with their schema and payload (the registry's first entries). */
export const coreStreams = {
  pageCreate: defineStream<RevisionCreateEvent>(STREAM_PAGE_CREATE, '/mediawiki/revision/create/2.0.0'),
  revisionCreate: defineStream<RevisionCreateEvent>(
    STREAM_REVISION_CREATE,
    '/mediawiki/revision/create/2.0.0',
  ),
  pageMove: defineStream<PageMoveEvent>(STREAM_PAGE_MOVE, '/mediawiki/page/move/1.0.0'),
  pageDelete: defineStream<PageDeleteEvent>(STREAM_PAGE_DELETE, '/mediawiki/page/delete/1.0.0'),
  pageUndelete: defineStream<PageUndeleteEvent>(STREAM_PAGE_UNDELETE, '/mediawiki/page/undelete/1.0.0'),
  userBlocksChange: defineStream<UserBlocksChangeEvent>(
    STREAM_USER_BLOCKS_CHANGE,
    '/mediawiki/user/blocks-change/1.1.0',
  ),
  pageRestrictionsChange: defineStream<PageRestrictionsChangeEvent>(
    STREAM_PAGE_RESTRICTIONS_CHANGE,
    '/mediawiki/page/restrictions-change/1.0.0',
  ),
  pagePatrol: defineStream<PagePatrolEvent>(STREAM_PAGE_PATROL, '/wikiqueue/page/patrol/1.0.0'),
  pageLinksUpdate: defineStream<PageLinksUpdateEvent>(
    STREAM_PAGE_LINKS_UPDATE,
    '/wikiqueue/page/links-update/1.0.0',
  ),
} as const satisfies Record<keyof typeof streams, EventStream>;

const byName = new Map<string, EventStream>(Object.values(coreStreams).map((s) => [s.name, s]));

/** `meta` of every event; `id` is added when the event leaves the log (see core/events/wire-event.ts). */
/** `uri`: the resource the event is about (an article's canonical URL), where the schema has one. */
export type EventMeta = { stream: string; dt: string; domain?: string; uri?: string };

export type Performer = {
  /** Absent for anonymous editors. */
  user_id?: number;
  user_text: string;
  user_groups: string[];
  user_is_bot: boolean;
  user_edit_count?: number;
  user_registration_dt?: string;
};

/** Fields every event shares. */
export type EventBase = { $schema: string; meta: EventMeta; database: string };

/** A page as events identify it. */
export type EventPage = {
  page_id: number;
  /** Prefixed DB key ("Talk:Foo_bar"). */
  page_title: string;
  page_namespace: number;
  page_is_redirect: boolean;
};

/** mediawiki/revision/create: both `mediawiki.page-create` and `mediawiki.revision-create` carry it. */
export type RevisionCreateEvent = EventBase &
  EventPage & {
    performer: Performer;
    comment: string;
    rev_id: number;
    /** Absent on a page's first revision. */
    rev_parent_id?: number;
    rev_timestamp: string;
    rev_sha1: string;
    rev_len: number;
    rev_minor_edit: boolean;
    rev_content_model: string;
    rev_content_changed: boolean;
    /** Our addition: change tags applied with the revision. */
    tags: string[];
  };

export type PageMoveEvent = EventBase &
  EventPage & {
    performer: Performer;
    comment: string;
    /** The null revision recording the move. */
    rev_id: number;
    rev_timestamp: string;
    prior_state: { page_title: string; page_namespace: number; rev_id: number };
    /** The redirect left at the old title, when one was created. */
    new_redirect_page?: { page_id: number; page_title: string; page_namespace: number; rev_id: number };
  };

export type PageDeleteEvent = EventBase &
  EventPage & {
    performer: Performer;
    comment: string;
    /** The latest revision at deletion. */
    rev_id: number;
    rev_count: number;
  };

export type PageUndeleteEvent = EventBase &
  EventPage & {
    performer: Performer;
    comment: string;
    rev_id: number;
    rev_count: number;
    /** The page id the revisions had before deletion (Wikimedia: prior_state.page_id). */
    prior_state: { page_id: number };
  };

/** The block state of a user as mediawiki/user/blocks-change describes it (true = blocked from). */
export type BlockState = {
  /** Absent when the block is indefinite. */
  expiry_dt?: string;
  email: boolean;
  user_talk: boolean;
  account_create: boolean;
  sitewide: boolean;
};

export type UserBlocksChangeEvent = EventBase & {
  user_text: string;
  /** Absent for IP addresses. */
  user_id?: number;
  user_groups?: string[];
  blocks: BlockState;
  prior_state?: { blocks: BlockState };
  performer: Performer;
  comment: string;
  /** Our addition: the block's id (the removed one for unblocks). */
  block_id: number;
};

/** Restriction levels by type ({ edit: ['sysop'], move: ['sysop'] }), as the schema lists them. */
export type PageRestrictions = Record<string, string[]>;

export type PageRestrictionsChangeEvent = EventBase &
  EventPage & {
    performer: Performer;
    comment: string;
    /** The null revision recording the change. */
    rev_id: number;
    page_restrictions: PageRestrictions;
    prior_state: { page_restrictions: PageRestrictions };
  };

export type PagePatrolEvent = EventBase &
  EventPage & {
    performer: Performer;
    rc_id: number;
    rev_id: number;
    /** Absent when the patrolled change created the page. */
    rev_parent_id?: number;
    /** Whether the change was autopatrolled at save time (no one reviewed it). */
    auto: boolean;
    /** The user who made the patrolled change. */
    rev_user_text: string;
    rev_user_id?: number;
    rc_type: 'new' | 'edit';
    tags: string[];
  };

export type PageLinksUpdateEvent = EventBase &
  EventPage & {
    rev_id: number;
    /** Category DB keys (no prefix). */
    added_categories: string[];
    removed_categories: string[];
    /** Prefixed DB keys of linked pages. */
    added_links: string[];
    removed_links: string[];
  };

export type EventPayload =
  | RevisionCreateEvent
  | PageMoveEvent
  | PageDeleteEvent
  | PageUndeleteEvent
  | UserBlocksChangeEvent
  | PageRestrictionsChangeEvent
  | PagePatrolEvent
  | PageLinksUpdateEvent;

/** An event ready for `tx.outbox.append(wiki, stream, payload, now)`. */
export interface OutboxDraft<P extends EventPayload = EventPayload> {
  stream: StreamName;
  payload: P;
}

/** Where and when an event happened: the wiki id, the Unix time, the public domain if the wiki has one. */
export interface EventContext {
  wiki: string;
  now: number;
  domain?: string;
}

/** The context of an event on `wiki` at `now`: its id, and its public domain when it has one. */
export function eventContext(wiki: WikiInfo, now: number): EventContext {
  const ctx: EventContext = { wiki: wiki.id, now };
  if (wiki.baseUrl) {
    try {
      ctx.domain = new URL(wiki.baseUrl).host;
    } catch {
      // A base URL that is no URL leaves the domain out, as for the embedded wiki.
    }
  }
  return ctx;
}

/**
 * The performer block of Wikimedia's schemas, from an Actor. `editCount` overrides the actor's
 * (e.g. the count including the edit being saved).
 */
export function performerOf(actor: Actor, editCount = actor.editCount): Performer {
  if (actor.isAnonymous || actor.userId === 0) {
    return { user_text: actor.name, user_groups: [...actor.groups], user_is_bot: false };
  }
  const p: Performer = {
    user_id: actor.userId,
    user_text: actor.name,
    user_groups: [...actor.groups],
    user_is_bot: actor.groups.includes('bot'),
    user_edit_count: editCount,
  };
  if (actor.registration !== null) p.user_registration_dt = toIsoTimestamp(actor.registration);
  return p;
}

function base(ctx: EventContext, stream: StreamName): EventBase {
  return eventBase(ctx, byName.get(stream)!);
}

/** The fields every event of `stream` starts with: `$schema`, `meta` (stream, time, domain) and `database`. */
export function eventBase(ctx: EventContext, stream: EventStream): EventBase {
  const meta: EventMeta = { stream: stream.name, dt: toIsoTimestamp(ctx.now) };
  if (ctx.domain) meta.domain = ctx.domain;
  return { $schema: stream.schema, meta, database: ctx.wiki };
}

export interface RevisionFacts {
  id: number;
  parentId: number | null;
  timestamp: number;
  sha1: string;
  len: number;
  minor: boolean;
  comment: string;
  contentModel: string;
  /** False for null revisions (same content as the parent). */
  contentChanged: boolean;
  tags: string[];
}

function revisionFields(
  ctx: EventContext,
  stream: StreamName,
  page: EventPage,
  rev: RevisionFacts,
  performer: Performer,
): RevisionCreateEvent {
  const e: RevisionCreateEvent = {
    ...base(ctx, stream),
    ...page,
    performer,
    comment: rev.comment,
    rev_id: rev.id,
    rev_timestamp: toIsoTimestamp(rev.timestamp),
    rev_sha1: rev.sha1,
    rev_len: rev.len,
    rev_minor_edit: rev.minor,
    rev_content_model: rev.contentModel,
    rev_content_changed: rev.contentChanged,
    tags: [...rev.tags],
  };
  if (rev.parentId !== null && rev.parentId !== 0) e.rev_parent_id = rev.parentId;
  return e;
}

/** `mediawiki.page-create`: the first revision of a new page. */
export function pageCreateEvent(
  ctx: EventContext,
  page: EventPage,
  rev: RevisionFacts,
  performer: Performer,
): OutboxDraft<RevisionCreateEvent> {
  return {
    stream: STREAM_PAGE_CREATE,
    payload: revisionFields(ctx, STREAM_PAGE_CREATE, page, rev, performer),
  };
}

/** `mediawiki.revision-create`: any saved revision, the first one of a page included. */
export function revisionCreateEvent(
  ctx: EventContext,
  page: EventPage,
  rev: RevisionFacts,
  performer: Performer,
): OutboxDraft<RevisionCreateEvent> {
  return {
    stream: STREAM_REVISION_CREATE,
    payload: revisionFields(ctx, STREAM_REVISION_CREATE, page, rev, performer),
  };
}

/** `mediawiki.page-move`: `page` is the page under its new title. */
export function pageMoveEvent(
  ctx: EventContext,
  page: EventPage,
  move: {
    performer: Performer;
    comment: string;
    revId: number;
    revTimestamp: number;
    prior: { pageTitle: string; pageNamespace: number; revId: number };
    redirect?: { pageId: number; pageTitle: string; pageNamespace: number; revId: number };
  },
): OutboxDraft<PageMoveEvent> {
  const payload: PageMoveEvent = {
    ...base(ctx, STREAM_PAGE_MOVE),
    ...page,
    performer: move.performer,
    comment: move.comment,
    rev_id: move.revId,
    rev_timestamp: toIsoTimestamp(move.revTimestamp),
    prior_state: {
      page_title: move.prior.pageTitle,
      page_namespace: move.prior.pageNamespace,
      rev_id: move.prior.revId,
    },
  };
  if (move.redirect) {
    payload.new_redirect_page = {
      page_id: move.redirect.pageId,
      page_title: move.redirect.pageTitle,
      page_namespace: move.redirect.pageNamespace,
      rev_id: move.redirect.revId,
    };
  }
  return { stream: STREAM_PAGE_MOVE, payload };
}

export function pageDeleteEvent(
  ctx: EventContext,
  page: EventPage,
  del: { performer: Performer; comment: string; revId: number; revCount: number },
): OutboxDraft<PageDeleteEvent> {
  return {
    stream: STREAM_PAGE_DELETE,
    payload: {
      ...base(ctx, STREAM_PAGE_DELETE),
      ...page,
      performer: del.performer,
      comment: del.comment,
      rev_id: del.revId,
      rev_count: del.revCount,
    },
  };
}

export function pageUndeleteEvent(
  ctx: EventContext,
  page: EventPage,
  undel: { performer: Performer; comment: string; revId: number; revCount: number; priorPageId: number },
): OutboxDraft<PageUndeleteEvent> {
  return {
    stream: STREAM_PAGE_UNDELETE,
    payload: {
      ...base(ctx, STREAM_PAGE_UNDELETE),
      ...page,
      performer: undel.performer,
      comment: undel.comment,
      rev_id: undel.revId,
      rev_count: undel.revCount,
      prior_state: { page_id: undel.priorPageId },
    },
  };
}

/** What a block prevents, in the terms of blockStateOf(). */
export interface BlockFacts {
  expiry: number | null;
  sitewide: boolean;
  noCreate: boolean;
  noEmail: boolean;
  allowUserTalk: boolean;
}

export function blockStateOf(block: BlockFacts): BlockState {
  const s: BlockState = {
    email: block.noEmail,
    user_talk: !block.allowUserTalk,
    account_create: block.noCreate,
    sitewide: block.sitewide,
  };
  if (block.expiry !== null) s.expiry_dt = toIsoTimestamp(block.expiry);
  return s;
}

/** The state of a user without any block (after an unblock); expiry_dt is the unblock time. */
export function unblockedStateAt(now: number): BlockState {
  return {
    expiry_dt: toIsoTimestamp(now),
    email: false,
    user_talk: false,
    account_create: false,
    sitewide: false,
  };
}

/** `mediawiki.user-blocks-change`: a block placed, changed (`prior` set) or lifted. */
export function userBlocksChangeEvent(
  ctx: EventContext,
  change: {
    userText: string;
    userId: number;
    blockId: number;
    blocks: BlockState;
    prior?: BlockState;
    performer: Performer;
    comment: string;
  },
): OutboxDraft<UserBlocksChangeEvent> {
  const payload: UserBlocksChangeEvent = {
    ...base(ctx, STREAM_USER_BLOCKS_CHANGE),
    user_text: change.userText,
    blocks: change.blocks,
    performer: change.performer,
    comment: change.comment,
    block_id: change.blockId,
  };
  if (change.userId > 0) payload.user_id = change.userId;
  if (change.prior) payload.prior_state = { blocks: change.prior };
  return { stream: STREAM_USER_BLOCKS_CHANGE, payload };
}

export function pageRestrictionsChangeEvent(
  ctx: EventContext,
  page: EventPage,
  change: {
    performer: Performer;
    comment: string;
    revId: number;
    restrictions: PageRestrictions;
    prior: PageRestrictions;
  },
): OutboxDraft<PageRestrictionsChangeEvent> {
  return {
    stream: STREAM_PAGE_RESTRICTIONS_CHANGE,
    payload: {
      ...base(ctx, STREAM_PAGE_RESTRICTIONS_CHANGE),
      ...page,
      performer: change.performer,
      comment: change.comment,
      rev_id: change.revId,
      page_restrictions: change.restrictions,
      prior_state: { page_restrictions: change.prior },
    },
  };
}

export function pagePatrolEvent(
  ctx: EventContext,
  page: EventPage,
  patrol: {
    performer: Performer;
    rcId: number;
    revId: number;
    parentRevId: number;
    auto: boolean;
    revUserText: string;
    revUserId: number;
    rcType: 'new' | 'edit';
    tags: string[];
  },
): OutboxDraft<PagePatrolEvent> {
  const payload: PagePatrolEvent = {
    ...base(ctx, STREAM_PAGE_PATROL),
    ...page,
    performer: patrol.performer,
    rc_id: patrol.rcId,
    rev_id: patrol.revId,
    auto: patrol.auto,
    rev_user_text: patrol.revUserText,
    rc_type: patrol.rcType,
    tags: [...patrol.tags],
  };
  if (patrol.parentRevId > 0) payload.rev_parent_id = patrol.parentRevId;
  if (patrol.revUserId > 0) payload.rev_user_id = patrol.revUserId;
  return { stream: STREAM_PAGE_PATROL, payload };
}

/**
 * `wikiqueue.page-links-update`, or null when nothing a consumer watches changed. Inputs are
 * the category DB keys and prefixed link DB keys before and after the update.
 */
export function pageLinksUpdateEvent(
  ctx: EventContext,
  page: EventPage,
  update: {
    revId: number;
    categoriesBefore: string[];
    categoriesAfter: string[];
    linksBefore: string[];
    linksAfter: string[];
  },
): OutboxDraft<PageLinksUpdateEvent> | null {
  const [addedCategories, removedCategories] = difference(update.categoriesBefore, update.categoriesAfter);
  const [addedLinks, removedLinks] = difference(update.linksBefore, update.linksAfter);
  if (addedCategories.length + removedCategories.length + addedLinks.length + removedLinks.length === 0) {
    return null;
  }
  return {
    stream: STREAM_PAGE_LINKS_UPDATE,
    payload: {
      ...base(ctx, STREAM_PAGE_LINKS_UPDATE),
      ...page,
      rev_id: update.revId,
      added_categories: addedCategories,
      removed_categories: removedCategories,
      added_links: addedLinks,
      removed_links: removedLinks,
    },
  };
}

/** [added, removed], each sorted. */
function difference(before: string[], after: string[]): [string[], string[]] {
  const b = new Set(before);
  const a = new Set(after);
  return [[...a].filter((x) => !b.has(x)).sort(), [...b].filter((x) => !a.has(x)).sort()];
}
