import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReviewApp, postAction, type ReviewTestApp, type ReviewUser } from '../../factories/review.ts';

/** action=echomarkread (Echo's ApiEchoMarkRead) over the stored notifications. */
let t: ReviewTestApp;
let creator: ReviewUser;
let sysop: ReviewUser;
beforeAll(async () => {
  t = await buildReviewApp();
  sysop = await t.user('Marker', ['sysop']);
  creator = await t.user('Reader');
  for (let i = 0; i < 3; i++) {
    const id = await t.edit(creator, `Read page ${i}`, 'x');
    t.advance(60);
    await postAction(sysop.api, 'pagetriageaction', { pageid: String(id), reviewed: '1' });
  }
  const tagged = await t.edit(creator, 'Read tagged', 'x');
  t.advance(60);
  await postAction(sysop.api, 'pagetriagetagging', {
    pageid: String(tagged),
    wikitext: '{{Stub}}\nx',
    taglist: 'stub',
  });
});
afterAll(async () => t.close());

type Note = { id: number; type: string; read?: string };
async function list(): Promise<Note[]> {
  const res = await creator.api.get({ action: 'query', meta: 'notifications', formatversion: '2' });
  return (res.json.query as { notifications: { list: Note[] } }).notifications.list;
}
const unread = async () => (await list()).filter((n) => n.read === undefined).map((n) => n.id);

describe('action=echomarkread', () => {
  it('marks the listed notifications read and answers the unread count', async () => {
    const ids = await unread();
    expect(ids).toHaveLength(4);
    const res = await postAction(creator.api, 'echomarkread', { list: String(ids[0]) });
    expect(res.json).toEqual({ echomarkread: { result: 'success', count: '3', rawcount: 3 } });
    expect(await unread()).toEqual(ids.slice(1));
  });

  it('marks them unread again with unreadlist', async () => {
    const [first] = await list();
    const res = await postAction(creator.api, 'echomarkread', { unreadlist: String(first!.id) });
    expect(res.json).toMatchObject({ echomarkread: { rawcount: 4 } });
  });

  it('marks one section read', async () => {
    const res = await postAction(creator.api, 'echomarkread', { sections: 'alert' });
    expect(res.json).toMatchObject({ echomarkread: { count: '3', rawcount: 3 } });
    const left = (await list()).filter((n) => n.read === undefined).map((n) => n.type);
    expect(left).toEqual(Array(3).fill('pagetriage-mark-as-reviewed'));
  });

  it('marks all read', async () => {
    const res = await postAction(creator.api, 'echomarkread', { all: '1' });
    expect(res.json).toMatchObject({ echomarkread: { result: 'success', count: '0', rawcount: 0 } });
    expect(await unread()).toEqual([]);
  });

  it('needs one of its parameters, a POST with a token, and a signed-in user', async () => {
    const none = await postAction(creator.api, 'echomarkread', {});
    expect(none.json).toMatchObject({ error: { code: 'missingparam-one-of' } });
    const get = await creator.api.get({ action: 'echomarkread', all: '1', formatversion: '2' });
    expect(get.json).toMatchObject({ error: { code: 'mustbeposted' } });
    const anon = t.anonymousApi();
    const res = await postAction(anon, 'echomarkread', { all: '1' });
    expect(res.json).toMatchObject({ error: { code: expect.stringMatching(/login-required|notloggedin/) } });
  });

  it("touches only the user's own notifications", async () => {
    await postAction(creator.api, 'echomarkread', { unreadlist: String((await list())[0]!.id) });
    await postAction(sysop.api, 'echomarkread', { all: '1' });
    expect(await unread()).toHaveLength(1);
  });
});
