import Session from 'm3api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STREAM_PAGE_CREATE, STREAM_REVISION_CREATE } from '../../src/core/domain/events.ts';
import { createWorker, mediaWikiMirror } from '../../src/create-worker.ts';
import { ApiClient, buildTestApp, type TestApp } from '../factories/app.ts';
import {
  describeWithMediaWiki,
  startRealMediaWiki,
  type RealMediaWiki,
} from '../factories/real-mediawiki.ts';

/**
 * Following a real MediaWiki's recent changes (issue 16 item 3): creations, edits, patrols and
 * deletions made on the wiki reach the store and the review queue; the position is stored with
 * the writes, so rounds run by fresh followers (a restart between any two) repeat and skip
 * nothing. The oracle is the wiki's own API.
 */

const WIKI = 'followedwiki';

describeWithMediaWiki('following a real MediaWiki', () => {
  let mw: RealMediaWiki;
  let t: TestApp;
  let admin: Session;

  const mirror = () => mediaWikiMirror(t.services);
  const save = (user: string, title: string, text: string) => mw.save(user, title, text);
  const wikiApi = (params: Record<string, string>) => mw.query(params);

  /** Rounds of two changes each, every round by a new follower, until it has caught up. */
  async function followToTheEnd(): Promise<number> {
    let rounds = 0;
    for (;;) {
      const r = await mirror().followOnce(WIKI, { namespaces: [0], limit: 2 });
      rounds++;
      if (r.caughtUp) return rounds;
    }
  }

  let worker: ReturnType<typeof createWorker> | undefined;
  async function runJobs() {
    const { dispatcher, runner } = (worker ??= createWorker(t.services));
    for (;;) {
      const dispatched = await dispatcher.dispatchOnce();
      const r = await runner.runOnce({ limit: 20 });
      if (dispatched + r.ran + r.failed + r.dead === 0) return;
    }
  }

  beforeAll(async () => {
    mw = await startRealMediaWiki();
    await mw.createUser('Newbie', 'Newbie-password-1234');
    await mw.createUser('Patroller', 'Patroller-password-1234', ['sysop']);
    const password = await mw.createBotPassword('Patroller', 'tests', [
      'basic',
      'patrol',
      'delete',
      'blockusers',
    ]);
    admin = new Session(
      mw.apiUrl,
      { formatversion: 2 },
      { userAgent: 'wikiqueue-tests', warn: () => undefined },
    );
    await admin.request(
      { action: 'login', lgname: 'Patroller@tests', lgpassword: password },
      { method: 'POST', tokenType: 'login', tokenName: 'lgtoken' },
    );
    t = await buildTestApp();
    t.advance(Math.floor(Date.now() / 1000) - t.now());
    await mirror().connect({ id: WIKI, apiUrl: mw.apiUrl });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await mw?.close();
  });

  it('starts at the time of its first round: what came before is the backfill’s', async () => {
    await save('Newbie', 'Before following', 'Made before the follower started.');
    // The next second on the wiki's clock, which is this machine's (timestamps have seconds).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    t.advance(Math.floor(Date.now() / 1000) - t.now());
    await mirror().followOnce(WIKI, { namespaces: [0] });
    expect(await t.services.store.pages.getByTitle(WIKI, 0, 'Before_following')).toBeUndefined();
  });

  it('brings in creations and edits round by round, each once, with their events, across restarts', async () => {
    const head = await t.services.store.outbox.head();
    await save('Newbie', 'Followed page', 'First version.');
    await save('Newbie', 'Followed page', 'Second version.');
    await save('Newbie', 'Followed page', 'Third version, longer.');
    await save('Newbie', 'Another followed page', 'Another page.');
    await save('Newbie', 'User:Newbie', 'Not in the followed namespaces.');

    expect(await followToTheEnd()).toBeGreaterThan(2);
    // Nothing new: a further round changes nothing.
    expect(await mirror().followOnce(WIKI, { namespaces: [0] })).toMatchObject({ changes: 0, revisions: 0 });

    const [onWiki] = (
      await wikiApi({
        action: 'query',
        titles: 'Followed page',
        prop: 'revisions',
        rvprop: 'ids',
        rvlimit: '50',
      })
    ).query.pages!;
    const wikiRevIds = (onWiki!.revisions as { revid: number }[]).map((r) => r.revid).sort((a, b) => a - b);
    const page = await t.services.store.pages.getByTitle(WIKI, 0, 'Followed_page');
    expect(page?.id).toBe(onWiki!.pageid);
    expect(page?.latestRevId).toBe(wikiRevIds.at(-1));
    expect((await t.services.store.revisions.get(WIKI, page!.latestRevId))?.text).toBe(
      'Third version, longer.',
    );
    expect(await t.services.store.revisions.countForPages(WIKI, [page!.id], 100)).toEqual(
      new Map([[page!.id, 3]]),
    );
    expect(await t.services.store.pages.getByTitle(WIKI, 2, 'Newbie')).toBeUndefined();

    const events = (await t.services.store.outbox.readAfter(head, 1000)).filter((e) => e.wiki === WIKI);
    const revisionEvents = events
      .filter((e) => e.stream === STREAM_REVISION_CREATE)
      .map((e) => e.payload.rev_id);
    expect(revisionEvents).toEqual([...wikiRevIds, expect.any(Number)]);
    expect(new Set(revisionEvents).size).toBe(revisionEvents.length);
    expect(events.filter((e) => e.stream === STREAM_PAGE_CREATE).map((e) => e.payload.page_title)).toEqual([
      'Followed_page',
      'Another_followed_page',
    ]);

    await runJobs();
    const list = (
      await new ApiClient(t, `/${WIKI}/w/api.php`).get({
        action: 'pagetriagelist',
        page_id: String(page!.id),
      })
    ).json.pagetriagelist as { pages: Record<string, unknown>[] };
    expect(list.pages[0]).toMatchObject({
      title: 'Followed page',
      user_name: 'Newbie',
      rev_count: '3',
      patrol_status: '0',
    });
  });

  it('follows a patrol made on the wiki into the review queue, and a deletion out of it', async () => {
    const page = await t.services.store.pages.getByTitle(WIKI, 0, 'Followed_page');
    const [creation] = (
      await wikiApi({
        action: 'query',
        list: 'recentchanges',
        rctitle: 'Followed page',
        rctype: 'new',
        rcprop: 'ids',
      })
    ).query.recentchanges!;
    await admin.request(
      { action: 'patrol', rcid: creation!.rcid as number },
      { method: 'POST', tokenType: 'patrol' },
    );
    const other = await t.services.store.pages.getByTitle(WIKI, 0, 'Another_followed_page');
    await admin.request(
      { action: 'delete', title: 'Another followed page', reason: 'test' },
      { method: 'POST', tokenType: 'csrf' },
    );

    await followToTheEnd();
    await runJobs();
    const api = new ApiClient(t, `/${WIKI}/w/api.php`);
    const patrolled = (await api.get({ action: 'pagetriagelist', page_id: String(page!.id) })).json
      .pagetriagelist as {
      pages: Record<string, unknown>[];
    };
    expect(patrolled.pages[0]).toMatchObject({ patrol_status: '2', reviewer: 'Patroller' });
    expect(await t.services.store.pages.getById(WIKI, other!.id)).toBeUndefined();
    const gone = (await api.get({ action: 'pagetriagelist', page_id: String(other!.id) })).json
      .pagetriagelist as {
      pages: unknown[];
    };
    expect(gone.pages).toEqual([]);
  });

  it('follows an undeletion on the wiki: the page is back with its history and in the queue, as restored rather than new', async () => {
    const head = await t.services.store.outbox.head();
    await mw.maintenance('undelete.php', ['--user=Patroller', '--reason=mistake', 'Another followed page']);
    await followToTheEnd();
    await runJobs();
    const [onWiki] = (
      await wikiApi({
        action: 'query',
        titles: 'Another followed page',
        prop: 'revisions',
        rvprop: 'ids',
        rvlimit: '50',
      })
    ).query.pages!;
    const page = await t.services.store.pages.getById(WIKI, onWiki!.pageid as number);
    expect(page).toMatchObject({
      title: 'Another_followed_page',
      latestRevId: (onWiki!.revisions as { revid: number }[])[0]!.revid,
    });
    expect((await t.services.store.revisions.get(WIKI, page!.latestRevId))?.text).toBe('Another page.');
    const listed = (
      (
        await new ApiClient(t, `/${WIKI}/w/api.php`).get({
          action: 'pagetriagelist',
          page_id: String(page!.id),
        })
      ).json.pagetriagelist as { pages: Record<string, unknown>[] }
    ).pages;
    expect(listed).toEqual([expect.objectContaining({ title: 'Another followed page', patrol_status: '0' })]);
    const streams = (await t.services.store.outbox.readAfter(head, 1000))
      .filter((e) => e.payload.page_id === page!.id)
      .map((e) => e.stream);
    expect(streams).toEqual(['mediawiki.page-undelete', 'wikiqueue.page-enqueue']);
  });

  it('follows a move on the wiki: the page keeps its id and its row in the queue under the new title, with the redirect left behind', async () => {
    await save('Newbie', 'Moved page', 'A page about a town that will be moved.');
    await followToTheEnd();
    await runJobs();
    const before = await t.services.store.pages.getByTitle(WIKI, 0, 'Moved_page');
    const head = await t.services.store.outbox.head();
    await mw.maintenance(
      'moveBatch.php',
      ['--u=Patroller', '--r=disambiguation'],
      'Moved page|Moved page (town)\n',
    );
    await followToTheEnd();
    await runJobs();

    const info = (await wikiApi({ action: 'query', titles: 'Moved page (town)|Moved page', prop: 'info' }))
      .query.pages! as { pageid: number; title: string; lastrevid: number; redirect?: boolean }[];
    const moved = info.find((p) => p.title === 'Moved page (town)');
    const redirect = info.find((p) => p.title === 'Moved page');
    expect(moved!.pageid).toBe(before!.id);
    expect(await t.services.store.pages.getById(WIKI, before!.id)).toMatchObject({
      namespace: 0,
      title: 'Moved_page_(town)',
      latestRevId: moved!.lastrevid,
    });
    expect(await t.services.store.pages.getByTitle(WIKI, 0, 'Moved_page')).toMatchObject({
      id: redirect!.pageid,
      isRedirect: true,
    });
    const listed = (
      (
        await new ApiClient(t, `/${WIKI}/w/api.php`).get({
          action: 'pagetriagelist',
          page_id: String(before!.id),
        })
      ).json.pagetriagelist as { pages: Record<string, unknown>[] }
    ).pages;
    expect(listed).toEqual([expect.objectContaining({ title: 'Moved page (town)', patrol_status: '0' })]);
    const moves = (await t.services.store.outbox.readAfter(head, 1000)).filter(
      (e) => e.stream === 'mediawiki.page-move',
    );
    expect(moves.map((e) => [e.payload.page_id, e.payload.page_title])).toEqual([
      [before!.id, 'Moved_page_(town)'],
    ]);
  });

  it("follows blocks made and lifted on the wiki to the creator's pages in the queue, once each", async () => {
    await mw.createUser('Vandal', 'Vandal-password-1234');
    await save('Vandal', 'Vandal page', 'Something unhelpful.');
    await followToTheEnd();
    await runJobs();
    const api = new ApiClient(t, `/${WIKI}/w/api.php`);
    const page = await t.services.store.pages.getByTitle(WIKI, 0, 'Vandal_page');
    const status = async () =>
      (
        (await api.get({ action: 'pagetriagelist', page_id: String(page!.id) })).json.pagetriagelist as {
          pages: { user_block_status: string }[];
        }
      ).pages[0]?.user_block_status;
    expect(await status()).toBe('0');

    const head = await t.services.store.outbox.head();
    await admin.request(
      { action: 'block', user: 'Vandal', expiry: 'infinite', reason: 'vandalism' },
      { method: 'POST', tokenType: 'csrf' },
    );
    await followToTheEnd();
    await runJobs();
    expect(await status()).toBe('1');
    const vandal = await t.services.store.users.getByName(WIKI, 'Vandal');
    const block = await t.services.store.blocks.activeForUser(WIKI, vandal!.id, t.now());
    const [onWiki] = (await wikiApi({ action: 'query', list: 'blocks', bkusers: 'Vandal' })).query.blocks!;
    expect(block).toMatchObject({ id: onWiki!.id, reason: 'vandalism', expiry: null, byName: 'Patroller' });

    await admin.request(
      { action: 'unblock', user: 'Vandal', reason: 'ok' },
      { method: 'POST', tokenType: 'csrf' },
    );
    await followToTheEnd();
    await runJobs();
    expect(await status()).toBe('0');
    expect(await t.services.store.blocks.activeForUser(WIKI, vandal!.id, t.now())).toBeUndefined();
    const changes = (await t.services.store.outbox.readAfter(head, 1000)).filter(
      (e) => e.stream === 'mediawiki.user-blocks-change',
    );
    expect(
      changes.map((e) => [e.payload.user_text, (e.payload.blocks as { sitewide: boolean }).sitewide]),
    ).toEqual([
      ['Vandal', true],
      ['Vandal', false],
    ]);
  });

  it('keeps serving while the wiki is down, reports it in /healthz and /metrics, and catches up once it is back', async () => {
    const { following } = (worker ??= createWorker(t.services));
    expect(following).toHaveLength(1);
    const loop = following[0]!;
    void loop.start();
    const until = async (what: () => Promise<boolean>) => {
      for (let i = 0; i < 200 && !(await what()); i++) await new Promise((r) => setTimeout(r, 100));
      expect(await what()).toBe(true);
    };
    const health = async () =>
      (await t.app.inject({ method: 'GET', url: '/healthz' })).json() as {
        status: string;
        followed?: { wiki: string; lagSeconds: number; error?: string }[];
      };
    try {
      await until(
        async () => (await health()).status === 'ok' && (await health()).followed?.[0]?.wiki === WIKI,
      );
      await mw.stop();
      // Saved straight into the wiki's database while its web server is down.
      await save('Newbie', 'Written while away', 'The wiki kept working; its API did not answer.');
      await until(async () => (await health()).status === 'degraded');
      const down = await health();
      expect(down.followed?.[0]).toMatchObject({
        wiki: WIKI,
        error: expect.stringContaining('cannot be reached'),
      });
      const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(metrics).toContain(`wikiqueue_followed_wiki_up{wiki="${WIKI}"} 0`);
      // What the service has is still served.
      const listed = await new ApiClient(t, `/${WIKI}/w/api.php`).get({
        action: 'pagetriagelist',
        showunreviewed: '1',
      });
      expect(listed.json.pagetriagelist).toMatchObject({ result: 'success' });

      await mw.start();
      await until(
        async () => (await t.services.store.pages.getByTitle(WIKI, 0, 'Written_while_away')) !== undefined,
      );
      await until(async () => (await health()).status === 'ok');
      expect((await t.app.inject({ method: 'GET', url: '/metrics' })).body).toContain(
        `wikiqueue_followed_wiki_up{wiki="${WIKI}"} 1`,
      );
    } finally {
      await loop.stop();
    }
  }, 60_000);

  it('follows a wiki added while the server runs, without a restart', async () => {
    const w = (worker ??= createWorker(t.services));
    const before = w.following.length;
    await mirror().connect({ id: 'laterwiki', apiUrl: mw.apiUrl });
    void w.followNew.start();
    try {
      for (let i = 0; i < 100 && w.following.length === before; i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(w.following).toHaveLength(before + 1);
      for (let i = 0; i < 100 && !t.services.following.list().some((f) => f.wiki === 'laterwiki'); i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(t.services.following.list().map((f) => f.wiki)).toContain('laterwiki');
    } finally {
      await w.followNew.stop();
      await Promise.all(w.following.map((loop) => loop.stop()));
    }
  });
});
