import type { CoreServices } from '../core/core-services.ts';
import type { Actor } from '../core/domain/actor.ts';
import { timeCorrection } from '../core/domain/time-correction.ts';
import {
  dailyLimitGate,
  GATED_LOG_ACTIONS,
  gatedTypes,
  localMidnight,
  nextLocalMidnight,
  TASKS_LOG_TYPE,
  type DailyLimitGate,
} from './domain/quality-gates.ts';
import type { TaskSettings } from './domain/task-settings.ts';
import type { TaskTypeId } from './domain/task-types.ts';

/**
 * How long a server process trusts its cached counts of a user's day. Its own submissions drop them
 * at once; this bounds how late it shows one made through another server process (or a change of
 * the user's time zone), on the task list only: a submission always counts the log.
 */
const CACHE_SECONDS = 60;
/** Users whose counts a process keeps at most (the oldest go first). */
const CACHE_USERS = 10_000;

/** A user's counts of today by gated type, and until when they may be used. */
interface CachedDay {
  counts: ReadonlyMap<TaskTypeId, number>;
  /** The user's next local midnight, or the end of the cache time if sooner. */
  until: number;
}

/**
 * A user's gated submissions today (suggested-edits-reference.md §3): their `growthexperiments`
 * log entries of the type's action since their local midnight, accepts and rejects alike.
 *
 * Submissions read them from the log inside their transaction (`countToday`), so that a limit is
 * never passed; the task list, which shows them on every request, reads them through a per-process
 * cache (`gates`) that a user's own submission empties once it commits (`forget`) and the day's end
 * or CACHE_SECONDS empty otherwise.
 */
export class DailyTaskCounts {
  readonly #core: CoreServices;
  readonly #cache = new Map<string, CachedDay>();
  /** Per user, bumped by `forget`: a read that began before it does not fill the cache. */
  readonly #generation = new Map<string, number>();

  constructor(core: CoreServices) {
    this.#core = core;
  }

  /** The daily-limit gates of the wiki's gated types for a user, for the task list. */
  async gates(wiki: string, settings: TaskSettings, actor: Actor): Promise<Record<string, DailyLimitGate>> {
    const gated = gatedTypes(settings);
    if (gated.length === 0) return {};
    const key = `${wiki}|${actor.userId}|${actor.name}`;
    const now = this.#core.clock();
    let counts = this.#cached(key, now, gated);
    if (!counts) {
      const generation = this.#generation.get(key) ?? 0;
      const day = await this.#read(wiki, actor, gated);
      counts = day.counts;
      if (actor.userId > 0 && (this.#generation.get(key) ?? 0) === generation)
        this.#remember(key, { counts, until: Math.min(day.until, now + CACHE_SECONDS) });
    }
    const out: Record<string, DailyLimitGate> = {};
    for (const { id, maxTasksPerDay } of gated) out[id] = dailyLimitGate(counts.get(id) ?? 0, maxTasksPerDay);
    return out;
  }

  /** The user's submissions of a type today, read from the log (in the running transaction, if any). */
  async countToday(
    wiki: string,
    actor: Actor,
    type: { id: TaskTypeId; maxTasksPerDay: number },
  ): Promise<number> {
    return (await this.#read(wiki, actor, [type])).counts.get(type.id) ?? 0;
  }

  /** Drops the user's cached counts once the running transaction (their submission) commits. */
  forget(wiki: string, actor: Actor): void {
    const key = `${wiki}|${actor.userId}|${actor.name}`;
    this.#core.store.afterCommit(() => {
      this.#generation.set(key, (this.#generation.get(key) ?? 0) + 1);
      this.#cache.delete(key);
    });
  }

  #cached(
    key: string,
    now: number,
    gated: readonly { id: TaskTypeId }[],
  ): ReadonlyMap<TaskTypeId, number> | undefined {
    const day = this.#cache.get(key);
    if (!day) return undefined;
    if (now >= day.until || gated.some(({ id }) => !day.counts.has(id))) {
      this.#cache.delete(key);
      return undefined;
    }
    return day.counts;
  }

  #remember(key: string, day: CachedDay): void {
    this.#cache.delete(key);
    this.#cache.set(key, day);
    for (const oldest of this.#cache.keys()) {
      if (this.#cache.size <= CACHE_USERS) break;
      this.#cache.delete(oldest);
    }
  }

  async #read(
    wiki: string,
    actor: Actor,
    gated: readonly { id: TaskTypeId; maxTasksPerDay: number }[],
  ): Promise<{ counts: Map<TaskTypeId, number>; until: number }> {
    const { store } = this.#core;
    const options = actor.userId > 0 ? await store.users.getOptions(wiki, actor.userId) : {};
    const now = this.#core.clock();
    const correct = timeCorrection(options.timecorrection);
    const since = localMidnight(now, correct);
    const counts = new Map<TaskTypeId, number>();
    for (const { id, maxTasksPerDay } of gated) {
      const entries = await store.logs.list(wiki, {
        type: TASKS_LOG_TYPE,
        action: GATED_LOG_ACTIONS[id] as string,
        actorName: actor.name,
        start: since,
        dir: 'newer',
        limit: Math.max(500, maxTasksPerDay),
      });
      counts.set(id, entries.length);
    }
    return { counts, until: nextLocalMidnight(since, correct) };
  }
}
