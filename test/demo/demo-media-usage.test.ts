import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createMediaService } from '../../src/create-services.ts';
import { NS_FILE, NS_PROJECT, NS_TEMPLATE } from '../../src/core/domain/namespaces.ts';
import { toDbKey } from '../../src/core/domain/titles.ts';
import type { Store } from '../../src/core/store/store.ts';
import { WikiRegistry } from '../../src/core/wikis/wiki-registry.ts';
import type { DemoMediaFile } from '../../src/demo/demo-family.ts';
import { generateFamily } from '../../src/demo/generate-family.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { createServices } from '../../src/create-services.ts';
import type { AppServices } from '../../src/app-services.ts';
import type { SuggestionRow } from '../../src/suggestions/suggestions-service.ts';
import { openTestStore } from '../factories/test-store.ts';

/**
 * The demo uses its infrastructure files (flags, message-box icons, the logo, placeholders, images
 * narrower than 100 px) as real wikis do, and makes a few of them the lead image of an article whose
 * interlanguage counterparts have none: what an image suggestion generator must not offer them.
 * Checked on the demo `serve` creates (the configured default seed and size), loaded once.
 */

const NOW = 1_720_000_000;
const CONTENT_WIKIS = ['enwiki', 'dewiki', 'cswiki', 'arwiki'] as const;

interface Article {
  wiki: string;
  id: number;
  /** DB key. */
  title: string;
  leadImage: string | undefined;
  counterparts: { wiki: string; title: string }[];
}

let store: Store;
let close: () => Promise<void>;
let mediaDir: string;
let files: DemoMediaFile[];
/** The repository's files' widths as stored (read from the files), by name. */
let widths: Map<string, number>;
/** Every content wiki's articles (main namespace, no redirects), by `wiki|DB key`. */
const articles = new Map<string, Article>();

beforeAll(async () => {
  ({ store, close } = await openTestStore({ migrate: true }));
  const wikis = new WikiRegistry(store.wikis);
  await wikis.reload();
  mediaDir = mkdtempSync(join(tmpdir(), 'wikiqueue-demo-media-'));
  const config = loadConfig({ media: { dir: mediaDir } }, {});
  const { seed, pages } = config.demo;
  files = generateFamily({ seed, pagesPerWiki: pages, now: NOW }).media;
  const media = createMediaService(config, store, wikis, () => NOW);
  await loadDemo(
    { store, clock: () => NOW, wikis, logger: pino({ level: 'silent' }), media },
    { seed, pagesPerWiki: pages, password: 'test-demo-password-42' },
  );
  const stored = await store.media.getMany(
    'commonswiki',
    files.map((f) => f.name),
  );
  widths = new Map(stored.map((f) => [f.name, f.width]));
  for (const wiki of CONTENT_WIKIS) {
    const pages = await store.pages.list(wiki, {
      namespace: 0,
      redirects: 'nonredirects',
      dir: 'ascending',
      limit: 10_000,
    });
    const ids = pages.map((p) => p.id);
    const props = await store.links.pageProps(wiki, ids, ['page_image_free']);
    const langlinks = await store.links.langlinksOf(wiki, ids);
    for (const p of pages) {
      articles.set(`${wiki}|${p.title}`, {
        wiki,
        id: p.id,
        title: p.title,
        leadImage: props.get(p.id)?.page_image_free,
        counterparts: (langlinks.get(p.id) ?? []).map((l) => ({
          wiki: `${l.lang}wiki`,
          title: toDbKey(l.title),
        })),
      });
    }
  }
}, 300_000);

afterAll(async () => {
  await close?.();
  if (mediaDir) rmSync(mediaDir, { recursive: true, force: true });
});

function filesOf(role: DemoMediaFile['role']): string[] {
  return files.filter((f) => f.role === role).map((f) => f.name);
}

function withLeadImage(file: string): Article[] {
  return [...articles.values()].filter((a) => a.leadImage === file);
}

/** Pages of every content wiki showing `file`, from the image_link table. */
async function pagesUsing(file: string, namespaces?: number[]): Promise<string[]> {
  const out: string[] = [];
  for (const wiki of CONTENT_WIKIS) {
    const uses = await store.links.backlinks(wiki, {
      table: 'image_link',
      targets: [{ namespace: NS_FILE, title: file }],
      ...(namespaces ? { fromNamespaces: namespaces } : {}),
      byFromNamespace: false,
      limit: 10_000,
    });
    out.push(...uses.map((u) => `${wiki}|${u.title}`));
  }
  return out;
}

/** The articles showing `file` as lead image, each with its counterparts' lead images. */
function leadWithCounterparts(file: string) {
  return withLeadImage(file).map((a) => ({
    article: `${a.wiki}|${a.title}`,
    counterparts: a.counterparts.map((c) => {
      const other = articles.get(`${c.wiki}|${c.title}`);
      expect(other, `${c.wiki}|${c.title}`).toBeDefined();
      return other?.leadImage ?? null;
    }),
  }));
}

