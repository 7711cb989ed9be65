import type { CoreServices } from '../core/core-services.ts';
import type { Actor } from '../core/domain/actor.ts';
import { fail } from '../errors.ts';
import type { DailyTaskCounts } from './daily-task-counts.ts';
import type { DailyLimitGate } from './domain/quality-gates.ts';
import { seedStart, type WalkCursor } from './domain/task-order.ts';
import { enabledTaskTypes, type TaskSettings } from './domain/task-settings.ts';
import type { TaskTypeId } from './domain/task-types.ts';
import type { TaskPool } from './task-pool.ts';

/** What a task list request asks (list=growthtasks, after parameter validation). */
export interface TaskListRequest {
  /** Empty: every type the wiki offers. */
  taskTypes: readonly TaskTypeId[];
  topics: readonly string[];
  mode: 'OR' | 'AND';
  seed: string;
  cursor?: WalkCursor;
  /** Tasks of the order to skip first (the reference's `offset`). */
  skip: number;
  limit: number;
  excludePageIds: ReadonlySet<number>;
}

export interface TaskList {
  /** `title` is the page's DB key (main namespace). */
  tasks: { pageId: number; title: string; taskType: TaskTypeId; topics: string[] }[];
  totalCount: number;
  next: WalkCursor | undefined;
  qualityGateConfig: Record<string, DailyLimitGate>;
  /** Requested types the wiki does not offer (left out, with a warning). */
  droppedTypes: TaskTypeId[];
  debug: { seed: string; start: number };
}

/**
 * The task types a request gets: those asked (every one the wiki offers when none is), less
 * those the wiki does not offer; none left is `growthexperiments-newcomertasks-invalid-tasktype`.
 */
export function effectiveTaskTypes(
  settings: TaskSettings,
  imageTasks: boolean,
  requested: readonly TaskTypeId[],
): { types: TaskTypeId[]; dropped: TaskTypeId[] } {
  const offered = enabledTaskTypes(settings).filter(
    (t) => imageTasks || (t !== 'image-recommendation' && t !== 'section-image-recommendation'),
  );
  const asked = requested.length > 0 ? [...new Set(requested)] : offered;
  const types = asked.filter((t) => offered.includes(t));
  if (types.length === 0) throw fail('growthexperiments-newcomertasks-invalid-tasktype');
  return { types, dropped: asked.filter((t) => !offered.includes(t)) };
}

/** One page of a user's task list. */
export async function listTasks(
  deps: {
    core: CoreServices;
    pool: TaskPool;
    dailyCounts: DailyTaskCounts;
    settings: TaskSettings;
    imageTasks: boolean;
  },
  wiki: string,
  actor: Actor,
  request: TaskListRequest,
): Promise<TaskList> {
  const { types, dropped } = effectiveTaskTypes(deps.settings, deps.imageTasks, request.taskTypes);
  const start = seedStart(request.seed);
  const page = await deps.pool.query(wiki, {
    filter: { taskTypes: types, topics: request.topics, mode: request.mode },
    start,
    cursor: request.cursor,
    limit: request.skip + request.limit,
    excludePageIds: request.excludePageIds,
  });
  const chosen = page.tasks.slice(request.skip);
  const titles = new Map(
    (
      await deps.core.store.pages.getManyByIds(
        wiki,
        chosen.map((t) => t.pageId),
      )
    ).map((p) => [p.id, p.title]),
  );
  return {
    tasks: chosen.flatMap((t) => {
      const title = titles.get(t.pageId);
      return title === undefined ? [] : [{ ...t, title }];
    }),
    totalCount: page.totalCount,
    next: page.next,
    qualityGateConfig: await deps.dailyCounts.gates(wiki, deps.settings, actor),
    droppedTypes: dropped,
    debug: { seed: request.seed, start },
  };
}
