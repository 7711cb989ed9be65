import type { ActionApi, Params } from '../api/action-api.ts';
import { session } from '../session/session.ts';
import { fromStored, storedForm, type FeedFilters } from './feed-filters.ts';

/** A page of pagetriagelist (review-queue-reference.md §2.1): every field arrives as the API sends it. */
export interface FeedPage {
  pageid: string | number;
  title: string;
  is_redirect: string;
  redirect_target?: string;
  patrol_status: string;
  creation_date_utc: string;
  ptrp_reviewed_updated: string;
  page_len: string;
  rev_count: string;
  category_count: string;
  linkcount: string;
  reference: string;
  recreated: string;
  csd_status: string;
  prod_status: string;
  blp_prod_status: string;
  afd_status: string;
  afc_state: string;
  snippet: string;
  user_name: string | null;
  user_id: string;
  user_editcount: string;
  user_creation_date: string;
  user_autoconfirmed: string;
  user_bot: string;
  user_block_status: string;
  creator_hidden: boolean;
  creator_user_page_url?: string;
  creator_user_page_exist?: boolean;
  creator_user_talk_page_url?: string;
  creator_user_talk_page_exist?: boolean;
  creator_contribution_page_url?: string;
  ores_articlequality?: string;
  ores_draftquality?: string;
}

export interface QueueBucket {
  count: number;
  oldest: string | null;
}

export interface FeedStats {
  unreviewedarticle: QueueBucket;
  unreviewedredirect: QueueBucket;
  reviewedarticle: { reviewed_count: number };
  reviewedredirect: { reviewed_count: number };
  filteredarticle: number;
  /** `[]` when the wiki has no Draft namespace (§2.2): how the server says AfC mode exists. */
  unrevieweddraft: QueueBucket | [];
  namespace: number;
}

/** Rows per request (§8.1 "Loading"): the API's default limit, so no `limit` is sent. */
export const PAGE_SIZE = 20;

export interface Continuation {
  offset: string;
  pageoffset: string;
}

/**
 * One request of the list: up to PAGE_SIZE rows, and the continuation when the API sent the extra
 * row that says there are more (the extra row is dropped). The continuation is the last row's sort
 * time — the creation time, or the review time for the review sorts — and its page id.
 */
export async function fetchPages(
  api: ActionApi,
  params: Params,
  after: Continuation | null,
  signal?: AbortSignal,
): Promise<{ pages: FeedPage[]; next: Continuation | null }> {
  const result = await api.get(
    { action: 'pagetriagelist', ...params, ...(after ?? {}) },
    signal ? { signal } : {},
  );
  const all = (result.pagetriagelist as { pages: FeedPage[] }).pages;
  const more = all.length > PAGE_SIZE;
  const pages = more ? all.slice(0, PAGE_SIZE) : all;
  const last = pages.at(-1);
  const byReview = typeof params.dir === 'string' && params.dir.endsWith('review');
  return {
    pages,
    next:
      more && last
        ? {
            offset: byReview ? last.ptrp_reviewed_updated : last.creation_date_utc,
            pageoffset: String(last.pageid),
          }
        : null,
  };
}

/** One queued page (`page_id` mode), or null when it is not (yet) in the queue with its metadata. */
export async function fetchPage(api: ActionApi, pageId: number): Promise<FeedPage | null> {
  const result = await api.get({ action: 'pagetriagelist', page_id: pageId });
  return (result.pagetriagelist as { pages: FeedPage[] }).pages[0] ?? null;
}

export async function fetchStats(api: ActionApi, params: Params): Promise<FeedStats> {
  const { dir: _dir, ...filters } = params;
  const result = await api.get({ action: 'pagetriagestats', ...filters });
  return (result.pagetriagestats as { stats: FeedStats }).stats;
}

/** Username suggestions (§8.1): three users with edits, bots left out. */
export async function suggestUsers(api: ActionApi, prefix: string): Promise<string[]> {
  if (prefix.trim() === '') return [];
  const result = await api.get({
    action: 'query',
    list: 'allusers',
    auprefix: prefix.trim(),
    aulimit: 3,
    auwitheditsonly: true,
    auexcludegroup: 'bot',
  });
  return ((result.query as { allusers: { name: string }[] }).allusers ?? []).map((u) => u.name);
}

/** The user option (named users) and browser storage key (everyone else) the filters live in. */
export const FILTER_OPTION = 'userjs-NewPagesFeedFilterOptions';

/** The saved filters: the signed-in user's option, else this browser's copy, else the defaults. */
export function loadFilters(draftNamespace: number): FeedFilters {
  const raw = session.user ? session.user.options[FILTER_OPTION] : readStorage();
  if (typeof raw !== 'string' || raw === '') return fromStored(null, draftNamespace);
  try {
    return fromStored(JSON.parse(raw), draftNamespace);
  } catch {
    return fromStored(null, draftNamespace);
  }
}

export async function saveFilters(api: ActionApi, filters: FeedFilters): Promise<void> {
  const json = JSON.stringify(storedForm(filters));
  if (session.user) {
    // optionname/optionvalue: the JSON may hold a `|`, which `change` would split on.
    await api.post({ action: 'options', optionname: FILTER_OPTION, optionvalue: json }, 'csrf');
    session.user.options[FILTER_OPTION] = json;
  } else {
    try {
      localStorage.setItem(FILTER_OPTION, json);
    } catch {
      // Storage off (private mode): the filters last this page.
    }
  }
}

function readStorage(): string | null {
  try {
    return localStorage.getItem(FILTER_OPTION);
  } catch {
    return null;
  }
}
