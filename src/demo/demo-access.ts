import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, type Config } from '../config.ts';
import { demoWikis } from './demo-wikis.ts';

/**
 * Who can use the demo accounts. They all share one password and include administrators and bots,
 * so the password is random per installation (unless the operator sets `demo.password`), shown once
 * and kept in a file only its owner can read, and the demo is served on loopback only unless the
 * operator opts in with `demo.allowPublic`.
 */

/** The file in the data directory that keeps a generated demo password. */
export const DEMO_PASSWORD_FILE = 'demo-password';

/** 20 random base64url characters (120 bits): meets the password policy of every group. */
export function randomDemoPassword(): string {
  return randomBytes(15).toString('base64url');
}

/**
 * Writes `password` to `{dataDir}/demo-password`, created afresh with mode 0600 (an older file is
 * removed first, so its permissions never carry over); returns the file's path.
 */
export async function saveDemoPassword(dataDir: string, password: string): Promise<string> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, DEMO_PASSWORD_FILE);
  await rm(file, { force: true });
  await writeFile(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return file;
}

/** Whether `host` (a listen address or name) is reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return (
    h === 'localhost' ||
    h === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) ||
    /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
  );
}

/** Whether any of `wikiIds` is a demo wiki (so the store holds the demo accounts). */
export function hasDemoWikis(wikiIds: readonly string[]): boolean {
  const demo = new Set(demoWikis().map((w) => w.id));
  return wikiIds.some((id) => demo.has(id));
}

/**
 * Refuses (ConfigError) to serve the demo accounts on a non-loopback address unless
 * `demo.allowPublic` is set. `servesDemo`: the store holds the demo, or serve is about to create it.
 */
export function checkDemoExposure(config: Pick<Config, 'host' | 'demo'>, servesDemo: boolean): void {
  if (!servesDemo || config.demo.allowPublic || isLoopbackHost(config.host)) return;
  throw new ConfigError(
    `refusing to serve the demo wikis on ${config.host}: their accounts (administrators and bots ` +
      `included) share one password. Listen on 127.0.0.1 (HOST, --host), start on an empty ` +
      `database with --no-demo, or set "demo": {"allowPublic": true} in wikiqueue.config.json to ` +
      `expose the demo on purpose.`,
  );
}
