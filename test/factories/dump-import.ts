import { afterEach, beforeEach } from 'vitest';
import { DumpImporter, type ImportOutcome } from '../../src/wiki-source/local/dump-import.ts';
import { buildTestApp, type TestApp } from './app.ts';
import { dumpDir } from './dumps.ts';

/** A test app, its dump importer, a scratch folder for dump files, and the outcomes `onSkip` saw. */
export interface DumpImportSetup {
  t: TestApp;
  importer: DumpImporter;
  dumps: ReturnType<typeof dumpDir>;
  skipped: ImportOutcome[];
}

/** Registers hooks that give every test of the file a fresh DumpImportSetup (filled in beforeEach). */
export function setUpDumpImports(): DumpImportSetup {
  const setup = {} as DumpImportSetup;
  beforeEach(async () => {
    setup.t = await buildTestApp();
    setup.importer = new DumpImporter(setup.t.services);
    setup.dumps = dumpDir();
    setup.skipped = [];
  });
  afterEach(async () => {
    await setup.t.close();
    setup.dumps.remove();
  });
  return setup;
}
