import { toIsoTimestamp, type Clock } from '../domain/clock.ts';
import type { EventGateDelivery } from '../events/eventgate-delivery.ts';
import type { OutboxDispatcher } from '../events/outbox-dispatcher.ts';
import type { Job, JobRepository } from '../store/repositories/jobs-and-schedules.ts';
import type { JobRunner } from './job-runner.ts';
import type { ScheduleListing, Scheduler } from './scheduler.ts';

/** Where CLI functions print their lines (console.log in the CLI, an array in tests). */
export type PrintLine = (line: string) => void;

export interface DrainSummary {
  done: number;
  failed: number;
  dead: number;
  events: number;
  /** True when maxSeconds ran out before the queue was idle. */
  timedOut: boolean;
  /** What went to EventGate, when it is configured; `failure` says why delivery gave up this run. */
  eventGate?: { accepted: number; rejected: number; failure?: string };
}

/** What `jobs run` drives: the dispatcher, the runner, and the EventGate delivery when configured. */
export interface DrainWorker {
  runner: JobRunner;
  dispatcher: OutboxDispatcher;
  eventGate?: EventGateDelivery;
}

/**
 * `wikiqueue jobs run`: delivers outbox events, runs jobs and, when configured, sends the events
 * to EventGate, until a round finds nothing to do (jobs waiting for a retry later are left for
 * later), or `maxSeconds` of wall time have passed. A one-shot command does not wait out a
 * back-off: the first failed EventGate round ends delivery for this run, and what is left waits in
 * the log for the next run or `serve`. Prints `jobs: N done, M failed, K dead`, then with EventGate
 * `eventgate: N accepted, M rejected` and the failure, if any.
 */
export async function runJobsUntilIdle(
  { runner, dispatcher, eventGate }: DrainWorker,
  opts: { maxSeconds?: number; batchSize?: number; print?: PrintLine } = {},
): Promise<DrainSummary> {
  const { maxSeconds, batchSize = 100, print = console.log } = opts;
  const deadline = maxSeconds === undefined ? Infinity : performance.now() + maxSeconds * 1000;
  const total: DrainSummary = { done: 0, failed: 0, dead: 0, events: 0, timedOut: false };
  const sent: DrainSummary['eventGate'] = eventGate ? { accepted: 0, rejected: 0 } : undefined;
  if (sent) total.eventGate = sent;
  for (;;) {
    if (performance.now() >= deadline) {
      total.timedOut = true;
      break;
    }
    const events = await dispatcher.dispatchOnce(batchSize);
    const r = await runner.runOnce({ limit: batchSize });
    total.events += events;
    total.done += r.ran;
    total.failed += r.failed;
    total.dead += r.dead;
    let backlog = false;
    if (eventGate && sent && sent.failure === undefined) {
      const outcome = await eventGate.deliverOnce();
      if (outcome.kind === 'failed') sent.failure = outcome.reason;
      else if (outcome.kind === 'delivered') {
        sent.accepted += outcome.accepted;
        sent.rejected += outcome.rejected;
        backlog = outcome.full;
      }
    }
    if (events === 0 && r.ran + r.failed + r.dead === 0 && !backlog) break;
  }
  print(
    `jobs: ${total.done} done, ${total.failed} failed, ${total.dead} dead${total.timedOut ? ' (time limit)' : ''}`,
  );
  if (sent)
    print(
      `eventgate: ${sent.accepted} accepted, ${sent.rejected} rejected` +
        (sent.failure === undefined
          ? ''
          : `; delivery failed (${sent.failure}), the rest waits for the next run`),
    );
  return total;
}

/** `wikiqueue jobs list`: counts by status, then one line per job (newest first as the store lists them). */
export async function listJobs(
  jobs: JobRepository,
  q: { status?: string; type?: string; limit: number },
  print: PrintLine = console.log,
): Promise<Job[]> {
  const counts = await jobs.countByStatus();
  print(
    Object.entries(counts)
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ') || 'no jobs',
  );
  const list = await jobs.list(q);
  for (const j of list) print(formatJob(j));
  return list;
}

/** One line describing a job: id, status, type, wiki, attempts, when it may run, and its last error. */
export function formatJob(j: Job): string {
  const parts = [
    `#${j.id}`,
    j.status,
    j.type,
    j.wiki,
    `attempts ${j.attempts}/${j.maxAttempts}`,
    `run after ${toIsoTimestamp(j.runAfter)}`,
  ];
  if (j.lastError) parts.push(`error: ${j.lastError}`);
  return parts.join('  ');
}

/** `wikiqueue jobs retry`: puts dead jobs (all, or the given ids) back in the queue. */
export async function retryDead(
  jobs: JobRepository,
  clock: Clock,
  jobIds?: number[],
  print: PrintLine = console.log,
): Promise<number> {
  const n = await jobs.retryDead(clock(), jobIds && jobIds.length > 0 ? jobIds : undefined);
  print(`jobs: ${n} dead job${n === 1 ? '' : 's'} queued again`);
  return n;
}

/**
 * `wikiqueue jobs schedules`: one line per recurring task and wiki (`*` for a task shared by all
 * wikis): its interval, when its next run is due, and when its latest run finished.
 */
export async function listSchedules(
  scheduler: Pick<Scheduler, 'list'>,
  print: PrintLine = console.log,
): Promise<ScheduleListing[]> {
  const schedules = await scheduler.list();
  if (schedules.length === 0) print('no schedules yet: the job runner (serve, jobs run) creates them');
  for (const s of schedules) {
    print(
      [
        `${s.owner}:${s.task}`,
        s.wiki || '*',
        s.every === undefined ? 'no longer registered' : `every ${s.every} s`,
        `next ${toIsoTimestamp(s.nextRunAt)}`,
        s.finishedAt === null ? 'not run yet' : `last finished ${toIsoTimestamp(s.finishedAt)}`,
      ].join('  '),
    );
  }
  return schedules;
}
