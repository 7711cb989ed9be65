import type { Generated } from 'kysely';

/**
 * Table shapes shared by both backends (Kysely's view of the database). Conventions:
 * - every wiki-scoped table has a `wiki` column (a wiki id such as `enwiki`) leading its keys;
 * - timestamps are integer Unix seconds (UTC); booleans are integers 0/1 on both databases;
 * - JSON documents are stored as text.
 * Migrations live in `store/migrations/`; each dialect folder maps the few column types that differ.
 */
export interface Database {
  wiki: WikiTable;
  id_sequence: IdSequenceTable;
  page: PageTable;
  revision: RevisionTable;
  archive: ArchiveTable;
  wiki_user: WikiUserTable;
  user_group: UserGroupTable;
  user_option: UserOptionTable;
  bot_password: BotPasswordTable;
  user_block: UserBlockTable;
  logging: LoggingTable;
  recentchange: RecentChangeTable;
  change_tag: ChangeTagTable;
  page_link: PageLinkTable;
  category_link: CategoryLinkTable;
  template_link: TemplateLinkTable;
  image_link: ImageLinkTable;
  lang_link: LangLinkTable;
  page_prop: PagePropTable;
  external_link: ExternalLinkTable;
  search_index: SearchIndexTable;
  page_restriction: PageRestrictionTable;
  protected_title: ProtectedTitleTable;
  watchlist: WatchlistTable;
  redirect: RedirectTable;
  media_file: MediaFileTable;
  auth_session: AuthSessionTable;
  throttle: ThrottleTable;
  outbox: OutboxTable;
  event_consumer: EventConsumerTable;
  event_rejection: EventRejectionTable;
  job: JobTable;
  schedule: ScheduleTable;
  notification: NotificationTable;
  import_state: ImportStateTable;
}

export interface WikiTable {
  wiki: string;
  lang: string;
  sitename: string;
  /** e.g. https://en.wikipedia.org or '' for the embedded wiki (served under this service). */
  base_url: string;
  /** NamespaceInfo[] as JSON. */
  namespaces: string;
  /** Per-wiki settings (review presets, etc.) as JSON. */
  settings: string;
  /** 1 for the shared media repository (commonswiki). */
  is_media_repo: number;
  /** 'local' (the embedded wiki is the source of truth), 'dump' or 'mediawiki'. */
  source: string;
  created_at: number;
}

export interface IdSequenceTable {
  wiki: string;
  /** 'page', 'revision', 'user', 'log', 'rc', 'block', 'archive', 'notification'. */
  name: string;
  next_id: number;
}

export interface PageTable {
  wiki: string;
  page_id: number;
  namespace: number;
  /** DB key form: underscores, no namespace prefix. */
  title: string;
  is_redirect: number;
  latest_rev_id: number;
  len: number;
  /** Timestamp of the first revision. */
  created_at: number;
  touched_at: number;
  content_model: string;
}

export interface RevisionTable {
  wiki: string;
  rev_id: number;
  page_id: number;
  parent_id: number | null;
  timestamp: number;
  /** 0 for anonymous edits. */
  user_id: number;
  /** The user name or IP address. */
  user_text: string;
  comment: string;
  minor: number;
  len: number;
  sha1: string;
  text: string;
}

export interface ArchiveTable {
  wiki: string;
  rev_id: number;
  page_id: number;
  namespace: number;
  title: string;
  parent_id: number | null;
  timestamp: number;
  user_id: number;
  user_text: string;
  comment: string;
  minor: number;
  len: number;
  sha1: string;
  text: string;
  /** The log_id of the deletion that archived it. */
  delete_log_id: number;
}

export interface WikiUserTable {
  wiki: string;
  user_id: number;
  name: string;
  /** scrypt$N$r$p$salt$hash, or '' for accounts that cannot log in (imported contributors). */
  password_hash: string;
  registration: number | null;
  editcount: number;
  email: string;
}

export interface UserGroupTable {
  wiki: string;
  user_id: number;
  group_name: string;
  expiry: number | null;
}

export interface UserOptionTable {
  wiki: string;
  user_id: number;
  name: string;
  value: string;
}

export interface BotPasswordTable {
  wiki: string;
  user_id: number;
  app_id: string;
  password_hash: string;
  /** JSON array of grant names. */
  grants: string;
  created_at: number;
}

