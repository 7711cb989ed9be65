/**
 * The image-suggestion generator at scale. For each size (default 100,000 and 1,000,000 target
 * articles) a fresh store is filled with raw bulk inserts (not the edit path):
 *
 * - `enwiki` (the target): N articles, half of them with their own lead image (`page_image_free`),
 *   each with interlanguage links to its counterparts on `dewiki` and `cswiki` (display form);
 * - `dewiki` and `cswiki`: the N counterparts, ~60% of them with a lead image;
 * - every article has a revision whose text shows its lead image and has 2–5 level-2 sections
 *   (History/Geschichte/Historie, Geography/…: headings the generator aligns), a counterpart's
 *   sections carrying an image one time in four (the generator's section-level suggestions);
 * - `commonswiki` (the media repository): 200,000 media_file rows: mostly BITMAP JPEGs ≥ 100 px,
 *   some SVG drawings, some narrow PNGs, some files named like flags, logos, maps, coats of arms
 *   and signatures; 5% of the images name a file the repository does not have;
 * - image_link: every image shown is used on its page, and a few heavily used files (three photos,
 *   two flags) are each used on N/10 pages across the three wikis; 3% of the counterparts' lead
 *   images are one of the three heavily used photos.
 *
 * EDITS of the target articles (no lead image of their own) get a German counterpart saved through
 * the wiki's edit path instead, so that it can be edited later.
 *
 * The measuring runs in a fresh process that only opens the store (so that the memory it reports
 * is the generator's own): a full `services.suggestions.generate('enwiki')`, then a second run
 * that supersedes the first dataset; articles per second (wall, and per CPU second of this
 * process: a PostgreSQL server's CPU is not in it), and the RSS before the run and its peak
 * (sampled every 100 ms and in the progress callback; the kernel's high-water mark too, when it
 * can be reset). Then, with the job worker running in that process (as `wikiqueue serve` runs it),
 * the lead image of each edited counterpart is changed through a real edit, and the time from the
 * edit until `services.suggestions.suggestions('enwiki', page)` returns the new file is measured.
 *
 * "oracle" is the number of target articles without a lead image with at least one counterpart
 * lead image the repository has as a BITMAP ≥ 100 px wide, neither heavily used nor named like a
 * flag, logo, coat of arms or signature (maps pass): the articles that the default filter of
 * generator-settings.ts gives a lead-image suggestion (tag `recommendation.image`).
 *
 * Targets: ≥ 50,000 articles/s per CPU second; peak RSS < 500 MB and flat across sizes; an edit
 * shows in the suggestions within 1 s (median and max).
 *
 * Run: node bin/run-ts.js bench/suggestion-generator.bench.ts [--articles N[,N…]] [--postgres URL]
 * [--edits N] [--cpu-prof DIR] (a CPU profile of each generator run, for Chrome DevTools)
 * (BENCH_SUGGESTION_ARTICLES, BENCH_SUGGESTION_EDITS; BENCH_POSTGRES_URL adds nothing by itself:
 * PostgreSQL runs only with --postgres).
 */
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Kysely } from 'kysely';
import pino from 'pino';
import type { AppServices } from '../src/app-services.ts';
import { loadConfig } from '../src/config.ts';
import { defaultNamespaces } from '../src/core/domain/namespaces.ts';
import type { WikiInfo } from '../src/core/domain/wiki.ts';
import type { Database } from '../src/core/store/schema.ts';
import { openStore } from '../src/core/store/open-store.ts';
import { dropPostgresSchema } from '../src/core/store/postgres/open-postgres.ts';
import type { Store } from '../src/core/store/store.ts';
import { createServices } from '../src/create-services.ts';
import { createWorker } from '../src/create-worker.ts';
import { germanNamespaces } from '../test/factories/local-wiki.ts';
import { flagReader } from './bench-args.ts';

const TARGET = 'enwiki';
const SIBLINGS = [
  { wiki: 'dewiki', lang: 'de', prefix: 'Artikel', idBase: 10_000_000 },
  { wiki: 'cswiki', lang: 'cs', prefix: 'Článek', idBase: 20_000_000 },
] as const;
const REPO = 'commonswiki';
const MEDIA_FILES = 200_000;
const DEFAULT_SIZES = [100_000, 1_000_000];
const DEFAULT_EDITS = 20;
/** Articles generated (and inserted, in one transaction) per step of the build. */
const BUILD_STEP = 25_000;
const NOW = 1_760_000_000;
/** Targets (see the file comment). */
const RATE_TARGET = 50_000;
const RSS_TARGET_MB = 500;
const DELAY_TARGET_MS = 1000;
/** How long an edit may take to show before it counts as never shown. */
const DELAY_TIMEOUT_MS = 30_000;
const RUN_TS = resolve(import.meta.dirname, '../bin/run-ts.js');

