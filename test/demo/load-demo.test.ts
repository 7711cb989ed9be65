import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import sharp from 'sharp';
import { createHash } from 'node:crypto';
import { loadConfig } from '../../src/config.ts';
import { createMediaService } from '../../src/create-services.ts';
import type { MediaService } from '../../src/core/media/media-service.ts';
import { MediaFileStore } from '../../src/core/media/media-file-store.ts';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFamily } from '../../src/demo/generate-family.ts';
import { loadDemo, type LoadDemoResult } from '../../src/demo/load-demo.ts';
import { AccountService } from '../../src/core/accounts/accounts.ts';
import { WikiRegistry } from '../../src/core/wikis/wiki-registry.ts';
import { openTestStore } from '../factories/test-store.ts';
import type { Store } from '../../src/core/store/store.ts';
import { createWikiSources } from '../../src/wiki-source/wiki-sources.ts';
import { TEST_AUTH } from '../factories/actors.ts';
import { finalPages, leadImageOf } from './family-state.ts';
import { mainPageOf } from '../../src/core/domain/wiki-settings.ts';
import { PresetCoverageCheck } from '../../src/review/preset-coverage.ts';
import { ReviewPresets } from '../../src/review/review-presets.ts';
import { substituteTemplates } from '../../src/wiki-source/local/pre-save-transform.ts';
import { parseTitle } from '../../src/core/domain/titles.ts';

const NOW = 1_720_000_000;
const PAGES = 15;
const SEED = 3;
const family = generateFamily({ seed: SEED, pagesPerWiki: PAGES, now: NOW });
let store: Store;
let close: () => Promise<void>;
let wikis: WikiRegistry;
let first: LoadDemoResult;
let mediaDir: string;
let media: MediaService;

// One load shared by the tests below (it is the slow part); they only read, except the last,
// which loads again to check that nothing changes.
beforeAll(async () => {
  ({ store, close } = await openTestStore({ migrate: true }));
  wikis = new WikiRegistry(store.wikis);
  await wikis.reload();
  mediaDir = mkdtempSync(join(tmpdir(), 'wikiqueue-demo-media-'));
  media = createMediaService(loadConfig({ media: { dir: mediaDir } }, {}), store, wikis, () => NOW);
  first = await load();
});

afterAll(async () => {
  await close?.();
  if (mediaDir) rmSync(mediaDir, { recursive: true, force: true });
});

/** The demo password these tests set (serve makes a random one). */
const DEMO_PASSWORD = 'test-demo-password-42';

function load() {
  return loadDemo(
    { store, clock: () => NOW, wikis, logger: pino({ level: 'silent' }), media },
    { seed: SEED, pagesPerWiki: PAGES, password: DEMO_PASSWORD },
  );
}

