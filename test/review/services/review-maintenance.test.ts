import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_WIKI } from '../../factories/app.ts';
import { buildReviewApp, DRAFT_NS, type ReviewTestApp, type ReviewUser } from '../../factories/review.ts';
import { importQualityPredictions } from '../../../src/review/quality-predictions.ts';
import { backoffSeconds } from '../../../src/core/jobs/job-queue.ts';

/** review-queue-reference.md §10 "Maintenance" (and §4), plus the backfill and prediction import. */
const DAY = 86400;
let t: ReviewTestApp;
let writer: ReviewUser;
let patroller: ReviewUser;
let lines: string[];
const print = (line: string) => void lines.push(line);

beforeEach(async () => {
  t = await buildReviewApp();
  writer = await t.user('Maintenance writer');
  patroller = await t.user('Maintenance patroller', ['patroller']);
  lines = [];
});
afterEach(async () => t.close());

const review = async (pageId: number) =>
  t.services.review.queue.setReviewed(await patroller.actor(), { pageId, reviewed: 1 });

describe('purge of old pages', () => {
  it('prints processed 2 for two old reviewed articles and processed 0 for redirects', async () => {
    const a = await t.edit(writer, 'Old reviewed one', 'text');
    t.advance(10);
    const b = await t.edit(writer, 'Old reviewed two', 'text');
    await review(a);
    t.advance(10);
    await review(b);
    t.advance(31 * DAY);
    await t.services.review.maintenance.purgeOldPages(TEST_WIKI, print);
    expect(lines).toEqual([
      'Started processing... ',
      'cleanReviewedPagesAndUnusedNamespaces()... ',
      'processed 2 ',
      'cleanRedirects()... ',
      'processed 0 ',
      'Completed ',
    ]);
    expect(await t.queued(a)).toBeUndefined();
    expect(await t.queued(b)).toBeUndefined();
  });

  it('keeps unreviewed articles and drafts however old they are', async () => {
    const article = await t.edit(writer, 'Old unreviewed', 'text');
    const draft = await t.edit(writer, 'Draft:Old draft', 'text');
    t.advance(400 * DAY);
    await t.services.review.maintenance.purgeOldPages(TEST_WIKI, print);
    expect(await t.queued(article)).toBeDefined();
    expect(await t.queued(draft)).toBeDefined();
  });

  it('drops redirects older than the redirect age whatever their status, and keeps younger ones', async () => {
    const old = await t.edit(writer, 'Old redirect', '#REDIRECT [[Somewhere]]');
    t.advance(100 * DAY);
    const young = await t.edit(writer, 'Young redirect', '#REDIRECT [[Somewhere]]');
    t.advance(81 * DAY);
    await t.services.review.maintenance.purgeOldPages(TEST_WIKI, print);
    expect(await t.queued(old)).toBeUndefined();
    expect(await t.queued(young)).toBeDefined();
  });
});

describe('cleanup', () => {
  it('prints processing 1 and removes the row of a namespace that is no longer tracked', async () => {
    await t.setReview({ namespaces: [0, 2] });
    const userPage = await t.edit(writer, 'User:Maintenance writer/Sandbox', 'text');
    expect(await t.queued(userPage)).toBeDefined();
    await t.setReview({ namespaces: [0] });
    await t.services.review.maintenance.cleanup(TEST_WIKI, print);
    expect(lines).toEqual(['processing 1']);
    expect(await t.queued(userPage)).toBeUndefined();
  });

  it('keeps drafts, unlike the reference', async () => {
    const draft = await t.edit(writer, 'Draft:Kept draft', 'text');
    await t.services.review.maintenance.cleanup(TEST_WIKI, print);
    expect(lines).toEqual([]);
    expect(await t.queued(draft)).toBeDefined();
  });
});

