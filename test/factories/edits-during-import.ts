import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** What happened to edits made on a database while another process imported a dump into it. */
export interface EditsDuringImport {
  /** The import process's exit code and what it wrote to stderr. */
  importExitCode: number | null;
  importStderr: string;
  importSeconds: number;
  /** Milliseconds each edit took, for those that succeeded while the import ran. */
  latenciesMs: number[];
  /** The messages of edits that failed while the import ran. */
  failures: string[];
}

/**
 * Runs `wikiqueue import DUMP [--wiki WIKI] --no-backfill` as its own process on `databaseUrl` (as an
 * operator runs the CLI next to a live server) and calls `edit` one after the other until that
 * process exits, timing each call. `cli` is the command's entry point (default: this checkout's
 * bin/wikiqueue.js), so a benchmark can run another checkout's import against the same test.
 */
export async function editWhileImporting(opts: {
  databaseUrl: string;
  dump: string;
  /** The wiki to import into; default: the dump's dbname. */
  wiki?: string;
  edit: (n: number) => Promise<void>;
  cli?: string;
  pauseMs?: number;
}): Promise<EditsDuringImport> {
  const cli = opts.cli ?? resolve(import.meta.dirname, '../../bin/wikiqueue.js');
  const args = [cli, 'import', opts.dump, ...(opts.wiki ? ['--wiki', opts.wiki] : []), '--no-backfill'];
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [...args, '--database-url', opts.databaseUrl, '--log-level', 'silent'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString('utf8')));
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((done) =>
    child.on('exit', (code) => {
      exitCode = code;
      done();
    }),
  );
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  for (let n = 0; exitCode === undefined; n++) {
    const t0 = performance.now();
    try {
      await opts.edit(n);
      if (exitCode === undefined) latenciesMs.push(performance.now() - t0);
    } catch (e) {
      failures.push(e instanceof Error ? e.message : String(e));
    }
    await new Promise((r) => setTimeout(r, opts.pauseMs ?? 20));
  }
  await exited;
  return {
    importExitCode: exitCode ?? null,
    importStderr: stderr,
    importSeconds: (performance.now() - started) / 1000,
    latenciesMs,
    failures,
  };
}