export interface UserBlockTable {
  wiki: string;
  block_id: number;
  target_user_id: number;
  target_address: string;
  by_user_id: number;
  by_name: string;
  reason: string;
  timestamp: number;
  /** null = infinite. */
  expiry: number | null;
  sitewide: number;
  no_create: number;
  no_email: number;
  allow_usertalk: number;
  /** Partial-block restrictions (namespaces / pages / actions) as JSON, '' when sitewide. */
  restrictions: string;
  /** Hex of the first and last address of an address or range target (ip-ranges.ts); '' for accounts. */
  range_start: string;
  range_end: string;
  anon_only: number;
}

export interface LoggingTable {
  wiki: string;
  log_id: number;
  log_type: string;
  log_action: string;
  timestamp: number;
  actor_id: number;
  actor_name: string;
  namespace: number;
  title: string;
  page_id: number;
  comment: string;
  /** JSON object of log parameters (MediaWiki's "4::x" style keys allowed). */
  params: string;
}

export interface RecentChangeTable {
  wiki: string;
  rc_id: number;
  timestamp: number;
  actor_id: number;
  actor_name: string;
  namespace: number;
  title: string;
  page_id: number;
  rev_id: number;
  old_rev_id: number;
  /** 'edit' | 'new' | 'log'. */
  rc_type: string;
  minor: number;
  bot: number;
  /** 0 unpatrolled, 1 patrolled, 2 autopatrolled. */
  patrolled: number;
  comment: string;
  old_len: number;
  new_len: number;
  log_id: number;
  log_type: string;
  log_action: string;
}

export interface ChangeTagTable {
  wiki: string;
  tag: string;
  rev_id: number;
  log_id: number;
  rc_id: number;
}

export interface PageLinkTable {
  wiki: string;
  from_page_id: number;
  from_namespace: number;
  namespace: number;
  title: string;
}

export interface CategoryLinkTable {
  wiki: string;
  from_page_id: number;
  /** Category name, DB key form without prefix. */
  category: string;
  /** The sort key prefix given in the link or by DEFAULTSORT (cl_sortkey_prefix), '' for none. */
  sortkey: string;
  /** cl_type: 'page', 'subcat' or 'file', by the member's namespace. */
  type: string;
  /** cl_sortkey: `categorySortKey(sortkey, member title)`, the listing order. */
  collation_key: string;
  /** cl_timestamp: when the page was first stored in the category (Unix seconds). */
  added_at: number;
}

export interface TemplateLinkTable {
  wiki: string;
  from_page_id: number;
  from_namespace: number;
  namespace: number;
  title: string;
}

export interface ImageLinkTable {
  wiki: string;
  from_page_id: number;
  from_namespace: number;
  /** File name, DB key form without prefix. */
  file: string;
}

export interface LangLinkTable {
  wiki: string;
  from_page_id: number;
  lang: string;
  /** Title on the other wiki, display form. */
  title: string;
}

/** MediaWiki's `externallinks`: one row per page and URL. */
export interface ExternalLinkTable {
  wiki: string;
  from_page_id: number;
  from_namespace: number;
  url: string;
  /** LinkFilter's el_to_domain_index (core/domain/link-filter.ts). */
  domain_index: string;
  path: string;
}

/**
 * MediaWiki's `searchindex`: the latest text of each page as full-text search reads it, written
 * with the page. `title_words` and `text_words` are the normalized words (search-words.ts) the
 * dialect's full-text index covers; `text` is the plain text snippets are cut from.
 */
export interface SearchIndexTable {
  id: Generated<number>;
  wiki: string;
  page_id: number;
  namespace: number;
  /** DB key. */
  title: string;
  title_words: string;
  text: string;
  text_words: string;
  word_count: number;
}

export interface PagePropTable {
  wiki: string;
  page_id: number;
  name: string;
  value: string;
}

/** MediaWiki's `redirect`: one row per page that is a redirect, written with the page. */
export interface RedirectTable {
  wiki: string;
  page_id: number;
  namespace: number;
  /** DB key. */
  title: string;
  /** '' when the target has no section. */
  fragment: string;
  /** '' for a page of this wiki. */
  interwiki: string;
}

export interface PageRestrictionTable {
  wiki: string;
  page_id: number;
  /** 'edit' | 'move'. */
  type: string;
  /** 'autoconfirmed' | 'sysop'. */
  level: string;
  expiry: number | null;
}

/** Create protection of titles without a page (MediaWiki's protected_titles). */
export interface ProtectedTitleTable {
  wiki: string;
  namespace: number;
  title: string;
  level: string;
  expiry: number | null;
  timestamp: number;
  by_user_id: number;
  by_name: string;
  reason: string;
}

