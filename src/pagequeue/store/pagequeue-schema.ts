import type { Generated } from 'kysely';
import type { Database } from '../../core/store/schema.ts';

/** The core tables and the page queue's (./migrations/). Times are Unix milliseconds. */
export interface PageQueueDatabase extends Database {
  page_queue: PageQueueTable;
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
  /** Who holds the page's lease: `u:<user id>`, `c:<client id>`, or '' for no one. */
  holder: Generated<string>;
  /** The client address of an anonymous holder; '' for an account. */
  address: Generated<string>;
  leased_at: Generated<number>;
  /** When the lease ends (0: never leased); a lease that ended is no one's, whatever `holder` says. */
  leased_until: Generated<number>;
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
