import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobsUntilIdle } from '../../src/core/jobs/jobs-cli.ts';
import { createWorker, type Worker } from '../../src/create-worker.ts';
import type { Kysely } from 'kysely';
import { openTasksStore } from '../../src/tasks/store/tasks-store.ts';
import { taskTopicSetCountMigration } from '../../src/tasks/store/migrations/022-task-topic-set-count.ts';
import type { TasksDatabase } from '../../src/tasks/store/tasks-schema.ts';
import { ApiClient, buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';

/**
 * list=growthtasks and generator=growthtasks over the real app (suggested-edits-reference.md §1–3,
 * §8 ApiQueryGrowthTasksTest): the pool built from the wiki's maintenance templates, a named user's
 * requests, and the stable seeded order that `continue` walks without repeats or gaps.
 */
let t: TestApp;
let api: ApiClient;
let worker: Worker;
const ids: Record<string, number> = {};
const DAY = 86_400;

/** The oracle: which page has which templates, as written below. */
const COPYEDIT = Array.from({ length: 9 }, (_, i) => `Copyedit ${i + 1}`);
const UPDATE = ['Update 1', 'Update 2', 'Update 3'];

async function save(title: string, text: string): Promise<void> {
  const actor = await t.services.accounts.actorFor(TEST_WIKI, undefined, '127.0.0.1');
  ids[title] = (await t.services.wikiSources.for(TEST_WIKI).edit(actor, { title, text })).pageid;
}

interface Suggestion {
  title: string;
  tasktype: string;
  difficulty: string;
  order: number;
  qualityGateIds: string[];
  qualityGateConfig: Record<string, unknown>;
  token: string;
}

async function list(params: Record<string, string>) {
  const res = await api.get({ action: 'query', list: 'growthtasks', formatversion: '2', ...params });
  return res.json as {
    query?: { growthtasks: { suggestions: Suggestion[]; totalCount: number; qualityGateConfig: unknown } };
    continue?: { gtcontinue?: string };
    error?: { code: string };
    warnings?: unknown;
  };
}

/** Every task of a walk, following `continue`. */
async function walk(params: Record<string, string>): Promise<string[]> {
  const seen: string[] = [];
  let cont: string | undefined;
  for (let i = 0; i < 50; i++) {
    const r = await list({ ...params, ...(cont ? { gtcontinue: cont } : {}) });
    seen.push(...(r.query?.growthtasks.suggestions ?? []).map((s) => s.title));
    cont = r.continue?.gtcontinue;
    if (!cont) break;
  }
  return seen;
}

beforeAll(async () => {
  t = await buildTestApp();
  worker = createWorker(t.services);
  for (const title of COPYEDIT) await save(title, `{{Copy edit|date=2024}}\n${title} is an article.`);
  for (const title of UPDATE) await save(title, `{{Update}}\n${title} is out of date.`);
  await save('Both', '{{Copy edit}}{{Update}}\nBoth problems.');
  await save('Protected', '{{Copy edit}}\nProtected article.');
  await save('Disambiguation', '{{Copy edit}}\n__DISAMBIG__');
  await save('Plain', 'No maintenance template.');
  await save('Talk:Copyedit 1', '{{Copy edit}}');
  await t.createUser('Admin', 'admin password 123', ['sysop']);
  const admin = await t.services.accounts.actorForUser(
    TEST_WIKI,
    (await t.services.store.users.getByName(TEST_WIKI, 'Admin'))!.id,
  );
  await t.services.wikiSources
    .for(TEST_WIKI)
    .protect(admin, { title: 'Protected', protections: [{ type: 'edit', level: 'sysop', expiry: null }] });
  // Pages edited within a day are nobody's task yet.
  t.advance(2 * DAY);
  await runJobsUntilIdle(worker, { print: () => {} });
  await t.createUser('Newcomer', 'newcomer password 1');
  api = new ApiClient(t);
  await api.login('Newcomer', 'newcomer password 1');
});

afterAll(() => t.close());

describe('list=growthtasks', () => {
  it('refuses anonymous users', async () => {
    const r = await new ApiClient(t).get({ action: 'query', list: 'growthtasks', formatversion: '2' });
    expect((r.json as { error: { code: string } }).error.code).toBe('mustbeloggedin-generic');
  });

  it('lists the articles with a maintenance template, each once, with the reference’s fields', async () => {
    const r = await list({ gtlimit: '50' });
    const g = r.query!.growthtasks;
    const titles = g.suggestions.map((s) => s.title).sort();
    expect(titles).toEqual([...COPYEDIT, ...UPDATE, 'Both'].sort());
    expect(g.totalCount).toBe(titles.length);
    expect(r.continue).toBeUndefined();
    const both = g.suggestions.find((s) => s.title === 'Both')!;
    // A page of two types is one task, of the type first in the configuration.
    expect(both).toMatchObject({ tasktype: 'copyedit', difficulty: 'easy', qualityGateIds: [] });
    const update = g.suggestions.find((s) => s.title === 'Update 1')!;
    expect(update).toMatchObject({ tasktype: 'update', difficulty: 'medium' });
    expect(g.suggestions.map((s) => s.order)).toEqual(g.suggestions.map((_, i) => i));
    for (const s of g.suggestions) expect(s.token).toMatch(/^[a-z0-9]{32}$/);
  });

  it('filters by task type and counts exactly', async () => {
    const r = await list({ gttasktypes: 'update', gtlimit: '50' });
    expect(r.query!.growthtasks.suggestions.map((s) => s.title).sort()).toEqual([...UPDATE, 'Both'].sort());
    expect(r.query!.growthtasks.totalCount).toBe(4);
  });

  it('walks the whole pool with continue, every task once, in the same order for the same seed', async () => {
    const first = await walk({ gtlimit: '2', gtseed: 'alpha' });
    expect(first.slice().sort()).toEqual([...COPYEDIT, ...UPDATE, 'Both'].sort());
    expect(new Set(first).size).toBe(first.length);
    expect(await walk({ gtlimit: '5', gtseed: 'alpha' })).toEqual(first);
    const other = await walk({ gtlimit: '50', gtseed: 'beta' });
    expect(other.slice().sort()).toEqual(first.slice().sort());
  });

  it('keeps the walk whole while tasks come and go', async () => {
    const r = await list({ gtlimit: '4', gtseed: 'gamma' });
    const before = r.query!.growthtasks.suggestions.map((s) => s.title);
    // A task not yet visited leaves the pool, a new one arrives.
    const rest = (await walk({ gtlimit: '50', gtseed: 'gamma' })).slice(4);
    const leaving = rest[0]!;
    await save(leaving, `${leaving} was fixed.`);
    await save('Newcomer task', '{{Copy edit}}\nNew.');
    t.advance(2 * DAY);
    await runJobsUntilIdle(worker, { print: () => {} });
    const after = await walk({ gtlimit: '3', gtcontinue: r.continue!.gtcontinue! });
    const stayed = rest.filter((x) => x !== leaving);
    for (const title of stayed)
      expect(
        after.filter((x) => x === title),
        title,
      ).toHaveLength(1);
    expect(after).not.toContain(leaving);
    for (const title of before) expect(after).not.toContain(title);
  });

  it('leaves out excluded pages and counts without them', async () => {
    const all = (await list({ gtlimit: '50' })).query!.growthtasks;
    const excluded = [ids['Copyedit 1'], ids['Update 1']].map(String).join('|');
    const r = await list({ gtlimit: '50', gtexcludepageids: excluded });
    const titles = r.query!.growthtasks.suggestions.map((s) => s.title);
    expect(titles).not.toContain('Copyedit 1');
    expect(titles).not.toContain('Update 1');
    expect(r.query!.growthtasks.totalCount).toBe(all.totalCount - 2);
  });

  it('skips `offset` tasks of the seeded order (the reference’s continuation)', async () => {
    const whole = (await list({ gtlimit: '50', gtseed: 'delta' })).query!.growthtasks.suggestions;
    const r = await list({ gtlimit: '2', gtoffset: '3', gtseed: 'delta' });
    expect(r.query!.growthtasks.suggestions.map((s) => [s.title, s.order])).toEqual([
      [whole[3]!.title, 3],
      [whole[4]!.title, 4],
    ]);
  });

  it('says which task types a wiki does not offer and refuses when none is left', async () => {
    const r = await list({ gttasktypes: 'link-recommendation' });
    expect(r.error?.code).toBe('growthexperiments-newcomertasks-invalid-tasktype');
    const mixed = await list({ gttasktypes: 'update|link-recommendation', gtlimit: '50' });
    expect(mixed.query!.growthtasks.totalCount).toBe(4);
    expect(JSON.stringify(mixed.warnings)).toContain('link-recommendation');
  });

  it('refuses a continue value it did not make', async () => {
    expect((await list({ gtcontinue: 'nonsense' })).error?.code).toBe('badcontinue');
  });

  it('reports the daily limit gates of the gated types', async () => {
    const r = await list({ gtlimit: '1' });
    expect(r.query!.growthtasks.qualityGateConfig).toEqual({
      'image-recommendation': { dailyLimit: false, dailyCount: 0 },
      'section-image-recommendation': { dailyLimit: false, dailyCount: 0 },
    });
  });
});

describe('topics', () => {
  it('filters by any (OR) or all (AND) of the topics asked', async () => {
    const store = openTasksStore(t.services.store);
    const weights = (topics: string[]) => topics.map((topic) => ({ topic, weight: 0.9 }));
    await store.topics.replace(
      TEST_WIKI,
      'import',
      new Map([
        [ids['Copyedit 2']!, weights(['europe', 'history'])],
        [ids['Copyedit 3']!, weights(['europe'])],
        [ids['Update 2']!, weights(['history', 'biography'])],
        [ids['Copyedit 4']!, [{ topic: 'europe', weight: 0.2 }]],
      ]),
    );
    await t.services.tasks.refreshTasks(TEST_WIKI, [
      ids['Copyedit 2']!,
      ids['Copyedit 3']!,
      ids['Update 2']!,
      ids['Copyedit 4']!,
    ]);
    const titles = async (params: Record<string, string>) => {
      const g = (await list({ gtlimit: '50', ...params })).query!.growthtasks;
      return { titles: g.suggestions.map((s) => s.title).sort(), total: g.totalCount };
    };
    expect(await titles({ gttopics: 'europe' })).toEqual({ titles: ['Copyedit 2', 'Copyedit 3'], total: 2 });
    expect(await titles({ gttopics: 'europe|history' })).toEqual({
      titles: ['Copyedit 2', 'Copyedit 3', 'Update 2'],
      total: 3,
    });
    expect(await titles({ gttopics: 'europe|history', gttopicsmode: 'AND' })).toEqual({
      titles: ['Copyedit 2'],
      total: 1,
    });
    expect(await titles({ gttopics: 'history', gttasktypes: 'update' })).toEqual({
      titles: ['Update 2'],
      total: 1,
    });
  });
  it('counts exactly while pages gain and lose tasks, types and topics', async () => {
    await save('Copyedit 5', 'The copy edit is done.');
    await save('Counted', '{{Expand}}{{Copy edit}}\nTwo problems.');
    await save('Update 3', '{{Update}}{{Expand}}\nOut of date and short.');
    t.advance(2 * DAY);
    await runJobsUntilIdle(worker, { print: () => {} });
    for (const params of <Record<string, string>[]>[
      {},
      { gttasktypes: 'update' },
      { gttasktypes: 'copyedit|expand' },
      { gttopics: 'europe' },
      { gttopics: 'history', gttasktypes: 'update' },
      { gttopics: 'europe|history' },
      { gttopics: 'europe|history|biography', gttasktypes: 'update' },
      { gttopics: 'europe|history', gttopicsmode: 'AND' },
      { gttopics: 'history|biography', gttopicsmode: 'AND', gttasktypes: 'copyedit|update' },
    ]) {
      const g = (await list({ gtlimit: '50', ...params })).query!.growthtasks;
      expect(g.totalCount, JSON.stringify(params)).toBe(g.suggestions.length);
    }
  });
});

describe('the counts behind totalCount', () => {
  it('kept by every pool write, they equal the counts migration 022 computes from the pool', async () => {
    const db = t.services.store.repositories((ctx) => ctx.db()) as unknown as Kysely<TasksDatabase>;
    const setRows = async () =>
      (await db.selectFrom('task_count').selectAll().where('topic', 'like', '#,%').execute())
        .filter((r) => Number(r.pages) !== 0)
        .map((r) => `${r.wiki} ${r.topic} ${r.types} ${Number(r.pages)}`)
        .sort();
    const kept = await setRows();
    expect(kept.length).toBeGreaterThan(0);
    await db.deleteFrom('task_count').where('topic', 'like', '#,%').execute();
    await taskTopicSetCountMigration().up(db as unknown as Kysely<unknown>);
    expect(await setRows()).toEqual(kept);
  });
});

describe('generator=growthtasks', () => {
  it('gives the pages with the task fields, and the count in a top-level growthtasks object', async () => {
    const res = await api.get({
      action: 'query',
      generator: 'growthtasks',
      ggttasktypes: 'update',
      ggtlimit: '50',
      formatversion: '2',
    });
    const json = res.json as {
      growthtasks: { totalCount: number };
      query: { pages: { title: string; ns: number; tasktype: string; order: number }[] };
    };
    expect(json.growthtasks.totalCount).toBe(4);
    expect(json.query.pages.map((p) => p.title).sort()).toEqual([...UPDATE, 'Both'].sort());
    for (const p of json.query.pages) expect(p).toMatchObject({ ns: 0, tasktype: 'update' });
  });
});
