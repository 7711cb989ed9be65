import { createReadStream, statSync, type Stats } from 'node:fs';
import { fail } from '../../errors.ts';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Clock } from '../domain/clock.ts';
import type { Repositories } from '../store/store.ts';

/** What a resumable import of a line file needs of the store: its import state, in transactions. */
export interface LineImportStore<Tx extends Pick<Repositories, 'imports'>> {
  imports: Repositories['imports'];
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

export interface LineFileImport<Item, Tx extends Pick<Repositories, 'imports'>> {
  store: LineImportStore<Tx>;
  clock: Clock;
  /** Names the import in its state key with the file's path, size and time (`suggestions`, `topics:enwiki`). */
  kind: string;
  /** The wiki recorded with the import state ('' for several). */
  wiki: string;
  path: string;
  /** Lines per transaction. */
  batchSize: number;
  /**
   * The item of a non-blank line, or undefined when the line gives none (a bad line, reported by
   * the caller; a header).
   */
  parseLine(text: string, lineNo: number): Promise<Item | undefined> | Item | undefined;
  /**
   * Writes a batch's items, in the transaction that records the lines done; `sourceKey` names
   * this import of this file (for rows staged across batches).
   */
  commitBatch(tx: Tx, items: Item[], sourceKey: string): Promise<void>;
  /**
   * Runs in the transaction of the last batch, when this run reads the file to its end (not when
   * a previous run had finished it): what is staged across batches is applied here.
   */
  finish?(tx: Tx, sourceKey: string): Promise<void>;
  /** Bytes read so far of `totalBytes`. */
  onProgress?: (bytesDone: number, totalBytes: number) => void;
}

/**
 * Reads a file of lines in batches, each batch written in one transaction together with the count
 * of lines done (import_state, keyed by the kind and the file's path, size and modification time),
 * so that an interrupted import resumes after its last committed batch and a finished one is not
 * redone line by line. Returns how many lines a previous run had done, and whether it had finished.
 * A path that is not a readable file is `import-unreadable`.
 */
export async function importLineFile<Item, Tx extends Pick<Repositories, 'imports'>>(
  job: LineFileImport<Item, Tx>,
): Promise<{ resumedAfter: number; finishedBefore: boolean }> {
  const { store, clock } = job;
  const absolute = resolve(job.path);
  let stat: Stats;
  try {
    stat = statSync(absolute);
    if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'not a file' });
  } catch (e) {
    throw fail('import-unreadable', absolute, (e as NodeJS.ErrnoException).code ?? String(e));
  }
  const sourceKey = `${job.kind}:${absolute}:${stat.size}:${Math.trunc(stat.mtimeMs)}`;
  const previous = await store.imports.get(sourceKey);
  const skip = previous?.pagesDone ?? 0;
  const finishedBefore = previous !== undefined && previous.finishedAt !== null;
  const startedAt = previous?.startedAt ?? clock();

  let pending: Item[] = [];
  const commit = async (linesDone: number, finished: boolean) => {
    const items = pending;
    pending = [];
    await store.transaction(async (tx) => {
      await job.commitBatch(tx, items, sourceKey);
      if (finished && !finishedBefore) await job.finish?.(tx, sourceKey);
      await tx.imports.save({
        sourceKey,
        wiki: job.wiki,
        pagesDone: linesDone,
        revisionsDone: 0,
        startedAt,
        finishedAt: finished ? clock() : null,
      });
    });
  };

  let lineNo = 0;
  let bytes = 0;
  const lines = createInterface({ input: createReadStream(absolute), crlfDelay: Infinity });
  for await (const text of lines) {
    lineNo++;
    bytes += Buffer.byteLength(text) + 1;
    if (lineNo <= skip) continue;
    if (text.trim() !== '') {
      const item = await job.parseLine(text, lineNo);
      if (item !== undefined) pending.push(item);
    }
    if (lineNo % job.batchSize === 0) {
      await commit(lineNo, false);
      job.onProgress?.(Math.min(bytes, stat.size), stat.size);
    }
  }
  await commit(lineNo, true);
  job.onProgress?.(stat.size, stat.size);
  return { resumedAfter: skip, finishedBefore };
}
