import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One revision of a generated dump page; every field is written as given (strings unchecked), and
 * a null id writes no `<id>` element.
 */
export interface DumpRevisionSpec {
  id: number | string | null;
  timestamp?: string;
  text?: string;
  user?: string;
  userId?: number | string | null;
  /** The contributor is this IP address (`<ip>`) instead of a user. */
  ip?: string;
  sha1?: string;
}

export interface DumpPageSpec {
  title: string;
  ns?: number | string;
  /** null writes no `<id>` element. */
  id: number | string | null;
  /** `<redirect title="…"/>` */
  redirect?: string;
  revisions: DumpRevisionSpec[];
}

export interface DumpSpec {
  /** The siteinfo's dbname; no `<siteinfo>` at all when null. */
  dbname?: string | null;
  /** The root's xml:lang (default "en"). */
  lang?: string;
  /** The siteinfo's `<namespaces>` (default: MediaWiki's core namespaces in English). */
  namespaces?: [number, string][];
  pages: DumpPageSpec[];
}

/** MediaWiki's default namespaces as a dump's `<namespaces>` lists them. */
const SITE_NAMESPACES: [number, string][] = [
  [-2, 'Media'],
  [-1, 'Special'],
  [0, ''],
  [1, 'Talk'],
  [2, 'User'],
  [3, 'User talk'],
  [4, 'Project'],
  [5, 'Project talk'],
  [6, 'File'],
  [8, 'MediaWiki'],
  [10, 'Template'],
  [12, 'Help'],
  [14, 'Category'],
  [15, 'Category talk'],
];

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function siteinfoXml(dbname: string, list: [number, string][] = SITE_NAMESPACES): string {
  const namespaces = list
    .map(([key, name]) => `      <namespace key="${key}" case="first-letter">${name}</namespace>`)
    .join('\n');
  return [
    '  <siteinfo>',
    `    <sitename>Generated</sitename>`,
    `    <dbname>${escapeXml(dbname)}</dbname>`,
    '    <base>https://example.org/wiki/Main_Page</base>',
    '    <generator>MediaWiki 1.41.0</generator>',
    '    <case>first-letter</case>',
    `    <namespaces>\n${namespaces}\n    </namespaces>`,
    '  </siteinfo>',
    '',
  ].join('\n');
}

function revisionXml(r: DumpRevisionSpec): string {
  return [
    '    <revision>',
    ...(r.id === null ? [] : [`      <id>${r.id}</id>`]),
    `      <timestamp>${r.timestamp ?? '2020-01-01T00:00:00Z'}</timestamp>`,
    `      <contributor>${contributorXml(r)}</contributor>`,
    '      <model>wikitext</model>',
    '      <format>text/x-wiki</format>',
    `      <text xml:space="preserve">${escapeXml(r.text ?? 'text')}</text>`,
    ...(r.sha1 === undefined ? [] : [`      <sha1>${r.sha1}</sha1>`]),
    '    </revision>',
  ].join('\n');
}

function pageXml(p: DumpPageSpec): string {
  return [
    '  <page>',
    `    <title>${escapeXml(p.title)}</title>`,
    `    <ns>${p.ns ?? 0}</ns>`,
    ...(p.id === null ? [] : [`    <id>${p.id}</id>`]),
    ...(p.redirect === undefined ? [] : [`    <redirect title="${escapeXml(p.redirect)}" />`]),
    ...p.revisions.map(revisionXml),
    '  </page>',
    '',
  ].join('\n');
}

function contributorXml(r: DumpRevisionSpec): string {
  if (r.ip !== undefined) return `<ip>${escapeXml(r.ip)}</ip>`;
  const id = r.userId === null ? '' : `<id>${r.userId ?? 1}</id>`;
  return `<username>${escapeXml(r.user ?? 'Importer')}</username>${id}`;
}

const head = (lang = 'en') =>
  `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="${lang}">\n`;
const HEAD = head();

/** A MediaWiki XML export (schema 0.11) of these pages. */
export function dumpXml(spec: DumpSpec): string {
  const dbname = spec.dbname === undefined ? 'dumpwiki' : spec.dbname;
  const site = dbname === null ? '' : siteinfoXml(dbname, spec.namespaces);
  return `${head(spec.lang)}${site}${spec.pages.map(pageXml).join('')}</mediawiki>\n`;
}

/** A scratch directory for dump files, removed by `remove`. */
export function dumpDir(): {
  path: (name: string) => string;
  write: (name: string, spec: DumpSpec) => string;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'wq-dump-'));
  return {
    path: (name) => join(dir, name),
    write: (name, spec) => {
      const file = join(dir, name);
      writeFileSync(file, dumpXml(spec));
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Writes, without ever holding it in memory, a dump whose page "Huge" (id 1) has one revision of
 * `bytes` bytes of text (id 10), followed by a small page "After" (id 2, revision 20).
 */
export async function writeHugeRevisionDump(file: string, bytes: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write(`${HEAD}${siteinfoXml('hugewiki')}`);
  const [head, tail] = revisionXml({ id: 10, text: '\u0000' }).split('\u0000') as [string, string];
  await write(`  <page>\n    <title>Huge</title>\n    <ns>0</ns>\n    <id>1</id>\n${head}`);
  const line = `${'Lorem ipsum dolor sit amet, [[consectetur]] adipiscing elit. '.repeat(16)}\n`;
  const block = line.repeat(Math.ceil((1024 * 1024) / line.length)).slice(0, 1024 * 1024);
  for (let left = bytes; left > 0; left -= block.length)
    await write(left >= block.length ? block : block.slice(0, left));
  await write(
    `${tail}\n  </page>\n${pageXml({ title: 'After', id: 2, revisions: [{ id: 20 }] })}</mediawiki>\n`,
  );
  out.end();
  await once(out, 'finish');
}
