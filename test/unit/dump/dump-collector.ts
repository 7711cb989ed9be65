import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { readDump } from '../../../src/wiki-source/local/dump/read-dump.ts';
import type {
  DumpPage,
  DumpSiteInfo,
  ReadDumpOptions,
} from '../../../src/wiki-source/local/dump/read-dump.ts';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/dumps/', import.meta.url));

export function fixturePath(name: string): string {
  return resolve(FIXTURES, name);
}

export function fixtureBytes(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

/** Everything readDump produced, and the error it stopped with (null if it finished). */
export interface CollectedDump {
  siteinfo: DumpSiteInfo | null;
  pages: DumpPage[];
  byteOffsets: number[];
  warnings: string[];
  kinds: string[];
  error: Error | null;
}

export async function collectDump(
  source: string | NodeJS.ReadableStream,
  opts?: ReadDumpOptions,
): Promise<CollectedDump> {
  const out: CollectedDump = {
    siteinfo: null,
    pages: [],
    byteOffsets: [],
    warnings: [],
    kinds: [],
    error: null,
  };
  try {
    for await (const item of readDump(source, opts)) {
      out.kinds.push(item.kind);
      if (item.kind === 'siteinfo') out.siteinfo = item.siteinfo;
      else if (item.kind === 'warning') out.warnings.push(item.message);
      else {
        out.pages.push(item.page);
        out.byteOffsets.push(item.byteOffset);
      }
    }
  } catch (err) {
    out.error = err as Error;
  }
  return out;
}

/** A byte stream delivering `data` in chunks of `chunkSize` bytes (all at once by default). */
export function streamOf(data: string | Buffer, chunkSize?: number): Readable {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const size = chunkSize ?? Math.max(bytes.length, 1);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks, { objectMode: false });
}

/** Builds a small export document around page XML (schema 0.10 unless told otherwise). */
export function exportXml(body: string, rootAttrs = 'version="0.10" xml:lang="en"'): string {
  return `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" ${rootAttrs}>\n${body}</mediawiki>\n`;
}

/** One `<page>` with one revision, in the shape MediaWiki writes. */
export function pageXml(p: {
  title: string;
  id: number;
  ns?: number;
  revId?: number;
  text?: string;
}): string {
  return [
    '  <page>',
    `    <title>${p.title}</title>`,
    `    <ns>${p.ns ?? 0}</ns>`,
    `    <id>${p.id}</id>`,
    '    <revision>',
    `      <id>${p.revId ?? p.id * 10}</id>`,
    '      <timestamp>2020-01-01T00:00:00Z</timestamp>',
    '      <contributor><username>A</username><id>1</id></contributor>',
    '      <model>wikitext</model>',
    '      <format>text/x-wiki</format>',
    `      <text xml:space="preserve">${p.text ?? 'text'}</text>`,
    '      <sha1>0000000000000000000000000000000</sha1>',
    '    </revision>',
    '  </page>',
    '',
  ].join('\n');
}
