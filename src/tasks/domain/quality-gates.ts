import type { TaskSettings } from './task-settings.ts';
import { TASK_TYPES, type TaskTypeId } from './task-types.ts';

/** The log actions a gated type's submissions are recorded with (log type `growthexperiments`). */
export const GATED_LOG_ACTIONS: Partial<Record<TaskTypeId, string>> = {
  'image-recommendation': 'addimage',
  'section-image-recommendation': 'addsectionimage',
  'link-recommendation': 'addlink',
};

export const TASKS_LOG_TYPE = 'growthexperiments';

/** `qualityGateConfig[type]` (suggested-edits-reference.md §3). */
export interface DailyLimitGate {
  dailyLimit: boolean;
  dailyCount: number;
}

/** The start of the user's local day (Unix seconds) given their time correction. */
export function localMidnight(now: number, correct: (t: number) => number): number {
  const local = correct(now);
  return now - (local - Math.floor(local / 86_400) * 86_400);
}

/**
 * The start of the user's local day after the one that starts at `midnight`: a day is 23 to 25
 * hours long, so the day holding the moment 25 hours and a second later.
 */
export const nextLocalMidnight = (midnight: number, correct: (t: number) => number): number =>
  localMidnight(midnight + 25 * 3600 + 1, correct);

/** The gated types enabled on the wiki, each with its daily limit. */
export function gatedTypes(settings: TaskSettings): { id: TaskTypeId; maxTasksPerDay: number }[] {
  return (Object.keys(GATED_LOG_ACTIONS) as TaskTypeId[])
    .filter((id) => TASK_TYPES[id].qualityGates.includes('dailyLimit') && !settings.types[id].disabled)
    .map((id) => ({ id, maxTasksPerDay: (settings.types[id] as { maxTasksPerDay: number }).maxTasksPerDay }));
}

/** The gate of a type from the user's count today. */
export const dailyLimitGate = (dailyCount: number, maxTasksPerDay: number): DailyLimitGate => ({
  dailyLimit: dailyCount >= maxTasksPerDay,
  dailyCount,
});
