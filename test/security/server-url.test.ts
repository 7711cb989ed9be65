import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../factories/app.ts';

/**
 * Issue 10 item 1: scheme and host of every URL in a response, and the session cookie's `Secure`
 * flag, come from the configured server URL (config.server, MediaWiki's $wgServer), never from the
 * `Host`, `X-Forwarded-Host` or `X-Forwarded-Proto` headers of a request — not even from a trusted
 * proxy, whose forwarded headers a client may have written.
 */

const PROXY = '192.0.2.10';
const spoofed = {
  host: 'evil.example',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
};

let t: TestApp;
afterEach(async () => t.close());

async function get(query: string, headers: Record<string, string> = spoofed) {
  const res = await t.app.inject({ url: `/w/api.php?${query}&format=json`, headers, remoteAddress: PROXY });
  return res.json() as Record<string, Record<string, unknown>>;
}

/** Logs in through action=login, carrying the session cookie by hand, and returns the last answer. */
async function login(headers: Record<string, string>) {
  await t.createUser('Alice', 'alice password');
  const post = (payload: Record<string, string>, cookie?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/w/api.php',
      remoteAddress: PROXY,
      headers: {
        ...headers,
        'content-type': 'application/x-www-form-urlencoded',
        ...(cookie ? { cookie: `wikiqueue_session=${cookie}` } : {}),
      },
      payload: new URLSearchParams({ format: 'json', ...payload }).toString(),
    });
  const first = await post({ action: 'login', lgname: 'Alice', lgpassword: 'alice password' });
  const cookie = first.cookies.find((c) => c.name === 'wikiqueue_session')?.value;
  const token = (first.json() as { login: { token: string } }).login.token;
  const second = await post(
    { action: 'login', lgname: 'Alice', lgpassword: 'alice password', lgtoken: token },
    cookie,
  );
  expect((second.json() as { login: { result: string } }).login.result).toBe('Success');
  return second.cookies.find((c) => c.name === 'wikiqueue_session');
}

describe('URLs in responses', () => {
  it('start with the configured server whatever Host and X-Forwarded-* say', async () => {
    t = await buildTestApp({
      trustedProxies: ['192.0.2.0/24'],
      config: { server: 'https://wiki.example.org' },
    });
    const general = (await get('action=query&meta=siteinfo')).query!.general as Record<string, string>;
    expect(general.server).toBe('https://wiki.example.org');
    expect(general.base).toBe('https://wiki.example.org/wiki/Main_Page');
    const info = (await get('action=query&prop=info&inprop=url&titles=Foo')).query!.pages as Record<
      string,
      Record<string, string>
    >;
    expect(Object.values(info)[0]!.fullurl).toBe('https://wiki.example.org/wiki/Foo');
    const error = (await get('action=nosuchmodule')).error as Record<string, string>;
    expect(error['*']).toBe('See https://wiki.example.org/w/api.php for API usage.');
  });

  it('default to the listening host and port when no server is configured', async () => {
    t = await buildTestApp({ trustedProxies: ['192.0.2.0/24'], config: { host: '127.0.0.1', port: 8080 } });
    const general = (await get('action=query&meta=siteinfo')).query!.general as Record<string, string>;
    expect(general.server).toBe('http://localhost:8080');
  });
});

describe("the session cookie's Secure flag", () => {
  it('is set when the configured server is https', async () => {
    t = await buildTestApp({ config: { server: 'https://wiki.example.org' } });
    expect((await login({}))?.secure).toBe(true);
  });

  it('is not set by X-Forwarded-Proto: https when the configured server is http', async () => {
    t = await buildTestApp({
      trustedProxies: ['192.0.2.0/24'],
      config: { server: 'http://wiki.example.org' },
    });
    expect((await login(spoofed))?.secure).toBeFalsy();
  });
});
