import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import unbzip2 from 'unbzip2-stream';
import { DumpFormatError } from './dump-format-error.ts';

export type DumpCompression = 'none' | 'gzip' | 'bzip2';

export interface DumpInput {
  compression: DumpCompression;
  /** Uncompressed bytes, pulled on demand: input is read as the consumer asks for more. */
  chunks: AsyncIterable<Buffer>;
}

type OnBytes = (compressedBytesRead: number, totalBytes?: number) => void;

const READ_CHUNK_BYTES = 256 * 1024;
/** Bounds what one zlib step can produce (dump text rarely compresses beyond 10:1). */
const GZIP_INPUT_SLICE = 64 * 1024;
const SNIFF_BYTES = 8;

/** Formats we recognize by magic bytes only to refuse them with a clear message. */
const UNSUPPORTED_MAGIC: readonly [string, number[]][] = [
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
];

function startsWith(head: Buffer, magic: readonly number[]): boolean {
  return head.length >= magic.length && magic.every((b, i) => head[i] === b);
}

/** Compression is decided by magic bytes, never by the file name. */
function detectCompression(head: Buffer): DumpCompression {
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(head, [0x42, 0x5a, 0x68]) && (head.length < 4 || (head[3]! >= 0x31 && head[3]! <= 0x39))) {
    return 'bzip2';
  }
  for (const [format, magic] of UNSUPPORTED_MAGIC) {
    if (startsWith(head, magic)) {
      throw new DumpFormatError(`${format}-compressed input is not supported; use .xml, .xml.gz or .xml.bz2`);
    }
  }
  const text = head.toString('latin1').replace(/^\xef\xbb\xbf/, '');
  const first = text.trimStart()[0];
  if (first !== undefined && first !== '<') {
    throw new DumpFormatError('not a MediaWiki XML export: input is neither XML nor gzip/bzip2 data');
  }
  return 'none';
}

/**
 * Opens a dump (a path or an already open byte stream), detects its compression and returns
 * its uncompressed bytes. `onBytes` sees the compressed bytes as they are read.
 * Corrupt or truncated compressed data surfaces as a DumpFormatError from `chunks`, after all
 * data that could be decompressed before it.
 */
export async function openDumpInput(
  source: string | NodeJS.ReadableStream,
  onBytes?: OnBytes,
): Promise<DumpInput> {
  const counter = { read: 0 };
  const raw = readRaw(source, counter, onBytes)[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  const pending: Buffer[] = [];
  while (head.length < SNIFF_BYTES) {
    const next = await raw.next();
    if (next.done) break;
    pending.push(next.value);
    head = Buffer.concat([head, next.value]);
  }
  let compression: DumpCompression;
  try {
    compression = detectCompression(head);
  } catch (err) {
    await raw.return?.(undefined);
    throw err;
  }
  const all = replay(pending, raw);
  const chunks =
    compression === 'gzip' ? gunzip(all, counter) : compression === 'bzip2' ? bunzip2(all, counter) : all;
  return { compression, chunks };
}

async function* readRaw(
  source: string | NodeJS.ReadableStream,
  counter: { read: number },
  onBytes?: OnBytes,
): AsyncGenerator<Buffer> {
  let stream: NodeJS.ReadableStream;
  let total: number | undefined;
  if (typeof source === 'string') {
    total = (await stat(source)).size;
    stream = createReadStream(source, { highWaterMark: READ_CHUNK_BYTES });
  } else {
    stream = source;
  }
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    counter.read += buf.length;
    onBytes?.(counter.read, total);
    yield buf;
  }
}

async function* replay(head: Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield* head;
    for (;;) {
      const next = await rest.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await rest.return?.(undefined);
  }
}

/**
 * unbzip2-stream is a synchronous `through` stream: each write decompresses every complete
 * block it holds and emits it before returning, so a plain loop gives backpressure for free.
 * It handles concatenated (multistream) bzip2 files.
 */
async function* bunzip2(raw: AsyncIterable<Buffer>, counter: { read: number }): AsyncGenerator<Buffer> {
  const bz = unbzip2();
  const out: Buffer[] = [];
  let decompressed = 0;
  let inputEnded = false;
  let failure: unknown;
  bz.on('data', (data: Buffer) => {
    out.push(data);
    decompressed += data.length;
  });
  bz.on('error', (err: unknown) => {
    failure ??= err;
  });
  function* drain(): Generator<Buffer> {
    while (out.length > 0) yield out.shift()!;
    if (failure === undefined) return;
    // The library's own messages are mostly jokes; only a checksum failure is worth repeating.
    // Running out of input inside a block shows up as "ended prematurely" or, mid-block, as a
    // TypeError from the bit reader.
    const detail = failure instanceof Error ? failure.message : String(failure);
    const isChecksum = /crc/i.test(detail);
    const where = `after ${decompressed} decompressed bytes (${counter.read} compressed bytes read)`;
    const outOfInput = /ended prematurely/.test(detail) || (inputEnded && failure instanceof TypeError);
    const message = outOfInput
      ? `truncated bzip2 data: input ends inside a compressed block ${where}`
      : `corrupt bzip2 data ${where}${isChecksum ? ': block checksum mismatch' : ''}`;
    throw new DumpFormatError(message, undefined, { cause: failure });
  }
  for await (const chunk of raw) {
    bz.write(chunk);
    yield* drain();
  }
  inputEnded = true;
  bz.end();
  yield* drain();
}

/**
 * Feeds zlib one slice at a time and hands on its output before reading more input, so memory
 * stays bounded and everything decompressed before an error still reaches the parser (a stream
 * iterator would drop its buffered output when zlib fails). zlib checks the gzip checksum at the
 * end of a member and withholds the output of the step that fails it; that data is suspect anyway.
 */
async function* gunzip(raw: AsyncIterable<Buffer>, counter: { read: number }): AsyncGenerator<Buffer> {
  const z = createGunzip({ chunkSize: 64 * 1024 });
  const out: Buffer[] = [];
  let failure: unknown;
  let ended = false;
  // Resolves the current wait: a write zlib has finished, or the end, or an error (after which
  // zlib never calls back for the write in flight).
  let settle: (() => void) | null = null;
  const wakeUp = (): void => {
    const resume = settle;
    settle = null;
    resume?.();
  };
  z.on('data', (data: Buffer) => out.push(data));
  z.on('error', (err: unknown) => {
    failure ??= err;
    wakeUp();
  });
  z.on('end', () => {
    ended = true;
    wakeUp();
  });
  function* drain(): Generator<Buffer> {
    while (out.length > 0) yield out.shift()!;
    if (failure !== undefined) throw toGzipError(failure, counter.read);
  }
  try {
    for await (const chunk of raw) {
      for (let at = 0; at < chunk.length; at += GZIP_INPUT_SLICE) {
        const slice = chunk.subarray(at, at + GZIP_INPUT_SLICE);
        await new Promise<void>((resolve) => {
          settle = resolve;
          z.write(slice, wakeUp);
        });
        yield* drain();
      }
    }
    z.end();
    for (;;) {
      yield* drain();
      if (ended) return;
      await new Promise<void>((resolve) => {
        settle = resolve;
      });
    }
  } finally {
    z.destroy();
  }
}

function toGzipError(err: unknown, compressedBytes: number): unknown {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('Z_')) return err;
  const what = code === 'Z_BUF_ERROR' ? 'truncated gzip data' : 'corrupt gzip data';
  const detail = err instanceof Error ? err.message : String(err);
  return new DumpFormatError(`${what} after ${compressedBytes} compressed bytes: ${detail}`, undefined, {
    cause: err,
  });
}
