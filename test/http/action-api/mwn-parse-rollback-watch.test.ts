import { Mwn } from 'mwn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../factories/app.ts';
import { listeningAppWithBots } from '../../factories/listening-app.ts';

/**
 * mwn's helpers for action=parse (parseWikitext, parseTitle), action=rollback (bot.rollback with
 * the rollback token mwn fetches at login), action=purge and action=watch (mwn has no watch helper:
 * bot.request with the watch token it keeps), over a listening server.
 */
let t: TestApp;
let apiUrl: string;
let passwords: Record<string, string>;

beforeAll(async () => {
  ({ t, apiUrl, passwords } = await listeningAppWithBots([
    {
      name: 'Mwn patroller',
      groups: ['rollbacker'],
      grants: ['basic', 'editpage', 'createeditmovepage', 'rollback', 'viewmywatchlist', 'editmywatchlist'],
    },
    {
      name: 'Mwn vandal',
      grants: ['basic', 'editpage', 'createeditmovepage', 'rollback', 'viewmywatchlist', 'editmywatchlist'],
    },
  ]));
});
afterAll(async () => {
  await t.close();
});

async function login(name: string): Promise<Mwn> {
  return Mwn.init({
    apiUrl,
    username: `${name}@tests`,
    password: passwords[name],
    silent: true,
    userAgent: 'wikiqueue-tests',
  });
}

describe('mwn: parse, rollback, purge and watch', () => {
  it('parseWikitext and parseTitle give the reading HTML', async () => {
    const bot = await login('Mwn patroller');
    expect(await bot.parseWikitext("Some '''bold''' text.")).toBe(
      '<div class="mw-parser-output"><p>Some <b>bold</b> text.</p></div>',
    );
    await bot.create('Mwn parsed', 'Para one.\n\nPara two.', 'create');
    expect(await bot.parseTitle('Mwn parsed')).toBe(
      '<div class="mw-parser-output"><p>Para one.\n</p><p>Para two.</p></div>',
    );
  });

  it('rolls back a vandal with bot.rollback', async () => {
    const patroller = await login('Mwn patroller');
    const vandal = await login('Mwn vandal');
    const created = await patroller.create('Mwn rolled', 'Good.', 'create');
    await vandal.save('Mwn rolled', 'Bad.', 'vandalism');
    const result = await patroller.rollback('Mwn rolled', 'Mwn vandal');
    expect(result).toMatchObject({ title: 'Mwn rolled', last_revid: created.newrevid });
    expect((await patroller.read('Mwn rolled')).revisions?.[0]?.content).toBe('Good.');
    await expect(patroller.rollback('Mwn rolled', 'Mwn vandal')).rejects.toMatchObject({
      code: 'alreadyrolled',
    });
  });

  it('purges with bot.purge', async () => {
    const bot = await login('Mwn patroller');
    await bot.create('Mwn purged', 'Text.', 'create');
    expect(await bot.purge(['Mwn purged', 'Mwn never'])).toEqual([
      { ns: 0, title: 'Mwn never', missing: true },
      { ns: 0, title: 'Mwn purged', purged: true },
    ]);
  });

  it('watches and unwatches, and lists the watched changes', async () => {
    const bot = await login('Mwn patroller');
    const vandal = await login('Mwn vandal');
    await vandal.create('Mwn watched', 'Text.', 'create');
    const watched = await bot.request({
      action: 'watch',
      titles: 'Mwn watched',
      token: bot.state.watchtoken,
    });
    expect(watched.watch).toEqual([{ ns: 0, title: 'Mwn watched', watched: true }]);
    const list = await bot.query({ list: 'watchlist', wlprop: 'title|user' });
    // Its own creations are on the list too (watchcreations).
    expect(list.query?.watchlist).toContainEqual({
      type: 'new',
      ns: 0,
      title: 'Mwn watched',
      user: 'Mwn vandal',
    });
    expect(list.query?.watchlist).toContainEqual(
      expect.objectContaining({ title: 'Mwn parsed', user: 'Mwn patroller' }),
    );
    await bot.request({ action: 'watch', titles: 'Mwn watched', unwatch: true, token: bot.state.watchtoken });
    const after = await bot.query({ list: 'watchlist' });
    expect(after.query?.watchlist).not.toContainEqual(expect.objectContaining({ title: 'Mwn watched' }));
  });
});
