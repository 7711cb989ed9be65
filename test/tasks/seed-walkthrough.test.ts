import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Session from 'm3api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventGateDelivery } from '../../src/core/events/eventgate-delivery.ts';
import { runJobsUntilIdle } from '../../src/core/jobs/jobs-cli.ts';
import { createWorker, type Worker } from '../../src/create-worker.ts';
import { datasetIdAt } from '../../src/suggestions/domain/image-suggestion.ts';
import { buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';
import { silentLogger } from '../jobs/job-fixtures.ts';
import { addMediaRepo, bitmap, MEDIA_REPO, uploadFiles } from '../factories/media.ts';

/**
 * Seed 001 ("Building your own client for Wikipedia's image suggestions API") replayed step by
 * step by a real client library (m3api) over a listening server: the two preferences, the task list
 * through the generator paged with `ggtexcludepageids` and with `continue`, the suggestion's
 * metadata from the public suggestions route, an accept with a caption, a rejection with reasons
 * (with the seed's own spelling of the data parameter), an invalidation — and the feedback events
 * at a local EventGate stand-in that was down while they were made.
 */
let t: TestApp;
let worker: Worker;
let base: string;
let session: Session;
let ids: Record<string, number>;
const DAY = 86_400;
const IMAGE_ARTICLES = Array.from({ length: 9 }, (_, i) => `Town ${i + 1}`);
const COPYEDIT_ARTICLES = Array.from({ length: 5 }, (_, i) => `Essay ${i + 1}`);

/** A local EventGate: records the events it accepts; `down` closes its port for a while. */
class EventGateStandIn {
  events: Record<string, unknown>[] = [];
  port = 0;
  #server: Server | undefined;

  async up(): Promise<void> {
    this.#server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        this.events.push(...(JSON.parse(body) as Record<string, unknown>[]));
        res.writeHead(201).end();
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.#server.address() as AddressInfo).port;
  }

  down(): Promise<void> {
    return new Promise((resolve) => this.#server!.close(() => resolve()));
  }
}
const gate = new EventGateStandIn();
let delivery: EventGateDelivery;

beforeAll(async () => {
  t = await buildTestApp();
  worker = createWorker(t.services);
  await addMediaRepo(t);
  await uploadFiles(t, [
    { name: 'Zebra_Jump.jpg', bytes: await bitmap(800, 600, 'jpeg') },
    { name: 'Yellow_cab.jpg', bytes: await bitmap(640, 480, 'jpeg') },
  ]);
  ids = await t.savePages([
    ...IMAGE_ARTICLES.map((title): [string, string] => [title, `${title} is a town.`]),
    ...COPYEDIT_ARTICLES.map((title): [string, string] => [title, `{{Copy edit}}\n${title} needs work.`]),
  ]);
  await runJobsUntilIdle(worker, { print: () => {} });
  const datasetId = datasetIdAt(Date.now(), randomBytes(10));
  for (const title of IMAGE_ARTICLES)
    await t.services.suggestions.replacePageSuggestions(TEST_WIKI, ids[title]!, datasetId, [
      {
        image: 'Zebra_Jump.jpg',
        origin_wiki: MEDIA_REPO,
        confidence: 0.8,
        found_on: ['cswiki', 'dewiki'],
        kind: ['istype-lead-image'],
        page_rev: null,
        section_heading: null,
        section_index: null,
        page_qid: null,
      },
    ]);
  t.advance(2 * DAY);
  await runJobsUntilIdle(worker, { print: () => {} });

  await t.createUser('Newcomer', 'newcomer main password');
  const botPassword = await t.services.accounts.addBotPassword(TEST_WIKI, 'Newcomer', 'app', [
    'basic',
    'editpage',
    'editmyoptions',
  ]);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  session = new Session(
    `${base}/w/api.php`,
    { formatversion: 2, errorformat: 'plaintext' },
    { userAgent: 'wikiqueue-tests (seed 001 walkthrough)', warn: () => undefined, maxRetriesSeconds: 0 },
  );
  await session.request(
    { action: 'login', lgname: 'Newcomer@app', lgpassword: botPassword },
    { method: 'POST', tokenType: 'login', tokenName: 'lgtoken' },
  );
  session.tokens.clear();
  session.defaultParams.assert = 'user';

  await gate.up();
  delivery = new EventGateDelivery({
    store: t.services.store,
    clock: t.services.clock,
    logger: silentLogger,
    streams: t.services.streams,
    url: `http://127.0.0.1:${gate.port}`,
    send: ['mediawiki.image_suggestions_feedback'],
    batchSize: 50,
    timeoutMs: 2000,
    maxBackoffMs: 1000,
    pollIntervalMs: 10,
  });
  // The delivery starts at the head of the event log, as a new deployment does.
  expect(await delivery.deliverOnce()).toEqual({ kind: 'idle' });
});
afterAll(async () => {
  await t.close();
});

type TaskPage = { pageid: number; title: string; tasktype: string; qualityGateConfig: unknown };

async function tasksPage(params: Record<string, string | number | string[]>) {
  const r = await session.request({ action: 'query', generator: 'growthtasks', ggtlimit: 4, ...params });
  return {
    pages: ((r.query?.pages ?? []) as TaskPage[]).sort(
      (a, b) => (a as { order?: number }).order! - (b as { order?: number }).order!,
    ),
    totalCount: (r.growthtasks as { totalCount: number }).totalCount,
    continue: r.continue as Record<string, string> | undefined,
  };
}

describe("seed 001's walkthrough with m3api", () => {
  it('enables suggested edits with the two preferences', async () => {
    const r = await session.request(
      {
        action: 'options',
        change: [
          'growthexperiments-homepage-suggestededits-activated=1',
          'growthexperiments-homepage-enable=1',
        ],
      },
      { method: 'POST', tokenType: 'csrf' },
    );
    expect(r).toMatchObject({ options: 'success' });
    const info = await session.request({ action: 'query', meta: 'userinfo', uiprop: 'options' });
    expect(info.query.userinfo.options).toMatchObject({
      'growthexperiments-homepage-enable': '1',
      'growthexperiments-homepage-suggestededits-activated': '1',
    });
  });

  it('pages through every task with ggtexcludepageids, as the seed tells clients to', async () => {
    const seen: TaskPage[] = [];
    let total = 0;
    for (let round = 0; round < 10; round++) {
      const page = await tasksPage({ ggtexcludepageids: seen.map((p) => String(p.pageid)) });
      if (round === 0) total = page.totalCount;
      if (page.pages.length === 0) break;
      seen.push(...page.pages);
    }
    const titles = seen.map((p) => p.title).sort();
    expect(titles).toEqual([...IMAGE_ARTICLES, ...COPYEDIT_ARTICLES].sort());
    expect(total).toBe(titles.length);
    const town = seen.find((p) => p.title === 'Town 1')!;
    expect(town).toMatchObject({
      tasktype: 'image-recommendation',
      qualityGateConfig: { 'image-recommendation': { dailyLimit: false, dailyCount: 0 } },
    });
  });

  it('pages through every task with continue too (what the reference could not offer)', async () => {
    const seen: string[] = [];
    // m3api declares the generator's type as {}; it yields one response per request.
    const responses = session.requestAndContinue({
      action: 'query',
      generator: 'growthtasks',
      ggtlimit: 4,
      ggtseed: 'walkthrough',
    }) as AsyncIterable<{ query?: { pages: TaskPage[] } }>;
    for await (const r of responses) seen.push(...(r.query?.pages ?? []).map((p) => p.title));
    expect(seen.slice().sort()).toEqual([...IMAGE_ARTICLES, ...COPYEDIT_ARTICLES].sort());
  });

  it('reads the suggestion of a task from the public suggestions route', async () => {
    const res = await fetch(`${base}/public/image_suggestions/suggestions/${TEST_WIKI}/${ids['Town 1']}`);
    const { rows } = (await res.json()) as { rows: Record<string, unknown>[] };
    expect(rows).toEqual([
      expect.objectContaining({
        wiki: TEST_WIKI,
        page_id: ids['Town 1'],
        image: 'Zebra_Jump.jpg',
        kind: ['istype-lead-image'],
        origin_wiki: MEDIA_REPO,
      }),
    ]);
  });

  it('goes down: the EventGate stand-in stops answering', async () => {
    await gate.down();
  });

  it('accepts with a caption: the text, the log and the tags change, and the task is gone', async () => {
    const page = await session.request({
      action: 'query',
      prop: 'revisions',
      rvprop: 'content',
      rvslots: 'main',
      titles: 'Town 1',
    });
    const current = page.query.pages[0].revisions[0].slots.main.content as string;
    // The client builds the text itself, as the seed's Czech example does.
    const text = `[[File:Zebra Jump.jpg|thumb|Here is some caption.]]\n${current}`;
    const r = await session.request(
      {
        action: 'edit',
        title: 'Town 1',
        text,
        plugins: 'ge-task-image-recommendation',
        'data-ge-task-image-recommendation': JSON.stringify({
          taskType: 'image-recommendation',
          filename: 'Zebra_Jump.jpg',
          accepted: true,
          reasons: [],
          caption: 'Here is some caption.',
          sectionTitle: null,
          sectionNumber: null,
        }),
      },
      { method: 'POST', tokenType: 'csrf' },
    );
    expect(r.edit).toMatchObject({ result: 'Success', gelogid: expect.any(Number) });
    const after = await session.request({
      action: 'query',
      prop: 'revisions',
      rvprop: ['content', 'tags'],
      rvslots: 'main',
      titles: 'Town 1',
    });
    const rev = after.query.pages[0].revisions[0];
    expect(rev.slots.main.content).toBe(text);
    expect(rev.tags.sort()).toEqual(['newcomer task', 'newcomer task image suggestion']);
    const log = await session.request({ action: 'query', list: 'logevents', letype: 'growthexperiments' });
    expect(log.query.logevents[0]).toMatchObject({ action: 'addimage', title: 'Town 1', user: 'Newcomer' });
    await runJobsUntilIdle(worker, { print: () => {} });
    expect((await tasksPage({ ggtlimit: 50 })).pages.map((p) => p.title)).not.toContain('Town 1');
    expect(await t.services.suggestions.tagsOf(TEST_WIKI, [ids['Town 1']!])).toEqual(new Map());
  });

  it('rejects with reasons through a null edit, with the seed’s spelling of the data parameter', async () => {
    const page = await session.request({
      action: 'query',
      prop: 'revisions',
      rvprop: 'content',
      rvslots: 'main',
      titles: 'Town 2',
    });
    const current = page.query.pages[0].revisions[0].slots.main.content as string;
    const r = await session.request(
      {
        action: 'edit',
        title: 'Town 2',
        text: current,
        plugins: 'ge-task-image-recommendation',
        'data-ge-task-image-recommenation': JSON.stringify({
          taskType: 'image-recommendation',
          filename: 'Zebra_Jump.jpg',
          accepted: false,
          reasons: ['notrelevant', 'noinfo'],
          caption: '',
          sectionTitle: null,
          sectionNumber: null,
        }),
      },
      { method: 'POST', tokenType: 'csrf' },
    );
    expect(r.edit).toMatchObject({ result: 'Success', nochange: true, gelogid: expect.any(Number) });
    await runJobsUntilIdle(worker, { print: () => {} });
    expect((await tasksPage({ ggtlimit: 50 })).pages.map((p) => p.title)).not.toContain('Town 2');
  });

  it('invalidates a task the client found it cannot do', async () => {
    const r = await session.request(
      { action: 'growthinvalidateimagerecommendation', title: 'Town 3', filename: 'Zebra_Jump.jpg' },
      { method: 'POST', tokenType: 'csrf' },
    );
    expect(r).toMatchObject({ growthinvalidateimagerecommendation: { status: 'ok' } });
    expect((await tasksPage({ ggtlimit: 50 })).pages.map((p) => p.title)).not.toContain('Town 3');
  });

  it('delivers the feedback events once the stand-in is back, each once', async () => {
    const failed = await delivery.deliverOnce();
    expect(failed.kind).toBe('failed');
    expect(gate.events).toEqual([]);
    await gate.up();
    for (let i = 0; i < 5 && (await delivery.deliverOnce()).kind !== 'idle'; i++);
    const got = gate.events.map((e) => [e.page_id, e.is_accepted, e.is_rejected]);
    expect(got).toEqual([
      [ids['Town 1'], true, false],
      [ids['Town 2'], false, true],
      [ids['Town 3'], false, false],
    ]);
    expect(gate.events[1]).toMatchObject({
      meta: { stream: 'mediawiki.image_suggestions_feedback' },
      rejection_reasons: ['notrelevant', 'noinfo'],
      filename: 'Zebra_Jump.jpg',
    });
    expect(await delivery.deliverOnce()).toEqual({ kind: 'idle' });
    expect(gate.events).toHaveLength(3);
    await gate.down();
  });
});
