import type { Params } from '../api/action-api.ts';

/**
 * The New Pages Feed's filters (review-queue-reference.md §8.1 "NPP panel", "AfC panel"), as the
 * panel edits them, and their two other shapes: the pagetriagelist/pagetriagestats parameters
 * (§2 "Common filters") and the stored JSON (§8.1 "Persistence": the API parameters plus `mode`
 * and `version: 2`, in the user option `userjs-NewPagesFeedFilterOptions`).
 */
export type FeedMode = 'npp' | 'afc';
export type FeedSort = 'newestfirst' | 'oldestfirst' | 'newestreview' | 'oldestreview';
export type ThatFilter =
  'all' | 'unreferenced' | 'recreated' | 'no_inbound_links' | 'no_category' | 'keyword';
export type ByFilter =
  | 'all'
  | 'non_autoconfirmed_users'
  | 'learners'
  | 'blocked_users'
  | 'showbots'
  | 'showautopatrolled'
  | 'username';

export const PREDICTED_CLASSES = ['stub', 'start', 'c', 'b', 'good', 'featured'] as const;
export const PREDICTED_ISSUES = ['vandalism', 'spam', 'attack', 'copyvio', 'none'] as const;
export type PredictedClass = (typeof PREDICTED_CLASSES)[number];
export type PredictedIssue = (typeof PREDICTED_ISSUES)[number];

/** The "that" choices of each mode: AfC offers only unreferenced, recreated and keyword. */
export const THAT_CHOICES: Record<FeedMode, readonly ThatFilter[]> = {
  npp: ['all', 'unreferenced', 'recreated', 'no_inbound_links', 'no_category', 'keyword'],
  afc: ['all', 'unreferenced', 'recreated', 'keyword'],
};
export const BY_CHOICES: readonly ByFilter[] = [
  'all',
  'non_autoconfirmed_users',
  'learners',
  'blocked_users',
  'showbots',
  'showautopatrolled',
  'username',
];

/** What the wiki's review queue serves, as meta=pagetriageconfig tells the feed. */
export interface QueueFacts {
  /** The tracked namespaces besides Draft. */
  namespaces: readonly number[];
  draftnamespace: number | null;
  /** Quality predictions are served (PageTriage's `wgShowOresFilters`). */
  enableores: boolean;
  /** Copyright-violation flags are served (`wgShowCopyvio`). */
  enablecopyvio: boolean;
}

/**
 * The prediction filters the panel offers (§8.1 "With ORES"): every class and issue where
 * predictions are served; with copyright-violation flags alone, the issues pagetriagelist then
 * applies (copyvio and none); nothing otherwise.
 */
export function predictionChoices(facts: QueueFacts): {
  classes: readonly PredictedClass[];
  issues: readonly PredictedIssue[];
} {
  if (facts.enableores) return { classes: PREDICTED_CLASSES, issues: PREDICTED_ISSUES };
  return { classes: [], issues: facts.enablecopyvio ? ['copyvio', 'none'] : [] };
}

/**
 * The namespaces the NPP panel offers: the wiki's tracked ones (Draft has the AfC mode), in its
 * order, each with the wiki's name for it (`mainLabel` for the main namespace, which has none).
 */
export function namespaceChoices(
  facts: QueueFacts,
  names: ReadonlyMap<number, string>,
  mainLabel: string,
): { value: number; label: string }[] {
  return facts.namespaces
    .filter((id) => id !== facts.draftnamespace)
    .map((id) => ({ value: id, label: id === 0 ? mainLabel : (names.get(id) ?? String(id)) }));
}

/** AfC states (§6): 0 = all, 1 unsubmitted, 2 awaiting review, 3 under review, 4 declined. */
export const AFC_STATES = [2, 3, 4, 1, 0] as const;