/** The generator's API (src/suggestions/generator), read off the service when it has it. */
interface GenerateResult {
  wiki: string;
  datasetId: string;
  pages: number;
  suggestedPages: number;
  suggestions: number;
  sectionSuggestions: number;
  resumed: boolean;
  seconds: number;
}
interface GeneratorApi {
  generate(
    wiki: string,
    options?: {
      restart?: boolean;
      /** `suggestedPages` (the generator as written) or `suggested` (the API first announced). */
      onProgress?: (p: { done: number; total: number; suggestedPages?: number; suggested?: number }) => void;
    },
  ): Promise<GenerateResult>;
  /** Pages whose newest dataset has suggestions of the tag's level, when the service tells. */
  countWithTag?(wiki: string, tag: string): Promise<number>;
}

/** The tag of pages with a lead-image (not section-level) suggestion. */
const TAG_IMAGE = 'recommendation.image';

export interface SuggestionGeneratorBenchOptions {
  /** Target article counts, one store each (default 100,000 and 1,000,000). */
  articles?: number[];
  /** A PostgreSQL URL: a fresh schema per size, dropped at the end (default: SQLite files). */
  postgresUrl?: string;
  /** Counterpart edits timed for the incremental delay (default 20). */
  edits?: number;
  /** A directory to write a CPU profile of each generator run to (`--cpu-prof DIR`). */
  cpuProfileDir?: string;
}

export interface GeneratorRunFigures {
  result: GenerateResult;
  wallSeconds: number;
  cpuSeconds: number;
  articlesPerSecond: number;
  articlesPerCpuSecond: number;
  /** Target articles whose newest dataset has a lead-image suggestion, after the run (null: not told). */
  leadSuggestedPages: number | null;
  rssBeforeMb: number;
  /** The largest of the 100 ms samples (and those taken in the progress callback). */
  peakRssMb: number;
  peakHeapUsedMb: number;
  /**
   * RSS by kind (Linux): anonymous memory (the heap, buffers, SQLite's page cache) and file pages
   * mapped in (SQLite's memory-mapped database file: cached pages of the file, shared and
   * reclaimable). Before the run and the peak of each; null where /proc does not tell.
   */
  rssAnonBeforeMb: number | null;
  peakRssAnonMb: number | null;
  peakRssFileMb: number | null;
  /** The kernel's peak RSS (VmHWM) over the run, when it could be reset before; else null. */
  kernelPeakRssMb: number | null;
  loadAverage: number[];
}

export interface SuggestionGeneratorFigures {
  backend: 'sqlite' | 'postgres';
  articles: number;
  /** Rows inserted by table, and how long the whole build took (edit-path pages and analyze included). */
  rows: Record<string, number>;
  buildSeconds: number;
  buildLoadAverage: number[];
  /** Target articles the oracle expects a suggestion for (see the file comment). */
  oracleSuggestedPages: number;
  /** false: the store has no generator yet; nothing else below was measured. */
  available: boolean;
  runs: GeneratorRunFigures[];
  /** ms from each edit until the suggestions show its file; null for one that never did. */
  delaysMs: (number | null)[];
  editSaveMs: number[];
  delayLoadAverage: number[];
}

// ---------------------------------------------------------------------------------------------
// The synthetic data: every fact is a pure function of an index, so the build streams.

/** mulberry32 of a seed, one draw: a deterministic number in [0, 1). */
function draw(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), 1 | t);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A draw for (index, purpose). */
const u = (i: number, salt: number) => draw(Math.imul(i, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b));

const SUBJECTS = [
  'Church',
  'Bridge',
  'Portrait',
  'View',
  'Street',
  'Castle',
  'River',
  'Station',
  'Market',
  'Harbour',
  'Museum',
  'Tower',
];
const PLACES = [
  'Linz',
  'Brno',
  'Kassel',
  'Ostrava',
  'Leeds',
  'Dresden',
  'Plzeň',
  'Cork',
  'Graz',
  'Olomouc',
  'Bremen',
  'York',
];
const PATTERNED = ['Flag_of', 'Logo', 'Map_of', 'Coat_of_arms_of', 'Signature_of'];

/** Names the production filter refuses (generator-settings.ts); `Map_of` is not one of them. */
const REFUSED_NAMES = /^(Flag_of|Logo|Coat_of_arms_of|Signature_of)_/;

type FileKind =
  'photo' | 'drawing' | 'narrow' | 'png' | 'patterned' | 'map' | 'heavy-photo' | 'flag' | 'edit';

interface MediaSpec {
  name: string;
  kind: FileKind;
  width: number;
  height: number;
  mediaType: 'BITMAP' | 'DRAWING';
  mime: string;
}

/** Files 0–2 are heavily used photos, 3–4 heavily used flags, then the edits' files. */
const HEAVY_PHOTOS = 3;
const HEAVY = 5;

