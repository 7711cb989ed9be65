import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { defaultNamespaces } from '../../src/core/domain/namespaces.ts';
import { runJobsUntilIdle } from '../../src/core/jobs/jobs-cli.ts';
import { openStore } from '../../src/core/store/open-store.ts';
import { dropPostgresSchema } from '../../src/core/store/postgres/open-postgres.ts';
import type { Store } from '../../src/core/store/store.ts';
import { createServices } from '../../src/create-services.ts';
import { createWorker } from '../../src/create-worker.ts';
import { datasetIdAt } from '../../src/suggestions/domain/image-suggestion.ts';
import { bitmap, descriptionPage, MEDIA_REPO } from '../factories/media.ts';
import { newSuggestion } from '../factories/suggestions.ts';

/**
 * "50 concurrent contributors get pairwise disjoint pages while leases hold, on SQLite and on
 * PostgreSQL with two server processes" (issue 14): two `wikiqueue serve` processes, started as an
 * operator starts them, on one database (a SQLite file; a PostgreSQL schema), each taking leases in
 * the store through its own connection(s). 50 anonymous apps, each with its own client id, ask for
 * one page at the same moment, half of them of each server; the pages are given back (skip) through
the other server.
 *
 * Why this fails if leasing were not atomic across processes: all 50 requests walk the queue at
 * once and find the same head pages free, so every lease races with the others for the same rows,
 * half of them from the other process. A lease that read the free rows and then wrote its own
 * without locking them (FOR UPDATE SKIP LOCKED on PostgreSQL, the write transaction on SQLite)
 * hands one page to several contributors: the pairwise-disjoint and "50 different pages"
 * assertions fail. Such a race need not show in every burst, so after the leases are given back
 * the burst is run again with new client ids, BURSTS times in all. (Checked by hand, for the
 * earlier claim-by-upsert design: without its "only where no other holder's lease is live"
 * condition, both tests failed on both backends, in their first burst.)
 */
const postgresUrl = process.env.TEST_POSTGRES_URL;
const bin = join(import.meta.dirname, '../../bin/wikiqueue.js');

const WIKI = 'testwiki';
/** Queued articles: more than the contributors, so that the 51st and an anonymous reader get some. */
const ARTICLES = 60;
const CONTRIBUTORS = 50;
const BURSTS = 3;

/** The database both servers use, and how the test process opens it. */
interface Database {
  /** DATABASE_URL of the servers (and of the test's own services). */
  url: string;
  open(): Promise<Store>;
  drop(): Promise<void>;
}

