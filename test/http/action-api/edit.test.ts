import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../../factories/app.ts';

let t: TestApp;
let api: ApiClient;
let token: string;
beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Editor', 'editor password', ['sysop']);
  api = new ApiClient(t);
  await api.login('Editor', 'editor password');
  token = await api.token();
});
afterAll(async () => {
  await t.close();
});

async function edit(params: Record<string, string>) {
  return (await api.post({ action: 'edit', token, ...params })).json;
}

describe('action=edit', () => {
  it('creates a page: result Success, new, oldrevid 0 (fv1 flag as "")', async () => {
    const res = await edit({ title: 'Created page', text: 'First.' });
    expect(res.edit).toMatchObject({
      result: 'Success',
      title: 'Created page',
      new: '',
      oldrevid: 0,
      contentmodel: 'wikitext',
    });
    const text = await t.services.wikiSources.for('testwiki').getPageText('Created page');
    expect(text?.text).toBe('First.');
  });

  it('creates a page with basetimestamp="" as MediaWiki::Bot sends it, warning unclearnowtimestamp', async () => {
    const res = await edit({
      title: 'Bot created page',
      text: 'From a bot.',
      basetimestamp: '',
      formatversion: '2',
      errorformat: 'plaintext',
    });
    expect(res.edit).toMatchObject({ result: 'Success', new: true });
    expect(res.warnings).toEqual([expect.objectContaining({ code: 'unclearnowtimestamp', module: 'edit' })]);
  });

  it('edits an existing page and reports old and new revision ids (fv2 booleans)', async () => {
    const created = (await edit({ title: 'Edited page', text: 'One.', formatversion: '2' })).edit as Record<
      string,
      number
    >;
    const res = (
      await edit({
        title: 'Edited page',
        text: 'Two.',
        baserevid: String(created.newrevid),
        formatversion: '2',
      })
    ).edit as Record<string, unknown>;
    expect(res).toMatchObject({ result: 'Success', oldrevid: created.newrevid });
    expect(res.new).toBeUndefined();
    expect(res.newrevid).toBeGreaterThan(created.newrevid!);
  });

  it('answers editconflict for a stale baserevid whose change cannot be merged', async () => {
    const first = (await edit({ title: 'Conflict page', text: 'Line A' })).edit as Record<string, number>;
    t.advance(10);
    await t.createUser('Other', 'other password');
    const other = new ApiClient(t);
    await other.login('Other', 'other password');
    await other.post({ action: 'edit', title: 'Conflict page', text: 'Line B', token: await other.token() });
    const res = await edit({ title: 'Conflict page', text: 'Line C', baserevid: String(first.newrevid) });
    expect(res.error).toMatchObject({ code: 'editconflict', info: 'Edit conflict.' });
  });

  it('answers editconflict for a basetimestamp older than the page when others edited it, not for its only author', async () => {
    const before = new Date(t.now()).toISOString().replace(/\.\d+Z$/, 'Z');
    t.advance(10);
    await edit({ title: 'Own late page', text: 'Mine.' });
    const own = await edit({ title: 'Own late page', text: 'Mine again.', basetimestamp: before });
    expect(own.edit).toMatchObject({ result: 'Success' });

    await t.createUser('Creator of late page', 'creator password');
    const other = new ApiClient(t);
    await other.login('Creator of late page', 'creator password');
    await other.post({ action: 'edit', title: 'Late page', text: 'Theirs.', token: await other.token() });
    const res = await edit({ title: 'Late page', text: 'Overwrite.', basetimestamp: before });
    expect(res.error).toMatchObject({ code: 'editconflict' });
    expect((await t.services.wikiSources.for('testwiki').getPageText('Late page'))?.text).toBe('Theirs.');
  });

  it("substitutes {{subst:…}} with the template as it is now, as MediaWiki's pre-save transform does", async () => {
    await edit({
      title: 'Template:Welcome',
      text: 'Hello {{{1}}}, from {{{from|the team}}} at {{SITENAME}}<noinclude> (documentation)</noinclude>',
    });
    const res = await edit({
      title: 'User talk:Newcomer',
      text: '{{subst:Welcome|Ann}} ({{subst:CURRENTYEAR}}) {{subst:No such template}} <nowiki>{{subst:Welcome}}</nowiki>',
      formatversion: '2',
    });
    expect(res.edit).toMatchObject({ result: 'Success' });
    const saved = await t.services.wikiSources.for('testwiki').getPageText('User talk:Newcomer');
    const year = new Date(t.now() * 1000).getUTCFullYear();
    expect(saved?.text).toBe(
      `Hello Ann, from the team at {{SITENAME}} (${year}) [[:Template:No such template]] <nowiki>{{subst:Welcome}}</nowiki>`,
    );
  });

  it('refuses nocreate on a missing page and createonly on an existing one', async () => {
    expect((await edit({ title: 'Never created', text: 'x', nocreate: '1' })).error).toMatchObject({
      code: 'missingtitle',
    });
    await edit({ title: 'Exists already', text: 'x' });
    expect((await edit({ title: 'Exists already', text: 'y', createonly: '1' })).error).toMatchObject({
      code: 'articleexists',
    });
  });

  it('checks md5 of the text', async () => {
    const good = createHash('md5').update('Hashed.').digest('hex');
    expect((await edit({ title: 'Hashed page', text: 'Hashed.', md5: good })).edit).toMatchObject({
      result: 'Success',
    });
    expect((await edit({ title: 'Hashed page', text: 'Other.', md5: good })).error).toMatchObject({
      code: 'badmd5',
    });
  });

  it('appends text and edits by page id', async () => {
    const created = (await edit({ title: 'Appended page', text: 'Start.' })).edit as Record<string, number>;
    await edit({ pageid: String(created.pageid), appendtext: ' End.' });
    expect((await t.services.wikiSources.for('testwiki').getPageText('Appended page'))?.text).toBe(
      'Start. End.',
    );
  });

  it('undoes a revision by merging its reverse change into the current text', async () => {
    await edit({ title: 'Undo page', text: 'a\nb\nc' });
    t.advance(5);
    const bad = (await edit({ title: 'Undo page', text: 'a\nVANDAL\nc' })).edit as Record<string, number>;
    t.advance(5);
    const res = await edit({ title: 'Undo page', undo: String(bad.newrevid) });
    expect(res.edit).toMatchObject({ result: 'Success' });
    expect((await t.services.wikiSources.for('testwiki').getPageText('Undo page'))?.text).toBe('a\nb\nc');
  });

  it('edits the target of a redirect written with a localized redirect word when redirect is set', async () => {
    await edit({ title: 'Redirect target', text: 'Target.' });
    await edit({ title: 'Localized redirect', text: '#WEITERLEITUNG [[Redirect target]]' });
    const res = await edit({ title: 'Localized redirect', appendtext: ' More.', redirect: '1' });
    expect(res.edit).toMatchObject({ result: 'Success', title: 'Redirect target' });
    expect((await t.services.wikiSources.for('testwiki').getPageText('Redirect target'))?.text).toBe(
      'Target. More.',
    );
  });

  it('needs one of title and pageid, and text or appendtext', async () => {
    expect((await edit({ text: 'x' })).error).toMatchObject({ code: 'missingparam-one-of' });
    expect((await edit({ title: 'No text' })).error).toMatchObject({ code: 'missingparam-one-of' });
  });
});