function mediaSpec(k: number, edits: number): MediaSpec {
  const words = `${SUBJECTS[Math.floor(u(k, 1) * SUBJECTS.length)]}_${PLACES[Math.floor(u(k, 2) * PLACES.length)]}`;
  const width = 100 + Math.floor(u(k, 3) * 3900);
  const height = Math.max(80, Math.round(width * (0.5 + u(k, 4))));
  const jpeg = (name: string, kind: FileKind): MediaSpec => ({
    name,
    kind,
    width,
    height,
    mediaType: 'BITMAP',
    mime: 'image/jpeg',
  });
  if (k < HEAVY_PHOTOS) return jpeg(`Banner_photo_${k}.jpg`, 'heavy-photo');
  if (k < HEAVY)
    return {
      name: `Flag_of_Nation_${k}.svg`,
      kind: 'flag',
      width: 900,
      height: 600,
      mediaType: 'DRAWING',
      mime: 'image/svg+xml',
    };
  if (k < HEAVY + 2 * edits) return { ...jpeg(`${words}_edit_${k}.jpg`, 'edit'), width: 1024, height: 768 };
  const v = u(k, 5);
  if (v < 0.8) return jpeg(`${words}_${k}.jpg`, 'photo');
  if (v < 0.88)
    return {
      name: `${words}_${k}.svg`,
      kind: 'drawing',
      width,
      height,
      mediaType: 'DRAWING',
      mime: 'image/svg+xml',
    };
  if (v < 0.95)
    return {
      name: `${words}_icon_${k}.png`,
      kind: 'narrow',
      width: 16 + Math.floor(u(k, 6) * 84),
      height: 16 + Math.floor(u(k, 7) * 84),
      mediaType: 'BITMAP',
      mime: 'image/png',
    };
  if (v < 0.98) return { ...jpeg(`${words}_${k}.png`, 'png'), mime: 'image/png' };
  const pattern = PATTERNED[Math.floor(u(k, 8) * PATTERNED.length)]!;
  const svg = u(k, 9) < 0.5;
  const name = `${pattern}_${PLACES[k % PLACES.length]}_${k}.${svg ? 'svg' : 'png'}`;
  return {
    name,
    kind: REFUSED_NAMES.test(name) ? 'patterned' : 'map',
    width,
    height,
    mediaType: svg ? 'DRAWING' : 'BITMAP',
    mime: svg ? 'image/svg+xml' : 'image/png',
  };
}

function mediaRow(f: MediaSpec, k: number): Database['media_file'] {
  return {
    repo: REPO,
    name: f.name,
    size: 20_000 + Math.floor(u(k, 10) * 5_000_000),
    width: f.width,
    height: f.height,
    media_type: f.mediaType,
    mime: f.mime,
    bit_depth: f.mediaType === 'BITMAP' ? 8 : 0,
    sha1: (Math.floor(u(k, 11) * 2 ** 52).toString(16) + k.toString(16)).padStart(40, '0').slice(-40),
    license: u(k, 12) < 0.9 ? 'CC BY-SA 4.0' : 'Public domain',
    author: `Photographer ${k % 5000}`,
    description: `${f.name.replace(/_/g, ' ')}`,
    categories: `Files_from_${PLACES[k % PLACES.length]}`,
    uploader: `Uploader ${k % 3000}`,
    url: `https://upload.example.org/${f.name}`,
    timestamp: NOW - Math.floor(u(k, 13) * 3e8),
  };
}

/** Whether a generator that filters as the file comment says suggests this file. */
function eligible(f: MediaSpec | undefined): boolean {
  return (
    f !== undefined &&
    (f.kind === 'photo' ||
      f.kind === 'png' ||
      f.kind === 'edit' ||
      (f.kind === 'map' && f.mediaType === 'BITMAP'))
  );
}

interface Layout {
  articles: number;
  /** Target article → index of its edited counterpart (0-based), for the articles in the edit sample. */
  edited: Map<number, number>;
  media: MediaSpec[];
}

function layout(articles: number, edits: number): Layout {
  const edited = new Map<number, number>();
  for (let k = 0; k < edits; k++) edited.set(Math.floor(((k + 0.5) * articles) / edits) + 1, k);
  const media = Array.from({ length: MEDIA_FILES }, (_, k) => mediaSpec(k, edits));
  return { articles, edited, media };
}

/** The i-th edited counterpart's lead image before and after its edit. */
const editFiles = (l: Layout, k: number) => ({
  before: l.media[HEAVY + 2 * k]!,
  after: l.media[HEAVY + 2 * k + 1]!,
});

/** A lead image for (article, wiki): a file name, some of them missing from the repository. */
function leadImage(l: Layout, i: number, salt: number): { name: string; file: MediaSpec | undefined } {
  const v = u(i, salt);
  if (v < 0.03) {
    const file = l.media[Math.floor(u(i, salt + 1) * HEAVY_PHOTOS)]!;
    return { name: file.name, file };
  }
  if (v < 0.08) return { name: `Local_upload_${salt}_${i}.jpg`, file: undefined };
  const k =
    HEAVY + 2 * l.edited.size + Math.floor(u(i, salt + 1) * (MEDIA_FILES - HEAVY - 2 * l.edited.size));
  const file = l.media[k]!;
  return { name: file.name, file };
}