describe('loadDemo', () => {
  it('creates the wikis, files, accounts and every page the generated history leaves', async () => {
    const expected = [...finalPages(family).values()];

    expect(first).toMatchObject({ wikis: 5, pages: expected.length, users: family.users.length });
    expect(
      wikis
        .list()
        .map((w) => w.info.id)
        .sort(),
    ).toEqual(['arwiki', 'commonswiki', 'cswiki', 'dewiki', 'enwiki']);
    for (const wiki of ['enwiki', 'dewiki', 'cswiki', 'arwiki', 'commonswiki']) {
      expect(await store.pages.count(wiki), wiki).toBe(expected.filter((p) => p.wiki === wiki).length);
    }
    const media = await store.media.getMany(
      'commonswiki',
      family.media.map((f) => f.name),
    );
    expect(media).toHaveLength(family.media.length);
  });

  it('stores real image files and records the metadata read from them and from their description pages', async () => {
    const files = new MediaFileStore(mediaDir);
    const stored = await store.media.getMany(
      'commonswiki',
      family.media.map((f) => f.name),
    );
    const planned = new Map(family.media.map((f) => [f.name, f]));
    for (const f of stored) {
      const path = files.originalFile('commonswiki', f.name);
      const bytes = readFileSync(path);
      const meta = await sharp(bytes).metadata();
      expect({ width: f.width, height: f.height, size: f.size }, f.name).toEqual({
        width: meta.width,
        height: meta.height,
        size: statSync(path).size,
      });
      expect(f.mime).toBe(
        ({ jpeg: 'image/jpeg', png: 'image/png', svg: 'image/svg+xml' } as Record<string, string>)[
          meta.format
        ],
      );
      expect(f.mediaType).toBe(meta.format === 'svg' ? 'DRAWING' : 'BITMAP');
      expect(f.sha1).toBe(createHash('sha1').update(bytes).digest('hex'));
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(join(mediaDir, 'commonswiki')).mode & 0o777).toBe(0o700);
      const plan = planned.get(f.name);
      expect(f.timestamp).toBe(plan?.timestamp);
      expect(f.uploader).toBe(plan?.uploader);
      expect(plan?.descriptionPage).toContain(f.description);
      expect(plan?.descriptionPage).toContain(f.author);
      for (const c of f.categories)
        expect(plan?.descriptionPage).toContain(`[[Category:${c.replace(/_/g, ' ')}]]`);
      expect(f.url).toMatch(/^\/images\/commonswiki\/[0-9a-f]\/[0-9a-f]{2}\//);
    }
    const tiny = stored.filter((f) => planned.get(f.name)?.role === 'tiny');
    expect(tiny.length).toBeGreaterThan(0);
    for (const f of tiny) expect(f.width).toBeLessThan(100);
  });

  it('gives the articles showing a demo picture in their lead that picture as page image', async () => {
    const files = new Map(family.media.map((f) => [f.name, f]));
    let checked = 0;
    for (const p of finalPages(family).values()) {
      if (p.wiki === 'commonswiki' || p.isRedirect || p.title.includes(':')) continue;
      const page = await store.pages.getByTitle(p.wiki, 0, p.title.replace(/ /g, '_'));
      const props = (await store.links.pageProps(p.wiki, [page!.id], ['page_image_free'])).get(page!.id);
      const lead = leadImageOf(p.text)?.replace(/ /g, '_');
      const file = lead === undefined ? undefined : files.get(lead);
      if (!file || (file.role !== 'photo' && file.role !== 'drawing')) continue;
      expect(props?.page_image_free, `${p.wiki} ${p.title}`).toBe(lead);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("names each wiki's own main page, a page the demo creates (siteinfo's mainpage reads it)", async () => {
    await wikis.reload();
    const mains = Object.fromEntries(
      ['enwiki', 'dewiki', 'cswiki', 'arwiki'].map((id) => {
        const w = wikis.get(id);
        return [id, mainPageOf(w.info, w.namespaces)];
      }),
    );
    expect(Object.fromEntries(Object.entries(mains).map(([id, t]) => [id, t.prefixedText]))).toEqual({
      enwiki: 'Main Page',
      dewiki: 'Wikipedia:Hauptseite',
      cswiki: 'Hlavní strana',
      arwiki: 'الصفحة الرئيسية',
    });
    for (const [id, title] of Object.entries(mains))
      expect(await store.pages.getByTitle(id, title.namespace, title.dbKey), id).toBeDefined();
  });

  it('replays history at its own time: revisions carry the operation timestamps', async () => {
    const mainPage = await store.pages.getByTitle('dewiki', 4, 'Hauptseite');
    expect(mainPage?.createdAt).toBe(
      family.operations.find(
        (o) => o.kind === 'edit' && o.wiki === 'dewiki' && o.title === 'Wikipedia:Hauptseite',
      )?.at,
    );
    expect(mainPage?.createdAt).toBeLessThan(NOW);
  });

  it('gives accounts their groups, blocks the vandal, and lets demo users log in', async () => {
    const admin = await store.users.getByName('enwiki', 'DemoAdmin');
    expect(admin).toBeDefined();
    expect((await store.users.groups('enwiki', admin?.id ?? 0, NOW)).sort()).toEqual(['bureaucrat', 'sysop']);
    const blocks = await store.logs.list('dewiki', { type: 'block', dir: 'older', limit: 10 });
    expect(blocks).toHaveLength(1);
    const clock = () => NOW;
    const wikiSources = createWikiSources({ store, clock, wikis });
    const accounts = new AccountService({ store, clock, auth: TEST_AUTH, wikiSources });
    const { user } = await accounts.login('cswiki', 'DemoPatroller', DEMO_PASSWORD, '192.0.2.9');
    expect(user.name).toBe('DemoPatroller');
  });

  it("gives the Arabic wiki Arabic Wikipedia's preset, and every namespace, category and template it names", async () => {
    const coverage = await new PresetCoverageCheck({ store, wikis, presets: new ReviewPresets() }).check(
      'arwiki',
    );
    expect(coverage).toEqual({
      preset: { name: 'arwiki', reason: 'wiki' },
      missing: { namespaces: [], categories: [], templates: [] },
    });
  });

  it('gives each wiki the talk-note templates its preset names, which substitute into a note naming the page and the reviewer', async () => {
    const presets = new ReviewPresets();
    for (const id of ['enwiki', 'dewiki', 'cswiki', 'arwiki']) {
      const wiki = wikis.get(id);
      const title = parseTitle('User talk:Someone', wiki.namespaces);
      if (!title.ok) throw new Error('bad title');
      for (const template of new Set(Object.values(presets.for(wiki.info).talkPageNotes))) {
        const text = await substituteTemplates(
          store,
          wiki.info,
          wiki.namespaces,
          title.title,
          `{{subst:${template}|1=Some page|2=Rita Reviewer|3=A note.}}`,
          NOW,
        );
        expect(text, `${id} ${template}`).toContain('[[Some page]]');
        expect(text, `${id} ${template}`).toContain('|Rita Reviewer]]');
        expect(text, `${id} ${template}`).not.toMatch(/\{\{|\[\[:/);
      }
    }
  });

  it('does nothing when the demo wikis exist already', async () => {
    const outbox = await store.outbox.head();

    const second = await load();

    expect(second).toMatchObject({ wikis: 0, pages: 0, users: 0 });
    let pages = 0;
    for (const w of ['enwiki', 'dewiki', 'cswiki', 'arwiki', 'commonswiki'])
      pages += await store.pages.count(w);
    expect(pages).toBe(first.pages);
    expect(await store.outbox.head()).toBe(outbox);
  });
});
