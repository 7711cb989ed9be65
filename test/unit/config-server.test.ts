import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});
function emptyCwd(): string {
  dir = mkdtempSync(join(tmpdir(), 'wq-config-'));
  return dir;
}

describe('config: server', () => {
  it('defaults to http://localhost:{port} for a loopback or wildcard host', () => {
    expect(loadConfig({}, {}, emptyCwd()).server).toBe('http://localhost:8080');
    expect(loadConfig({ host: '0.0.0.0', port: 9000 }, {}, emptyCwd()).server).toBe('http://localhost:9000');
  });

  it('names another host as it is, an IPv6 one in brackets', () => {
    expect(loadConfig({ host: '192.0.2.5' }, {}, emptyCwd()).server).toBe('http://192.0.2.5:8080');
    expect(loadConfig({ host: '2001:db8::5' }, {}, emptyCwd()).server).toBe('http://[2001:db8::5]:8080');
  });

  it('reads WIKIQUEUE_SERVER and drops a trailing slash', () => {
    const c = loadConfig({}, { WIKIQUEUE_SERVER: 'https://wiki.example.org/' }, emptyCwd());
    expect(c.server).toBe('https://wiki.example.org');
  });

  it('refuses a server that is not an http(s) scheme and host', () => {
    for (const server of ['wiki.example.org', 'https://wiki.example.org/w', 'ftp://x', 'https://'])
      expect(() => loadConfig({ server }, {}, emptyCwd()), server).toThrow(ConfigError);
  });
});

describe('config: metrics', () => {
  it('serves /metrics on the main port without a token by default', () => {
    expect(loadConfig({}, {}, emptyCwd()).metrics).toEqual({ token: '', port: null, host: '127.0.0.1' });
  });

  it('reads WIKIQUEUE_METRICS_TOKEN and WIKIQUEUE_METRICS_PORT', () => {
    const c = loadConfig({}, { WIKIQUEUE_METRICS_TOKEN: 'abc', WIKIQUEUE_METRICS_PORT: '9100' }, emptyCwd());
    expect(c.metrics).toEqual({ token: 'abc', port: 9100, host: '127.0.0.1' });
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ metrics: { port: 70000 } }, {}, emptyCwd())).toThrow(/metrics.port/);
  });
});