const titleOf = (prefix: string, i: number) => `${prefix}_${i}`;
const display = (dbKey: string) => dbKey.replace(/_/g, ' ');

interface Step {
  page: Database['page'][];
  revision: Database['revision'][];
  lang_link: Database['lang_link'][];
  page_prop: Database['page_prop'][];
  image_link: Database['image_link'][];
  oracle: number;
}

/** Each wiki's level-2 sections, in page order (aligned across languages by section-headings.ts). */
const SECTIONS = [
  ['History', 'Geography', 'Economy', 'Culture', 'Transport'],
  ['Geschichte', 'Geographie', 'Wirtschaft', 'Kultur', 'Verkehr'],
  ['Historie', 'Geografie', 'Ekonomika', 'Kultura', 'Doprava'],
];
const FILE_PREFIX = ['File', 'Datei', 'File'];

/**
 * An article's text: its lead image, a lead sentence and 2–5 level-2 sections (a counterpart's
 * sections carry an image one time in four); returns the files it shows as well.
 */
function articleText(
  l: Layout,
  w: number,
  title: string,
  i: number,
  lead: string | undefined,
): { text: string; files: string[] } {
  const files: string[] = [];
  const parts: string[] = [];
  if (lead !== undefined) {
    parts.push(`[[${FILE_PREFIX[w]}:${display(lead)}|thumb|${display(title)}]]`);
    files.push(lead);
  }
  parts.push(
    `'''${display(title)}''' is a ${SUBJECTS[i % SUBJECTS.length]!.toLowerCase()} near ${PLACES[i % PLACES.length]}, described here in a few words.\n`,
  );
  const sections = 2 + Math.floor(u(i, 70 + w) * 4);
  for (let n = 0; n < sections; n++) {
    parts.push(`== ${SECTIONS[w]![n]} ==`);
    if (w > 0 && u(i, 80 + 10 * w + n) < 0.25) {
      const image = leadImage(l, i, 200 + 10 * w + n);
      parts.push(`[[${FILE_PREFIX[w]}:${display(image.name)}|thumb|${SECTIONS[w]![n]}]]`);
      files.push(image.name);
    }
    parts.push(
      `Some sentences about ${display(title)}: when it was first mentioned, what is there and who lives there.\n`,
    );
  }
  return { text: parts.join('\n'), files };
}

function pageRow(wiki: string, id: number, title: string, i: number, len: number): Database['page'] {
  const created = NOW - Math.floor(u(i, 20) * 4e8);
  return {
    wiki,
    page_id: id,
    namespace: 0,
    title,
    is_redirect: 0,
    latest_rev_id: id,
    len,
    created_at: created,
    touched_at: created + Math.floor(u(i, 22) * 1e7),
    content_model: 'wikitext',
  };
}

function revisionRow(page: Database['page'], text: string): Database['revision'] {
  return {
    wiki: page.wiki,
    rev_id: page.latest_rev_id,
    page_id: page.page_id,
    parent_id: null,
    timestamp: page.created_at,
    user_id: 0,
    user_text: '192.0.2.7',
    comment: 'Bench article',
    minor: 0,
    len: page.len,
    sha1: '',
    text,
  };
}

/** The rows of target articles [from, to). */
function step(l: Layout, from: number, to: number): Step {
  const s: Step = { page: [], revision: [], lang_link: [], page_prop: [], image_link: [], oracle: 0 };
  const wikis = [{ wiki: TARGET, prefix: 'Article', idBase: 0 }, ...SIBLINGS];
  for (let i = from; i < to; i++) {
    const edited = l.edited.has(i);
    const ownImage = !edited && u(i, 30) < 0.5;
    // The German counterpart of an edited article is saved through the edit path after the bulk
    // build, with editFiles().before as its lead image (an eligible one).
    let suggestable = edited;
    for (const [w, { wiki, prefix, idBase }] of wikis.entries()) {
      if (w === 1 && edited) continue;
      const id = idBase + i;
      const title = titleOf(prefix, i);
      const lead = (w === 0 ? ownImage : u(i, 30 + w) < 0.6) ? leadImage(l, i, 40 + 10 * w) : undefined;
      const { text, files } = articleText(l, w, title, i, lead?.name);
      const page = pageRow(wiki, id, title, i, Buffer.byteLength(text));
      s.page.push(page);
      s.revision.push(revisionRow(page, text));
      if (lead) {
        s.page_prop.push({ wiki, page_id: id, name: 'page_image_free', value: lead.name });
        if (w > 0 && eligible(lead.file)) suggestable = true;
      }
      // The heavily used files: each on 1 page in 30 of each wiki.
      for (let h = 0; h < HEAVY; h++) if (u(i, 100 + h * 3 + w) < 1 / 30) files.push(l.media[h]!.name);
      for (const file of new Set(files))
        s.image_link.push({ wiki, from_page_id: id, from_namespace: 0, file });
      if (w === 0)
        for (const sib of SIBLINGS)
          s.lang_link.push({
            wiki,
            from_page_id: id,
            lang: sib.lang,
            title: display(titleOf(sib.prefix, i)),
          });
    }
    if (suggestable && !ownImage) s.oracle++;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// The build.

function wikiInfo(id: string, lang: string, isMediaRepo: boolean): WikiInfo {
  return {
    id,
    lang,
    sitename: `Bench ${id}`,
    baseUrl: '',
    namespaces: lang === 'de' ? germanNamespaces() : defaultNamespaces(),
    isMediaRepo,
    source: 'local',
    settings: {},
  };
}

function benchConfig(databaseUrl: string, mediaDir: string) {
  return loadConfig(
    {
      databaseUrl,
      logLevel: 'silent',
      media: { dir: mediaDir },
      demo: { autoCreate: false },
      jobs: { runInServer: false },
    },
    {},
  );
}

/** Inserts rows in statements under the database's parameter limit. */
async function insertAll<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Database[T][],
  maxParameters: number,
): Promise<void> {
  if (rows.length === 0) return;
  const per = Math.max(1, Math.floor(maxParameters / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += per)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + per) as never)
      .execute();
}

