import { toMwTimestamp } from '../../core/domain/clock.ts';
import { NS_USER, NS_USER_TALK, type NamespaceTable } from '../../core/domain/namespaces.ts';
import type { ReviewPreset } from '../domain/preset.ts';
import { toReferenceTags } from '../domain/reference-tags.ts';
import { formatTitle, makeTitle, talkPageOf } from '../../core/domain/titles.ts';
import { userNameToDbKey } from '../../core/domain/user-names.ts';
import type { QueuedPage } from '../store/review-queue-repository.ts';
import type { ApiRequestContext } from '../../core/http/action-api/module.ts';
import { redirectTargetOf } from '../../core/wikis/wikitext-context.ts';
import { namespacesOf } from '../../core/http/action-api/request-namespaces.ts';
import { articlePathOf, pageUrl, serverOf } from '../../core/http/action-api/query/site-paths.ts';
import type { ReviewService } from '../review-service.ts';

/** Labels of the article-quality classes (PageTriage's pagetriage-filter-predicted-class-* messages). */
const CLASS_LABELS = ['Stub', 'Start', 'C-class', 'B-class', 'GA', 'FA'] as const;

/**
 * Labels of the draft-quality classes by id (0 attack, 1 OK, 2 spam, 3 vandalism). PageTriage labels
 * only the issues; an OK prediction, like no prediction, is ''.
 */
const DRAFT_LABELS: Record<number, string> = { 0: 'Attack', 2: 'Spam', 3: 'Vandalism' };

/** The change tag that marks talk-page feedback left through the review tools (§2.1 talkpage_feedback_count). */
const FEEDBACK_TAG = 'pagetriage';

export interface PageFormatOptions {
  /** `page_id` mode of pagetriagelist: adds the talk-page and orphan fields (§2.1). */
  withPageDetails: boolean;
}

/**
 * Renders queued pages (with metadata) as pagetriagelist page objects (review-queue-reference.md
 * §2.1): the 21 tags as strings, the BasicData fields, the creator and reviewer links, and the
 * redirect, ORES and page-detail fields. The look-ups for all rows are batched: one query for the
 * user and user-talk pages of every creator and reviewer, one for the redirects' pages.
 */
export async function formatQueuedPages(
  review: ReviewService,
  ctx: ApiRequestContext,
  rows: QueuedPage[],
  opts: PageFormatOptions,
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const ns = namespacesOf(ctx);
  const preset = review.queue.preset(ctx.wiki.id);
  const names = new Set<string>();
  for (const r of rows) {
    if (r.metadata) names.add(r.metadata.creatorName);
    if (r.reviewerName !== '') names.add(r.reviewerName);
  }
  const [existing, redirectTargets, adjust] = await Promise.all([
    existingUserPages(ctx, [...names]),
    redirectTargetsOf(
      ctx,
      ns,
      rows.filter((r) => r.isRedirect),
    ),
    userTimeAdjustment(ctx),
  ]);

  const linksOf = userLinkTexts(ctx, ns);
  const out = rows.map((r): Record<string, unknown> => {
    const metadata = r.metadata;
    if (!metadata) throw new Error(`page ${r.pageId} has no review metadata`);
    const creator = linksOf(metadata.creatorName);
    const reviewer = r.reviewerName !== '' ? linksOf(r.reviewerName) : undefined;
    const target = redirectTargets.get(r.pageId);
    // One literal, optional parts spread in: adding fields to a built object of this size makes
    // V8 copy its property store, a third of this function's allocation.
    return {
      pageid: r.pageId,
      ...toReferenceTags(metadata, r.tagsUpdated ?? ctx.now),
      creation_date: toMwTimestamp(adjust(r.createdAt)),
      creation_date_utc: toMwTimestamp(r.createdAt),
      patrol_status: String(r.status),
      is_redirect: r.isRedirect ? '1' : '0',
      ptrp_last_reviewed_by: String(r.lastReviewedBy),
      ptrp_reviewed_updated: toMwTimestamp(r.reviewedUpdated),
      ...(reviewer ? { reviewer: r.reviewerName } : {}),
      title: formatTitle(r.namespace, r.title, ns),
      creator_is_temp_account: false,
      creator_is_expired_temp_account: false,
      creator_hidden: false,
      creator_user_page: creator.userPage,
      creator_user_page_url: creator.userPageUrl,
      creator_user_page_exist: existing.has(creator.userPageKey),
      creator_user_talk_page: creator.talkPage,
      creator_user_talk_page_url: creator.talkPageUrl,
      creator_user_talk_page_exist: existing.has(creator.talkPageKey),
      creator_contribution_page: creator.contributions,
      creator_contribution_page_url: creator.contributionsUrl,
      ...(reviewer
        ? {
            reviewer_user_page: reviewer.userPage,
            reviewer_user_page_url: reviewer.userPageUrl,
            reviewer_user_page_exist: existing.has(reviewer.userPageKey),
            reviewer_user_talk_page: reviewer.talkPage,
            reviewer_user_talk_page_url: reviewer.talkPageUrl,
            reviewer_user_talk_page_exist: existing.has(reviewer.talkPageKey),
            reviewer_contribution_page: reviewer.contributions,
            reviewer_contribution_page_url: reviewer.contributionsUrl,
          }
        : {}),
      ...(target !== undefined ? { redirect_target: target } : {}),
      ...(preset.enableOres ? oresFields(r, preset) : {}),
    };
  });
  if (opts.withPageDetails) {
    await Promise.all(
      rows.map(async (r, i) => Object.assign(out[i]!, await pageDetails(review, ctx, ns, r))),
    );
  }
  return out;
}

