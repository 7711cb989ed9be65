import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultNamespaces } from '../../src/core/domain/namespaces.ts';
import { runJobsUntilIdle } from '../../src/core/jobs/jobs-cli.ts';
import { createWorker } from '../../src/create-worker.ts';
import { uuidTime } from '../../src/suggestions/domain/image-suggestion.ts';
import {
  TAG_IMAGE,
  TAG_SECTION_IMAGE,
  type SuggestionRow,
  type SuggestionsService,
} from '../../src/suggestions/suggestions-service.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileCache, type WikiPlan } from '../../src/suggestions/generator/article-facts.ts';
import type { SuggestionsStore } from '../../src/suggestions/store/suggestions-store.ts';
import { buildTestApp, type TestApp } from '../factories/app.ts';
import { runCli } from '../factories/cli.ts';
import { addMediaRepo, bitmap, svgDrawing, uploadFiles } from '../factories/media.ts';

/**
 * The suggestion generator on purpose-built wikis (image-suggestions-and-page-queue.md §2): three
 * language editions, a media repository with real files, and pages whose counterparts' lead
 * images are good suggestions, or files the filter must drop (a flag used on every page, an SVG
 * logo, a 60-pixel-wide image).
 */
let t: TestApp;
let suggestions: SuggestionsService;
const ids: Record<string, number> = {};

async function addWiki(id: string, lang: string): Promise<void> {
  await t.services.wikis.upsert(
    {
      id,
      lang,
      sitename: id,
      baseUrl: '',
      namespaces: defaultNamespaces(),
      isMediaRepo: false,
      source: 'local',
      settings: {},
    },
    t.now(),
  );
}

async function edit(wiki: string, title: string, text: string): Promise<number> {
  const actor = await t.services.accounts.actorFor(wiki, undefined, '127.0.0.1');
  const saved = await t.services.wikiSources.for(wiki).edit(actor, { title, text });
  ids[`${wiki}:${title}`] = saved.pageid;
  t.advance(1);
  return saved.pageid;
}

const images = (rows: SuggestionRow[]) => rows.map((r) => r.image).sort();
const FLAG_USERS = 12;

beforeEach(async () => {
  t = await buildTestApp({ wikis: ['enwiki'], sharedStore: true });
  suggestions = t.services.suggestions;
  await addWiki('dewiki', 'de');
  await addWiki('cswiki', 'cs');
  await addMediaRepo(t);
  await uploadFiles(t, [
    { name: 'Alpha_photo.jpg', bytes: await bitmap(800, 600, 'jpeg') },
    { name: 'Alpha_old_town.jpg', bytes: await bitmap(640, 480, 'jpeg') },
    { name: 'Beta_photo.jpg', bytes: await bitmap(1024, 768, 'jpeg') },
    { name: 'Red_banner.png', bytes: await bitmap(600, 400, 'png') },
    { name: 'Acme_corporate_mark.svg', bytes: svgDrawing(400, 400) },
    { name: 'Delta_small.png', bytes: await bitmap(60, 45, 'png') },
    { name: 'Epsilon_photo.jpg', bytes: await bitmap(900, 600, 'jpeg') },
  ]);
  // English: articles without images, sections without images.
  await edit('enwiki', 'Alpha', 'Alpha is a town.\n== History ==\nOld.\n[[de:Alpha]]\n[[cs:Alfa]]');
  await edit('enwiki', 'Beta', 'Beta is a town.\n[[de:Beta]]');
  await edit('enwiki', 'Gamma', 'Gamma is a company.\n[[cs:Gama]]');
  await edit('enwiki', 'Delta', 'Delta is a river.\n[[de:Delta]]');
  await edit('enwiki', 'Epsilon', 'Epsilon is a mountain.\n[[cs:Epsilon]]');
  await edit('enwiki', 'List of alphas', 'A list.\n[[de:Alpha]]');
  await edit('enwiki', 'Alpha (disambiguation)', 'Alpha may mean:\n__DISAMBIG__\n[[de:Alpha]]');
  // German and Czech counterparts.
  await edit(
    'dewiki',
    'Alpha',
    '[[File:Alpha photo.jpg|thumb|Alpha]] Alpha ist eine Stadt.\n== Geschichte ==\n[[File:Alpha old town.jpg|thumb|Altstadt]]\nAlt.',
  );
  await edit('cswiki', 'Alfa', '[[File:Alpha photo.jpg|thumb|Alfa]] Alfa je město.');
  await edit('dewiki', 'Beta', '[[File:Red banner.png|thumb|Banner]] Beta ist eine Stadt.');
  await edit('cswiki', 'Gama', '[[File:Acme corporate mark.svg|thumb|Logo]] Gama je firma.');
  await edit('dewiki', 'Delta', '[[File:Delta small.png|thumb|Delta]] Delta ist ein Fluss.');
  await edit('cswiki', 'Epsilon', 'Epsilon je hora.');
  // The banner is on every page of the family, like a flag in every settlement's infobox.
  for (let i = 0; i < FLAG_USERS; i++)
    await edit(
      'dewiki',
      `Ort ${i}`,
      `Ort ${i} ist ein Ort.\n== Lage ==\n[[File:Red banner.png|20px]] Region`,
    );
});

