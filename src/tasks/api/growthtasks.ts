import { randomBytes } from 'node:crypto';
import type {
  ApiRequestContext,
  ParamValues,
  QueryModule,
  QueryOutput,
} from '../../core/http/action-api/module.ts';
import { formatTitle } from '../../core/domain/titles.ts';
import { fail, warning } from '../../errors.ts';
import { decodeCursor, encodeCursor, isSeed } from '../domain/task-order.ts';
import { TOPIC_IDS } from '../domain/topics.ts';
import { TASK_TYPE_IDS, TASK_TYPES, type TaskTypeId } from '../domain/task-types.ts';
import type { TaskList, TasksService } from '../tasks-service.ts';

/** The reference's default page size (a suggester's default limit) and maximum. */
const DEFAULT_LIMIT = 15;
const MAX_LIMIT = 250;

/**
 * list=growthtasks and generator=growthtasks (GrowthExperiments' ApiQueryGrowthTasks,
 * suggested-edits-reference.md §1, prefixes `gt`/`ggt`): tasks of the wiki's task pool for a named
 * user, filtered by type and topic, each with its difficulty, quality gates and a random token.
 *
 * Beyond the reference: the order is random but reproducible — a request's `seed` (made up when
 * not given) picks it — and `continue` resumes it exactly, so following it visits every task of
 * the pool once; `totalCount` is the exact number of distinct pages matching, excluded pages left
 * out. `offset` (the reference's continuation) still works: it skips that many tasks of the order.
 */
export function growthTasksModule(tasks: TasksService): QueryModule {
  return {
    name: 'growthtasks',
    kind: 'list',
    prefix: 'gt',
    internal: true,
    generator: true,
    description: 'Get suggested edits (tasks) for the current user.',
    params: {
      tasktypes: {
        type: 'enum',
        multi: true,
        values: TASK_TYPE_IDS,
        maxValues: TASK_TYPE_IDS.length,
        description: 'Task types to return (none: every type the wiki offers).',
      },
      topics: {
        type: 'enum',
        multi: true,
        values: TOPIC_IDS,
        maxValues: TOPIC_IDS.length,
        description: 'Topic filter.',
      },
      topicsmode: { type: 'enum', values: ['OR', 'AND'], description: 'Match any (OR) or all (AND) topics.' },
      limit: {
        type: 'limit',
        default: DEFAULT_LIMIT,
        max: MAX_LIMIT,
        highMax: MAX_LIMIT,
        description: 'Number of tasks to return.',
      },
      offset: {
        type: 'integer',
        min: 1,
        description: 'Skip this many tasks of the order (the reference continuation).',
      },
      seed: {
        type: 'string',
        description: 'Seed of the random order (letters, digits, _ and -); a new one when not given.',
      },
      continue: { type: 'string', description: 'When more results are available, use this to continue.' },
      excludepageids: {
        type: 'integer',
        multi: true,
        maxValues: 1000,
        description: 'Exclude these pages from the result.',
      },
      debug: { type: 'boolean', description: 'Add the seed and the walk position to the output.' },
    },
    async execute(ctx, params, _pages, out) {
      const list = await run(tasks, ctx, params, out, 'gt');
      out.setQueryValue('growthtasks', {
        suggestions: list.tasks.map((t, i) => ({ title: t.title, ...taskFields(list, t, list.offset + i) })),
        totalCount: list.totalCount,
        qualityGateConfig: list.qualityGateConfig,
        ...(params.debug ? { debug: list.debug } : {}),
      });
    },
    async executeGenerator(ctx, params, _pages, out) {
      const list = await run(tasks, ctx, params, out, 'ggt');
      out.setTopLevelValue('growthtasks', {
        totalCount: list.totalCount,
        qualityGateConfig: list.qualityGateConfig,
        ...(params.debug ? { debug: list.debug } : {}),
      });
      const extra = new Map<number, Record<string, unknown>>();
      list.tasks.forEach((t, i) => extra.set(t.pageId, taskFields(list, t, list.offset + i)));
      return { pageIds: list.tasks.map((t) => t.pageId), extra };
    },
  };
}

function taskFields(list: TaskList, t: TaskList['tasks'][number], order: number): Record<string, unknown> {
  const info = TASK_TYPES[t.taskType];
  return {
    tasktype: t.taskType,
    difficulty: info.difficulty,
    order,
    qualityGateIds: [...info.qualityGates],
    qualityGateConfig: list.qualityGateConfig,
    token: taskToken(),
  };
}

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Random bytes drawn for tokens a few kilobytes at a time (each byte is used once). */
let tokenBytes = Buffer.alloc(0);
let tokenByte = 0;

/**
 * 32 characters of [a-z0-9], each uniform (a random byte below 252, modulo 36): 165 random bits,
 * as many as the reference's 40 hex digits in base 36.
 */
function taskToken(): string {
  let out = '';
  while (out.length < 32) {
    if (tokenByte === tokenBytes.length) [tokenBytes, tokenByte] = [randomBytes(4096), 0];
    const b = tokenBytes[tokenByte++]!;
    if (b < 252) out += TOKEN_ALPHABET[b % 36];
  }
  return out;
}

async function run(
  tasks: TasksService,
  ctx: ApiRequestContext,
  params: ParamValues,
  out: QueryOutput,
  prefix: string,
): Promise<TaskList & { offset: number }> {
  if (ctx.actor.isAnonymous) throw fail('mustbeloggedin-generic');
  let seed = params.seed as string | undefined;
  let cursor;
  let done = 0;
  if (params.continue !== undefined) {
    const decoded = decodeCursor(params.continue as string);
    if (!decoded) throw fail('badcontinue');
    ({ seed, cursor } = decoded);
    done = decoded.done;
  }
  if (seed !== undefined && !isSeed(seed)) throw fail('badvalue', `${prefix}seed`, seed);
  seed ??= randomBytes(9).toString('base64url');
  const offset = (params.offset as number | undefined) ?? 0;
  const limit = params.limit as number;
  const requested = (params.tasktypes as TaskTypeId[] | undefined) ?? [];
  const list = await tasks.listTasks(ctx.wiki.id, ctx.actor, {
    taskTypes: requested,
    topics: (params.topics as string[] | undefined) ?? [],
    mode: params.topicsmode === 'AND' ? 'AND' : 'OR',
    seed,
    ...(cursor ? { cursor } : {}),
    skip: cursor ? 0 : offset,
    limit,
    excludePageIds: new Set((params.excludepageids as number[] | undefined) ?? []),
  });
  for (const t of list.droppedTypes) ctx.warn('growthtasks', warning('growthtasks-tasktype-disabled', t));
  const returned = done + (cursor ? 0 : offset) + list.tasks.length;
  if (list.next) {
    out.setContinue(`${prefix}continue`, encodeCursor(seed, list.next, returned));
  }
  const ns = (await ctx.services.wikis.load(ctx.wiki.id)).namespaces;
  return {
    ...list,
    tasks: list.tasks.map((t) => ({ ...t, title: formatTitle(0, t.title, ns) })),
    offset: done + (cursor ? 0 : offset),
  };
}
