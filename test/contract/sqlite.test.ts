import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/core/store/open-store.ts';
import { defineStoreContract } from './store-contract.ts';

/** Each store is a fresh database file (WAL and all, as in production), removed afterwards. */
defineStoreContract(
  'sqlite',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wq-store-'));
    const store = await openStore(`sqlite:${join(dir, 'nested', 'store.sqlite')}`);
    return {
      store,
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { skip: { concurrentTransactions: 'single writer' } },
);
