import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../factories/app.ts';

/**
 * Issue 10 item 18: create protection as MediaWiki has it (protected_titles). `action=protect`
 * with `protections=create=<level>` on a title without a page stores it; creating the page, or
 * moving a page onto the title, is refused with `protectedtitle` (ApiMessageTrait's code for
 * `titleprotected` and `cantmove-titleprotected`) unless the user has the level's right
 * (`sysop` → editprotected, `autoconfirmed` → editsemiprotected). `list=protectedtitles` lists
 * them. ApiProtect refuses `create` on an existing page (`create-titleexists`) and other types on
 * a missing one (`missingtitle-createonly`).
 */

let t: TestApp;
let admin: ApiClient;
let newcomer: ApiClient;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Admin', 'admin password', ['sysop']);
  await t.createUser('Newcomer', 'newcomer password');
  admin = new ApiClient(t);
  await admin.login('Admin', 'admin password');
  newcomer = new ApiClient(t);
  await newcomer.login('Newcomer', 'newcomer password');
});
afterAll(async () => {
  await t.close();
});

async function protect(title: string, protections: string, reason = ''): Promise<Record<string, unknown>> {
  return (await admin.post({ action: 'protect', title, protections, reason, token: await admin.token() }))
    .json;
}

async function edit(client: ApiClient, title: string): Promise<Record<string, unknown>> {
  return (await client.post({ action: 'edit', title, text: 'x', token: await client.token() })).json;
}

function errorCode(res: Record<string, unknown>): string | undefined {
  return (res.error as { code?: string } | undefined)?.code;
}

async function protectedTitles(): Promise<Record<string, unknown>[]> {
  const res = await admin.get({
    action: 'query',
    list: 'protectedtitles',
    ptprop: 'level|user|comment|expiry',
    formatversion: '2',
  });
  expect(res.json.error).toBeUndefined();
  return (
    (res.json.query as { protectedtitles?: Record<string, unknown>[] } | undefined)?.protectedtitles ?? []
  );
}

describe('create protection', () => {
  it('protects a title that has no page and lists it', async () => {
    const res = await protect('Salted title', 'create=sysop', 'repeatedly recreated');
    expect(res.protect).toMatchObject({ title: 'Salted title', protections: [{ create: 'sysop' }] });
    expect(await protectedTitles()).toContainEqual(
      expect.objectContaining({
        ns: 0,
        title: 'Salted title',
        level: 'sysop',
        user: 'Admin',
        comment: 'repeatedly recreated',
        expiry: 'infinity',
      }),
    );
  });

  it('refuses creation by a user without the level’s right', async () => {
    await protect('Salted for newcomers', 'create=sysop');
    expect(errorCode(await edit(newcomer, 'Salted for newcomers'))).toBe('protectedtitle');
    expect(await t.services.wikiSources.for('testwiki').getPageText('Salted for newcomers')).toBeUndefined();
  });

  it('refuses an anonymous creation at the autoconfirmed level', async () => {
    await protect('Semi-salted', 'create=autoconfirmed');
    expect(errorCode(await edit(new ApiClient(t), 'Semi-salted'))).toBe('protectedtitle');
  });

  it('refuses moving a page onto a create-protected title', async () => {
    await protect('Salted move target', 'create=sysop');
    expect((await edit(newcomer, 'Newcomer page to move')).edit).toBeDefined();
    const res = await newcomer.post({
      action: 'move',
      from: 'Newcomer page to move',
      to: 'Salted move target',
      token: await newcomer.token(),
    });
    expect(errorCode(res.json)).toBe('protectedtitle');
    expect(await t.services.wikiSources.for('testwiki').getPageText('Salted move target')).toBeUndefined();
  });

  it('lets a sysop create the page, which ends the create protection', async () => {
    await protect('Salted then created', 'create=sysop');
    expect((await edit(admin, 'Salted then created')).edit).toMatchObject({ result: 'Success', new: '' });
    expect((await protectedTitles()).map((p) => p.title)).not.toContain('Salted then created');
  });

  it('is lifted with create=all, after which anyone may create the page', async () => {
    await protect('Salted then lifted', 'create=sysop');
    expect(errorCode(await edit(newcomer, 'Salted then lifted'))).toBe('protectedtitle');
    await protect('Salted then lifted', 'create=all');
    expect((await edit(newcomer, 'Salted then lifted')).edit).toMatchObject({ result: 'Success' });
  });

  it('expires', async () => {
    const res = await admin.post({
      action: 'protect',
      title: 'Briefly salted',
      protections: 'create=sysop',
      expiry: '1 hour',
      token: await admin.token(),
    });
    expect(res.json.protect).toBeDefined();
    expect(errorCode(await edit(newcomer, 'Briefly salted'))).toBe('protectedtitle');
    t.advance(3601);
    expect((await edit(newcomer, 'Briefly salted')).edit).toMatchObject({ result: 'Success' });
  });

  it('is shown by prop=info and answered by intestactions', async () => {
    await protect('Salted for info', 'create=sysop');
    const res = await newcomer.get({
      action: 'query',
      prop: 'info',
      titles: 'Salted for info',
      inprop: 'protection',
      intestactions: 'create|edit',
      formatversion: '2',
    });
    const [page] = (res.json.query as { pages: Record<string, unknown>[] }).pages;
    expect(page?.protection).toEqual([{ type: 'create', level: 'sysop', expiry: 'infinity' }]);
    expect(page?.actions).toEqual({ create: false, edit: false });
  });

  it('answers intestactionsdetail=full with the reasons, empty where allowed (MobileFrontend reads it)', async () => {
    await protect('Salted for detail', 'create=sysop');
    const ask = async (who: ApiClient, errorformat: string) => {
      const res = await who.get({
        action: 'query',
        prop: 'info',
        titles: 'Salted for detail',
        intestactions: 'create|read',
        intestactionsdetail: 'full',
        errorformat,
        formatversion: '2',
      });
      return (res.json.query as { pages: { actions: Record<string, Record<string, unknown>[]> }[] }).pages[0]!
        .actions;
    };
    const plain = await ask(newcomer, 'plaintext');
    expect(plain.read).toEqual([]);
    expect(plain.create).toHaveLength(1);
    expect(plain.create![0]).toMatchObject({ code: 'protectedpage' });
    expect(typeof plain.create![0]!.text).toBe('string');
    const bc = await ask(newcomer, 'bc');
    expect(bc.create![0]).toMatchObject({ code: 'protectedpage', type: 'error' });
    expect(await ask(admin, 'plaintext')).toEqual({ create: [], read: [] });
  });

  it('is refused on an existing page, and other types are refused on a missing one', async () => {
    expect((await edit(admin, 'Existing page')).edit).toBeDefined();
    expect(errorCode(await protect('Existing page', 'create=sysop'))).toBe('create-titleexists');
    expect(errorCode(await protect('No such page', 'edit=sysop'))).toBe('missingtitle-createonly');
  });
});
