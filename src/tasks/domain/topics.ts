/**
 * The suggested-edits topics (suggested-edits-reference.md §2.4): GrowthExperiments' 39 ORES-based
 * topic ids in 4 groups, and how the `articletopic` model's labels map to them. A label of the
 * model ("Geography.Regions.Europe.Northern_Europe") has an ORES topic id — its last segment
 * lowercased, `*` dropped, `_&_` read as "and", `_` as `-` ("northern-europe") — and most topic ids
 * take one ORES id each; a few take several (`europe` takes the four European regions, `north-asia`
 * and `europe`). Three labels of the model have no topic (`linguistics`, `media`,
 * `libraries-and-information`): they are known, and dropped.
 */

export const TOPIC_GROUPS = [
  'culture',
  'history-and-society',
  'science-technology-and-math',
  'geography',
] as const;
export type TopicGroup = (typeof TOPIC_GROUPS)[number];

export interface TopicInfo {
  id: string;
  group: TopicGroup;
  /** The ORES topic ids whose predictions count for this topic. */
  oresTopics: readonly string[];
}

const t = (id: string, group: TopicGroup, oresTopics: readonly string[] = [id]): TopicInfo => ({
  id,
  group,
  oresTopics,
});

/** The 39 topics, by group (in group order) and within a group by id. */
export const TOPICS: readonly TopicInfo[] = [
  t('architecture', 'culture'),
  t('art', 'culture', ['visual-arts']),
  t('comics-and-anime', 'culture'),
  t('entertainment', 'culture', ['entertainment', 'radio']),
  t('fashion', 'culture'),
  t('literature', 'culture', ['literature', 'books']),
  t('music', 'culture'),
  t('performing-arts', 'culture'),
  t('sports', 'culture'),
  t('tv-and-film', 'culture', ['films', 'television']),
  t('video-games', 'culture'),
  t('biography', 'history-and-society'),
  t('business-and-economics', 'history-and-society'),
  t('education', 'history-and-society'),
  t('food-and-drink', 'history-and-society'),
  t('history', 'history-and-society'),
  t('military-and-warfare', 'history-and-society'),
  t('philosophy-and-religion', 'history-and-society'),
  t('politics-and-government', 'history-and-society'),
  t('society', 'history-and-society'),
  t('transportation', 'history-and-society'),
  t('women', 'history-and-society'),
  t('biology', 'science-technology-and-math'),
  t('chemistry', 'science-technology-and-math'),
  t('computers-and-internet', 'science-technology-and-math', ['internet-culture', 'software', 'computing']),
  t('earth-and-environment', 'science-technology-and-math', ['geographical', 'earth-and-environment']),
  t('engineering', 'science-technology-and-math'),
  t('general-science', 'science-technology-and-math', ['stem']),
  t('mathematics', 'science-technology-and-math'),
  t('medicine-and-health', 'science-technology-and-math'),
  t('physics', 'science-technology-and-math', ['physics', 'space']),
  t('technology', 'science-technology-and-math'),
  t('africa', 'geography', [
    'africa',
    'central-africa',
    'eastern-africa',
    'northern-africa',
    'southern-africa',
    'western-africa',
  ]),
  t('asia', 'geography', ['asia', 'central-asia', 'east-asia', 'south-asia', 'southeast-asia', 'west-asia']),
  t('central-america', 'geography'),
  t('europe', 'geography', [
    'north-asia',
    'eastern-europe',
    'northern-europe',
    'southern-europe',
    'western-europe',
    'europe',
  ]),
  t('north-america', 'geography'),
  t('oceania', 'geography'),
  t('south-america', 'geography'),
];

/** The weight from which a page counts as being about a topic (a prediction's probability). */
export const TOPIC_MIN_WEIGHT = 0.5;

export const TOPIC_IDS: readonly string[] = TOPICS.map((x) => x.id);

const BY_ID = new Map(TOPICS.map((x) => [x.id, x]));

export function isTopicId(id: string): boolean {
  return BY_ID.has(id);
}

export function topicInfo(id: string): TopicInfo | undefined {
  return BY_ID.get(id);
}

export function topicGroupOf(id: string): TopicGroup | undefined {
  return BY_ID.get(id)?.group;
}