/**
 * The user, user-talk and contributions pages of one user name, with their URLs: the
 * `<prefix>_user_page[_url|_exist]`, `<prefix>_user_talk_page[…]`, `<prefix>_contribution_page[_url]` fields.
 */
interface UserLinkTexts {
  userPage: string;
  userPageUrl: string;
  /** `ns:dbkey` of the user page and the user-talk page, as `existingUserPages` reports them. */
  userPageKey: string;
  talkPage: string;
  talkPageUrl: string;
  talkPageKey: string;
  contributions: string;
  contributionsUrl: string;
}

/**
 * Link texts by server, article path and user name, per namespace table (the registry's object
 * for a wiki, replaced when the wiki's settings change): the feed lists the same creators and
 * reviewers request after request, and each entry costs three title encodings.
 */
const linkTextCaches = new WeakMap<NamespaceTable, Map<string, UserLinkTexts>>();
const LINK_TEXT_CACHE_MAX = 20_000;

function userLinkTexts(ctx: ApiRequestContext, ns: NamespaceTable): (name: string) => UserLinkTexts {
  let cache = linkTextCaches.get(ns);
  if (!cache) {
    cache = new Map();
    linkTextCaches.set(ns, cache);
  }
  const texts = cache;
  const prefix = `${serverOf(ctx)}\u0000${articlePathOf(ctx)}\u0000`;
  return (name) => {
    const cacheKey = prefix + name;
    let links = texts.get(cacheKey);
    if (!links) {
      const key = userNameToDbKey(name);
      const userPage = formatTitle(NS_USER, key, ns);
      const talkPage = formatTitle(NS_USER_TALK, key, ns);
      const contributions = `${ns.get(-1)?.name || 'Special'}:Contributions/${name}`;
      links = {
        userPage,
        userPageUrl: pageUrl(ctx, userPage),
        userPageKey: `${NS_USER}:${key}`,
        talkPage,
        talkPageUrl: pageUrl(ctx, talkPage),
        talkPageKey: `${NS_USER_TALK}:${key}`,
        contributions,
        contributionsUrl: pageUrl(ctx, contributions),
      };
      if (texts.size >= LINK_TEXT_CACHE_MAX) texts.clear();
      texts.set(cacheKey, links);
    }
    return links;
  };
}

/** `ns:dbkey` of the user and user-talk pages of `names` that exist, in one query. */
async function existingUserPages(ctx: ApiRequestContext, names: string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const pages = await ctx.services.store.pages.existingTitles(
    ctx.wiki.id,
    [NS_USER, NS_USER_TALK],
    names.map(userNameToDbKey),
  );
  return new Set(pages.map((p) => `${p.namespace}:${p.title}`));
}

