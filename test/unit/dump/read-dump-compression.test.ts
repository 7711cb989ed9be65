import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DumpFormatError, readDump } from '../../../src/wiki-source/local/dump/read-dump.ts';
import { collectDump, fixtureBytes, pageXml, streamOf } from './dump-collector.ts';

const HAS_BZIP2 = (() => {
  try {
    execFileSync('bzip2', ['--help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const BZIP2_SKIP = HAS_BZIP2 ? '' : ' (skipped: the bzip2 CLI is not on PATH)';

function bzip2(data: Buffer): Buffer {
  return execFileSync('bzip2', ['-c', '-9'], { input: data });
}

const xml = fixtureBytes('export-0.10.xml');
const tmp = mkdtempSync(join(tmpdir(), 'wikiqueue-dump-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tmpFile(name: string, data: Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, data);
  return path;
}

describe('readDump on compressed input', () => {
  it('reads a gzip dump to the same items as the plain XML', async () => {
    const plain = await collectDump(streamOf(xml));
    expect(await collectDump(tmpFile('gz.xml.gz', gzipSync(xml)))).toEqual(plain);
  });

  it.skipIf(!HAS_BZIP2)(`reads a bzip2 dump to the same items as the plain XML${BZIP2_SKIP}`, async () => {
    const plain = await collectDump(streamOf(xml));
    expect(await collectDump(tmpFile('bz.xml.bz2', bzip2(xml)))).toEqual(plain);
  });

  it.skipIf(!HAS_BZIP2)(`reads a multistream bzip2 file split inside a page${BZIP2_SKIP}`, async () => {
    const multistream = Buffer.concat([bzip2(xml.subarray(0, 2000)), bzip2(xml.subarray(2000))]);
    const plain = await collectDump(streamOf(xml));
    expect(await collectDump(streamOf(multistream))).toEqual(plain);
  });

  it('detects compression by magic bytes, not by file name', async () => {
    const plain = await collectDump(streamOf(xml));
    expect(await collectDump(tmpFile('really-gzip.xml', gzipSync(xml)))).toEqual(plain);
    expect(await collectDump(tmpFile('really-plain.xml.bz2', xml))).toEqual(plain);
  });

  it('reports compressed bytes through onBytes, against the compressed file size', async () => {
    const gz = gzipSync(xml);
    const calls: [number, number | undefined][] = [];
    await collectDump(tmpFile('progress.xml.gz', gz), {
      onBytes: (read, total) => calls.push([read, total]),
    });
    expect(calls.at(-1)).toEqual([gz.length, gz.length]);
  });

  it('reports uncompressed byte offsets for compressed input', async () => {
    const plain = await collectDump(streamOf(xml));
    const gz = await collectDump(streamOf(gzipSync(xml)));
    expect(gz.byteOffsets).toEqual(plain.byteOffsets);
  });
});

describe('readDump on damaged compressed input', () => {
  it('fails when a gzip checksum does not match', async () => {
    const gz = gzipSync(xml);
    gz[gz.length - 8]! ^= 0xff;
    const dump = await collectDump(streamOf(gz));
    expect(dump.error).toBeInstanceOf(DumpFormatError);
    expect(dump.error!.message).toBe(
      `corrupt gzip data after ${gz.length} compressed bytes: incorrect data check`,
    );
  });

  it('yields the pages decompressed before the cut, then fails, when gzip data is truncated', async () => {
    const gz = gzipSync(xml);
    const cut = gz.subarray(0, Math.floor(gz.length * 0.75));
    const plain = await collectDump(streamOf(xml));
    const dump = await collectDump(streamOf(cut));
    expect(dump.pages.length).toBeGreaterThan(0);
    expect(dump.pages).toEqual(plain.pages.slice(0, dump.pages.length));
    expect(dump.error!.message).toBe(
      `truncated gzip data after ${cut.length} compressed bytes: unexpected end of file`,
    );
  });

  it.skipIf(!HAS_BZIP2)(`fails on a bzip2 block whose checksum does not match${BZIP2_SKIP}`, async () => {
    const bz = bzip2(xml);
    bz[10]! ^= 0xff; // the stored CRC of the first block follows "BZh9" and the block magic
    const dump = await collectDump(streamOf(bz));
    expect(dump.pages).toEqual([]);
    expect(dump.error).toBeInstanceOf(DumpFormatError);
    expect(dump.error!.message).toBe(
      `corrupt bzip2 data after 0 decompressed bytes (${bz.length} compressed bytes read): block checksum mismatch`,
    );
  });

  it.skipIf(!HAS_BZIP2)(`fails on bzip2 data cut inside a block${BZIP2_SKIP}`, async () => {
    const bz = bzip2(xml);
    const half = bz.subarray(0, Math.floor(bz.length / 2));
    const dump = await collectDump(streamOf(half));
    expect(dump.error!.message).toBe(
      `truncated bzip2 data: input ends inside a compressed block after 0 decompressed bytes (${half.length} compressed bytes read)`,
    );
  });
});

describe('readDump streaming', () => {
  it('pulls input only as pages are consumed, and closes the source when the consumer stops', async () => {
    let produced = 0;
    let closed = false;
    async function* hugeDump(): AsyncGenerator<Buffer> {
      try {
        yield Buffer.from('<mediawiki version="0.10" xml:lang="en">\n');
        for (let id = 1; id <= 100_000; id++) {
          produced++;
          yield Buffer.from(pageXml({ title: `Page ${id}`, id }));
        }
        yield Buffer.from('</mediawiki>\n');
      } finally {
        closed = true;
      }
    }
    for await (const item of readDump(Readable.from(hugeDump(), { objectMode: false }))) {
      if (item.kind === 'page') break;
    }
    expect(produced).toBeLessThan(500);
    await vi.waitFor(() => expect(closed).toBe(true));
  });
});
