/**
 * Edits beside an import: `wikiqueue import` runs as its own process on a SQLite file (as an
 * operator runs it next to a live server) while this process saves edits to another wiki of the
 * same database, one after the other, until the import ends. Prints how many edits were saved,
 * how many failed (`database is locked` when an import transaction outlasts SQLite's busy
 * timeout), and the edit latency: median, p99 and the longest. Target: no failure, longest well
 * under a second.
 * Default dump: the largest file of ../shared/data/dumps; or name dumps as arguments.
 * `--cli PATH` runs another checkout's bin/wikiqueue.js for the import (an A/B against main).
 * Run: node bin/run-ts.js bench/import-edit-latency.bench.ts [DUMP…] [--cli PATH]
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { defaultNamespaces } from '../src/core/domain/namespaces.ts';
import { openStore } from '../src/core/store/open-store.ts';
import { createServices } from '../src/create-services.ts';
import { anonymousActor } from '../test/factories/actors.ts';
import { editWhileImporting } from '../test/factories/edits-during-import.ts';

const DUMPS = resolve(import.meta.dirname, '../../shared/data/dumps');
const EDIT_WIKI = 'editwiki';

export interface EditLatencyFigures {
  dump: string;
  importSeconds: number;
  importExitCode: number | null;
  edits: number;
  failures: number;
  firstFailure: string | undefined;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

function largestDump(): string | undefined {
  if (!existsSync(DUMPS)) return undefined;
  const files = readdirSync(DUMPS).map((f) => join(DUMPS, f));
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export async function runImportEditLatencyBench(
  dumps: string[] = [],
  opts: { cli?: string } = {},
): Promise<EditLatencyFigures[]> {
  const files = dumps.length > 0 ? dumps : [largestDump()].filter((f): f is string => f !== undefined);
  if (files.length === 0) {
    console.log(`import-edit-latency: no dumps (${DUMPS} is absent); skipped`);
    return [];
  }
  const figures: EditLatencyFigures[] = [];
  for (const dump of files) {
    const dir = mkdtempSync(join(tmpdir(), 'wq-latency-'));
    const databaseUrl = `sqlite:${join(dir, 'wikiqueue.sqlite')}`;
    const store = await openStore(databaseUrl);
    try {
      const config = loadConfig(
        { logLevel: 'silent', demo: { autoCreate: false }, jobs: { runInServer: false } },
        {},
      );
      const services = await createServices({ config, store, logger: pino({ level: 'silent' }) });
      await services.wikis.upsert(
        {
          id: EDIT_WIKI,
          lang: 'en',
          sitename: 'Edits',
          baseUrl: '',
          namespaces: defaultNamespaces(),
          isMediaRepo: false,
          source: 'local',
          settings: {},
        },
        services.clock(),
      );
      const wiki = services.wikiSources.for(EDIT_WIKI);
      const actor = anonymousActor({ wiki: EDIT_WIKI });
      const run = await editWhileImporting({
        databaseUrl,
        dump,
        ...(opts.cli ? { cli: opts.cli } : {}),
        edit: async (n) => {
          await wiki.edit(actor, { title: `Edited page ${n % 20}`, text: `Edit number ${n}.` });
        },
      });
      const sorted = [...run.latenciesMs].sort((a, b) => a - b);
      const f: EditLatencyFigures = {
        dump: basename(dump),
        importSeconds: run.importSeconds,
        importExitCode: run.importExitCode,
        edits: run.latenciesMs.length,
        failures: run.failures.length,
        firstFailure: run.failures[0],
        medianMs: quantile(sorted, 0.5),
        p99Ms: quantile(sorted, 0.99),
        maxMs: sorted[sorted.length - 1] ?? 0,
      };
      figures.push(f);
      console.log(
        `${f.dump}: import ${f.importSeconds.toFixed(1)} s (exit ${f.importExitCode}); ${f.edits} edits saved meanwhile, ` +
          `${f.failures} failed${f.firstFailure ? ` ("${f.firstFailure}")` : ''}; edit latency median ${f.medianMs.toFixed(0)} ms, ` +
          `p99 ${f.p99Ms.toFixed(0)} ms, longest ${f.maxMs.toFixed(0)} ms`,
      );
      if (run.importExitCode !== 0) console.log(run.importStderr.trim().split('\n').slice(-3).join('\n'));
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--cli');
  const cli = at >= 0 ? args[at + 1] : undefined;
  const dumps = args.filter((_, i) => i !== at && i !== at + 1);
  await runImportEditLatencyBench(dumps, cli ? { cli: resolve(cli) } : {});
}
