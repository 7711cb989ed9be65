import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

/** The web interface's sources: ui/ of this package. */
export const UI_SOURCE_DIR = fileURLToPath(new URL('../../ui', import.meta.url));
const PACKAGE_LOCK = fileURLToPath(new URL('../../package-lock.json', import.meta.url));
/** Written into the build: the hash of the sources it was built from. */
const SOURCE_HASH_FILE = '.source-hash';
const COMPRESSIBLE = /\.(js|css|svg|json|map)$/;

async function listFiles(dir: string, skip: (path: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (skip(path)) continue;
    if (entry.isDirectory()) out.push(...(await listFiles(path, skip)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/**
 * The hash of what a build depends on: every file of ui/ but the build itself, and the lock file
 * (the versions of Vue, Codex and Vite). Content, not times: a fresh clone's files are all new.
 */
export async function uiSourceHash(
  sourceDir = UI_SOURCE_DIR,
  outDir = join(sourceDir, 'dist'),
): Promise<string> {
  const files = (await listFiles(sourceDir, (p) => p === outDir || p.endsWith('node_modules'))).sort();
  const hash = createHash('sha256');
  for (const file of [...files, PACKAGE_LOCK]) {
    hash.update(relative(sourceDir, file)).update('\0');
    hash.update(await readFile(file).catch(() => Buffer.alloc(0))).update('\0');
  }
  return hash.digest('hex');
}

/** Whether `outDir` holds a build of the current sources. */
export async function isUiBuildCurrent(outDir: string, sourceDir = UI_SOURCE_DIR): Promise<boolean> {
  const built = await readFile(join(outDir, SOURCE_HASH_FILE), 'utf8').catch(() => null);
  return built !== null && built.trim() === (await uiSourceHash(sourceDir, outDir));
}

export interface UiBuildResult {
  built: boolean;
  outDir: string;
  seconds: number;
}

/**
 * Builds the web interface with Vite into `outDir`, writes a gzip copy beside each text asset
 * (web-ui.ts sends it to clients that accept gzip) and records the sources' hash. With `ifStale`,
 * a build of the current sources is kept as it is.
 */
export async function buildUi(outDir: string, opts: { ifStale?: boolean } = {}): Promise<UiBuildResult> {
  const started = performance.now();
  if (opts.ifStale && (await isUiBuildCurrent(outDir))) return { built: false, outDir, seconds: 0 };
  const hash = await uiSourceHash(UI_SOURCE_DIR, outDir);
  const { build } = await import('vite');
  await build({ configFile: join(UI_SOURCE_DIR, 'vite.config.ts'), build: { outDir, emptyOutDir: true } });
  const pack = promisify(gzip);
  for (const file of await listFiles(outDir, () => false)) {
    if (!COMPRESSIBLE.test(file)) continue;
    await writeFile(`${file}.gz`, await pack(await readFile(file), { level: 9 }));
  }
  await writeFile(join(outDir, SOURCE_HASH_FILE), `${hash}\n`);
  return { built: true, outDir, seconds: (performance.now() - started) / 1000 };
}
