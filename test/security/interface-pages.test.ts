import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../factories/app.ts';

/**
 * Issue 10 item 2: interface pages (the MediaWiki namespace) and user CSS/JSON/JS subpages are
 * guarded as MediaWiki's PermissionManager guards them, with its default groups
 * (MainConfigSchema::GroupPermissions): `editinterface` for the namespace ($wgNamespaceProtection),
 * `editsite{css,json,js}` for site config pages (sysop has only `editsitejson`; interface-admin all
 * three), `edituser{css,json,js}` for other users' config pages (sysop: `edituserjson` only) and
 * `editmyuser{css,json,js}` (group `user`) for one's own. API error codes as ApiMessageTrait maps
 * them (`protectedinterface` → `protectednamespace-interface`).
 */

let t: TestApp;
const anon = (): ApiClient => new ApiClient(t);
let newcomer: ApiClient;
let sysop: ApiClient;
let interfaceAdmin: ApiClient;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Newcomer', 'newcomer password');
  await t.createUser('Other', 'other password');
  await t.createUser('Admin', 'admin password', ['sysop']);
  await t.createUser('Iadmin', 'iadmin password', ['interface-admin']);
  newcomer = new ApiClient(t);
  await newcomer.login('Newcomer', 'newcomer password');
  sysop = new ApiClient(t);
  await sysop.login('Admin', 'admin password');
  interfaceAdmin = new ApiClient(t);
  await interfaceAdmin.login('Iadmin', 'iadmin password');
});
afterAll(async () => {
  await t.close();
});
// Each test starts a fresh minute of $wgRateLimits' edit limits (8 a minute for newcomers and visitors).
beforeEach(() => {
  t.advance(61);
});

async function edit(client: ApiClient, title: string, text = 'x'): Promise<Record<string, unknown>> {
  return (await client.post({ action: 'edit', title, text, token: await client.token() })).json;
}

async function move(client: ApiClient, from: string, to: string): Promise<Record<string, unknown>> {
  return (await client.post({ action: 'move', from, to, token: await client.token() })).json;
}

function errorCode(res: Record<string, unknown>): string | undefined {
  return (res.error as { code?: string } | undefined)?.code;
}

describe('the MediaWiki namespace needs editinterface', () => {
  it('refuses an anonymous creation of MediaWiki:Common.js', async () => {
    expect(errorCode(await edit(anon(), 'MediaWiki:Common.js', 'alert(1)'))).toBe(
      'protectednamespace-interface',
    );
    expect(await t.services.wikiSources.for('testwiki').getPageText('MediaWiki:Common.js')).toBeUndefined();
  });

  it('refuses a newcomer creating MediaWiki:Sitenotice', async () => {
    expect(errorCode(await edit(newcomer, 'MediaWiki:Sitenotice', 'Hello'))).toBe(
      'protectednamespace-interface',
    );
  });

  it('refuses a newcomer editing an existing interface message', async () => {
    expect((await edit(sysop, 'MediaWiki:Mainpage-description', 'Main')).edit).toBeDefined();
    expect(errorCode(await edit(newcomer, 'MediaWiki:Mainpage-description', 'Defaced'))).toBe(
      'protectednamespace-interface',
    );
  });

  it('lets a sysop edit an interface message and site JSON, but not site CSS or JS', async () => {
    expect((await edit(sysop, 'MediaWiki:Sitenotice', 'Notice')).edit).toMatchObject({ result: 'Success' });
    expect((await edit(sysop, 'MediaWiki:Settings.json', '{}')).edit).toMatchObject({ result: 'Success' });
    expect(errorCode(await edit(sysop, 'MediaWiki:Common.css', 'body{}'))).toBe('sitecssprotected');
    expect(errorCode(await edit(sysop, 'MediaWiki:Common.js', 'x'))).toBe('sitejsprotected');
  });

  it('lets an interface administrator edit site CSS and JS', async () => {
    expect((await edit(interfaceAdmin, 'MediaWiki:Common.js', 'mw.log(1)')).edit).toMatchObject({
      result: 'Success',
    });
    expect((await edit(interfaceAdmin, 'MediaWiki:Common.css', 'body{}')).edit).toMatchObject({
      result: 'Success',
    });
  });

  it('refuses moving a page into the MediaWiki namespace without editinterface', async () => {
    expect((await edit(newcomer, 'Newcomer draft', 'text')).edit).toBeDefined();
    expect(errorCode(await move(newcomer, 'Newcomer draft', 'MediaWiki:Sitenotice-id'))).toBe(
      'protectednamespace-interface',
    );
    expect(await t.services.wikiSources.for('testwiki').getPageText('Newcomer draft')).toBeDefined();
  });

  it('refuses moving an interface page out of the MediaWiki namespace without editinterface', async () => {
    expect((await edit(sysop, 'MediaWiki:Movable', 'text')).edit).toBeDefined();
    expect(errorCode(await move(newcomer, 'MediaWiki:Movable', 'Not interface'))).toBe(
      'protectednamespace-interface',
    );
    expect(await t.services.wikiSources.for('testwiki').getPageText('MediaWiki:Movable')).toBeDefined();
  });

  it('refuses a sysop moving a page onto a site JS page', async () => {
    expect((await edit(sysop, 'MediaWiki:Script source', 'x')).edit).toBeDefined();
    expect(errorCode(await move(sysop, 'MediaWiki:Script source', 'MediaWiki:Gadget.js'))).toBe(
      'sitejsprotected',
    );
  });
});