/** The prefixed target title of each redirect, read from its latest revision's text. */
async function redirectTargetsOf(
  ctx: ApiRequestContext,
  ns: NamespaceTable,
  redirects: QueuedPage[],
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (redirects.length === 0) return out;
  const { store } = ctx.services;
  const pages = await store.pages.getManyByIds(
    ctx.wiki.id,
    redirects.map((r) => r.pageId),
  );
  await Promise.all(
    pages.map(async (p) => {
      const rev = await store.revisions.get(ctx.wiki.id, p.latestRevId);
      const target = rev ? redirectTargetOf(rev.text, ns) : null;
      if (target && !target.interwiki) out.set(p.id, formatTitle(target.namespace, target.title, ns));
    }),
  );
  return out;
}

/** `ores_articlequality` (class label or "N/A") and `ores_draftquality` (issue label or ''). */
function oresFields(r: QueuedPage, preset: ReviewPreset): Record<string, string> {
  let articleQuality = 'N/A';
  if (r.oresArticleQuality !== null) {
    const bounds = preset.oresArticleQualityBounds;
    const i = bounds.findIndex((upper) => r.oresArticleQuality! < upper);
    articleQuality = CLASS_LABELS[i === -1 ? CLASS_LABELS.length - 1 : i]!;
  }
  const draftQuality = r.oresDraftQuality === null ? '' : (DRAFT_LABELS[r.oresDraftQuality] ?? '');
  return { ores_articlequality: articleQuality, ores_draftquality: draftQuality };
}

/**
 * The `page_id` mode fields: the talk page (Draft talk: for drafts), how many of its revisions were
 * left through the review tools, its URL, whether no page of the main namespace links here, and
 * `noindex`: whether views of the page get `noindex,nofollow` (review-queue-reference.md §5) — the
 * reference applies the decision to page views only; exposing it lets tools show it.
 */
async function pageDetails(
  review: ReviewService,
  ctx: ApiRequestContext,
  ns: NamespaceTable,
  r: QueuedPage,
): Promise<Record<string, unknown>> {
  const { store } = ctx.services;
  const talk = talkPageOf(makeTitle(r.namespace, r.title, ns), ns);
  const [talkPage, inbound, page] = await Promise.all([
    talk ? store.pages.getByTitle(ctx.wiki.id, talk.namespace, talk.dbKey) : Promise.resolve(undefined),
    store.links.countInbound(ctx.wiki.id, r.namespace, r.title, { fromNamespace: 0, cap: 1 }),
    store.pages.getById(ctx.wiki.id, r.pageId),
  ]);
  const noindex = page ? await review.noindex.isNoIndex(page) : false;
  const feedback = talkPage ? await store.changeTags.countForPage(ctx.wiki.id, talkPage.id, FEEDBACK_TAG) : 0;
  return {
    talk_page_title: talk?.prefixedText ?? '',
    talkpage_feedback_count: feedback,
    talk_page_url: talk ? pageUrl(ctx, talk.prefixedText) : '',
    is_orphan: inbound === 0,
    noindex,
  };
}

/**
 * The requesting user's time correction (user option `timecorrection`: `System|0`, `Offset|<min>`
 * or `ZoneInfo|<min>|<zone>`) as a function of a UTC time, as Language::userAdjust applies it.
 */
async function userTimeAdjustment(ctx: ApiRequestContext): Promise<(t: number) => number> {
  const identity = (t: number) => t;
  if (ctx.actor.isAnonymous || ctx.actor.userId === 0) return identity;
  const options = await ctx.services.store.users.getOptions(ctx.wiki.id, ctx.actor.userId);
  const [kind, minutes, zone] = (options.timecorrection ?? '').split('|');
  const fixed = Number(minutes);
  if (kind === 'ZoneInfo' && zone) {
    return (t) => t + (zoneOffsetMinutes(zone, t) ?? (Number.isFinite(fixed) ? fixed : 0)) * 60;
  }
  if (kind === 'Offset' && Number.isFinite(fixed)) return (t) => t + fixed * 60;
  return identity;
}

/** The UTC offset of an IANA zone at time `t`, in minutes; undefined for an unknown zone. */
function zoneOffsetMinutes(zone: string, t: number): number | undefined {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(t * 1000));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const local =
      Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) / 1000;
    return Math.round((local - t) / 60);
  } catch {
    return undefined;
  }
}
