import type { Actor } from '../../src/core/domain/actor.ts';
import { defaultNamespaces, type NamespaceInfo } from '../../src/core/domain/namespaces.ts';
import type { WikiInfo } from '../../src/core/domain/wiki.ts';
import { runJobsUntilIdle } from '../../src/core/jobs/jobs-cli.ts';
import { createWorker, type Worker } from '../../src/create-worker.ts';
import type { QueuedPage } from '../../src/review/store/review-queue-repository.ts';
import { ApiClient, buildTestApp, TEST_WIKI, type ApiCall, type TestApp } from './app.ts';

export const DRAFT_NS = 118;
const PASSWORD = 'review test password';

/** English Wikipedia's namespaces for the review queue: the defaults plus Draft (118) and Draft talk. */
export function reviewNamespaces(): NamespaceInfo[] {
  const ns = (id: number, name: string): NamespaceInfo => ({
    id,
    name,
    canonical: name,
    aliases: [],
    content: false,
    case: 'first-letter',
  });
  return [...defaultNamespaces(), ns(DRAFT_NS, 'Draft'), ns(DRAFT_NS + 1, 'Draft talk')];
}

export interface ReviewUser {
  name: string;
  id: number;
  /** A fresh actor (current groups, edit count and block) of a live session. */
  actor(): Promise<Actor>;
  /** An api.php client logged in as this user. */
  api: ApiClient;
}

export interface ReviewTestApp extends TestApp {
  worker: Worker;
  /** Delivers outbox events and runs jobs until both are idle. */
  drain(): Promise<void>;
  /** Registers an account with explicit groups and opens a session for it. */
  user(name: string, groups?: string[]): Promise<ReviewUser>;
  /** Saves a page through the wiki's source as `who`, then drains; returns the page id. */
  edit(who: ReviewUser | Actor, title: string, text: string, opts?: { tags?: string[] }): Promise<number>;
  /** An anonymous api.php client. */
  anonymousApi(): ApiClient;
  /** The stored queue row, if queued. */
  queued(pageId: number): Promise<QueuedPage | undefined>;
  /** GET action=pagetriagelist (formatversion 2) and its page ids. */
  list(
    params?: Record<string, string>,
  ): Promise<{ body: Record<string, unknown>; ids: number[]; pages: Record<string, unknown>[] }>;
  /** GET action=pagetriagestats (formatversion 2) → `stats`. */
  stats(params?: Record<string, string>): Promise<Record<string, unknown>>;
  /** Replaces the wiki's `settings.review` (merged over the enwiki preset). */
  setReview(review: Record<string, unknown>): Promise<void>;
}

/**
 * The real app over in-memory SQLite (test/factories/app.ts) with the review worker, a `testwiki`
 * using the enwiki review preset (Draft = 118) and the given review settings on top.
 */
export async function buildReviewApp(review: Record<string, unknown> = {}): Promise<ReviewTestApp> {
  const t = await buildTestApp();
  const { services } = t;
  const worker = createWorker(services);
  const wikiInfo = (): WikiInfo => services.wikis.get(TEST_WIKI).info;
  const setReview = async (settings: Record<string, unknown>) => {
    await services.wikis.upsert(
      {
        ...wikiInfo(),
        namespaces: reviewNamespaces(),
        settings: { review: { preset: 'enwiki', ...settings } },
      },
      t.now(),
    );
  };
  await setReview(review);
  const drain = async () => {
    await runJobsUntilIdle(worker, { print: () => {} });
  };
  const get = async (action: string, params: Record<string, string>): Promise<ApiCall> =>
    new ApiClient(t).get({ action, formatversion: '2', ...params });

  const app: ReviewTestApp = {
    ...t,
    worker,
    drain,
    setReview,
    async user(name, groups = []) {
      const created = await services.accounts.createAccount(TEST_WIKI, name, PASSWORD, { groups });
      const session = await services.accounts.openSession(TEST_WIKI, created.id);
      const api = new ApiClient(t);
      api.cookie = session.id;
      return {
        name: created.name,
        id: created.id,
        api,
        actor: () => services.accounts.actorFor(TEST_WIKI, session.id, '127.0.0.1'),
      };
    },
    async edit(who, title, text, opts = {}) {
      const actor = 'actor' in who && typeof who.actor === 'function' ? await who.actor() : (who as Actor);
      const saved = await services.wikiSources.for(TEST_WIKI).edit(actor, {
        title,
        text,
        ...(opts.tags ? { tags: opts.tags } : {}),
      });
      await drain();
      return saved.pageid;
    },
    anonymousApi: () => new ApiClient(t),
    queued: (pageId) => services.review.store.reviewQueue.get(TEST_WIKI, pageId),
    async list(params = {}) {
      const res = await get('pagetriagelist', params);
      const body = res.json.pagetriagelist as Record<string, unknown>;
      if (!body) throw new Error(`pagetriagelist failed: ${res.body}`);
      const pages = body.pages as Record<string, unknown>[];
      return { body, pages, ids: pages.map((p) => Number(p.pageid)) };
    },
    async stats(params = {}) {
      const res = await get('pagetriagestats', params);
      const body = res.json.pagetriagestats as { stats: Record<string, unknown> } | undefined;
      if (!body) throw new Error(`pagetriagestats failed: ${res.body}`);
      return body.stats;
    },
  };
  return app;
}

/**
 * POSTs an action as the client's user (formatversion 2), with the token type it needs: its own
 * for `patrol` and `userrights`, as in MediaWiki; csrf for the others.
 */
export async function postAction(
  api: ApiClient,
  action: string,
  params: Record<string, string>,
): Promise<ApiCall> {
  const type = action === 'patrol' || action === 'userrights' ? action : 'csrf';
  return api.post({ action, formatversion: '2', token: await api.token(type), ...params });
}