const backends: {
  name: string;
  backend: 'sqlite' | 'postgres';
  skip?: string;
  create: (dir: string) => Database;
}[] = [
  {
    name: 'SQLite (one database file)',
    backend: 'sqlite',
    create: (dir) => {
      const url = `sqlite:${join(dir, 'wikiqueue.sqlite')}`;
      // The file goes with the test's directory.
      return { url, open: () => openStore(url), drop: async () => {} };
    },
  },
  {
    name: 'PostgreSQL (one schema)',
    backend: 'postgres',
    ...(postgresUrl ? {} : { skip: 'set TEST_POSTGRES_URL=postgres://… to run it' }),
    create: () => {
      const schema = `wq_pqproc_${randomBytes(5).toString('hex')}`;
      // The servers reach the schema as an operator would: the search_path in the URL.
      const url = new URL(postgresUrl!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return {
        url: url.toString(),
        open: () => openStore(postgresUrl!, { schema }),
        drop: () => dropPostgresSchema(postgresUrl!, schema),
      };
    },
  },
];

/** One `wikiqueue serve` child process and the address it announced. */
interface Server {
  child: ChildProcess;
  /** `http://127.0.0.1:PORT`, once ready. */
  base: string;
  ready: Promise<void>;
}

/** Client ids of one burst: unique per burst and contributor, valid X-Client-Id values. */
const clientIds = (burst: string, n: number): string[] => {
  const run = randomBytes(4).toString('hex');
  return Array.from({ length: n }, (_, i) => `${burst}-${run}-contributor-${i}`);
};

for (const b of backends) {
  const title = `two wikiqueue serve processes on ${b.name}`;
  describe.skipIf(b.skip !== undefined)(b.skip ? `${title} [skipped: ${b.skip}]` : title, () => {
    let dir: string | undefined;
    let database: Database | undefined;
    const servers: Server[] = [];
    /** The queue's page ids in queue order, as a request without a client id reads it. */
    let queueOrder: number[] = [];

    const cleanup = async () => {
      await Promise.all(servers.splice(0).map(stopServer));
      const db = database;
      database = undefined;
      try {
        await db?.drop();
      } finally {
        if (dir) rmSync(dir, { recursive: true, force: true });
        dir = undefined;
      }
    };

    beforeAll(async () => {
      try {
        dir = mkdtempSync(join(tmpdir(), 'wq-pqproc-'));
        database = b.create(dir);
        const configFile = writeServerConfig(dir);
        await seed(database, configFile, dir);
        // Both start at once (and are known to the cleanup from the start).
        servers.push(startServer(database.url, configFile, dir), startServer(database.url, configFile, dir));
        await Promise.all(servers.map((s) => s.ready));
        for (const server of servers) {
          const health = await fetch(`${server.base}/healthz`);
          expect(health.status).toBe(200);
          // Each server is on the test's database: the right backend, the wiki and the repository.
          expect(await health.json()).toEqual({ status: 'ok', backend: b.backend, wikis: 2 });
        }
        queueOrder = await readWholeQueue(servers[0]!);
        expect(queueOrder).toHaveLength(ARTICLES);
      } catch (e) {
        await cleanup();
        throw e;
      }
    }, 180_000);

    afterAll(cleanup, 60_000);

    /** One page for `client` from `server`: the status and the page ids. */
    const lease = async (server: Server, client?: string) => {
      const res = await fetch(`${server.base}/${WIKI}/page-queue?limit=1`, {
        headers: client === undefined ? {} : { 'x-client-id': client },
      });
      const body = (await res.json()) as { pages?: { id: number }[] };
      return { status: res.status, pages: (body.pages ?? []).map((p) => p.id) };
    };

    /**
     * One lease per client, the i-th asked of server i mod 2, every request sent before any answer
     * is awaited; the answers in client order.
     */
    const burst = (clients: readonly string[]) =>
      Promise.all(clients.map((client, i) => lease(servers[i % servers.length]!, client)));

    /** Gives each client's pages back (skip ends the lease) through the server it did not ask. */
    const giveBack = async (leases: readonly { client: string; pages: number[] }[]) => {
      const answers = await Promise.all(
        leases.flatMap(({ client, pages }, i) =>
          pages.map((id) =>
            fetch(`${servers[(i + 1) % servers.length]!.base}/${WIKI}/page-queue/${id}/skip`, {
              method: 'POST',
              headers: { 'x-client-id': client, 'content-type': 'application/json' },
              body: '{}',
            }),
          ),
        ),
      );
      expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    };

    it('gives 50 contributors asking both servers at once 50 different pages, the 51st another, and a reader without client id none of them', async () => {
      const clients = clientIds('first', CONTRIBUTORS + 1);
      const contributors = clients.slice(0, CONTRIBUTORS);
      const answers = await burst(contributors);
      expect(answers.map((a) => a.status)).toEqual(contributors.map(() => 200));
      expect(answers.map((a) => a.pages.length)).toEqual(contributors.map(() => 1));
      const leased = answers.flatMap((a) => a.pages);
      expect(new Set(leased).size).toBe(CONTRIBUTORS);
      // No page is passed over: a request goes past a page only when someone else holds it, so the
      // 50 winners hold the head of the queue.
      expect(new Set(leased)).toEqual(new Set(queueOrder.slice(0, CONTRIBUTORS)));

      // While those leases hold, a 51st contributor gets the next page, on either server.
      const latecomer = await lease(servers[1]!, clients[CONTRIBUTORS]);
      expect(latecomer).toEqual({ status: 200, pages: [queueOrder[CONTRIBUTORS]] });

      // A request without a client id leases nothing and sees only the pages nobody holds.
      for (const server of servers) {
        const res = await fetch(`${server.base}/${WIKI}/page-queue?limit=50`);
        expect(res.status).toBe(200);
        const seen = ((await res.json()) as { pages: { id: number }[] }).pages.map((p) => p.id);
        expect(seen).toEqual(queueOrder.slice(CONTRIBUTORS + 1));
      }

      await giveBack([
        ...answers.map((a, i) => ({ client: contributors[i]!, pages: a.pages })),
        { client: clients[CONTRIBUTORS]!, pages: latecomer.pages },
      ]);
      expect(await readWholeQueue(servers[1]!)).toEqual(queueOrder);
    }, 60_000);

    it(`keeps the pages of concurrent contributors disjoint burst after burst (${BURSTS} bursts of ${CONTRIBUTORS}, leases given back between them)`, async () => {
      for (let round = 1; round <= BURSTS; round++) {
        const clients = clientIds(`burst${round}`, CONTRIBUTORS);
        const answers = await burst(clients);
        expect(answers.map((a) => a.status)).toEqual(clients.map(() => 200));
        const leased = answers.flatMap((a) => a.pages);
        expect(leased).toHaveLength(CONTRIBUTORS);
        // Pairwise disjoint: a page handed to two contributors would leave fewer distinct ids.
        expect(new Set(leased).size, `burst ${round}: a page went to two contributors`).toBe(CONTRIBUTORS);
        expect(new Set(leased)).toEqual(new Set(queueOrder.slice(0, CONTRIBUTORS)));
        await giveBack(answers.map((a, i) => ({ client: clients[i]!, pages: a.pages })));
        // Given back, the whole queue is free again for the next burst.
        expect(await readWholeQueue(servers[round % 2]!)).toEqual(queueOrder);
      }
    }, 120_000);
  });
}

/**
 * The config file both servers and the test's own services read (WIKIQUEUE_CONFIG): one data and
 * media directory, the test wiki as the default, no lease rate limit (50 requests come from one
 * address), no demo and no job runner in the servers.
 */
function writeServerConfig(dir: string): string {
  const file = join(dir, 'wikiqueue.config.json');
  mkdirSync(join(dir, 'data', 'media'), { recursive: true });
  writeFileSync(
    file,
    JSON.stringify({
      dataDir: join(dir, 'data'),
      media: { dir: join(dir, 'data', 'media') },
      defaultWiki: WIKI,
      rateLimits: { 'pagequeue-lease': null },
      demo: { autoCreate: false },
      jobs: { runInServer: false },
    }),
  );
  return file;
}

/** What the servers are started with, as an operator sets it; nothing inherited from the test's environment. */
function serverEnv(databaseUrl: string, configFile: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    WIKIQUEUE_CONFIG: configFile,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
  };
}

