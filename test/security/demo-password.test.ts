import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo } from '../../src/cli/demo-command.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { checkPasswordPolicy } from '../../src/core/accounts/password-policy.ts';
import { createServices } from '../../src/create-services.ts';
import type { AppServices } from '../../src/app-services.ts';
import {
  checkDemoExposure,
  DEMO_PASSWORD_FILE,
  randomDemoPassword,
  saveDemoPassword,
} from '../../src/demo/demo-access.ts';
import type { WikiqueueError } from '../../src/errors.ts';
import { openTestStore } from '../factories/test-store.ts';

/**
 * The demo accounts (administrators and bots included) no longer share the published password
 * `wikiqueue-demo`: the first start makes a random one, prints it once and keeps it in
 * `{dataDir}/demo-password`, readable by its owner only; and a store holding the demo is not
 * served on a non-loopback address unless the operator opts in (`demo.allowPublic`).
 */

describe('the demo password', () => {
  let dataDir: string;
  let services: AppServices;
  let close: () => Promise<void>;
  let stderr: string[];
  let password: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'wq-demo-'));
    const config = loadConfig(
      { dataDir, logLevel: 'silent', demo: { pages: 3 }, auth: { scryptCost: 1024 } },
      {},
    );
    const opened = await openTestStore();
    close = opened.close;
    services = await createServices({ config, store: opened.store, logger: pino({ level: 'silent' }) });
    stderr = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      await createDemo(services, config);
    } finally {
      process.stderr.write = write;
    }
    password = (await readFile(join(dataDir, DEMO_PASSWORD_FILE), 'utf8')).trim();
  }, 120_000);

  afterAll(async () => {
    await close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is random, saved to a file only its owner can read and write, and printed once', async () => {
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect((await stat(join(dataDir, DEMO_PASSWORD_FILE))).mode & 0o777).toBe(0o600);
    expect(stderr.filter((line) => line.includes(password))).toHaveLength(1);
  });

  it('logs in as the demo administrator, and the old shared password does not', async () => {
    const { user } = await services.accounts.login('enwiki', 'DemoAdmin', password, '192.0.2.40');
    expect(user.name).toBe('DemoAdmin');
    const old = await services.accounts
      .login('enwiki', 'DemoPatroller', 'wikiqueue-demo', '192.0.2.41')
      .catch((e: unknown) => e);
    expect((old as WikiqueueError).code).toBe('wrongpassword');
  });

  it('differs between installations and meets the policy of the demo’s administrators and bots', () => {
    const a = randomDemoPassword();
    expect(randomDemoPassword()).not.toBe(a);
    expect(() => checkPasswordPolicy('DemoAdmin', a, ['sysop', 'bureaucrat', 'bot'])).not.toThrow();
  });

  it('replaces an older, world-readable password file with a 0600 one', async () => {
    const file = join(dataDir, 'older', DEMO_PASSWORD_FILE);
    await saveDemoPassword(join(dataDir, 'older'), 'first');
    await writeFile(file, 'first\n', { mode: 0o644 });
    await saveDemoPassword(join(dataDir, 'older'), 'second');
    expect(await readFile(file, 'utf8')).toBe('second\n');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});

describe('serving the demo beyond this machine', () => {
  it('makes `wikiqueue serve --host 0.0.0.0` on a fresh database stop with a clear message', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'wq-serve-'));
    try {
      const env = Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !/^(WIKIQUEUE_|DATABASE_URL$|HOST$|PORT$)/.test(k)),
      );
      const run = spawnSync(
        process.execPath,
        [
          join(import.meta.dirname, '../../bin/wikiqueue.js'),
          'serve',
          '--host',
          '0.0.0.0',
          '--port',
          '0',
          '--no-jobs',
        ],
        {
          cwd: dataDir,
          env: { ...env, WIKIQUEUE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('refusing to serve the demo wikis on 0.0.0.0');
      expect(run.stderr).toContain('allowPublic');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  const demo = { autoCreate: true, pages: 200, seed: 1, password: '', allowPublic: false };

  it('is refused on a non-loopback address, naming the way to opt in', () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10', 'wiki.example.org']) {
      expect(() => checkDemoExposure({ host, demo }, true)).toThrow(ConfigError);
      expect(() => checkDemoExposure({ host, demo }, true)).toThrow(/allowPublic/);
    }
  });

  it('is allowed on loopback, with demo.allowPublic, or when the store holds no demo', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.1.1'])
      expect(() => checkDemoExposure({ host, demo }, true)).not.toThrow();
    expect(() =>
      checkDemoExposure({ host: '0.0.0.0', demo: { ...demo, allowPublic: true } }, true),
    ).not.toThrow();
    expect(() => checkDemoExposure({ host: '0.0.0.0', demo }, false)).not.toThrow();
  });
});