describe('page administration', () => {
  it('moves, protects, deletes and undeletes a page', async () => {
    await edit({ title: 'Admin page', text: 'Content.' });
    const moved = await api.post({
      action: 'move',
      from: 'Admin page',
      to: 'Moved page',
      reason: 'rename',
      token,
      formatversion: '2',
    });
    expect(moved.json.move).toMatchObject({ from: 'Admin page', to: 'Moved page', redirectcreated: true });

    const protectedRes = await api.post({
      action: 'protect',
      title: 'Moved page',
      protections: 'edit=sysop|move=sysop',
      expiry: '1 week',
      token,
    });
    expect((protectedRes.json.protect as { protections: unknown[] }).protections).toHaveLength(2);

    const deleted = await api.post({ action: 'delete', title: 'Moved page', reason: 'cleanup', token });
    expect(deleted.json.delete).toMatchObject({ title: 'Moved page', reason: 'cleanup' });
    const restored = await api.post({ action: 'undelete', title: 'Moved page', token });
    // The creation plus the null revisions the move and the protection added to the history.
    expect(restored.json.undelete).toMatchObject({ title: 'Moved page', revisions: 3 });
  });

  it('rejects a protection without a level with badvalue', async () => {
    await edit({ title: 'Protect me', text: 'x' });
    const res = await api.post({ action: 'protect', title: 'Protect me', protections: 'edit', token });
    expect(res.json.error).toMatchObject({ code: 'badvalue' });
  });

  it('blocks and unblocks a user', async () => {
    await t.createUser('Troll', 'troll password');
    const blocked = await api.post({
      action: 'block',
      user: 'Troll',
      expiry: '3 days',
      reason: 'spam',
      nocreate: '1',
      token,
      formatversion: '2',
    });
    expect(blocked.json.block).toMatchObject({ user: 'Troll', reason: 'spam', nocreate: true });
    const again = await api.post({ action: 'block', user: 'Troll', token });
    expect(again.json.error).toMatchObject({ code: 'alreadyblocked' });
    const unblocked = await api.post({ action: 'unblock', user: 'Troll', reason: 'ok', token });
    expect(unblocked.json.unblock).toMatchObject({ user: 'Troll', reason: 'ok' });
  });

  it('patrols a revision with the patrol token', async () => {
    await t.createUser('Newbie', 'newbie password');
    const newbie = new ApiClient(t);
    await newbie.login('Newbie', 'newbie password');
    const created = (
      await newbie.post({ action: 'edit', title: 'Patrol me', text: 'x', token: await newbie.token() })
    ).json.edit as Record<string, number>;
    const res = await api.post({
      action: 'patrol',
      revid: String(created.newrevid),
      token: await api.token('patrol'),
    });
    expect(res.json.patrol).toMatchObject({ title: 'Patrol me' });
  });
});
