import type { Database } from '../../core/store/schema.ts';

/** The core tables and the page queue's (./migrations/). Times are Unix milliseconds. */
export interface PageQueueDatabase extends Database {
  page_queue: PageQueueTable;
  page_queue_lease: PageQueueLeaseTable;
  page_queue_skip: PageQueueSkipTable;
  page_view: PageViewTable;
  page_view_import: PageViewImportTable;
  page_queue_build: PageQueueBuildTable;
}

/** A queued page: an article that needs a lead image and has candidates. */
export interface PageQueueTable {
  wiki: string;
  page_id: number;
  /** Inbound links or page views, as the wiki's settings choose; higher comes first. */
  importance: number;
  /** When the page was last (re)queued: a full build sweeps the rows it did not touch. */
  built_at: number;
}

export interface PageQueueLeaseTable {
  wiki: string;
  page_id: number;
  /** `u:<user id>` or `c:<client id>`. */
  holder: string;
  /** The client address of an anonymous holder; '' for an account. */
  address: string;
  leased_at: number;
  expires_at: number;
}

export interface PageQueueSkipTable {
  wiki: string;
  holder: string;
  page_id: number;
  until: number;
}

export interface PageViewTable {
  wiki: string;
  page_id: number;
  views: number;
}

export interface PageViewImportTable {
  import_key: string;
  wiki: string;
  page_id: number;
  views: number;
}

export interface PageQueueBuildTable {
  wiki: string;
  started_at: number;
  after_page_id: number;
  pages: number;
  queued: number;
  finished_at: number | null;
}
