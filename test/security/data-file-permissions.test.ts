import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/core/store/sqlite/open-sqlite.ts';

/**
 * The embedded database holds password hashes and sessions (issue 10, item 14): a database file
 * the service creates is readable by its owner only, and so is a data directory it creates. The
 * SQLite store is opened directly on both test projects: file modes do not depend on the backend
 * under test.
 */
describe('data file permissions', () => {
  it('creates the data directory 0700 and the database, its WAL and shared-memory files 0600', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'wq-perms-'));
    const dir = join(parent, 'data');
    const file = join(dir, 'wikiqueue.sqlite');
    const store = openSqliteStore(file);
    try {
      await store.migrate();
      const mode = (path: string) => statSync(path).mode & 0o777;
      expect(mode(dir)).toBe(0o700);
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
      expect(mode(`${file}-shm`)).toBe(0o600);
    } finally {
      await store.close();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
