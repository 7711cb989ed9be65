import type { MediaFile, WikiInfo } from '../domain/wiki.ts';
import type { MediaRepository } from '../store/repositories/links-and-media.ts';
import type { Repositories, Store } from '../store/store.ts';
import type { Clock } from '../domain/clock.ts';
import { pageImagesFileJobs } from './page-images-refresh.ts';
import type { WikiRegistry } from '../wikis/wiki-registry.ts';
import { readFileDescription } from '../../wikitext/file-description.ts';
import { fail } from '../../errors.ts';
import { readFileMetadata } from './media-metadata.ts';
import type { MediaFileStore } from './media-file-store.ts';
import {
  hashDirs,
  MAX_THUMBNAIL_WIDTH,
  originalPath,
  thumbnailUrl,
  type ImageRequest,
} from './media-paths.ts';
import type { Rendition, Thumbnailer } from './thumbnailer.ts';

/** A scaled representation of a file: where to get it and its size (MediaWiki's MediaTransformOutput). */
export interface Thumbnail {
  url: string;
  width: number;
  height: number;
}

/** A file to put on a repository this service serves (an upload). */
export interface FileUpload {
  repo: string;
  /** DB key. */
  name: string;
  bytes: Buffer;
  /** The wikitext of its description page (description, author, licence, categories). */
  descriptionPage: string;
  uploader: string;
  /** Upload time, Unix seconds. */
  timestamp: number;
}

/**
 * The media repositories as the API and HTTP layers see them: which repository a wiki uses, its
 * files with absolute URLs (config.server for files served here), the size and URL of a
 * thumbnail (File::transform's rules), uploads to the embedded repository, and what `/images/…`
 * serves.
 */
export class MediaService {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #media: MediaRepository;
  readonly #wikis: WikiRegistry;
  readonly #files: MediaFileStore;
  readonly #thumbnailer: Thumbnailer;
  readonly #server: string;

  constructor(deps: {
    store: Store;
    clock: Clock;
    wikis: WikiRegistry;
    files: MediaFileStore;
    thumbnailer: Thumbnailer;
    server: string;
  }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#media = deps.store.media;
    this.#wikis = deps.wikis;
    this.#files = deps.files;
    this.#thumbnailer = deps.thumbnailer;
    this.#server = deps.server;
  }

  /**
   * The repository whose files `wiki` shows, and how the API names it (imageinfo's
   * `imagerepository`): the wiki itself when it is a media repository (`local`), else the shared
   * one (`shared`, as Wikipedia sees Commons); undefined when there is none.
   */
  repositoryOf(wiki: WikiInfo): { repo: string; name: 'local' | 'shared' } | undefined {
    if (wiki.isMediaRepo) return { repo: wiki.id, name: 'local' };
    const shared = this.#wikis.mediaRepo();
    return shared ? { repo: shared.info.id, name: 'shared' } : undefined;
  }

