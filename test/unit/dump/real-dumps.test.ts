import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDump } from '../../../src/wiki-source/local/dump/read-dump.ts';
import type { DumpSiteInfo } from '../../../src/wiki-source/local/dump/read-dump.ts';

/** Real Wikimedia dumps shared between checkouts; not part of the repository. */
const DUMPS_DIR = resolve(process.cwd(), '../shared/data/dumps');
const dumps = existsSync(DUMPS_DIR)
  ? readdirSync(DUMPS_DIR)
      .filter((f) => f.endsWith('.xml.bz2'))
      .sort()
  : [];

/** Page counts checked independently (`bzcat FILE | grep -c '<page>'`). */
const KNOWN_PAGE_COUNTS: Record<string, number> = {
  'bnwiki-2023-truncated.xml.bz2': 722,
  'elwiki-2023-truncated.xml.bz2': 933,
  'enwiki-2016-extract-206.xml.bz2': 206,
  'hywiki-2023-truncated.xml.bz2': 408,
  'jawiki-2023-truncated.xml.bz2': 238,
  'ltgwiki-2017-small.xml.bz2': 2004,
  'mrwiki-2023-truncated.xml.bz2': 1820,
  'ukwiki-2023-truncated.xml.bz2': 532,
  'viwiki-2023-truncated.xml.bz2': 970,
};

interface DumpSummary {
  siteinfo: DumpSiteInfo | null;
  pages: { id: number | null; namespace: number; revisions: number; textBytes: number }[];
  byteOffsets: number[];
  warnings: string[];
  error: unknown;
}

async function summarize(path: string): Promise<DumpSummary> {
  const out: DumpSummary = { siteinfo: null, pages: [], byteOffsets: [], warnings: [], error: null };
  try {
    for await (const item of readDump(path)) {
      if (item.kind === 'siteinfo') out.siteinfo = item.siteinfo;
      else if (item.kind === 'warning') out.warnings.push(item.message);
      else {
        const { id, namespace, revisions } = item.page;
        const textBytes = revisions.reduce((n, r) => n + r.text.length, 0);
        out.pages.push({ id, namespace, revisions: revisions.length, textBytes });
        out.byteOffsets.push(item.byteOffset);
      }
    }
  } catch (err) {
    out.error = err;
  }
  return out;
}

describe.skipIf(dumps.length === 0)(
  `real dumps in ${DUMPS_DIR}${dumps.length === 0 ? ' (skipped: folder absent or holds no .xml.bz2)' : ''}`,
  () => {
    describe.each(dumps)('%s', (file) => {
      let dump: DumpSummary;
      beforeAll(async () => {
        dump = await summarize(resolve(DUMPS_DIR, file));
      }, 180_000);

      it('reads to the end without error or warning', () => {
        expect(dump.error).toBeNull();
        expect(dump.warnings).toEqual([]);
      });

      it('has the expected number of pages', () => {
        const known = KNOWN_PAGE_COUNTS[file];
        if (known === undefined) expect(dump.pages.length).toBeGreaterThan(0);
        else expect(dump.pages.length).toBe(known);
      });

      it('has a siteinfo whose dbname and language match the file name', () => {
        const dbname = file.split('-')[0]!;
        expect(dump.siteinfo!.dbname).toBe(dbname);
        expect(dump.siteinfo!.lang).toBe(dbname.replace(/wiki$/, ''));
      });

      it('lists the main namespace as content and every namespace its pages use', () => {
        const ids = new Set(dump.siteinfo!.namespaces.map((n) => n.id));
        expect(dump.siteinfo!.namespaces.find((n) => n.id === 0)!.content).toBe(true);
        expect(dump.pages.filter((p) => !ids.has(p.namespace))).toEqual([]);
      });

      it('gives every page at least one revision, in increasing page id order', () => {
        expect(dump.pages.filter((p) => p.revisions === 0)).toEqual([]);
        const ids = dump.pages.map((p) => p.id);
        expect(ids).toEqual([...ids].sort((a, b) => (a ?? 0) - (b ?? 0)));
      });

      it('has text for all but a few pages (blanked messages and empty categories exist)', () => {
        const empty = dump.pages.filter((p) => p.textBytes === 0);
        expect(empty.length).toBeLessThan(Math.max(3, dump.pages.length / 100));
      });

      it('reports increasing byte offsets', () => {
        const offsets = dump.byteOffsets;
        expect(offsets.every((o, i) => i === 0 || o > offsets[i - 1]!)).toBe(true);
      });
    });
  },
);
