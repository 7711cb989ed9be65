/**
 * The task types and topics the interface offers (suggested-edits-reference.md §2.2, §2.4), as
 * GrowthExperiments' client has them from its configuration: ids, difficulty, and the groups the
 * topics are shown in. Names come from the message files (`wikiqueue-tasks-type-<id>`,
 * `wikiqueue-topic-<id>`, `wikiqueue-topic-group-<group>`).
 */
export const TASK_TYPES = [
  { id: 'image-recommendation', difficulty: 'medium', image: true },
  { id: 'section-image-recommendation', difficulty: 'medium', image: true },
  { id: 'copyedit', difficulty: 'easy', image: false },
  { id: 'links', difficulty: 'easy', image: false },
  { id: 'references', difficulty: 'medium', image: false },
  { id: 'update', difficulty: 'medium', image: false },
  { id: 'expand', difficulty: 'hard', image: false },
] as const;

export type TaskTypeId = (typeof TASK_TYPES)[number]['id'];

export const IMAGE_TASK_TYPES: readonly string[] = TASK_TYPES.filter((t) => t.image).map((t) => t.id);

export function isTaskTypeId(s: unknown): s is TaskTypeId {
  return TASK_TYPES.some((t) => t.id === s);
}

export const TOPIC_GROUPS: Record<string, readonly string[]> = {
  culture: [
    'architecture',
    'art',
    'comics-and-anime',
    'entertainment',
    'fashion',
    'literature',
    'music',
    'performing-arts',
    'sports',
    'tv-and-film',
    'video-games',
  ],
  'history-and-society': [
    'biography',
    'business-and-economics',
    'education',
    'food-and-drink',
    'history',
    'military-and-warfare',
    'philosophy-and-religion',
    'politics-and-government',
    'society',
    'transportation',
    'women',
  ],
  'science-technology-and-math': [
    'biology',
    'chemistry',
    'computers-and-internet',
    'earth-and-environment',
    'engineering',
    'general-science',
    'mathematics',
    'medicine-and-health',
    'physics',
    'technology',
  ],
  geography: ['africa', 'asia', 'central-america', 'europe', 'north-america', 'oceania', 'south-america'],
};

export const TOPIC_IDS: readonly string[] = Object.values(TOPIC_GROUPS).flat();

/**
 * The defaults of the task types' settings (`maxTasksPerDay`, `minimumCaptionCharacterLength`),
 * used until the wiki's own values arrive (GET /tasks/v0/task-types); the server checks its values
 * on every submission whatever the interface shows.
 */
export const DEFAULT_MAX_TASKS_PER_DAY = 25;
export const DEFAULT_MIN_CAPTION_LENGTH = 5;
