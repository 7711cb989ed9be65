/**
 * The rows of the image suggestion store (image-suggestions-and-page-queue.md §1), in the field
 * names of Wikimedia's data gateway: what the HTTP reads serve and what an import reads.
 */

/** One suggested image for one page, from one dataset (one generator run). */
export interface SuggestionRow {
  wiki: string;
  page_id: number;
  /** The dataset: a time-based UUID (v1 or v7), one per generator run. */
  id: string;
  /** File name in DB-key form, without namespace prefix. */
  image: string;
  origin_wiki: string;
  /** 0.0–1.0. */
  confidence: number;
  /** Wikis that already use the image; null when unknown. */
  found_on: string[] | null;
  kind: string[];
  page_rev: number | null;
  /** Null for an article-level suggestion. */
  section_heading: string | null;
  section_index: number | null;
  page_qid: string | null;
}

export interface FeedbackRow {
  wiki: string;
  page_id: number;
  filename: string;
  /** A time-based UUID naming the feedback. */
  id: string;
  origin_wiki: string;
  user_id: number;
  is_accepted: boolean;
  is_rejected: boolean;
  rejection_reasons: string[];
}

export interface TitleCacheRow {
  wiki: string;
  /** DB-key form, namespace prefix included. */
  title: string;
  page_id: number;
  page_rev: number;
}

export interface InstanceOfRow {
  wiki: string;
  page_id: number;
  page_rev: number;
  /** Wikidata P31 values of the page's item. */
  instance_of: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-([17])[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** 100-ns intervals between the Gregorian epoch (1582-10-15) and the Unix epoch. */
const GREGORIAN_OFFSET = 122192928000000000n;

/**
 * The time a time-based UUID was made, in Unix milliseconds: v1 (60-bit count of 100 ns since
 * 1582, spread over time_low, time_mid and time_hi) or v7 (48-bit Unix milliseconds up front).
 * Undefined for anything else, including v4. Datasets are ordered by it: a v1 id's text does not
 * sort by time.
 */
export function uuidTime(id: string): number | undefined {
  const m = UUID.exec(id.toLowerCase());
  if (!m) return undefined;
  const hex = id.toLowerCase().replace(/-/g, '');
  if (m[1] === '7') return Number.parseInt(hex.slice(0, 12), 16);
  const ticks = BigInt(`0x${hex.slice(13, 16)}${hex.slice(8, 12)}${hex.slice(0, 8)}`);
  return Number((ticks - GREGORIAN_OFFSET) / 10000n);
}

/** Whether `id` is a time-based UUID (v1 or v7) in canonical lower- or upper-case form. */
export const isDatasetId = (id: string): boolean => uuidTime(id) !== undefined;

/**
 * Wiki ids as the gateway names them (`cswiki`, `commonswiki`): a lowercase letter, then lowercase
 * letters, digits and underscores.
 */
export const isWikiId = (s: string): boolean => /^[a-z][a-z0-9_]{0,63}$/.test(s);

/** A page id as a path segment: decimal digits of a positive safe integer, nothing else. */
export function parsePageId(segment: string): number | undefined {
  if (!/^[1-9][0-9]{0,15}$/.test(segment)) return undefined;
  const n = Number(segment);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * A new dataset id: a version 7 UUID of `ms` (Unix milliseconds) with `random` (10 bytes) in the
 * rest, so that ids of later runs sort after earlier ones, by time and as text.
 */
export function datasetIdAt(ms: number, random: Uint8Array): string {
  if (random.length < 10) throw new Error('a dataset id needs 10 random bytes');
  const hex = (bytes: Iterable<number>) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
  const r = hex(random.subarray(0, 10));
  const variant = ((Number.parseInt(r.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${r.slice(0, 3)}-${variant}${r.slice(4, 7)}-${r.slice(8, 20)}`;
}
