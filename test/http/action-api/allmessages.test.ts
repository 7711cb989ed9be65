import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, TEST_WIKI, buildTestApp, type TestApp } from '../../factories/app.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The catalog files themselves are the oracle for the defaults. */
const en = JSON.parse(readFileSync(new URL('../../../i18n/en.json', import.meta.url), 'utf8')) as Record<
  string,
  string
>;
const de = JSON.parse(readFileSync(new URL('../../../i18n/de.json', import.meta.url), 'utf8')) as Record<
  string,
  string
>;

let t: TestApp;
let admin: ApiClient;
let anon: ApiClient;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Admin', 'admin password', ['sysop']);
  admin = new ApiClient(t);
  anon = new ApiClient(t);
  await admin.login('Admin', 'admin password');
  await edit('MediaWiki:Tagline', 'Our own tagline on {{SITENAME}}');
  await edit('MediaWiki:Tagline/de', 'Unsere eigene Zeile');
  await edit('MediaWiki:Local-only-note', 'A message only this wiki has');
});
afterAll(async () => {
  await t.close();
});

async function edit(title: string, text: string): Promise<void> {
  const res = (
    await admin.post({ action: 'edit', title, text, token: await admin.token(), formatversion: '2' })
  ).json as Json;
  expect(res.edit?.result).toBe('Success');
  t.advance(1);
}

async function allmessages(params: Record<string, string>): Promise<Json> {
  return (await anon.get({ action: 'query', meta: 'allmessages', ...params })).json as Json;
}

