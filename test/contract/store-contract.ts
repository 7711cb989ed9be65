import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/store/store.ts';
import type { PageLinksData, Revision, TitleProtection } from '../../src/core/domain/wiki.ts';
import type {
  ContributionQuery,
  PageContributor,
} from '../../src/core/store/repositories/pages-and-revisions.ts';
import type {
  Backlink,
  BacklinkQuery,
  CategoryMember,
  CategoryMemberQuery,
} from '../../src/core/store/repositories/links-and-media.ts';
import {
  makeBlock,
  makeJob,
  makeLinks,
  makeLogEntry,
  makeMediaFile,
  makeNotification,
  makePage,
  makeRecentChange,
  makeRevision,
  makeUser,
  makeWikiInfo,
} from '../factories/store.ts';

export interface StoreHandle {
  store: Store;
  cleanup: () => Promise<void>;
}

export interface StoreContractOptions {
  /** Groups of tests a backend cannot run, each with the reason (shown in the test name). */
  skip?: { concurrentTransactions?: string };
}

/**
 * The behaviour every Store backend must show. `makeStore` opens a new, empty, unmigrated store;
 * the suite migrates it. Most tests share one store and stay apart by using a wiki (or key) of
 * their own; tests of the global queues (outbox, jobs, sessions) and of transactions get a store
 * each. Prints how many contract tests ran, for CI logs.
 */