async function build(
  services: AppServices,
  l: Layout,
): Promise<{ rows: Record<string, number>; oracle: number; seconds: number }> {
  const started = performance.now();
  const { store } = services;
  const ctx = store.repositories((c) => c);
  const maxParameters = ctx.dialect.maxParameters;
  for (const w of [
    wikiInfo(TARGET, 'en', false),
    wikiInfo('dewiki', 'de', false),
    wikiInfo('cswiki', 'cs', false),
    wikiInfo(REPO, 'en', true),
  ])
    await services.wikis.upsert(w, NOW);
  const rows: Record<string, number> = {
    media_file: 0,
    page: 0,
    revision: 0,
    lang_link: 0,
    page_prop: 0,
    image_link: 0,
  };
  await store.transaction(async () => {
    const db = ctx.db() as unknown as Kysely<Database>;
    for (let k = 0; k < MEDIA_FILES; k += 20_000) {
      const chunk = l.media.slice(k, k + 20_000).map((f, j) => mediaRow(f, k + j));
      await insertAll(db, 'media_file', chunk, maxParameters);
      rows.media_file! += chunk.length;
    }
  });
  let oracle = 0;
  for (let from = 1; from <= l.articles; from += BUILD_STEP) {
    const s = step(l, from, Math.min(l.articles + 1, from + BUILD_STEP));
    oracle += s.oracle;
    await store.transaction(async () => {
      const db = ctx.db() as unknown as Kysely<Database>;
      for (const table of ['page', 'revision', 'lang_link', 'page_prop', 'image_link'] as const) {
        await insertAll(db, table, s[table], maxParameters);
        rows[table]! += s[table].length;
      }
    });
    const done = Math.min(l.articles, from + BUILD_STEP - 1);
    if (done % 200_000 === 0 || done === l.articles)
      process.stdout.write(
        `  built ${done.toLocaleString('en')} articles in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
  }
  for (const { wiki, idBase } of [{ wiki: TARGET, idBase: 0 }, ...SIBLINGS]) {
    await store.ids.ensureAbove(wiki, 'page', idBase + l.articles);
    await store.ids.ensureAbove(wiki, 'revision', idBase + l.articles);
  }
  // The edited counterparts, through the edit path (so that their next edit is an ordinary one).
  const de = services.wikiSources.for('dewiki');
  const actor = await services.accounts.actorFor('dewiki', undefined, '127.0.0.1');
  for (const [i, k] of l.edited) {
    await de.edit(actor, {
      title: display(titleOf('Artikel', i)),
      text: counterpartText(editFiles(l, k).before.name, i),
    });
    rows.page! += 1;
  }
  await analyze(store);
  return { rows, oracle, seconds: (performance.now() - started) / 1000 };
}

function counterpartText(file: string, i: number): string {
  return `[[File:${file}|thumb|Bild ${i}]]\n'''Artikel ${i}''' ist ein Artikel.\n\n[[en:Article ${i}]]`;
}

/** Planner statistics, as a deployed database has them. */
async function analyze(store: Store): Promise<void> {
  const { sql } = await import('kysely');
  const ctx = store.repositories((c) => c);
  await sql.raw('ANALYZE').execute(ctx.db());
}

// ---------------------------------------------------------------------------------------------
// The measuring process.

interface MeasureSpec {
  url: string;
  schema?: string;
  articles: number;
  edits: number;
  mediaDir: string;
  resultFile: string;
  cpuProfileDir?: string;
}

type Measured = Pick<
  SuggestionGeneratorFigures,
  'available' | 'runs' | 'delaysMs' | 'editSaveMs' | 'delayLoadAverage'
>;

function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const mb = (bytes: number) => bytes / 2 ** 20;

/** Resets the kernel's peak RSS of this process; false where that is not allowed. */
function resetKernelPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** RssAnon and RssFile of /proc/self/status, in bytes; null where there is none. */
function rssByKind(): { anon: number; file: number } | null {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const anon = /RssAnon:\s+(\d+) kB/.exec(status);
    const file = /RssFile:\s+(\d+) kB/.exec(status);
    return anon && file ? { anon: Number(anon[1]) * 1024, file: Number(file[1]) * 1024 } : null;
  } catch {
    return null;
  }
}

function kernelPeakMb(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function timedRun(
  generator: GeneratorApi,
  label: string,
  articles: number,
): Promise<GeneratorRunFigures> {
  collectGarbage();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const kindsBefore = rssByKind();
  let peakAnon = kindsBefore?.anon ?? 0;
  let peakFile = kindsBefore?.file ?? 0;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
    const kinds = rssByKind();
    if (kinds && kinds.anon > peakAnon) peakAnon = kinds.anon;
    if (kinds && kinds.file > peakFile) peakFile = kinds.file;
  };
  const timer = setInterval(sample, 100);
  const kernel = resetKernelPeak();
  let lastPrinted = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  let result: GenerateResult;
  try {
    result = await generator.generate(TARGET, {
      onProgress: (p) => {
        sample();
        const now = performance.now();
        if (now - lastPrinted > 10_000) {
          lastPrinted = now;
          process.stdout.write(
            `  ${label}: ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')} pages, ${(p.suggestedPages ?? p.suggested ?? 0).toLocaleString('en')} suggested, ${((now - started) / 1000).toFixed(0)} s, RSS ${mb(process.memoryUsage().rss).toFixed(0)} MB\n`,
          );
        }
      },
    });
  } finally {
    clearInterval(timer);
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  sample();
  const cpuSeconds = (used.user + used.system) / 1e6;
  const kernelPeakRssMb = kernel ? kernelPeakMb() : null;
  const leadSuggestedPages = generator.countWithTag ? await generator.countWithTag(TARGET, TAG_IMAGE) : null;
  return {
    result,
    wallSeconds,
    cpuSeconds,
    articlesPerSecond: articles / wallSeconds,
    articlesPerCpuSecond: articles / cpuSeconds,
    rssBeforeMb: mb(before.rss),
    peakRssMb: mb(peakRss),
    peakHeapUsedMb: mb(peakHeap),
    rssAnonBeforeMb: kindsBefore ? mb(kindsBefore.anon) : null,
    peakRssAnonMb: kindsBefore ? mb(peakAnon) : null,
    peakRssFileMb: kindsBefore ? mb(peakFile) : null,
    kernelPeakRssMb,
    leadSuggestedPages,
    loadAverage: loadavg(),
  };
}