describe('user CSS, JSON and JS subpages', () => {
  it("refuses a newcomer creating another user's CSS, JSON and JS", async () => {
    expect(errorCode(await edit(newcomer, 'User:Other/common.js'))).toBe('customjsprotected');
    expect(errorCode(await edit(newcomer, 'User:Other/common.css'))).toBe('customcssprotected');
    expect(errorCode(await edit(newcomer, 'User:Other/settings.json', '{}'))).toBe('customjsonprotected');
  });

  it('lets a newcomer edit their own CSS, JSON and JS', async () => {
    for (const [title, text] of [
      ['User:Newcomer/common.js', 'mw.log(1)'],
      ['User:Newcomer/common.css', 'body{}'],
      ['User:Newcomer/settings.json', '{}'],
    ] as const) {
      expect((await edit(newcomer, title, text)).edit, title).toMatchObject({ result: 'Success' });
    }
  });

  it("refuses a newcomer editing another user's existing JS page", async () => {
    const other = new ApiClient(t);
    await other.login('Other', 'other password');
    expect((await edit(other, 'User:Other/vector.js', 'mw.log(2)')).edit).toBeDefined();
    expect(errorCode(await edit(newcomer, 'User:Other/vector.js', 'steal()'))).toBe('customjsprotected');
  });

  it("lets a sysop edit another user's JSON but not their CSS or JS", async () => {
    expect((await edit(sysop, 'User:Other/prefs.json', '{}')).edit).toMatchObject({ result: 'Success' });
    expect(errorCode(await edit(sysop, 'User:Other/common.css'))).toBe('customcssprotected');
    expect(errorCode(await edit(sysop, 'User:Other/common.js'))).toBe('customjsprotected');
  });

  it('refuses a visitor their "own" script page: only accounts have editmyuserjs', async () => {
    expect(errorCode(await edit(anon(), 'User:127.0.0.1/common.js'))).toBe('mycustomjsprotected');
  });

  it('leaves user subpages that are not CSS, JSON or JS open', async () => {
    expect((await edit(newcomer, 'User:Other/notes', 'hello')).edit).toMatchObject({ result: 'Success' });
  });
});

describe('intestactions and userinfo agree with the write checks', () => {
  async function testActions(client: ApiClient, titles: string): Promise<Record<string, unknown>[]> {
    const res = await client.get({
      action: 'query',
      prop: 'info',
      titles,
      intestactions: 'edit|move|create',
      formatversion: '2',
    });
    return (res.json.query as { pages: Record<string, unknown>[] }).pages;
  }

  it('answers edit=false where the edit is refused, true where it is allowed', async () => {
    const pages = await testActions(
      newcomer,
      'MediaWiki:Sitenotice|MediaWiki:Not yet there|User:Other/common.js|User:Newcomer/common.js',
    );
    const byTitle = new Map(pages.map((p) => [p.title, p.actions as Record<string, boolean>]));
    expect(byTitle.get('MediaWiki:Sitenotice')).toMatchObject({ edit: false, move: false });
    expect(byTitle.get('MediaWiki:Not yet there')?.edit).toBe(false);
    expect(byTitle.get('User:Other/common.js')?.edit).toBe(false);
    expect(byTitle.get('User:Newcomer/common.js')?.edit).toBe(true);
  });

  it('answers edit=true for an interface administrator on site JS', async () => {
    const [page] = await testActions(interfaceAdmin, 'MediaWiki:Common.js');
    expect(page?.actions).toMatchObject({ edit: true, move: true });
  });

  it("lists a newcomer's rights without editinterface and with editmyuserjs", async () => {
    const res = await newcomer.get({ action: 'query', meta: 'userinfo', uiprop: 'rights' });
    const rights = (res.json.query as { userinfo: { rights: string[] } }).userinfo.rights;
    expect(rights).toContain('editmyuserjs');
    expect(rights).not.toContain('editinterface');
    expect(rights).not.toContain('edituserjs');
  });
});