export function defineStoreContract(
  name: string,
  makeStore: () => Promise<StoreHandle>,
  options: StoreContractOptions = {},
): void {
  let ran = 0;
  let shared: StoreHandle | undefined;
  let wikiCounter = 0;

  /** A test on the shared store with a wiki id nobody else uses. */
  const test = (title: string, body: (store: Store, wiki: string) => Promise<void>) =>
    it(title, async () => {
      ran++;
      if (!shared) throw new Error('shared store not opened');
      await body(shared.store, `w${++wikiCounter}`);
    });

  /** A test on a store of its own (for global tables: queues, sessions). */
  const isolated = (title: string, body: (store: Store) => Promise<void>) =>
    it(title, async () => {
      ran++;
      const handle = await makeStore();
      try {
        await handle.store.migrate();
        await body(handle.store);
      } finally {
        await handle.cleanup();
      }
    });

  describe(`Store contract (${name})`, () => {
    beforeAll(async () => {
      shared = await makeStore();
      await shared.store.migrate();
    });

    afterAll(async () => {
      await shared?.cleanup();
      console.log(`store contract: ${ran} tests on ${name}`);
    });

    describe('migrate', () => {
      test('running migrate again is a no-op that keeps the data', async (store, wiki) => {
        await store.pages.insert(makePage({ wiki, id: 1 }));
        await store.migrate();
        expect((await store.pages.getById(wiki, 1))?.id).toBe(1);
      });
    });

    describe('wikis', () => {
      test('upsert then get returns the same wiki info', async (store, wiki) => {
        const info = makeWikiInfo({
          id: wiki,
          lang: 'de',
          sitename: 'Wikipedia',
          baseUrl: 'https://de.wikipedia.org',
          namespaces: [
            { id: 0, name: '', canonical: '', aliases: [], content: true, case: 'first-letter' },
            {
              id: 4,
              name: 'Wikipedia',
              canonical: 'Project',
              aliases: ['WP'],
              content: false,
              case: 'first-letter',
            },
          ],
          isMediaRepo: true,
          source: 'mediawiki',
          settings: { review: { namespaces: [0, 2] } },
        });
        await store.wikis.upsert(info, 100);
        expect(await store.wikis.get(wiki)).toEqual(info);
      });

      test('upsert of an existing wiki replaces its fields', async (store, wiki) => {
        await store.wikis.upsert(makeWikiInfo({ id: wiki, sitename: 'Old' }), 100);
        await store.wikis.upsert(makeWikiInfo({ id: wiki, sitename: 'New', source: 'dump' }), 200);
        const got = await store.wikis.get(wiki);
        expect(got?.sitename).toBe('New');
        expect(got?.source).toBe('dump');
      });

      test('list returns every wiki ordered by id', async (store, wiki) => {
        await store.wikis.upsert(makeWikiInfo({ id: `${wiki}_b` }), 1);
        await store.wikis.upsert(makeWikiInfo({ id: `${wiki}_a` }), 1);
        const ids = (await store.wikis.list()).map((w) => w.id).filter((id) => id.startsWith(`${wiki}_`));
        expect(ids).toEqual([`${wiki}_a`, `${wiki}_b`]);
      });

      test('get of an unknown wiki is undefined', async (store, wiki) => {
        expect(await store.wikis.get(`${wiki}_missing`)).toBeUndefined();
      });
    });

    describe('ids', () => {
      test('next hands out consecutive ids starting at 1', async (store, wiki) => {
        expect(await store.ids.next(wiki, 'page')).toBe(1);
        expect(await store.ids.next(wiki, 'page')).toBe(2);
        expect(await store.ids.next(wiki, 'page')).toBe(3);
      });

      test('next with a count reserves a block and returns its first id', async (store, wiki) => {
        expect(await store.ids.next(wiki, 'revision', 10)).toBe(1);
        expect(await store.ids.next(wiki, 'revision', 5)).toBe(11);
        expect(await store.ids.next(wiki, 'revision')).toBe(16);
      });

      test('counters are independent per wiki and per kind', async (store, wiki) => {
        await store.ids.next(wiki, 'page', 7);
        expect(await store.ids.next(wiki, 'user')).toBe(1);
        expect(await store.ids.next(`${wiki}_other`, 'page')).toBe(1);
      });

      test('ensureAbove moves the next id past an imported id', async (store, wiki) => {
        await store.ids.next(wiki, 'page');
        await store.ids.ensureAbove(wiki, 'page', 500);
        expect(await store.ids.next(wiki, 'page')).toBe(501);
      });

      test('ensureAbove never lowers the counter', async (store, wiki) => {
        await store.ids.next(wiki, 'log', 100);
        await store.ids.ensureAbove(wiki, 'log', 5);
        expect(await store.ids.next(wiki, 'log')).toBe(101);
      });

      test('ensureAbove on a fresh counter starts allocation above the id', async (store, wiki) => {
        await store.ids.ensureAbove(wiki, 'rc', 41);
        expect(await store.ids.next(wiki, 'rc')).toBe(42);
      });

      test('a turn makes a second transaction taking it wait until the first has ended', async (store, wiki) => {
        const order: string[] = [];
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let taken!: () => void;
        const hasTurn = new Promise<void>((resolve) => (taken = resolve));
        const first = store.transaction(async (tx) => {
          await tx.ids.turn(wiki, 'mirror');
          order.push('first has the turn');
          taken();
          await held;
          order.push('first ends');
        });
        await hasTurn;
        const second = store.transaction(async (tx) => {
          await tx.ids.turn(wiki, 'mirror');
          order.push('second has the turn');
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
        release();
        await Promise.all([first, second]);
        expect(order).toEqual(['first has the turn', 'first ends', 'second has the turn']);
        // Turns draw no ids.
        expect(await store.ids.next(wiki, 'page')).toBe(1);
      });
    });

    describe('pages', () => {
      test('insert then getById and getByTitle return the page', async (store, wiki) => {
        const page = makePage({
          wiki,
          id: 7,
          namespace: 2,
          title: 'Alice/Sandbox',
          isRedirect: true,
          len: 42,
        });
        await store.pages.insert(page);
        expect(await store.pages.getById(wiki, 7)).toEqual(page);
        expect(await store.pages.getByTitle(wiki, 2, 'Alice/Sandbox')).toEqual(page);
      });

      test('listByIdAfter walks the non-redirect pages of some namespaces by id', async (store, wiki) => {
        await store.pages.insert(makePage({ wiki, id: 5, namespace: 0, title: 'E' }));
        await store.pages.insert(makePage({ wiki, id: 2, namespace: 0, title: 'B' }));
        await store.pages.insert(makePage({ wiki, id: 3, namespace: 0, title: 'C', isRedirect: true }));
        await store.pages.insert(makePage({ wiki, id: 4, namespace: 1, title: 'D' }));
        await store.pages.insert(makePage({ wiki, id: 1, namespace: 100, title: 'A' }));
        await store.pages.insert(makePage({ wiki: `${wiki}_x`, id: 6, namespace: 0, title: 'F' }));
        const walk = (afterId: number, limit: number) =>
          store.pages
            .listByIdAfter(wiki, { namespaces: [0, 100], afterId, limit })
            .then((ps) => ps.map((p) => p.id));
        expect(await walk(0, 10)).toEqual([1, 2, 5]);
        expect(await walk(1, 1)).toEqual([2]);
        expect(await walk(2, 10)).toEqual([5]);
        expect(await store.pages.listByIdAfter(wiki, { namespaces: [], afterId: 0, limit: 10 })).toEqual([]);
      });

      test('a second page with the same namespace and title is rejected', async (store, wiki) => {
        await store.pages.insert(makePage({ wiki, id: 1, title: 'Same' }));
        await expect(store.pages.insert(makePage({ wiki, id: 2, title: 'Same' }))).rejects.toThrow();
      });

      test('the same title in another namespace or wiki is a different page', async (store, wiki) => {
        await store.pages.insert(makePage({ wiki, id: 1, title: 'Same' }));
        await store.pages.insert(makePage({ wiki, id: 2, namespace: 1, title: 'Same' }));
        await store.pages.insert(makePage({ wiki: `${wiki}_x`, id: 1, title: 'Same' }));
        expect((await store.pages.getByTitle(wiki, 1, 'Same'))?.id).toBe(2);
      });

      test('titles are case-sensitive', async (store, wiki) => {
        await store.pages.insert(makePage({ wiki, id: 1, title: 'Apple' }));
        expect(await store.pages.getByTitle(wiki, 0, 'apple')).toBeUndefined();
      });

      test('getManyByIds returns known pages in id order', async (store, wiki) => {
        for (const id of [3, 1, 2]) await store.pages.insert(makePage({ wiki, id }));
        const pages = await store.pages.getManyByIds(wiki, [3, 99, 1]);
        expect(pages.map((p) => p.id)).toEqual([1, 3]);
      });

      test('getManyByTitles finds pages across namespaces, each once', async (store, wiki) => {
        await store.pages.insert(makePage({ wiki, id: 1, namespace: 0, title: 'A' }));
        await store.pages.insert(makePage({ wiki, id: 2, namespace: 10, title: 'A' }));
        await store.pages.insert(makePage({ wiki, id: 3, namespace: 0, title: 'B' }));
        const pages = await store.pages.getManyByTitles(wiki, [
          { namespace: 10, title: 'A' },
          { namespace: 0, title: 'B' },
          { namespace: 0, title: 'Missing' },
          { namespace: 10, title: 'A' },
        ]);
        expect(pages.map((p) => p.id)).toEqual([2, 3]);
      });

      test('existingTitles names the given titles that exist in the given namespaces only', async (store, wiki) => {
        await store.pages.insert(makePage({ wiki, id: 1, namespace: 2, title: 'Ann' }));
        await store.pages.insert(makePage({ wiki, id: 2, namespace: 3, title: 'Ann' }));
        await store.pages.insert(makePage({ wiki, id: 3, namespace: 3, title: 'O\'Brien_"x"' }));
        await store.pages.insert(makePage({ wiki, id: 4, namespace: 4, title: 'Bob' }));
        await store.pages.insert(makePage({ wiki: `${wiki}_other`, id: 5, namespace: 2, title: 'Bob' }));
        const found = await store.pages.existingTitles(
          wiki,
          [2, 3],
          ['Ann', 'Bob', 'O\'Brien_"x"', 'Ann', 'Nobody'],
        );
        expect(found.map((p) => `${p.namespace}:${p.title}`).sort()).toEqual([
          '2:Ann',
          '3:Ann',
          '3:O\'Brien_"x"',
        ]);
        expect(await store.pages.existingTitles(wiki, [2], [])).toEqual([]);
      });

      test('update changes only the given fields', async (store, wiki) => {
        await store.pages.insert(makePage({ wiki, id: 1, title: 'Old', len: 5, latestRevId: 10 }));
        await store.pages.update(wiki, 1, { latestRevId: 11, touchedAt: 1_800_000_000 });
        const page = await store.pages.getById(wiki, 1);
        expect(page).toMatchObject({ latestRevId: 11, touchedAt: 1_800_000_000, len: 5, title: 'Old' });
      });

      test('update can move a page to a new namespace and title', async (store, wiki) => {
        await store.pages.insert(makePage({ wiki, id: 1, title: 'Draft_title' }));
        await store.pages.update(wiki, 1, { namespace: 118, title: 'Moved', isRedirect: false });
        expect(await store.pages.getByTitle(wiki, 0, 'Draft_title')).toBeUndefined();
        expect((await store.pages.getByTitle(wiki, 118, 'Moved'))?.id).toBe(1);
      });

      test('delete removes the page', async (store, wiki) => {
        await store.pages.insert(makePage({ wiki, id: 1 }));
        await store.pages.delete(wiki, 1);
        expect(await store.pages.getById(wiki, 1)).toBeUndefined();
      });

      test('upsertMany inserts new pages and replaces existing ones by id', async (store, wiki) => {
        await store.pages.insert(makePage({ wiki, id: 1, title: 'Before', len: 1 }));
        await store.pages.upsertMany([
          makePage({ wiki, id: 1, title: 'After', len: 2 }),
          makePage({ wiki, id: 2, title: 'New' }),
        ]);
        expect(await store.pages.getById(wiki, 1)).toMatchObject({ title: 'After', len: 2 });
        expect((await store.pages.getByTitle(wiki, 0, 'New'))?.id).toBe(2);
      });

      test('upsertMany handles batches larger than one statement can carry', async (store, wiki) => {
        const pages = Array.from({ length: 7000 }, (_, i) => makePage({ wiki, id: i + 1, title: `P${i}` }));
        await store.pages.upsertMany(pages);
        expect(await store.pages.count(wiki)).toBe(7000);
        expect((await store.pages.getById(wiki, 7000))?.title).toBe('P6999');
      });

      test('upsertMany keeps the last of two rows with the same id in one batch', async (store, wiki) => {
        await store.pages.upsertMany([
          makePage({ wiki, id: 1, title: 'First' }),
          makePage({ wiki, id: 1, title: 'Second' }),
        ]);
        expect((await store.pages.getById(wiki, 1))?.title).toBe('Second');
      });

      test('count counts pages of the wiki, optionally of one namespace', async (store, wiki) => {
        await store.pages.insert(makePage({ wiki, id: 1, namespace: 0 }));
        await store.pages.insert(makePage({ wiki, id: 2, namespace: 0 }));
        await store.pages.insert(makePage({ wiki, id: 3, namespace: 1 }));
        expect(await store.pages.count(wiki)).toBe(3);
        expect(await store.pages.count(wiki, 0)).toBe(2);
        expect(await store.pages.count(wiki, 4)).toBe(0);
      });

      describe('list (allpages)', () => {
        const titles = ['Banana', 'apple', 'Apple', 'Apricot', 'Zebra', 'Émile', 'Cherry'];
        const seed = async (store: Store, wiki: string) => {
          let id = 0;
          for (const title of titles) await store.pages.insert(makePage({ wiki, id: ++id, title }));
          await store.pages.insert(makePage({ wiki, id: 100, namespace: 1, title: 'Banana' }));
        };
        const listTitles = async (
          store: Store,
          wiki: string,
          q: Partial<Parameters<Store['pages']['list']>[1]>,
        ) =>
          (await store.pages.list(wiki, { namespace: 0, dir: 'ascending', limit: 50, ...q })).map(
            (p) => p.title,
          );

        test('ascending lists one namespace in code point order', async (store, wiki) => {
          await seed(store, wiki);
          expect(await listTitles(store, wiki, {})).toEqual([
            'Apple',
            'Apricot',
            'Banana',
            'Cherry',
            'Zebra',
            'apple',
            'Émile',
          ]);
        });

        test('descending lists in reverse order', async (store, wiki) => {
          await seed(store, wiki);
          expect(await listTitles(store, wiki, { dir: 'descending', limit: 3 })).toEqual([
            'Émile',
            'apple',
            'Zebra',
          ]);
        });

        test('from and to are inclusive bounds in the direction of travel', async (store, wiki) => {
          await seed(store, wiki);
          expect(await listTitles(store, wiki, { from: 'Apricot', to: 'Cherry' })).toEqual([
            'Apricot',
            'Banana',
            'Cherry',
          ]);
          expect(await listTitles(store, wiki, { dir: 'descending', from: 'Cherry', to: 'Banana' })).toEqual([
            'Cherry',
            'Banana',
          ]);
        });

        test('prefix matches case-sensitively and literally', async (store, wiki) => {
          await seed(store, wiki);
          expect(await listTitles(store, wiki, { prefix: 'Ap' })).toEqual(['Apple', 'Apricot']);
          expect(await listTitles(store, wiki, { prefix: 'a' })).toEqual(['apple']);
          expect(await listTitles(store, wiki, { prefix: 'É' })).toEqual(['Émile']);
          expect(await listTitles(store, wiki, { prefix: 'A%' })).toEqual([]);
        });

        test('limit cuts the listing', async (store, wiki) => {
          await seed(store, wiki);
          expect(await listTitles(store, wiki, { limit: 2 })).toEqual(['Apple', 'Apricot']);
        });

        test('redirects filter selects redirects or non-redirects', async (store, wiki) => {
          await store.pages.insert(makePage({ wiki, id: 1, title: 'R', isRedirect: true }));
          await store.pages.insert(makePage({ wiki, id: 2, title: 'N' }));
          expect(await listTitles(store, wiki, { redirects: 'redirects' })).toEqual(['R']);
          expect(await listTitles(store, wiki, { redirects: 'nonredirects' })).toEqual(['N']);
          expect(await listTitles(store, wiki, { redirects: 'all' })).toEqual(['N', 'R']);
        });
      });
    });

    describe('revisions', () => {
      /** Five revisions of page 1; two share a timestamp so that rev_id breaks the tie. */
      const seedHistory = async (store: Store, wiki: string) => {
        const revs = [
          makeRevision({ wiki, pageId: 1, id: 10, timestamp: 100, text: 'one' }),
          makeRevision({ wiki, pageId: 1, id: 12, timestamp: 200, text: 'two' }),
          makeRevision({ wiki, pageId: 1, id: 11, timestamp: 200, text: 'three' }),
          makeRevision({ wiki, pageId: 1, id: 13, timestamp: 300, text: 'four' }),
          makeRevision({ wiki, pageId: 1, id: 14, timestamp: 400, text: 'five' }),
          makeRevision({ wiki, pageId: 2, id: 15, timestamp: 50, text: 'other page' }),
        ];
        await store.revisions.insertMany(revs);
        return revs;
      };
      const ids = (revs: { id: number }[]) => revs.map((r) => r.id);

      test('insert then get returns the revision', async (store, wiki) => {
        const rev = makeRevision({
          wiki,
          pageId: 1,
          id: 5,
          parentId: 4,
          minor: true,
          comment: 'fix',
          text: 'héllo',
        });
        await store.revisions.insert(rev);
        expect(await store.revisions.get(wiki, 5)).toEqual(rev);
      });

      test('a null parent id round-trips', async (store, wiki) => {
        await store.revisions.insert(makeRevision({ wiki, pageId: 1, id: 5, parentId: null }));
        expect((await store.revisions.get(wiki, 5))?.parentId).toBeNull();
      });

      test('a second revision with the same id is rejected', async (store, wiki) => {
        await store.revisions.insert(makeRevision({ wiki, pageId: 1, id: 5 }));
        await expect(store.revisions.insert(makeRevision({ wiki, pageId: 2, id: 5 }))).rejects.toThrow();
      });

      test('listForPage older lists newest first by (timestamp, rev_id)', async (store, wiki) => {
        await seedHistory(store, wiki);
        expect(ids(await store.revisions.listForPage(wiki, 1, { dir: 'older', limit: 10 }))).toEqual([
          14, 13, 12, 11, 10,
        ]);
      });

      test('listForPage newer lists oldest first', async (store, wiki) => {
        await seedHistory(store, wiki);
        expect(ids(await store.revisions.listForPage(wiki, 1, { dir: 'newer', limit: 3 }))).toEqual([
          10, 11, 12,
        ]);
      });

      test('listForPage older from startId includes the start revision', async (store, wiki) => {
        await seedHistory(store, wiki);
        expect(
          ids(await store.revisions.listForPage(wiki, 1, { dir: 'older', limit: 10, startId: 12 })),
        ).toEqual([12, 11, 10]);
        expect(
          ids(await store.revisions.listForPage(wiki, 1, { dir: 'older', limit: 10, startId: 11 })),
        ).toEqual([11, 10]);
      });

      test('listForPage newer from startId continues past a timestamp tie', async (store, wiki) => {
        await seedHistory(store, wiki);
        expect(
          ids(await store.revisions.listForPage(wiki, 1, { dir: 'newer', limit: 10, startId: 12 })),
        ).toEqual([12, 13, 14]);
      });

      test('pages of two revisions at a time walk the whole history without gaps', async (store, wiki) => {
        await seedHistory(store, wiki);
        const seen: number[] = [];
        let startId: number | undefined;
        for (;;) {
          const page = await store.revisions.listForPage(wiki, 1, { dir: 'older', limit: 3, startId });
          seen.push(...ids(page.slice(0, 2)));
          if (page.length < 3) break;
          startId = page[2]?.id;
        }
        expect(seen).toEqual([14, 13, 12, 11, 10]);
      });

      test('listForPage with an unknown startId is empty', async (store, wiki) => {
        await seedHistory(store, wiki);
        expect(await store.revisions.listForPage(wiki, 1, { dir: 'older', limit: 10, startId: 999 })).toEqual(
          [],
        );
      });

      test('listForPage leaves the text out unless asked for it', async (store, wiki) => {
        await seedHistory(store, wiki);
        const [bare] = await store.revisions.listForPage(wiki, 1, { dir: 'newer', limit: 1 });
        const [full] = await store.revisions.listForPage(wiki, 1, { dir: 'newer', limit: 1, withText: true });
        expect(bare?.text).toBe('');
        expect(bare?.sha1).toBe(full?.sha1);
        expect(full?.text).toBe('one');
      });

      test('first is the earliest revision by (timestamp, rev_id)', async (store, wiki) => {
        await store.revisions.insertMany([
          makeRevision({ wiki, pageId: 1, id: 21, timestamp: 100 }),
          makeRevision({ wiki, pageId: 1, id: 20, timestamp: 100 }),
          makeRevision({ wiki, pageId: 1, id: 19, timestamp: 150 }),
        ]);
        expect((await store.revisions.first(wiki, 1))?.id).toBe(20);
        expect(await store.revisions.first(wiki, 2)).toBeUndefined();
      });

      test('countForPage counts the page revisions up to the cap', async (store, wiki) => {
        await seedHistory(store, wiki);
        expect(await store.revisions.countForPage(wiki, 1, 100)).toBe(5);
        expect(await store.revisions.countForPage(wiki, 1, 3)).toBe(3);
        expect(await store.revisions.countForPage(wiki, 3, 100)).toBe(0);
      });

      test('findKeys finds revisions by id, and by page and timestamp, without text', async (store, wiki) => {
        await store.revisions.insertMany([
          makeRevision({ wiki, pageId: 1, id: 10, timestamp: 100, sha1: 'a' }),
          makeRevision({ wiki, pageId: 1, id: 11, timestamp: 200, sha1: 'b' }),
          makeRevision({ wiki, pageId: 2, id: 20, timestamp: 100, sha1: 'c' }),
          makeRevision({ wiki, pageId: 3, id: 30, timestamp: 300, sha1: 'd' }),
        ]);
        const found = await store.revisions.findKeys(wiki, {
          revIds: [30, 99],
          pageIds: [1],
          timestamps: [200, 100],
        });
        expect(found.sort((x, y) => x.id - y.id)).toEqual([
          { id: 10, pageId: 1, timestamp: 100, sha1: 'a' },
          { id: 11, pageId: 1, timestamp: 200, sha1: 'b' },
          { id: 30, pageId: 3, timestamp: 300, sha1: 'd' },
        ]);
        expect(await store.revisions.findKeys(wiki, { revIds: [], pageIds: [2], timestamps: [] })).toEqual(
          [],
        );
      });

      test('getMany returns the revisions with their text and leaves unknown ids out', async (store, wiki) => {
        const revs = await seedHistory(store, wiki);
        const got = await store.revisions.getMany(wiki, [13, 15, 999, 13]);
        expect([...got.keys()].sort()).toEqual([13, 15]);
        expect(got.get(13)).toEqual(revs.find((r) => r.id === 13));
        expect(got.get(15)?.text).toBe('other page');
      });

      describe('contributions', () => {
        /**
         * Three pages and four editors (one an address), 40 revisions with repeated timestamps; page
         * 3 is in namespace 2. Each page's latest revision is its highest id; every third revision
         * is minor, every fourth tagged `t`, the first of each page a creation, and revisions with
         * even ids have a recent change patrolled (1), those divisible by 10 autopatrolled (2).
         */
        const editors = ['Alice', 'Bob', 'Boris', '192.0.2.1'];
        async function seedContributions(store: Store, wiki: string): Promise<Revision[]> {
          const revs: Revision[] = [];
          const last = new Map<number, Revision>();
          for (let id = 1; id <= 40; id++) {
            const pageId = (id % 3) + 1;
            const parent = last.get(pageId);
            const rev = makeRevision({
              wiki,
              pageId,
              id,
              parentId: parent?.id ?? null,
              timestamp: 1000 + Math.floor(id / 2) * 10,
              userId: id % 4 === 3 ? 0 : (id % 4) + 1,
              userText: editors[id % 4] as string,
              minor: id % 3 === 0,
              text: 'x'.repeat(id),
            });
            revs.push(rev);
            last.set(pageId, rev);
          }
          await store.revisions.insertMany(revs);
          for (const [pageId, rev] of last) {
            await store.pages.insert(
              makePage({ wiki, id: pageId, namespace: pageId === 3 ? 2 : 0, latestRevId: rev.id }),
            );
          }
          for (const rev of revs) {
            if (rev.id % 4 === 0) await store.changeTags.add(wiki, ['t'], { revId: rev.id });
            if (rev.id % 2 === 0) {
              await store.recentChanges.insert(
                makeRecentChange({
                  wiki,
                  id: 100 + rev.id,
                  revId: rev.id,
                  patrolled: rev.id % 10 === 0 ? 2 : 1,
                }),
              );
            } else if (rev.id > 30) {
              await store.recentChanges.insert(makeRecentChange({ wiki, id: 100 + rev.id, revId: rev.id }));
            }
          }
          return revs;
        }
        /** The oracle: sort and filter the seeded rows in JavaScript. */
        function expected(
          revs: Revision[],
          keep: (r: Revision) => boolean,
          dir: 'newer' | 'older',
        ): number[] {
          const sign = dir === 'newer' ? 1 : -1;
          return revs
            .filter(keep)
            .sort(
              (a, b) =>
                sign *
                (a.userText < b.userText
                  ? -1
                  : a.userText > b.userText
                    ? 1
                    : a.timestamp - b.timestamp || a.id - b.id),
            )
            .map((r) => r.id);
        }

        test('lists one editor newest first, paged by keyset without gaps', async (store, wiki) => {
          const revs = await seedContributions(store, wiki);
          const seen: number[] = [];
          let from: { userText: string; timestamp: number; id: number } | undefined;
          for (;;) {
            const page = await store.revisions.listContributions(wiki, {
              users: ['Bob'],
              dir: 'older',
              limit: 4,
              ...(from ? { from } : {}),
            });
            seen.push(...page.slice(0, 3).map((c) => c.revision.id));
            const next = page[3];
            if (!next) break;
            from = {
              userText: next.revision.userText,
              timestamp: next.revision.timestamp,
              id: next.revision.id,
            };
          }
          expect(seen).toEqual(expected(revs, (r) => r.userText === 'Bob', 'older'));
        });

        test('orders several editors and a prefix by name, then time', async (store, wiki) => {
          const revs = await seedContributions(store, wiki);
          const ids = async (q: Partial<ContributionQuery>) =>
            (await store.revisions.listContributions(wiki, { dir: 'newer', limit: 100, ...q })).map(
              (c) => c.revision.id,
            );
          expect(await ids({ users: ['Bob', '192.0.2.1'] })).toEqual(
            expected(revs, (r) => ['Bob', '192.0.2.1'].includes(r.userText), 'newer'),
          );
          expect(await ids({ prefix: 'Bo' })).toEqual(
            expected(revs, (r) => r.userText.startsWith('Bo'), 'newer'),
          );
          expect(await ids({ users: [] })).toEqual([]);
        });

        test('filters by namespace, time, minor, creation, top, patrol state and tag', async (store, wiki) => {
          const revs = await seedContributions(store, wiki);
          const top = new Set([38, 39, 40]);
          const ids = async (q: Partial<ContributionQuery>) =>
            (
              await store.revisions.listContributions(wiki, { dir: 'older', limit: 100, prefix: '', ...q })
            ).map((c) => c.revision.id);
          const all = (keep: (r: Revision) => boolean) => expected(revs, keep, 'older');
          expect(await ids({ namespaces: [2] })).toEqual(all((r) => r.pageId === 3));
          expect(await ids({ newest: 1100, oldest: 1050 })).toEqual(
            all((r) => r.timestamp <= 1100 && r.timestamp >= 1050),
          );
          expect(await ids({ minor: true })).toEqual(all((r) => r.minor));
          expect(await ids({ creation: true })).toEqual(all((r) => r.parentId === null));
          expect(await ids({ creation: false })).toEqual(all((r) => r.parentId !== null));
          expect(await ids({ top: true })).toEqual(all((r) => top.has(r.id)));
          expect(await ids({ top: false })).toEqual(all((r) => !top.has(r.id)));
          expect(await ids({ patrolled: [2] })).toEqual(all((r) => r.id % 10 === 0));
          expect(await ids({ patrolled: [0] })).toEqual(all((r) => r.id % 2 === 1 && r.id > 30));
          expect(await ids({ tag: 't' })).toEqual(all((r) => r.id % 4 === 0));
        });

        test('gives each contribution its page, parent length, top flag and patrol state', async (store, wiki) => {
          await seedContributions(store, wiki);
          const [c] = await store.revisions.listContributions(wiki, {
            users: ['Alice'],
            dir: 'older',
            limit: 1,
          });
          // Alice's latest is revision 40 (40 % 4 = 0): the top of page 2, after its revision 37.
          expect(c).toMatchObject({
            namespace: 0,
            title: 'Page_2',
            isTop: true,
            parentLen: 37,
            patrolled: 2,
          });
          expect(c?.revision).toMatchObject({ id: 40, text: '', len: 40 });
          // Bob's first is revision 1, the creation of page 2, with no recent change.
          const [first] = await store.revisions.listContributions(wiki, {
            users: ['Bob'],
            dir: 'newer',
            limit: 1,
          });
          expect(first).toMatchObject({ parentLen: null, patrolled: null });
        });

        test("lists each page's distinct registered editors by page and user id, and counts addresses", async (store, wiki) => {
          const revs = await seedContributions(store, wiki);
          await store.users.addGroup(wiki, 2, 'sysop', null);
          await store.users.addGroup(wiki, 3, 'sysop', 500);
          const pairs = (keep: (r: Revision) => boolean) =>
            [...new Set(revs.filter((r) => r.userId > 0 && keep(r)).map((r) => `${r.pageId}/${r.userId}`))]
              .map((k) => k.split('/').map(Number) as [number, number])
              .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          const got = (list: PageContributor[]) => list.map((c) => [c.pageId, c.userId]);
          const all = await store.revisions.listContributors(wiki, {
            pageIds: [1, 2, 3],
            limit: 100,
            now: 1000,
          });
          expect(got(all)).toEqual(pairs(() => true));
          expect(all.find((c) => c.userId === 2)?.name).toBe('Bob');
          const rest = await store.revisions.listContributors(wiki, {
            pageIds: [1, 2, 3],
            limit: 100,
            now: 1000,
            from: { pageId: 2, userId: 2 },
          });
          expect(got(rest)).toEqual(pairs(() => true).filter(([p, u]) => p > 2 || (p === 2 && u >= 2)));
          const sysops = await store.revisions.listContributors(wiki, {
            pageIds: [1, 2, 3],
            limit: 100,
            now: 1000,
            groups: ['sysop'],
          });
          expect(got(sysops)).toEqual(pairs((r) => r.userId === 2));
          const others = await store.revisions.listContributors(wiki, {
            pageIds: [1],
            limit: 100,
            now: 1000,
            excludeGroups: ['sysop'],
          });
          // Boris's (user 3) sysop membership expired at 500.
          expect(got(others)).toEqual(pairs((r) => r.pageId === 1 && r.userId !== 2));
          const anon = await store.revisions.countAnonymousContributors(wiki, [1, 2, 3, 9]);
          expect(anon.get(1)).toBe(1);
          expect(anon.has(9)).toBe(false);
        });

        test('groupMemberships gives unexpired groups with their expiry', async (store, wiki) => {
          await store.users.addGroup(wiki, 1, 'sysop', null);
          await store.users.addGroup(wiki, 1, 'bot', 2000);
          await store.users.addGroup(wiki, 2, 'bot', 500);
          const got = await store.users.groupMemberships(wiki, [1, 2], 1000);
          expect(got.get(1)).toEqual([
            { group: 'bot', expiry: 2000 },
            { group: 'sysop', expiry: null },
          ]);
          expect(got.has(2)).toBe(false);
        });
      });

      test('firstMany gives the earliest revision of each stored page, without text', async (store, wiki) => {
        await seedHistory(store, wiki);
        await store.revisions.insertMany([
          makeRevision({ wiki, pageId: 3, id: 31, timestamp: 100 }),
          makeRevision({ wiki, pageId: 3, id: 30, timestamp: 100 }),
          makeRevision({ wiki, pageId: 9, id: 90, timestamp: 100 }),
        ]);
        for (const id of [1, 2, 3, 4]) await store.pages.insert(makePage({ wiki, id }));
        const got = await store.revisions.firstMany(wiki, [1, 2, 3, 4, 9]);
        expect([...got.keys()].sort()).toEqual([1, 2, 3]);
        expect(got.get(1)).toEqual({ ...(await store.revisions.first(wiki, 1))!, text: '' });
        expect(got.get(1)?.id).toBe(10);
        expect(got.get(2)?.id).toBe(15);
        expect(got.get(3)?.id).toBe(30);
      });

      test('countForPages counts the revisions of each stored page up to the cap', async (store, wiki) => {
        await seedHistory(store, wiki);
        for (const id of [1, 2, 3]) await store.pages.insert(makePage({ wiki, id }));
        expect([...(await store.revisions.countForPages(wiki, [1, 2, 3, 7], 100))].sort()).toEqual([
          [1, 5],
          [2, 1],
          [3, 0],
        ]);
        expect((await store.revisions.countForPages(wiki, [1, 2], 3)).get(1)).toBe(3);
      });

      test('insertMany stores batches larger than one statement can carry', async (store, wiki) => {
        const revs = Array.from({ length: 3000 }, (_, i) =>
          makeRevision({ wiki, pageId: 1, id: i + 1, timestamp: i }),
        );
        await store.revisions.insertMany(revs);
        expect(await store.revisions.countForPage(wiki, 1, 10_000)).toBe(3000);
      });

      test('archivePage moves every revision of the page into the archive', async (store, wiki) => {
        const revs = await seedHistory(store, wiki);
        expect(await store.revisions.archivePage(wiki, 1, 0, 'Gone', 77)).toBe(5);
        expect(await store.revisions.get(wiki, 10)).toBeUndefined();
        expect(await store.revisions.countForPage(wiki, 2, 10)).toBe(1);
        const archived = await store.archive.listForTitle(wiki, 0, 'Gone');
        expect(archived).toEqual(
          revs.filter((r) => r.pageId === 1).sort((a, b) => a.timestamp - b.timestamp || a.id - b.id),
        );
      });
    });

    describe('archive', () => {
      test('listForTitle lists only that title, oldest first', async (store, wiki) => {
        await store.revisions.insertMany([
          makeRevision({ wiki, pageId: 1, id: 2, timestamp: 20 }),
          makeRevision({ wiki, pageId: 1, id: 1, timestamp: 10 }),
          makeRevision({ wiki, pageId: 2, id: 3, timestamp: 5 }),
        ]);
        await store.revisions.archivePage(wiki, 1, 0, 'A', 1);
        await store.revisions.archivePage(wiki, 2, 1, 'A', 2);
        expect((await store.archive.listForTitle(wiki, 0, 'A')).map((r) => r.id)).toEqual([1, 2]);
      });

      test('takeForTitle returns the archived revisions and removes them', async (store, wiki) => {
        await store.revisions.insertMany([
          makeRevision({ wiki, pageId: 1, id: 2, timestamp: 20, text: 'b' }),
          makeRevision({ wiki, pageId: 1, id: 1, timestamp: 10, text: 'a' }),
        ]);
        await store.revisions.archivePage(wiki, 1, 0, 'A', 1);
        const taken = await store.archive.takeForTitle(wiki, 0, 'A');
        expect(taken.map((r) => [r.id, r.text])).toEqual([
          [1, 'a'],
          [2, 'b'],
        ]);
        expect(await store.archive.listForTitle(wiki, 0, 'A')).toEqual([]);
      });
    });

    describe('users', () => {
      test('insert then getById and getByName return the user', async (store, wiki) => {
        await store.users.insert(
          makeUser({ wiki, id: 3, name: 'Alice', registration: 123, editCount: 7, email: 'a@example.org' }),
        );
        const expected = {
          wiki,
          id: 3,
          name: 'Alice',
          registration: 123,
          editCount: 7,
          email: 'a@example.org',
          groups: [],
        };
        expect(await store.users.getById(wiki, 3)).toEqual(expected);
        expect(await store.users.getByName(wiki, 'Alice')).toEqual(expected);
      });

      test('a null registration and default edit count round-trip', async (store, wiki) => {
        await store.users.insert({ wiki, id: 1, name: 'Old', passwordHash: '', registration: null });
        expect(await store.users.getById(wiki, 1)).toMatchObject({
          registration: null,
          editCount: 0,
          email: '',
        });
      });

      test('a second user with the same name is rejected', async (store, wiki) => {
        await store.users.insert(makeUser({ wiki, id: 1, name: 'Alice' }));
        await expect(store.users.insert(makeUser({ wiki, id: 2, name: 'Alice' }))).rejects.toThrow();
      });

      test('insertManyIfMissing adds new users and leaves existing ones alone', async (store, wiki) => {
        await store.users.insert(makeUser({ wiki, id: 1, name: 'Alice', editCount: 5 }));
        await store.users.insertManyIfMissing([
          makeUser({ wiki, id: 1, name: 'Alice', editCount: 0 }),
          makeUser({ wiki, id: 2, name: 'Bob' }),
          makeUser({ wiki, id: 3, name: 'Bob' }),
        ]);
        expect((await store.users.getById(wiki, 1))?.editCount).toBe(5);
        expect((await store.users.getByName(wiki, 'Bob'))?.id).toBe(2);
        expect(await store.users.getById(wiki, 3)).toBeUndefined();
      });

      test('upsertFacts adds missing users and sets registration and edit count of existing ones', async (store, wiki) => {
        await store.users.insert(makeUser({ wiki, id: 1, name: 'Alice', editCount: 5, registration: 100 }));
        await store.users.setPasswordHash(wiki, 1, 'kept-hash');
        await store.users.upsertFacts([
          { wiki, id: 1, name: 'Alice', passwordHash: '', registration: 90, editCount: 42 },
          { wiki, id: 7, name: 'Remote newcomer', passwordHash: '', registration: 1000, editCount: 3 },
        ]);
        expect(await store.users.getById(wiki, 1)).toMatchObject({ registration: 90, editCount: 42 });
        expect(await store.users.getPasswordHash(wiki, 1)).toBe('kept-hash');
        expect(await store.users.getById(wiki, 7)).toMatchObject({ name: 'Remote newcomer', editCount: 3 });
      });

      test('getManyByNames returns the known users', async (store, wiki) => {
        await store.users.insert(makeUser({ wiki, id: 1, name: 'Bob' }));
        await store.users.insert(makeUser({ wiki, id: 2, name: 'Alice' }));
        const users = await store.users.getManyByNames(wiki, ['Bob', 'Nobody', 'Alice']);
        expect(users.map((u) => u.name)).toEqual(['Alice', 'Bob']);
      });

      test('getManyByIds returns the known users in id order with groups unexpired at now', async (store, wiki) => {
        await store.users.insert(makeUser({ wiki, id: 5, name: 'Bob' }));
        await store.users.insert(makeUser({ wiki, id: 2, name: 'Alice', editCount: 4 }));
        await store.users.addGroup(wiki, 5, 'sysop', null);
        await store.users.addGroup(wiki, 5, 'bot', 1000);
        const users = await store.users.getManyByIds(wiki, [5, 9, 2], 999);
        expect(users.map((u) => [u.id, u.name, u.editCount, u.groups])).toEqual([
          [2, 'Alice', 4, []],
          [5, 'Bob', 0, ['bot', 'sysop']],
        ]);
        expect((await store.users.getManyByIds(wiki, [5], 1000))[0]?.groups).toEqual(['sysop']);
      });

      test('setPasswordHash replaces the hash getPasswordHash returns', async (store, wiki) => {
        await store.users.insert(makeUser({ wiki, id: 1, passwordHash: 'old' }));
        await store.users.setPasswordHash(wiki, 1, 'new');
        expect(await store.users.getPasswordHash(wiki, 1)).toBe('new');
        expect(await store.users.getPasswordHash(wiki, 2)).toBeUndefined();
      });

      test('incrementEditCount adds one or the given amount', async (store, wiki) => {
        await store.users.insert(makeUser({ wiki, id: 1 }));
        await store.users.incrementEditCount(wiki, 1);
        await store.users.incrementEditCount(wiki, 1, 10);
        expect((await store.users.getById(wiki, 1))?.editCount).toBe(11);
      });

      test('recountEditCounts sets each count to live plus archived revisions, for all or some users', async (store, wiki) => {
        for (const id of [1, 2, 3])
          await store.users.insert(makeUser({ wiki, id, name: `U${id}`, editCount: 50 }));
        await store.revisions.insertMany([
          makeRevision({ wiki, pageId: 1, id: 1, timestamp: 10, userId: 1 }),
          makeRevision({ wiki, pageId: 1, id: 2, timestamp: 20, userId: 2 }),
          makeRevision({ wiki, pageId: 2, id: 3, timestamp: 30, userId: 1 }),
          makeRevision({ wiki, pageId: 3, id: 4, timestamp: 40, userId: 0 }),
          makeRevision({ wiki: 'other', pageId: 1, id: 1, timestamp: 10, userId: 1 }),
        ]);
        await store.revisions.archivePage(wiki, 2, 0, 'Gone', 1);
        expect(await store.users.recountEditCounts(wiki, [2])).toEqual({ users: 1, changed: 1 });
        expect((await store.users.getById(wiki, 1))?.editCount).toBe(50);
        expect(await store.users.recountEditCounts(wiki)).toEqual({ users: 3, changed: 2 });
        const counts = (await store.users.getManyByIds(wiki, [1, 2, 3])).map((u) => u.editCount);
        expect(counts).toEqual([2, 1, 0]);
      });

      test('groups lists the groups unexpired at now', async (store, wiki) => {
        await store.users.insert(makeUser({ wiki, id: 1 }));
        await store.users.addGroup(wiki, 1, 'sysop', null);
        await store.users.addGroup(wiki, 1, 'patroller', 1000);
        expect(await store.users.groups(wiki, 1, 999)).toEqual(['patroller', 'sysop']);
        expect(await store.users.groups(wiki, 1, 1000)).toEqual(['sysop']);
      });

      test('addGroup on a group the user has changes its expiry', async (store, wiki) => {
        await store.users.insert(makeUser({ wiki, id: 1 }));
        await store.users.addGroup(wiki, 1, 'rollbacker', 1000);
        await store.users.addGroup(wiki, 1, 'rollbacker', null);
        expect(await store.users.groups(wiki, 1, 5000)).toEqual(['rollbacker']);
      });

      test('removeGroup takes the group away', async (store, wiki) => {
        await store.users.insert(makeUser({ wiki, id: 1 }));
        await store.users.addGroup(wiki, 1, 'sysop', null);
        await store.users.removeGroup(wiki, 1, 'sysop');
        expect(await store.users.groups(wiki, 1, 0)).toEqual([]);
      });

      test('getById hides groups that have expired', async (store, wiki) => {
        await store.users.insert(makeUser({ wiki, id: 1 }));
        await store.users.addGroup(wiki, 1, 'sysop', null);
        await store.users.addGroup(wiki, 1, 'bot', 1);
        expect((await store.users.getById(wiki, 1))?.groups).toEqual(['sysop']);
      });

      describe('list (allusers)', () => {
        const seed = async (store: Store, wiki: string) => {
          await store.users.insert(makeUser({ wiki, id: 1, name: 'Alice', editCount: 3 }));
          await store.users.insert(makeUser({ wiki, id: 2, name: 'Albert', editCount: 0 }));
          await store.users.insert(makeUser({ wiki, id: 3, name: 'Bob', editCount: 1 }));
          await store.users.insert(makeUser({ wiki, id: 4, name: 'Carol', editCount: 9 }));
          await store.users.addGroup(wiki, 1, 'sysop', null);
          await store.users.addGroup(wiki, 3, 'sysop', 100);
          await store.users.addGroup(wiki, 4, 'bot', null);
        };
        const names = async (store: Store, wiki: string, q: Partial<Parameters<Store['users']['list']>[1]>) =>
          (await store.users.list(wiki, { dir: 'ascending', limit: 50, now: 50, ...q })).map((u) => u.name);

        test('lists users by name from a starting name', async (store, wiki) => {
          await seed(store, wiki);
          expect(await names(store, wiki, { from: 'Alice' })).toEqual(['Alice', 'Bob', 'Carol']);
          expect(await names(store, wiki, { dir: 'descending', from: 'Bob', limit: 2 })).toEqual([
            'Bob',
            'Alice',
          ]);
        });

        test('prefix restricts to names starting with it', async (store, wiki) => {
          await seed(store, wiki);
          expect(await names(store, wiki, { prefix: 'Al' })).toEqual(['Albert', 'Alice']);
        });

        test('groups and excludeGroups filter by current membership', async (store, wiki) => {
          await seed(store, wiki);
          expect(await names(store, wiki, { groups: ['sysop'] })).toEqual(['Alice', 'Bob']);
          expect(await names(store, wiki, { groups: ['sysop'], now: 100 })).toEqual(['Alice']);
          expect(await names(store, wiki, { excludeGroups: ['sysop', 'bot'] })).toEqual(['Albert']);
        });

        test('withEditsOnly leaves out users without edits', async (store, wiki) => {
          await seed(store, wiki);
          expect(await names(store, wiki, { withEditsOnly: true })).toEqual(['Alice', 'Bob', 'Carol']);
        });

        test('listed users carry their current groups', async (store, wiki) => {
          await seed(store, wiki);
          const users = await store.users.list(wiki, { dir: 'ascending', limit: 10, now: 200 });
          expect(users.map((u) => [u.name, u.groups])).toEqual([
            ['Albert', []],
            ['Alice', ['sysop']],
            ['Bob', []],
            ['Carol', ['bot']],
          ]);
        });
      });

      test('setOptions stores options and null removes one', async (store, wiki) => {
        await store.users.setOptions(wiki, 1, { skin: 'vector', language: 'de' });
        await store.users.setOptions(wiki, 1, { skin: 'timeless', language: null });
        expect(await store.users.getOptions(wiki, 1)).toEqual({ skin: 'timeless' });
        expect(await store.users.getOptions(wiki, 2)).toEqual({});
      });

      test('a bot password round-trips and a second add replaces it', async (store, wiki) => {
        await store.users.addBotPassword(wiki, 1, 'mybot', 'hash1', ['basic', 'editpage'], 10);
        expect(await store.users.getBotPassword(wiki, 1, 'mybot')).toEqual({
          passwordHash: 'hash1',
          grants: ['basic', 'editpage'],
        });
        await store.users.addBotPassword(wiki, 1, 'mybot', 'hash2', [], 20);
        expect(await store.users.getBotPassword(wiki, 1, 'mybot')).toEqual({
          passwordHash: 'hash2',
          grants: [],
        });
        expect(await store.users.getBotPassword(wiki, 1, 'other')).toBeUndefined();
      });
    });

    describe('blocks', () => {
      test('insert then get returns the block', async (store, wiki) => {
        const block = makeBlock({
          wiki,
          id: 5,
          targetUserId: 9,
          noEmail: true,
          allowUserTalk: false,
          expiry: 500,
        });
        await store.blocks.insert(block);
        expect(await store.blocks.get(wiki, 5)).toEqual(block);
      });

      test('activeForUser finds a block until it expires', async (store, wiki) => {
        await store.blocks.insert(makeBlock({ wiki, id: 1, targetUserId: 9, expiry: 500 }));
        expect((await store.blocks.activeForUser(wiki, 9, 499))?.id).toBe(1);
        expect(await store.blocks.activeForUser(wiki, 9, 500)).toBeUndefined();
        expect(await store.blocks.activeForUser(wiki, 8, 0)).toBeUndefined();
      });

      test('an infinite block is always active', async (store, wiki) => {
        await store.blocks.insert(makeBlock({ wiki, id: 1, targetUserId: 9, expiry: null }));
        expect((await store.blocks.activeForUser(wiki, 9, 4_000_000_000))?.id).toBe(1);
      });

      test('activeForUsers gives the newest active block of each account', async (store, wiki) => {
        await store.blocks.insert(makeBlock({ wiki, id: 1, targetUserId: 9, timestamp: 100, expiry: null }));
        await store.blocks.insert(makeBlock({ wiki, id: 2, targetUserId: 9, timestamp: 200, expiry: null }));
        await store.blocks.insert(makeBlock({ wiki, id: 3, targetUserId: 9, timestamp: 300, expiry: 400 }));
        await store.blocks.insert(makeBlock({ wiki, id: 4, targetUserId: 7, timestamp: 100, expiry: 400 }));
        const active = (now: number) =>
          store.blocks
            .activeForUsers(wiki, [9, 7, 8], now)
            .then((m) => [...m].map(([user, block]) => [user, block.id]).sort());
        expect(await active(399)).toEqual([
          [7, 4],
          [9, 3],
        ]);
        expect(await active(400)).toEqual([[9, 2]]);
      });

      test('activeForAddress finds an IP block', async (store, wiki) => {
        await store.blocks.insert(makeBlock({ wiki, id: 1, targetAddress: '192.0.2.1', expiry: 100 }));
        expect((await store.blocks.activeForAddress(wiki, '192.0.2.1', 50))?.id).toBe(1);
        expect(await store.blocks.activeForAddress(wiki, '192.0.2.1', 150)).toBeUndefined();
        expect(await store.blocks.activeForAddress(wiki, '192.0.2.2', 50)).toBeUndefined();
      });

      test('activeCovering finds the address and range blocks containing an address, narrowest first', async (store, wiki) => {
        // Hex by hand: 192.0.2.70 = C0.00.02.46.
        await store.blocks.insert(makeBlock({ wiki, id: 1, targetAddress: '192.0.2.0/24', timestamp: 100 }));
        await store.blocks.insert(makeBlock({ wiki, id: 2, targetAddress: '192.0.2.64/26', timestamp: 50 }));
        await store.blocks.insert(makeBlock({ wiki, id: 3, targetAddress: '192.0.2.70', timestamp: 10 }));
        await store.blocks.insert(makeBlock({ wiki, id: 4, targetAddress: '192.0.3.0/24' }));
        await store.blocks.insert(makeBlock({ wiki, id: 5, targetAddress: '192.0.2.0/25', expiry: 20 }));
        await store.blocks.insert(makeBlock({ wiki, id: 6, targetUserId: 9 }));
        const ids = (start: string, end: string, now: number) =>
          store.blocks.activeCovering(wiki, { start, end }, now).then((bs) => bs.map((b) => b.id));
        expect(await ids('C0000246', 'C0000246', 30)).toEqual([3, 2, 1]);
        expect(await ids('C0000246', 'C0000246', 10)).toEqual([3, 2, 5, 1]);
        expect(await ids('C00002FF', 'C00002FF', 30)).toEqual([1]);
        expect(await ids('C0000240', 'C000027F', 30)).toEqual([2, 1]);
        expect(await ids('C0000401', 'C0000401', 30)).toEqual([]);
      });

      test("activeAgainst gives activeForUser's and activeCovering's answers in one read", async (store, wiki) => {
        await store.blocks.insert(makeBlock({ wiki, id: 1, targetAddress: '192.0.2.0/24', timestamp: 100 }));
        await store.blocks.insert(makeBlock({ wiki, id: 2, targetAddress: '192.0.2.64/26', timestamp: 50 }));
        await store.blocks.insert(makeBlock({ wiki, id: 3, targetAddress: '192.0.2.70', timestamp: 10 }));
        await store.blocks.insert(makeBlock({ wiki, id: 5, targetAddress: '192.0.2.0/25', expiry: 20 }));
        await store.blocks.insert(makeBlock({ wiki, id: 6, targetUserId: 9, timestamp: 100, expiry: null }));
        await store.blocks.insert(makeBlock({ wiki, id: 7, targetUserId: 9, timestamp: 200, expiry: 25 }));
        await store.blocks.insert(makeBlock({ wiki, id: 8, targetUserId: 8, timestamp: 300 }));
        for (const [userId, range, now] of [
          [9, { start: 'C0000246', end: 'C0000246' }, 10],
          [9, { start: 'C0000246', end: 'C0000246' }, 30],
          [9, { start: 'C0000240', end: 'C000027F' }, 30],
          [7, { start: 'C0000401', end: 'C0000401' }, 30],
          [9, undefined, 10],
        ] as const) {
          const both = await store.blocks.activeAgainst(wiki, userId, range, now);
          expect(both.user).toEqual(await store.blocks.activeForUser(wiki, userId, now));
          expect(both.covering).toEqual(range ? await store.blocks.activeCovering(wiki, range, now) : []);
        }
        expect((await store.blocks.activeAgainst(wiki, 9, undefined, 10)).user?.id).toBe(7);
        expect(
          (
            await store.blocks.activeAgainst(wiki, 9, { start: 'C0000246', end: 'C0000246' }, 10)
          ).covering.map((b) => b.id),
        ).toEqual([3, 2, 5, 1]);
      });

      test('activeCovering matches IPv6 ranges by their hex', async (store, wiki) => {
        await store.blocks.insert(makeBlock({ wiki, id: 1, targetAddress: '2001:DB8:ABCD:0:0:0:0:0/48' }));
        const inside = 'v6-20010DB8ABCD00120000000000000007';
        const outside = 'v6-20010DB8ABCE00000000000000000001';
        expect(
          (await store.blocks.activeCovering(wiki, { start: inside, end: inside }, 0)).map((b) => b.id),
        ).toEqual([1]);
        expect(await store.blocks.activeCovering(wiki, { start: outside, end: outside }, 0)).toEqual([]);
      });

      test('anonOnly is stored', async (store, wiki) => {
        await store.blocks.insert(makeBlock({ wiki, id: 1, targetAddress: '192.0.2.1', anonOnly: true }));
        expect((await store.blocks.get(wiki, 1))?.anonOnly).toBe(true);
      });

      test('list gives active blocks newest first, filtered and from a position on', async (store, wiki) => {
        await store.blocks.insert(makeBlock({ wiki, id: 1, targetUserId: 9, timestamp: 100 }));
        await store.blocks.insert(makeBlock({ wiki, id: 2, targetAddress: '192.0.2.0/24', timestamp: 200 }));
        await store.blocks.insert(makeBlock({ wiki, id: 3, targetUserId: 7, timestamp: 200 }));
        await store.blocks.insert(makeBlock({ wiki, id: 4, targetUserId: 8, timestamp: 300, expiry: 350 }));
        const ids = (opts: Partial<Parameters<typeof store.blocks.list>[1]>) =>
          store.blocks.list(wiki, { now: 400, limit: 10, ...opts }).then((bs) => bs.map((b) => b.id));
        expect(await ids({})).toEqual([3, 2, 1]);
        expect(await ids({ limit: 2 })).toEqual([3, 2]);
        expect(await ids({ from: { timestamp: 200, id: 2 } })).toEqual([2, 1]);
        expect(await ids({ ids: [1, 3] })).toEqual([3, 1]);
        expect(await ids({ userIds: [9] })).toEqual([1]);
        expect(await ids({ range: { start: 'C0000205', end: 'C0000205' } })).toEqual([2]);
        expect(await ids({ now: 300 })).toEqual([4, 3, 2, 1]);
      });

      test('delete lifts the block', async (store, wiki) => {
        await store.blocks.insert(makeBlock({ wiki, id: 1, targetUserId: 9 }));
        await store.blocks.delete(wiki, 1);
        expect(await store.blocks.activeForUser(wiki, 9, 0)).toBeUndefined();
        expect(await store.blocks.get(wiki, 1)).toBeUndefined();
      });
    });

    describe('logs', () => {
      test('insert then get returns the entry with params and tags', async (store, wiki) => {
        const entry = makeLogEntry({
          wiki,
          id: 3,
          type: 'pagetriage-curation',
          action: 'reviewed',
          params: { '4::tags': ['a', 'b'], note: 'ok' },
          tags: ['pagetriage'],
        });
        await store.logs.insert(entry);
        expect(await store.logs.get(wiki, 3)).toEqual(entry);
      });

      const seedLog = async (store: Store, wiki: string) => {
        const rows: [number, number, string, string, string, string][] = [
          [1, 100, 'create', 'create', 'Alice', 'A'],
          [2, 200, 'delete', 'delete', 'Bob', 'A'],
          [3, 200, 'create', 'create', 'Bob', 'B'],
          [4, 300, 'delete', 'restore', 'Alice', 'A'],
          [5, 400, 'patrol', 'patrol', 'Carol', 'C'],
        ];
        for (const [id, timestamp, type, action, actorName, title] of rows) {
          await store.logs.insert(makeLogEntry({ wiki, id, timestamp, type, action, actorName, title }));
        }
      };
      const logIds = (entries: { id: number }[]) => entries.map((e) => e.id);

      test('list older pages newest first with a (timestamp, id) continuation', async (store, wiki) => {
        await seedLog(store, wiki);
        const first = await store.logs.list(wiki, { dir: 'older', limit: 2 });
        expect(logIds(first)).toEqual([5, 4]);
        const second = await store.logs.list(wiki, {
          dir: 'older',
          limit: 2,
          after: { timestamp: 300, id: 4 },
        });
        expect(logIds(second)).toEqual([3, 2]);
        const third = await store.logs.list(wiki, {
          dir: 'older',
          limit: 2,
          after: { timestamp: 200, id: 2 },
        });
        expect(logIds(third)).toEqual([1]);
      });

      test('list newer pages oldest first and splits timestamp ties by id', async (store, wiki) => {
        await seedLog(store, wiki);
        const first = await store.logs.list(wiki, { dir: 'newer', limit: 2 });
        expect(logIds(first)).toEqual([1, 2]);
        const second = await store.logs.list(wiki, {
          dir: 'newer',
          limit: 2,
          after: { timestamp: 200, id: 2 },
        });
        expect(logIds(second)).toEqual([3, 4]);
      });

      test('list filters by type, action, performer and title', async (store, wiki) => {
        await seedLog(store, wiki);
        expect(logIds(await store.logs.list(wiki, { dir: 'newer', limit: 10, type: 'delete' }))).toEqual([
          2, 4,
        ]);
        expect(
          logIds(await store.logs.list(wiki, { dir: 'newer', limit: 10, type: 'delete', action: 'restore' })),
        ).toEqual([4]);
        expect(logIds(await store.logs.list(wiki, { dir: 'newer', limit: 10, actorName: 'Alice' }))).toEqual([
          1, 4,
        ]);
        expect(
          logIds(await store.logs.list(wiki, { dir: 'newer', limit: 10, namespace: 0, title: 'A' })),
        ).toEqual([1, 2, 4]);
      });

      test('start and end bound the listing inclusively in the direction of travel', async (store, wiki) => {
        await seedLog(store, wiki);
        expect(
          logIds(await store.logs.list(wiki, { dir: 'older', limit: 10, start: 300, end: 200 })),
        ).toEqual([4, 3, 2]);
        expect(
          logIds(await store.logs.list(wiki, { dir: 'newer', limit: 10, start: 200, end: 300 })),
        ).toEqual([2, 3, 4]);
      });

      test('exists tells whether the title has an entry of that type and one of the actions', async (store, wiki) => {
        await seedLog(store, wiki);
        expect(await store.logs.exists(wiki, 'delete', ['delete'], 0, 'A')).toBe(true);
        expect(await store.logs.exists(wiki, 'delete', ['delete', 'restore'], 0, 'B')).toBe(false);
        expect(await store.logs.exists(wiki, 'create', ['create'], 1, 'A')).toBe(false);
      });

      test('existsMany answers exists for each title, in the order given', async (store, wiki) => {
        await seedLog(store, wiki);
        await store.logs.insert(
          makeLogEntry({ wiki, id: 6, type: 'delete', action: 'delete', namespace: 1, title: 'C' }),
        );
        const titles = [
          { namespace: 0, title: 'C' },
          { namespace: 0, title: 'A' },
          { namespace: 1, title: 'C' },
          { namespace: 0, title: 'B' },
          { namespace: 1, title: 'A' },
        ];
        expect(await store.logs.existsMany(wiki, 'delete', ['delete'], titles)).toEqual([
          false,
          true,
          true,
          false,
          false,
        ]);
        expect(await store.logs.existsMany(wiki, 'delete', ['restore'], titles)).toEqual([
          false,
          true,
          false,
          false,
          false,
        ]);
        expect(await store.logs.existsMany(wiki, 'delete', [], titles)).toEqual([
          false,
          false,
          false,
          false,
          false,
        ]);
      });
    });

    describe('recent changes', () => {
      test('insert then get returns the change with its tags', async (store, wiki) => {
        const rc = makeRecentChange({
          wiki,
          id: 4,
          type: 'new',
          revId: 40,
          minor: true,
          bot: true,
          patrolled: 2,
          oldLen: 0,
          newLen: 120,
          tags: ['mobile edit', 'visualeditor'],
        });
        await store.recentChanges.insert(rc);
        expect(await store.recentChanges.get(wiki, 4)).toEqual(rc);
      });

      test('tags added for the revision show on its recent change', async (store, wiki) => {
        await store.recentChanges.insert(makeRecentChange({ wiki, id: 4, revId: 40 }));
        await store.changeTags.add(wiki, ['pagetriage'], { revId: 40 });
        expect((await store.recentChanges.get(wiki, 4))?.tags).toEqual(['pagetriage']);
      });

      test('findByRevision finds the change of a revision', async (store, wiki) => {
        await store.recentChanges.insert(makeRecentChange({ wiki, id: 4, revId: 40 }));
        expect((await store.recentChanges.findByRevision(wiki, 40))?.id).toBe(4);
        expect(await store.recentChanges.findByRevision(wiki, 41)).toBeUndefined();
      });

      const seedRc = async (store: Store, wiki: string) => {
        await store.recentChanges.insert(
          makeRecentChange({ wiki, id: 1, timestamp: 100, type: 'new', actorName: 'Alice' }),
        );
        await store.recentChanges.insert(
          makeRecentChange({
            wiki,
            id: 2,
            timestamp: 200,
            namespace: 1,
            actorName: 'Bob',
            bot: true,
            patrolled: 1,
          }),
        );
        await store.recentChanges.insert(
          makeRecentChange({ wiki, id: 3, timestamp: 200, type: 'log', actorName: 'Bob', patrolled: 2 }),
        );
        await store.recentChanges.insert(
          makeRecentChange({ wiki, id: 4, timestamp: 300, minor: true, actorName: 'Alice' }),
        );
      };
      const rcIds = (changes: { id: number }[]) => changes.map((c) => c.id);

      test('list older pages newest first with a (timestamp, id) continuation', async (store, wiki) => {
        await seedRc(store, wiki);
        expect(rcIds(await store.recentChanges.list(wiki, { dir: 'older', limit: 2 }))).toEqual([4, 3]);
        expect(
          rcIds(
            await store.recentChanges.list(wiki, {
              dir: 'older',
              limit: 2,
              after: { timestamp: 200, id: 3 },
            }),
          ),
        ).toEqual([2, 1]);
      });

      test('list newer pages oldest first with a (timestamp, id) continuation', async (store, wiki) => {
        await seedRc(store, wiki);
        expect(rcIds(await store.recentChanges.list(wiki, { dir: 'newer', limit: 2 }))).toEqual([1, 2]);
        expect(
          rcIds(
            await store.recentChanges.list(wiki, {
              dir: 'newer',
              limit: 5,
              after: { timestamp: 200, id: 2 },
            }),
          ),
        ).toEqual([3, 4]);
      });

      test('list filters by namespace, type, performer, bot, minor and patrol state', async (store, wiki) => {
        await seedRc(store, wiki);
        const list = async (q: Partial<Parameters<Store['recentChanges']['list']>[1]>) =>
          rcIds(await store.recentChanges.list(wiki, { dir: 'newer', limit: 10, ...q }));
        expect(await list({ namespaces: [1] })).toEqual([2]);
        expect(await list({ types: ['new', 'log'] })).toEqual([1, 3]);
        expect(await list({ actorName: 'Alice' })).toEqual([1, 4]);
        expect(await list({ excludeActorName: 'Alice' })).toEqual([2, 3]);
        expect(await list({ bot: true })).toEqual([2]);
        expect(await list({ minor: true })).toEqual([4]);
        expect(await list({ patrolled: true })).toEqual([2, 3]);
        expect(await list({ patrolled: false })).toEqual([1, 4]);
      });

      test('start and end bound the listing', async (store, wiki) => {
        await seedRc(store, wiki);
        expect(
          rcIds(await store.recentChanges.list(wiki, { dir: 'older', limit: 10, start: 250, end: 150 })),
        ).toEqual([3, 2]);
      });

      test('setPatrolled changes the patrol state', async (store, wiki) => {
        await store.recentChanges.insert(makeRecentChange({ wiki, id: 1 }));
        await store.recentChanges.setPatrolled(wiki, 1, 1);
        expect((await store.recentChanges.get(wiki, 1))?.patrolled).toBe(1);
      });

      test('markRevisions flags the changes of the given revisions only', async (store, wiki) => {
        for (const [id, revId] of [
          [1, 10],
          [2, 11],
          [3, 12],
        ] as const)
          await store.recentChanges.insert(makeRecentChange({ wiki, id, revId, bot: false, patrolled: 0 }));
        await store.recentChanges.markRevisions(wiki, [10, 12], { bot: true, patrolled: 2 });
        const flags = async (id: number) => {
          const rc = await store.recentChanges.get(wiki, id);
          return [rc?.bot, rc?.patrolled];
        };
        expect([await flags(1), await flags(2), await flags(3)]).toEqual([
          [true, 2],
          [false, 0],
          [true, 2],
        ]);
      });
    });

    describe('watchlist', () => {
      const foo = { namespace: 0, title: 'Foo' };
      const fooTalk = { namespace: 1, title: 'Foo' };
      const bar = { namespace: 0, title: 'Bar' };

      test('watch, getMany and unwatch; an expired watch never shows', async (store, wiki) => {
        await store.watchlist.watch(wiki, 7, [foo, fooTalk], null);
        await store.watchlist.watch(wiki, 7, [bar], 500);
        const at = async (now: number) => [
          ...(await store.watchlist.getMany(wiki, 7, [foo, fooTalk, bar], now)).keys(),
        ];
        expect(await at(100)).toEqual(expect.arrayContaining(['0:Foo', '1:Foo', '0:Bar']));
        expect(await at(500)).toEqual(expect.arrayContaining(['0:Foo', '1:Foo']));
        expect(await at(500)).toHaveLength(2);
        await store.watchlist.unwatch(wiki, 7, [fooTalk]);
        expect(await at(100)).toHaveLength(2);
        expect((await store.watchlist.getMany(wiki, 8, [foo], 100)).size).toBe(0);
      });

      test('watching again replaces the expiry', async (store, wiki) => {
        await store.watchlist.watch(wiki, 7, [foo], 500);
        await store.watchlist.watch(wiki, 7, [foo], null);
        expect((await store.watchlist.getMany(wiki, 7, [foo], 1000)).get('0:Foo')?.expiry).toBeNull();
      });

      test('countWatchers counts unexpired watches per title', async (store, wiki) => {
        await store.watchlist.watch(wiki, 1, [foo, bar], null);
        await store.watchlist.watch(wiki, 2, [foo], null);
        await store.watchlist.watch(wiki, 3, [foo], 50);
        expect(await store.watchlist.countWatchers(wiki, [foo, bar, fooTalk], 100)).toEqual(
          new Map([
            ['0:Foo', 2],
            ['0:Bar', 1],
          ]),
        );
      });

      test("notifyChange sets the other watchers' first unseen change only", async (store, wiki) => {
        await store.watchlist.watch(wiki, 1, [foo], null);
        await store.watchlist.watch(wiki, 2, [foo], null);
        await store.watchlist.notifyChange(wiki, foo, 1, 100);
        await store.watchlist.notifyChange(wiki, foo, 1, 200);
        expect(
          (await store.watchlist.getMany(wiki, 1, [foo], 0)).get('0:Foo')?.notificationTimestamp,
        ).toBeNull();
        expect((await store.watchlist.getMany(wiki, 2, [foo], 0)).get('0:Foo')?.notificationTimestamp).toBe(
          100,
        );
      });

      test('list pages by (namespace, title) in both directions', async (store, wiki) => {
        await store.watchlist.watch(wiki, 7, [foo, fooTalk, bar], null);
        await store.watchlist.watch(wiki, 7, [{ namespace: 0, title: 'Gone' }], 10);
        const keys = (items: { namespace: number; title: string }[]) =>
          items.map((i) => `${i.namespace}:${i.title}`);
        expect(keys(await store.watchlist.list(wiki, 7, { now: 100, limit: 10, dir: 'ascending' }))).toEqual([
          '0:Bar',
          '0:Foo',
          '1:Foo',
        ]);
        expect(
          keys(await store.watchlist.list(wiki, 7, { now: 100, limit: 2, dir: 'descending', from: foo })),
        ).toEqual(['0:Foo', '0:Bar']);
        expect(
          keys(
            await store.watchlist.list(wiki, 7, { now: 100, limit: 10, dir: 'ascending', namespaces: [1] }),
          ),
        ).toEqual(['1:Foo']);
      });

      test('recent changes watchedBy lists only unexpired watched titles', async (store, wiki) => {
        await store.recentChanges.insert(
          makeRecentChange({ wiki, id: 1, namespace: 0, title: 'Foo', timestamp: 10 }),
        );
        await store.recentChanges.insert(
          makeRecentChange({ wiki, id: 2, namespace: 0, title: 'Bar', timestamp: 20 }),
        );
        await store.recentChanges.insert(
          makeRecentChange({ wiki, id: 3, namespace: 1, title: 'Foo', timestamp: 30 }),
        );
        await store.watchlist.watch(wiki, 7, [foo, fooTalk], null);
        await store.watchlist.watch(wiki, 7, [bar], 50);
        const ids = async (now: number) =>
          (
            await store.recentChanges.list(wiki, { dir: 'newer', limit: 10, watchedBy: { userId: 7, now } })
          ).map((c) => c.id);
        expect(await ids(40)).toEqual([1, 2, 3]);
        expect(await ids(60)).toEqual([1, 3]);
      });
    });

    describe('change tags', () => {
      test('forRevisions maps each tagged revision to its tags', async (store, wiki) => {
        await store.changeTags.add(wiki, ['b', 'a'], { revId: 1 });
        await store.changeTags.add(wiki, ['c'], { revId: 2 });
        const tags = await store.changeTags.forRevisions(wiki, [1, 2, 3]);
        expect([...tags]).toEqual([
          [1, ['a', 'b']],
          [2, ['c']],
        ]);
      });

      test('adding a tag twice keeps one', async (store, wiki) => {
        await store.changeTags.add(wiki, ['a'], { revId: 1 });
        await store.changeTags.add(wiki, ['a', 'a'], { revId: 1 });
        expect((await store.changeTags.forRevisions(wiki, [1])).get(1)).toEqual(['a']);
      });

      test('forLogs maps log entries to their tags', async (store, wiki) => {
        await store.changeTags.add(wiki, ['x'], { logId: 5 });
        expect([...(await store.changeTags.forLogs(wiki, [5, 6]))]).toEqual([[5, ['x']]]);
      });

      test('countForPage counts revisions of that page carrying the tag', async (store, wiki) => {
        await store.revisions.insertMany([
          makeRevision({ wiki, pageId: 1, id: 1 }),
          makeRevision({ wiki, pageId: 1, id: 2 }),
          makeRevision({ wiki, pageId: 1, id: 3 }),
          makeRevision({ wiki, pageId: 2, id: 4 }),
        ]);
        await store.changeTags.add(wiki, ['pagetriage'], { revId: 1 });
        await store.changeTags.add(wiki, ['pagetriage'], { revId: 2, rcId: 9 });
        await store.changeTags.add(wiki, ['pagetriage'], { revId: 2 });
        await store.changeTags.add(wiki, ['other'], { revId: 3 });
        await store.changeTags.add(wiki, ['pagetriage'], { revId: 4 });
        expect(await store.changeTags.countForPage(wiki, 1, 'pagetriage')).toBe(2);
      });
    });

    describe('links', () => {
      const data = makeLinks({
        links: [
          { namespace: 0, title: 'Target' },
          { namespace: 4, title: 'Policy' },
        ],
        categories: [
          { category: 'Living_people', sortkey: 'SMITH, JOHN' },
          { category: 'Stubs', sortkey: '' },
        ],
        templates: [{ namespace: 10, title: 'Infobox' }],
        images: ['Cat.jpg'],
        langlinks: [
          { lang: 'de', title: 'Ziel' },
          { lang: 'fr', title: 'Cible' },
        ],
        externalLinks: ['//cdn.example.net/x', 'https://example.org/a?b=1'],
        properties: { wikibase_item: 'Q42', defaultsort: 'Smith, John' },
      });

      test('replaceForPage then getForPage returns what was stored', async (store, wiki) => {
        await store.links.replaceForPage(wiki, 1, { namespace: 0, title: 'Page_1', at: 0 }, data);
        expect(await store.links.getForPage(wiki, 1)).toEqual(data);
      });

      test('replaceForPage drops links the page no longer has', async (store, wiki) => {
        await store.links.replaceForPage(wiki, 1, { namespace: 0, title: 'Page_1', at: 0 }, data);
        const next = makeLinks({ links: [{ namespace: 0, title: 'Other' }], properties: { a: 'b' } });
        await store.links.replaceForPage(wiki, 1, { namespace: 0, title: 'Page_1', at: 0 }, next);
        expect(await store.links.getForPage(wiki, 1)).toEqual(next);
      });

      test('replaceForPage collapses duplicate links', async (store, wiki) => {
        await store.links.replaceForPage(
          wiki,
          1,
          { namespace: 0, title: 'Page_1', at: 0 },
          makeLinks({
            links: [
              { namespace: 0, title: 'T' },
              { namespace: 0, title: 'T' },
            ],
            images: ['A.png', 'A.png'],
            categories: [
              { category: 'C', sortkey: 'first' },
              { category: 'C', sortkey: 'second' },
            ],
          }),
        );
        const got = await store.links.getForPage(wiki, 1);
        expect(got.links).toEqual([{ namespace: 0, title: 'T' }]);
        expect(got.images).toEqual(['A.png']);
        expect(got.categories).toEqual([{ category: 'C', sortkey: 'first' }]);
      });

      test('deleteForPage removes everything the page linked to', async (store, wiki) => {
        await store.links.replaceForPage(wiki, 1, { namespace: 0, title: 'Page_1', at: 0 }, data);
        await store.links.deleteForPage(wiki, 1);
        expect(await store.links.getForPage(wiki, 1)).toEqual(makeLinks());
      });

      test('countInbound counts linking pages, optionally from one namespace, up to the cap', async (store, wiki) => {
        const toTarget = makeLinks({ links: [{ namespace: 0, title: 'Target' }] });
        await store.links.replaceForPage(wiki, 1, { namespace: 0, title: 'Page_1', at: 0 }, toTarget);
        await store.links.replaceForPage(wiki, 2, { namespace: 0, title: 'Page_2', at: 0 }, toTarget);
        await store.links.replaceForPage(wiki, 3, { namespace: 2, title: 'Page_3', at: 0 }, toTarget);
        await store.links.replaceForPage(
          wiki,
          4,
          { namespace: 0, title: 'Page_4', at: 0 },
          makeLinks({ links: [{ namespace: 1, title: 'Target' }] }),
        );
        expect(await store.links.countInbound(wiki, 0, 'Target', { cap: 100 })).toBe(3);
        expect(await store.links.countInbound(wiki, 0, 'Target', { fromNamespace: 0, cap: 100 })).toBe(2);
        expect(await store.links.countInbound(wiki, 0, 'Target', { cap: 2 })).toBe(2);
        expect(await store.links.countInbound(wiki, 0, 'Nothing', { cap: 100 })).toBe(0);
      });

      test('countInboundForPages counts links to each stored page title up to the cap', async (store, wiki) => {
        await store.pages.insert(makePage({ wiki, id: 10, namespace: 0, title: 'Target' }));
        await store.pages.insert(makePage({ wiki, id: 11, namespace: 1, title: 'Target' }));
        await store.pages.insert(makePage({ wiki, id: 12, namespace: 0, title: 'Lonely' }));
        const toTarget = makeLinks({ links: [{ namespace: 0, title: 'Target' }] });
        await store.links.replaceForPage(wiki, 1, { namespace: 0, title: 'Page_1', at: 0 }, toTarget);
        await store.links.replaceForPage(wiki, 2, { namespace: 0, title: 'Page_2', at: 0 }, toTarget);
        await store.links.replaceForPage(wiki, 3, { namespace: 2, title: 'Page_3', at: 0 }, toTarget);
        await store.links.replaceForPage(
          wiki,
          4,
          { namespace: 0, title: 'Page_4', at: 0 },
          makeLinks({ links: [{ namespace: 1, title: 'Target' }] }),
        );
        const counts = async (q: { fromNamespace?: number; cap: number }) =>
          [...(await store.links.countInboundForPages(wiki, [10, 11, 12, 13], q))].sort();
        expect(await counts({ cap: 100 })).toEqual([
          [10, 3],
          [11, 1],
          [12, 0],
        ]);
        expect(await counts({ fromNamespace: 0, cap: 100 })).toEqual([
          [10, 2],
          [11, 1],
          [12, 0],
        ]);
        expect(await counts({ cap: 2 })).toEqual([
          [10, 2],
          [11, 1],
          [12, 0],
        ]);
      });

      test('categoriesOf maps many pages to their categories', async (store, wiki) => {
        await store.links.replaceForPage(wiki, 1, { namespace: 0, title: 'Page_1', at: 0 }, data);
        await store.links.replaceForPage(
          wiki,
          2,
          { namespace: 0, title: 'Page_2', at: 0 },
          makeLinks({ categories: [{ category: 'Stubs', sortkey: '' }] }),
        );
        const got = await store.links.categoriesOf(wiki, [1, 2, 3]);
        expect([...got]).toEqual([
          [1, ['Living_people', 'Stubs']],
          [2, ['Stubs']],
        ]);
      });

      test('pagesInCategory lists members in sort key order up to the limit', async (store, wiki) => {
        const member = (sortkey: string) => makeLinks({ categories: [{ category: 'Stubs', sortkey }] });
        await store.links.replaceForPage(wiki, 1, { namespace: 0, title: 'Page_1', at: 0 }, member('C'));
        await store.links.replaceForPage(wiki, 2, { namespace: 0, title: 'Page_2', at: 0 }, member('A'));
        await store.links.replaceForPage(wiki, 3, { namespace: 0, title: 'Page_3', at: 0 }, member('B'));
        expect(await store.links.pagesInCategory(wiki, 'Stubs', 2)).toEqual([2, 3]);
        expect(await store.links.pagesInCategory(wiki, 'Empty', 10)).toEqual([]);
      });

      /** Pages 1..n with the given namespaces and titles, each linking as `links(i)` says. */
      async function linkedPages(
        store: Store,
        wiki: string,
        pages: { namespace: number; title: string; redirect?: boolean; links: PageLinksData; at?: number }[],
      ): Promise<void> {
        for (const [i, p] of pages.entries()) {
          await store.pages.insert(
            makePage({
              wiki,
              id: i + 1,
              namespace: p.namespace,
              title: p.title,
              isRedirect: p.redirect === true,
            }),
          );
          await store.links.replaceForPage(wiki, i + 1, { ...p, at: p.at ?? 1000 + i }, p.links);
        }
      }

      /** Every page of a keyset listing, `size` rows a request, each starting at the first row not given. */
      async function walk<R>(size: number, page: (start: R | undefined) => Promise<R[]>): Promise<R[]> {
        const all: R[] = [];
        let start: R | undefined;
        for (;;) {
          const rows = await page(start);
          all.push(...rows.slice(0, size));
          if (rows.length <= size) return all;
          start = rows[size];
        }
      }

      test('backlinks lists the sources of a link by page id, both ways, and resumes at a start row', async (store, wiki) => {
        const toTarget = makeLinks({ links: [{ namespace: 0, title: 'Target' }] });
        await linkedPages(store, wiki, [
          { namespace: 2, title: 'U', links: toTarget },
          { namespace: 0, title: 'A', links: toTarget },
          {
            namespace: 0,
            title: 'Other',
            links: makeLinks({ links: [{ namespace: 0, title: 'Elsewhere' }] }),
          },
          { namespace: 0, title: 'R', redirect: true, links: toTarget },
          { namespace: 1, title: 'T', links: toTarget },
        ]);
        const query = (q: Partial<BacklinkQuery>) =>
          store.links.backlinks(wiki, {
            table: 'page_link',
            targets: [{ namespace: 0, title: 'Target' }],
            byFromNamespace: false,
            limit: 10,
            ...q,
          });
        const ids = (rows: Backlink[]) => rows.map((r) => r.pageId);
        expect(ids(await query({}))).toEqual([1, 2, 4, 5]);
        expect(ids(await query({ descending: true }))).toEqual([5, 4, 2, 1]);
        expect(
          ids(await walk(1, (s) => query({ limit: 2, start: s && { ...s.target, fromPageId: s.pageId } }))),
        ).toEqual([1, 2, 4, 5]);
        expect(ids(await query({ redirects: 'only' }))).toEqual([4]);
        expect(ids(await query({ redirects: 'exclude' }))).toEqual([1, 2, 5]);
        expect(ids(await query({ fromNamespaces: [0, 1] }))).toEqual([2, 4, 5]);
        expect(ids(await query({ fromNamespaces: [] }))).toEqual([]);
        const first = (await query({}))[1]!;
        expect(first).toEqual({
          target: { namespace: 0, title: 'Target' },
          pageId: 2,
          namespace: 0,
          title: 'A',
          isRedirect: false,
        });
      });

      test('backlinks by source namespace: ordered by (namespace, id), resumable in both directions', async (store, wiki) => {
        const toT = makeLinks({ templates: [{ namespace: 10, title: 'T' }] });
        await linkedPages(store, wiki, [
          { namespace: 2, title: 'U1', links: toT },
          { namespace: 0, title: 'A', links: toT },
          { namespace: 2, title: 'U2', links: toT },
          { namespace: 0, title: 'B', links: toT },
          { namespace: 4, title: 'P', links: toT },
        ]);
        for (const descending of [false, true]) {
          const query = (start: Backlink | undefined) =>
            store.links.backlinks(wiki, {
              table: 'template_link',
              targets: [{ namespace: 10, title: 'T' }],
              fromNamespaces: [0, 2],
              byFromNamespace: true,
              descending,
              limit: 2,
              start: start && { ...start.target, fromNamespace: start.namespace, fromPageId: start.pageId },
            });
          const expected = [2, 4, 1, 3];
          expect((await walk(1, query)).map((r) => r.pageId)).toEqual(
            descending ? expected.reverse() : expected,
          );
        }
      });

      test('backlinks of several targets are ordered by target; file usage reads only File: targets', async (store, wiki) => {
        await linkedPages(store, wiki, [
          { namespace: 0, title: 'A', links: makeLinks({ images: ['B.jpg', 'A.jpg'] }) },
          { namespace: 0, title: 'B', links: makeLinks({ images: ['A.jpg'] }) },
        ]);
        const rows = await store.links.backlinks(wiki, {
          table: 'image_link',
          targets: [
            { namespace: 6, title: 'B.jpg' },
            { namespace: 6, title: 'A.jpg' },
            { namespace: 0, title: 'A.jpg' },
          ],
          byFromNamespace: false,
          limit: 10,
        });
        expect(rows.map((r) => [r.target.title, r.pageId])).toEqual([
          ['A.jpg', 1],
          ['A.jpg', 2],
          ['B.jpg', 1],
        ]);
        expect(rows[0]!.target.namespace).toBe(6);
        const resumed = await store.links.backlinks(wiki, {
          table: 'image_link',
          targets: [
            { namespace: 6, title: 'A.jpg' },
            { namespace: 6, title: 'B.jpg' },
          ],
          byFromNamespace: false,
          limit: 10,
          start: { namespace: 6, title: 'A.jpg', fromPageId: 2 },
        });
        expect(resumed.map((r) => [r.target.title, r.pageId])).toEqual([
          ['A.jpg', 2],
          ['B.jpg', 1],
        ]);
      });

      test('categoryMembers by sort key: type, the upper-cased prefix and title, then page id', async (store, wiki) => {
        const inCat = (sortkey: string) => makeLinks({ categories: [{ category: 'Fruit', sortkey }] });
        await linkedPages(store, wiki, [
          { namespace: 0, title: 'banana', links: inCat('') },
          { namespace: 14, title: 'Apples', links: inCat('') },
          { namespace: 0, title: 'Cherry', links: inCat('a') },
          { namespace: 6, title: 'Pear.jpg', links: inCat('') },
          { namespace: 0, title: 'Apple', links: inCat('') },
          { namespace: 2, title: 'Zed', links: inCat('A') },
        ]);
        const pages = (q: Partial<Extract<CategoryMemberQuery, { sort: 'sortkey' }>>) =>
          store.links.categoryMembers(wiki, {
            category: 'Fruit',
            sort: 'sortkey',
            type: 'page',
            limit: 10,
            ...q,
          });
        const rows = await pages({});
        // Oracle: MediaWiki's uppercase collation of "prefix\ntitle" (or the title), then page id.
        expect(rows.map((r) => [r.title, r.sortKey])).toEqual([
          ['Cherry', 'A\nCHERRY'],
          ['Zed', 'A\nZED'],
          ['Apple', 'APPLE'],
          ['banana', 'BANANA'],
        ]);
        expect(rows[0]).toMatchObject({
          pageId: 3,
          namespace: 0,
          type: 'page',
          sortKeyPrefix: 'a',
          addedAt: 1002,
        });
        expect((await pages({ descending: true })).map((r) => r.pageId)).toEqual([1, 5, 6, 3]);
        expect(
          (
            await walk(1, (s: CategoryMember | undefined) =>
              pages({ limit: 2, start: s && { sortKey: s.sortKey, pageId: s.pageId } }),
            )
          ).map((r) => r.pageId),
        ).toEqual([3, 6, 5, 1]);
        expect((await pages({ start: { sortKey: 'AP' }, end: 'B' })).map((r) => r.pageId)).toEqual([5]);
        expect((await pages({ namespaces: [2] })).map((r) => r.pageId)).toEqual([6]);
        expect((await pages({ type: 'subcat' })).map((r) => [r.pageId, r.type])).toEqual([[2, 'subcat']]);
        expect((await pages({ type: 'file' })).map((r) => [r.pageId, r.type])).toEqual([[4, 'file']]);
      });

      test('categoryMembers by time added; a re-save keeps the time, a move re-keys the member', async (store, wiki) => {
        const inCat = makeLinks({ categories: [{ category: 'Fruit', sortkey: '' }] });
        await linkedPages(store, wiki, [
          { namespace: 0, title: 'A', links: inCat, at: 300 },
          { namespace: 0, title: 'B', links: inCat, at: 100 },
          { namespace: 0, title: 'C', links: inCat, at: 200 },
          { namespace: 0, title: 'D', links: inCat, at: 200 },
        ]);
        await store.pages.update(wiki, 1, { namespace: 14, title: 'Z' });
        await store.links.replaceForPage(wiki, 1, { namespace: 14, title: 'Z', at: 999 }, inCat);
        const byTime = (q: Partial<Extract<CategoryMemberQuery, { sort: 'timestamp' }>>) =>
          store.links.categoryMembers(wiki, { category: 'Fruit', sort: 'timestamp', limit: 10, ...q });
        expect((await byTime({})).map((r) => [r.pageId, r.addedAt])).toEqual([
          [2, 100],
          [3, 200],
          [4, 200],
          [1, 300],
        ]);
        expect((await byTime({ start: { addedAt: 200, pageId: 4 } })).map((r) => r.pageId)).toEqual([4, 1]);
        expect(
          (await byTime({ descending: true, start: { addedAt: 200 }, end: 150 })).map((r) => r.pageId),
        ).toEqual([4, 3]);
        const moved = await store.links.categoryMembers(wiki, {
          category: 'Fruit',
          sort: 'sortkey',
          type: 'subcat',
          limit: 10,
        });
        expect(moved.map((r) => [r.pageId, r.title, r.sortKey])).toEqual([[1, 'Z', 'Z']]);
      });

      test('langlinksOf and pagesWithLanglink find interlanguage links both ways', async (store, wiki) => {
        await store.links.replaceForPage(wiki, 1, { namespace: 0, title: 'Page_1', at: 0 }, data);
        await store.links.replaceForPage(
          wiki,
          2,
          { namespace: 0, title: 'Page_2', at: 0 },
          makeLinks({ langlinks: [{ lang: 'de', title: 'Ziel' }] }),
        );
        expect((await store.links.langlinksOf(wiki, [1])).get(1)).toEqual([
          { lang: 'de', title: 'Ziel' },
          { lang: 'fr', title: 'Cible' },
        ]);
        expect(await store.links.pagesWithLanglink(wiki, 'de', 'Ziel')).toEqual([1, 2]);
        expect(await store.links.pagesWithLanglink(wiki, 'fr', 'Ziel')).toEqual([]);
      });

      test('one interlanguage link per language is kept, the last one given', async (store, wiki) => {
        await store.links.replaceForPage(
          wiki,
          1,
          { namespace: 0, title: 'Page_1', at: 0 },
          makeLinks({
            langlinks: [
              { lang: 'de', title: 'Eins' },
              { lang: 'de', title: 'Zwei' },
            ],
          }),
        );
        expect((await store.links.langlinksOf(wiki, [1])).get(1)).toEqual([{ lang: 'de', title: 'Zwei' }]);
      });

      test('pagesAmong finds the pages in given categories or transcluding given templates', async (store, wiki) => {
        const put = (id: number, links: Partial<PageLinksData>) =>
          store.links.replaceForPage(wiki, id, { namespace: 0, title: `P${id}`, at: 0 }, makeLinks(links));
        await put(1, { categories: [{ category: 'Disambiguation_pages', sortkey: '' }] });
        await put(2, { templates: [{ namespace: 10, title: 'Dab' }] });
        await put(3, {
          templates: [{ namespace: 4, title: 'Dab' }],
          categories: [{ category: 'Towns', sortkey: '' }],
        });
        await put(4, {});
        const among = await store.links.pagesAmong(wiki, [1, 2, 3, 4], {
          categories: ['Disambiguation_pages'],
          templates: ['Dab'],
        });
        expect([...among].sort()).toEqual([1, 2]);
        expect(await store.links.pagesAmong(wiki, [1, 2], { categories: [], templates: [] })).toEqual(
          new Set(),
        );
      });

      test('fileUsageCounts sums the pages using each file over the given wikis', async (store, wiki) => {
        const other = `${wiki}_b`;
        const use = (w: string, id: number, images: string[]) =>
          store.links.replaceForPage(w, id, { namespace: 0, title: `P${id}`, at: 0 }, makeLinks({ images }));
        await use(wiki, 1, ['Flag.svg', 'Photo.jpg']);
        await use(wiki, 2, ['Flag.svg']);
        await use(other, 1, ['Flag.svg']);
        const counts = await store.links.fileUsageCounts(
          [wiki, other],
          ['Flag.svg', 'Photo.jpg', 'Unused.png'],
        );
        expect(counts).toEqual(
          new Map([
            ['Flag.svg', 3],
            ['Photo.jpg', 1],
          ]),
        );
        expect((await store.links.fileUsageCounts([wiki], ['Flag.svg'])).get('Flag.svg')).toBe(2);
      });

      test('fileUsageCounts with a cap counts each wiki up to it: below the cap exact, absent when unused', async (store, wiki) => {
        const other = `${wiki}_b`;
        for (let id = 1; id <= 5; id++)
          await store.links.replaceForPage(
            wiki,
            id,
            { namespace: 0, title: `P${id}`, at: 0 },
            makeLinks({ images: ['Flag.svg'] }),
          );
        await store.links.replaceForPage(
          other,
          1,
          { namespace: 0, title: 'P1', at: 0 },
          makeLinks({ images: ['Flag.svg', 'Photo.jpg'] }),
        );
        expect(
          await store.links.fileUsageCounts([wiki, other], ['Flag.svg', 'Photo.jpg', 'Unused.png'], 3),
        ).toEqual(
          new Map([
            ['Flag.svg', 4],
            ['Photo.jpg', 1],
          ]),
        );
        expect((await store.links.fileUsageCounts([wiki], ['Flag.svg'], 10)).get('Flag.svg')).toBe(5);
      });

      test('filesUsedOnAtLeast finds the files used that often over the wikis together, none of them alone', async (store, wiki) => {
        const other = `${wiki}_b`;
        const third = `${wiki}_c`;
        const uses: [string, number, string[]][] = [
          // Split 3 + 2: neither wiki reaches 5 alone.
          [wiki, 1, ['Split.jpg', 'Pair.jpg', 'Home.jpg']],
          [wiki, 2, ['Split.jpg', 'Pair.jpg', 'Home.jpg']],
          [wiki, 3, ['Split.jpg', 'Home.jpg']],
          [other, 1, ['Split.jpg', 'Pair.jpg', 'Home.jpg']],
          [other, 2, ['Split.jpg', 'Pair.jpg', 'Home.jpg']],
          // Only in a wiki not asked about.
          ...[1, 2, 3, 4, 5].map((id): [string, number, string[]] => [third, id, ['Elsewhere.jpg']]),
        ];
        for (const [w, id, images] of uses)
          await store.links.replaceForPage(
            w,
            id,
            { namespace: 0, title: `P${id}`, at: 0 },
            makeLinks({ images }),
          );
        // Split.jpg and Home.jpg: 5 pages; Pair.jpg: 4.
        expect(await store.links.filesUsedOnAtLeast([wiki, other], 5)).toEqual(
          new Set(['Home.jpg', 'Split.jpg']),
        );
        expect(await store.links.filesUsedOnAtLeast([wiki, other], 4)).toEqual(
          new Set(['Home.jpg', 'Pair.jpg', 'Split.jpg']),
        );
        expect(await store.links.filesUsedOnAtLeast([wiki, other], 6)).toEqual(new Set());
        expect(await store.links.filesUsedOnAtLeast([wiki], 3)).toEqual(new Set(['Home.jpg', 'Split.jpg']));
      });

      test("membersOfCategories lists each category's members of a type in sort order, at most limitEach", async (store, wiki) => {
        const files = ['D.jpg', 'A.jpg', 'C.jpg', 'B.jpg'];
        for (const [i, name] of files.entries()) {
          await store.pages.insert(makePage({ wiki, id: i + 1, namespace: 6, title: name }));
          await store.links.replaceForPage(
            wiki,
            i + 1,
            { namespace: 6, title: name, at: 0 },
            makeLinks({ categories: [{ category: i < 3 ? 'Big' : 'Small', sortkey: '' }] }),
          );
        }
        await store.pages.insert(makePage({ wiki, id: 9, namespace: 0, title: 'Article' }));
        await store.links.replaceForPage(
          wiki,
          9,
          { namespace: 0, title: 'Article', at: 0 },
          makeLinks({ categories: [{ category: 'Small', sortkey: '' }] }),
        );
        const members = await store.links.membersOfCategories(wiki, ['Big', 'Small', 'Empty'], {
          type: 'file',
          limitEach: 2,
        });
        expect(members).toEqual(
          new Map([
            ['Big', ['A.jpg', 'C.jpg']],
            ['Small', ['B.jpg']],
          ]),
        );
      });

      test('pageProps returns all properties or only the named ones', async (store, wiki) => {
        await store.links.replaceForPage(wiki, 1, { namespace: 0, title: 'Page_1', at: 0 }, data);
        expect((await store.links.pageProps(wiki, [1])).get(1)).toEqual({
          wikibase_item: 'Q42',
          defaultsort: 'Smith, John',
        });
        expect([...(await store.links.pageProps(wiki, [1, 2], ['wikibase_item']))]).toEqual([
          [1, { wikibase_item: 'Q42' }],
        ]);
      });

      test('pagesLinkingTo joins links, transclusions and file usage', async (store, wiki) => {
        await store.links.replaceForPage(
          wiki,
          1,
          { namespace: 0, title: 'Page_1', at: 0 },
          makeLinks({ links: [{ namespace: 6, title: 'Cat.jpg' }] }),
        );
        await store.links.replaceForPage(
          wiki,
          2,
          { namespace: 0, title: 'Page_2', at: 0 },
          makeLinks({ images: ['Cat.jpg'] }),
        );
        await store.links.replaceForPage(
          wiki,
          3,
          { namespace: 0, title: 'Page_3', at: 0 },
          makeLinks({ templates: [{ namespace: 6, title: 'Cat.jpg' }] }),
        );
        await store.links.replaceForPage(
          wiki,
          4,
          { namespace: 0, title: 'Page_4', at: 0 },
          makeLinks({ links: [{ namespace: 6, title: 'Cat.jpg' }], images: ['Cat.jpg'] }),
        );
        await store.links.replaceForPage(
          wiki,
          5,
          { namespace: 0, title: 'Page_5', at: 0 },
          makeLinks({ links: [{ namespace: 0, title: 'Cat.jpg' }] }),
        );
        expect(await store.links.pagesLinkingTo(wiki, 6, 'Cat.jpg', 10)).toEqual([1, 2, 3, 4]);
        expect(await store.links.pagesLinkingTo(wiki, 6, 'Cat.jpg', 2)).toEqual([1, 2]);
        expect(await store.links.pagesLinkingTo(wiki, 0, 'Cat.jpg', 10)).toEqual([5]);
      });
    });

    describe('restrictions', () => {
      test('set then get returns the protection', async (store, wiki) => {
        await store.restrictions.set(wiki, 1, 'edit', 'sysop', null);
        await store.restrictions.set(wiki, 1, 'move', 'autoconfirmed', 500);
        expect(await store.restrictions.get(wiki, 1, 100)).toEqual([
          { type: 'edit', level: 'sysop', expiry: null },
          { type: 'move', level: 'autoconfirmed', expiry: 500 },
        ]);
      });

      test('an expired protection is not returned', async (store, wiki) => {
        await store.restrictions.set(wiki, 1, 'edit', 'sysop', 500);
        expect(await store.restrictions.get(wiki, 1, 500)).toEqual([]);
      });

      test('set replaces the level and a null level removes it', async (store, wiki) => {
        await store.restrictions.set(wiki, 1, 'edit', 'sysop', null);
        await store.restrictions.set(wiki, 1, 'edit', 'autoconfirmed', 900);
        expect(await store.restrictions.get(wiki, 1, 0)).toEqual([
          { type: 'edit', level: 'autoconfirmed', expiry: 900 },
        ]);
        await store.restrictions.set(wiki, 1, 'edit', null, null);
        expect(await store.restrictions.get(wiki, 1, 0)).toEqual([]);
      });
    });

    describe('protected titles', () => {
      const protection = (wiki: string, over: Partial<TitleProtection> = {}): TitleProtection => ({
        wiki,
        namespace: 0,
        title: 'Salted',
        level: 'sysop',
        expiry: null,
        timestamp: 100,
        byUserId: 1,
        byName: 'Admin',
        reason: 'recreated',
        ...over,
      });

      test('set then get returns the protection until it expires', async (store, wiki) => {
        await store.protectedTitles.set(protection(wiki, { expiry: 500 }));
        expect(await store.protectedTitles.get(wiki, 0, 'Salted', 499)).toEqual(
          protection(wiki, { expiry: 500 }),
        );
        expect(await store.protectedTitles.get(wiki, 0, 'Salted', 500)).toBeUndefined();
        expect(await store.protectedTitles.get(wiki, 1, 'Salted', 0)).toBeUndefined();
      });

      test('set replaces and delete removes', async (store, wiki) => {
        await store.protectedTitles.set(protection(wiki));
        await store.protectedTitles.set(protection(wiki, { level: 'autoconfirmed', timestamp: 200 }));
        expect((await store.protectedTitles.get(wiki, 0, 'Salted', 0))?.level).toBe('autoconfirmed');
        expect(await store.protectedTitles.delete(wiki, 0, 'Salted')).toBe(true);
        expect(await store.protectedTitles.delete(wiki, 0, 'Salted')).toBe(false);
        expect(await store.protectedTitles.get(wiki, 0, 'Salted', 0)).toBeUndefined();
      });

      test('list gives protections in force newest first, filtered and from a position on', async (store, wiki) => {
        await store.protectedTitles.set(protection(wiki, { title: 'A', timestamp: 100 }));
        await store.protectedTitles.set(
          protection(wiki, { title: 'B', timestamp: 200, level: 'autoconfirmed' }),
        );
        await store.protectedTitles.set(protection(wiki, { title: 'C', timestamp: 200 }));
        await store.protectedTitles.set(protection(wiki, { namespace: 4, title: 'D', timestamp: 200 }));
        await store.protectedTitles.set(protection(wiki, { title: 'E', timestamp: 300, expiry: 350 }));
        const titles = (opts: Partial<Parameters<typeof store.protectedTitles.list>[1]>) =>
          store.protectedTitles
            .list(wiki, { now: 400, limit: 10, ...opts })
            .then((ps) => ps.map((p) => `${p.namespace}:${p.title}`));
        expect(await titles({})).toEqual(['4:D', '0:C', '0:B', '0:A']);
        expect(await titles({ limit: 2 })).toEqual(['4:D', '0:C']);
        expect(await titles({ from: { timestamp: 200, namespace: 0, title: 'C' } })).toEqual([
          '0:C',
          '0:B',
          '0:A',
        ]);
        expect(await titles({ namespaces: [0], levels: ['sysop'] })).toEqual(['0:C', '0:A']);
        expect(await titles({ now: 300 })).toEqual(['0:E', '4:D', '0:C', '0:B', '0:A']);
      });
    });

    describe('search index', () => {
      const entry = (pageId: number, title: string, text: string, namespace = 0) => ({
        pageId,
        namespace,
        title,
        text,
      });

      test('search finds the pages with every phrase, counts them all and pages by offset', async (store, wiki) => {
        await store.searchIndex.setMany(wiki, [
          entry(1, 'Red_fox', 'The quick red fox jumps.'),
          entry(2, 'Blue_whale', 'A quick blue whale.'),
          entry(3, 'Fox_talk', 'The quick red fox again.', 1),
          entry(4, 'Slow_fox', 'A slow fox, red and quick.'),
        ]);
        await store.searchIndex.setMany('otherwiki', [entry(1, 'Red_fox', 'quick red fox')]);
        const q = { namespaces: [0], sort: 'title_asc' as const, offset: 0, limit: 10 };
        const titles = (r: { hits: { title: string }[] }) => r.hits.map((h) => h.title);
        const both = await store.searchIndex.search(wiki, {
          ...q,
          phrases: [
            { field: 'all', words: ['quick'] },
            { field: 'all', words: ['fox'] },
          ],
        });
        expect(titles(both)).toEqual(['Red_fox', 'Slow_fox']);
        expect(both.total).toBe(2);
        const phrase = await store.searchIndex.search(wiki, {
          ...q,
          namespaces: [0, 1],
          phrases: [{ field: 'all', words: ['quick', 'red'] }],
        });
        expect(titles(phrase)).toEqual(['Red_fox', 'Fox_talk']);
        const title = await store.searchIndex.search(wiki, {
          ...q,
          phrases: [{ field: 'title', words: ['fox'] }],
        });
        expect(titles(title)).toEqual(['Red_fox', 'Slow_fox']);
        const second = await store.searchIndex.search(wiki, {
          ...q,
          offset: 1,
          limit: 1,
          phrases: [{ field: 'all', words: ['quick'] }],
        });
        expect(second).toMatchObject({ total: 3, hits: [{ pageId: 1, title: 'Red_fox' }] });
      });

      test('relevance puts the page with more matches first', async (store, wiki) => {
        await store.searchIndex.setMany(wiki, [
          entry(1, 'Once', 'otter and many other words that dilute the single match here'),
          entry(2, 'Often', 'otter otter otter'),
        ]);
        const found = await store.searchIndex.search(wiki, {
          phrases: [{ field: 'all', words: ['otter'] }],
          namespaces: [0],
          sort: 'relevance',
          offset: 0,
          limit: 10,
        });
        expect(found.hits.map((h) => h.pageId)).toEqual([2, 1]);
      });

      test('setMany replaces, retitle renames and deleteMany removes entries', async (store, wiki) => {
        await store.searchIndex.setMany(wiki, [entry(1, 'Old', 'penguin')]);
        await store.searchIndex.setMany(wiki, [entry(1, 'Old', 'puffin colony')]);
        await store.searchIndex.retitle(wiki, 1, 4, 'New_name');
        expect(await store.searchIndex.get(wiki, 1)).toEqual({
          pageId: 1,
          namespace: 4,
          title: 'New_name',
          text: 'puffin colony',
          wordCount: 2,
        });
        const find = (words: string[], field: 'all' | 'title' = 'all') =>
          store.searchIndex.search(wiki, {
            phrases: [{ field, words }],
            namespaces: [4],
            sort: 'none',
            offset: 0,
            limit: 10,
          });
        expect((await find(['penguin'])).total).toBe(0);
        expect((await find(['name'], 'title')).total).toBe(1);
        await store.searchIndex.deleteMany(wiki, [1]);
        expect(await store.searchIndex.get(wiki, 1)).toBeUndefined();
        expect((await find(['puffin'])).total).toBe(0);
      });
    });

    describe('redirects', () => {
      const target = (title: string, extra: { fragment?: string; interwiki?: string } = {}) => ({
        namespace: 0,
        title,
        fragment: extra.fragment ?? '',
        interwiki: extra.interwiki ?? '',
      });

      test('setMany then getMany returns the targets of the pages asked for', async (store, wiki) => {
        await store.redirects.setMany(wiki, [
          { pageId: 1, target: target('Alpha_beta', { fragment: 'History' }) },
          { pageId: 2, target: { namespace: 118, title: 'Elsewhere', fragment: '', interwiki: '' } },
          { pageId: 3, target: target('Word', { interwiki: 'wikt' }) },
        ]);
        expect(await store.redirects.getMany(wiki, [1, 3, 4])).toEqual(
          new Map([
            [1, target('Alpha_beta', { fragment: 'History' })],
            [3, target('Word', { interwiki: 'wikt' })],
          ]),
        );
      });

      test('setMany replaces a stored target, and a null target removes it', async (store, wiki) => {
        await store.redirects.setMany(wiki, [
          { pageId: 1, target: target('Old') },
          { pageId: 2, target: target('Kept') },
        ]);
        await store.redirects.setMany(wiki, [
          { pageId: 1, target: target('New') },
          { pageId: 2, target: null },
        ]);
        expect(await store.redirects.getMany(wiki, [1, 2])).toEqual(new Map([[1, target('New')]]));
      });

      test('the last entry for a page in one call wins', async (store, wiki) => {
        await store.redirects.setMany(wiki, [
          { pageId: 1, target: target('First') },
          { pageId: 1, target: target('Second') },
          { pageId: 2, target: target('Gone') },
          { pageId: 2, target: null },
        ]);
        expect(await store.redirects.getMany(wiki, [1, 2])).toEqual(new Map([[1, target('Second')]]));
      });

      test('wikis keep their own rows for the same page id', async (store, wiki) => {
        await store.redirects.setMany(wiki, [{ pageId: 1, target: target('Here') }]);
        await store.redirects.setMany(`${wiki}_other`, [{ pageId: 1, target: target('There') }]);
        await store.redirects.setMany(`${wiki}_other`, [{ pageId: 1, target: null }]);
        expect(await store.redirects.getMany(wiki, [1])).toEqual(new Map([[1, target('Here')]]));
        expect(await store.redirects.getMany(`${wiki}_other`, [1])).toEqual(new Map());
      });

      test('a page id given twice is read once', async (store, wiki) => {
        await store.redirects.setMany(wiki, [{ pageId: 7, target: target('Once') }]);
        expect([...(await store.redirects.getMany(wiki, [7, 7])).keys()]).toEqual([7]);
      });
    });

    describe('media', () => {
      test('upsertMany then getMany returns the files of the repository', async (store, wiki) => {
        const repo = `${wiki}_commons`;
        const files = [
          makeMediaFile({ repo, name: 'B.jpg' }),
          makeMediaFile({ repo, name: 'A.svg', mediaType: 'DRAWING' }),
        ];
        await store.media.upsertMany(files);
        await store.media.upsertMany([makeMediaFile({ repo: `${wiki}_other`, name: 'C.jpg' })]);
        expect(await store.media.getMany(repo, ['A.svg', 'B.jpg', 'C.jpg'])).toEqual([files[1], files[0]]);
      });

      test('getShapes gives width, height and media type of the files the repository has', async (store, wiki) => {
        const repo = `${wiki}_commons`;
        await store.media.upsertMany([
          makeMediaFile({ repo, name: 'Wide.jpg', width: 1200, height: 300 }),
          makeMediaFile({ repo, name: 'Mark.svg', width: 64, height: 64, mediaType: 'DRAWING' }),
          makeMediaFile({ repo: `${wiki}_other`, name: 'Other.jpg' }),
        ]);
        expect(await store.media.getShapes(repo, ['Mark.svg', 'Wide.jpg', 'Other.jpg', 'Wide.jpg'])).toEqual(
          new Map([
            ['Mark.svg', { width: 64, height: 64, mediaType: 'DRAWING' }],
            ['Wide.jpg', { width: 1200, height: 300, mediaType: 'BITMAP' }],
          ]),
        );
      });

      test('upsertMany replaces a file with the same name', async (store, wiki) => {
        const repo = `${wiki}_commons`;
        await store.media.upsertMany([makeMediaFile({ repo, name: 'A.jpg', width: 1 })]);
        await store.media.upsertMany([makeMediaFile({ repo, name: 'A.jpg', width: 2, size: 5_000_000_000 })]);
        expect(await store.media.getMany(repo, ['A.jpg'])).toMatchObject([{ width: 2, size: 5_000_000_000 }]);
      });

      test('setDescription replaces only the description fields of a stored file', async (store, wiki) => {
        const repo = `${wiki}_commons`;
        const file = makeMediaFile({ repo, name: 'D.jpg', width: 7, categories: ['Old'] });
        await store.media.upsertMany([file]);
        const d = { license: 'CC0', author: 'Someone', description: 'New text', categories: ['A_b', 'C'] };
        expect(await store.media.setDescription(repo, 'D.jpg', d)).toBe(true);
        expect(await store.media.getMany(repo, ['D.jpg'])).toEqual([{ ...file, ...d }]);
        expect(await store.media.setDescription(repo, 'Nothing.jpg', d)).toBe(false);
        expect(await store.media.getMany(repo, ['Nothing.jpg'])).toEqual([]);
      });

      test('keeps sha1, bit depth, uploader and categories (none too) as written', async (store, wiki) => {
        const repo = `${wiki}_commons`;
        const files = [
          makeMediaFile({
            repo,
            name: 'Cat.png',
            sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
            bitDepth: 16,
            uploader: 'Uploader Ü',
            categories: ['Cats_in_Prague', 'Files_by_Uploader'],
          }),
          makeMediaFile({ repo, name: 'Dog.svg', bitDepth: 0, categories: [] }),
        ];
        await store.media.upsertMany(files);
        expect(await store.media.getMany(repo, ['Cat.png', 'Dog.svg'])).toEqual(files);
      });
    });

    describe('sessions', () => {
      const session = (idHash: string, expiresAt: number, remember = false) => ({
        idHash,
        wiki: 'testwiki',
        userId: 3,
        csrfSecret: 'secret',
        appId: '',
        remember,
        createdAt: 10,
        expiresAt,
      });

      test('insert then get returns the session before it expires', async (store, wiki) => {
        await store.sessions.insert(session(`${wiki}-s`, 100));
        expect(await store.sessions.get(`${wiki}-s`, 99)).toEqual(session(`${wiki}-s`, 100));
        expect(await store.sessions.get(`${wiki}-s`, 100)).toBeUndefined();
      });

      test('getWithUser reads the session with its account and its groups unexpired then', async (store, wiki) => {
        const own = (idHash: string, userId: number, expiresAt: number) => ({
          ...session(idHash, expiresAt),
          wiki,
          userId,
        });
        await store.users.insert(makeUser({ wiki, id: 3, name: 'Alice', registration: 123, editCount: 7 }));
        await store.users.addGroup(wiki, 3, 'sysop', null);
        await store.users.addGroup(wiki, 3, 'bot', 50);
        await store.sessions.insert(own(`${wiki}-a`, 3, 100));
        await store.sessions.insert(own(`${wiki}-gone`, 4, 100));
        const alice = await store.users.getById(wiki, 3);
        expect(await store.sessions.getWithUser(`${wiki}-a`, 40)).toEqual({
          session: own(`${wiki}-a`, 3, 100),
          user: { ...alice, groups: ['bot', 'sysop'] },
        });
        expect((await store.sessions.getWithUser(`${wiki}-a`, 60))?.user?.groups).toEqual(['sysop']);
        expect(await store.sessions.getWithUser(`${wiki}-gone`, 40)).toEqual({
          session: own(`${wiki}-gone`, 4, 100),
          user: undefined,
        });
        expect(await store.sessions.getWithUser(`${wiki}-a`, 100)).toBeUndefined();
        expect(await store.sessions.getWithUser(`${wiki}-none`, 0)).toBeUndefined();
      });

      test("keeps a relayed login's wiki credential and rights with the session, in both reads", async (store, wiki) => {
        const relayed = {
          ...session(`${wiki}-w`, 100),
          wiki,
          wikiCredential: 'v1.sealed.value',
          wikiRights: ['edit', 'patrol', 'read'],
        };
        await store.sessions.insert(relayed);
        expect(await store.sessions.get(`${wiki}-w`, 99)).toEqual(relayed);
        expect((await store.sessions.getWithUser(`${wiki}-w`, 99))?.session).toEqual(relayed);
        await store.sessions.delete(`${wiki}-w`);
        expect(await store.sessions.get(`${wiki}-w`, 0)).toBeUndefined();
      });

      test('keeps whether the session is remembered', async (store, wiki) => {
        await store.sessions.insert(session(`${wiki}-r`, 100, true));
        expect(await store.sessions.get(`${wiki}-r`, 99)).toEqual(session(`${wiki}-r`, 100, true));
      });

      test('extend moves the expiry', async (store, wiki) => {
        await store.sessions.insert(session(`${wiki}-s`, 100));
        await store.sessions.extend(`${wiki}-s`, 500);
        expect(await store.sessions.get(`${wiki}-s`, 499)).toEqual(session(`${wiki}-s`, 500));
      });

      test('delete ends the session', async (store, wiki) => {
        await store.sessions.insert(session(`${wiki}-s`, 100));
        await store.sessions.delete(`${wiki}-s`);
        expect(await store.sessions.get(`${wiki}-s`, 0)).toBeUndefined();
      });

      isolated('deleteExpired removes expired sessions and counts them', async (store) => {
        await store.sessions.insert(session('a', 100));
        await store.sessions.insert(session('b', 200));
        await store.sessions.insert(session('c', 300));
        expect(await store.sessions.deleteExpired(200)).toBe(2);
        expect(await store.sessions.get('c', 200)).toBeDefined();
      });
    });

    describe('throttles', () => {
      test('hit counts hits within the window', async (store, wiki) => {
        expect(await store.throttles.hit(wiki, 60, 1000)).toBe(1);
        expect(await store.throttles.hit(wiki, 60, 1030)).toBe(2);
        expect(await store.throttles.hit(wiki, 60, 1059)).toBe(3);
      });

      test('the first hit at the end of the window starts a new one', async (store, wiki) => {
        await store.throttles.hit(wiki, 60, 1000);
        await store.throttles.hit(wiki, 60, 1010);
        expect(await store.throttles.hit(wiki, 60, 1060)).toBe(1);
        expect(await store.throttles.hit(wiki, 60, 1119)).toBe(2);
        expect(await store.throttles.hit(wiki, 60, 1120)).toBe(1);
      });

      test('peek reports the count without counting a hit', async (store, wiki) => {
        await store.throttles.hit(wiki, 60, 1000);
        expect(await store.throttles.peek(wiki, 60, 1001)).toBe(1);
        expect(await store.throttles.peek(wiki, 60, 1001)).toBe(1);
        expect(await store.throttles.peek(wiki, 60, 1060)).toBe(0);
        expect(await store.throttles.peek(`${wiki}-unknown`, 60, 1000)).toBe(0);
      });

      test('reset clears the count', async (store, wiki) => {
        await store.throttles.hit(wiki, 60, 1000);
        await store.throttles.reset(wiki);
        expect(await store.throttles.peek(wiki, 60, 1000)).toBe(0);
        expect(await store.throttles.hit(wiki, 60, 1000)).toBe(1);
      });

      test('keys count separately', async (store, wiki) => {
        await store.throttles.hit(`${wiki}-a`, 60, 1000);
        expect(await store.throttles.hit(`${wiki}-b`, 60, 1000)).toBe(1);
      });

      isolated(
        'deleteExpired deletes the counters whose window has ended, each by its own length',
        async (store) => {
          await store.throttles.hit('short', 10, 1000); // window ends at 1010
          await store.throttles.hit('long', 300, 1000); // ends at 1300
          await store.throttles.hit('renewed', 10, 1000);
          await store.throttles.hit('renewed', 10, 1010); // a new window, ending at 1020
          await store.throttles.hit('counting', 60, 990);
          await store.throttles.hit('counting', 60, 1005); // same window, still ending at 1050
          expect(await store.throttles.deleteExpired(1009)).toBe(0);
          expect(await store.throttles.deleteExpired(1010)).toBe(1);
          expect(await store.throttles.peek('renewed', 10, 1010)).toBe(1);
          expect(await store.throttles.peek('counting', 60, 1010)).toBe(2);
          expect(await store.throttles.deleteExpired(1050)).toBe(2);
          expect(await store.throttles.peek('long', 300, 1050)).toBe(1);
          expect(await store.throttles.deleteExpired(1300)).toBe(1);
          expect(await store.throttles.deleteExpired(1_000_000)).toBe(0);
        },
      );
    });

    describe('schedules', () => {
      const id = (task: string, wiki = '') => ({ owner: 'core', task, wiki });

      isolated('addMissing creates schedules and leaves existing ones as they are', async (store) => {
        await store.schedules.addMissing([{ ...id('a', 'enwiki'), nextRunAt: 100 }]);
        await store.schedules.addMissing([
          { ...id('a', 'enwiki'), nextRunAt: 500 },
          { ...id('a', 'dewiki'), nextRunAt: 200 },
          { ...id('b'), nextRunAt: 300 },
        ]);
        expect(await store.schedules.list()).toEqual([
          { ...id('a', 'dewiki'), nextRunAt: 200, finishedDue: null, finishedAt: null },
          { ...id('a', 'enwiki'), nextRunAt: 100, finishedDue: null, finishedAt: null },
          { ...id('b'), nextRunAt: 300, finishedDue: null, finishedAt: null },
        ]);
        expect(await store.schedules.get(id('b'))).toMatchObject({ nextRunAt: 300 });
        expect(await store.schedules.get(id('c'))).toBeUndefined();
      });

      isolated(
        'claimDue returns the due schedules earliest first, and nextDueAfter the next due time',
        async (store) => {
          await store.schedules.addMissing([
            { ...id('late'), nextRunAt: 300 },
            { ...id('due'), nextRunAt: 200 },
            { ...id('first'), nextRunAt: 100 },
          ]);
          const due = await store.transaction((tx) => tx.schedules.claimDue(200, 10));
          expect(due.map((s) => s.task)).toEqual(['first', 'due']);
          expect((await store.transaction((tx) => tx.schedules.claimDue(200, 1))).map((s) => s.task)).toEqual(
            ['first'],
          );
          expect(await store.schedules.nextDueAfter(200)).toBe(300);
          expect(await store.schedules.nextDueAfter(300)).toBeUndefined();
        },
      );

      isolated('advance moves a schedule only from the due time it was read at', async (store) => {
        await store.schedules.addMissing([{ ...id('a'), nextRunAt: 100 }]);
        expect(await store.schedules.advance(id('a'), 100, 250)).toBe(true);
        // A second process that read the same due time finds it taken.
        expect(await store.schedules.advance(id('a'), 100, 260)).toBe(false);
        expect(await store.schedules.advance(id('b'), 100, 260)).toBe(false);
        expect((await store.schedules.get(id('a')))?.nextRunAt).toBe(250);
      });

      isolated('recordFinished keeps the latest finished due time', async (store) => {
        await store.schedules.addMissing([{ ...id('a'), nextRunAt: 100 }]);
        expect(await store.schedules.recordFinished(id('a'), 100, 130)).toBe(true);
        expect(await store.schedules.recordFinished(id('a'), 100, 140)).toBe(false);
        expect(await store.schedules.recordFinished(id('a'), 50, 150)).toBe(false);
        expect(await store.schedules.get(id('a'))).toMatchObject({ finishedDue: 100, finishedAt: 130 });
        expect(await store.schedules.recordFinished(id('a'), 200, 210)).toBe(true);
        expect(await store.schedules.get(id('a'))).toMatchObject({ finishedDue: 200, finishedAt: 210 });
      });

      const concurrentTitle = 'a schedule one transaction is taking is skipped by another (SKIP LOCKED)';
      if (options.skip?.concurrentTransactions) {
        it.skip(`${concurrentTitle} [skipped: ${options.skip.concurrentTransactions}]`, () => {});
      } else {
        isolated(concurrentTitle, async (store) => {
          await store.schedules.addMissing([
            { ...id('a'), nextRunAt: 100 },
            { ...id('b'), nextRunAt: 100 },
          ]);
          let firstClaimed!: (tasks: string[]) => void;
          const firstClaim = new Promise<string[]>((resolve) => (firstClaimed = resolve));
          let releaseFirst!: () => void;
          const held = new Promise<void>((resolve) => (releaseFirst = resolve));
          const first = store.transaction(async (tx) => {
            const due = await tx.schedules.claimDue(100, 1);
            firstClaimed(due.map((s) => s.task));
            await held;
            for (const s of due) await tx.schedules.advance(s, s.nextRunAt, 200);
          });
          expect(await firstClaim).toEqual(['a']);
          const second = await store.transaction((tx) => tx.schedules.claimDue(100, 10));
          releaseFirst();
          await first;
          expect(second.map((s) => s.task)).toEqual(['b']);
        });
      }
    });

    describe('outbox', () => {
      const ids = (events: { id: number }[]) => events.map((e) => e.id);

      isolated(
        'append writes events that readAfter returns oldest first with increasing ids',
        async (store) => {
          await store.outbox.append('w', 'mediawiki.page-create', { title: 'A', n: [1] }, 10);
          await store.outbox.append('w', 'mediawiki.revision-create', { title: 'B' }, 11);
          const [a, b] = await store.outbox.readAfter(0, 10);
          expect(b!.id).toBeGreaterThan(a!.id);
          expect([a, b]).toEqual([
            {
              id: a!.id,
              wiki: 'w',
              stream: 'mediawiki.page-create',
              payload: { title: 'A', n: [1] },
              createdAt: 10,
            },
            {
              id: b!.id,
              wiki: 'w',
              stream: 'mediawiki.revision-create',
              payload: { title: 'B' },
              createdAt: 11,
            },
          ]);
          expect(await store.outbox.head()).toBe(b!.id);
        },
      );

      isolated('readAfter starts after the position, stops at limit and filters by stream', async (store) => {
        for (let i = 0; i < 5; i++) await store.outbox.append('w', i % 2 ? 'odd' : 'even', { i }, i);
        const all = await store.outbox.readAfter(0, 10);
        expect((await store.outbox.readAfter(all[1]!.id, 2)).map((e) => e.payload.i)).toEqual([2, 3]);
        expect((await store.outbox.readAfter(0, 10, ['odd'])).map((e) => e.payload.i)).toEqual([1, 3]);
        expect(await store.outbox.readAfter(0, 10, [])).toEqual([]);
        expect(await store.outbox.countAfter(all[2]!.id)).toBe(2);
      });

      isolated(
        'events appended in a transaction appear when it commits, in the order appended',
        async (store) => {
          await store.transaction(async (tx) => {
            await tx.outbox.append('w', 's', { n: 1 }, 1);
            await tx.outbox.append('w', 's', { n: 2 }, 1);
            expect(await store.outbox.head()).toBe(0);
          });
          expect((await store.outbox.readAfter(0, 10)).map((e) => e.payload.n)).toEqual([1, 2]);
        },
      );

      isolated('a rolled-back savepoint drops only its own events', async (store) => {
        await store.transaction(async (tx) => {
          await tx.outbox.append('w', 's', { n: 1 }, 1);
          await expect(
            store.transaction(async (inner) => {
              await inner.outbox.append('w', 's', { n: 2 }, 1);
              throw new Error('undo');
            }),
          ).rejects.toThrow('undo');
          await store.outbox.append('w', 's', { n: 3 }, 1);
        });
        expect((await store.outbox.readAfter(0, 10)).map((e) => e.payload.n)).toEqual([1, 3]);
      });

      isolated('positionBefore finds where events of a time begin', async (store) => {
        for (const t of [100, 200, 300]) await store.outbox.append('w', 's', { t }, t);
        const [, second, third] = await store.outbox.readAfter(0, 10);
        expect(await store.outbox.positionBefore(150)).toBe(second!.id - 1);
        expect(await store.outbox.positionBefore(300)).toBe(third!.id - 1);
        expect(await store.outbox.positionBefore(301)).toBe(third!.id);
      });

      isolated('deleteDelivered deletes old events up to the position, oldest first', async (store) => {
        for (const t of [1, 2, 3, 4, 50]) await store.outbox.append('w', 's', { t }, t);
        const all = await store.outbox.readAfter(0, 10);
        // Position 4th; created before 40: the first three, two per call.
        expect(await store.outbox.deleteDelivered(all[3]!.id, 4, 2)).toBe(2);
        expect(await store.outbox.deleteDelivered(all[3]!.id, 4, 2)).toBe(1);
        expect(await store.outbox.deleteDelivered(all[3]!.id, 4, 2)).toBe(0);
        expect(ids(await store.outbox.readAfter(0, 10))).toEqual(ids(all.slice(3)));
        expect(await store.outbox.deleteDelivered(all[4]!.id, 100, 10)).toBe(2);
        expect(await store.outbox.head()).toBe(0);
      });
    });

    describe('event consumers', () => {
      isolated('ensure creates a cursor once; advance only moves it forward', async (store) => {
        expect(await store.eventConsumers.ensure('c', 5, 1)).toMatchObject({ name: 'c', position: 5 });
        expect(await store.eventConsumers.ensure('c', 0, 2)).toMatchObject({ position: 5, updatedAt: 1 });
        await store.eventConsumers.advance('c', 9, 3);
        await store.eventConsumers.advance('c', 7, 4);
        expect(await store.eventConsumers.get('c')).toMatchObject({ position: 9, updatedAt: 3 });
        expect((await store.eventConsumers.list()).map((c) => c.name)).toContain('c');
      });

      isolated('lock returns the cursor inside a transaction', async (store) => {
        await store.eventConsumers.ensure('c', 3, 1);
        expect(await store.transaction((tx) => tx.eventConsumers.lock('c'))).toMatchObject({ position: 3 });
        expect(await store.transaction((tx) => tx.eventConsumers.lock('nobody'))).toBeUndefined();
      });

      isolated('a lease excludes other holders until it expires or is released', async (store) => {
        await store.eventConsumers.ensure('c', 0, 1);
        expect(await store.eventConsumers.lease('c', 'a', 100, 10)).toBe(true);
        expect(await store.eventConsumers.lease('c', 'b', 100, 50)).toBe(false);
        expect(await store.eventConsumers.lease('c', 'a', 200, 50)).toBe(true);
        expect(await store.eventConsumers.lease('c', 'b', 300, 200)).toBe(true);
        // a lost it: its release neither advances nor frees.
        expect(await store.eventConsumers.release('c', 'a', 42, 210)).toBe(false);
        expect(await store.eventConsumers.get('c')).toMatchObject({ position: 0, leasedBy: 'b' });
        expect(await store.eventConsumers.release('c', 'b', 42, 220)).toBe(true);
        expect(await store.eventConsumers.get('c')).toMatchObject({ position: 42, leasedBy: null });
        expect(await store.eventConsumers.release('c', 'b', undefined, 230)).toBe(false);
        expect(await store.eventConsumers.lease('c', 'a', 300, 230)).toBe(true);
        expect(await store.eventConsumers.release('c', 'a', 10, 240)).toBe(true);
        expect(await store.eventConsumers.get('c')).toMatchObject({ position: 42 });
      });

      isolated('rejections are recorded once per consumer and event', async (store) => {
        await store.eventConsumers.recordRejections(
          [
            { consumer: 'c', eventId: 7, stream: 's', reason: 'invalid' },
            { consumer: 'd', eventId: 7, stream: 's', reason: 'other' },
          ],
          5,
        );
        await store.eventConsumers.recordRejections(
          [{ consumer: 'c', eventId: 7, stream: 's', reason: 'again' }],
          6,
        );
        expect(await store.eventConsumers.rejections('c', 10)).toEqual([
          { consumer: 'c', eventId: 7, stream: 's', reason: 'invalid', rejectedAt: 5 },
        ]);
      });
    });

    describe('jobs', () => {
      const claimIds = async (store: Store, limit: number, now: number, types?: string[]) =>
        (await store.jobs.claim('worker', limit, now, 60, types)).map((j) => j.id);

      isolated('enqueue returns the id of the new queued job', async (store) => {
        const id = await store.jobs.enqueue(
          makeJob({ type: 'compile', wiki: 'w', payload: { pageId: 5 } }),
          100,
        );
        expect(id).toEqual(expect.any(Number));
        expect(await store.jobs.list({ limit: 10 })).toEqual([
          {
            id,
            type: 'compile',
            wiki: 'w',
            payload: { pageId: 5 },
            dedupeKey: null,
            status: 'queued',
            attempts: 0,
            maxAttempts: 5,
            runAfter: 100,
            lastError: null,
            createdAt: 100,
          },
        ]);
      });

      isolated('a job with the key of a queued job is coalesced into it', async (store) => {
        const first = await store.jobs.enqueue(makeJob({ dedupeKey: 'page:1' }), 1);
        expect(await store.jobs.enqueue(makeJob({ dedupeKey: 'page:1' }), 2)).toBeNull();
        expect((await store.jobs.list({ limit: 10 })).map((j) => j.id)).toEqual([first]);
      });

      isolated('a job with the key of a running job is queued', async (store) => {
        await store.jobs.enqueue(makeJob({ dedupeKey: 'page:1' }), 1);
        await store.jobs.claim('worker', 1, 1, 60);
        expect(await store.jobs.enqueue(makeJob({ dedupeKey: 'page:1' }), 2)).toEqual(expect.any(Number));
      });

      isolated('a job with the key of a finished job is queued', async (store) => {
        const first = await store.jobs.enqueue(makeJob({ dedupeKey: 'page:1' }), 1);
        await store.jobs.claim('worker', 1, 1, 60);
        await store.jobs.complete(first as number, 2);
        const second = await store.jobs.enqueue(makeJob({ dedupeKey: 'page:1' }), 3);
        expect(second).toEqual(expect.any(Number));
        expect(second).not.toBe(first);
      });

      isolated('jobs without a key never coalesce', async (store) => {
        await store.jobs.enqueue(makeJob(), 1);
        await store.jobs.enqueue(makeJob(), 1);
        expect(await store.jobs.list({ limit: 10 })).toHaveLength(2);
      });

      isolated('enqueueMany drops jobs whose key is queued or repeated in the batch', async (store) => {
        await store.jobs.enqueue(makeJob({ dedupeKey: 'a' }), 1);
        await store.jobs.enqueueMany(
          [
            makeJob({ dedupeKey: 'a' }),
            makeJob({ dedupeKey: 'b', payload: { n: 1 } }),
            makeJob({ dedupeKey: 'b', payload: { n: 2 } }),
            makeJob(),
          ],
          2,
        );
        const jobs = await store.jobs.list({ limit: 10 });
        expect(jobs.map((j) => [j.dedupeKey, j.payload])).toEqual([
          ['a', {}],
          ['b', { n: 1 }],
          [null, {}],
        ]);
      });

      isolated('claim leases the lowest job ids first, up to the limit', async (store) => {
        const ids: number[] = [];
        for (let i = 0; i < 4; i++)
          ids.push((await store.jobs.enqueue(makeJob({ payload: { i } }), 1)) as number);
        const claimed = await store.jobs.claim('w1', 3, 10, 60);
        expect(claimed.map((j) => j.id)).toEqual(ids.slice(0, 3));
        expect(claimed.every((j) => j.status === 'running')).toBe(true);
      });

      isolated('claim skips jobs that are not due yet', async (store) => {
        const later = await store.jobs.enqueue(makeJob({ runAfter: 100 }), 1);
        const now = await store.jobs.enqueue(makeJob(), 1);
        expect(await claimIds(store, 10, 99)).toEqual([now]);
        expect(await claimIds(store, 10, 100)).toEqual([later]);
      });

      isolated('claim can be restricted to job types', async (store) => {
        await store.jobs.enqueue(makeJob({ type: 'a' }), 1);
        const b = await store.jobs.enqueue(makeJob({ type: 'b' }), 1);
        expect(await claimIds(store, 10, 1, ['b', 'c'])).toEqual([b]);
      });

      isolated('a leased job is not claimed again before its lease ends', async (store) => {
        await store.jobs.enqueue(makeJob(), 1);
        await store.jobs.claim('w1', 10, 10, 60);
        expect(await claimIds(store, 10, 70)).toEqual([]);
      });

      isolated('a running job whose lease expired is claimed again', async (store) => {
        const id = await store.jobs.enqueue(makeJob(), 1);
        await store.jobs.claim('w1', 10, 10, 60);
        const [job] = await store.jobs.claim('w2', 10, 71, 60);
        expect(job?.id).toBe(id);
        expect(await claimIds(store, 10, 72)).toEqual([]);
      });

      isolated('claim counts the attempt it leases', async (store) => {
        await store.jobs.enqueue(makeJob({ maxAttempts: 3 }), 1);
        const [first] = await store.jobs.claim('w1', 1, 1, 10);
        expect(first?.attempts).toBe(1);
        const [again] = await store.jobs.claim('w2', 1, 20, 10);
        expect(again?.attempts).toBe(2);
      });

      isolated('a job whose lease expires on every attempt goes dead after maxAttempts', async (store) => {
        const id = (await store.jobs.enqueue(makeJob({ maxAttempts: 2 }), 1)) as number;
        expect(await claimIds(store, 10, 1)).toEqual([id]);
        expect(await claimIds(store, 10, 100)).toEqual([id]);
        expect(await claimIds(store, 10, 200)).toEqual([]);
        expect((await store.jobs.list({ limit: 1 }))[0]).toMatchObject({
          status: 'dead',
          attempts: 2,
          lastError: expect.stringContaining('lease expired'),
        });
      });

      isolated('claim merges reclaimed and queued jobs in id order', async (store) => {
        const old = await store.jobs.enqueue(makeJob(), 1);
        await store.jobs.claim('w1', 10, 1, 10);
        const fresh = await store.jobs.enqueue(makeJob(), 2);
        expect(await claimIds(store, 10, 50)).toEqual([old, fresh]);
      });

      isolated('complete marks the job done and it is not claimed again', async (store) => {
        const id = (await store.jobs.enqueue(makeJob(), 1)) as number;
        await store.jobs.claim('w1', 1, 1, 10);
        await store.jobs.complete(id, 2);
        expect((await store.jobs.list({ limit: 10 }))[0]?.status).toBe('done');
        expect(await claimIds(store, 10, 1000)).toEqual([]);
      });

      isolated('fail before the last attempt requeues the job at retryAt', async (store) => {
        const id = (await store.jobs.enqueue(makeJob({ maxAttempts: 3 }), 1)) as number;
        await store.jobs.claim('w1', 1, 1, 10);
        expect(await store.jobs.fail(id, 'boom', 2, 50)).toBe('retry');
        expect((await store.jobs.list({ limit: 1 }))[0]).toMatchObject({
          status: 'queued',
          attempts: 1,
          runAfter: 50,
          lastError: 'boom',
        });
        expect(await claimIds(store, 10, 49)).toEqual([]);
        expect(await claimIds(store, 10, 50)).toEqual([id]);
      });

      isolated('fail on the last attempt makes the job dead', async (store) => {
        const id = (await store.jobs.enqueue(makeJob({ maxAttempts: 2 }), 1)) as number;
        await store.jobs.claim('w1', 1, 1, 10);
        expect(await store.jobs.fail(id, 'one', 2, 3)).toBe('retry');
        await store.jobs.claim('w1', 1, 3, 10);
        expect(await store.jobs.fail(id, 'two', 4, 5)).toBe('dead');
        expect((await store.jobs.list({ limit: 1 }))[0]).toMatchObject({
          status: 'dead',
          attempts: 2,
          lastError: 'two',
        });
        expect(await claimIds(store, 10, 1000)).toEqual([]);
      });

      isolated('a failed job is retried even when a job with its key was queued meanwhile', async (store) => {
        const first = (await store.jobs.enqueue(makeJob({ dedupeKey: 'k' }), 1)) as number;
        await store.jobs.claim('w1', 1, 1, 10);
        const second = (await store.jobs.enqueue(makeJob({ dedupeKey: 'k' }), 2)) as number;
        expect(await store.jobs.fail(first, 'boom', 3, 3)).toBe('retry');
        expect(await claimIds(store, 10, 3)).toEqual([first, second]);
      });

      isolated('retryDead requeues all dead jobs, or only the given ones', async (store) => {
        const ids: number[] = [];
        for (let i = 0; i < 3; i++) {
          const id = (await store.jobs.enqueue(makeJob({ maxAttempts: 1, dedupeKey: 'same' }), 1)) as number;
          await store.jobs.claim('w1', 1, 1, 10);
          await store.jobs.fail(id, 'x', 2, 2);
          ids.push(id);
        }
        expect(await store.jobs.retryDead(5, [ids[0] as number])).toBe(1);
        expect(await store.jobs.retryDead(5)).toBe(2);
        expect(await store.jobs.retryDead(5)).toBe(0);
        const jobs = await store.jobs.list({ status: 'queued', limit: 10 });
        expect(jobs.map((j) => [j.id, j.attempts, j.runAfter])).toEqual(ids.map((id) => [id, 0, 5]));
      });

      isolated('countByStatus counts jobs per status', async (store) => {
        const a = (await store.jobs.enqueue(makeJob(), 1)) as number;
        await store.jobs.enqueue(makeJob(), 1);
        await store.jobs.enqueue(makeJob(), 1);
        await store.jobs.claim('w1', 2, 1, 10);
        await store.jobs.complete(a, 2);
        expect(await store.jobs.countByStatus()).toEqual({ done: 1, running: 1, queued: 1 });
      });

      isolated('list filters by status and type', async (store) => {
        await store.jobs.enqueue(makeJob({ type: 'a' }), 1);
        const b = await store.jobs.enqueue(makeJob({ type: 'b' }), 1);
        await store.jobs.enqueue(makeJob({ type: 'b', runAfter: 100 }), 1);
        await store.jobs.claim('w1', 10, 1, 10, ['b']);
        expect((await store.jobs.list({ status: 'running', limit: 10 })).map((j) => j.id)).toEqual([b]);
        expect(await store.jobs.list({ type: 'b', limit: 10 })).toHaveLength(2);
      });

      isolated(
        'renewLease extends the lease of the worker running the job, and of no other',
        async (store) => {
          const a = (await store.jobs.enqueue(makeJob(), 1)) as number;
          await store.jobs.claim('w1', 1, 1, 10); // leased until 11
          expect(await store.jobs.renewLease(a, 'w2', 100)).toBe(false);
          expect(await store.jobs.renewLease(a, 'w1', 100)).toBe(true);
          expect(await store.transaction((tx) => tx.jobs.claim('w2', 1, 50, 10))).toEqual([]);
          expect((await store.transaction((tx) => tx.jobs.claim('w2', 1, 101, 10))).map((j) => j.id)).toEqual(
            [a],
          );
          // Taken over: the first worker's lease is gone.
          expect(await store.jobs.renewLease(a, 'w1', 200)).toBe(false);
          await store.jobs.complete(a, 102);
          expect(await store.jobs.renewLease(a, 'w2', 200)).toBe(false);
        },
      );

      isolated(
        'hasUnfinished sees queued and running jobs of a key, not done or dead ones',
        async (store) => {
          const job = (dedupeKey: string) => makeJob({ dedupeKey, maxAttempts: 1 });
          await store.jobs.enqueue(job('running'), 1);
          const done = (await store.jobs.enqueue(job('done'), 1)) as number;
          const dead = (await store.jobs.enqueue(job('dead'), 1)) as number;
          expect(await store.jobs.claim('w1', 10, 1, 10)).toHaveLength(3);
          await store.jobs.complete(done, 2);
          expect(await store.jobs.fail(dead, 'boom', 2, 3)).toBe('dead');
          await store.jobs.enqueue(job('queued'), 2);
          expect(await store.jobs.hasUnfinished('running')).toBe(true);
          expect(await store.jobs.hasUnfinished('queued')).toBe(true);
          expect(await store.jobs.hasUnfinished('done')).toBe(false);
          expect(await store.jobs.hasUnfinished('dead')).toBe(false);
          expect(await store.jobs.hasUnfinished('none')).toBe(false);
        },
      );

      isolated('purgeDone deletes finished jobs older than the cutoff', async (store) => {
        const a = (await store.jobs.enqueue(makeJob(), 1)) as number;
        const b = (await store.jobs.enqueue(makeJob(), 1)) as number;
        await store.jobs.enqueue(makeJob(), 1);
        await store.jobs.claim('w1', 2, 1, 10);
        await store.jobs.complete(a, 10);
        await store.jobs.complete(b, 20);
        expect(await store.jobs.purgeDone(20)).toBe(1);
        expect(await store.jobs.countByStatus()).toEqual({ done: 1, queued: 1 });
      });

      const concurrentTitle =
        'two concurrent claims in two transactions never return the same job (SKIP LOCKED)';
      if (options.skip?.concurrentTransactions) {
        it.skip(`${concurrentTitle} [skipped: ${options.skip.concurrentTransactions}]`, () => {});
      } else {
        isolated(concurrentTitle, async (store) => {
          for (let i = 0; i < 6; i++) await store.jobs.enqueue(makeJob({ payload: { i } }), 1);
          let firstClaimed!: (ids: number[]) => void;
          const firstClaim = new Promise<number[]>((resolve) => (firstClaimed = resolve));
          let releaseFirst!: () => void;
          const held = new Promise<void>((resolve) => (releaseFirst = resolve));
          const first = store.transaction(async (tx) => {
            const jobs = await tx.jobs.claim('w1', 3, 10, 60);
            firstClaimed(jobs.map((j) => j.id));
            await held;
            return jobs.map((j) => j.id);
          });
          const a = await firstClaim;
          const b = (await store.transaction((tx) => tx.jobs.claim('w2', 3, 10, 60))).map((j) => j.id);
          releaseFirst();
          await first;
          expect(a).toHaveLength(3);
          expect(b).toHaveLength(3);
          expect(a.filter((id) => b.includes(id))).toEqual([]);
        });
      }
    });

    describe('notifications', () => {
      test('listForUser lists newest first and pages with beforeId', async (store, wiki) => {
        for (const id of [1, 2, 3])
          await store.notifications.insert(makeNotification({ wiki, userId: 5, id }));
        await store.notifications.insert(makeNotification({ wiki, userId: 6, id: 4 }));
        const first = await store.notifications.listForUser(wiki, 5, { limit: 2 });
        expect(first.map((n) => n.id)).toEqual([3, 2]);
        expect(
          (await store.notifications.listForUser(wiki, 5, { limit: 2, beforeId: 2 })).map((n) => n.id),
        ).toEqual([1]);
      });

      test('a notification round-trips with its extra data', async (store, wiki) => {
        const n = makeNotification({
          wiki,
          userId: 5,
          id: 1,
          extra: { note: 'Thanks', revId: 9 },
          pageId: 77,
        });
        await store.notifications.insert(n);
        expect(await store.notifications.listForUser(wiki, 5, { limit: 10 })).toEqual([n]);
      });

      test('markRead marks the given notifications read and countUnread drops', async (store, wiki) => {
        for (const id of [1, 2, 3])
          await store.notifications.insert(makeNotification({ wiki, userId: 5, id }));
        expect(await store.notifications.countUnread(wiki, 5)).toBe(3);
        await store.notifications.markRead(wiki, 5, [1, 3], 100);
        expect(await store.notifications.countUnread(wiki, 5)).toBe(1);
        const unread = await store.notifications.listForUser(wiki, 5, { limit: 10, unreadOnly: true });
        expect(unread.map((n) => n.id)).toEqual([2]);
        const all = await store.notifications.listForUser(wiki, 5, { limit: 10 });
        expect(all.map((n) => n.readAt)).toEqual([100, null, 100]);
      });

      test('markRead all marks every unread one and keeps earlier read times', async (store, wiki) => {
        for (const id of [1, 2]) await store.notifications.insert(makeNotification({ wiki, userId: 5, id }));
        await store.notifications.markRead(wiki, 5, [1], 100);
        await store.notifications.markRead(wiki, 5, 'all', 200);
        const all = await store.notifications.listForUser(wiki, 5, { limit: 10 });
        expect(all.map((n) => [n.id, n.readAt])).toEqual([
          [2, 200],
          [1, 100],
        ]);
      });

      test("markRead leaves other users' notifications alone", async (store, wiki) => {
        await store.notifications.insert(makeNotification({ wiki, userId: 5, id: 1 }));
        await store.notifications.markRead(wiki, 6, [1], 100);
        await store.notifications.markRead(wiki, 6, 'all', 100);
        expect(await store.notifications.countUnread(wiki, 5)).toBe(1);
      });
    });

    describe('import state', () => {
      test('save then get returns the state and a second save updates it', async (store, wiki) => {
        const state = {
          sourceKey: `${wiki}:/dumps/x.xml`,
          wiki,
          pagesDone: 10,
          revisionsDone: 30,
          startedAt: 5,
          finishedAt: null,
        };
        await store.imports.save(state);
        expect(await store.imports.get(state.sourceKey)).toEqual(state);
        await store.imports.save({ ...state, pagesDone: 20, finishedAt: 9 });
        expect(await store.imports.get(state.sourceKey)).toEqual({ ...state, pagesDone: 20, finishedAt: 9 });
        expect(await store.imports.get(`${wiki}:other`)).toBeUndefined();
      });

      test('keeps a cursor as text, and a save without one clears it', async (store, wiki) => {
        const state = {
          sourceKey: `mediawiki-rc:${wiki}`,
          wiki,
          pagesDone: 3,
          revisionsDone: 4,
          startedAt: 5,
          finishedAt: null,
        };
        await store.imports.save({ ...state, cursor: '20261207162520|15' });
        expect(await store.imports.get(state.sourceKey)).toEqual({ ...state, cursor: '20261207162520|15' });
        await store.imports.save(state);
        expect((await store.imports.get(state.sourceKey))?.cursor).toBeUndefined();
      });
    });

    describe('transactions', () => {
      isolated('work that resolves commits its writes and returns its value', async (store) => {
        const value = await store.transaction(async (tx) => {
          await tx.pages.insert(makePage({ wiki: 'w', id: 1 }));
          await tx.outbox.append('w', 's', {}, 1);
          return 'done';
        });
        expect(value).toBe('done');
        expect(await store.pages.getById('w', 1)).toBeDefined();
        expect(await store.outbox.countAfter(0)).toBe(1);
      });

      isolated('work that throws leaves nothing written (pages and outbox)', async (store) => {
        await expect(
          store.transaction(async (tx) => {
            await tx.pages.insert(makePage({ wiki: 'w', id: 1 }));
            await tx.outbox.append('w', 's', {}, 1);
            throw new Error('abort');
          }),
        ).rejects.toThrow('abort');
        expect(await store.pages.getById('w', 1)).toBeUndefined();
        expect(await store.outbox.countAfter(0)).toBe(0);
      });

      isolated('a failing statement rolls back earlier writes of the transaction', async (store) => {
        await store.pages.insert(makePage({ wiki: 'w', id: 1, title: 'Taken' }));
        await expect(
          store.transaction(async (tx) => {
            await tx.pages.insert(makePage({ wiki: 'w', id: 2, title: 'Fresh' }));
            await tx.pages.insert(makePage({ wiki: 'w', id: 3, title: 'Taken' }));
          }),
        ).rejects.toThrow();
        expect(await store.pages.getById('w', 2)).toBeUndefined();
      });

      isolated('ids allocated in a rolled-back transaction are handed out again', async (store) => {
        await expect(
          store.transaction(async (tx) => {
            await tx.ids.next('w', 'page', 5);
            throw new Error('abort');
          }),
        ).rejects.toThrow('abort');
        expect(await store.ids.next('w', 'page')).toBe(1);
      });

      isolated("the store's repositories inside a transaction see its uncommitted writes", async (store) => {
        await store.transaction(async (tx) => {
          await tx.pages.insert(makePage({ wiki: 'w', id: 1 }));
          expect(await store.pages.getById('w', 1)).toBeDefined();
        });
      });

      isolated('a nested transaction that throws undoes only its own writes', async (store) => {
        await store.transaction(async (tx) => {
          await tx.pages.insert(makePage({ wiki: 'w', id: 1 }));
          await expect(
            store.transaction(async (inner) => {
              await inner.pages.insert(makePage({ wiki: 'w', id: 2 }));
              throw new Error('inner');
            }),
          ).rejects.toThrow('inner');
        });
        expect(await store.pages.getById('w', 1)).toBeDefined();
        expect(await store.pages.getById('w', 2)).toBeUndefined();
      });

      isolated('a nested transaction commits with the outer one', async (store) => {
        await expect(
          store.transaction(async () => {
            await store.transaction((inner) => inner.pages.insert(makePage({ wiki: 'w', id: 2 })));
            throw new Error('outer');
          }),
        ).rejects.toThrow('outer');
        expect(await store.pages.getById('w', 2)).toBeUndefined();
      });

      isolated('after-commit actions run once the transaction commits, not before', async (store) => {
        const ran: string[] = [];
        await store.transaction(async (tx) => {
          await tx.pages.insert(makePage({ wiki: 'w', id: 1 }));
          store.afterCommit(() => ran.push('first'));
          await store.transaction(async () => store.afterCommit(() => ran.push('nested')));
          expect(ran).toEqual([]);
        });
        expect(ran).toEqual(['first', 'nested']);
        store.afterCommit(() => ran.push('outside'));
        expect(ran).toEqual(['first', 'nested', 'outside']);
      });

      isolated('after-commit actions of a rollback, or of a savepoint undone, never run', async (store) => {
        const ran: string[] = [];
        await expect(
          store.transaction(async () => {
            store.afterCommit(() => ran.push('rolled back'));
            throw new Error('abort');
          }),
        ).rejects.toThrow('abort');
        await store.transaction(async () => {
          store.afterCommit(() => ran.push('kept'));
          await expect(
            store.transaction(async () => {
              store.afterCommit(() => ran.push('undone'));
              throw new Error('inner');
            }),
          ).rejects.toThrow('inner');
        });
        expect(ran).toEqual(['kept']);
      });

      isolated('a write outside any transaction is visible at once', async (store) => {
        await store.pages.insert(makePage({ wiki: 'w', id: 1 }));
        expect(await store.transaction((tx) => tx.pages.getById('w', 1))).toBeDefined();
      });
    });
  });
}
