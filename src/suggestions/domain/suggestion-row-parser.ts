import { isDatasetId, isWikiId, type SuggestionRow } from './image-suggestion.ts';

/** Why one field of an imported row is refused. */
export interface RowProblem {
  field: string;
  reason: string;
}

export type ParsedRow =
  | { ok: true; row: SuggestionRow; /** The confidence was on the legacy 0–100 scale. */ rescaled: boolean }
  | { ok: false; problem: RowProblem };

/** Characters a file name may not hold (MediaWiki's illegal title characters, and the separators). */
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const BAD_FILENAME = /[#<>[\]{}|/:\u0000-\u001f\u007f]/u;

/**
 * Reads one row of the production suggestions table (a JSON object with the field names of §1),
 * as an import takes it: the first problem found is reported, and the row is not kept then.
 * `wiki` may be supplied by the caller (`--wiki`), and then a row of another wiki is refused.
 *
 * Confidence: the reference's own rows carry the legacy 0–100 scale (seed 001 shows `80`); a value
 * above 1 and at most 100 is divided by 100, so the store always holds 0–1.
 */
export function parseSuggestionRow(value: unknown, wiki?: string): ParsedRow {
  const bad = (field: string, reason: string): ParsedRow => ({ ok: false, problem: { field, reason } });
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return bad('(row)', 'not a JSON object');
  const o = value as Record<string, unknown>;

  const rowWiki = o.wiki ?? wiki;
  if (typeof rowWiki !== 'string' || !isWikiId(rowWiki)) return bad('wiki', 'not a wiki id');
  if (wiki !== undefined && rowWiki !== wiki) return bad('wiki', `is ${rowWiki}, not ${wiki}`);
  if (typeof o.page_id !== 'number' || !Number.isSafeInteger(o.page_id) || o.page_id < 1)
    return bad('page_id', 'not a positive integer');
  if (typeof o.id !== 'string' || !isDatasetId(o.id)) return bad('id', 'not a time-based UUID (v1 or v7)');
  if (typeof o.image !== 'string' || o.image === '' || BAD_FILENAME.test(o.image))
    return bad('image', 'not a file name in DB-key form');
  if (o.image.includes(' ')) return bad('image', 'has spaces: DB-key form uses underscores');
  const origin = o.origin_wiki ?? 'commonswiki';
  if (typeof origin !== 'string' || !isWikiId(origin)) return bad('origin_wiki', 'not a wiki id');
  if (typeof o.confidence !== 'number' || !Number.isFinite(o.confidence))
    return bad('confidence', 'not a number');
  if (o.confidence < 0 || o.confidence > 100) return bad('confidence', 'outside 0–1 (or the legacy 0–100)');
  const rescaled = o.confidence > 1;
  const foundOn = o.found_on ?? null;
  if (foundOn !== null && !isWikiIdList(foundOn)) return bad('found_on', 'not null or a list of wiki ids');
  if (!isStringList(o.kind) || o.kind.length === 0) return bad('kind', 'not a non-empty list of strings');
  const pageRev = o.page_rev ?? null;
  if (pageRev !== null && !isPositiveInteger(pageRev))
    return bad('page_rev', 'not null or a positive integer');
  const heading = o.section_heading ?? null;
  if (heading !== null && (typeof heading !== 'string' || heading === ''))
    return bad('section_heading', 'not null or a non-empty string');
  const index = o.section_index ?? null;
  if (index !== null && (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0))
    return bad('section_index', 'not null or a non-negative integer');
  if ((heading === null) !== (index === null))
    return bad('section_index', 'section_heading and section_index are both null or both set');
  const qid = o.page_qid ?? null;
  if (qid !== null && (typeof qid !== 'string' || !/^Q[1-9][0-9]*$/.test(qid)))
    return bad('page_qid', 'not null or a Wikidata item id (Q…)');

  return {
    ok: true,
    rescaled,
    row: {
      wiki: rowWiki,
      page_id: o.page_id,
      id: o.id.toLowerCase(),
      image: o.image,
      origin_wiki: origin,
      confidence: rescaled ? o.confidence / 100 : o.confidence,
      found_on: foundOn === null ? null : [...new Set(foundOn)].sort(),
      kind: [...new Set(o.kind)].sort(),
      page_rev: pageRev,
      section_heading: heading,
      section_index: index,
      page_qid: qid,
    },
  };
}

const isStringList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string' && s !== '');
const isWikiIdList = (v: unknown): v is string[] => isStringList(v) && v.every(isWikiId);
const isPositiveInteger = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