describe('the demo’s infrastructure files', () => {
  it('shows every region’s flag on at least 10 pages', async () => {
    const flags = filesOf('flag');
    expect(flags).toHaveLength(8);
    for (const flag of flags) expect((await pagesUsing(flag)).length, flag).toBeGreaterThanOrEqual(10);
  });

  it('makes the portrait placeholder the lead image of at least 3 dewiki persons, one of them with bare counterparts', async () => {
    const placeholder = 'Portrait_placeholder.png';
    expect(filesOf('placeholder')).toContain(placeholder);
    const leads = withLeadImage(placeholder);
    expect(leads.every((a) => a.wiki === 'dewiki')).toBe(true);
    let persons = 0;
    for (const a of leads) {
      const { templates } = await store.links.getForPage('dewiki', a.id);
      if (templates.some((t) => t.namespace === NS_TEMPLATE && t.title === 'Infobox_Person')) persons++;
    }
    expect(persons).toBeGreaterThanOrEqual(3);
    expect(
      leadWithCounterparts(placeholder).some(
        (l) => l.counterparts.length > 0 && l.counterparts.every((c) => c === null),
      ),
    ).toBe(true);
  });

  it.each([
    ['the 60 px image', () => filesOf('tiny').filter((f) => widths.get(f) === 60)],
    ['the 90 px image', () => filesOf('tiny').filter((f) => widths.get(f) === 90)],
    ['the logo', () => filesOf('logo')],
    ['a flag', () => filesOf('flag').filter((f) => withLeadImage(f).length > 0)],
  ])('makes %s the lead image of exactly one article, whose counterparts have none', (_, which) => {
    const chosen = which();
    expect(chosen.length).toBeGreaterThan(0);
    for (const file of chosen) {
      const leads = leadWithCounterparts(file);
      expect(leads, file).toHaveLength(1);
      expect(leads[0]?.counterparts.length, file).toBeGreaterThan(0);
      expect(leads[0]?.counterparts, file).toEqual(leads[0]?.counterparts.map(() => null));
    }
  });

  it('has two images narrower than 100 px: one 60 px wide, the other 90 px', () => {
    expect(
      filesOf('tiny')
        .map((f) => widths.get(f))
        .sort(),
    ).toEqual([60, 90]);
  });

  it('shows the logo and every message-box icon on each wiki’s project pages, and no icon as a lead image', async () => {
    for (const file of [...filesOf('icon'), ...filesOf('logo')]) {
      const onProjectPages = await pagesUsing(file, [NS_PROJECT]);
      for (const wiki of CONTENT_WIKIS)
        expect(
          onProjectPages.filter((p) => p.startsWith(`${wiki}|`)).length,
          `${file} on ${wiki}`,
        ).toBeGreaterThan(0);
    }
    for (const icon of filesOf('icon')) expect(withLeadImage(icon), icon).toEqual([]);
  });
});

describe('the suggestion generator on the demo family', () => {
  let services: AppServices;
  /** Every served suggestion of every article, by `wiki|DB key`. */
  const served = new Map<string, SuggestionRow[]>();

  beforeAll(async () => {
    const config = loadConfig({ media: { dir: mediaDir }, jobs: { runInServer: false } }, {});
    services = await createServices({ config, store, clock: () => NOW, logger: pino({ level: 'silent' }) });
    for (const wiki of CONTENT_WIKIS) await services.suggestions.generate(wiki);
    for (const a of articles.values())
      served.set(`${a.wiki}|${a.title}`, await services.suggestions.suggestions(a.wiki, a.id));
  }, 300_000);

  const all = () => [...served.values()].flat();

  it('suggests, to every article without a lead image, each photograph its counterparts show as lead image', () => {
    // The oracle is the demo's plan: files drawn as photographs of a topic are good suggestions.
    const photos = new Set(filesOf('photo'));
    let expected = 0;
    for (const a of articles.values()) {
      if (a.leadImage !== undefined) continue;
      const wanted = a.counterparts
        .map((c) => articles.get(`${c.wiki}|${c.title}`)?.leadImage)
        .filter((f): f is string => f !== undefined && photos.has(f));
      const got = (served.get(`${a.wiki}|${a.title}`) ?? [])
        .filter((r) => r.section_heading === null)
        .map((r) => r.image);
      for (const f of wanted) expect(got, `${a.wiki}|${a.title}`).toContain(f);
      expected += wanted.length;
    }
    expect(expected).toBeGreaterThan(20);
  });

  it('suggests only files of the media repository, each at most once per article', async () => {
    const rows = all();
    const names = [...new Set(rows.map((r) => r.image))];
    const stored = await store.media.getMany('commonswiki', names);
    expect(stored.map((f) => f.name).sort()).toEqual(names.sort());
    for (const [article, list] of served) {
      expect(new Set(list.map((r) => r.image)).size, article).toBe(list.length);
      expect(new Set(list.map((r) => r.origin_wiki))).toEqual(
        new Set(list.length > 0 ? ['commonswiki'] : []),
      );
    }
  });

  it('never suggests a flag, icon, logo, placeholder, or an image narrower than 100 px', () => {
    const excluded = new Set(
      ['flag', 'icon', 'logo', 'placeholder', 'tiny'].flatMap((r) => filesOf(r as never)),
    );
    expect(excluded.size).toBeGreaterThan(10);
    const offered = all().filter((r) => excluded.has(r.image));
    expect(offered).toEqual([]);
    for (const r of all()) expect(widths.get(r.image) ?? 0, r.image).toBeGreaterThanOrEqual(100);
  });

  it('gives no article-level suggestion to an article with a lead image, and tags those it gives one', async () => {
    for (const a of articles.values()) {
      const rows = served.get(`${a.wiki}|${a.title}`) ?? [];
      const articleLevel = rows.filter((r) => r.section_heading === null);
      if (a.leadImage !== undefined) expect(articleLevel, `${a.wiki}|${a.title}`).toEqual([]);
      const tags = (await services.suggestions.tagsOf(a.wiki, [a.id])).get(a.id) ?? [];
      expect(tags.includes('recommendation.image'), `${a.wiki}|${a.title}`).toBe(articleLevel.length > 0);
    }
  });
});