/** Edits each sampled counterpart's lead image and times until the target's suggestions show it. */
async function measureDelays(
  services: AppServices,
  l: Layout,
): Promise<Pick<Measured, 'delaysMs' | 'editSaveMs'>> {
  const worker = createWorker(services);
  worker.runner.start();
  const delaysMs: (number | null)[] = [];
  const editSaveMs: number[] = [];
  try {
    const de = services.wikiSources.for('dewiki');
    const actor = await services.accounts.actorFor('dewiki', undefined, '127.0.0.1');
    for (const [i, k] of l.edited) {
      const want = editFiles(l, k).after.name;
      // Quiet between edits, so that each one meets an idle worker as a lone edit does.
      await new Promise((done) => setTimeout(done, 300));
      const started = performance.now();
      await de.edit(actor, { title: display(titleOf('Artikel', i)), text: counterpartText(want, i) });
      editSaveMs.push(performance.now() - started);
      let delay: number | null = null;
      while (performance.now() - started < DELAY_TIMEOUT_MS) {
        const rows = await services.suggestions.suggestions(TARGET, i);
        if (rows.some((r) => r.image === want)) {
          delay = performance.now() - started;
          break;
        }
        await new Promise((done) => setTimeout(done, 5));
      }
      delaysMs.push(delay);
    }
  } finally {
    await worker.runner.stop();
  }
  return { delaysMs, editSaveMs };
}

function generatorOf(services: AppServices): GeneratorApi | undefined {
  const service = services.suggestions as unknown as Partial<GeneratorApi>;
  const { generate, countWithTag } = service;
  if (typeof generate !== 'function') return undefined;
  return {
    generate: (wiki, options) => generate.call(service, wiki, options),
    ...(typeof countWithTag === 'function'
      ? { countWithTag: (wiki: string, tag: string) => countWithTag.call(service, wiki, tag) }
      : {}),
  };
}