afterEach(() => t.close());

describe('a full run', () => {
  it('suggests the lead images of the interlanguage counterparts, deduplicated, with found_on, kind and confidence', async () => {
    const run = await suggestions.generate('enwiki');
    expect(uuidTime(run.datasetId)).toBeGreaterThan(0);
    const rows = await suggestions.suggestions('enwiki', ids['enwiki:Alpha'] as number);
    const lead = rows.filter((r) => r.section_heading === null);
    expect(lead).toEqual([
      {
        wiki: 'enwiki',
        page_id: ids['enwiki:Alpha'],
        id: run.datasetId,
        image: 'Alpha_photo.jpg',
        origin_wiki: 'commonswiki',
        confidence: 0.75,
        found_on: ['cswiki', 'dewiki'],
        kind: ['istype-lead-image'],
        page_rev: expect.any(Number) as number,
        section_heading: null,
        section_index: null,
        page_qid: null,
      },
    ]);
  });

  it('suggests the image of the aligned section of another language for a section without one', async () => {
    await suggestions.generate('enwiki');
    const rows = await suggestions.suggestions('enwiki', ids['enwiki:Alpha'] as number);
    expect(rows.filter((r) => r.section_heading !== null)).toMatchObject([
      {
        image: 'Alpha_old_town.jpg',
        section_heading: 'History',
        section_index: 1,
        kind: ['istype-section-alignment'],
        found_on: ['dewiki'],
        confidence: 0.5,
      },
    ]);
    const tags = await suggestions.tagsOf('enwiki', [ids['enwiki:Alpha'] as number]);
    expect(tags.get(ids['enwiki:Alpha'] as number)).toEqual([TAG_IMAGE, TAG_SECTION_IMAGE]);
  });

  it('never suggests a flag used on every page, an SVG logo or a 60-pixel-wide image', async () => {
    // Preconditions: each is its counterpart's lead image, so only the filter keeps it out.
    const props = async (wiki: string, title: string) =>
      (await t.services.store.links.pageProps(wiki, [ids[`${wiki}:${title}`] as number])).get(
        ids[`${wiki}:${title}`] as number,
      );
    expect((await props('dewiki', 'Beta'))?.page_image_free).toBe('Red_banner.png');
    expect((await props('cswiki', 'Gama'))?.page_image_free).toBe('Acme_corporate_mark.svg');
    expect((await props('dewiki', 'Delta'))?.page_image_free).toBe('Delta_small.png');
    await suggestions.generate('enwiki');
    for (const title of ['Beta', 'Gamma', 'Delta'])
      expect(await suggestions.suggestions('enwiki', ids[`enwiki:${title}`] as number)).toEqual([]);
  });

  it('gives lists and disambiguation pages nothing, nor articles whose counterparts have no lead image', async () => {
    await suggestions.generate('enwiki');
    for (const title of ['List of alphas', 'Alpha (disambiguation)', 'Epsilon'])
      expect(await suggestions.suggestions('enwiki', ids[`enwiki:${title}`] as number)).toEqual([]);
    expect(await suggestions.pagesWithTag('enwiki', TAG_IMAGE, 0, 50)).toEqual([ids['enwiki:Alpha']]);
  });

  it('serves only the newest dataset after a second run', async () => {
    const first = await suggestions.generate('enwiki');
    const second = await suggestions.generate('enwiki');
    expect(second.datasetId).not.toBe(first.datasetId);
    const rows = await suggestions.suggestions('enwiki', ids['enwiki:Alpha'] as number);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set([second.datasetId]));
    expect(await suggestions.deleteSupersededDatasets()).toBe(0);
  });

  it('resumes an interrupted run with the same dataset and ends with what an uninterrupted run finds', async () => {
    let batches = 0;
    await expect(
      suggestions.generate('enwiki', {
        batchSize: 2,
        onProgress: () => {
          if (++batches === 3) throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    const resumed = await suggestions.generate('enwiki', { batchSize: 2 });
    expect(resumed.resumed).toBe(true);
    expect(resumed.pages).toBe(7);
    const rows = await suggestions.suggestions('enwiki', ids['enwiki:Alpha'] as number);
    expect(rows.map((r) => r.id)).toEqual([resumed.datasetId, resumed.datasetId]);
    const fresh = await suggestions.generate('enwiki');
    expect(fresh.resumed).toBe(false);
    expect([fresh.suggestedPages, fresh.suggestions, fresh.sectionSuggestions]).toEqual([
      resumed.suggestedPages,
      resumed.suggestions,
      resumed.sectionSuggestions,
    ]);
  });

  it('runs as `wikiqueue suggestions generate --wiki W` with progress on stderr and a summary line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wq-generate-'));
    try {
      const config = join(dir, 'server.config.json');
      writeFileSync(config, JSON.stringify({ databaseUrl: t.databaseUrl }));
      const run = await runCli(['--config', config, 'suggestions', 'generate', '--wiki', 'enwiki'], {
        cwd: dir,
      });
      expect(run.status).toBe(0);
      expect(run.stderr).toContain('suggestions generate: 7/7 pages');
      expect(run.stdout).toMatch(
        /^suggestions generate: enwiki dataset [0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}: 7 pages, 1 with suggestions, 1 article-level and 1 section-level suggestions in \d+\.\d s\n$/,
      );
      const dataset = /dataset (\S+):/.exec(run.stdout)?.[1];
      const rows = await suggestions.suggestions('enwiki', ids['enwiki:Alpha'] as number);
      expect(rows.map((r) => r.id)).toEqual([dataset, dataset]);
      const refused = await runCli(['--config', config, 'suggestions', 'generate', '--wiki', 'commonswiki'], {
        cwd: dir,
      });
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('suggestions-unavailable');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses the media repository', async () => {
    await expect(suggestions.generate('commonswiki')).rejects.toMatchObject({
      code: 'suggestions-unavailable',
    });
  });
});

describe('the file cache of a run', () => {
  it('still finds every file of a batch after it was full and started over', async () => {
    const cache = new FileCache(undefined, 3);
    const plan = { mediaRepo: 'commonswiki', family: ['enwiki', 'dewiki', 'cswiki'] } as WikiPlan;
    const store = t.services.store as unknown as SuggestionsStore;
    expect(
      [...(await cache.load(store, plan, ['Alpha_photo.jpg', 'Beta_photo.jpg'], 100)).keys()].sort(),
    ).toEqual(['Alpha_photo.jpg', 'Beta_photo.jpg']);
    // Two cached and two new: more than the cache holds, so it starts over with the whole batch.
    const next = await cache.load(
      store,
      plan,
      ['Alpha_photo.jpg', 'Beta_photo.jpg', 'Red_banner.png', 'Nope.jpg'],
      FLAG_USERS + 1,
    );
    expect([...next.keys()].sort()).toEqual(['Alpha_photo.jpg', 'Beta_photo.jpg', 'Red_banner.png']);
    expect(next.get('Red_banner.png')?.overused).toBe(true);
    expect(next.get('Alpha_photo.jpg')?.overused).toBe(false);
  });

  it('decides "overused" alike from per-file counts and from the scan a full run makes', async () => {
    const plan = { mediaRepo: 'commonswiki', family: ['enwiki', 'dewiki', 'cswiki'] } as WikiPlan;
    const store = t.services.store as unknown as SuggestionsStore;
    const names = ['Alpha_photo.jpg', 'Red_banner.png'];
    // The banner is used on FLAG_USERS + 1 pages, all of dewiki.
    for (const threshold of [FLAG_USERS, FLAG_USERS + 1, FLAG_USERS + 2]) {
      const scanned = await store.links.filesUsedOnAtLeast(plan.family, threshold);
      const counted = await new FileCache().load(store, plan, names, threshold);
      const fromScan = await new FileCache(scanned).load(store, plan, names, threshold);
      const expected = threshold <= FLAG_USERS + 1;
      expect([counted.get('Red_banner.png')?.overused, fromScan.get('Red_banner.png')?.overused]).toEqual([
        expected,
        expected,
      ]);
      expect(fromScan.get('Alpha_photo.jpg')?.overused).toBe(false);
    }
  });
});

describe('incremental updates from the event log', () => {
  it('drops the suggestions of an article that gains a lead image, and its tag', async () => {
    await suggestions.generate('enwiki');
    const worker = createWorker(t.services);
    await runJobsUntilIdle(worker, { print: () => {} });
    const alpha = ids['enwiki:Alpha'] as number;
    expect(images(await suggestions.suggestions('enwiki', alpha))).toEqual([
      'Alpha_old_town.jpg',
      'Alpha_photo.jpg',
    ]);
    await edit(
      'enwiki',
      'Alpha',
      '[[File:Alpha photo.jpg|thumb|Alpha]] Alpha is a town.\n== History ==\nOld.\n[[de:Alpha]]\n[[cs:Alfa]]',
    );
    await runJobsUntilIdle(worker, { print: () => {} });
    // The lead image is in place: only the section suggestion is left.
    expect(images(await suggestions.suggestions('enwiki', alpha))).toEqual(['Alpha_old_town.jpg']);
    expect((await suggestions.tagsOf('enwiki', [alpha])).get(alpha)).toEqual([TAG_SECTION_IMAGE]);
    // Each change of the page's tags is an event a task search follows.
    const events = await t.services.store.outbox.readAfter(0, 10_000, ['wikiqueue.image-suggestion-tags']);
    expect(
      events
        .filter((e) => e.wiki === 'enwiki' && e.payload.page_id === alpha)
        .map((e) => [e.payload.prior_state, e.payload.tags]),
    ).toEqual([
      [{ tags: [] }, [TAG_IMAGE, TAG_SECTION_IMAGE]],
      [{ tags: [TAG_IMAGE, TAG_SECTION_IMAGE] }, [TAG_SECTION_IMAGE]],
    ]);
  });

  it('suggests a counterpart’s new lead image to the articles linking to it', async () => {
    const worker = createWorker(t.services);
    await runJobsUntilIdle(worker, { print: () => {} });
    const epsilon = ids['enwiki:Epsilon'] as number;
    expect(await suggestions.suggestions('enwiki', epsilon)).toEqual([]);
    await edit('cswiki', 'Epsilon', '[[File:Epsilon photo.jpg|thumb|Hora]] Epsilon je hora.');
    await runJobsUntilIdle(worker, { print: () => {} });
    expect(await suggestions.suggestions('enwiki', epsilon)).toMatchObject([
      { image: 'Epsilon_photo.jpg', found_on: ['cswiki'], kind: ['istype-lead-image'] },
    ]);
  });

  it('removes the suggestions of a deleted article', async () => {
    await suggestions.generate('enwiki');
    const worker = createWorker(t.services);
    const alpha = ids['enwiki:Alpha'] as number;
    const admin = await t.services.accounts.createAccount('enwiki', 'Admin', 'admin password 1', {
      groups: ['sysop'],
    });
    const actor = await t.services.accounts.actorForUser('enwiki', admin.id);
    await t.services.wikiSources.for('enwiki').delete(actor, { title: 'Alpha', reason: 'test' });
    await runJobsUntilIdle(worker, { print: () => {} });
    expect(await suggestions.suggestions('enwiki', alpha)).toEqual([]);
    expect(await suggestions.tagsOf('enwiki', [alpha])).toEqual(new Map());
  });
});
