import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CredentialVault } from '../../src/core/accounts/credential-vault.ts';
import { hashSessionId, WikiCredentials } from '../../src/core/accounts/wiki-credentials.ts';
import { MediaWikiApi } from '../../src/wiki-source/mediawiki/mediawiki-api.ts';
import { datasetIdAt } from '../../src/suggestions/domain/image-suggestion.ts';
import { createWorker, mediaWikiMirror } from '../../src/create-worker.ts';
import { ApiClient, buildTestApp, type TestApp } from '../factories/app.ts';
import { addMediaRepo, bitmap, uploadFiles } from '../factories/media.ts';
import { newSuggestion } from '../factories/suggestions.ts';
import {
  describeWithMediaWiki,
  startRealMediaWiki,
  type RealMediaWiki,
} from '../factories/real-mediawiki.ts';

/**
 * Acting on a real MediaWiki in the user's name (issue 16 item 4): a login to the followed wiki is
 * checked by the wiki (clientlogin relayed, or a bot password through action=login), and the
 * user's review, maintenance tag and image acceptance are made on the wiki as that user. The
 * oracle is the wiki's own API: its patrol log, its page text and the revisions' authors.
 */

const WIKI = 'actedwiki';

describeWithMediaWiki('acting on a real MediaWiki in the name of the user who signed in', () => {
  let mw: RealMediaWiki;
  let t: TestApp;
  let botPassword: string;

  const mirror = () => mediaWikiMirror(t.services);
  const wikiApi = (params: Record<string, string>) => mw.query(params);
  const wikiText = async (title: string) => {
    const [page] = (
      await wikiApi({
        action: 'query',
        titles: title,
        prop: 'revisions',
        rvprop: 'content|user',
        rvslots: 'main',
      })
    ).query.pages!;
    const [rev] = page!.revisions as { user: string; slots: { main: { content: string } } }[];
    return { user: rev!.user, text: rev!.slots.main.content };
  };

  let worker: ReturnType<typeof createWorker> | undefined;
  async function catchUp() {
    for (;;) if ((await mirror().followOnce(WIKI, { namespaces: [0, 2] })).caughtUp) break;
    const { dispatcher, runner } = (worker ??= createWorker(t.services));
    for (;;) {
      const dispatched = await dispatcher.dispatchOnce();
      const r = await runner.runOnce({ limit: 20 });
      if (dispatched + r.ran + r.failed + r.dead === 0) return;
    }
  }

  const client = () => new ApiClient(t, `/${WIKI}/w/api.php`);
  async function token(c: ApiClient, type = 'csrf'): Promise<string> {
    const r = await c.get({ action: 'query', meta: 'tokens', type, formatversion: '2' });
    return (r.json.query as { tokens: Record<string, string> }).tokens[`${type}token`]!;
  }
  async function clientLogin(c: ApiClient, username: string, password: string) {
    const r = await c.post({
      action: 'clientlogin',
      username,
      password,
      loginreturnurl: 'http://localhost/',
      logintoken: await token(c, 'login'),
      formatversion: '2',
    });
    return r.json.clientlogin as Record<string, unknown>;
  }
  /** pagetriageaction marking the page reviewed, as the curation toolbar does; answers the response. */
  const markReviewed = async (c: ApiClient, id: number) =>
    (
      await c.post({
        action: 'pagetriageaction',
        pageid: String(id),
        reviewed: '1',
        token: await token(c),
        formatversion: '2',
      })
    ).json;
  const pageId = async (title: string) =>
    (await t.services.store.pages.getByTitle(WIKI, 0, title.replaceAll(' ', '_')))!.id;

  beforeAll(async () => {
    // A group of this wiki's own, unknown to wikiqueue's defaults, whose members may patrol.
    mw = await startRealMediaWiki("$wgGroupPermissions['curator']['patrol'] = true;");
    await mw.createUser('Newbie', 'Newbie-password-1234');
    await mw.createUser('Newcomer', 'Newcomer-password-1234');
    await mw.createUser('Patroller', 'Patroller-password-1234', ['sysop']);
    await mw.createUser('Curator', 'Curator-password-1234', ['curator']);
    botPassword = await mw.createBotPassword('Patroller', 'queue', ['basic', 'patrol', 'editpage']);
    t = await buildTestApp();
    t.advance(Math.floor(Date.now() / 1000) - t.now());
    await mirror().connect({ id: WIKI, apiUrl: mw.apiUrl });
    await mirror().followOnce(WIKI, { namespaces: [0, 2] });
    // The next second on the wiki's clock (timestamps have seconds): these come after the start.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    for (const title of [
      'Reviewed on the wiki',
      'Tagged on the wiki',
      'Pictured on the wiki',
      'Curated on the wiki',
      'Moved on the wiki',
      'Deleted on the wiki',
    ])
      await mw.save('Newbie', title, `${title} is an article about a town. `.repeat(8));
    await catchUp();
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await mw?.close();
  });

  it("signs in with the wiki's own account: a wrong password fails on the wiki, the right one opens a session as that account", async () => {
    const c = client();
    expect(await clientLogin(c, 'Patroller', 'not the password')).toMatchObject({ status: 'FAIL' });
    expect(await clientLogin(c, 'Patroller', 'Patroller-password-1234')).toEqual({
      status: 'PASS',
      username: 'Patroller',
    });
    const me = (await c.get({ action: 'query', meta: 'userinfo', uiprop: 'groups', formatversion: '2' })).json
      .query as { userinfo: { id: number; name: string; groups: string[] } };
    const [onWiki] = (await wikiApi({ action: 'query', list: 'users', ususers: 'Patroller' })).query.users!;
    expect(me.userinfo).toMatchObject({ id: onWiki!.userid, name: 'Patroller' });
    expect(me.userinfo.groups).toContain('sysop');
    // What is kept of the wiki's session is sealed; the password is not kept at all.
    const session = await t.services.store.sessions.get(hashSessionId(c.cookie!), t.now());
    expect(session?.wikiCredential).toMatch(/^v1\./);
    expect(session?.wikiCredential).not.toMatch(/session|Patroller/i);
  });

  it('makes no accounts of its own on the wiki: createaccount says to create it on the wiki', async () => {
    const c = client();
    const r = await c.post({
      action: 'createaccount',
      username: 'Someone new',
      password: 'Someone-new-password-1234',
      retype: 'Someone-new-password-1234',
      createreturnurl: 'http://localhost/',
      createtoken: await token(c, 'createaccount'),
      formatversion: '2',
    });
    expect(r.json.createaccount).toMatchObject({ status: 'FAIL', messagecode: 'wiki-accounts-remote' });
    expect(await t.services.store.users.getByName(WIKI, 'Someone new')).toBeUndefined();
  });

  it('a review made through wikiqueue patrols the creation on the wiki, as the reviewer, and is recorded once', async () => {
    const c = client();
    await clientLogin(c, 'Patroller', 'Patroller-password-1234');
    const id = await pageId('Reviewed on the wiki');
    expect(await markReviewed(c, id)).toMatchObject({ pagetriageaction: { result: 'success' } });

    const patrols = (
      await wikiApi({ action: 'query', list: 'logevents', letype: 'patrol', letitle: 'Reviewed on the wiki' })
    ).query.logevents!;
    const [creation] = (
      await wikiApi({
        action: 'query',
        prop: 'revisions',
        titles: 'Reviewed on the wiki',
        rvdir: 'newer',
        rvlimit: '1',
      })
    ).query.pages![0]!.revisions as { revid: number }[];
    expect(patrols).toEqual([
      expect.objectContaining({
        user: 'Patroller',
        params: expect.objectContaining({ curid: creation!.revid }),
      }),
    ]);

    // The follower meets the wiki's patrol: the page stays reviewed, with one curation log entry.
    await catchUp();
    const [row] = (
      (await c.get({ action: 'pagetriagelist', page_id: String(id), showreviewed: '1' })).json
        .pagetriagelist as {
        pages: Record<string, unknown>[];
      }
    ).pages;
    expect(row).toMatchObject({ patrol_status: '1', reviewer: 'Patroller' });
    const curation = await t.services.store.logs.list(WIKI, {
      type: 'pagetriage-curation',
      title: 'Reviewed_on_the_wiki',
      dir: 'older',
      limit: 10,
    });
    expect(curation.map((e) => e.action)).toEqual(['reviewed-article']);
  });

  it("takes the account's rights from the wiki: a member of a group only the wiki defines may review there", async () => {
    const c = client();
    expect(await clientLogin(c, 'Curator', 'Curator-password-1234')).toMatchObject({ status: 'PASS' });
    const here = (
      await c.get({ action: 'query', meta: 'userinfo', uiprop: 'rights|groups', formatversion: '2' })
    ).json.query as { userinfo: { rights: string[]; groups: string[] } };
    const [there] = (
      await wikiApi({ action: 'query', list: 'users', ususers: 'Curator', usprop: 'rights|groups' })
    ).query.users!;
    expect(new Set(here.userinfo.rights)).toEqual(new Set(there!.rights as string[]));
    expect(here.userinfo.rights).toContain('patrol');
    expect(here.userinfo.groups).toContain('curator');

    const id = await pageId('Curated on the wiki');
    expect(await markReviewed(c, id)).toMatchObject({ pagetriageaction: { result: 'success' } });
    const patrols = (
      await wikiApi({ action: 'query', list: 'logevents', letype: 'patrol', letitle: 'Curated on the wiki' })
    ).query.logevents!;
    expect(patrols.map((e) => e.user)).toEqual(['Curator']);
  });

  it("a maintenance tag added through wikiqueue changes the page's text on the wiki, in the tagger's name, and is here at once", async () => {
    const c = client();
    await clientLogin(c, 'Patroller', 'Patroller-password-1234');
    const id = await pageId('Tagged on the wiki');
    const r = await c.post({
      action: 'pagetriagetagging',
      pageid: String(id),
      top: '{{Orphan|date=December 2026}}',
      taglist: 'orphan',
      token: await token(c),
      formatversion: '2',
    });
    expect(r.json).toMatchObject({ pagetriagetagging: { result: 'success' } });
    const onWiki = await wikiText('Tagged on the wiki');
    expect(onWiki.user).toBe('Patroller');
    expect(onWiki.text.startsWith('{{Orphan|date=December 2026}}')).toBe(true);
    expect(onWiki.text).toContain('Tagged on the wiki is an article about a town.');
    // Brought in before the answer: the store has the wiki's newest revision without a follow round.
    const [latest] = (
      await wikiApi({ action: 'query', prop: 'revisions', titles: 'Tagged on the wiki', rvprop: 'ids' })
    ).query.pages![0]!.revisions as { revid: number }[];
    expect((await t.services.store.pages.getById(WIKI, id))?.latestRevId).toBe(latest!.revid);
  });

  it('accepting an image suggestion through wikiqueue adds the file to the page on the wiki', async () => {
    await addMediaRepo(t);
    await uploadFiles(t, [{ name: 'Town_square.jpg', bytes: await bitmap(800, 600, 'jpeg') }]);
    const id = await pageId('Pictured on the wiki');
    await t.services.suggestions.replacePageSuggestions(WIKI, id, datasetIdAt(Date.now(), randomBytes(10)), [
      newSuggestion('Town_square.jpg'),
    ]);
    const c = client();
    await clientLogin(c, 'Newcomer', 'Newcomer-password-1234');
    const options = await c.post({
      action: 'options',
      change: 'growthexperiments-homepage-enable=1|growthexperiments-homepage-suggestededits-activated=1',
      token: await token(c),
      formatversion: '2',
    });
    expect(options.json).toMatchObject({ options: 'success' });
    const r = await c.post({
      action: 'edit',
      title: 'Pictured on the wiki',
      plugins: 'ge-task-image-recommendation',
      'data-ge-task-image-recommendation': JSON.stringify({
        taskType: 'image-recommendation',
        filename: 'Town_square.jpg',
        accepted: true,
        reasons: [],
        caption: 'The town square in summer',
        sectionTitle: null,
        sectionNumber: null,
      }),
      token: await token(c),
      formatversion: '2',
    });
    expect(r.json.edit).toMatchObject({ result: 'Success', gelogid: expect.any(Number) });
    const onWiki = await wikiText('Pictured on the wiki');
    expect(onWiki.user).toBe('Newcomer');
    expect(onWiki.text).toBe(
      `[[File:Town square.jpg|thumb|The town square in summer]]\n${'Pictured on the wiki is an article about a town. '.repeat(8).trimEnd()}`,
    );
  });

  it('moves and deletions made through wikiqueue are made on the wiki as the user, and followed back here', async () => {
    const c = client();
    await clientLogin(c, 'Patroller', 'Patroller-password-1234');
    const movedId = await pageId('Moved on the wiki');
    const deletedId = await pageId('Deleted on the wiki');
    const moved = await c.post({
      action: 'move',
      from: 'Moved on the wiki',
      to: 'Moved on the wiki (town)',
      reason: 'a clearer title',
      token: await token(c),
      formatversion: '2',
    });
    expect(moved.json).toMatchObject({ move: { from: 'Moved on the wiki', to: 'Moved on the wiki (town)' } });
    // Edited under its new title before the follower has met the move: still the same page here.
    const edited = await c.post({
      action: 'edit',
      title: 'Moved on the wiki (town)',
      appendtext: '\n\nA line added after the move.',
      token: await token(c),
      formatversion: '2',
    });
    expect(edited.json).toMatchObject({ edit: { result: 'Success', pageid: movedId } });
    expect(await t.services.store.pages.getById(WIKI, movedId)).toMatchObject({
      title: 'Moved_on_the_wiki_(town)',
      latestRevId: (edited.json.edit as { newrevid: number }).newrevid,
    });
    const deleted = await c.post({
      action: 'delete',
      title: 'Deleted on the wiki',
      reason: 'not notable',
      token: await token(c),
      formatversion: '2',
    });
    expect(deleted.json).toMatchObject({
      delete: { title: 'Deleted on the wiki', logid: expect.any(Number) },
    });

    const logs = (await wikiApi({ action: 'query', list: 'logevents', leuser: 'Patroller', lelimit: '50' }))
      .query.logevents!;
    expect(
      logs.filter((e) => e.type === 'move' || e.type === 'delete').map((e) => [e.type, e.title]),
    ).toEqual([
      ['delete', 'Deleted on the wiki'],
      ['move', 'Moved on the wiki'],
    ]);
    await catchUp();
    expect(await t.services.store.pages.getById(WIKI, movedId)).toMatchObject({
      title: 'Moved_on_the_wiki_(town)',
    });
    expect(await t.services.store.pages.getById(WIKI, deletedId)).toBeUndefined();
  });

  it("a bot password of the user's signs in through action=login and acts within its grants", async () => {
    const c = client();
    expect(await c.login('Patroller@queue', botPassword)).toMatchObject({
      result: 'Success',
      lgusername: 'Patroller',
    });
    const r = await c.post({
      action: 'edit',
      title: 'Reviewed on the wiki',
      appendtext: '\n\nSee also the town hall.',
      summary: 'through a bot password',
      token: await token(c),
      formatversion: '2',
    });
    expect(r.json).toMatchObject({ edit: { result: 'Success' } });
    const onWiki = await wikiText('Reviewed on the wiki');
    expect(onWiki).toMatchObject({ user: 'Patroller' });
    expect(onWiki.text.endsWith('See also the town hall.')).toBe(true);
    // A wrong bot password is the wiki's refusal.
    expect(await client().login('Patroller@queue', 'wrong')).toMatchObject({ result: 'Failed' });
  });

  it('signing out of wikiqueue signs out of the wiki; a change in a session the wiki has ended is refused with wiki-login-required', async () => {
    const credentials = new WikiCredentials({
      store: t.services.store,
      clock: t.services.clock,
      vault: new CredentialVault(t.services.config.auth.secretKey),
    });
    const wikiSessionOf = async (c: ApiClient) =>
      new MediaWikiApi({
        wiki: WIKI,
        apiUrl: mw.apiUrl,
        userAgent: 'wikiqueue-tests',
        cookies: (await credentials.of(WIKI, c.cookie!))!,
      });
    const whoOnWiki = async (api: MediaWikiApi) =>
      (
        (await api.get({ action: 'query', meta: 'userinfo' })).query!.userinfo as {
          name: string;
          anon?: true;
        }
      ).anon
        ? 'anonymous'
        : 'signed in';

    const leaving = client();
    await clientLogin(leaving, 'Patroller', 'Patroller-password-1234');
    const onWiki = await wikiSessionOf(leaving);
    expect(await whoOnWiki(onWiki)).toBe('signed in');
    await leaving.post({ action: 'logout', token: await token(leaving), formatversion: '2' });
    expect(await whoOnWiki(onWiki)).toBe('anonymous');

    // Ended on the wiki (signed out there) while the session here lives on.
    const c = client();
    await clientLogin(c, 'Patroller', 'Patroller-password-1234');
    await (await wikiSessionOf(c)).post({ action: 'logout' });
    const r = await c.post({
      action: 'edit',
      title: 'Tagged on the wiki',
      appendtext: '\nMore.',
      token: await token(c),
      formatversion: '2',
    });
    expect(r.json).toMatchObject({ error: { code: 'wiki-login-required' } });
  });

  it('refuses a change made without a session on the wiki (a job, an operation of the service) with wiki-login-required', async () => {
    // A session that did not come from a login on the wiki (a job acts with none).
    const actor = await t.services.accounts.actorForUser(
      WIKI,
      (await t.services.store.users.getByName(WIKI, 'Patroller'))!.id,
    );
    await expect(
      t.services.wikiSources.for(WIKI).edit(actor, { title: 'Tagged on the wiki', appendText: '\nMore.' }),
    ).rejects.toMatchObject({ code: 'wiki-login-required' });
  });
});