async function measure(spec: MeasureSpec): Promise<void> {
  const store = await openStore(spec.url, spec.schema === undefined ? {} : { schema: spec.schema });
  const services = await createServices({
    config: benchConfig(spec.url, spec.mediaDir),
    store,
    logger: pino({ level: 'silent' }),
  });
  const out: Measured = { available: false, runs: [], delaysMs: [], editSaveMs: [], delayLoadAverage: [] };
  try {
    const generator = generatorOf(services);
    if (generator) {
      out.available = true;
      for (const [n, label] of ['first run', 'second run'].entries()) {
        const profile = spec.cpuProfileDir
          ? join(spec.cpuProfileDir, `suggestion-generator-${spec.articles}-run${n + 1}.cpuprofile`)
          : undefined;
        out.runs.push(await profiled(profile, () => timedRun(generator, label, spec.articles)));
      }
      const l = layout(spec.articles, spec.edits);
      Object.assign(out, await measureDelays(services, l));
      out.delayLoadAverage = loadavg();
    }
  } finally {
    writeFileSync(spec.resultFile, JSON.stringify(out));
    await store.close();
  }
}

/** Runs `work` under V8's CPU profiler when `file` is given, and writes the profile there. */
async function profiled<T>(file: string | undefined, work: () => Promise<T>): Promise<T> {
  if (file === undefined) return work();
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((done, failed) =>
      session.post(method, (error, result) => (error ? failed(error) : done(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`  CPU profile: ${file}`);
  }
}

async function measureInChild(spec: Omit<MeasureSpec, 'resultFile'>): Promise<Measured> {
  const resultFile = join(spec.mediaDir, `result-${randomBytes(3).toString('hex')}.json`);
  const child = spawn(process.execPath, [...process.execArgv, RUN_TS, import.meta.filename], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_SUGGESTION_MEASURE: JSON.stringify({ ...spec, resultFile }) },
  });
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  if (code !== 0) throw new Error(`the measuring process failed (exit ${code})`);
  return JSON.parse(readFileSync(resultFile, 'utf8')) as Measured;
}

// ---------------------------------------------------------------------------------------------

async function runSize(
  articles: number,
  opts: SuggestionGeneratorBenchOptions,
): Promise<SuggestionGeneratorFigures> {
  const edits = Math.min(opts.edits ?? DEFAULT_EDITS, articles);
  const scratch = mkdtempSync(join(tmpdir(), 'wikiqueue-suggestion-bench-'));
  const schema = opts.postgresUrl ? `wq_bench_${process.pid}_${randomBytes(3).toString('hex')}` : undefined;
  const url = opts.postgresUrl ?? `sqlite:${join(scratch, 'bench.sqlite')}`;
  try {
    const store = await openStore(url, schema === undefined ? {} : { schema });
    let built: Awaited<ReturnType<typeof build>>;
    const buildLoadAverage = loadavg();
    try {
      const services = await createServices({
        config: benchConfig(url, scratch),
        store,
        logger: pino({ level: 'silent' }),
      });
      console.log(
        `suggestion generator: building ${articles.toLocaleString('en')} articles on ${opts.postgresUrl ? `PostgreSQL schema ${schema}` : url}`,
      );
      built = await build(services, layout(articles, edits));
    } finally {
      await store.close();
    }
    const measured = await measureInChild({
      url,
      ...(schema ? { schema } : {}),
      articles,
      edits,
      mediaDir: scratch,
      ...(opts.cpuProfileDir ? { cpuProfileDir: resolve(opts.cpuProfileDir) } : {}),
    });
    return {
      backend: opts.postgresUrl ? 'postgres' : 'sqlite',
      articles,
      rows: built.rows,
      buildSeconds: built.seconds,
      buildLoadAverage,
      oracleSuggestedPages: built.oracle,
      ...measured,
    };
  } finally {
    if (opts.postgresUrl && schema) await dropPostgresSchema(opts.postgresUrl, schema);
    rmSync(scratch, { recursive: true, force: true });
  }
}