export interface FeedFilters {
  mode: FeedMode;
  namespace: number;
  showReviewed: boolean;
  showUnreviewed: boolean;
  showNominated: boolean;
  showRedirects: boolean;
  showOthers: boolean;
  afcState: number;
  /** Local days, `YYYY-MM-DD`, or ''. */
  dateFrom: string;
  dateTo: string;
  that: ThatFilter;
  keyword: string;
  by: ByFilter;
  username: string;
  classes: PredictedClass[];
  issues: PredictedIssue[];
  sort: FeedSort;
}

export const STORED_VERSION = 2;

/** §8.1 "Reset": unreviewed + others, namespace 0, "all", AfC state pending, newest first. */
export function defaultFilters(mode: FeedMode = 'npp', draftNamespace = 118): FeedFilters {
  return {
    mode,
    namespace: mode === 'afc' ? draftNamespace : 0,
    showReviewed: false,
    showUnreviewed: true,
    showNominated: false,
    showRedirects: false,
    showOthers: true,
    afcState: 2,
    dateFrom: '',
    dateTo: '',
    that: 'all',
    keyword: '',
    by: 'all',
    username: '',
    classes: [],
    issues: [],
    sort: 'newestfirst',
  };
}

/** §8.1: saving needs at least one state and one type (NPP); AfC has no such choices. */
export function canSave(f: FeedFilters): boolean {
  if (f.mode === 'afc') return true;
  return (f.showReviewed || f.showUnreviewed) && (f.showNominated || f.showRedirects || f.showOthers);
}

/**
 * What closing the panel other than by its button does — a click outside it or Escape (§8.1
 * "clicking outside it saves and closes"): choices that can be saved and differ from the filters in
 * force are applied and saved, as the button would; unchanged choices need nothing, and choices
 * that cannot be saved (no state or no type) are dropped, the filters in force staying as they are.
 */
export function panelDismissal(draft: FeedFilters, applied: FeedFilters): 'apply' | 'unchanged' | 'invalid' {
  if (!canSave(draft)) return 'invalid';
  const same = JSON.stringify(storedForm(draft)) === JSON.stringify(storedForm(applied));
  return same ? 'unchanged' : 'apply';
}

/**
 * Whether a page that just entered the queue may belong to the list the filters ask for, judged by
 * what its `wikiqueue.page-enqueue` event says: its namespace, the status it entered with and
 * whether it is a redirect. A page that cannot (another namespace, an autopatrolled page in a list
 * of unreviewed ones) is not worth asking the server again; the other filters are the server's.
 * A new page may already carry a deletion nomination, so "nominated" admits either type.
 */
export function mayList(
  f: FeedFilters,
  page: { namespace: number; reviewStatus: string; isRedirect: boolean },
): boolean {
  if (page.namespace !== f.namespace) return false;
  if (f.mode === 'afc') return true;
  if (page.reviewStatus === 'unreviewed' ? !f.showUnreviewed : !f.showReviewed) return false;
  return f.showNominated || (page.isRedirect ? f.showRedirects : f.showOthers);
}

/** An empty username or keyword means "all" (T394100, T380822). */
export function normalized(f: FeedFilters): FeedFilters {
  const out = { ...f, classes: [...f.classes], issues: [...f.issues] };
  if (out.that === 'keyword' && out.keyword.trim() === '') out.that = 'all';
  if (out.by === 'username' && out.username.trim() === '') out.by = 'all';
  if (out.that !== 'keyword') out.keyword = '';
  if (out.by !== 'username') out.username = '';
  if (out.mode === 'afc' && !THAT_CHOICES.afc.includes(out.that)) out.that = 'all';
  // The review sorts exist for submitted (2, 3) and declined (4) drafts only (§6).
  if (out.sort.endsWith('review') && (out.mode === 'npp' || out.afcState === 0 || out.afcState === 1))
    out.sort = out.sort === 'newestreview' ? 'newestfirst' : 'oldestfirst';
  return out;
}

