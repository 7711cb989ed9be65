/**
 * The suggested-edit task types (suggested-edits-reference.md §2.2): their ids, difficulty
 * (GrowthExperiments' injected `group`), how tasks of the type are found, and the change tags an
 * edit made from one carries.
 */

export type Difficulty = 'easy' | 'medium' | 'hard';

/** How the pool finds a type's tasks. */
export type TaskHandler =
  'template-based' | 'image-recommendation' | 'section-image-recommendation' | 'link-recommendation';

export interface TaskTypeInfo {
  id: TaskTypeId;
  difficulty: Difficulty;
  handler: TaskHandler;
  /** The change tags of an edit made from a task of this type. */
  changeTags: readonly string[];
  /** Quality gates of the type (`qualityGateIds`). */
  qualityGates: readonly 'dailyLimit'[];
}

export const TEMPLATE_TASK_TYPES = ['copyedit', 'links', 'references', 'update', 'expand'] as const;
export type TemplateTaskTypeId = (typeof TEMPLATE_TASK_TYPES)[number];

/** Every task type, in the reference configuration's order (the de-duplication tiebreak). */
export const TASK_TYPE_IDS = [
  'copyedit',
  'links',
  'references',
  'update',
  'expand',
  'image-recommendation',
  'section-image-recommendation',
  'link-recommendation',
] as const;
export type TaskTypeId = (typeof TASK_TYPE_IDS)[number];

export const NEWCOMER_TASK_TAG = 'newcomer task';

const template = (id: TemplateTaskTypeId, difficulty: Difficulty): TaskTypeInfo => ({
  id,
  difficulty,
  handler: 'template-based',
  changeTags: [NEWCOMER_TASK_TAG, `newcomer task ${id}`],
  qualityGates: [],
});

export const TASK_TYPES: Readonly<Record<TaskTypeId, TaskTypeInfo>> = {
  copyedit: template('copyedit', 'easy'),
  links: template('links', 'easy'),
  references: template('references', 'medium'),
  update: template('update', 'medium'),
  expand: template('expand', 'hard'),
  'image-recommendation': {
    id: 'image-recommendation',
    difficulty: 'medium',
    handler: 'image-recommendation',
    changeTags: [NEWCOMER_TASK_TAG, 'newcomer task image suggestion'],
    qualityGates: ['dailyLimit'],
  },
  'section-image-recommendation': {
    id: 'section-image-recommendation',
    difficulty: 'medium',
    handler: 'section-image-recommendation',
    changeTags: [NEWCOMER_TASK_TAG, 'newcomer task section image suggestion'],
    qualityGates: ['dailyLimit'],
  },
  'link-recommendation': {
    id: 'link-recommendation',
    difficulty: 'easy',
    handler: 'link-recommendation',
    changeTags: [NEWCOMER_TASK_TAG, 'newcomer task add link'],
    qualityGates: ['dailyLimit'],
  },
};

export const isTaskTypeId = (s: string): s is TaskTypeId => (TASK_TYPE_IDS as readonly string[]).includes(s);
