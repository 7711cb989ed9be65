import type { FeedPage } from './feed-api.ts';

export type RowStatus = 'nominated' | 'autopatrolled' | 'reviewed' | 'unreviewed';

/**
 * The row's status icon (review-queue-reference.md §8.1 "Row contents"): drafts are always
 * unreviewed; otherwise the first match of nominated for deletion, autopatrolled (3), reviewed
 * (1, 2), unreviewed.
 */
export function rowStatus(p: FeedPage, isDraft: boolean): RowStatus {
  if (isDraft) return 'unreviewed';
  if (isNominated(p)) return 'nominated';
  if (p.patrol_status === '3') return 'autopatrolled';
  if (p.patrol_status === '1' || p.patrol_status === '2') return 'reviewed';
  return 'unreviewed';
}

export function isNominated(p: FeedPage): boolean {
  return [p.csd_status, p.prod_status, p.blp_prod_status, p.afd_status].some((v) => v === '1');
}

export type Problem =
  'no-categories' | 'orphan' | 'recreated' | 'unreferenced' | 'author-blocked' | 'predicted-issue';

/** The problem chips: categories, orphan and recreation for non-drafts only; redirects skip the content ones. */
export function rowProblems(p: FeedPage, isDraft: boolean): Problem[] {
  const redirect = p.is_redirect === '1';
  const out: Problem[] = [];
  if (!isDraft && !redirect && p.category_count === '0') out.push('no-categories');
  if (!isDraft && !redirect && p.linkcount === '0') out.push('orphan');
  if (!isDraft && p.recreated === '1') out.push('recreated');
  if (!redirect && p.reference === '0') out.push('unreferenced');
  if (p.user_block_status === '1') out.push('author-blocked');
  if (p.ores_draftquality) out.push('predicted-issue');
  return out;
}

/** A TS_MW timestamp (14 digits, UTC) as a Date. */
export function parseMwTimestamp(ts: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(ts);
  if (!m) return new Date(NaN);
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

/** `HH:mm, D MMMM YYYY` in the interface language (§8.1), in the browser's time zone. */
export function formatFeedDate(date: Date, language: string): string {
  if (Number.isNaN(date.getTime())) return '';
  const time = new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  const day = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric' }).format(
    date,
  );
  return `${time}, ${day}`;
}

/** Whether a page was created at most an hour ago: reviewing it may be premature (§8.1). */
export function isVeryNew(created: Date, now: number): boolean {
  return now - created.getTime() <= 60 * 60 * 1000;
}

/** Whole days since an ISO time (the stats' "oldest"), 0 for less than a day. */
export function daysSince(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 86_400_000));
}
