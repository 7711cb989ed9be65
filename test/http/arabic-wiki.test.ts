import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWikis } from '../../src/demo/demo-wikis.ts';
import { PresetCoverageCheck } from '../../src/review/preset-coverage.ts';
import { presetChoiceOf } from '../../src/review/review-presets.ts';
import { ApiClient, TEST_WIKI, buildTestApp, type TestApp } from '../factories/app.ts';

/**
 * An Arabic wiki (the demo family's `arwiki`) served next to an English one: its content language
 * and direction reach siteinfo and the page views, its review preset is Arabic Wikipedia's, and
 * API errors come back in Arabic when the error language is Arabic.
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let ar: ApiClient;
let en: ApiClient;

beforeAll(async () => {
  t = await buildTestApp();
  const arwiki = demoWikis().find((w) => w.id === 'arwiki')!;
  await t.services.wikis.upsert(arwiki, t.now());
  const visitor = await t.services.accounts.actorFor('arwiki', undefined, '127.0.0.1');
  await t.services.wikiSources
    .for('arwiki')
    .edit(visitor, { title: 'القاهرة', text: "'''القاهرة''' عاصمة مصر.\n\n[[تصنيف:عواصم]]\n" });
  ar = new ApiClient(t, '/arwiki/w/api.php');
  en = new ApiClient(t);
});
afterAll(async () => t?.close());

describe('an Arabic wiki', () => {
  it('reports its content language and right-to-left direction in siteinfo, and an English wiki left-to-right', async () => {
    const general = async (api: ApiClient) =>
      (
        (await api.get({ action: 'query', meta: 'siteinfo', siprop: 'general', formatversion: '2' }))
          .json as Json
      ).query.general;
    expect(await general(ar)).toMatchObject({ lang: 'ar', rtl: true, mainpage: 'الصفحة الرئيسية' });
    expect(await general(en)).toMatchObject({ lang: 'en', rtl: false });
  });

  it('shows its pages as Arabic, right to left', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/arwiki/wiki/${encodeURIComponent('القاهرة')}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="ar" dir="rtl">');
    expect(page.body).toContain('عاصمة مصر');
    const missing = await t.app.inject({
      method: 'GET',
      url: `/arwiki/wiki/${encodeURIComponent('لا_توجد')}`,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('<html lang="ar" dir="rtl">');
    const english = await t.app.inject({ method: 'GET', url: '/wiki/No_such_page' });
    expect(english.body).toContain('<html lang="en" dir="ltr">');
  });

  it("takes Arabic Wikipedia's review preset, the file named after it", () => {
    expect(presetChoiceOf(t.services.wikis.get('arwiki').info)).toEqual({ name: 'arwiki', reason: 'wiki' });
  });

  it('finds the Draft namespace of its preset, and its categories missing until the wiki has them', async () => {
    const coverage = await new PresetCoverageCheck({
      store: t.services.store,
      wikis: t.services.wikis,
      presets: t.services.review.presets,
    }).check('arwiki');
    expect(coverage.missing.namespaces).toEqual([]);
    expect(coverage.missing.categories).toContain('صفحات مرشحة للحذف السريع');
    expect(coverage.missing.templates).toContain('شطب');
  });
});

describe('API errors in Arabic', () => {
  const badLimit = { action: 'query', list: 'allpages', aplimit: 'many', formatversion: '2' };
  const arabicBadInteger = 'القيمة "many" غير صالحة للوسيط العددي "aplimit".';

  it('renders a catalogued error in Arabic with errorformat=plaintext and uselang=ar', async () => {
    const res = (await en.get({ ...badLimit, errorformat: 'plaintext', uselang: 'ar' })).json as Json;
    expect(res.errors).toEqual([{ code: 'badinteger', text: arabicBadInteger, module: 'query' }]);
  });

  it('takes errorlang over uselang, and the content language for errorlang=content', async () => {
    const byErrorlang = (
      await en.get({ ...badLimit, errorformat: 'plaintext', uselang: 'de', errorlang: 'ar' })
    ).json as Json;
    expect(byErrorlang.errors[0].text).toBe(arabicBadInteger);
    const byContent = (
      await ar.get({ ...badLimit, errorformat: 'html', uselang: 'en', errorlang: 'content' })
    ).json as Json;
    expect(byContent.errors[0].html).toBe(
      'القيمة &quot;many&quot; غير صالحة للوسيط العددي &quot;aplimit&quot;.',
    );
  });

  it("speaks the Arabic wiki's language by default, as the user's language defaults to it", async () => {
    const res = (await ar.get({ ...badLimit, errorformat: 'plaintext' })).json as Json;
    expect(res.errors[0].text).toBe(arabicBadInteger);
  });

  it('keeps English in the backwards-compatible format and for a language without the message', async () => {
    const bc = (await ar.get({ ...badLimit, uselang: 'ar' })).json as Json;
    expect(bc.error.info).toBe('Invalid value "many" for integer parameter "aplimit".');
    const german = (await en.get({ ...badLimit, errorformat: 'plaintext', uselang: 'de' })).json as Json;
    expect(german.errors[0].text).toBe('Invalid value "many" for integer parameter "aplimit".');
  });

  it("words warnings in Arabic with Arabic's dual", async () => {
    const res = (
      await en.get({
        action: 'query',
        meta: 'siteinfo',
        formatversion: '2',
        errorformat: 'plaintext',
        uselang: 'ar',
        foo: '1',
        bar: '2',
      })
    ).json as Json;
    expect(res.warnings).toContainEqual({
      code: 'unrecognizedparams',
      text: 'وسيطان غير معروفين: foo, bar.',
      module: 'main',
    });
  });
});

it('serves the test wiki too', () => {
  expect(t.services.wikis.get(TEST_WIKI).info.lang).toBe('en');
});
