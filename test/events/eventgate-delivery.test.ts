import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENTGATE_CONSUMER, EventGateDelivery } from '../../src/core/events/eventgate-delivery.ts';
import type { Store } from '../../src/core/store/store.ts';
import type { WireEvent } from '../../src/core/events/wire-event.ts';
import { runJobsUntilIdle } from '../../src/core/jobs/jobs-cli.ts';
import { streamRegistry, subsystemMigrations } from '../../src/create-services.ts';
import { createWorker } from '../../src/create-worker.ts';
import { buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';
import { openTestStore } from '../factories/test-store.ts';
import { manualClock, silentLogger } from '../jobs/job-fixtures.ts';

/** A local EventGate stand-in: records every request and answers with `answer`. */
interface Intake {
  url: string;
  port: number;
  requests: { method: string; path: string; contentType: string; events: WireEvent[] }[];
  /** The answer: `body` is sent as JSON, `raw` as it is. */
  answer: (events: WireEvent[]) => IntakeAnswer | Promise<IntakeAnswer>;
  close(): Promise<void>;
}

type IntakeAnswer = { status: number; body?: unknown; raw?: string };

async function startIntake(port = 0): Promise<Intake> {
  const intake: Intake = {
    url: '',
    port: 0,
    requests: [],
    answer: () => ({ status: 201 }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', async () => {
      const events = JSON.parse(body) as WireEvent[];
      intake.requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        contentType: req.headers['content-type'] ?? '',
        events,
      });
      const { status, body: out, raw } = await intake.answer(events);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(raw ?? (out === undefined ? '' : JSON.stringify(out)));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  intake.port = (server.address() as AddressInfo).port;
  intake.url = `http://127.0.0.1:${intake.port}`;
  return intake;
}

let store: Store;
let closeStore: (() => Promise<void>) | undefined;
let intake: Intake | undefined;
const time = manualClock();

async function openStoreForTest(): Promise<Store> {
  const opened = await openTestStore({ clock: time.clock });
  await opened.store.migrate(subsystemMigrations());
  closeStore = opened.close;
  return opened.store;
}

afterEach(async () => {
  await intake?.close();
  intake = undefined;
  await closeStore?.();
  closeStore = undefined;
});

function delivery(url: string, opts: Partial<ConstructorParameters<typeof EventGateDelivery>[0]> = {}) {
  return new EventGateDelivery({
    store,
    clock: time.clock,
    logger: silentLogger,
    streams: streamRegistry(),
    url,
    send: [],
    batchSize: 10,
    timeoutMs: 2000,
    maxBackoffMs: 60_000,
    pollIntervalMs: 10,
    ...opts,
  });
}

/** A store, an intake, and a delivery to it that has run once: its cursor is at the log's head. */
async function gateAtHead(opts: Partial<ConstructorParameters<typeof EventGateDelivery>[0]> = {}) {
  store = await openStoreForTest();
  const target = await startIntake();
  intake = target;
  const gate = delivery(target.url, opts);
  await gate.deliverOnce();
  return { gate, target };
}

const append = (stream: string, n: number) =>
  store.transaction((tx) =>
    tx.outbox.append(
      'enwiki',
      stream,
      {
        $schema: '/mediawiki/revision/create/2.0.0',
        meta: { stream, dt: '2023-11-14T22:13:20Z', domain: 'en.wikipedia.org' },
        database: 'enwiki',
        n,
      },
      time.clock(),
    ),
  );

const position = async () => (await store.eventConsumers.get(EVENTGATE_CONSUMER))?.position;
const ids = async () => (await store.outbox.readAfter(0, 100)).map((e) => e.id);

describe('EventGate delivery', () => {
  it('starts at the head of the log: events written before it first runs are not sent', async () => {
    store = await openStoreForTest();
    intake = await startIntake();
    await append('mediawiki.page-create', 1);
    const gate = delivery(intake.url);
    expect(await gate.deliverOnce()).toEqual({ kind: 'idle' });
    await append('mediawiki.page-create', 2);
    await gate.deliverOnce();
    expect(intake.requests.flatMap((r) => r.events.map((e) => e.n))).toEqual([2]);
  });

  it('POSTs a JSON array of events in EventGate shape to {url}/v1/events and advances on 201', async () => {
    store = await openStoreForTest();
    intake = await startIntake();
    const gate = delivery(`${intake.url}/`);
    await gate.deliverOnce();
    await append('mediawiki.page-create', 1);
    await append('mediawiki.revision-create', 2);

    expect(await gate.deliverOnce()).toMatchObject({ kind: 'delivered', sent: 2, accepted: 2, rejected: 0 });
    const [request] = intake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/events', contentType: 'application/json' });
    expect(request!.events.map((e) => e.meta.stream)).toEqual([
      'mediawiki.page-create',
      'mediawiki.revision-create',
    ]);
    for (const e of request!.events) {
      expect(e.$schema).toBe('/mediawiki/revision/create/2.0.0');
      expect(e.meta).toMatchObject({ dt: '2023-11-14T22:13:20Z', domain: 'en.wikipedia.org' });
      expect(e.meta.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(request!.events.map((e) => e.meta.id)).size).toBe(2);
    expect(await position()).toBe((await ids()).at(-1));
    expect(await gate.deliverOnce()).toEqual({ kind: 'idle' });
    expect(intake.requests).toHaveLength(1);
  });

  it('sends only the configured streams and passes the others', async () => {
    const { gate, target } = await gateAtHead({ send: ['mediawiki.page-delete'] });
    await append('mediawiki.page-create', 1);
    await append('mediawiki.page-delete', 2);
    await append('mediawiki.page-create', 3);

    await gate.deliverOnce();
    expect(target.requests.flatMap((r) => r.events.map((e) => e.n))).toEqual([2]);
    expect(await position()).toBe((await ids()).at(-1));
  });

  it('refuses a stream that no one declared', async () => {
    store = await openStoreForTest();
    expect(() => delivery('http://127.0.0.1:1', { send: ['no.such-stream'] })).toThrow(
      /unknown stream "no.such-stream"/,
    );
  });

  it('on 207 records invalid events and skips them, and sends errored ones again', async () => {
    const { gate, target } = await gateAtHead();
    for (const n of [1, 2, 3, 4]) await append('mediawiki.page-create', n);
    const [, second, third] = await ids();
    target.answer = (events) => ({
      status: 207,
      body: {
        invalid: [
          { status: 'invalid', event: events[1], context: { message: "'rev_id' is a required property" } },
        ],
        error: [{ status: 'error', event: events[2], context: { message: 'Kafka is down' } }],
      },
    });

    expect(await gate.deliverOnce()).toMatchObject({ kind: 'failed', sent: 4 });
    expect(await position()).toBe(third! - 1);
    expect(await store.eventConsumers.rejections(EVENTGATE_CONSUMER, 10)).toEqual([
      expect.objectContaining({
        eventId: second,
        stream: 'mediawiki.page-create',
        reason: "'rev_id' is a required property",
      }),
    ]);

    target.answer = () => ({ status: 201 });
    expect(await gate.deliverOnce()).toMatchObject({ kind: 'delivered', sent: 2 });
    expect(target.requests.map((r) => r.events.map((e) => e.n))).toEqual([
      [1, 2, 3, 4],
      [3, 4],
    ]);
    // The resent events keep their meta.id, so the target can drop what it had taken.
    expect(target.requests[1]!.events[1]!.meta.id).toBe(target.requests[0]!.events[3]!.meta.id);
    expect(await position()).toBe((await ids()).at(-1));
  });

  it('on 400 records every invalid event and passes the batch', async () => {
    const { gate, target } = await gateAtHead();
    for (const n of [1, 2]) await append('mediawiki.page-create', n);
    target.answer = (events) => ({
      status: 400,
      body: {
        invalid: events.map((event) => ({ status: 'invalid', event, context: { message: 'bad' } })),
        error: [],
      },
    });

    expect(await gate.deliverOnce()).toMatchObject({ kind: 'delivered', sent: 2, accepted: 0, rejected: 2 });
    expect((await store.eventConsumers.rejections(EVENTGATE_CONSUMER, 10)).map((r) => r.eventId)).toEqual(
      await ids(),
    );
    expect(await position()).toBe((await ids()).at(-1));
  });

  it("passes the batch on 202 (EventGate's hasty mode: queued, not yet produced)", async () => {
    const { gate, target } = await gateAtHead();
    for (const n of [1, 2]) await append('mediawiki.page-create', n);
    target.answer = () => ({ status: 202 });

    expect(await gate.deliverOnce()).toMatchObject({ kind: 'delivered', sent: 2, accepted: 2, rejected: 0 });
    expect(await position()).toBe((await ids()).at(-1));
    expect(await store.eventConsumers.rejections(EVENTGATE_CONSUMER, 10)).toEqual([]);
  });

  it('passes nothing on a server error, nor on a 207 without item outcomes: both are tried again', async () => {
    const { gate, target } = await gateAtHead();
    const start = await position();
    await append('mediawiki.page-create', 1);
    target.answer = () => ({ status: 503, body: { error: 'unavailable' } });
    expect(await gate.deliverOnce()).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('HTTP 503'),
    });
    target.answer = () => ({ status: 500 });
    expect(await gate.deliverOnce()).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('HTTP 500'),
    });
    target.answer = () => ({ status: 207, body: 'partly' });
    expect(await gate.deliverOnce()).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('HTTP 207'),
    });
    expect(await position()).toBe(start);
    expect(await store.eventConsumers.rejections(EVENTGATE_CONSUMER, 10)).toEqual([]);
    expect(target.requests.map((r) => r.events.map((e) => e.n))).toEqual([[1], [1], [1]]);
  });

  for (const [what, answer, recorded] of [
    ['no body', { status: 400 }, '(empty)'],
    ['a body that is not JSON', { status: 400, raw: '<h1>Bad Request</h1>' }, '<h1>Bad Request</h1>'],
    ['a body that is not the item list', { status: 400, body: 'no' }, '"no"'],
    [
      'an item list naming no event of the batch',
      { status: 400, body: { invalid: [{ status: 'invalid', event: { meta: { id: 'x' } } }] } },
      '{"invalid":[{"status":"invalid","event":{"meta":{"id":"x"}}}]}',
    ],
  ] as const)
    it(`on 400 with ${what}, records every event of the batch as rejected and passes it`, async () => {
      const { gate, target } = await gateAtHead();
      for (const n of [1, 2]) await append('mediawiki.page-create', n);
      target.answer = () => answer;

      expect(await gate.deliverOnce()).toMatchObject({
        kind: 'delivered',
        sent: 2,
        accepted: 0,
        rejected: 2,
      });
      const rejections = await store.eventConsumers.rejections(EVENTGATE_CONSUMER, 10);
      expect(rejections.map((r) => r.eventId)).toEqual(await ids());
      for (const r of rejections)
        expect(r.reason).toBe(
          'eventgate-batch-rejected: EventGate answered HTTP 400 without naming the invalid events, so every ' +
            `event of the batch is taken as rejected. Its answer: ${recorded}`,
        );
      expect(await position()).toBe((await ids()).at(-1));
      // Passed for good: the next round has nothing to send.
      expect(await gate.deliverOnce()).toEqual({ kind: 'idle' });
      expect(target.requests).toHaveLength(1);
    });

  it('keeps the events while the target is down and delivers them once it is up', async () => {
    store = await openStoreForTest();
    intake = await startIntake();
    const port = intake.port;
    const gate = delivery(intake.url);
    await gate.deliverOnce();
    const start = await position();
    await intake.close();
    intake = undefined;
    await append('mediawiki.page-create', 1);
    await append('mediawiki.page-create', 2);

    expect(await gate.deliverOnce()).toMatchObject({
      kind: 'failed',
      sent: 2,
      reason: expect.stringContaining('fetch failed'),
    });
    expect(await gate.deliverOnce()).toMatchObject({ kind: 'failed' });
    expect(await position()).toBe(start);

    intake = await startIntake(port);
    expect(await gate.deliverOnce()).toMatchObject({ kind: 'delivered', sent: 2 });
    expect(intake.requests.flatMap((r) => r.events.map((e) => e.n))).toEqual([1, 2]);
    expect(await position()).toBe((await ids()).at(-1));
  });

  it('running in the background, retries with back-off until the target comes up', async () => {
    store = await openStoreForTest();
    intake = await startIntake();
    const port = intake.port;
    const gate = delivery(intake.url, { minBackoffMs: 20, maxBackoffMs: 80 });
    await gate.deliverOnce();
    await intake.close();
    intake = undefined;
    await append('mediawiki.page-create', 1);

    gate.start();
    try {
      await new Promise((r) => setTimeout(r, 150));
      intake = await startIntake(port);
      for (let i = 0; i < 100 && (await position()) !== (await ids()).at(-1); i++)
        await new Promise((r) => setTimeout(r, 20));
    } finally {
      await gate.stop();
    }
    expect(intake.requests.flatMap((r) => r.events.map((e) => e.n))).toEqual([1]);
    expect(await position()).toBe((await ids()).at(-1));
  });

  it('lets one process deliver at a time: another finds the cursor leased', async () => {
    store = await openStoreForTest();
    intake = await startIntake();
    const a = delivery(intake.url, { holder: 'a' });
    const b = delivery(intake.url, { holder: 'b' });
    await a.deliverOnce();
    await append('mediawiki.page-create', 1);
    let answer!: () => void;
    intake.answer = () => new Promise((resolve) => (answer = () => resolve({ status: 201 })));

    const first = a.deliverOnce();
    while (intake.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(await b.deliverOnce()).toEqual({ kind: 'busy' });
    answer();
    expect(await first).toMatchObject({ kind: 'delivered', sent: 1 });
    expect(await b.deliverOnce()).toEqual({ kind: 'idle' });
    expect(intake.requests).toHaveLength(1);
  });
});

