import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, appendFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe } from 'vitest';

/**
 * A real MediaWiki for tests: Debian's `mediawiki` package (1.39) installed into a temporary
 * folder with `maintenance/install.php` (SQLite), served by `php -S` on loopback. `.ci/run`
 * installs the packages (`mediawiki`, `php-sqlite3`); elsewhere the suites skip with
 * `REAL_MEDIAWIKI_MISSING` as their message, and in CI they fail instead.
 */

const MEDIAWIKI_DIR = '/usr/share/mediawiki';
const run = promisify(execFile);

/** Why no real MediaWiki can run here, or undefined when one can. */
export const REAL_MEDIAWIKI_MISSING: string | undefined = (() => {
  if (!existsSync(join(MEDIAWIKI_DIR, 'maintenance/install.php')))
    return `no MediaWiki at ${MEDIAWIKI_DIR} (Debian package "mediawiki")`;
  for (const dir of (process.env.PATH ?? '').split(':')) if (existsSync(join(dir, 'php'))) return undefined;
  return 'no php on PATH (Debian packages "php-cli", "php-sqlite3")';
})();

/** Skip the suite where no MediaWiki can run, except in CI, where that is a failure. */
export const skipRealMediaWiki = REAL_MEDIAWIKI_MISSING !== undefined && process.env.CI !== 'true';

/** A suite against a real MediaWiki: skipped with a message where none can run (never in CI). */
export function describeWithMediaWiki(name: string, suite: () => void): void {
  if (skipRealMediaWiki) console.warn(`skipping "${name}": ${REAL_MEDIAWIKI_MISSING}`);
  describe.skipIf(skipRealMediaWiki)(name, suite);
}

export interface RealMediaWiki {
  /** `http://127.0.0.1:PORT` */
  server: string;
  /** `…/api.php` */
  apiUrl: string;
  dir: string;
  /** Runs a maintenance script with the wiki's settings; answers its standard output. */
  maintenance(script: string, args: readonly string[], input?: string): Promise<string>;
  /** Saves `text` as `title` in `user`'s name (edit.php, summary "test"). */
  save(user: string, title: string, text: string): Promise<string>;
  /** An anonymous GET of the wiki's API (JSON, formatversion 2): the tests' oracle. */
  query(params: Record<string, string>): Promise<{ query: Record<string, Record<string, unknown>[]> }>;
  /** An account (createAndPromote.php), with `groups` (`sysop`, `bot`, or any group name). */
  createUser(name: string, password: string, groups?: readonly string[]): Promise<void>;
  /** A bot password `Name@app` with these grants; answers its password. */
  createBotPassword(user: string, app: string, grants: readonly string[]): Promise<string>;
  /** Stops serving (the database stays): requests are refused until `start`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Installs and serves a new wiki ("Test Wiki", admin `Admin`, in `opts.lang`, default English);
 * `settings` is appended to LocalSettings.php.
 */
export async function startRealMediaWiki(
  settings = '',
  opts: { lang?: string } = {},
): Promise<RealMediaWiki> {
  if (REAL_MEDIAWIKI_MISSING) throw new Error(`cannot start MediaWiki: ${REAL_MEDIAWIKI_MISSING}`);
  const dir = mkdtempSync(join(tmpdir(), 'wikiqueue-mediawiki-'));
  const port = await freePort();
  const server = `http://127.0.0.1:${port}`;
  const conf = join(dir, 'LocalSettings.php');
  await run(
    'php',
    [
      'maintenance/install.php',
      '--dbtype=sqlite',
      `--dbpath=${dir}`,
      '--dbname=testwiki',
      `--confpath=${dir}`,
      `--server=${server}`,
      '--scriptpath=',
      `--lang=${opts.lang ?? 'en'}`,
      '--pass=Admin-password-1234',
      'Test Wiki',
      'Admin',
    ],
    { cwd: MEDIAWIKI_DIR },
  );
  mkdirSync(join(dir, 'images'));
  mkdirSync(join(dir, 'cache'));
  appendFileSync(
    conf,
    [
      '',
      `$wgUploadDirectory = ${JSON.stringify(join(dir, 'images'))};`,
      `$wgCacheDirectory = ${JSON.stringify(join(dir, 'cache'))};`,
      '$wgEnableBotPasswords = true;',
      // Every change is patrollable, as on Wikipedia, and jobs run with requests.
      '$wgUseRCPatrol = true;',
      '$wgUseNPPatrol = true;',
      '$wgJobRunRate = 1;',
      settings,
      '',
    ].join('\n'),
  );
  let php: ChildProcess | undefined;
  const maintenance = async (script: string, args: readonly string[], input?: string) => {
    const child = execFile('php', [`maintenance/${script}`, `--conf=${conf}`, ...args], {
      cwd: MEDIAWIKI_DIR,
    });
    if (input !== undefined) child.stdin?.end(input);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`${script} failed (${code}): ${err || out}`);
    return out;
  };
  const wiki: RealMediaWiki = {
    server,
    apiUrl: `${server}/api.php`,
    dir,
    maintenance,
    save: (user, title, text) => maintenance('edit.php', [`--user=${user}`, '--summary=test', title], text),
    async query(params) {
      const url = `${server}/api.php?${new URLSearchParams({ format: 'json', formatversion: '2', ...params })}`;
      return (await fetch(url).then((r) => r.json())) as { query: Record<string, Record<string, unknown>[]> };
    },
    async createUser(name, password, groups = []) {
      const custom = groups.filter((g) => g !== 'sysop' && g !== 'bot');
      await maintenance('createAndPromote.php', [
        ...(groups.includes('sysop') ? ['--sysop'] : []),
        ...(groups.includes('bot') ? ['--bot'] : []),
        ...(custom.length > 0 ? [`--custom-groups=${custom.join(',')}`] : []),
        name,
        password,
      ]);
    },
    async createBotPassword(user, app, grants) {
      const out = await maintenance('createBotPassword.php', [
        `--appid=${app}`,
        `--grants=${grants.join(',')}`,
        user,
      ]);
      const m = /password:'([^']+)'/.exec(out);
      if (!m) throw new Error(`createBotPassword.php: ${out}`);
      return m[1] as string;
    },
    async start() {
      if (php) return;
      php = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', MEDIAWIKI_DIR], {
        env: { ...process.env, MW_CONFIG_FILE: conf },
        stdio: 'ignore',
      });
      for (let i = 0; i < 100; i++) {
        const ok = await fetch(`${server}/api.php?action=query&meta=siteinfo&format=json`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`MediaWiki did not answer on ${server}`);
    },
    async stop() {
      const child = php;
      php = undefined;
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
    async close() {
      await wiki.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await wiki.start();
  return wiki;
}
