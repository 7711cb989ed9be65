/**
 * The `topic` of a `task_count` row that counts pages by their whole topic set: `#,` then the
 * topic ids sorted and comma-separated, then `,` — so that "holds topic t" is the substring `,t,`.
 * Plain rows use '' (all pages) or one topic id, which never start with `#`.
 */
export const topicSetKey = (topics: Iterable<string>): string =>
  `#,${[...new Set(topics)].sort().join(',')},`;

export const TOPIC_SET_PREFIX = '#,';

/** The substring a topic set row holding `topic` contains. */
export const topicInSet = (topic: string): string => `,${topic},`;
