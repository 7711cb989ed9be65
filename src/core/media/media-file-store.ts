import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { hashDirs, isStorableFileName } from './media-paths.ts';

/**
 * The files of media repositories on disk, under one root (config.media.dir), in MediaWiki's hashed
 * layout: `{root}/{repo}/{h}/{hh}/{Name}` and thumbnails in `{root}/{repo}/thumb/{h}/{hh}/{Name}/`.
 * Directories are created 0700 and files 0600, like the database. Every write goes to a temporary
 * file first and is renamed into place, so a reader never sees half a file. Names are checked
 * (isStorableFileName) before they become paths, and every path is checked to stay under the root.
 */
export class MediaFileStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = resolve(root);
  }

  originalFile(repo: string, name: string): string {
    const [h, hh] = hashDirs(name);
    return this.#inside(repo, name, [h, hh, name]);
  }

  /** The directory of a file's renditions. */
  thumbnailDir(repo: string, name: string): string {
    const [h, hh] = hashDirs(name);
    return this.#inside(repo, name, ['thumb', h, hh, name]);
  }

  /** A rendition's file: `thumbName` is `{W}px-{name}` (with `.png` after an SVG's name). */
  thumbnailFile(repo: string, name: string, thumbName: string): string {
    if (!/^\d+px-/.test(thumbName) || ![name, `${name}.png`].includes(thumbName.replace(/^\d+px-/, '')))
      throw new Error(`not a thumbnail name of ${name}: ${thumbName}`);
    return join(this.thumbnailDir(repo, name), thumbName);
  }

  /**
   * Stores an original with its modification time set to `timestamp` (the upload time); bytes equal
   * to the stored file's leave it as it is. Returns its path.
   */
  async writeOriginal(repo: string, name: string, bytes: Buffer, timestamp: number): Promise<string> {
    const path = this.originalFile(repo, name);
    const existing = await readIfExists(path);
    if (!existing?.equals(bytes)) {
      await this.writeAtomic(path, bytes);
      // A replaced original makes its renditions stale.
      await rm(this.thumbnailDir(repo, name), { recursive: true, force: true });
    }
    await utimes(path, timestamp, timestamp);
    return path;
  }

  /** The file's bytes, or null when there is none. */
  read(path: string): Promise<Buffer | null> {
    return readIfExists(path);
  }

  async has(path: string): Promise<boolean> {
    return (await stat(path).catch(() => null))?.isFile() ?? false;
  }

  /** Seconds since the epoch of the file's last modification. */
  async modified(path: string): Promise<number> {
    return Math.floor((await stat(path)).mtimeMs / 1000);
  }

  /** Writes a temporary file beside `path` and renames it into place. */
  async writeAtomic(path: string, bytes: Buffer): Promise<void> {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, bytes, { mode: 0o600, flag: 'wx' });
      await rename(temp, path);
    } finally {
      await rm(temp, { force: true });
    }
  }

  #inside(repo: string, name: string, parts: string[]): string {
    if (!/^[a-z][a-z0-9_]{0,63}$/.test(repo) || !isStorableFileName(name))
      throw new Error(`not a storable media path: ${repo}/${name}`);
    const path = join(this.#root, repo, ...parts);
    if (!path.startsWith(this.#root + sep)) throw new Error(`media path outside the store: ${path}`);
    return path;
  }
}

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