describe('meta=allmessages', () => {
  it('answers the catalog text of named messages and marks unknown names missing (formatversion 2)', async () => {
    const res = await allmessages({
      ammessages: 'mainpage-description|Revertpage|no-such-message',
      formatversion: '2',
    });
    expect(res.query.allmessages).toEqual([
      {
        name: 'mainpage-description',
        normalizedname: 'mainpage-description',
        content: en['mainpage-description'],
      },
      { name: 'Revertpage', normalizedname: 'revertpage', content: en.revertpage },
      { name: 'no-such-message', normalizedname: 'no-such-message', missing: true },
    ]);
  });

  it('puts the content under * and missing as "" in formatversion 1', async () => {
    const res = await allmessages({ ammessages: 'sitetitle|no-such-message' });
    expect(res.query.allmessages).toEqual([
      { name: 'sitetitle', normalizedname: 'sitetitle', '*': en.sitetitle },
      { name: 'no-such-message', normalizedname: 'no-such-message', missing: '' },
    ]);
  });

  it("prefers the wiki's MediaWiki: page and gives the catalog text as default", async () => {
    const res = await allmessages({ ammessages: 'tagline|sitetitle', amprop: 'default', formatversion: '2' });
    expect(res.query.allmessages).toEqual([
      {
        name: 'tagline',
        normalizedname: 'tagline',
        content: 'Our own tagline on {{SITENAME}}',
        default: en.tagline,
      },
      { name: 'sitetitle', normalizedname: 'sitetitle', content: en.sitetitle },
    ]);
  });

  it('filters by customisation state', async () => {
    const modified = await allmessages({ amcustomised: 'modified', amnocontent: '1', formatversion: '2' });
    expect(modified.query.allmessages).toEqual([
      { name: 'tagline', normalizedname: 'tagline', customised: true },
    ]);
    const unmodified = await allmessages({
      amcustomised: 'unmodified',
      amnocontent: '1',
      formatversion: '2',
    });
    const names = unmodified.query.allmessages.map((m: Json) => m.name);
    expect(names).not.toContain('tagline');
    expect(names).toContain('revertpage');
    expect(unmodified.query.allmessages.every((m: Json) => !('customised' in m))).toBe(true);
  });

  it('answers another language from its catalog and its /lang pages, English where it has none', async () => {
    const res = await allmessages({
      ammessages: 'mainpage|tagline|sitetitle',
      amlang: 'de',
      formatversion: '2',
    });
    expect(res.query.allmessages.map((m: Json) => m.content)).toEqual([
      de.mainpage,
      'Unsere eigene Zeile',
      en.sitetitle,
    ]);
  });

  it('lists every catalog key sorted with *, narrowed by prefix, filter, from and to', async () => {
    const keys = Object.keys(en)
      .filter((k) => k !== '@metadata')
      .sort();
    const all = await allmessages({ amnocontent: '1', formatversion: '2' });
    expect(all.query.allmessages.map((m: Json) => m.name)).toEqual(keys);
    const prefixed = await allmessages({ amprefix: 'pagetitle', amnocontent: '1', formatversion: '2' });
    expect(prefixed.query.allmessages.map((m: Json) => m.name)).toEqual(
      keys.filter((k) => k.startsWith('pagetitle')),
    );
    const filtered = await allmessages({ amfilter: 'main', amnocontent: '1', formatversion: '2' });
    expect(filtered.query.allmessages.map((m: Json) => m.name)).toEqual(
      keys.filter((k) => k.includes('main')),
    );
    const ranged = await allmessages({
      amfrom: 'mainpage',
      amto: 'pagetitle',
      amnocontent: '1',
      formatversion: '2',
    });
    expect(ranged.query.allmessages.map((m: Json) => m.name)).toEqual(
      keys.filter((k) => k >= 'mainpage' && k <= 'pagetitle'),
    );
  });

  it('adds the MediaWiki-namespace pages that are not catalog messages with amincludelocal', async () => {
    const res = await allmessages({ amincludelocal: '1', amprefix: 'local', formatversion: '2' });
    expect(res.query.allmessages).toEqual([
      { name: 'local-only-note', normalizedname: 'local-only-note', content: 'A message only this wiki has' },
    ]);
  });

  it('fills $n from amargs, and expands magic words and PLURAL only with amenableparser', async () => {
    const plain = await allmessages({
      ammessages: 'pagetriage-notification-add-maintenance-tag',
      amargs: 'Foo|Bob|stub|1',
      formatversion: '2',
    });
    expect(plain.query.allmessages[0].content).toBe(
      en['pagetriage-notification-add-maintenance-tag']!.replace('$1', 'Foo')
        .replace('$2', 'Bob')
        .replace('$3', 'stub')
        .replace(/\$4/g, '1'),
    );
    const one = await allmessages({
      ammessages: 'pagetriage-notification-add-maintenance-tag',
      amargs: 'Foo|Bob|stub|1',
      amenableparser: '1',
      formatversion: '2',
    });
    expect(one.query.allmessages[0].content).toBe('Bob tagged the page Foo with one maintenance tag: stub.');
    const two = await allmessages({
      ammessages: 'pagetriage-notification-add-maintenance-tag|tagline|pagetitle',
      amargs: 'Foo|Bob|stub, orphan|2',
      amenableparser: '1',
      formatversion: '2',
    });
    expect(two.query.allmessages.map((m: Json) => m.content)).toEqual([
      'Bob tagged the page Foo with 2 maintenance tags: stub, orphan.',
      `Our own tagline on Wiki ${TEST_WIKI}`,
      `Foo – Wiki ${TEST_WIKI}`,
    ]);
  });

  it('refuses a language code that is not one', async () => {
    const res = await allmessages({ ammessages: 'mainpage', amlang: 'de/../x', formatversion: '2' });
    expect(res.error?.code).toBe('invalidlang');
  });

  it("names a wiki's main page setting as its mainpage message", async () => {
    const info = t.services.wikis.get(TEST_WIKI).info;
    await t.services.wikis.upsert(
      { ...info, id: 'dewiki', lang: 'de', settings: { mainPage: 'Wikipedia:Hauptseite' } },
      t.now(),
    );
    const res = (
      await new ApiClient(t, '/dewiki/w/api.php').get({
        action: 'query',
        meta: 'allmessages',
        ammessages: 'mainpage',
        formatversion: '2',
      })
    ).json as Json;
    expect(res.query.allmessages[0].content).toBe('Wikipedia:Hauptseite');
  });
});
