import { TASK_TYPE_BITS } from './tasks-schema.ts';

/**
 * The `topic` of a `task_count` row that counts pages by their whole topic set: `#,` then the
 * topic ids sorted and comma-separated, then `,` — so that "holds topic t" is the substring `,t,`.
 * Plain rows use '' (all pages) or one topic id, which never start with `#` or `&`.
 */
export const topicSetKey = (topics: Iterable<string>): string =>
  `#,${[...new Set(topics)].sort().join(',')},`;

export const TOPIC_SET_PREFIX = '#,';

/** The substring a topic set row holding `topic` contains. */
export const topicInSet = (topic: string): string => `,${topic},`;

/**
 * The `topic` of a `task_count` row that counts the pages filed under (at least) every topic of a
 * combination of two or three topics: `&,` then the ids sorted, then `,`. A page counts under each
 * combination its topics hold, so an AND of up to three topics is one key and an OR of up to three
 * is a sum over the keys of its combinations, signed by inclusion–exclusion.
 */
export const topicCombinationKey = (topics: Iterable<string>): string =>
  `&,${[...new Set(topics)].sort().join(',')},`;

/** The largest combination of topics counted under its own key. */
export const MAX_COUNTED_COMBINATION = 3;

/**
 * The combinations of two or three topics of a set (each sorted): what a page filed under `topics`
 * counts under, or the terms of an OR over them.
 */
export function topicCombinations(topics: Iterable<string>): string[][] {
  const sorted = [...new Set(topics)].sort();
  const out: string[][] = [];
  for (let i = 0; i < sorted.length; i++)
    for (let j = i + 1; j < sorted.length; j++) {
      out.push([sorted[i]!, sorted[j]!]);
      for (let k = j + 1; k < sorted.length; k++) out.push([sorted[i]!, sorted[j]!, sorted[k]!]);
    }
  return out;
}

/** The bit mask of `task_count.types` for a set of task types. */
export function typeMask(types: Iterable<string>): number {
  let mask = 0;
  for (const t of types) {
    const bit = (TASK_TYPE_BITS as readonly string[]).indexOf(t);
    if (bit >= 0) mask |= 2 ** bit;
  }
  return mask;
}
