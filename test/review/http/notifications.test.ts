import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_WIKI } from '../../factories/app.ts';
import { buildReviewApp, postAction, type ReviewTestApp, type ReviewUser } from '../../factories/review.ts';

/** meta=notifications (Echo's ApiEchoNotifications) over the review queue's notifications (§7). */
let t: ReviewTestApp;
let creator: ReviewUser;
let reviewed: number[];
beforeAll(async () => {
  t = await buildReviewApp();
  const sysop = await t.user('Admin', ['sysop']);
  creator = await t.user('Notified');
  reviewed = [];
  for (let i = 0; i < 3; i++) {
    const id = await t.edit(creator, `Notified page ${i}`, 'x');
    t.advance(60);
    await postAction(sysop.api, 'pagetriageaction', { pageid: String(id), reviewed: '1', note: `Note ${i}` });
    reviewed.push(id);
  }
  const tagged = await t.edit(creator, 'Tagged for alert', 'x');
  t.advance(60);
  await postAction(sysop.api, 'pagetriagetagging', {
    pageid: String(tagged),
    wikitext: '{{Stub}}\nx',
    taglist: 'stub',
  });
});
afterAll(async () => t.close());

async function notifications(params: Record<string, string> = {}, who: ReviewUser = creator) {
  const res = await who.api.get({ action: 'query', meta: 'notifications', formatversion: '2', ...params });
  return res.json;
}

type Notes = { list: Record<string, unknown>[]; continue: string | null; count?: string; rawcount?: number };
const notesOf = (json: Record<string, unknown>) => (json.query as { notifications: Notes }).notifications;

describe('meta=notifications', () => {
  it('lists the notifications newest first in the Echo shape', async () => {
    const { list, continue: cont } = notesOf(await notifications());
    expect(list.map((n) => n.type)).toEqual([
      'pagetriage-add-maintenance-tag',
      'pagetriage-mark-as-reviewed',
      'pagetriage-mark-as-reviewed',
      'pagetriage-mark-as-reviewed',
    ]);
    expect(cont).toBeNull();
    expect(list[1]).toMatchObject({
      wiki: TEST_WIKI,
      category: 'page-review',
      section: 'message',
      title: { full: 'Notified page 2', namespace: '', 'namespace-key': 0, text: 'Notified page 2' },
      agent: { name: 'Admin' },
      timestamp: {
        utcunix: expect.any(String),
        utciso8601: expect.stringMatching(/Z$/),
        mw: expect.stringMatching(/^\d{14}$/),
      },
    });
    expect(list[0]).toMatchObject({ section: 'alert' });
    expect(list[0]).not.toHaveProperty('*');
  });

  it('formats the model with the note as body', async () => {
    const { list } = notesOf(
      await notifications({ notformat: 'model', notsections: 'message', notlimit: '1' }),
    );
    expect(list[0]!['*']).toMatchObject({
      body: 'Note 2',
      icon: 'reviewed',
      links: { primary: { url: expect.stringContaining('/wiki/Notified_page_2') } },
    });
  });

  it('pages with notlimit and notcontinue', async () => {
    const first = notesOf(await notifications({ notlimit: '3' }));
    expect(first.list).toHaveLength(3);
    expect(first.continue).not.toBeNull();
    const second = notesOf(await notifications({ notlimit: '3', notcontinue: first.continue! }));
    expect(second.list.map((n) => n.title)).toEqual([expect.objectContaining({ full: 'Notified page 0' })]);
    expect(second.continue).toBeNull();
  });

  it('counts unread notifications and filters read and unread ones', async () => {
    expect(notesOf(await notifications({ notprop: 'count' }))).toMatchObject({ count: '4', rawcount: 4 });
    expect(notesOf(await notifications({ notprop: 'count', notsections: 'alert' }))).toMatchObject({
      count: '1',
      rawcount: 1,
    });
    const newest = notesOf(await notifications({ notlimit: '1' })).list[0]!;
    await t.services.store.notifications.markRead(TEST_WIKI, creator.id, [newest.id as number], t.now());
    expect(notesOf(await notifications({ notprop: 'count' }))).toMatchObject({ rawcount: 3 });
    const read = notesOf(await notifications({ notfilter: 'read' })).list;
    expect(read.map((n) => n.id)).toEqual([newest.id]);
    expect(read[0]).toHaveProperty('read');
    expect(notesOf(await notifications({ notfilter: '!read' })).list).toHaveLength(3);
  });

  it('groups by section', async () => {
    const json = await notifications({ notgroupbysection: '1', notprop: 'list|count' });
    const grouped = (json.query as { notifications: Record<string, Notes> }).notifications;
    expect(grouped.alert!.list.map((n) => n.type)).toEqual(['pagetriage-add-maintenance-tag']);
    expect(grouped.message!.list).toHaveLength(3);
    expect(grouped.message).toMatchObject({ rawcount: 3 });
  });

  it('needs a logged-in user', async () => {
    const res = await t.anonymousApi().get({ action: 'query', meta: 'notifications', formatversion: '2' });
    expect(res.json.error).toMatchObject({ code: 'login-required' });
  });
});
