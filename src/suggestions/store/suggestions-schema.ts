import type { ColumnType } from 'kysely';
import type { Database } from '../../core/store/schema.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** The core tables and the suggestion store's (./migrations/017-image-suggestions.ts, 018-suggestion-generator.ts). */
export interface SuggestionsDatabase extends Database {
  image_suggestion: ImageSuggestionTable;
  image_suggestion_feedback: ImageSuggestionFeedbackTable;
  image_suggestion_title_cache: ImageSuggestionTitleCacheTable;
  image_suggestion_instanceof_cache: ImageSuggestionInstanceOfTable;
  image_suggestion_sections: ImageSuggestionSectionsTable;
  image_suggestion_tag: ImageSuggestionTagTable;
  image_suggestion_run: ImageSuggestionRunTable;
}

export interface ImageSuggestionTable {
  wiki: string;
  page_id: number;
  dataset_id: string;
  /** Unix milliseconds of the dataset id (uuidTime). */
  dataset_time: number;
  image: string;
  origin_wiki: string;
  confidence: number;
  /** JSON array, or null. */
  found_on: Nullable<string>;
  /** JSON array. */
  kind: string;
  page_rev: Nullable<number>;
  section_heading: Nullable<string>;
  section_index: Nullable<number>;
  page_qid: Nullable<string>;
}

export interface ImageSuggestionFeedbackTable {
  wiki: string;
  page_id: number;
  filename: string;
  id: string;
  origin_wiki: string;
  user_id: number;
  is_accepted: number;
  is_rejected: number;
  /** JSON array. */
  rejection_reasons: string;
}

export interface ImageSuggestionTitleCacheTable {
  wiki: string;
  title: string;
  page_id: number;
  page_rev: number;
}

export interface ImageSuggestionInstanceOfTable {
  wiki: string;
  page_id: number;
  page_rev: number;
  /** JSON array. */
  instance_of: string;
}

/** A page's level-2 sections as of `rev_id`. */
export interface ImageSuggestionSectionsTable {
  wiki: string;
  page_id: number;
  rev_id: number;
  /** JSON: [heading, number, [file DB keys]][]. */
  sections: string;
}

export interface ImageSuggestionTagTable {
  wiki: string;
  /** `recommendation.image` or `recommendation.image_section`. */
  tag: string;
  page_id: number;
}

/** A full generator run of a wiki: its dataset and how far it got. */
export interface ImageSuggestionRunTable {
  wiki: string;
  dataset_id: string;
  started_at: number;
  /** The last page id done (the run walks page ids ascending). */
  after_page_id: number;
  pages_done: number;
  suggested_pages: number;
  suggestions: number;
  section_suggestions: number;
  finished_at: Nullable<number>;
}
