/**
 * The task types the interface offers (suggested-edits-reference.md §2.2), as GrowthExperiments'
 * client has them from its configuration: ids and difficulty, their names from the message files
 * (`wikiqueue-tasks-type-<id>`). The topics come from the server (GET /tasks/v0/topics/{wiki}).
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

/**
 * The defaults of the task types' settings (`maxTasksPerDay`, `minimumCaptionCharacterLength`),
 * used until the wiki's own values arrive (GET /tasks/v0/task-types); the server checks its values
 * on every submission whatever the interface shows.
 */
export const DEFAULT_MAX_TASKS_PER_DAY = 25;
export const DEFAULT_MIN_CAPTION_LENGTH = 5;
