import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { cwdWith, removeConfigDirs } from '../factories/config-file.ts';

afterEach(removeConfigDirs);

describe('config: rate limits, account creation throttle and the demo password', () => {
  it('defaults to MediaWiki’s $wgRateLimits for edit, move, rollback and purge, GrowthExperiments’ for image suggestion data, the page queue’s leases, and $wgAccountCreationThrottle', () => {
    const c = loadConfig({}, {}, cwdWith({}));
    expect(c.rateLimits).toEqual({
      edit: { ip: [8, 60], newbie: [8, 60], user: [90, 60] },
      move: { newbie: [2, 120], user: [8, 60] },
      rollback: { newbie: [5, 120], user: [10, 60] },
      purge: { ip: [30, 60], user: [30, 60] },
      'growthexperiments-apiqueryimagesuggestiondata': { user: [500, 86400] },
      'pagequeue-lease': { ip: [30, 60], user: [60, 60] },
    });
    expect(c.auth.accountCreationThrottle).toEqual([{ count: 6, seconds: 86400 }]);
    expect(c.demo.password).toBe('');
    expect(c.demo.allowPublic).toBe(false);
  });

  it('merges the file’s limits per action and entity; null removes a default', () => {
    const c = loadConfig(
      {},
      {},
      cwdWith({ rateLimits: { edit: { user: [30, 60], ip: null }, move: null, purge: { ip: [10, 60] } } }),
    );
    expect(c.rateLimits).toEqual({
      edit: { ip: null, newbie: [8, 60], user: [30, 60] },
      move: null,
      rollback: { newbie: [5, 120], user: [10, 60] },
      purge: { ip: [10, 60], user: [30, 60] },
      'growthexperiments-apiqueryimagesuggestiondata': { user: [500, 86400] },
      'pagequeue-lease': { ip: [30, 60], user: [60, 60] },
    });
  });

  it('refuses limits that are not [count, seconds] and entity types it does not implement', () => {
    expect(() => loadConfig({}, {}, cwdWith({ rateLimits: { edit: { user: [5] } } }))).toThrow(ConfigError);
    expect(() => loadConfig({}, {}, cwdWith({ rateLimits: { edit: { user: [5, 0] } } }))).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({}, {}, cwdWith({ rateLimits: { edit: { subnet: [5, 60] } } }))).toThrow(
      /not supported/,
    );
    expect(() => loadConfig({}, {}, cwdWith({ auth: { accountCreationThrottle: [{ count: 6 }] } }))).toThrow(
      ConfigError,
    );
  });

  it('takes the demo password from WIKIQUEUE_DEMO_PASSWORD', () => {
    const c = loadConfig({}, { WIKIQUEUE_DEMO_PASSWORD: 'set by the tests' }, cwdWith({}));
    expect(c.demo.password).toBe('set by the tests');
    expect(c.demo.pages).toBe(200);
  });
});
