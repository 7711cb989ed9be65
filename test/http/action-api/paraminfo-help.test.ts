import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../../factories/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

interface ParamInfo {
  name: string;
  type: unknown;
  required: boolean;
  multi: boolean;
  tokentype?: string;
  default?: unknown;
  [k: string]: unknown;
}

describe('action=paraminfo', () => {
  it('describes edit the way MediaWiki does, including the csrf token parameter', async () => {
    const res = await new ApiClient(t).get({ action: 'paraminfo', modules: 'edit', formatversion: '2' });
    const [edit] = (res.json.paraminfo as { modules: Record<string, unknown>[] }).modules;
    expect(edit).toMatchObject({
      name: 'edit',
      path: 'edit',
      group: 'action',
      prefix: '',
      source: 'wikiqueue',
      mustbeposted: true,
      writerights: true,
    });
    const params = edit!.parameters as ParamInfo[];
    const title = params.find((p) => p.name === 'title');
    expect(title).toMatchObject({ index: 1, type: 'title', required: false, multi: false });
    const token = params.find((p) => p.name === 'token');
    expect(token).toMatchObject({ type: 'string', required: true, tokentype: 'csrf', sensitive: true });
    const watchlist = params.find((p) => p.name === 'watchlist');
    expect(watchlist?.type).toEqual(['nochange', 'preferences', 'unwatch', 'watch']);
    expect(watchlist?.default).toBe('preferences');
    const tags = params.find((p) => p.name === 'tags');
    expect(tags).toMatchObject({ multi: true, limit: 50, lowlimit: 50, highlimit: 500 });
  });

  it('renders booleans of paraminfo the formatversion 1 way', async () => {
    const res = await new ApiClient(t).get({ action: 'paraminfo', modules: 'logout' });
    const [logout] = (res.json.paraminfo as { modules: Record<string, unknown>[] }).modules;
    expect(logout!.mustbeposted).toBe('');
    const token = (logout!.parameters as Record<string, unknown>[]).find((p) => p.name === 'token');
    expect(token).toMatchObject({ required: '', tokentype: 'csrf' });
    expect(token).not.toHaveProperty('multi');
  });

  it('describes query submodules by path, the main module and formats, and warns about unknown modules', async () => {
    const res = await new ApiClient(t).get({
      action: 'paraminfo',
      modules: 'query|nosuchmodule|main|json',
      formatversion: '2',
    });
    const info = res.json.paraminfo as { modules: { name: string; parameters: ParamInfo[] }[] };
    expect(info.modules.map((m) => m.name)).toEqual(['query', 'main', 'json']);
    const action = info.modules[1]!.parameters.find((p) => p.name === 'action');
    expect(action?.type).toEqual(expect.arrayContaining(['edit', 'login', 'query', 'paraminfo']));
    expect(res.json.warnings).toEqual({
      paraminfo: { warnings: 'The module "nosuchmodule" does not exist.' },
    });
  });

  it('names the token type clients like mwn look up', async () => {
    const res = await new ApiClient(t).get({
      action: 'paraminfo',
      modules: 'patrol|userrights|createaccount',
      formatversion: '2',
    });
    const modules = (res.json.paraminfo as { modules: { name: string; parameters: ParamInfo[] }[] }).modules;
    const types = modules.map((m) => [m.name, m.parameters.find((p) => p.name === 'token')?.tokentype]);
    expect(types).toEqual([
      ['patrol', 'patrol'],
      ['userrights', 'userrights'],
      ['createaccount', 'createaccount'],
    ]);
  });
});

describe('action=help', () => {
  it('renders an HTML page for the main module by default', async () => {
    const res = await new ApiClient(t).get({ action: 'help' });
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<h2>Main module</h2>');
    expect(res.body).toContain('<dt>action</dt>');
    expect(res.body).toContain('edit');
  });

  it('renders the parameters and flags of one module', async () => {
    const res = await new ApiClient(t).get({ action: 'help', modules: 'edit' });
    expect(res.body).toContain('<h1>MediaWiki API help: edit</h1>');
    expect(res.body).toContain('This module only accepts POST requests.');
    expect(res.body).toContain('<dt>basetimestamp</dt>');
    expect(res.body).toContain('One of the following values: nochange, preferences, unwatch, watch');
  });

  it('prints prefixed parameter names for prefixed modules', async () => {
    const res = await new ApiClient(t).get({ action: 'help', modules: 'login' });
    expect(res.body).toContain('<dt>lgname</dt>');
  });

  it('wraps the page in the API result with wrap', async () => {
    const res = await new ApiClient(t).get({
      action: 'help',
      modules: 'logout',
      wrap: '1',
      formatversion: '2',
    });
    expect(res.json.help).toMatchObject({ mime: 'text/html', help: expect.stringContaining('logout') });
  });
});
