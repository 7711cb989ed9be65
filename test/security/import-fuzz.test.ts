/**
 * Property-based fuzzing of the XML dump import (issue 10, "Done means"): random dumps (titles,
 * namespaces, ids, timestamps, contributors, texts and redirects drawn from plausible and hostile
 * values, duplicated ids, and files cut off or garbled at a random byte), imported into a new wiki
 * or into one that already has pages. Whatever the dump:
 *  - the import ends within a few seconds, either done or refused with a catalogued error
 *    (`import-malformed`, …), never another exception;
 *  - each page or revision left out is reported with a catalogued code;
 *  - what was imported is consistent: every page's current revision is one of its own, and a page
 *    the wiki had before keeps its text unless the dump adds a newer revision to it by title.
 *
 * IMPORT_FUZZ_RUNS sets the number of dumps (default 1,000 on SQLite, 400 on PostgreSQL);
 * FUZZ_SEED replays a run. The suite prints how many cases it ran.
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalog, isWikiqueueError } from '../../src/errors.ts';
import { DumpImporter, type ImportOutcome } from '../../src/wiki-source/local/dump-import.ts';
import { anonymousActor } from '../factories/actors.ts';
import { buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';
import { dumpDir, dumpXml, type DumpPageSpec, type DumpRevisionSpec } from '../factories/dumps.ts';

const RUNS = Number(
  process.env.IMPORT_FUZZ_RUNS ?? (process.env.WIKIQUEUE_TEST_BACKEND === 'postgres' ? 400 : 1000),
);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const HANG_MS = 20_000;
const errorCodes = new Set<string>(Object.keys(errorCatalog));

const hostileText = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'A|B',
  '<script>alert(1)</script>',
  '[[x]]',
  'Talk:',
  ':',
  '%41',
  'Caf&eacute;',
  'x'.repeat(300),
  '\u200e',
  '\ud800',
  '__proto__',
  '../../etc/passwd',
  'Special:Export',
  'Media:X.png',
  '#REDIRECT [[Main Page]]',
  ']]>',
  '&amp;',
  '\u001f',
);
const title = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom('Main Page', 'Alpha', 'Beta', 'Talk:Alpha', 'User:Someone', 'Draft:Gamma'),
  },
  { weight: 2, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);
const id = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 12 }) },
  // No <id> element, which importDump accepts (the import assigns one).
  { weight: 1, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<number | string>(0, -1, '1e20', '9007199254740993', '', 'x', '1.5', ' 3'),
  },
);
const timestamp = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .integer({ min: 0, max: 40 })
      .map((d) => `2020-01-${String(1 + (d % 28)).padStart(2, '0')}T00:00:00Z`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      'yesterday',
      '2020-02-30T00:00:00Z',
      '99999-01-01T00:00:00Z',
      '20200101000000',
      '-1',
    ),
  },
);
const text = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'Plain text.',
      '[[Alpha]] and [[Category:Things]]',
      '#REDIRECT [[Beta]]',
      '{{Template}}',
    ),
  },
  { weight: 1, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
);
const revision: fc.Arbitrary<DumpRevisionSpec> = fc.record(
  {
    id,
    timestamp,
    text,
    user: fc.oneof(fc.constantFrom('Importer', 'Someone', '127.0.0.1'), hostileText),
    userId: fc.oneof(
      fc.integer({ min: 0, max: 5 }),
      fc.constantFrom<number | string | null>(-1, 'x', '1e20', null),
    ),
    sha1: fc.constantFrom('', 'phoiac9h4m842xq45sp7s6u21eteeq1', 'not-a-sha1'),
  },
  { requiredKeys: ['id'] },
);
const page: fc.Arbitrary<DumpPageSpec> = fc.record(
  {
    title,
    ns: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom<number | string>(0, 1, 2, 118) },
      { weight: 1, arbitrary: fc.constantFrom<number | string>(-1, -2, 3000, 'x', '') },
    ),
    id,
    redirect: fc.oneof(fc.constant(undefined), title),
    revisions: fc.array(revision, { minLength: 0, maxLength: 3 }),
  },
  { requiredKeys: ['title', 'id', 'revisions'] },
) as fc.Arbitrary<DumpPageSpec>;

/** How the bytes of a generated dump are spoiled, if at all. */
type Damage = { kind: 'none' } | { kind: 'cut'; at: number } | { kind: 'garble'; at: number; with: string };
const damage: fc.Arbitrary<Damage> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'none' } as const) },
  {
    weight: 1,
    arbitrary: fc.double({ min: 0.05, max: 1, noNaN: true }).map((at) => ({ kind: 'cut', at }) as const),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('<', '</page>', '&', '<!DOCTYPE x [', ']]>', '\u0000'),
      )
      .map(([at, w]) => ({ kind: 'garble', at, with: w }) as const),
  },
);