  /** The files of `repo` named in `names` (DB keys) that exist, by name, with absolute URLs. */
  async getFiles(repo: string, names: readonly string[]): Promise<Map<string, MediaFile>> {
    if (names.length === 0) return new Map();
    const found = await this.#media.getMany(repo, [...names]);
    return new Map(found.map((f) => [f.name, { ...f, url: this.#absolute(f.url) }]));
  }

  /**
   * The thumbnail of `file` fitting a `width` × `height` box (either may be absent), as
   * File::transform computes it: the aspect ratio is kept; a bitmap is never scaled up, so a box
   * at least as wide as the original gives the original; a drawing (SVG) is always rendered as
   * PNG, up to MAX_THUMBNAIL_WIDTH.
   */
  thumbnail(file: MediaFile, box: { width?: number; height?: number }): Thumbnail {
    const original = { url: file.url, width: file.width, height: file.height };
    if (file.width <= 0 || file.height <= 0) return original;
    let width = box.width ?? file.width;
    if (box.height !== undefined && Math.round((width * file.height) / file.width) > box.height) {
      width = Math.round((box.height * file.width) / file.height);
      if (Math.round((width * file.height) / file.width) > box.height) width--;
    }
    width = Math.max(1, width);
    const vector = file.mediaType === 'DRAWING';
    if (!vector && width >= file.width) return original;
    width = Math.min(width, MAX_THUMBNAIL_WIDTH);
    const url = thumbnailUrl(file.url, file.name, file.mime, width);
    if (url === null) return original;
    return { url, width, height: Math.max(1, Math.round((file.height * width) / file.width)) };
  }

  /**
   * Stores uploads on the embedded repository: each file is written to disk (idempotently), its
   * size, dimensions, types, bit depth, SHA-1 and time are read back from the stored file, its
   * licence, author, description and categories from its description page; then all are recorded
   * in one write. Returns the stored files (URLs as stored: paths under /images).
   */
  async upload(uploads: readonly FileUpload[]): Promise<MediaFile[]> {
    const files: MediaFile[] = [];
    for (const u of uploads) {
      const path = await this.#files.writeOriginal(u.repo, u.name, u.bytes, u.timestamp);
      const stored = await this.#files.read(path);
      if (!stored) throw new Error(`media file ${path} vanished after writing`);
      const meta = await readFileMetadata(stored);
      const page = readFileDescription(u.descriptionPage);
      files.push({
        repo: u.repo,
        name: u.name,
        ...meta,
        license: page.licenseShortName,
        author: page.author,
        description: page.description,
        categories: page.categories,
        uploader: u.uploader,
        url: originalPath(u.repo, u.name),
        timestamp: await this.#files.modified(path),
      });
    }
    await this.#store.transaction(async (tx) => {
      const changed = await changedForPageImages(tx, files);
      await tx.media.upsertMany(files);
      for (const [repo, names] of changed)
        await tx.jobs.enqueueMany(pageImagesFileJobs(repo, names, this.#wikis), this.#clock());
    });
    return files;
  }

  /**
   * What a `/images/…` request gets: the stored file (`media-nosuchfile` when the repository does
   * not serve it from here or the hash directories are not the name's) and, for a thumbnail, the
   * rendition — the original's bytes when a bitmap is asked at its width or wider.
   */
  async serve(
    request: ImageRequest,
  ): Promise<{ file: MediaFile; rendition: Rendition; lastModified: number }> {
    const [h, hh] = hashDirs(request.name);
    const file = (await this.#media.getMany(request.repo, [request.name]))[0];
    if (!file || request.hash[0] !== h || request.hash[1] !== hh || !file.url.startsWith('/'))
      throw fail('media-nosuchfile', request.name, request.repo);
    const path = this.#files.originalFile(file.repo, file.name);
    if (!(await this.#files.has(path))) throw fail('media-nosuchfile', request.name, request.repo);
    const original = async (): Promise<Rendition> => {
      const bytes = await this.#files.read(path);
      if (!bytes) throw fail('media-nosuchfile', request.name, request.repo);
      return { bytes, contentType: file.mime, cached: true };
    };
    if (request.kind === 'original')
      return { file, rendition: await original(), lastModified: file.timestamp };
    const svg = file.mime === 'image/svg+xml';
    if (request.thumbName !== `${request.width}px-${file.name}${svg ? '.png' : ''}`)
      throw fail('media-badthumbname', request.thumbName, file.name);
    const rendition =
      !svg && request.width >= file.width
        ? await original()
        : await this.#thumbnailer.render(file, request.width);
    return { file, rendition, lastModified: file.timestamp };
  }

  #absolute(url: string): string {
    return url.startsWith('/') ? `${this.#server}${url}` : url;
  }
}

/** The files, by repository, that are new or differ in what PageImages' choice reads. */
async function changedForPageImages(
  tx: Repositories,
  files: readonly MediaFile[],
): Promise<Map<string, string[]>> {
  const byRepo = new Map<string, MediaFile[]>();
  for (const f of files) byRepo.set(f.repo, [...(byRepo.get(f.repo) ?? []), f]);
  const changed = new Map<string, string[]>();
  for (const [repo, list] of byRepo) {
    const stored = new Map(
      (
        await tx.media.getMany(
          repo,
          list.map((f) => f.name),
        )
      ).map((f) => [f.name, f]),
    );
    const names = list
      .filter((f) => {
        const old = stored.get(f.name);
        return (
          !old ||
          old.width !== f.width ||
          old.height !== f.height ||
          old.mediaType !== f.mediaType ||
          old.license !== f.license
        );
      })
      .map((f) => f.name);
    if (names.length > 0) changed.set(repo, names);
  }
  return changed;
}
