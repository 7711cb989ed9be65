import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

/** config.auth: session lifetimes and MediaWiki's $wgPasswordAttemptThrottle. */
describe('auth configuration', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'wq-config-'));

  it("defaults to MediaWiki's session expiry, cookie expiration and password attempt throttle, plus a per-address limit", () => {
    expect(loadConfig({}, {}, cwd).auth).toMatchObject({
      sessionTtl: 3600, // $wgObjectCacheSessionExpiry
      rememberedSessionTtl: 30 * 86400, // $wgCookieExpiration
      passwordAttemptThrottle: [
        { count: 5, seconds: 300 },
        { count: 150, seconds: 172800 },
        // Not MediaWiki's: one address trying many names (password spraying).
        { count: 300, seconds: 3600, allNames: true },
      ],
    });
  });

  it('replaces the throttle list as a whole', () => {
    const auth = loadConfig(
      { auth: { passwordAttemptThrottle: [{ count: 10, seconds: 60, allIPs: true }] } },
      {},
      cwd,
    ).auth;
    expect(auth.passwordAttemptThrottle).toEqual([{ count: 10, seconds: 60, allIPs: true }]);
    expect(auth.sessionTtl).toBe(3600);
  });

  it('refuses a malformed throttle condition or lifetime', () => {
    const bad = [
      [{ count: -1, seconds: 60 }],
      [{ count: 5, seconds: 0 }],
      [{ count: 5 }],
      [{ count: 5, seconds: 60, per: 'ip' }],
      [{ count: 5, seconds: 60, allIPs: true, allNames: true }],
    ];
    for (const passwordAttemptThrottle of bad)
      expect(() =>
        loadConfig({ auth: { passwordAttemptThrottle } } as Parameters<typeof loadConfig>[0], {}, cwd),
      ).toThrow(ConfigError);
    expect(() => loadConfig({ auth: { sessionTtl: 0 } }, {}, cwd)).toThrow(
      /auth.sessionTtl must be a whole number/,
    );
  });
});
