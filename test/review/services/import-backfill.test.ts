import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backfillJobTypes } from '../../../src/create-worker.ts';
import { DumpImporter } from '../../../src/wiki-source/local/dump-import.ts';
import { ApiClient } from '../../factories/app.ts';
import { buildReviewApp, type ReviewTestApp } from '../../factories/review.ts';

const dump = resolve('test/fixtures/dumps/export-0.10.xml');

/** Page ids of a wiki's review queue, every state, as pagetriagelist lists them. */
async function listed(t: ReviewTestApp, wiki: string): Promise<number[]> {
  const res = await new ApiClient(t, `/${wiki}/w/api.php`).get({
    action: 'pagetriagelist',
    formatversion: '2',
    showreviewed: '1',
    showunreviewed: '1',
    showredirs: '1',
    showothers: '1',
    limit: '200',
  });
  const body = res.json.pagetriagelist as { pages: { pageid: string }[] } | undefined;
  if (!body) throw new Error(res.body);
  return body.pages.map((p) => Number(p.pageid)).sort((a, b) => a - b);
}

describe('a dump import feeds the subsystems', () => {
  let t: ReviewTestApp;
  beforeEach(async () => {
    t = await buildReviewApp();
  });
  afterEach(async () => t.close());

  it('queues one backfill job per subsystem and batch in the batch transaction, none again on a rerun', async () => {
    const importer = new DumpImporter(t.services);
    const types = backfillJobTypes(t.services);
    // Every subsystem that takes existing pages in: review, suggestions, suggested edits, the page queue.
    expect(types).toEqual([
      'review:backfill',
      'suggestions:backfill',
      'tasks:backfill',
      'pagequeue:backfill',
    ]);
    const result = await importer.import(dump, { batchSize: 2, backfillJobTypes: types });
    const pages = await t.services.store.pages.list(result.wiki, {
      namespace: 0,
      dir: 'ascending',
      limit: 50,
    });
    for (const type of types) {
      const jobs = await t.services.store.jobs.list({ type, limit: 100 });
      // 5 pages in batches of 2: three batches, and every imported page in exactly one of them.
      expect(jobs, type).toHaveLength(3);
      const ids = jobs.flatMap((j) => j.payload.pageIds as number[]).sort((a, b) => a - b);
      for (const p of pages) expect(ids).toContain(p.id);
      expect(new Set(ids).size).toBe(5);
    }
    await importer.import(dump, { batchSize: 2, backfillJobTypes: types });
    for (const type of types) expect(await t.services.store.jobs.list({ type, limit: 100 })).toHaveLength(3);
  });

  it('gives the same queue as review enqueue --all, without running it', async () => {
    const result = await new DumpImporter(t.services).import(dump, {
      backfillJobTypes: backfillJobTypes(t.services),
    });
    await t.drain();
    const byImport = await listed(t, result.wiki);
    expect(byImport.length).toBeGreaterThan(0);

    // The oracle: the same dump imported without backfill, then `review enqueue --all`.
    const other = await buildReviewApp();
    try {
      const plain = await new DumpImporter(other.services).import(dump, {});
      await other.drain();
      expect(await listed(other, plain.wiki)).toEqual([]);
      await other.services.review.maintenance.backfill(plain.wiki);
      expect(await listed(other, plain.wiki)).toEqual(byImport);
    } finally {
      await other.close();
    }
  });

  it('lists a page created on the imported wiki afterwards', async () => {
    const result = await new DumpImporter(t.services).import(dump, {
      backfillJobTypes: backfillJobTypes(t.services),
    });
    await t.drain();
    const before = await listed(t, result.wiki);
    const writer = await t.services.accounts.createAccount(
      result.wiki,
      'Importer Newcomer',
      'a long password',
    );
    const session = await t.services.accounts.openSession(result.wiki, writer.id);
    const actor = await t.services.accounts.actorFor(result.wiki, session.id, '127.0.0.1');
    const saved = await t.services.wikiSources.for(result.wiki).edit(actor, {
      title: 'Jauns rakstīņs',
      text: 'Jauns rakstīņs.',
    });
    await t.drain();
    expect(await listed(t, result.wiki)).toEqual([...before, saved.pageid].sort((a, b) => a - b));
  });
});
