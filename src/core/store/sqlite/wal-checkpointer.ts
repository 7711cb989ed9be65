import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { StoreLogger } from '../sql/sql-store.ts';

/** How often the checkpointer copies the WAL's new frames into the database file. */
const CHECKPOINT_MS = 200;

/**
 * The checkpointer's thread: its own connection, a PASSIVE checkpoint every `ms` (it never waits
 * for a reader or a writer, nor blocks one), closed when told to stop. Plain CommonJS, run from
 * this text, so that it needs no TypeScript loader in the thread.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.ms);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints a SQLite database's WAL from a worker thread. SQLite checkpoints at the commit
 * that takes the WAL past `wal_autocheckpoint` pages, on the committing thread: the copy and its
 * two fsyncs (tens of milliseconds on a busy disk) stall the event loop of the process that
 * happens to commit then, and every request waiting on it. With this running, the WAL is copied
 * back a fifth of a second after it is written and the commits stay short; the caller keeps a
 * high `wal_autocheckpoint` as a backstop should the thread fall behind or fail.
 */
export function startWalCheckpointer(path: string, logger?: StoreLogger): { stop(): Promise<void> } {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(THREAD, { eval: true, workerData: { path, driver, ms: CHECKPOINT_MS } });
  // A process is not kept alive by it; a failure leaves the checkpoints to the backstop.
  worker.unref();
  const exited = new Promise<void>((done) => worker.once('exit', () => done()));
  worker.on('error', (err) => {
    logger?.error({ err }, 'store: the SQLite WAL checkpointer failed; checkpoints run at commit');
  });
  return {
    async stop() {
      // Kept alive until the thread has closed its connection.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