const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function print(f: SuggestionGeneratorFigures): void {
  const total = Object.values(f.rows).reduce((a, b) => a + b, 0);
  console.log(
    `\nimage-suggestion generator — ${f.backend}, ${f.articles.toLocaleString('en')} target articles`,
  );
  console.log(
    `data build: ${total.toLocaleString('en')} rows (${Object.entries(f.rows)
      .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
      .join(
        ', ',
      )}) in ${f.buildSeconds.toFixed(1)} s = ${(total / f.buildSeconds).toFixed(0)} rows/s (load ${load(f.buildLoadAverage)})`,
  );
  console.log(
    `oracle: ${f.oracleSuggestedPages.toLocaleString('en')} target articles with an eligible counterpart image`,
  );
  if (!f.available) {
    console.log(
      'generator not available: services.suggestions.generate does not exist on this branch; nothing else measured',
    );
    return;
  }
  const num = (x: number, width: number, digits = 0) => x.toFixed(digits).padStart(width);
  const mbOrDash = (x: number | null) => (x === null ? '–'.padStart(7) : `${num(x, 4)} MB`);
  const label = (n: number) => (n === 0 ? 'first' : 'second').padEnd(7);
  console.log(
    'run        pages  suggested  lead rows  section rows  resumed   wall s   cpu s  art/s wall  art/cpu-s  load',
  );
  for (const [n, r] of f.runs.entries()) {
    const x = r.result;
    console.log(
      `${label(n)} ${num(x.pages, 8)} ${num(x.suggestedPages, 10)} ${num(x.suggestions, 10)} ${num(x.sectionSuggestions, 13)} ${String(x.resumed).padStart(8)} ${num(r.wallSeconds, 8, 1)} ${num(r.cpuSeconds, 7, 1)} ${num(r.articlesPerSecond, 11)} ${num(r.articlesPerCpuSecond, 10)}  ${load(r.loadAverage)}`,
    );
  }
  console.log(
    'memory   RSS before  peak RSS  kernel peak  anon before  peak anon  peak file  peak heap used',
  );
  for (const [n, r] of f.runs.entries())
    console.log(
      `${label(n)}  ${num(r.rssBeforeMb, 7)} MB ${num(r.peakRssMb, 6)} MB ${mbOrDash(r.kernelPeakRssMb).padStart(12)} ${mbOrDash(r.rssAnonBeforeMb).padStart(12)} ${mbOrDash(r.peakRssAnonMb).padStart(10)} ${mbOrDash(r.peakRssFileMb).padStart(10)} ${num(r.peakHeapUsedMb, 12)} MB`,
    );
  for (const [n, r] of f.runs.entries()) {
    const lead = r.leadSuggestedPages;
    console.log(
      `${n === 0 ? 'first' : 'second'} run: articles with a lead-image suggestion ${lead === null ? '(not told)' : lead} vs oracle ${f.oracleSuggestedPages} (${lead === f.oracleSuggestedPages ? 'equal' : 'different'}); dataset ${r.result.datasetId}`,
    );
  }
  const rate = Math.min(...f.runs.map((r) => r.articlesPerCpuSecond));
  const peak = Math.max(...f.runs.map((r) => r.peakRssMb));
  console.log(
    `targets: ≥ ${RATE_TARGET.toLocaleString('en')} articles per CPU second: ${rate >= RATE_TARGET ? 'MET' : 'NOT MET'} (${rate.toFixed(0)}); peak RSS < ${RSS_TARGET_MB} MB: ${peak < RSS_TARGET_MB ? 'MET' : 'NOT MET'} (${peak.toFixed(0)} MB)`,
  );
  const shown = f.delaysMs.filter((d): d is number => d !== null).sort((a, b) => a - b);
  const missing = f.delaysMs.length - shown.length;
  const saves = [...f.editSaveMs].sort((a, b) => a - b);
  if (f.delaysMs.length > 0) {
    const median = shown.length ? `${quantile(shown, 0.5).toFixed(0)} ms` : '–';
    const max = shown.length ? shown[shown.length - 1]! : Infinity;
    console.log(
      `incremental: ${f.delaysMs.length} counterpart edits; edit to suggestion median ${median}, max ${shown.length ? `${max.toFixed(0)} ms` : '–'}${missing ? `, ${missing} never shown within ${DELAY_TIMEOUT_MS / 1000} s` : ''}; the edit itself median ${quantile(saves, 0.5).toFixed(0)} ms (load ${load(f.delayLoadAverage)})`,
    );
    console.log(
      `target (≤ ${DELAY_TARGET_MS} ms, median and max): ${missing === 0 && max <= DELAY_TARGET_MS ? 'MET' : 'NOT MET'}`,
    );
  }
}

export async function runSuggestionGeneratorBench(
  opts: SuggestionGeneratorBenchOptions = {},
): Promise<SuggestionGeneratorFigures[]> {
  const out: SuggestionGeneratorFigures[] = [];
  for (const articles of opts.articles ?? DEFAULT_SIZES) {
    const f = await runSize(articles, opts);
    print(f);
    out.push(f);
  }
  if (out.length > 1 && out.every((f) => f.available)) {
    const peaks = out.map(
      (f) =>
        `${f.articles.toLocaleString('en')}: ${Math.max(...f.runs.map((r) => r.peakRssMb)).toFixed(0)} MB`,
    );
    console.log(`\npeak RSS by size: ${peaks.join(', ')}`);
  }
  return out;
}

/** The bench's settings from its arguments and environment. */
export function suggestionGeneratorBenchOptions(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): SuggestionGeneratorBenchOptions {
  const after = flagReader(args);
  const sizes = after('--articles') ?? env.BENCH_SUGGESTION_ARTICLES;
  const edits = after('--edits') ?? env.BENCH_SUGGESTION_EDITS;
  const postgresUrl = after('--postgres');
  const cpuProfileDir = after('--cpu-prof');
  return {
    ...(sizes ? { articles: sizes.split(',').map((n) => Number(n.replace(/_/g, ''))) } : {}),
    ...(edits ? { edits: Number(edits) } : {}),
    ...(postgresUrl ? { postgresUrl } : {}),
    ...(cpuProfileDir ? { cpuProfileDir } : {}),
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const spec = process.env.BENCH_SUGGESTION_MEASURE;
  if (spec) await measure(JSON.parse(spec) as MeasureSpec);
  else await runSuggestionGeneratorBench(suggestionGeneratorBenchOptions(process.argv.slice(2), process.env));
}
