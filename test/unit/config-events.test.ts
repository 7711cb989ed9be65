import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { cwdWith, removeConfigDirs } from '../factories/config-file.ts';

afterEach(removeConfigDirs);

describe('config: events', () => {
  it('delivers to no EventGate by default and keeps delivered events a week', () => {
    const c = loadConfig({}, {}, cwdWith({}));
    expect(c.events.eventGate.url).toBe('');
    expect(c.events.retentionDays).toBe(7);
  });

  it('sends a heartbeat on idle event streams every 15 s by default, as EventStreams proxies need', () => {
    expect(loadConfig({}, {}, cwdWith({})).events.streamHeartbeatMs).toBe(15_000);
    expect(
      loadConfig({}, {}, cwdWith({ events: { streamHeartbeatMs: 5000 } })).events.streamHeartbeatMs,
    ).toBe(5000);
    expect(() => loadConfig({ events: { streamHeartbeatMs: 0 } }, {}, cwdWith({}))).toThrow(
      /streamHeartbeatMs must be at least 10/,
    );
  });

  it('takes part of events.eventGate from the file and keeps the other defaults', () => {
    const c = loadConfig(
      {},
      {},
      cwdWith({ events: { eventGate: { url: 'http://gate:8192', streams: ['a.b'] } } }),
    );
    expect(c.events.eventGate).toEqual({
      url: 'http://gate:8192',
      streams: ['a.b'],
      batchSize: 100,
      timeoutMs: 10_000,
      maxBackoffSeconds: 300,
    });
    expect(c.events.retentionDays).toBe(7);
  });

  it('reads the EventGate URL from WIKIQUEUE_EVENTGATE_URL over the file', () => {
    const c = loadConfig(
      {},
      { WIKIQUEUE_EVENTGATE_URL: 'https://intake.example/' },
      cwdWith({ events: { eventGate: { url: 'http://gate:8192' } } }),
    );
    expect(c.events.eventGate.url).toBe('https://intake.example/');
  });

  it('refuses a URL that is not http(s) and a batch size below one', () => {
    expect(() => loadConfig({ events: { eventGate: { url: 'gate:8192' } } }, {}, cwdWith({}))).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ events: { eventGate: { batchSize: 0 } } }, {}, cwdWith({}))).toThrow(
      /batchSize must be a positive/,
    );
  });
});
