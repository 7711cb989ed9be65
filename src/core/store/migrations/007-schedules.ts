import { sql, type Kysely, type Migration } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/**
 * The `schedule` table of recurring tasks (schedules.*, core/jobs/scheduler.ts), and the end of
 * each throttle window (throttles.deleteExpired).
 *
 * Before this migration a recurring run was a queued `{owner}:maintenance` job that queued its
 * successor under the dedupe key `{owner}-maintenance:{task}[:{wiki}]`. Each such queued job becomes
 * the schedule of its task, due when the job was; the job is removed, so the run happens once.
 * Queued maintenance jobs without that key (retries of failed runs) stay and run once as they are.
 *
 * Throttle rows written before it get a window ending a day after it opened, longer than any
 * window in use (logins: minutes; review rate limits: seconds); every later hit records its own.
 */
export function schedulesMigration(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('schedule')
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('task', 'text', (c) => c.notNull())
        .addColumn('wiki', 'text', (c) => c.notNull())
        .addColumn('next_run_at', d.bigint, (c) => c.notNull())
        .addColumn('finished_due', d.bigint)
        .addColumn('finished_at', d.bigint)
        .addPrimaryKeyConstraint('schedule_pk', ['owner', 'task', 'wiki'])
        .execute();
      // schedules.claimDue / nextDueAfter.
      await db.schema.createIndex('schedule_due_idx').on('schedule').column('next_run_at').execute();

      await adoptQueuedRuns(db as Kysely<LegacyTables>);

      await db.schema
        .alterTable('throttle')
        .addColumn('window_end', d.bigint, (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`update throttle set window_end = window_start + 86400`.execute(db);
      // throttles.deleteExpired.
      await db.schema.createIndex('throttle_window_end_idx').on('throttle').column('window_end').execute();
    },
  };
}

interface LegacyTables {
  job: {
    job_id: number;
    job_type: string;
    wiki: string;
    payload: string;
    dedupe_key: string | null;
    status: string;
    run_after: number;
  };
  schedule: { owner: string; task: string; wiki: string; next_run_at: number };
}

async function adoptQueuedRuns(db: Kysely<LegacyTables>): Promise<void> {
  const jobs = await db
    .selectFrom('job')
    .select(['job_id', 'job_type', 'wiki', 'payload', 'dedupe_key', 'run_after'])
    .where('status', '=', 'queued')
    .where('job_type', 'like', '%:maintenance')
    .where('dedupe_key', 'is not', null)
    .execute();
  for (const job of jobs) {
    const owner = job.job_type.slice(0, -':maintenance'.length);
    const task = (JSON.parse(job.payload) as { task?: unknown }).task;
    if (typeof task !== 'string') continue;
    const sharedKey = `${owner}-maintenance:${task}`;
    const shared = job.dedupe_key === sharedKey;
    if (!shared && job.dedupe_key !== `${sharedKey}:${job.wiki}`) continue;
    await db
      .insertInto('schedule')
      .values({ owner, task, wiki: shared ? '' : job.wiki, next_run_at: job.run_after })
      .onConflict((oc) => oc.columns(['owner', 'task', 'wiki']).doNothing())
      .execute();
    await db.deleteFrom('job').where('job_id', '=', job.job_id).execute();
  }
}
