import { makeLinks } from '../../factories/store.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, TEST_WIKI, buildTestApp, type TestApp } from '../../factories/app.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let editor: ApiClient;
let visitor: ApiClient;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Editor', 'editor password', ['sysop']);
  editor = new ApiClient(t);
  visitor = new ApiClient(t);
  await editor.login('Editor', 'editor password');
  const token = await editor.token();
  for (const [title, text] of [
    ['Purged page', 'Text [[Target]] [[Category:Things]]'],
    ['Template:Box', 'A box.'],
    ['Uses box', '{{Box}} and [[Elsewhere]]'],
  ] as const)
    await editor.post({ action: 'edit', title, text, token });
});
afterAll(async () => {
  await t.close();
});

const noLinks = makeLinks();

async function pageId(title: string): Promise<number> {
  const page = await t.services.store.pages.getByTitle(TEST_WIKI, 0, title.replace(/ /g, '_'));
  return page?.id ?? 0;
}

describe('action=purge', () => {
  it('purges for visitors too and reports missing and invalid titles (formatversion 2)', async () => {
    const res = (
      await visitor.post({
        action: 'purge',
        titles: 'Purged page|No such page|Bad[title',
        formatversion: '2',
      })
    ).json as Json;
    expect(res.purge).toEqual([
      { ns: 0, title: 'No such page', missing: true },
      { title: 'Bad[title', invalidreason: expect.any(String), invalid: true },
      { ns: 0, title: 'Purged page', purged: true },
    ]);
  });

  it('answers purged as "" in formatversion 1', async () => {
    const res = (await visitor.post({ action: 'purge', titles: 'Purged page' })).json as Json;
    expect(res.purge).toEqual([{ ns: 0, title: 'Purged page', purged: '' }]);
  });

  it('must be posted', async () => {
    const res = (await visitor.get({ action: 'purge', titles: 'Purged page', formatversion: '2' }))
      .json as Json;
    expect(res.error.code).toBe('mustbeposted');
  });

  it('rebuilds the link tables from the latest revision with forcelinkupdate', async () => {
    const id = await pageId('Purged page');
    await t.services.store.links.replaceForPage(
      TEST_WIKI,
      id,
      { namespace: 0, title: 'Purged_page', at: t.now() },
      noLinks,
    );
    const res = (
      await visitor.post({ action: 'purge', pageids: String(id), forcelinkupdate: '1', formatversion: '2' })
    ).json as Json;
    expect(res.purge).toEqual([{ ns: 0, title: 'Purged page', purged: true, linkupdate: true }]);
    const links = await t.services.store.links.getForPage(TEST_WIKI, id);
    expect(links.links).toEqual([{ namespace: 0, title: 'Target' }]);
    expect(links.categories.map((c) => c.category)).toEqual(['Things']);
  });

  it('also rebuilds the pages transcluding it with forcerecursivelinkupdate', async () => {
    const user = await pageId('Uses box');
    await t.services.store.links.replaceForPage(
      TEST_WIKI,
      user,
      { namespace: 0, title: 'Uses_box', at: t.now() },
      {
        ...noLinks,
        templates: [{ namespace: 10, title: 'Box' }],
      },
    );
    await visitor.post({ action: 'purge', titles: 'Template:Box', forcerecursivelinkupdate: '1' });
    const links = await t.services.store.links.getForPage(TEST_WIKI, user);
    expect(links.links).toEqual([{ namespace: 0, title: 'Elsewhere' }]);
  });
});