describe('wikiqueue jobs run with events.eventGate.url set', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** The app's services with EventGate at the intake, `batchSize` events per POST. */
  async function appWithGate(batchSize: number): Promise<TestApp> {
    intake = await startIntake();
    t = await buildTestApp({ events: { eventGate: { url: intake.url, batchSize } } });
    return t;
  }

  const appendTo = (app: TestApp, n: number) =>
    app.services.store.transaction((tx) =>
      tx.outbox.append(
        TEST_WIKI,
        'mediawiki.page-delete',
        { meta: { stream: 'mediawiki.page-delete' }, n },
        app.now(),
      ),
    );

  it('sends the events written since its first run to EventGate, batch after batch, and says so', async () => {
    const app = await appWithGate(2);
    const worker = createWorker(app.services);
    await runJobsUntilIdle(worker, { print: () => {} });
    for (const n of [1, 2, 3]) await appendTo(app, n);

    const lines: string[] = [];
    const summary = await runJobsUntilIdle(worker, { print: (l) => lines.push(l) });
    expect(intake!.requests.map((r) => [r.path, r.events.map((e) => e.n)])).toEqual([
      ['/v1/events', [1, 2]],
      ['/v1/events', [3]],
    ]);
    expect(summary.eventGate).toEqual({ accepted: 3, rejected: 0 });
    // The deletions' jobs (the review queue's) ran too.
    expect(lines).toEqual([
      expect.stringMatching(/^jobs: \d+ done, 0 failed, 0 dead$/),
      'eventgate: 3 accepted, 0 rejected',
    ]);
    const last = (await app.services.store.outbox.readAfter(0, 100)).at(-1)!.id;
    expect((await app.services.store.eventConsumers.get(EVENTGATE_CONSUMER))?.position).toBe(last);
  });

  it('gives up delivery for the run at the first failure, keeping the events for the next run', async () => {
    const app = await appWithGate(2);
    const worker = createWorker(app.services);
    await runJobsUntilIdle(worker, { print: () => {} });
    for (const n of [1, 2, 3]) await appendTo(app, n);
    intake!.answer = () => ({ status: 503, body: { error: 'unavailable' } });

    const lines: string[] = [];
    const summary = await runJobsUntilIdle(worker, { print: (l) => lines.push(l) });
    expect(intake!.requests).toHaveLength(1);
    expect(summary.eventGate).toEqual({
      accepted: 0,
      rejected: 0,
      failure: expect.stringContaining('HTTP 503'),
    });
    expect(lines[1]).toMatch(
      /^eventgate: 0 accepted, 0 rejected; delivery failed \(HTTP 503: .*\), the rest waits/,
    );

    intake!.answer = () => ({ status: 201 });
    await runJobsUntilIdle(worker, { print: () => {} });
    expect(intake!.requests.slice(1).flatMap((r) => r.events.map((e) => e.n))).toEqual([1, 2, 3]);
  });

  it('prints no EventGate line when none is configured', async () => {
    t = await buildTestApp();
    const lines: string[] = [];
    const summary = await runJobsUntilIdle(createWorker(t.services), { print: (l) => lines.push(l) });
    expect(summary.eventGate).toBeUndefined();
    expect(lines).toEqual(['jobs: 0 done, 0 failed, 0 dead']);
  });
});
