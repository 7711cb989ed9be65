import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModuleRegistry } from '../../../src/core/http/action-api/module-registry.ts';
import type { ApiModule } from '../../../src/core/http/action-api/module.ts';
import { registerActionApi } from '../../../src/core/http/action-api/register-action-api.ts';
import { withContent } from '../../../src/core/http/action-api/result-format.ts';
import { defaultNamespaces } from '../../../src/core/domain/namespaces.ts';
import { ApiClient, buildTestApp, type TestApp } from '../../factories/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ wikis: ['testwiki', 'otherwiki'] });
});
afterAll(async () => {
  await t.close();
});

describe('api.php envelope', () => {
  it('answers an unknown action with badvalue in the bc error envelope, HTTP 200 and the error header', async () => {
    const res = await new ApiClient(t).get({ action: 'frobnicate' });
    expect(res.status).toBe(200);
    expect(res.headers['mediawiki-api-error']).toBe('badvalue');
    expect(res.json).toEqual({
      error: {
        code: 'badvalue',
        info: 'Unrecognized value for parameter "action": frobnicate.',
        '*': expect.stringContaining('/w/api.php for API usage'),
      },
    });
  });

  it('puts the docref under "docref" in formatversion 2', async () => {
    const res = await new ApiClient(t).get({ action: 'frobnicate', formatversion: '2' });
    const error = res.json.error as Record<string, unknown>;
    expect(error.code).toBe('badvalue');
    expect(error.docref).toContain('for API usage');
    expect(error['*']).toBeUndefined();
  });

  it('renders errors as a list with text and module for errorformat=plaintext', async () => {
    const res = await new ApiClient(t).get({ action: 'edit', errorformat: 'plaintext', formatversion: '2' });
    expect(res.json.errors).toEqual([
      { code: 'mustbeposted', text: 'The "edit" module requires a POST request.', module: 'edit' },
    ]);
    expect(res.json.docref).toEqual(expect.stringContaining('for API usage'));
  });

  it('puts error text under "*" for errorformat=plaintext in formatversion 1', async () => {
    const res = await new ApiClient(t).get({ action: 'edit', errorformat: 'plaintext' });
    expect(res.json.errors).toEqual([
      { code: 'mustbeposted', '*': 'The "edit" module requires a POST request.', module: 'edit' },
    ]);
  });

  it('renders html-escaped text for errorformat=html and key+params for raw', async () => {
    const html = await new ApiClient(t).get({ action: 'edit', errorformat: 'html', formatversion: '2' });
    expect(html.json.errors).toEqual([
      { code: 'mustbeposted', html: 'The &quot;edit&quot; module requires a POST request.', module: 'edit' },
    ]);
    const raw = await new ApiClient(t).get({ action: 'edit', errorformat: 'raw', formatversion: '2' });
    expect((raw.json.errors as Record<string, unknown>[])[0]).toMatchObject({
      code: 'mustbeposted',
      key: 'apierror-mustbeposted',
    });
    const none = await new ApiClient(t).get({ action: 'edit', errorformat: 'none', formatversion: '2' });
    expect(none.json.errors).toEqual([{ code: 'mustbeposted', module: 'edit' }]);
  });

  it('warns about unrecognized parameters in the main module, per formatversion and errorformat', async () => {
    const api = new ApiClient(t);
    const v1 = await api.get({ action: 'paraminfo', modules: 'login', bogus: '1', other: 'x' });
    expect(v1.json.warnings).toEqual({ main: { '*': 'Unrecognized parameters: bogus, other.' } });
    const v2 = await api.get({ action: 'paraminfo', modules: 'login', bogus: '1', formatversion: '2' });
    expect(v2.json.warnings).toEqual({ main: { warnings: 'Unrecognized parameter: bogus.' } });
    const plain = await api.get({
      action: 'paraminfo',
      modules: 'login',
      bogus: '1',
      formatversion: '2',
      errorformat: 'plaintext',
    });
    expect(plain.json.warnings).toEqual([
      { code: 'unrecognizedparams', text: 'Unrecognized parameter: bogus.', module: 'main' },
    ]);
  });

  it('accepts the main parameters MediaWiki clients send without warnings', async () => {
    const res = await new ApiClient(t).get({
      action: 'paraminfo',
      modules: 'login',
      maxlag: '5',
      origin: '*',
      uselang: 'en',
      errorlang: 'en',
      utf8: '1',
      requestid: 'abc',
      curtimestamp: '1',
      centralauthtoken: 'x',
    });
    expect(res.json.warnings).toBeUndefined();
    expect(res.json.requestid).toBe('abc');
    expect(res.json.curtimestamp).toBe('2023-11-14T22:13:20Z');
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('reports the missing required parameter with missingparam', async () => {
    const api = new ApiClient(t);
    const res = await api.post({ action: 'undelete', token: await api.token() });
    expect(res.json.error).toMatchObject({
      code: 'missingparam',
      info: 'The "title" parameter must be set.',
    });
  });

  it('checks assert=user, assert=anon and assertuser', async () => {
    const api = new ApiClient(t);
    expect(
      ((await api.get({ action: 'paraminfo', assert: 'user' })).json.error as { code: string }).code,
    ).toBe('assertuserfailed');
    expect(
      ((await api.get({ action: 'paraminfo', assert: 'bot' })).json.error as { code: string }).code,
    ).toBe('assertbotfailed');
    expect((await api.get({ action: 'paraminfo', assert: 'anon' })).json.error).toBeUndefined();
    expect(
      ((await api.get({ action: 'paraminfo', assertuser: 'Someone' })).json.error as { code: string }).code,
    ).toBe('assertnameduserfailed');
  });

  it('rejects an unknown enum value of a main parameter with badvalue', async () => {
    const res = await new ApiClient(t).get({ action: 'paraminfo', assert: 'robot' });
    expect(res.json.error).toMatchObject({
      code: 'badvalue',
      info: 'Unrecognized value for parameter "assert": robot.',
    });
  });

  it('serves other wikis under /{wiki}/w/api.php and answers nosuchwiki for unknown ones', async () => {
    const other = await new ApiClient(t, '/otherwiki/w/api.php').get({
      action: 'paraminfo',
      modules: 'login',
    });
    expect(other.json.error).toBeUndefined();
    const unknown = await new ApiClient(t, '/nowiki/w/api.php').get({ action: 'paraminfo' });
    expect(unknown.json.error).toMatchObject({ code: 'nosuchwiki' });
    const alias = await new ApiClient(t, '/api.php').get({ action: 'paraminfo', modules: 'login' });
    expect(alias.json.paraminfo).toBeDefined();
  });

  it('serves a wiki that another process added to the store (a CLI import), without a restart', async () => {
    // Straight into the store, as `wikiqueue import` next to the running server does.
    await t.services.store.wikis.upsert(
      {
        id: 'latewiki',
        lang: 'vi',
        sitename: 'Late wiki',
        baseUrl: '',
        namespaces: defaultNamespaces(),
        isMediaRepo: false,
        source: 'local',
        settings: {},
      },
      t.now(),
    );
    const late = await new ApiClient(t, '/latewiki/w/api.php').get({
      action: 'query',
      meta: 'siteinfo',
      formatversion: '2',
    });
    expect(late.json.error).toBeUndefined();
    expect((late.json.query as { general: { sitename: string } }).general.sitename).toBe('Late wiki');
  });

  it('prints JSON inside an HTML page for jsonfm (the default format) and nothing for format=none', async () => {
    const fm = await new ApiClient(t).get({ action: 'frobnicate', format: 'jsonfm' });
    expect(fm.headers['content-type']).toContain('text/html');
    expect(fm.body).toContain('<pre');
    expect(fm.body).toContain('"code": "badvalue"');
    const none = await new ApiClient(t).get({ action: 'paraminfo', format: 'none' });
    expect(none.body).toBe('');
  });

  it('escapes non-ASCII in formatversion 1 unless utf8 is set, and prints UTF-8 in formatversion 2', async () => {
    const api = new ApiClient(t);
    const v1 = await api.get({ action: 'paraminfo', modules: 'login', requestid: 'Zürich' });
    expect(v1.body).toContain('Z\\u00fcrich');
    const utf8 = await api.get({ action: 'paraminfo', modules: 'login', requestid: 'Zürich', utf8: '1' });
    expect(utf8.body).toContain('Zürich');
    const v2 = await api.get({
      action: 'paraminfo',
      modules: 'login',
      requestid: 'Zürich',
      formatversion: '2',
    });
    expect(v2.body).toContain('Zürich');
  });

  it('accepts POST bodies as multipart/form-data', async () => {
    const boundary = '----wikiqueue';
    const field = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/w/api.php',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload:
        field('action', 'paraminfo') +
        field('modules', 'edit') +
        field('format', 'json') +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nignored\r\n` +
        `--${boundary}--\r\n`,
    });
    const json = JSON.parse(res.body) as { paraminfo: { modules: { name: string }[] } };
    expect(json.paraminfo.modules.map((m) => m.name)).toEqual(['edit']);
  });
});

describe('tokens and POST', () => {
  it('rejects a write module over GET with mustbeposted', async () => {
    const res = await new ApiClient(t).get({ action: 'logout', token: '+\\' });
    expect(res.json.error).toMatchObject({ code: 'mustbeposted' });
  });

  it('answers notoken without a token and badtoken with a wrong one', async () => {
    const api = new ApiClient(t);
    expect((await api.post({ action: 'edit', title: 'X', text: 'y' })).json.error).toMatchObject({
      code: 'notoken',
    });
    expect(
      (await api.post({ action: 'edit', title: 'X', text: 'y', token: 'abc+\\' })).json.error,
    ).toMatchObject({
      code: 'badtoken',
    });
  });
});

describe('internal errors', () => {
  it('turns an uncatalogued exception into internal_api_error_<Name> with a request id, and keeps the stack out', async () => {
    const registry = createModuleRegistry();
    const broken: ApiModule = {
      name: 'broken',
      description: 'Throws.',
      params: {},
      async execute() {
        throw new TypeError('secret detail');
      },
    };
    (registry.actions as Map<string, ApiModule>).set('broken', broken);
    const app = Fastify();
    await registerActionApi(app, t.services, registry);
    const res = await app.inject({ method: 'GET', url: '/w/api.php?action=broken&format=json' });
    await app.close();
    const json = JSON.parse(res.body) as { error: { code: string; info: string; errorclass: string } };
    expect(res.statusCode).toBe(200);
    expect(json.error.code).toBe('internal_api_error_TypeError');
    expect(json.error.info).toMatch(/^\[[0-9a-f-]{36}\] Caught exception of type TypeError$/);
    expect(res.body).not.toContain('secret detail');
  });

  it('renders content markers of module results per formatversion', async () => {
    const registry = createModuleRegistry();
    (registry.actions as Map<string, ApiModule>).set('echo', {
      name: 'echo',
      description: 'Echoes.',
      params: {},
      async execute() {
        return { body: withContent({ text: 'hello', flag: true, off: false }, 'text') };
      },
    });
    const app = Fastify();
    await registerActionApi(app, t.services, registry);
    const v1 = await app.inject({ method: 'GET', url: '/w/api.php?action=echo&format=json' });
    const v2 = await app.inject({ method: 'GET', url: '/w/api.php?action=echo&format=json&formatversion=2' });
    await app.close();
    expect(JSON.parse(v1.body)).toEqual({ echo: { '*': 'hello', flag: '' } });
    expect(JSON.parse(v2.body)).toEqual({ echo: { text: 'hello', flag: true, off: false } });
  });
});