/** A user's watched title (MediaWiki's watchlist and watchlist_expiry). */
export interface WatchlistTable {
  wiki: string;
  user_id: number;
  namespace: number;
  title: string;
  /** Unix seconds; null for a permanent watch. */
  expiry: number | null;
  /** The first unseen change by somebody else, Unix seconds; null when there is none. */
  notification_timestamp: number | null;
}

export interface MediaFileTable {
  /** The repository wiki id, e.g. `commonswiki`. */
  repo: string;
  /** DB key form without the File: prefix. */
  name: string;
  size: number;
  width: number;
  height: number;
  /** MediaWiki media type: BITMAP, DRAWING, AUDIO, VIDEO, MULTIMEDIA, OFFICE, TEXT, EXECUTABLE, ARCHIVE, 3D. */
  media_type: string;
  mime: string;
  /** Bits per channel; 0 for vector drawings. */
  bit_depth: number;
  /** SHA-1 of the bytes, hex. */
  sha1: string;
  license: string;
  author: string;
  description: string;
  /** The description page's categories, DB keys joined by `|` (a title never contains one). */
  categories: string;
  uploader: string;
  url: string;
  timestamp: number;
}

export interface AuthSessionTable {
  /** SHA-256 (hex) of the session id; the id itself is only in the client's cookie. */
  session_hash: string;
  wiki: string;
  user_id: number;
  /** Secret the CSRF token is derived from. */
  csrf_secret: string;
  /** Bot password app id when the session came from a bot password login, else ''. */
  app_id: string;
  /** 1 when the login asked to be remembered (auth.rememberedSessionTtl), else 0 (auth.sessionTtl). */
  remember: number;
  created_at: number;
  expires_at: number;
  /** A followed MediaWiki's session of a relayed login, sealed (027-session-wiki-credential.ts); else ''. */
  wiki_credential: string;
  /** The rights the followed MediaWiki gave the account at that login, a JSON list; else ''. */
  wiki_rights: string;
}

export interface ThrottleTable {
  key: string;
  count: number;
  window_start: number;
  /** When the window ends: window_start plus the window's length. */
  window_end: number;
}

export interface OutboxTable {
  event_id: Generated<number>;
  wiki: string;
  /** Wikimedia event stream name, e.g. `mediawiki.page-create`. */
  stream: string;
  /** JSON event body. */
  payload: string;
  created_at: number;
}

/** A reader of the event log and how far it has read (migration 006-event-consumers). */
export interface EventConsumerTable {
  name: string;
  /** The last event_id it has passed; 0 before the first. */
  position: number;
  updated_at: number;
  /** Who may deliver for it until leased_until (deliveries that call out of the process). */
  leased_by: string | null;
  leased_until: number | null;
}

/** An event a consumer's target refused for good, and why. */
export interface EventRejectionTable {
  consumer: string;
  event_id: number;
  stream: string;
  reason: string;
  rejected_at: number;
}

export interface JobTable {
  job_id: Generated<number>;
  job_type: string;
  wiki: string;
  /** JSON. */
  payload: string;
  /** Jobs with the same key are coalesced while queued (unique among queued jobs); null = never. */
  dedupe_key: string | null;
  /** 'queued' | 'running' | 'done' | 'dead'. */
  status: string;
  attempts: number;
  max_attempts: number;
  run_after: number;
  claimed_by: string | null;
  claimed_until: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

/** One recurring task's schedule (core/jobs/scheduler.ts). */
export interface ScheduleTable {
  /** The registration that declared the task (`core`, `review`). */
  owner: string;
  task: string;
  /** The wiki it runs for; '' for a task shared by all wikis. */
  wiki: string;
  /** When its next run is due. */
  next_run_at: number;
  /** The due time of its latest finished run, and when that finished; null before the first. */
  finished_due: number | null;
  finished_at: number | null;
}

export interface NotificationTable {
  wiki: string;
  notification_id: number;
  user_id: number;
  /** Echo event type, e.g. `pagetriage-mark-as-reviewed`. */
  event_type: string;
  category: string;
  agent_id: number;
  agent_name: string;
  page_namespace: number;
  page_title: string;
  page_id: number;
  /** JSON of event extras (note, tags, revId…). */
  extra: string;
  timestamp: number;
  read_at: number | null;
}

export interface ImportStateTable {
  /** Identifies one import: the dump file's absolute path plus size and mtime. */
  source_key: string;
  wiki: string;
  /** The dump position (count of pages fully committed) to resume after. */
  pages_done: number;
  revisions_done: number;
  started_at: number;
  finished_at: number | null;
  /** Where a followed source continues (026-import-cursor.ts); '' for dumps. */
  cursor: string;
}