/** The pagetriagelist/pagetriagestats parameters of the filters (booleans as 1, as the feed sends them). */
export function apiParams(f: FeedFilters): Params {
  const p: Record<string, string | number> = { namespace: f.namespace };
  if (f.mode === 'npp') {
    if (f.showReviewed) p.showreviewed = 1;
    if (f.showUnreviewed) p.showunreviewed = 1;
    if (f.showNominated) p.showdeleted = 1;
    if (f.showRedirects) p.showredirs = 1;
    if (f.showOthers) p.showothers = 1;
  } else {
    // §6: drafts of every review state, narrowed by the AfC state.
    p.showreviewed = 1;
    p.showunreviewed = 1;
    if (f.afcState > 0) p.afc_state = f.afcState;
  }
  if (f.dateFrom) p.date_range_from = startOfLocalDay(f.dateFrom);
  if (f.dateTo) p.date_range_to = endOfLocalDay(f.dateTo);
  if (f.that === 'keyword') p.keyword = f.keyword.trim();
  else if (f.that !== 'all') p[f.that] = 1;
  if (f.by === 'username') p.username = f.username.trim();
  else if (f.by !== 'all') p[f.by] = 1;
  for (const c of f.classes) p[`show_predicted_class_${c}`] = 1;
  for (const i of f.issues) p[`show_predicted_issues_${i}`] = 1;
  if (f.sort !== 'newestfirst') p.dir = f.sort;
  return p;
}

/** The stored form (§8.1 "Persistence"). */
export function storedForm(f: FeedFilters): Record<string, unknown> {
  return {
    ...apiParams(normalized(f)),
    mode: f.mode,
    format: 'json',
    formatversion: 2,
    version: STORED_VERSION,
  };
}

/** Filters from a stored form; anything unreadable falls back to the defaults. */
export function fromStored(value: unknown, draftNamespace = 118): FeedFilters {
  if (typeof value !== 'object' || value === null) return defaultFilters('npp', draftNamespace);
  const s = value as Record<string, unknown>;
  const mode: FeedMode = s.mode === 'afc' ? 'afc' : 'npp';
  const f = defaultFilters(mode, draftNamespace);
  const on = (name: string) => s[name] === 1 || s[name] === true || s[name] === '1';
  if (typeof s.namespace === 'number') f.namespace = s.namespace;
  if (mode === 'npp') {
    f.showReviewed = on('showreviewed');
    f.showUnreviewed = on('showunreviewed');
    f.showNominated = on('showdeleted');
    f.showRedirects = on('showredirs');
    f.showOthers = on('showothers');
    if (!canSave(f)) Object.assign(f, { showUnreviewed: true, showOthers: true });
  } else {
    f.afcState = typeof s.afc_state === 'number' ? s.afc_state : 0;
  }
  if (typeof s.date_range_from === 'string') f.dateFrom = localDayOf(s.date_range_from);
  if (typeof s.date_range_to === 'string') f.dateTo = localDayOf(s.date_range_to);
  if (typeof s.keyword === 'string' && s.keyword !== '') {
    f.that = 'keyword';
    f.keyword = s.keyword;
  } else f.that = THAT_CHOICES[mode].find((t) => t !== 'all' && t !== 'keyword' && on(t)) ?? 'all';
  if (typeof s.username === 'string' && s.username !== '') {
    f.by = 'username';
    f.username = s.username;
  } else f.by = BY_CHOICES.find((b) => b !== 'all' && b !== 'username' && on(b)) ?? 'all';
  f.classes = PREDICTED_CLASSES.filter((c) => on(`show_predicted_class_${c}`));
  f.issues = PREDICTED_ISSUES.filter((i) => on(`show_predicted_issues_${i}`));
  if (s.dir === 'oldestfirst' || s.dir === 'newestreview' || s.dir === 'oldestreview') f.sort = s.dir;
  return normalized(f);
}

/** The UTC instant a local day starts, ISO 8601 (§8.1 "local day converted to UTC"). */
export function startOfLocalDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return isoSeconds(new Date(y, m - 1, d, 0, 0, 0));
}

/** The last second of a local day, ISO 8601 ("To" means the end of that day). */
export function endOfLocalDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return isoSeconds(new Date(y, m - 1, d, 23, 59, 59));
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function localDayOf(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
