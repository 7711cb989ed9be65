/**
 * Dump reader throughput over the real dumps in ../shared/data/dumps: once end to end from the
 * compressed file, once from the same dump decompressed to a temporary .xml (parser alone).
 * Run: node bin/run-ts.js bench/dump-read.bench.ts [DIR]
 */
import { createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { openDumpInput } from '../src/wiki-source/local/dump/dump-input.ts';
import { readDump } from '../src/wiki-source/local/dump/read-dump.ts';

export interface DumpReadFigures {
  file: string;
  mode: 'compressed' | 'plain xml';
  pages: number;
  revisions: number;
  uncompressedBytes: number;
  seconds: number;
  pagesPerSecond: number;
  megabytesPerSecond: number;
}

const DEFAULT_DIR = resolve(process.cwd(), '../shared/data/dumps');
const DUMP_FILE = /\.xml(\.gz|\.bz2)?$/;

async function timeRead(path: string, file: string, mode: DumpReadFigures['mode']): Promise<DumpReadFigures> {
  let pages = 0;
  let revisions = 0;
  let bytes = 0;
  const started = process.hrtime.bigint();
  for await (const item of readDump(path)) {
    if (item.kind !== 'page') continue;
    pages++;
    revisions += item.page.revisions.length;
    bytes = item.byteOffset;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    file,
    mode,
    pages,
    revisions,
    uncompressedBytes: bytes,
    seconds,
    pagesPerSecond: pages / seconds,
    megabytesPerSecond: bytes / 1e6 / seconds,
  };
}

async function decompressTo(path: string, target: string): Promise<void> {
  const input = await openDumpInput(path);
  await pipeline(Readable.from(input.chunks, { objectMode: false }), createWriteStream(target));
}

export async function runDumpReadBench(dir: string = DEFAULT_DIR): Promise<DumpReadFigures[]> {
  if (!existsSync(dir)) {
    console.log(`dump-read: ${dir} does not exist; nothing to measure`);
    return [];
  }
  const files = readdirSync(dir)
    .filter((f) => DUMP_FILE.test(f))
    .sort();
  const scratch = mkdtempSync(join(tmpdir(), 'wikiqueue-dump-bench-'));
  const rows: DumpReadFigures[] = [];
  try {
    for (const file of files) {
      const path = join(dir, file);
      rows.push(await timeRead(path, file, 'compressed'));
      const plain = join(scratch, 'dump.xml');
      await decompressTo(path, plain);
      rows.push(await timeRead(plain, file, 'plain xml'));
      rmSync(plain);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  printFigures(
    rows,
    files.map((f) => statSync(join(dir, f)).size).reduce((a, b) => a + b, 0),
  );
  return rows;
}

function printFigures(rows: DumpReadFigures[], compressedBytes: number): void {
  const table = rows.map((r) => ({
    file: r.file,
    mode: r.mode,
    pages: r.pages,
    revisions: r.revisions,
    MB: (r.uncompressedBytes / 1e6).toFixed(1),
    seconds: r.seconds.toFixed(2),
    'pages/s': Math.round(r.pagesPerSecond),
    'MB/s': r.megabytesPerSecond.toFixed(1),
  }));
  console.table(table);
  for (const mode of ['compressed', 'plain xml'] as const) {
    const of = rows.filter((r) => r.mode === mode);
    const pages = of.reduce((n, r) => n + r.pages, 0);
    const bytes = of.reduce((n, r) => n + r.uncompressedBytes, 0);
    const seconds = of.reduce((n, r) => n + r.seconds, 0);
    console.log(
      `${mode.padEnd(10)} total: ${pages} pages, ${(bytes / 1e6).toFixed(1)} MB uncompressed in ${seconds.toFixed(1)} s` +
        ` = ${Math.round(pages / seconds)} pages/s, ${(bytes / 1e6 / seconds).toFixed(1)} MB/s`,
    );
  }
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `compressed input: ${(compressedBytes / 1e6).toFixed(1)} MB; peak RSS: ${maxRssMb.toFixed(0)} MB`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runDumpReadBench(process.argv[2] ?? DEFAULT_DIR);
}
