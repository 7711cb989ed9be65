import { Mwn } from 'mwn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../factories/app.ts';
import { listeningAppWithBots } from '../../factories/listening-app.ts';

/**
 * The real MediaWiki client mwn against a listening server: login with a bot password (mwn's
 * meta=tokens → action=login flow, then tokens+siteinfo+userinfo), page creation, edits, an edit
 * conflict from a stale baserevid, and reading the text back with prop=revisions.
 */
let t: TestApp;
let apiUrl: string;
let passwords: Record<string, string>;

beforeAll(async () => {
  ({ t, apiUrl, passwords } = await listeningAppWithBots([
    { name: 'Mwn user', grants: ['basic', 'editpage', 'createeditmovepage'] },
    { name: 'Other user', grants: ['basic', 'editpage', 'createeditmovepage'] },
  ]));
});
afterAll(async () => {
  await t.close();
});

async function login(name = 'Mwn user'): Promise<Mwn> {
  return Mwn.init({
    apiUrl,
    username: `${name}@tests`,
    password: passwords[name],
    silent: true,
    userAgent: 'wikiqueue-tests',
  });
}

describe('mwn against api.php', () => {
  it('logs in with a bot password and knows who it is', async () => {
    const bot = await login();
    expect(bot.loggedIn).toBe(true);
    expect(bot.csrfToken).toMatch(/\+\\$/);
    const info = await bot.userinfo();
    expect(info.name).toBe('Mwn user');
  });

  it('creates, edits and saves a page, and reads the text back', async () => {
    const bot = await login();
    const created = await bot.create('Mwn page', 'Created by mwn.', 'create');
    expect(created).toMatchObject({ result: 'Success', new: true, title: 'Mwn page' });

    const edited = await bot.edit('Mwn page', (rev) => ({
      text: `${rev.content}\nEdited.`,
      summary: 'edit',
    }));
    expect(edited).toMatchObject({ result: 'Success', title: 'Mwn page' });

    await bot.save('Mwn page', 'Saved by mwn.', 'save');
    const page = await bot.read('Mwn page');
    expect(page.revisions?.[0]?.content).toBe('Saved by mwn.');
  });

  it('gets editconflict for an edit based on a revision another user has since changed', async () => {
    const bot = await login();
    const first = await bot.create('Mwn conflict', 'Base line', 'create');
    const other = await login('Other user');
    await other.save('Mwn conflict', 'Other line', 'other');
    await expect(
      bot.request({
        action: 'edit',
        title: 'Mwn conflict',
        text: 'My line',
        baserevid: first.newrevid,
        token: bot.csrfToken,
      }),
    ).rejects.toMatchObject({ code: 'editconflict' });
  });

  it('reads an empty list as an empty array (getPagesByPrefix, Page.logs), not as a crash', async () => {
    const bot = await login();
    await bot.create('Mwn prefix page', 'Listed.', 'create');
    expect(await bot.getPagesByPrefix('Zzzq')).toEqual([]);
    expect(await bot.getPagesByPrefix('Mwn prefix')).toEqual(['Mwn prefix page']);
    expect(await new bot.Page('Never created page').logs(undefined)).toEqual([]);
  });

  it('searches page text with bot.search() and reads size, wordcount and timestamp', async () => {
    t.advance(120); // past the edit rate limit of the tests before
    const bot = await login();
    await bot.create('Mwn search target', 'Quokkas are small marsupials.', 'create');
    await bot.create('Mwn search other', 'Nothing to see here.', 'create');
    const hits = await bot.search('quokkas marsupials');
    expect(hits).toEqual([
      {
        ns: 0,
        title: 'Mwn search target',
        pageid: expect.any(Number),
        size: 29,
        wordcount: 4,
        timestamp: expect.stringMatching(/Z$/),
      },
    ]);
    expect(await bot.search('quokkas', 'max', ['snippet'])).toEqual([
      expect.objectContaining({ snippet: '<span class="searchmatch">Quokkas</span> are small marsupials.' }),
    ]);
  });
});

describe('mwn user helpers', () => {
  it('User.info() reads list=users and User.contribs() list=usercontribs', async () => {
    const bot = await login();
    const created = await bot.create('Mwn contribs page', 'Counted.', 'create');
    const info = await new bot.User('Mwn user').info();
    expect(info).toMatchObject({ name: 'Mwn user', groups: ['*', 'user'], implicitgroups: ['*', 'user'] });
    expect(info.editcount).toBeGreaterThan(0);
    expect(info.groupmemberships).toEqual([]);
    const missing = await new bot.User('Nobody at all').info();
    expect(missing).toMatchObject({ name: 'Nobody at all', missing: true });

    const contribs = await new bot.User('Mwn user').contribs();
    expect(contribs[0]).toMatchObject({
      revid: created.newrevid,
      title: 'Mwn contribs page',
      new: true,
      top: true,
    });
    expect(contribs.length).toBe(info.editcount);
  });
});

describe('mwn category and what-links-here helpers', () => {
  it('reads categories and what links here: getPagesInCategory, Category members, Page backlinks and transclusions, File usages', async () => {
    await t.savePages([
      ['Mwn fruit B', '[[Category:Mwn fruit]]'],
      ['Mwn fruit A', '[[Category:Mwn fruit]]'],
      ['Category:Mwn citrus', '[[Category:Mwn fruit]]'],
      ['Mwn target', 'Target.'],
      ['Mwn linker', '[[Mwn target]] {{Mwn box}} [[File:Mwn pear.jpg]]'],
      ['Mwn other', '{{Mwn box}}'],
    ] as const);
    const bot = await login();
    expect(await bot.getPagesInCategory('Mwn fruit')).toEqual([
      'Mwn fruit A',
      'Mwn fruit B',
      'Category:Mwn citrus',
    ]);
    const category = new bot.Category('Mwn fruit');
    expect((await category.members()).map((m) => m.title)).toEqual([
      'Mwn fruit A',
      'Mwn fruit B',
      'Category:Mwn citrus',
    ]);
    expect((await category.pages()).map((m) => m.title)).toEqual(['Mwn fruit A', 'Mwn fruit B']);
    expect(await category.subcats()).toEqual([
      expect.objectContaining({ ns: 14, title: 'Category:Mwn citrus' }),
    ]);
    expect(await new bot.Page('Mwn target').backlinks()).toEqual(['Mwn linker']);
    expect(await new bot.Page('Template:Mwn box').transclusions()).toEqual(['Mwn linker', 'Mwn other']);
    expect(await new bot.File('Mwn pear.jpg').usages()).toEqual([
      expect.objectContaining({ ns: 0, title: 'Mwn linker', redirect: false }),
    ]);
  });
});
