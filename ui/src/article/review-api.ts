import type { ActionApi, Params } from '../api/action-api.ts';
import { ApiError } from '../api/api-error.ts';
import type { DeletionTag, MaintenanceTag } from './tag-wikitext.ts';

/** The wiki's review settings the toolbar and the feed need (meta=pagetriageconfig). */
export interface ReviewConfig {
  namespaces: number[];
  draftnamespace: number | null;
  enableores: boolean;
  enablecopyvio: boolean;
  enableextendedfeatures: boolean;
  projectlink: string;
  talkpagenotes: { mark: string; unmarkNote: string; unmarkNoNote: string; sendNote: string; tags: string };
  multipleissuestemplate: string;
  redirectcategoryshell: string;
  maintenancetags: MaintenanceTag[];
  deletiontags: DeletionTag[];
}

const configs = new Map<string, Promise<ReviewConfig>>();

/** The review settings of the API's wiki, fetched once per wiki. */
export function reviewConfig(api: ActionApi): Promise<ReviewConfig> {
  let config = configs.get(api.wiki);
  if (!config) {
    config = api
      .get({ action: 'query', meta: 'pagetriageconfig' })
      .then((r) => (r.query as { pagetriageconfig: ReviewConfig }).pagetriageconfig);
    config.catch(() => configs.delete(api.wiki));
    configs.set(api.wiki, config);
  }
  return config;
}

/** A queued page as pagetriagelist's `page_id` mode gives it (the fields the toolbar reads). */
export interface QueuedPage {
  pageid: number | string;
  title: string;
  patrol_status: string;
  is_redirect: string;
  redirect_target?: string;
  creation_date_utc: string;
  ptrp_reviewed_updated: string;
  reviewer: string | null;
  user_name?: string;
  user_id?: string | number;
  user_editcount?: string | number;
  user_creation_date?: string;
  user_block_status?: string;
  user_experience?: string;
  page_len?: string | number;
  rev_count?: string | number;
  category_count?: string | number;
  linkcount?: string | number;
  reference?: string | boolean;
  recreated?: string | boolean;
  is_orphan?: boolean;
  csd_status?: string;
  prod_status?: string;
  blp_prod_status?: string;
  afd_status?: string;
  copyvio?: string | number | null;
  creator_hidden?: boolean;
}

/** The page's row in the review queue, or null when it is not queued. */
export async function queuedPage(api: ActionApi, pageId: number): Promise<QueuedPage | null> {
  const r = await api.get({ action: 'pagetriagelist', page_id: pageId });
  const pages = (r.pagetriagelist as { pages?: QueuedPage[] } | undefined)?.pages ?? [];
  return pages[0] ?? null;
}

export interface Revision {
  revid: number;
  timestamp: string;
  user?: string;
  comment?: string;
  size?: number;
}

/** The page's last `limit` revisions, newest first. */
export async function lastRevisions(api: ActionApi, pageId: number, limit = 5): Promise<Revision[]> {
  const r = await api.get({
    action: 'query',
    prop: 'revisions',
    pageids: pageId,
    rvlimit: limit,
    rvprop: ['ids', 'timestamp', 'user', 'comment', 'size'],
  });
  const pages = (r.query as { pages?: { revisions?: Revision[] }[] } | undefined)?.pages ?? [];
  return pages[0]?.revisions ?? [];
}

/** The page's current wikitext with the timestamps action=edit needs to catch an edit conflict. */
export interface PageText {
  text: string;
  basetimestamp: string;
  starttimestamp: string;
}

export async function pageText(api: ActionApi, pageId: number): Promise<PageText> {
  const r = await api.get({
    action: 'query',
    prop: 'revisions',
    pageids: pageId,
    rvprop: ['content', 'timestamp'],
    rvslots: 'main',
    curtimestamp: true,
  });
  const page = (
    r.query as { pages?: { revisions?: { timestamp: string; slots: { main: { content: string } } }[] }[] }
  ).pages?.[0];
  const rev = page?.revisions?.[0];
  if (!rev) throw new ApiError('missingtitle', '');
  return {
    text: rev.slots.main.content,
    basetimestamp: rev.timestamp,
    starttimestamp: String(r.curtimestamp),
  };
}

/** Saves the new text; an edit in between is an `editconflict` error. */
export async function saveText(
  api: ActionApi,
  pageId: number,
  current: PageText,
  text: string,
  summary: string,
) {
  await api.post(
    {
      action: 'edit',
      pageid: pageId,
      text,
      summary,
      basetimestamp: current.basetimestamp,
      starttimestamp: current.starttimestamp,
      nocreate: true,
    },
    'csrf',
  );
}

/** Adds a section to a talk page (action=edit section=new). */
export async function postTalkSection(api: ActionApi, title: string, sectiontitle: string, text: string) {
  await api.post({ action: 'edit', title, section: 'new', sectiontitle, text }, 'csrf');
}

export async function markReviewed(api: ActionApi, params: Params) {
  return api.post({ action: 'pagetriageaction', ...params }, 'csrf');
}

export async function tagPage(api: ActionApi, params: Params) {
  return api.post({ action: 'pagetriagetagging', ...params }, 'csrf');
}

/** Which of `titles` exist. */
export async function existingTitles(api: ActionApi, titles: string[]): Promise<Set<string>> {
  if (titles.length === 0) return new Set();
  const r = await api.get({ action: 'query', titles });
  const pages =
    (r.query as { pages?: { title: string; missing?: boolean; invalid?: boolean }[] }).pages ?? [];
  return new Set(pages.filter((p) => !p.missing && !p.invalid).map((p) => p.title));
}

/** A MediaWiki timestamp (`YYYYMMDDhhmmss`) or ISO time as a Date. */
export function parseTimestamp(ts: string): Date {
  const mw = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(ts);
  if (mw) return new Date(Date.UTC(+mw[1]!, +mw[2]! - 1, +mw[3]!, +mw[4]!, +mw[5]!, +mw[6]!));
  return new Date(ts);
}

/** True for the API's '1' / true flags. */
export function flag(value: unknown): boolean {
  return value === true || value === '1' || value === 1;
}