describe('draft queue population', () => {
  it('says so and returns false when the wiki has no Draft namespace', async () => {
    await t.setReview({ draftNamespace: null });
    expect(await t.services.review.maintenance.populateDraftQueue(TEST_WIKI, print)).toBe(false);
    expect(lines).toEqual(['Draft namespace is not configured for this wiki.']);
  });

  it('queues 10 drafts (5 pending) but not the draft redirect, with the reference output lines', async () => {
    await t.setReview({ draftNamespace: null });
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) {
      const text = i < 5 ? `Draft ${i}\n[[Category:Pending AfC submissions]]` : `Draft ${i}`;
      ids.push(await t.edit(writer, `Draft:Waiting ${i}`, text));
    }
    const redirect = await t.edit(writer, 'Draft:Pointer', '#REDIRECT [[Draft:Waiting 0]]');
    expect(await t.queued(ids[0]!)).toBeUndefined();
    await t.setReview({ draftNamespace: DRAFT_NS });
    const n = await t.services.review.maintenance.populateDraftQueue(TEST_WIKI, print);
    expect(n).toBe(10);
    expect(lines).toEqual([
      `Processing drafts in NS ${DRAFT_NS}...`,
      '- batch 1',
      'Complete; 10 drafts processed.',
    ]);
    const rows = await t.services.review.store.reviewQueue.getMany(TEST_WIKI, ids);
    expect(rows).toHaveLength(10);
    expect(rows.filter((r) => r.metadata?.afcState === 2)).toHaveLength(5);
    expect(await t.queued(redirect)).toBeUndefined();
  });

  it('leaves reviewed drafts reviewed (the reference resets them)', async () => {
    const draft = await t.edit(writer, 'Draft:Reviewed draft', 'text');
    await t.services.review.store.reviewQueue.setStatus(TEST_WIKI, draft, {
      status: 1,
      reviewedUpdated: t.now(),
      lastReviewedBy: patroller.id,
      reviewerName: patroller.name,
    });
    await t.services.review.maintenance.populateDraftQueue(TEST_WIKI, print);
    expect(await t.queued(draft)).toMatchObject({ status: 1 });
  });
});

describe('user metadata refresh', () => {
  it('prints processed 1 for a row compiled more than a day ago and picks up the creator’s new edit count', async () => {
    const id = await t.edit(writer, 'Refreshed page', 'text');
    const before = (await t.queued(id))!.metadata!.creatorEditCount;
    await t.services.store.users.incrementEditCount(TEST_WIKI, writer.id, 5);
    t.advance(25 * 3600);
    await t.services.review.maintenance.updateUserMetadata(TEST_WIKI, print);
    expect(lines).toEqual(['Started processing... ', 'processed 1 ', 'Completed ']);
    expect((await t.queued(id))!.metadata!.creatorEditCount).toBe(before + 5);
  });
});

describe('backfill of pages the queue never saw', () => {
  it('queues existing pages with metadata, autopatrolled creators at status 3, and is idempotent', async () => {
    await t.setReview({ namespaces: [2] });
    const admin = await t.user('Backfill admin', ['sysop']);
    const plain = await t.edit(writer, 'Existed before', 'Some [[link]] text.<ref>a source</ref>');
    const trusted = await t.edit(admin, 'Admin article', 'text');
    expect(await t.queued(plain)).toBeUndefined();
    await t.setReview({ namespaces: [0] });
    const first = await t.services.review.maintenance.backfill(TEST_WIKI, {});
    expect(first.queued).toBe(2);
    expect(await t.queued(plain)).toMatchObject({ status: 0, metadata: { hasReference: true } });
    expect(await t.queued(trusted)).toMatchObject({ status: 3, reviewerName: 'Backfill admin' });
    const again = await t.services.review.maintenance.backfill(TEST_WIKI, {});
    expect(again.queued).toBe(0);
  });

  it('with a since date queues only pages created at or after it', async () => {
    await t.setReview({ namespaces: [2] });
    const old = await t.edit(writer, 'Older page', 'text');
    t.advance(10 * DAY);
    const since = t.now();
    const recent = await t.edit(writer, 'Newer page', 'text');
    await t.setReview({ namespaces: [0] });
    await t.services.review.maintenance.backfill(TEST_WIKI, { since });
    expect(await t.queued(old)).toBeUndefined();
    expect(await t.queued(recent)).toBeDefined();
  });
});

describe('quality prediction import', () => {
  const file = (content: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'wq-pred-')), 'predictions.jsonl');
    writeFileSync(path, content);
    return path;
  };

  it('applies predictions for the latest revision of queued pages and skips older revisions', async () => {
    const id = await t.edit(writer, 'Predicted', 'first');
    const oldRev = (await t.services.store.pages.getById(TEST_WIKI, id))!.latestRevId;
    await t.edit(writer, 'Predicted', 'second');
    const latest = (await t.services.store.pages.getById(TEST_WIKI, id))!.latestRevId;
    const result = await importQualityPredictions(
      t.services.review.store,
      TEST_WIKI,
      file(
        `${JSON.stringify({ rev_id: latest, articlequality: 0.4, draftquality: 'spam' })}\n` +
          `${JSON.stringify({ rev_id: oldRev, articlequality: 0.9 })}\n`,
      ),
    );
    expect(result).toEqual({ lines: 2, applied: 1, skipped: 1 });
    expect(await t.queued(id)).toMatchObject({ oresArticleQuality: 0.4, oresDraftQuality: 2 });
  });

  it('stops at a malformed line and names it', async () => {
    await expect(
      importQualityPredictions(t.services.review.store, TEST_WIKI, file('{"rev_id": 1}\nnot json\n')),
    ).rejects.toThrow(/line 2/);
  });
});

