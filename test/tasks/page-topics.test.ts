import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runJobsUntilIdle } from '../../src/core/jobs/jobs-cli.ts';
import { createWorker } from '../../src/create-worker.ts';
import type { TopicLineReport } from '../../src/tasks/tasks-service.ts';
import { buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';
import { runCli } from '../factories/cli.ts';

/**
 * Page topics on the store: the category mapping (by the event subscription and for a whole
 * wiki), the import of articletopic predictions (bad lines, imported wins, idempotent, resumed),
 * and the agreement report on a case whose precision and recall are worked out by hand.
 */
vi.setConfig({ testTimeout: 180_000 });

let t: TestApp;
let dir: string;
let ids: Record<string, number>;
beforeAll(async () => {
  t = await buildTestApp({ sharedStore: true });
  dir = mkdtempSync(join(tmpdir(), 'wq-topics-'));
  ids = await t.savePages([
    ['Velora', 'A river.\n[[Category:Rivers of Avaria]]'],
    ['Ashford', 'A town.\n[[Category:Populated places in Corvania]]'],
    ['Clara Hollerith', 'A painter.\n[[Category:Avarian painters]]\n[[Category:1850 births]]'],
    ['Carabus montanus', 'A beetle.\n[[Category:Beetles of Estmark]]'],
    ['Plain', 'No categories.'],
    ['Old name', '#REDIRECT [[Velora]]'],
    ['Talk:Velora', 'Talk.\n[[Category:Rivers of Avaria]]'],
  ]);
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const tasks = () => t.services.tasks;
let worker: ReturnType<typeof createWorker> | undefined;
const runJobs = () => runJobsUntilIdle((worker ??= createWorker(t.services)), { print: () => {} });
const topicsOf = async (title: string) =>
  (await tasks().topicsOf(TEST_WIKI, [ids[title] ?? 0])).get(ids[title] ?? 0);
const weights = async (title: string) =>
  (await tasks().topicWeights(TEST_WIKI, [ids[title] ?? 0])).get(ids[title] ?? 0) ?? [];

function writeLines(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  return file;
}

describe('topics from categories', () => {
  it('come with the jobs of the edit events, for articles only, and follow category changes', async () => {
    await runJobs();
    expect(await topicsOf('Velora')).toEqual(['earth-and-environment', 'europe']);
    expect(await topicsOf('Ashford')).toEqual(['europe']);
    expect(await topicsOf('Clara Hollerith')).toEqual(['art', 'biography', 'europe']);
    expect(await topicsOf('Carabus montanus')).toEqual(['biology', 'europe']);
    expect(await topicsOf('Plain')).toBeUndefined();
    expect(await topicsOf('Old name')).toBeUndefined();
    expect(await topicsOf('Talk:Velora')).toBeUndefined();
    expect(await weights('Ashford')).toEqual([{ topic: 'europe', weight: 1, source: 'categories' }]);

    await t.savePages([
      ['Ashford', 'A town.\n[[Category:Populated places in Corvania]]\n[[Category:Rivers of Avaria]]'],
    ]);
    await runJobs();
    expect(await topicsOf('Ashford')).toEqual(['earth-and-environment', 'europe']);
    await t.savePages([['Ashford', 'A town, uncategorized.']]);
    await runJobs();
    expect(await topicsOf('Ashford')).toBeUndefined();
    // Each change of a page's topics is an event the task pool follows; a repeated mapping is none.
    await tasks().mapTopicsFromCategories(TEST_WIKI, [ids.Ashford ?? 0, ids.Velora ?? 0]);
    const events = await t.services.store.outbox.readAfter(0, 10_000, ['wikiqueue.page-topics']);
    expect(
      events
        .filter((e) => e.payload.page_id === ids.Ashford)
        .map((e) => [(e.payload.prior_state as { topics: string[] }).topics, e.payload.topics]),
    ).toEqual([
      [[], ['europe']],
      [['europe'], ['earth-and-environment', 'europe']],
      [['earth-and-environment', 'europe'], []],
    ]);
    expect(events.filter((e) => e.payload.page_id === ids.Velora)).toHaveLength(1);
  });

  it("`map-topics` maps the whole wiki, as the wiki's own tasks.topicCategories say", async () => {
    await t.services.wikis.setSetting(
      TEST_WIKI,
      'tasks.topicCategories',
      { music: ['Rivers of *'] },
      t.now(),
    );
    try {
      const s = await tasks().mapAllTopics(TEST_WIKI);
      expect(s).toMatchObject({ articles: 5, imported: 0, mapped: 1 });
      expect(await topicsOf('Velora')).toEqual(['music']);
      expect(await topicsOf('Clara Hollerith')).toBeUndefined();
    } finally {
      await t.services.wikis.setSetting(TEST_WIKI, 'tasks.topicCategories', {}, t.now());
    }
    await expect(
      t.services.wikis.setSetting(TEST_WIKI, 'tasks.topicCategories', { poetry: ['Poems'] }, t.now()),
    ).rejects.toMatchObject({ code: 'invalid-wiki-settings' });
    expect(await tasks().mapAllTopics(TEST_WIKI)).toMatchObject({ articles: 5, imported: 0, mapped: 3 });
    expect(await topicsOf('Clara Hollerith')).toEqual(['art', 'biography', 'europe']);
  });
});

describe('import of articletopic predictions', () => {
  it('keeps the good lines, reports the bad ones and unknown labels, and wins over the categories', async () => {
    const file = writeLines('mixed.jsonl', [
      JSON.stringify({
        page_id: ids.Velora,
        probability: {
          'Geography.Regions.Europe.Western_Europe': 0.9,
          'Geography.Geographical': 0.3,
          'Culture.Linguistics': 0.8,
        },
      }),
      '\tAshford\tHistory_and_Society.History|0.7,Bogus.Topic|0.9',
      '{"page_id": 5, not json',
      JSON.stringify({ page_id: 999_999, probability: { 'STEM.Biology': 0.9 } }),
      JSON.stringify({ page_title: 'Old name', probability: { 'STEM.Biology': 0.9 } }),
      JSON.stringify({ page_title: 'Talk:Velora', probability: { 'STEM.Biology': 0.9 } }),
      JSON.stringify({ wiki: 'dewiki', page_id: ids.Plain, probability: { 'STEM.Biology': 0.9 } }),
      '',
      JSON.stringify({ page_id: ids.Plain, probability: { 'STEM.Biology': 1.9 } }),
    ]);
    const bad: TopicLineReport[] = [];
    const s = await tasks().importTopics(TEST_WIKI, file, { batch: 4, onBadLine: (r) => bad.push(r) });
    expect(bad.map((r) => [r.line, r.field]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [3, '(line)'],
      [4, 'page_id'],
      [5, 'page_id'],
      [6, 'page_title'],
      [7, 'wiki'],
      [9, 'probability'],
    ]);
    expect(bad.find((r) => r.line === 4)?.reason).toBe(`no page 999999 on ${TEST_WIKI}`);
    expect(s).toEqual({
      lines: 8,
      updated: 2,
      unchanged: 0,
      bad: 6,
      unknownLabels: new Map([['Bogus.Topic', 1]]),
      resumedAfter: 0,
    });
    expect(await weights('Velora')).toEqual([
      { topic: 'earth-and-environment', weight: 0.3, source: 'import' },
      { topic: 'europe', weight: 0.9, source: 'import' },
    ]);
    expect(await topicsOf('Velora')).toEqual(['europe']);
    expect(await topicsOf('Ashford')).toEqual(['history']);
    // An edit of an imported page, and a full mapping run, leave its imported topics alone.
    await t.savePages([
      ['Velora', 'A river, edited.\n[[Category:Rivers of Avaria]]\n[[Category:1850 births]]'],
    ]);
    await runJobs();
    expect(await tasks().mapAllTopics(TEST_WIKI)).toMatchObject({ articles: 5, imported: 2 });
    expect(await topicsOf('Velora')).toEqual(['europe']);
    expect((await weights('Velora')).every((w) => w.source === 'import')).toBe(true);
  });

  it('changes nothing when the same file comes again, or a copy of it', async () => {
    const file = writeLines('again.tsv', [
      'page_id\tpage_title\ttopics',
      `${ids['Carabus montanus']}\t\tSTEM.Biology|0.95,Geography.Regions.Europe.Europe*|0.45`,
    ]);
    expect(await tasks().importTopics(TEST_WIKI, file)).toMatchObject({ lines: 1, updated: 1, bad: 0 });
    expect(await topicsOf('Carabus montanus')).toEqual(['biology']);
    expect(await tasks().importTopics(TEST_WIKI, file)).toMatchObject({
      lines: 0,
      updated: 0,
      resumedAfter: 2,
    });
    const copy = join(dir, 'copy.tsv');
    copyFileSync(file, copy);
    expect(await tasks().importTopics(TEST_WIKI, copy)).toMatchObject({ lines: 1, updated: 0, unchanged: 1 });
    expect(await weights('Carabus montanus')).toEqual([
      { topic: 'biology', weight: 0.95, source: 'import' },
      { topic: 'europe', weight: 0.45, source: 'import' },
    ]);
  });

  it('resumes an interrupted import after its last committed batch', async () => {
    const pages = await t.savePages([
      ['Resume one', 'x'],
      ['Resume two', 'x'],
      ['Resume three', 'x'],
    ]);
    const file = writeLines(
      'interrupted.jsonl',
      Object.values(pages).map((id) =>
        JSON.stringify({ page_id: id, probability: { 'Culture.Sports': 0.8 } }),
      ),
    );
    await expect(
      tasks().importTopics(TEST_WIKI, file, {
        batch: 2,
        onProgress: () => {
          throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    const stored = async () => [...(await tasks().topicsOf(TEST_WIKI, Object.values(pages))).keys()].length;
    expect(await stored()).toBe(2);
    const resumed = await tasks().importTopics(TEST_WIKI, file, { batch: 2 });
    expect(resumed).toMatchObject({ resumedAfter: 2, lines: 1, updated: 1 });
    expect(await stored()).toBe(3);
  });

  it('gives a page the file gives no topic its categories back', async () => {
    const file = writeLines('empty.jsonl', [
      JSON.stringify({ page_id: ids['Clara Hollerith'], probability: {} }),
    ]);
    expect(await tasks().importTopics(TEST_WIKI, file)).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await topicsOf('Clara Hollerith')).toEqual(['art', 'biography', 'europe']);
  });

  it('refuses a wiki this service does not serve', async () => {
    const file = writeLines('nowiki.jsonl', [JSON.stringify({ page_id: 1, probability: {} })]);
    await expect(tasks().importTopics('plwiki', file)).rejects.toMatchObject({ code: 'nosuchwiki' });
  });
});

describe('agreement of the category mapping with the predictions', () => {
  let a: TestApp;
  beforeAll(async () => {
    a = await buildTestApp({ sharedStore: true });
  });
  afterAll(async () => {
    await a?.close();
  });

  it('gives the precision and recall per group worked out by hand, from the service and the CLI', async () => {
    const p = await a.savePages([
      // categories: earth, europe; predictions: earth, europe.
      ['River', '[[Category:Rivers of Avaria]]'],
      // categories: art, biography, europe; predictions: biography, music, europe.
      ['Painter', '[[Category:Avarian painters]] [[Category:1850 births]]'],
      // categories: biology, europe; predictions: biology.
      ['Beetle', '[[Category:Beetles of Estmark]]'],
      // no categories: not compared.
      ['Bare', 'text'],
    ]);
    const file = join(dir, 'agreement.jsonl');
    writeFileSync(
      file,
      [
        {
          page_title: 'River',
          probability: { 'Geography.Geographical': 0.8, 'Geography.Regions.Europe.Europe*': 0.7 },
        },
        {
          page_title: 'Painter',
          probability: {
            'Culture.Biography.Biography*': 0.9,
            'Culture.Media.Music': 0.6,
            'Culture.Visual_arts.Visual_arts*': 0.4,
            'Geography.Regions.Europe.Eastern_Europe': 0.55,
          },
        },
        {
          page_title: 'Beetle',
          probability: { 'STEM.Biology': 0.9, 'Geography.Regions.Europe.Europe*': 0.2 },
        },
        { page_title: 'Bare', probability: { 'History_and_Society.History': 0.9 } },
      ]
        .map((l) => `${JSON.stringify(l)}\n`)
        .join(''),
    );
    await a.services.tasks.importTopics(TEST_WIKI, file);
    const r = await a.services.tasks.topicAgreement(TEST_WIKI);
    expect(r.importedPages).toBe(4);
    expect(r.comparedPages).toBe(3);
    const by = Object.fromEntries(r.groups.map((g) => [g.group, g]));
    expect(by.geography).toMatchObject({
      agreed: 2,
      fromCategories: 3,
      imported: 2,
      precision: 2 / 3,
      recall: 1,
    });
    expect(by.culture).toMatchObject({ agreed: 0, fromCategories: 1, imported: 1, precision: 0, recall: 0 });
    expect(by['history-and-society']).toMatchObject({ precision: 1, recall: 1 });
    expect(by['science-technology-and-math']).toMatchObject({ agreed: 2, precision: 1, recall: 1 });
    expect(by.all).toMatchObject({ agreed: 5, fromCategories: 7, imported: 6 });
    expect(p.Bare).toBeGreaterThan(0);

    const config = join(dir, 'agreement.config.json');
    writeFileSync(config, JSON.stringify({ databaseUrl: a.databaseUrl }));
    const run = await runCli(['--config', config, 'tasks', 'topic-agreement', '--wiki', TEST_WIKI], {
      cwd: dir,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      `tasks topic-agreement: ${TEST_WIKI}: 3 of 4 pages with imported topics have topics from their categories too\n` +
        'culture                      precision   0.0% (0/1)  recall   0.0% (0/1)\n' +
        'history-and-society          precision 100.0% (1/1)  recall 100.0% (1/1)\n' +
        'science-technology-and-math  precision 100.0% (2/2)  recall 100.0% (2/2)\n' +
        'geography                    precision  66.7% (2/3)  recall 100.0% (2/2)\n' +
        'all                          precision  71.4% (5/7)  recall  83.3% (5/6)\n',
    );
  });

  it('runs import-topics and map-topics as commands with a summary line and bad lines on stderr', async () => {
    const config = join(dir, 'cli.config.json');
    writeFileSync(config, JSON.stringify({ databaseUrl: a.databaseUrl }));
    const file = writeLines('cli.jsonl', [
      JSON.stringify({ page_title: 'Bare', probability: { 'Culture.Sports': 0.9, 'Culture.Cooking': 0.9 } }),
      JSON.stringify({ page_title: 'Nowhere', probability: {} }),
    ]);
    const run = await runCli(['--config', config, 'tasks', 'import-topics', file, '--wiki', TEST_WIKI], {
      cwd: dir,
    });
    expect(run.stderr).toContain(`line 2: page_title: no page "Nowhere" on ${TEST_WIKI}`);
    expect(run.stdout).toBe(
      `tasks import-topics: ${TEST_WIKI}: 1 pages updated, 0 unchanged, 1 bad lines skipped of 2 lines; ` +
        'unknown topic labels left out: Culture.Cooking (1)\n',
    );
    expect(run.status).toBe(0);
    const map = await runCli(['--config', config, 'tasks', 'map-topics', '--wiki', TEST_WIKI], { cwd: dir });
    expect(map.stdout).toBe(
      `tasks map-topics: ${TEST_WIKI}: 4 articles, 0 with topics from their categories, 4 with imported topics (kept)\n`,
    );
    expect((await a.services.tasks.topicsOf(TEST_WIKI, [0])).size).toBe(0);
  });
});
