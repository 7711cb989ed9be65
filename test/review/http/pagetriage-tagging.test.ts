import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, TEST_WIKI } from '../../factories/app.ts';
import {
  buildReviewApp,
  postAction,
  reviewNamespaces,
  type ReviewTestApp,
  type ReviewUser,
} from '../../factories/review.ts';

/** pagetriagetagging (review-queue-reference.md §2.4): the edit, the log entry and the notification. */
let t: ReviewTestApp;
let patroller: ReviewUser;
let creator: ReviewUser;
beforeAll(async () => {
  t = await buildReviewApp();
  patroller = await t.user('Tagger', ['patroller']);
  creator = await t.user('Tagged creator');
});
afterAll(async () => t.close());

const tagging = (params: Record<string, string>) => {
  t.advance(11);
  return postAction(patroller.api, 'pagetriagetagging', params);
};

async function latestRevision(title: string) {
  const page = await t.services.wikiSources.for(TEST_WIKI).getPageText(title);
  const rev = await t.services.store.revisions.get(TEST_WIKI, page!.page.latestRevId);
  const tags = await t.services.store.changeTags.forRevisions(TEST_WIKI, [rev!.id]);
  return { text: page!.text, comment: rev!.comment, user: rev!.userText, tags: tags.get(rev!.id) ?? [] };
}

async function curationLog(title: string) {
  const res = await t.anonymousApi().get({
    action: 'query',
    list: 'logevents',
    letype: 'pagetriage-curation',
    letitle: title,
    formatversion: '2',
  });
  return (res.json.query as { logevents: { action: string }[] }).logevents;
}

describe('pagetriagetagging', () => {
  it('saves the whole new wikitext with the pagetriage tag, logs the tagging and notifies the creator', async () => {
    const id = await t.edit(creator, 'Needs tags', 'Some text.');
    const res = await tagging({
      pageid: String(id),
      wikitext: '{{Unreferenced}}\nSome text.',
      taglist: 'unreferenced',
      note: 'Please cite.',
    });
    expect(res.json).toEqual({ pagetriagetagging: { result: 'success' } });
    expect(await latestRevision('Needs tags')).toEqual({
      text: '{{Unreferenced}}\nSome text.',
      comment: 'Added tags to the page using [[Wikipedia:Page Curation|Page Curation]] (unreferenced)',
      user: 'Tagger',
      tags: ['pagetriage'],
    });
    expect((await curationLog('Needs tags')).map((e) => e.action)).toEqual(['tag']);
    const notes = await t.services.store.notifications.listForUser(TEST_WIKI, creator.id, { limit: 10 });
    expect(notes[0]).toMatchObject({
      eventType: 'pagetriage-add-maintenance-tag',
      extra: { tags: ['unreferenced'], note: 'Please cite.' },
    });
  });

  it('accepts the 1.39 top/bottom form and makes no edit when both are empty', async () => {
    const id = await t.edit(creator, 'Old client page', 'Body.');
    await tagging({ pageid: String(id), top: '{{Orphan}}', bottom: '{{Stub}}', taglist: 'orphan|stub' });
    expect((await latestRevision('Old client page')).text).toBe('{{Orphan}}\n\nBody.\n\n{{Stub}}');
    const before = (await t.services.store.pages.getById(TEST_WIKI, id))!.latestRevId;
    const res = await tagging({ pageid: String(id), top: '', bottom: '', taglist: 'orphan' });
    expect(res.json).toEqual({ pagetriagetagging: { result: 'success' } });
    expect((await t.services.store.pages.getById(TEST_WIKI, id))!.latestRevId).toBe(before);
  });

  it('nominates for deletion once; a second nomination is refused', async () => {
    const id = await t.edit(creator, 'Delete me', 'Junk.');
    const first = await tagging({
      pageid: String(id),
      wikitext: '{{Db-g11}}\nJunk.\n[[Category:Candidates for speedy deletion]]',
      deletion: '1',
      taglist: 'db-g11',
    });
    expect(first.json).toEqual({ pagetriagetagging: { result: 'success' } });
    expect((await latestRevision('Delete me')).comment).toBe(
      'Nominated page for deletion using [[Wikipedia:Page Curation|Page Curation]] (db-g11)',
    );
    await t.drain();
    const second = await tagging({
      pageid: String(id),
      wikitext: '{{Db-a7}}\nJunk.',
      deletion: '1',
      taglist: 'db-a7',
    });
    expect(second.json.error).toMatchObject({ code: 'pagetriage-tag-deletion-error' });
    expect((await curationLog('Delete me')).map((e) => e.action)).toEqual(['delete']);
  });

  it('refuses a page that is not queued, and a user without patrol', async () => {
    const id = await t.edit(creator, 'Tag refusals', 'x');
    expect((await tagging({ pageid: '777777', wikitext: 'x', taglist: 'stub' })).json.error).toMatchObject({
      code: 'bad-page',
    });
    t.advance(11);
    const res = await postAction(creator.api, 'pagetriagetagging', {
      pageid: String(id),
      wikitext: 'y',
      taglist: 'stub',
    });
    expect(res.json.error).toMatchObject({ code: 'permissiondenied' });
  });

  it('is disabled when the preset turns the extended features off', async () => {
    await t.setReview({ enableExtendedFeatures: false });
    try {
      const res = await tagging({ pageid: '1', wikitext: 'x', taglist: 'stub' });
      expect(res.json.error).toMatchObject({ code: 'moduledisabled' });
    } finally {
      await t.setReview({});
    }
  });

  it('tags a page of a wiki imported from a dump, which this service edits as its own', async () => {
    const id = await t.edit(creator, 'Imported page', 'Imported text.');
    const info = t.services.wikis.get(TEST_WIKI).info;
    await t.services.wikis.upsert({ ...info, source: 'dump' }, t.now());
    try {
      const res = await tagging({
        pageid: String(id),
        wikitext: '{{Stub}}\nImported text.',
        taglist: 'stub',
      });
      expect(res.json).toEqual({ pagetriagetagging: { result: 'success' } });
      expect((await latestRevision('Imported page')).text).toBe('{{Stub}}\nImported text.');
    } finally {
      await t.services.wikis.upsert(info, t.now());
    }
  });

  it('tags a followed MediaWiki through its source rather than refusing it (test/mediawiki makes the edit): a page it lacks is bad-page', async () => {
    await t.services.wikis.upsert(
      {
        id: 'remotewiki',
        lang: 'en',
        sitename: 'Remote',
        baseUrl: 'https://remote.example.org',
        namespaces: reviewNamespaces(),
        isMediaRepo: false,
        source: 'mediawiki',
        settings: { review: { preset: 'enwiki' } },
      },
      t.now(),
    );
    const api = new ApiClient(t, '/remotewiki/w/api.php');
    const res = await api.post({
      action: 'pagetriagetagging',
      pageid: '1',
      wikitext: 'x',
      taglist: 'stub',
      token: '+\\',
      formatversion: '2',
    });
    expect(res.json.error).toMatchObject({ code: 'bad-page' });
  });
});
