import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, TEST_WIKI, buildTestApp, type TestApp } from '../../factories/app.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let admin: ApiClient;
let alice: ApiClient;
let vandal: ApiClient;
let page = 0;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Admin', 'admin password', ['sysop']);
  await t.createUser('Alice', 'alice password');
  await t.createUser('Vandal', 'vandal password');
  admin = new ApiClient(t);
  alice = new ApiClient(t);
  vandal = new ApiClient(t);
  await admin.login('Admin', 'admin password');
  await alice.login('Alice', 'alice password');
  await vandal.login('Vandal', 'vandal password');
});
afterAll(async () => {
  await t.close();
});

async function edit(client: ApiClient, title: string, text: string): Promise<number> {
  const res = (
    await client.post({ action: 'edit', title, text, token: await client.token(), formatversion: '2' })
  ).json as Json;
  t.advance(1);
  return res.edit.newrevid as number;
}

/** A page Alice wrote and Vandal then edited twice; answers the title and the revision ids. */
async function vandalized(): Promise<{ title: string; good: number; bad: number[] }> {
  t.advance(60); // a fresh minute of the newcomers' edit rate limit
  const title = `Target ${++page}`;
  const good = await edit(alice, title, 'Good text.');
  const bad = [await edit(vandal, title, 'Bad text.'), await edit(vandal, title, 'Worse text.')];
  return { title, good, bad };
}

async function rollback(params: Record<string, string>): Promise<Json> {
  return (await admin.post({ action: 'rollback', token: await admin.token('rollback'), ...params }))
    .json as Json;
}

describe('action=rollback', () => {
  it("reverts the user's consecutive edits to the previous author's text as one edit (formatversion 2)", async () => {
    const { title, good, bad } = await vandalized();
    const res = await rollback({ title, user: 'Vandal', formatversion: '2' });
    const summary =
      'Rolled back the edits of [[Special:Contributions/Vandal|Vandal]] ([[User talk:Vandal|talk]]), back to the revision by [[User:Alice|Alice]]';
    const pageRow = await t.services.store.pages.getByTitle(TEST_WIKI, 0, title.replace(/ /g, '_'));
    expect(res.rollback).toEqual({
      title,
      pageid: pageRow?.id,
      summary,
      revid: pageRow?.latestRevId,
      old_revid: bad[1],
      last_revid: good,
    });
    const rev = await t.services.store.revisions.get(TEST_WIKI, res.rollback.revid as number);
    expect(rev).toMatchObject({ text: 'Good text.', userText: 'Admin', comment: summary, minor: true });
    const tags = await t.services.store.changeTags.forRevisions(TEST_WIKI, [rev?.id ?? 0]);
    expect(tags.get(rev?.id ?? 0)).toContain('mw-rollback');
  });

  it('answers in formatversion 1 as Twinkle reads it, with the page id', async () => {
    const { title, good } = await vandalized();
    const pageRow = await t.services.store.pages.getByTitle(TEST_WIKI, 0, title.replace(/ /g, '_'));
    const res = await rollback({
      pageid: String(pageRow?.id),
      user: 'Vandal',
      summary: 'Back to $1 from $2',
    });
    expect(res.rollback).toMatchObject({
      title,
      pageid: pageRow?.id,
      last_revid: good,
      summary: 'Back to Alice from Vandal',
    });
  });

  it('marks the reverted edits and the rollback as bot edits with markbot', async () => {
    const { title, bad } = await vandalized();
    const res = await rollback({ title, user: 'Vandal', markbot: '1', formatversion: '2' });
    for (const revId of [...bad, res.rollback.revid as number]) {
      const rc = await t.services.store.recentChanges.findByRevision(TEST_WIKI, revId);
      expect(rc?.bot).toBe(true);
    }
  });

  it('refuses when the last edit is by someone else (alreadyrolled) and when there is one author (onlyauthor)', async () => {
    const { title } = await vandalized();
    expect((await rollback({ title, user: 'Alice', formatversion: '2' })).error.code).toBe('alreadyrolled');
    await rollback({ title, user: 'Vandal' });
    expect((await rollback({ title, user: 'Vandal', formatversion: '2' })).error.code).toBe('alreadyrolled');
    const solo = `Solo ${page}`;
    await edit(vandal, solo, 'Only me.');
    expect((await rollback({ title: solo, user: 'Vandal', formatversion: '2' })).error.code).toBe(
      'onlyauthor',
    );
  });

  it('needs the rollback right and a rollback token', async () => {
    const { title } = await vandalized();
    const denied = (
      await alice.post({
        action: 'rollback',
        title,
        user: 'Vandal',
        token: await alice.token('rollback'),
        formatversion: '2',
      })
    ).json as Json;
    expect(denied.error.code).toBe('permissiondenied');
    const badToken = (
      await admin.post({ action: 'rollback', title, user: 'Vandal', token: await admin.token('csrf') })
    ).json as Json;
    expect(badToken.error.code).toBe('badtoken');
  });

  it('refuses a missing page', async () => {
    expect((await rollback({ title: 'Never written', user: 'Vandal', formatversion: '2' })).error.code).toBe(
      'missingtitle',
    );
  });
  it("takes the default summary from the wiki's MediaWiki:Revertpage when the wiki has one", async () => {
    const res = (
      await admin.post({
        action: 'edit',
        title: 'MediaWiki:Revertpage',
        text: 'Undid $2, kept revision $3 by $1',
        token: await admin.token(),
        formatversion: '2',
      })
    ).json as Json;
    expect(res.edit.result).toBe('Success');
    const { title, good } = await vandalized();
    const rolled = await rollback({ title, user: 'Vandal', formatversion: '2' });
    expect(rolled.rollback.summary).toBe(`Undid Vandal, kept revision ${good} by Alice`);
    await admin.post({
      action: 'delete',
      title: 'MediaWiki:Revertpage',
      token: await admin.token(),
      formatversion: '2',
    });
  });
});
