import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RowReport } from '../../src/suggestions/suggestions-service.ts';
import { buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';
import { runCli } from '../factories/cli.ts';
import { DATASETS, suggestionRow } from '../factories/suggestions.ts';

/**
 * `wikiqueue suggestions import FILE`: production rows as JSON lines, each checked on its own,
 * bad ones reported and skipped; importing again adds nothing.
 */
vi.setConfig({ testTimeout: 180_000 });

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await buildTestApp({ wikis: [TEST_WIKI, 'cswiki'], sharedStore: true });
  dir = mkdtempSync(join(tmpdir(), 'wq-suggestions-'));
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Seed 001's row as the gateway answered it (legacy confidence 80). */
const seedRow = {
  wiki: 'cswiki',
  page_id: 311675,
  id: '644c90bc-ba40-11ec-ba4c-f0d4e2e69820',
  image: 'Anestis_Delias_rebetiko_musician_about_1933.jpg',
  confidence: 80,
  found_on: null,
  kind: ['istype-commons-category'],
  origin_wiki: 'commonswiki',
  page_rev: 20265888,
};

function writeLines(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  return file;
}

const read = (wiki: string, page: number) =>
  t.app
    .inject({ method: 'GET', url: `/public/image_suggestions/suggestions/${wiki}/${page}` })
    .then((r) => r.json());

describe('suggestions import', () => {
  it('keeps the good rows, reports each bad one by line and field, and rescales a 0–100 confidence', async () => {
    const file = writeLines('mixed.jsonl', [
      JSON.stringify(seedRow),
      JSON.stringify({ ...seedRow, image: 'Babis_Tsertos.jpg', confidence: 0.7 }),
      '{"wiki": "cswiki", not json',
      JSON.stringify({ ...seedRow, image: 'No id.jpg' }),
      JSON.stringify({ ...seedRow, id: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f' }),
      JSON.stringify({ ...seedRow, confidence: 250 }),
      JSON.stringify({ ...seedRow, wiki: 'plwiki' }),
      '',
      JSON.stringify({ ...seedRow, kind: [] }),
      JSON.stringify({
        ...seedRow,
        page_id: 12,
        image: 'Section.jpg',
        section_heading: 'Život',
        section_index: 1,
      }),
    ]);
    const bad: RowReport[] = [];
    const summary = await t.services.suggestions.importFile(file, { batch: 3, onBadRow: (r) => bad.push(r) });
    expect(bad.map((r) => [r.line, r.field])).toEqual([
      [3, '(row)'],
      [4, 'image'],
      [5, 'id'],
      [6, 'confidence'],
      [7, 'wiki'],
      [9, 'kind'],
    ]);
    expect(bad.every((r) => r.reason.length > 0)).toBe(true);
    expect(summary).toEqual({ lines: 9, added: 3, alreadyStored: 0, bad: 6, rescaled: 2, resumedAfter: 0 });
    const { rows } = await read('cswiki', 311675);
    expect(rows.map((r: { image: string; confidence: number }) => [r.image, r.confidence])).toEqual([
      ['Anestis_Delias_rebetiko_musician_about_1933.jpg', 0.8],
      ['Babis_Tsertos.jpg', 0.7],
    ]);
    expect((await read('cswiki', 12)).rows[0]).toMatchObject({ section_heading: 'Život', section_index: 1 });
  });

  it('adds nothing when the same rows come again, from the same file or a copy', async () => {
    const file = writeLines('again.jsonl', [JSON.stringify({ ...seedRow, page_id: 20 })]);
    expect((await t.services.suggestions.importFile(file, {})).added).toBe(1);
    const again = await t.services.suggestions.importFile(file, {});
    expect(again).toMatchObject({ lines: 0, added: 0, resumedAfter: 1 });
    const copy = join(dir, 'copy.jsonl');
    copyFileSync(file, copy);
    expect(await t.services.suggestions.importFile(copy, {})).toMatchObject({
      lines: 1,
      added: 0,
      alreadyStored: 1,
    });
    expect((await read('cswiki', 20)).rows).toHaveLength(1);
  });

  it('resumes an interrupted import after its last committed batch', async () => {
    const file = writeLines(
      'interrupted.jsonl',
      [1, 2, 3, 4, 5].map((n) => JSON.stringify({ ...seedRow, page_id: 60, image: `File_${n}.jpg` })),
    );
    await expect(
      t.services.suggestions.importFile(file, {
        batch: 2,
        onProgress: () => {
          throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    expect((await read('cswiki', 60)).rows).toHaveLength(2);
    const resumed = await t.services.suggestions.importFile(file, { batch: 2 });
    expect(resumed).toMatchObject({ resumedAfter: 2, lines: 3, added: 3, alreadyStored: 0 });
    expect((await read('cswiki', 60)).rows).toHaveLength(5);
  });

  it('refuses --wiki naming a wiki this service does not serve', async () => {
    const file = writeLines('nowiki.jsonl', [JSON.stringify(seedRow)]);
    await expect(t.services.suggestions.importFile(file, { wiki: 'plwiki' })).rejects.toMatchObject({
      code: 'nosuchwiki',
    });
  });

  it('with --wiki, gives rows without a wiki that wiki and refuses rows of another', async () => {
    const { wiki: _omit, ...noWiki } = seedRow;
    const file = writeLines('wiki.jsonl', [
      JSON.stringify({ ...noWiki, page_id: 30 }),
      JSON.stringify({ ...seedRow, wiki: TEST_WIKI, page_id: 30 }),
    ]);
    const bad: RowReport[] = [];
    const s = await t.services.suggestions.importFile(file, { wiki: 'cswiki', onBadRow: (r) => bad.push(r) });
    expect(s).toMatchObject({ added: 1, bad: 1 });
    expect(bad).toEqual([{ line: 2, field: 'wiki', reason: `is ${TEST_WIKI}, not cswiki` }]);
  });

  it('a newer dataset imported next to an older one is the one served', async () => {
    const file = writeLines('newer.jsonl', [
      JSON.stringify({ ...seedRow, page_id: 40, image: 'Old.jpg' }),
      JSON.stringify({ ...seedRow, page_id: 40, image: 'New.jpg', id: DATASETS.june2024 }),
    ]);
    await t.services.suggestions.importFile(file, {});
    expect((await read('cswiki', 40)).rows.map((r: { image: string }) => r.image)).toEqual(['New.jpg']);
    expect(await t.services.suggestions.deleteSupersededDatasets()).toBeGreaterThanOrEqual(1);
    expect((await read('cswiki', 40)).rows.map((r: { image: string }) => r.image)).toEqual(['New.jpg']);
  });

  it('runs as `wikiqueue suggestions import` with a summary line and bad rows on stderr', async () => {
    const config = join(dir, 'server.config.json');
    writeFileSync(config, JSON.stringify({ databaseUrl: t.databaseUrl }));
    const file = writeLines('cli.jsonl', [
      JSON.stringify(suggestionRow({ wiki: 'cswiki', page_id: 50, confidence: 0.3 })),
      JSON.stringify({ ...seedRow, page_id: 50, image: 'Second.jpg' }),
      JSON.stringify({ ...seedRow, page_id: 'fifty' }),
    ]);
    const run = await runCli(['--config', config, 'suggestions', 'import', file], { cwd: dir });
    expect(run.stderr).toContain('line 3: page_id: not a positive integer');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      'suggestions import: 2 rows added, 0 already stored, 1 bad rows skipped of 3 lines; ' +
        '1 confidences on the legacy 0–100 scale divided by 100\n',
    );
    const rerun = await runCli(['--config', config, 'suggestions', 'import', file], { cwd: dir });
    expect(rerun.stdout).toContain('0 rows added');
    expect((await read('cswiki', 50)).rows).toHaveLength(2);
  });
});
