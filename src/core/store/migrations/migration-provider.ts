import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './001-initial.ts';
import { reviewQueueMigration } from '../../../review/store/migrations/002-review-queue.ts';
import { reviewFilterBitsMigration } from '../../../review/store/migrations/003-review-filter-bits.ts';
import { reviewNamespaceOrderMigration } from '../../../review/store/migrations/004-review-namespace-order.ts';
import { reviewReviewedCountMigration } from '../../../review/store/migrations/005-review-reviewed-count.ts';
import type { SchemaDialect } from './schema-dialect.ts';

/**
 * The store's migrations, in order, rendered for one database. Names are sortable and never
 * change once released: Kysely records them in `kysely_migration`.
 */
export function storeMigrations(dialect: SchemaDialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '001-initial': initialMigration(dialect),
    '002-review-queue': reviewQueueMigration(dialect),
    '003-review-filter-bits': reviewFilterBitsMigration(dialect),
    '004-review-namespace-order': reviewNamespaceOrderMigration(),
    '005-review-reviewed-count': reviewReviewedCountMigration(dialect),
  };
  return { getMigrations: () => Promise.resolve(migrations) };
}
