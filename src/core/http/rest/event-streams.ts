import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail } from '../../../errors.ts';
import { BackgroundLoop } from '../../background/background-loop.ts';
import type { CoreServices } from '../../core-services.ts';
import { toWireEvent } from '../../events/wire-event.ts';

/** Events read per query while a client catches up. */
const READ_BATCH = 100;

/**
 * `GET /v2/stream/{streams}`: server-sent events of the log, in the manner of Wikimedia's
 * EventStreams. `{streams}` is a comma-separated list of declared stream names (an unknown one is
 * `nosuchstream`, 404). Each event is one message:
 *
 *     event: message
 *     id: 1234
 *     data: {"$schema": …, "meta": {"stream": …, "id": …, "dt": …}, …}
 *
 * where `id` is the event's log position. A stream that has sent nothing for
 * `events.streamHeartbeatMs` sends a comment line (`:`), which clients ignore, so that proxies do
 * not close it as idle. A client resumes after a position with the
 * `Last-Event-ID` header (browsers' EventSource send it when they reconnect), or from a time with
 * `?since=` (ISO 8601, or Unix milliseconds as EventStreams takes it); with neither, it gets what
 * is written from now on. The route reads the same log as the other consumers but keeps no cursor:
 * the client's position is its Last-Event-ID. Events older than the retention are gone: a client
 * resuming from before them continues at the oldest one left.
 */
export async function registerEventStreams(
  app: FastifyInstance,
  services: Pick<CoreServices, 'store' | 'streams' | 'logger'> & {
    config: { events: { streamPollMs: number; streamHeartbeatMs: number } };
  },
): Promise<void> {
  const { streamPollMs, streamHeartbeatMs } = services.config.events;
  // Each open stream's loop, and when its response has ended. Closing the server stops them and
  // waits, so that their connections are idle (and closed) when the server stops listening.
  const open = new Map<BackgroundLoop, Promise<void>>();
  app.addHook('preClose', async () => {
    for (const loop of open.keys()) void loop.stop();
    await Promise.all(open.values());
  });

  app.get<{ Params: { streams: string }; Querystring: { since?: string } }>(
    '/v2/stream/:streams',
    // Its clients are programs (EventSource asks for text/event-stream): errors are problem bodies.
    {
      config: {
        errorFormat: 'problem',
        openapi: {
          summary: 'Server-sent events of the event log (EventStreams-style), comma-separated stream names',
          description:
            'text/event-stream; `since` (an ISO 8601 time) or the Last-Event-ID header picks where to start.',
          tags: ['events'],
          responses: {
            '200': { description: 'an endless event stream', contentType: 'text/event-stream' },
            '404': { description: 'no such stream', contentType: 'application/problem+json' },
          },
          'x-amples': [
            {
              title: 'a stream that does not exist',
              request: { params: { streams: 'nosuchstream' } },
              response: {
                status: 404,
                headers: { 'content-type': 'application/problem+json' },
                body: {
                  status: 404,
                  type: 'nosuchstream',
                  title: '/.+/',
                  detail: '/.+/',
                  method: 'GET',
                  uri: '/.+/',
                },
              },
            },
          ],
        },
      },
    },
    async (req, reply) => {
      const names = req.params.streams.split(',').map((s) => s.trim());
      for (const name of names) if (!services.streams.has(name)) throw fail('nosuchstream', name);
      let position = await startPosition(services.store.outbox, req);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(':ok\n\n');
      let lastWrite = performance.now();
      /** Writes `chunk`; resolves once the client has taken it in, or the stream is stopping. */
      const send = async (chunk: string, signal: AbortSignal) => {
        lastWrite = performance.now();
        if (!res.write(chunk)) await drained(res, signal);
      };

      const loop = new BackgroundLoop({
        round: async (signal) => {
          // Events become visible in the order of their ids: a short read has everything of the
          // asked streams up to the head seen before it, so the next read may start there.
          const head = await services.store.outbox.head();
          const events = await services.store.outbox.readAfter(position, READ_BATCH, names);
          for (const event of events) {
            const data = JSON.stringify(toWireEvent(event, services.streams));
            await send(`event: message\nid: ${event.id}\ndata: ${data}\n\n`, signal);
            if (signal.aborted) return 'done';
          }
          const full = events.length === READ_BATCH;
          position = full ? events.at(-1)!.id : Math.max(head, events.at(-1)?.id ?? position);
          // A comment line keeps an idle connection open through proxies that drop silent ones.
          if (performance.now() - lastWrite >= streamHeartbeatMs) await send(':\n\n', signal);
          return full ? 'busy' : 'idle';
        },
        pollIntervalMs: streamPollMs,
        backoff: { firstMs: streamPollMs, maxMs: streamPollMs },
        // The client reconnects (with its Last-Event-ID) rather than wait on a failing store here.
        onError: (e) => {
          services.logger.error({ err: e, streams: names }, 'event stream failed');
          void loop.stop();
        },
      });
      let ended!: () => void;
      open.set(loop, new Promise<void>((resolve) => (ended = resolve)));
      res.on('close', () => void loop.stop());
      try {
        const running = loop.start();
        // A client that left while the start position was read: its close has been told already.
        if (!res.socket || res.socket.destroyed) void loop.stop();
        await running;
      } finally {
        open.delete(loop);
        res.end();
        ended();
      }
    },
  );
}

/** Resolves when `res` can take more data, or when `signal` aborts. */
function drained(res: ServerResponse, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    res.once('drain', done);
    signal.addEventListener('abort', done);
  });
}

/** Where a request resumes: after its Last-Event-ID, before its `since`, or at the head. */
async function startPosition(
  outbox: CoreServices['store']['outbox'],
  req: FastifyRequest<{ Querystring: { since?: string } }>,
): Promise<number> {
  const lastId = req.headers['last-event-id'];
  if (typeof lastId === 'string' && lastId !== '') {
    if (!/^\d{1,15}$/.test(lastId.trim())) throw fail('badvalue', 'Last-Event-ID', lastId);
    return Number(lastId.trim());
  }
  const since = req.query.since;
  if (since !== undefined && since !== '') {
    const ms = /^\d+$/.test(since) ? Number(since) : Date.parse(since);
    if (!Number.isFinite(ms)) throw fail('badvalue', 'since', since);
    return outbox.positionBefore(Math.ceil(ms / 1000));
  }
  return outbox.head();
}
