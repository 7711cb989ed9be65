/**
 * Review metadata compilation on real articles, storage included: each dump of ../shared/data/dumps
 * is imported into a fresh SQLite store in the temp directory (or, with `--postgres URL`, a fresh
 * schema of that PostgreSQL database, dropped afterwards), then the review backfill queues every
 * page of the tracked namespaces, compiling its metadata and saving it in batch transactions
 * (`ReviewMaintenance.backfill`). Target: ≥ 1,000 pages/s per core. The CPU figure is this
 * process's; a PostgreSQL server's own CPU is not in it.
 * Run: node bin/run-ts.js bench/review-compile.bench.ts [DIR] [--postgres URL]
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { createServices } from '../src/create-services.ts';
import { DumpImporter } from '../src/wiki-source/local/dump-import.ts';
import { openStore } from '../src/core/store/open-store.ts';
import { dropPostgresSchema } from '../src/core/store/postgres/open-postgres.ts';
import type { Store } from '../src/core/store/store.ts';

export interface CompileBenchOptions {
  /** A PostgreSQL URL to run on instead of SQLite files. */
  postgresUrl?: string;
}

export interface CompileFigures {
  file: string;
  wiki: string;
  importedPages: number;
  importSeconds: number;
  /** Pages the backfill compiled and stored. */
  queued: number;
  scanned: number;
  seconds: number;
  pagesPerSecond: number;
  /** Pages per second of this process's CPU time: the figure to trust on a busy machine. */
  pagesPerCpuSecond: number;
}

const DEFAULT_DIR = resolve(process.cwd(), '../shared/data/dumps');
const DUMP_FILE = /\.xml(\.gz|\.bz2)?$/;
const TARGET = 1000;

/** A fresh, empty store for one dump and how to dispose of it. */
async function scratchStore(
  file: string,
  scratch: string,
  opts: CompileBenchOptions,
): Promise<{ url: string; store: Store; dispose: () => Promise<void> }> {
  const url = opts.postgresUrl;
  if (url) {
    const schema = `wq_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
    const store = await openStore(url, { schema });
    return {
      url,
      store,
      dispose: async () => {
        await store.close();
        await dropPostgresSchema(url, schema);
      },
    };
  }
  const path = join(scratch, `${file}.sqlite`);
  const store = await openStore(`sqlite:${path}`);
  return {
    url: `sqlite:${path}`,
    store,
    dispose: async () => {
      await store.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    },
  };
}

async function compileOne(
  dir: string,
  file: string,
  scratch: string,
  opts: CompileBenchOptions,
): Promise<CompileFigures> {
  const { url, store, dispose } = await scratchStore(file, scratch, opts);
  const config = loadConfig(
    {
      databaseUrl: url,
      logLevel: 'silent',
      demo: { autoCreate: false },
      jobs: { runInServer: false },
    },
    {},
  );
  const services = await createServices({ config, store, logger: pino({ level: 'silent' }) });
  try {
    const importer = new DumpImporter({
      store,
      clock: services.clock,
      wikis: services.wikis,
      jobs: services.jobs,
    });
    const imported = await importer.import(join(dir, file), { batchSize: 500 });
    const cpu = process.cpuUsage();
    const result = await services.review.maintenance.backfill(imported.wiki, {});
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    return {
      file,
      wiki: imported.wiki,
      importedPages: imported.pages,
      importSeconds: imported.seconds,
      queued: result.queued,
      scanned: result.scanned,
      seconds: result.seconds,
      pagesPerSecond: result.queued / result.seconds,
      pagesPerCpuSecond: result.queued / cpuSeconds,
    };
  } finally {
    await dispose();
  }
}

export async function runReviewCompileBench(
  dir: string = DEFAULT_DIR,
  opts: CompileBenchOptions = {},
): Promise<CompileFigures[]> {
  if (!existsSync(dir)) {
    console.log(`review-compile: ${dir} does not exist; nothing to measure`);
    return [];
  }
  const files = readdirSync(dir)
    .filter((f) => DUMP_FILE.test(f))
    .sort();
  const scratch = mkdtempSync(join(tmpdir(), 'wikiqueue-compile-bench-'));
  const rows: CompileFigures[] = [];
  try {
    for (const file of files) rows.push(await compileOne(dir, file, scratch, opts));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(
    `\nreview metadata compile + store (backfill) on ${opts.postgresUrl ? 'PostgreSQL' : 'SQLite'}, one process on one core`,
  );
  console.log(
    `${'dump'.padEnd(34)} ${'wiki'.padEnd(10)} imported  compiled   seconds   pages/s  pages/cpu-s`,
  );
  for (const r of rows) {
    console.log(
      `${r.file.padEnd(34)} ${r.wiki.padEnd(10)} ${String(r.importedPages).padStart(8)} ${String(r.queued).padStart(9)} ${r.seconds.toFixed(2).padStart(9)} ${r.pagesPerSecond.toFixed(0).padStart(9)} ${r.pagesPerCpuSecond.toFixed(0).padStart(12)}`,
    );
  }
  const queued = rows.reduce((n, r) => n + r.queued, 0);
  const seconds = rows.reduce((n, r) => n + r.seconds, 0);
  const rate = seconds > 0 ? queued / seconds : 0;
  const cpuSeconds = rows.reduce((n, r) => n + r.queued / r.pagesPerCpuSecond, 0);
  const cpuRate = cpuSeconds > 0 ? queued / cpuSeconds : 0;
  console.log(
    `total: ${queued} pages in ${seconds.toFixed(2)} s = ${rate.toFixed(0)} pages/s wall, ${cpuRate.toFixed(0)} pages/s of CPU (target ≥ ${TARGET} per core: ${cpuRate >= TARGET ? 'MET' : 'NOT MET'})`,
  );
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const pg = args.indexOf('--postgres');
  const postgresUrl = pg === -1 ? undefined : args.splice(pg, 2)[1];
  if (pg !== -1 && !postgresUrl) throw new Error('--postgres needs a URL');
  await runReviewCompileBench(args[0] ?? DEFAULT_DIR, postgresUrl ? { postgresUrl } : {});
}