/**
 * The wiki and its media repository, ARTICLES articles without a lead image, each with a suggested
 * image uploaded to the repository, and the queue built from them by the job worker, all through
 * the services on the database the servers will use.
 */
async function seed(database: Database, configFile: string, dir: string): Promise<void> {
  const config = loadConfig({}, serverEnv(database.url, configFile), dir);
  const store = await database.open();
  try {
    const services = await createServices({ config, store, logger: pino({ level: 'silent' }) });
    const now = Math.floor(Date.now() / 1000);
    for (const [id, isMediaRepo] of [
      [WIKI, false],
      [MEDIA_REPO, true],
    ] as const)
      await services.wikis.upsert(
        {
          id,
          lang: 'en',
          sitename: `Wiki ${id}`,
          baseUrl: '',
          namespaces: defaultNamespaces(),
          isMediaRepo,
          source: 'local',
          settings: {},
        },
        now,
      );
    const photo = await bitmap(64, 48, 'png');
    await services.media.upload(
      Array.from({ length: ARTICLES }, (_, i) => ({
        repo: MEDIA_REPO,
        name: `Photo_${i}.png`,
        bytes: photo,
        descriptionPage: descriptionPage({
          description: `Photo ${i}`,
          author: '[[User:Uploader|Uploader]]',
          license: '{{self|cc-by-sa-4.0}}',
          categories: ['Pictures'],
        }),
        uploader: 'Uploader',
        timestamp: now,
      })),
    );
    const actor = await services.accounts.actorFor(WIKI, undefined, '127.0.0.1');
    const pageIds: number[] = [];
    for (let i = 0; i < ARTICLES; i++) {
      const saved = await services.wikiSources
        .for(WIKI)
        .edit(actor, { title: `Place ${i}`, text: `Place ${i} is a place.` });
      pageIds.push(saved.pageid);
    }
    const worker = createWorker(services);
    // The generator's own datasets for the new pages first, so that the suggestions below are newer.
    await runJobsUntilIdle(worker, { print: () => {} });
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (const [i, pageId] of pageIds.entries()) {
      const replaced = await services.suggestions.replacePageSuggestions(
        WIKI,
        pageId,
        datasetIdAt(Date.now(), randomBytes(10)),
        [newSuggestion(`Photo_${i}.png`)],
      );
      expect(replaced).toBe('replaced');
    }
    await runJobsUntilIdle(worker, { print: () => {} });
    expect(await services.pagequeue.count(WIKI)).toBe(ARTICLES);
  } finally {
    await store.close();
  }
}

/**
 * Starts `wikiqueue serve` on a free port (`--port 0`); `ready` resolves once it announces its
 * address, and rejects with its output if it exits before.
 */
function startServer(databaseUrl: string, configFile: string, cwd: string): Server {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--no-jobs', '--no-demo'], {
    cwd,
    env: serverEnv(databaseUrl, configFile),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Should the test process end without its afterAll, the server goes with it.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  child.once('exit', () => process.off('exit', orphanGuard));
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const server: Server = {
    child,
    base: '',
    ready: new Promise((resolve, reject) => {
      child.once('exit', (code, signal) =>
        reject(new Error(`wikiqueue serve exited (${code ?? signal}) before serving:\n${output}`)),
      );
      child.once('error', reject);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const port = /wikiqueue is serving http:\/\/[^/]+:(\d+)\//.exec(output)?.[1];
        if (port === undefined || server.base !== '') return;
        // The server listens on 127.0.0.1 (the default host); `localhost` could resolve to ::1.
        server.base = `http://127.0.0.1:${port}`;
        resolve();
      });
    }),
  };
  return server;
}

/** SIGTERM (the server closes its listener and store), then SIGKILL if it has not exited in 10 s. */
async function stopServer(server: Server): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Every queued page id, in queue order, read without a client id (nothing is leased). */
async function readWholeQueue(server: Server): Promise<number[]> {
  const ids: number[] = [];
  let cont: string | undefined;
  do {
    const q = new URLSearchParams({ limit: '50', ...(cont === undefined ? {} : { continue: cont }) });
    const res = await fetch(`${server.base}/${WIKI}/page-queue?${q}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { pages: { id: number }[]; continue?: string };
    ids.push(...body.pages.map((p) => p.id));
    cont = body.continue;
  } while (cont !== undefined);
  return ids;
}
