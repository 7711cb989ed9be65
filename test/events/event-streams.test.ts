import { get, type ClientRequest, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { WireEvent } from '../../src/core/events/wire-event.ts';
import { buildTestApp, type TestApp } from '../factories/app.ts';

let t: TestApp;
let base: string;
const clients: ClientRequest[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await t?.close();
});

async function start(opts: Parameters<typeof buildTestApp>[0] = {}): Promise<void> {
  t = await buildTestApp(opts);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
}

/** A server-sent event as the client parsed it. */
interface Message {
  event?: string;
  id?: string;
  data?: WireEvent;
}

/** Connects to `path` and resolves with the response and the first `count` messages. */
function listen(
  path: string,
  count: number,
  headers: Record<string, string> = {},
): Promise<{ response: IncomingMessage; messages: Message[]; raw: string }> {
  return new Promise((resolve, reject) => {
    const req = get(`${base}${path}`, { headers }, (response) => {
      let raw = '';
      const messages: Message[] = [];
      response.on('data', (chunk: Buffer) => {
        raw += chunk.toString();
        const blocks = raw.split('\n\n');
        messages.length = 0;
        for (const block of blocks.slice(0, -1)) {
          if (block.startsWith(':')) continue;
          const m: Message = {};
          for (const line of block.split('\n')) {
            const i = line.indexOf(': ');
            const [field, value] = [line.slice(0, i), line.slice(i + 2)];
            if (field === 'data') m.data = JSON.parse(value);
            else if (field === 'event' || field === 'id') m[field] = value;
          }
          messages.push(m);
        }
        if (messages.length >= count) resolve({ response, messages: messages.slice(0, count), raw });
      });
      response.on('error', reject);
    });
    req.on('error', reject);
    clients.push(req);
  });
}

const append = (stream: string, n: number) =>
  t.services.store.transaction((tx) =>
    tx.outbox.append(
      'testwiki',
      stream,
      { $schema: '/mediawiki/page/delete/1.0.0', meta: { stream, dt: '2023-11-14T22:13:20Z' }, n },
      t.now(),
    ),
  );

const positions = async () => (await t.services.store.outbox.readAfter(0, 100)).map((e) => String(e.id));

describe('GET /v2/stream/{streams}', () => {
  it('sends what is written from now on as EventStreams messages: event, id (log position), data', async () => {
    await start();
    await append('mediawiki.page-delete', 0);
    const stream = listen('/v2/stream/mediawiki.page-delete', 1);
    await new Promise((r) => setTimeout(r, 100));
    await append('mediawiki.page-move', 1);
    await append('mediawiki.page-delete', 2);

    const { response, messages, raw } = await stream;
    expect(response.statusCode).toBe(200);
    // No heartbeat comes between: the default interval (15 s) has not passed.
    expect(raw).toMatch(/^:ok\n\nevent: message\n/);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    const [, , third] = await positions();
    expect(messages).toEqual([
      {
        event: 'message',
        id: third,
        data: {
          $schema: '/mediawiki/page/delete/1.0.0',
          meta: { stream: 'mediawiki.page-delete', dt: '2023-11-14T22:13:20Z', id: expect.any(String) },
          n: 2,
        },
      },
    ]);
  });

  it('resumes after the Last-Event-ID, in log order, over several streams', async () => {
    await start();
    await append('mediawiki.page-delete', 1);
    await append('mediawiki.page-create', 2);
    await append('mediawiki.page-move', 3);
    await append('mediawiki.page-delete', 4);
    const [first] = await positions();

    const { messages } = await listen('/v2/stream/mediawiki.page-delete,mediawiki.page-move', 2, {
      'Last-Event-ID': first!,
    });
    expect(messages.map((m) => m.data!.n)).toEqual([3, 4]);
  });

  it('serves a list of streams longer than a path parameter’s usual 100 characters', async () => {
    await start();
    await append('wikiqueue.page-review', 1);
    const [first] = await positions();
    await append('wikiqueue.page-review', 2);
    const streams =
      'mediawiki.page-create,mediawiki.page-delete,mediawiki.page-move,wikiqueue.page-review,wikiqueue.page-tag,wikiqueue.page-patrol';
    expect(streams.length).toBeGreaterThan(100);
    const { response, messages } = await listen(`/v2/stream/${streams}`, 1, { 'Last-Event-ID': first! });
    expect(response.statusCode).toBe(200);
    expect(messages.map((m) => m.data!.n)).toEqual([2]);
  });

  it('resumes from a time with ?since=', async () => {
    await start();
    await append('mediawiki.page-delete', 1);
    t.advance(60);
    const since = new Date(t.now() * 1000).toISOString();
    await append('mediawiki.page-delete', 2);
    t.advance(60);
    await append('mediawiki.page-delete', 3);

    const { messages } = await listen(`/v2/stream/mediawiki.page-delete?since=${since}`, 2);
    expect(messages.map((m) => m.data!.n)).toEqual([2, 3]);
    const byMs = await listen(`/v2/stream/mediawiki.page-delete?since=${(t.now() - 60) * 1000}`, 2);
    expect(byMs.messages.map((m) => m.data!.n)).toEqual([2, 3]);
  });

  it('declares the review streams of the review subsystem', async () => {
    await start();
    const { response } = await listen('/v2/stream/wikiqueue.page-review', 0);
    expect(response.statusCode).toBe(200);
  });

  it('answers an unknown stream with the catalogued error nosuchstream (404)', async () => {
    await start();
    const res = await t.app.inject({ url: '/v2/stream/mediawiki.page-delete,no.such-stream' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      status: 404,
      type: 'nosuchstream',
      title: 'Not Found',
      detail: 'There is no event stream named "no.such-stream".',
      method: 'GET',
      uri: '/v2/stream/mediawiki.page-delete,no.such-stream',
    });
  });

  it('answers a Last-Event-ID that is no log position with badvalue (400)', async () => {
    await start();
    const res = await t.app.inject({
      url: '/v2/stream/mediawiki.page-delete',
      headers: { 'last-event-id': 'x', accept: 'text/event-stream' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 400, type: 'badvalue' });
  });

  it('sends a comment line on a stream idle for the heartbeat interval, and no message', async () => {
    await start({ events: { streamHeartbeatMs: 50 } });
    const raw = await new Promise<string>((resolve, reject) => {
      const req = get(`${base}/v2/stream/mediawiki.page-delete`, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          // The greeting, then two heartbeats: the second shows they repeat.
          if (text.split('\n\n').length > 3) resolve(text);
        });
        response.on('error', reject);
      });
      req.on('error', reject);
      clients.push(req);
    });
    expect(raw.startsWith(':ok\n\n:\n\n:\n\n')).toBe(true);
  });

  it('ends open streams when the server closes', async () => {
    await start();
    const { response } = await listen('/v2/stream/mediawiki.page-delete', 0);
    const ended = new Promise((resolve) => response.on('end', resolve));
    await t.app.close();
    await ended;
  });
});