interface Case {
  pages: DumpPageSpec[];
  intoExisting: boolean;
  damage: Damage;
}
const dumpCase: fc.Arbitrary<Case> = fc.record({
  pages: fc.array(page, { minLength: 0, maxLength: 6 }),
  intoExisting: fc.boolean(),
  damage,
});

function spoil(xml: string, d: Damage): string {
  if (d.kind === 'none') return xml;
  const at = Math.floor(d.at * xml.length);
  return d.kind === 'cut' ? xml.slice(0, at) : xml.slice(0, at) + d.with + xml.slice(at);
}

describe('the dump import under random dumps', () => {
  let t: TestApp;
  let importer: DumpImporter;
  let dumps: ReturnType<typeof dumpDir>;
  let cases = 0;
  const outcomes = new Map<string, number>();

  beforeAll(async () => {
    t = await buildTestApp();
    importer = new DumpImporter(t.services);
    dumps = dumpDir();
    const source = t.services.wikiSources.for(TEST_WIKI);
    for (const [title, body] of [
      ['Main Page', 'local main page'],
      ['Alpha', 'local alpha'],
    ] as const) {
      await source.edit(anonymousActor({ wiki: TEST_WIKI }), { title, text: body });
    }
  });

  afterAll(async () => {
    console.log(`import fuzz: ${cases} cases`);
    const top = [...outcomes].sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.log(`import fuzz outcomes: ${top.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    dumps?.remove();
    await t?.close();
  });

  it('imports or refuses every dump with catalogued outcomes, and leaves consistent pages', async () => {
    await fc.assert(
      fc.asyncProperty(dumpCase, async (c) => {
        cases++;
        // Each dump goes to a wiki of its own, or into the wiki with local pages.
        const wiki = c.intoExisting ? TEST_WIKI : `fuzz${cases}`;
        const file = dumps.path(`case-${cases}.xml`);
        writeFileSync(file, spoil(dumpXml({ dbname: wiki, pages: c.pages }), c.damage));
        const before = await snapshot(wiki);
        const skipped: ImportOutcome[] = [];
        let timer: NodeJS.Timeout | undefined;
        let ending = 'done';
        try {
          await Promise.race([
            importer.import(file, { wiki, onSkip: (o) => skipped.push(o) }),
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new Error(`import did not end within ${HANG_MS} ms`)), HANG_MS);
            }),
          ]).finally(() => clearTimeout(timer));
        } catch (e) {
          expect(isWikiqueueError(e), `${String(e)}\n${JSON.stringify(c).slice(0, 600)}`).toBe(true);
          ending = (e as { code: string }).code;
          expect(errorCodes.has(ending)).toBe(true);
        }
        outcomes.set(ending, (outcomes.get(ending) ?? 0) + 1);
        for (const o of skipped) {
          expect(errorCodes.has(o.code), `uncatalogued outcome ${o.code}`).toBe(true);
          outcomes.set(o.code, (outcomes.get(o.code) ?? 0) + 1);
        }
        await expectConsistent(wiki, before);
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true },
    );
  }, 900_000);

  /** The wiki's pages by id: title, namespace and current text. */
  async function snapshot(
    wiki: string,
  ): Promise<Map<number, { ns: number; title: string; latest: number; text: string }>> {
    const out = new Map<number, { ns: number; title: string; latest: number; text: string }>();
    if (!(await t.services.store.wikis.get(wiki))) return out;
    for (const ns of [0, 1, 2, 118]) {
      const pages = await t.services.store.pages.list(wiki, { namespace: ns, dir: 'ascending', limit: 500 });
      for (const p of pages) {
        const rev = await t.services.store.revisions.get(wiki, p.latestRevId);
        out.set(p.id, { ns: p.namespace, title: p.title, latest: p.latestRevId, text: rev?.text ?? '' });
      }
    }
    return out;
  }

  async function expectConsistent(
    wiki: string,
    before: Map<number, { ns: number; title: string; latest: number; text: string }>,
  ): Promise<void> {
    const after = await snapshot(wiki);
    for (const [pageId, p] of after) {
      // The current revision belongs to the page.
      const rev = await t.services.store.revisions.get(wiki, p.latest);
      expect(rev?.pageId, `${wiki}: page ${pageId} "${p.title}" points at revision ${p.latest}`).toBe(pageId);
      // A page the wiki had keeps its title, and its text unless a newer revision was added.
      const old = before.get(pageId);
      if (old) {
        expect({ ns: p.ns, title: p.title }).toEqual({ ns: old.ns, title: old.title });
        if (p.latest === old.latest) expect(p.text).toBe(old.text);
        else expect(p.latest).toBeGreaterThan(0);
      }
    }
    for (const pageId of before.keys())
      expect(after.has(pageId), `${wiki}: page ${pageId} vanished`).toBe(true);
  }
});