describe('maintenance scheduled by the job runner', () => {
  const OTHER_WIKI = 'otherwiki';
  const maintenanceJobs = async (status: 'queued' | 'done' | 'dead') =>
    (await t.services.store.jobs.list({ type: 'review:maintenance', status, limit: 100 }))
      .map((j) => ({ task: String(j.payload.task), wiki: j.wiki }))
      .sort((a, b) => a.task.localeCompare(b.task) || a.wiki.localeCompare(b.wiki));
  const reviewSchedules = async () =>
    (await t.worker.scheduler.list())
      .filter((s) => s.owner === 'review')
      .map((s) => ({ task: s.task, wiki: s.wiki, nextRunAt: s.nextRunAt }));
  /** The schedules, due `every` seconds after `from`: per wiki, and once for the shared compaction. */
  const nextRuns = (from: number) => [
    { task: 'compact', wiki: '', nextRunAt: from + 3600 },
    { task: 'purge', wiki: OTHER_WIKI, nextRunAt: from + 2 * DAY },
    { task: 'purge', wiki: TEST_WIKI, nextRunAt: from + 2 * DAY },
    { task: 'update-users', wiki: OTHER_WIKI, nextRunAt: from + DAY },
    { task: 'update-users', wiki: TEST_WIKI, nextRunAt: from + DAY },
  ];

  beforeEach(async () => {
    await t.services.wikis.upsert(
      { ...t.services.wikis.get(TEST_WIKI).info, id: OTHER_WIKI, sitename: 'Other wiki' },
      t.services.clock(),
    );
  });

  it('keeps one schedule per task and wiki however often serve starts, runs each task once when due, and moves it on', async () => {
    const start = t.services.clock();
    const reviewed = await t.edit(writer, 'Scheduled purge victim', 'text');
    await review(reviewed);
    t.advance(60);
    await t.worker.scheduler.scheduleAll();
    await t.worker.scheduler.scheduleAll();
    expect(await reviewSchedules()).toEqual(nextRuns(start));
    expect(await maintenanceJobs('queued')).toEqual([]);

    // Past the reviewed-article retention (30 days) and every task's due time.
    t.advance(31 * DAY);
    const now = t.services.clock();
    await t.drain();
    expect(await t.queued(reviewed)).toBeUndefined();
    expect(await maintenanceJobs('dead')).toEqual([]);
    expect(await maintenanceJobs('done')).toEqual([
      { task: 'compact', wiki: '' },
      { task: 'purge', wiki: OTHER_WIKI },
      { task: 'purge', wiki: TEST_WIKI },
      { task: 'update-users', wiki: OTHER_WIKI },
      { task: 'update-users', wiki: TEST_WIKI },
    ]);
    expect(await reviewSchedules()).toEqual(nextRuns(now));
    await t.drain();
    expect(await maintenanceJobs('done')).toHaveLength(5);
  });

  it('retries a failed run, and the schedule goes on', async () => {
    await t.worker.scheduler.scheduleAll();
    const maintenance = t.services.review.maintenance;
    maintenance.purgeOldPages = async () => {
      throw new Error('disk full');
    };
    t.advance(3 * DAY);
    const now = t.services.clock();
    await t.drain();
    const queued = await t.services.store.jobs.list({
      type: 'review:maintenance',
      status: 'queued',
      limit: 100,
    });
    expect(queued.map((j) => [j.payload.task, j.wiki, j.runAfter, j.lastError]).sort()).toEqual([
      ['purge', OTHER_WIKI, now + backoffSeconds(1), expect.stringMatching(/disk full/)],
      ['purge', TEST_WIKI, now + backoffSeconds(1), expect.stringMatching(/disk full/)],
    ]);
    const purges = (await reviewSchedules()).filter((s) => s.task === 'purge');
    expect(purges.map((s) => s.nextRunAt)).toEqual([now + 2 * DAY, now + 2 * DAY]);
  });
});
