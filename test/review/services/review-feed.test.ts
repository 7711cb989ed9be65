import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPagesFilter } from '../../../src/review/domain/queue-filter.ts';
import type { Feed, FeedRequest } from '../../../src/review/review-feed.ts';
import { TEST_WIKI } from '../../factories/app.ts';
import {
  buildReviewApp,
  DRAFT_NS,
  postAction,
  type ReviewTestApp,
  type ReviewUser,
} from '../../factories/review.ts';

/** ReviewFeed: what pagetriagelist and prop=isreviewed read, called without HTTP. */
let t: ReviewTestApp;
let sysop: ReviewUser;
beforeAll(async () => {
  t = await buildReviewApp();
  sysop = await t.user('Admin', ['sysop']);
});
afterAll(async () => t.close());

const feed = (request: FeedRequest, viewerId = 0): Promise<Feed> =>
  t.services.review.feed.list(TEST_WIKI, request, viewerId);
const onePage = async (pageId: number, viewerId = 0) => {
  const { pages } = await feed({ pageId }, viewerId);
  expect(pages).toHaveLength(1);
  return pages[0]!;
};
const byCreator = (username: string, namespace = 0): FeedRequest => ({
  query: {
    filter: { ...allPagesFilter(namespace), username },
    sort: 'newestfirst',
    limit: 20,
  },
});

describe('ReviewFeed.list', () => {
  it('lists the queue in the requested order with the compiled rows', async () => {
    const u = await t.user('Feed lister');
    const first = await t.edit(u, 'Feed first', 'One.');
    t.advance(60);
    const second = await t.edit(u, 'Feed second', 'Two.');
    const { pages, pagesMissingMetadata } = await feed(byCreator('Feed lister'));
    expect(pages.map((p) => p.queued.pageId)).toEqual([second, first]);
    expect(pages.map((p) => p.queued.metadata.creatorName)).toEqual(['Feed lister', 'Feed lister']);
    expect(pagesMissingMetadata).toEqual([]);
  });

  it('gives a redirect the target stored in the redirect table, not one read from its text', async () => {
    const u = await t.user('Feed redirector');
    const id = await t.edit(u, 'Feed pointer', '#REDIRECT [[Draft:Somewhere]]');
    expect((await onePage(id)).redirectTarget?.prefixedText).toBe('Draft:Somewhere');
    await t.services.store.redirects.setMany(TEST_WIKI, [
      { pageId: id, target: { namespace: 4, title: 'Stored_elsewhere', fragment: '', interwiki: '' } },
    ]);
    expect((await onePage(id)).redirectTarget?.prefixedText).toBe('Project:Stored elsewhere');
  });

  it('gives no target to an interwiki redirect or to an article', async () => {
    const u = await t.user('Feed interwiki');
    const redirect = await t.edit(u, 'Feed dictionary word', '#REDIRECT [[wikt:word]]');
    const article = await t.edit(u, 'Feed article', 'Text.');
    expect((await onePage(redirect)).redirectTarget).toBeNull();
    expect((await onePage(article)).redirectTarget).toBeNull();
  });

  it('tells which of the creator’s and reviewer’s user and talk pages exist', async () => {
    const u = await t.user('Feed creator');
    await t.edit(u, 'User:Feed creator', 'About me.');
    await t.edit(sysop, 'User talk:Admin', 'Messages.');
    const id = await t.edit(u, 'Feed reviewed page', 'Text.');
    expect(await onePage(id)).toMatchObject({
      creatorPages: { userPage: true, talkPage: false },
      reviewerPages: null,
    });
    const res = await postAction(sysop.api, 'pagetriageaction', { pageid: String(id), reviewed: '1' });
    expect(res.json.pagetriageaction).toMatchObject({ result: 'success' });
    expect((await onePage(id)).reviewerPages).toEqual({ userPage: false, talkPage: true });
  });

  it('shifts the creation time by the viewer’s time correction; an anonymous viewer gets UTC', async () => {
    const u = await t.user('Feed zone viewer');
    await t.services.store.users.setOptions(TEST_WIKI, u.id, { timecorrection: 'Offset|-150' });
    const id = await t.edit(u, 'Feed timed page', 'Text.');
    const created = (await t.queued(id))!.createdAt;
    expect((await onePage(id, u.id)).createdAtForViewer).toBe(created - 150 * 60);
    expect((await onePage(id, 0)).createdAtForViewer).toBe(created);
  });

  it('adds the page details only in page_id mode', async () => {
    const u = await t.user('Feed detailer');
    const id = await t.edit(u, 'Draft:Feed detailed', 'Text.');
    await t.edit(u, 'Draft talk:Feed detailed', 'A note.', { tags: ['pagetriage'] });
    expect((await feed(byCreator('Feed detailer', DRAFT_NS))).pages.map((p) => p.details)).toEqual([null]);
    const { details } = await onePage(id);
    expect(details).toMatchObject({ talkPageFeedbackCount: 1, isOrphan: true, noindex: false });
    expect(details?.talkPage?.prefixedText).toBe('Draft talk:Feed detailed');
  });

  it('leaves out a row without metadata, names it and queues one compile job for it', async () => {
    const u = await t.user('Feed uncompiled');
    const saved = await t.services.wikiSources
      .for(TEST_WIKI)
      .edit(await u.actor(), { title: 'Feed uncompiled', text: 'x' });
    const page = (await t.services.store.pages.getById(TEST_WIKI, saved.pageid))!;
    await t.services.review.store.reviewQueue.insert({
      wiki: TEST_WIKI,
      pageId: page.id,
      namespace: 0,
      title: page.title,
      isRedirect: false,
      status: 0,
      createdAt: page.createdAt,
      reviewedUpdated: page.createdAt,
      lastReviewedBy: 0,
      reviewerName: '',
    });
    await feed({ pageId: page.id });
    expect(await feed({ pageId: page.id })).toEqual({ pages: [], pagesMissingMetadata: [page.id] });
    const jobs = await t.services.store.jobs.list({ status: 'queued', type: 'review:compile', limit: 100 });
    expect(jobs.filter((j) => j.payload.pageId === page.id)).toHaveLength(1);
    await t.drain();
    expect((await feed({ pageId: page.id })).pages.map((p) => p.queued.pageId)).toEqual([page.id]);
  });
});

describe('ReviewFeed.reviewedStates', () => {
  it('is false only for a queued unreviewed page of the main namespace', async () => {
    const u = await t.user('Feed states');
    const unreviewed = await t.edit(u, 'States unreviewed', 'x');
    const reviewed = await t.edit(u, 'States reviewed', 'x');
    await postAction(sysop.api, 'pagetriageaction', { pageid: String(reviewed), reviewed: '1' });
    const unqueued = 987_654; // a main-namespace page id the queue does not hold
    const draft = await t.edit(u, 'Draft:States draft', 'x');
    const states = await t.services.review.feed.reviewedStates(TEST_WIKI, [
      { pageId: unreviewed, namespace: 0 },
      { pageId: reviewed, namespace: 0 },
      { pageId: unqueued, namespace: 0 },
      { pageId: draft, namespace: DRAFT_NS },
    ]);
    expect(states).toEqual(
      new Map([
        [unreviewed, false],
        [reviewed, true],
        [unqueued, true],
      ]),
    );
  });
});