/** The labels of the production `articletopic` model (its 64 outputs). */
export const ARTICLETOPIC_LABELS: readonly string[] = [
  'Culture.Biography.Biography*',
  'Culture.Biography.Women',
  'Culture.Food_and_drink',
  'Culture.Internet_culture',
  'Culture.Linguistics',
  'Culture.Literature',
  'Culture.Media.Books',
  'Culture.Media.Entertainment',
  'Culture.Media.Films',
  'Culture.Media.Media*',
  'Culture.Media.Music',
  'Culture.Media.Radio',
  'Culture.Media.Software',
  'Culture.Media.Television',
  'Culture.Media.Video_games',
  'Culture.Performing_arts',
  'Culture.Philosophy_and_religion',
  'Culture.Sports',
  'Culture.Visual_arts.Architecture',
  'Culture.Visual_arts.Comics_and_Anime',
  'Culture.Visual_arts.Fashion',
  'Culture.Visual_arts.Visual_arts*',
  'Geography.Geographical',
  'Geography.Regions.Africa.Africa*',
  'Geography.Regions.Africa.Central_Africa',
  'Geography.Regions.Africa.Eastern_Africa',
  'Geography.Regions.Africa.Northern_Africa',
  'Geography.Regions.Africa.Southern_Africa',
  'Geography.Regions.Africa.Western_Africa',
  'Geography.Regions.Americas.Central_America',
  'Geography.Regions.Americas.North_America',
  'Geography.Regions.Americas.South_America',
  'Geography.Regions.Asia.Asia*',
  'Geography.Regions.Asia.Central_Asia',
  'Geography.Regions.Asia.East_Asia',
  'Geography.Regions.Asia.North_Asia',
  'Geography.Regions.Asia.South_Asia',
  'Geography.Regions.Asia.Southeast_Asia',
  'Geography.Regions.Asia.West_Asia',
  'Geography.Regions.Europe.Eastern_Europe',
  'Geography.Regions.Europe.Europe*',
  'Geography.Regions.Europe.Northern_Europe',
  'Geography.Regions.Europe.Southern_Europe',
  'Geography.Regions.Europe.Western_Europe',
  'Geography.Regions.Oceania',
  'History_and_Society.Business_and_economics',
  'History_and_Society.Education',
  'History_and_Society.History',
  'History_and_Society.Military_and_warfare',
  'History_and_Society.Politics_and_government',
  'History_and_Society.Society',
  'History_and_Society.Transportation',
  'STEM.Biology',
  'STEM.Chemistry',
  'STEM.Computing',
  'STEM.Earth_and_environment',
  'STEM.Engineering',
  'STEM.Libraries_&_Information',
  'STEM.Mathematics',
  'STEM.Medicine_&_Health',
  'STEM.Physics',
  'STEM.STEM*',
  'STEM.Space',
  'STEM.Technology',
];

/** The ORES topic id of a model label: its last segment, lowercased and dashed ("visual-arts"). */
export function oresTopicId(label: string): string {
  const last = label.slice(label.lastIndexOf('.') + 1);
  return last.replace(/\*$/, '').replace(/_&_/g, '_and_').replace(/_/g, '-').toLowerCase();
}

const ORES_IDS = new Set(ARTICLETOPIC_LABELS.map(oresTopicId));
const BY_ORES_ID = new Map<string, string>();
for (const topic of TOPICS) for (const ores of topic.oresTopics) BY_ORES_ID.set(ores, topic.id);

/**
 * What a label of a prediction file means: a topic id, `null` for a label the model has but no
 * topic takes (`Culture.Linguistics`), `undefined` for a label that is not the model's. A label
 * is the model's label (`Culture.Media.Music`), its ORES topic id (`music`) or a topic id (`art`).
 */
export function topicOfLabel(label: string): string | null | undefined {
  const ores = label.includes('.') ? oresTopicId(label) : label;
  if (label.includes('.') && !ARTICLETOPIC_LABELS.includes(label)) return undefined;
  const topic = BY_ORES_ID.get(ores);
  if (topic !== undefined) return topic;
  if (BY_ID.has(ores)) return ores;
  return ORES_IDS.has(ores) ? null : undefined;
}

/** Topic ids in display order: by group, then by `label` (the localized name; the id without one). */
export function sortTopics(ids: readonly string[], label: (id: string) => string = (id) => id): string[] {
  const rank = (id: string) => TOPIC_GROUPS.indexOf(BY_ID.get(id)?.group ?? 'geography');
  return [...ids].sort((a, b) => rank(a) - rank(b) || label(a).localeCompare(label(b)));
}

/** A topic group as a client lists it: its topics in display order, each with its name. */
export interface NamedTopicGroup {
  id: TopicGroup;
  label: string;
  topics: { id: string; label: string }[];
}

/**
 * The topics as GrowthExperiments' client lists them (§2.4): by group in group order, within a
 * group by name in the reader's language (`lang`'s collation). `label` names a topic or group by
 * its message key (topicMessageKey, topicGroupMessageKey); a missing name is the id.
 */
export function namedTopicGroups(
  label: (messageKey: string) => string | undefined,
  lang: string,
): NamedTopicGroup[] {
  const name = (key: string, id: string) => label(key) ?? id;
  const collator = new Intl.Collator(lang);
  return TOPIC_GROUPS.map((group) => ({
    id: group,
    label: name(topicGroupMessageKey(group), group),
    topics: TOPICS.filter((t) => t.group === group)
      .map((t) => ({ id: t.id, label: name(topicMessageKey(t.id), t.id) }))
      .sort((a, b) => collator.compare(a.label, b.label)),
  }));
}

/** The message key of a topic's name (i18n/*.json) and of a group's. */
export const topicMessageKey = (id: string): string => `wikiqueue-topic-${id}`;
export const topicGroupMessageKey = (group: TopicGroup): string => `wikiqueue-topic-group-${group}`;
