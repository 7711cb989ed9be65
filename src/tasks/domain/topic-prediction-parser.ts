import { topicOfLabel } from './topics.ts';

/**
 * One line of an `articletopic` prediction file (README "Topics"): a page, by id or title, and
 * the model's (label, probability) pairs. Accepted, per line:
 *
 * - JSON with `page_id` and/or `page_title` (`title`), optional `wiki` (`wiki_db`), and the
 *   predictions in any of the public shapes of the model's outputs: ORES's
 *   `"probability": {"Culture.Media.Music": 0.93, …}` (also under `"score"` or
 *   `"articletopic": {"score": …}`), Lift Wing's `"results": [{"topic": …, "score": …}]` (also
 *   under `"prediction"`), or CirrusSearch's weighted tags
 *   `"articletopic": ["Culture.Media.Music|930", …]` (score out of 1000);
 * - TSV: `page_id <TAB> page_title <TAB> label|score,label|score…` (either page field may be
 *   empty; a first line starting with `page_id` is a header).
 */
export interface TopicPrediction {
  wiki?: string;
  pageId?: number;
  /** As written (display or DB-key form, no namespace: articles only). */
  title?: string;
  /** Topic id → weight 0–1 (the greatest probability of the labels mapping to it). */
  topics: Map<string, number>;
  /** Labels the model does not have, as written. */
  unknownLabels: string[];
}

export type PredictionParse =
  { ok: true; prediction: TopicPrediction } | { ok: false; field: string; reason: string } | { ok: 'header' };

type Pair = [label: string, score: number];

export function parsePredictionLine(text: string): PredictionParse {
  const trimmed = text.trim();
  return trimmed.startsWith('{') ? parseJson(trimmed) : parseTsv(text);
}

function parseJson(text: string): PredictionParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, field: '(line)', reason: `not JSON: ${(e as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, field: '(line)', reason: 'not a JSON object' };
  const row = value as Record<string, unknown>;
  const wiki = row.wiki ?? row.wiki_db;
  if (wiki !== undefined && typeof wiki !== 'string')
    return { ok: false, field: 'wiki', reason: 'not a string' };
  const page = readPage(row.page_id, row.page_title ?? row.title);
  if ('reason' in page) return { ok: false, ...page };
  const pairs = readJsonPairs(row);
  if (!Array.isArray(pairs)) return { ok: false, ...pairs };
  return finish(pairs, { ...page, ...(wiki !== undefined ? { wiki } : {}) });
}

function parseTsv(text: string): PredictionParse {
  const cols = text.replace(/\r$/, '').split('\t');
  if (cols[0] === 'page_id') return { ok: 'header' };
  if (cols.length !== 3)
    return {
      ok: false,
      field: '(line)',
      reason: `${cols.length} tab-separated fields, not 3 (page_id, page_title, topics)`,
    };
  const [id = '', title = '', list = ''] = cols;
  const page = readPage(
    id === '' ? undefined : /^\d+$/.test(id) ? Number(id) : id,
    title === '' ? undefined : title,
  );
  if ('reason' in page) return { ok: false, ...page };
  const pairs: Pair[] = [];
  for (const item of list.split(',')) {
    if (item.trim() === '') continue;
    const bar = item.lastIndexOf('|');
    const score = bar < 0 ? NaN : Number(item.slice(bar + 1));
    if (bar < 0 || item.slice(bar + 1).trim() === '' || !Number.isFinite(score))
      return { ok: false, field: 'topics', reason: `"${item}" is not label|score` };
    pairs.push([item.slice(0, bar).trim(), score > 1 ? score / 1000 : score]);
  }
  return finish(pairs, page);
}

function readPage(
  id: unknown,
  title: unknown,
): { pageId?: number; title?: string } | { field: string; reason: string } {
  if (id === undefined && title === undefined)
    return { field: 'page_id', reason: 'neither a page id nor a page title' };
  if (id !== undefined && (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1))
    return { field: 'page_id', reason: 'not a positive integer' };
  if (title !== undefined && (typeof title !== 'string' || title.trim() === ''))
    return { field: 'page_title', reason: 'not a non-empty string' };
  return {
    ...(id !== undefined ? { pageId: id } : {}),
    ...(title !== undefined ? { title: title.trim() } : {}),
  };
}

function readJsonPairs(row: Record<string, unknown>): Pair[] | { field: string; reason: string } {
  const at = (v: unknown, key: string) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)[key]
      : undefined;
  const tags = row.articletopic;
  if (Array.isArray(tags)) {
    const pairs: Pair[] = [];
    for (const tag of tags) {
      const bar = typeof tag === 'string' ? tag.lastIndexOf('|') : -1;
      const score = typeof tag === 'string' && bar >= 0 ? Number(tag.slice(bar + 1)) : NaN;
      if (typeof tag !== 'string' || !Number.isFinite(score) || score < 0 || score > 1000)
        return {
          field: 'articletopic',
          reason: `${JSON.stringify(tag)} is not "label|score" (score 0–1000)`,
        };
      pairs.push([tag.slice(0, bar), score / 1000]);
    }
    return pairs;
  }
  const probability =
    row.probability ?? at(row.score, 'probability') ?? at(at(row.articletopic, 'score'), 'probability');
  if (probability !== undefined) {
    if (typeof probability !== 'object' || probability === null || Array.isArray(probability))
      return { field: 'probability', reason: 'not an object of label → probability' };
    return checkScores(Object.entries(probability), 'probability');
  }
  const results = row.results ?? at(row.prediction, 'results');
  if (results !== undefined) {
    if (!Array.isArray(results)) return { field: 'results', reason: 'not a list' };
    const pairs: [string, unknown][] = [];
    for (const r of results) {
      const topic = at(r, 'topic');
      if (typeof topic !== 'string') return { field: 'results', reason: 'an item without a "topic" string' };
      pairs.push([topic, at(r, 'score')]);
    }
    return checkScores(pairs, 'results');
  }
  return { field: 'probability', reason: 'no predictions ("probability", "results" or "articletopic")' };
}

function checkScores(
  entries: [string, unknown][],
  field: string,
): Pair[] | { field: string; reason: string } {
  const pairs: Pair[] = [];
  for (const [label, score] of entries) {
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1)
      return { field, reason: `the score of ${label} is not a number from 0 to 1` };
    pairs.push([label, score]);
  }
  return pairs;
}

function finish(pairs: Pair[], base: Omit<TopicPrediction, 'topics' | 'unknownLabels'>): PredictionParse {
  const topics = new Map<string, number>();
  const unknownLabels: string[] = [];
  for (const [label, score] of pairs) {
    if (score < 0 || score > 1)
      return {
        ok: false,
        field: 'topics',
        reason: `the score of ${label} is not from 0 to 1 (or 0 to 1000)`,
      };
    const topic = topicOfLabel(label);
    if (topic === undefined) unknownLabels.push(label);
    else if (topic !== null) topics.set(topic, Math.max(topics.get(topic) ?? 0, score));
  }
  return { ok: true, prediction: { ...base, topics, unknownLabels } };
}
