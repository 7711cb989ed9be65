// Throughput of analyzeWikitext over real Wikipedia pages, and of the reading renderer
// (renderWikitextHtml) over the same pages and on the largest one alone:
// `node bin/run-ts.js bench/wikitext.bench.ts`.
// Pages come from ../shared/data/wikitext/*.txt; `--dumps` adds every page of ../shared/data/dumps
// (bzip2 is decoded in JavaScript, which takes a while). Single-threaded, so pages/s is per core.
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import bz2 from 'unbzip2-stream';
import { NamespaceTable, defaultNamespaces, type NamespaceInfo } from '../src/core/domain/namespaces.ts';
import { analyzeWikitext, type WikitextContext } from '../src/wikitext/analyze.ts';
import { renderWikitextHtml, type HtmlRenderContext } from '../src/wikitext/render-html.ts';

interface BenchPage {
  text: string;
  ctx: WikitextContext;
}

export interface WikitextBenchOptions {
  seconds?: number;
  dumps?: boolean;
}

export interface WikitextBenchResult {
  pagesPerSecond: number;
  /** Pages per second of process CPU time: the figure to trust on a busy machine. */
  pagesPerCpuSecond: number;
  megabytesPerSecond: number;
  pages: number;
  /** The reading renderer over the same pages (files that exist at 220 px, every page existing). */
  renderPagesPerSecond: number;
  /** The reading renderer on the largest page alone. */
  largestPage: { bytes: number; rendersPerSecond: number };
}

export async function runWikitextBench(options: WikitextBenchOptions = {}): Promise<WikitextBenchResult> {
  const dataDir = resolve(process.cwd(), '../shared/data');
  const wikitextDir = resolve(dataDir, 'wikitext');
  if (!existsSync(wikitextDir)) {
    console.log(`wikitext analysis: skipped, no data folder at ${wikitextDir}`);
    return {
      pagesPerSecond: 0,
      pagesPerCpuSecond: 0,
      megabytesPerSecond: 0,
      pages: 0,
      renderPagesPerSecond: 0,
      largestPage: { bytes: 0, rendersPerSecond: 0 },
    };
  }
  const enwiki: WikitextContext = { namespaces: new NamespaceTable(defaultNamespaces()) };
  const pages: BenchPage[] = readdirSync(wikitextDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ text: readFileSync(resolve(wikitextDir, f), 'utf8'), ctx: enwiki }));
  if (options.dumps) {
    const dumpDir = resolve(dataDir, 'dumps');
    for (const f of existsSync(dumpDir) ? readdirSync(dumpDir).sort() : []) {
      if (f.endsWith('.xml.bz2')) pages.push(...(await readDumpPages(resolve(dumpDir, f))));
    }
  }
  const bytes = pages.reduce((sum, p) => sum + Buffer.byteLength(p.text), 0);

  for (const p of pages) analyzeWikitext(p.text, p.ctx);
  const seconds = options.seconds ?? 3;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let rounds = 0;
  do {
    for (const p of pages) analyzeWikitext(p.text, p.ctx);
    rounds++;
  } while (performance.now() - start < seconds * 1000);
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

  const analyzed = rounds * pages.length;
  const renderPagesPerSecond =
    timesPerSecond(seconds, () => {
      for (const p of pages) renderWikitextHtml(p.text, renderContext(p.ctx));
    }) * pages.length;
  const largest = pages.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const largestPage = {
    bytes: Buffer.byteLength(largest.text),
    rendersPerSecond: timesPerSecond(seconds, () =>
      renderWikitextHtml(largest.text, renderContext(largest.ctx)),
    ),
  };
  const result: WikitextBenchResult = {
    pagesPerSecond: analyzed / elapsed,
    pagesPerCpuSecond: analyzed / cpuSeconds,
    megabytesPerSecond: (rounds * bytes) / 1e6 / elapsed,
    pages: pages.length,
    renderPagesPerSecond,
    largestPage,
  };
  console.log(
    `wikitext analysis: ${Math.round(result.pagesPerSecond)} pages/s ` +
      `(${result.megabytesPerSecond.toFixed(1)} MB/s) over ${pages.length} pages; ` +
      `${Math.round(result.pagesPerCpuSecond)} pages per CPU second`,
  );
  console.log(
    `wikitext rendering: ${Math.round(renderPagesPerSecond)} pages/s over ${pages.length} pages; ` +
      `the largest page (${Math.round(largestPage.bytes / 1024)} KiB): ${largestPage.rendersPerSecond.toFixed(1)} renders/s`,
  );
  return result;
}

/** A rendering context with no I/O: every page exists, every file is 220 px wide. */
function renderContext(ctx: WikitextContext): HtmlRenderContext {
  return {
    wikitext: ctx,
    pageUrl: (title) => `/wiki/${encodeURIComponent(title)}`,
    pageExists: () => true,
    fileRendition: (name, box) => ({
      url: `/images/${encodeURIComponent(name)}`,
      width: box.width ?? 220,
      height: 160,
    }),
  };
}

/** How many times `work` runs per second, run for about `seconds` after one warm-up run. */
function timesPerSecond(seconds: number, work: () => void): number {
  work();
  const start = performance.now();
  let runs = 0;
  do {
    work();
    runs++;
  } while (performance.now() - start < seconds * 1000);
  return runs / ((performance.now() - start) / 1000);
}

/** Pages of a MediaWiki XML export, with the wiki's namespaces from its siteinfo. */
async function readDumpPages(file: string): Promise<BenchPage[]> {
  const chunks: Buffer[] = [];
  await new Promise<void>((done, fail) => {
    createReadStream(file)
      .pipe(bz2())
      .on('data', (chunk: Buffer) => chunks.push(chunk))
      .on('end', () => done())
      .on('error', fail);
  });
  const xml = Buffer.concat(chunks).toString('utf8');
  const namespaces: NamespaceInfo[] = [];
  const siteinfo = xml.slice(0, xml.indexOf('</siteinfo>'));
  for (const m of siteinfo.matchAll(
    /<namespace key="(-?\d+)" case="([^"]+)"(?: \/>|>([^<]*)<\/namespace>)/g,
  )) {
    const canonical = defaultNamespaces().find((ns) => ns.id === Number(m[1]));
    const name = decodeXml(m[3] ?? '');
    namespaces.push({
      id: Number(m[1]),
      name,
      canonical: canonical?.canonical ?? name,
      aliases: canonical?.aliases ?? [],
      content: m[1] === '0',
      case: m[2] === 'case-sensitive' ? 'case-sensitive' : 'first-letter',
    });
  }
  const ctx: WikitextContext = { namespaces: new NamespaceTable(namespaces) };
  const pages: BenchPage[] = [];
  for (const m of xml.matchAll(/<text\b[^>]*?(?:\/>|>([^<]*)<\/text>)/g)) {
    pages.push({ text: decodeXml(m[1] ?? ''), ctx });
  }
  return pages;
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await runWikitextBench({ dumps: process.argv.includes('--dumps') });
}
