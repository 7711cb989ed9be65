import { toMwTimestamp } from '../../core/domain/clock.ts';
import { NS_USER, NS_USER_TALK, type NamespaceTable } from '../../core/domain/namespaces.ts';
import type { ReviewPreset } from '../domain/preset.ts';
import { toReferenceTags } from '../domain/reference-tags.ts';
import { formatTitle } from '../../core/domain/titles.ts';
import { userNameToDbKey } from '../../core/domain/user-names.ts';
import type { QueuedPage } from '../store/review-queue-repository.ts';
import type { ApiRequestContext } from '../../core/http/action-api/module.ts';
import { namespacesOf } from '../../core/http/action-api/request-namespaces.ts';
import { articlePathOf, pageUrl, serverOf } from '../../core/http/action-api/query/site-paths.ts';
import type { FeedPage, FeedPageDetails } from '../review-feed.ts';
import { literalBoolean } from '../../core/http/action-api/result-format.ts';

/** Labels of the article-quality classes (PageTriage's pagetriage-filter-predicted-class-* messages). */
const CLASS_LABELS = ['Stub', 'Start', 'C-class', 'B-class', 'GA', 'FA'] as const;

/**
 * Labels of the draft-quality classes by id (0 attack, 1 OK, 2 spam, 3 vandalism). PageTriage labels
 * only the issues; an OK prediction, like no prediction, is ''.
 */
const DRAFT_LABELS: Record<number, string> = { 0: 'Attack', 2: 'Spam', 3: 'Vandalism' };

/**
 * Renders the feed's pages as pagetriagelist page objects (review-queue-reference.md §2.1): the 21
 * tags as strings, the BasicData fields, the creator and reviewer links, and the redirect, ORES
 * and (`page_id` mode) page-detail fields. Everything here is formatting: the facts come from the
 * feed service.
 */
export function renderFeedPages(
  ctx: ApiRequestContext,
  preset: ReviewPreset,
  pages: readonly FeedPage[],
): Record<string, unknown>[] {
  if (pages.length === 0) return [];
  const ns = namespacesOf(ctx);
  const linksOf = userLinkTexts(ctx, ns);
  return pages.map((p): Record<string, unknown> => {
    const r = p.queued;
    const creator = linksOf(r.metadata.creatorName);
    const reviewer = p.reviewerPages ? linksOf(r.reviewerName) : undefined;
    // The *_exist fields stay true/false in formatversion 1 too (PageTriage sets them as real
    // booleans; morebits reads them so). One literal, optional parts spread in: adding fields to a built object of this size makes
    // V8 copy its property store, a third of this function's allocation.
    return {
      // A string in list mode, as PageTriage sends it; the number in `page_id` mode (§2.1).
      pageid: p.details ? r.pageId : String(r.pageId),
      ...toReferenceTags(r.metadata, r.tagsUpdated ?? ctx.now),
      creation_date: toMwTimestamp(p.createdAtForViewer),
      creation_date_utc: toMwTimestamp(r.createdAt),
      patrol_status: String(r.status),
      is_redirect: r.isRedirect ? '1' : '0',
      ptrp_last_reviewed_by: String(r.lastReviewedBy),
      ptrp_reviewed_updated: toMwTimestamp(r.reviewedUpdated),
      reviewer: reviewer ? r.reviewerName : null,
      title: formatTitle(r.namespace, r.title, ns),
      creator_is_temp_account: false,
      creator_is_expired_temp_account: false,
      creator_hidden: false,
      creator_user_page: creator.userPage,
      creator_user_page_url: creator.userPageUrl,
      creator_user_page_exist: literalBoolean(p.creatorPages.userPage),
      creator_user_talk_page: creator.talkPage,
      creator_user_talk_page_url: creator.talkPageUrl,
      creator_user_talk_page_exist: literalBoolean(p.creatorPages.talkPage),
      creator_contribution_page: creator.contributions,
      creator_contribution_page_url: creator.contributionsUrl,
      ...(reviewer && p.reviewerPages
        ? {
            reviewer_user_page: reviewer.userPage,
            reviewer_user_page_url: reviewer.userPageUrl,
            reviewer_user_page_exist: literalBoolean(p.reviewerPages.userPage),
            reviewer_user_talk_page: reviewer.talkPage,
            reviewer_user_talk_page_url: reviewer.talkPageUrl,
            reviewer_user_talk_page_exist: literalBoolean(p.reviewerPages.talkPage),
            reviewer_contribution_page: reviewer.contributions,
            reviewer_contribution_page_url: reviewer.contributionsUrl,
          }
        : {}),
      ...(p.redirectTarget ? { redirect_target: p.redirectTarget.prefixedText } : {}),
      ...(preset.enableOres ? oresFields(r, preset) : {}),
      ...(p.details ? detailFields(ctx, p.details) : {}),
    };
  });
}

/**
 * The user, user-talk and contributions pages of one user name, with their URLs: the
 * `<prefix>_user_page[_url|_exist]`, `<prefix>_user_talk_page[…]`, `<prefix>_contribution_page[_url]` fields.
 */
interface UserLinkTexts {
  userPage: string;
  userPageUrl: string;
  talkPage: string;
  talkPageUrl: string;
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
        talkPage,
        talkPageUrl: pageUrl(ctx, talkPage),
        contributions,
        contributionsUrl: pageUrl(ctx, contributions),
      };
      if (texts.size >= LINK_TEXT_CACHE_MAX) texts.clear();
      texts.set(cacheKey, links);
    }
    return links;
  };
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
 * The `page_id` mode fields: the talk page, its feedback count and URL, whether the page is an
 * orphan, and `noindex` (§2.1, §5).
 */
function detailFields(ctx: ApiRequestContext, d: FeedPageDetails): Record<string, unknown> {
  return {
    talk_page_title: d.talkPage?.prefixedText ?? '',
    talkpage_feedback_count: d.talkPageFeedbackCount,
    talk_page_url: d.talkPage ? pageUrl(ctx, d.talkPage.prefixedText) : '',
    is_orphan: d.isOrphan,
    noindex: d.noindex,
  };
}
