import type { Kysely } from 'kysely';
import type { Clock } from '../../domain/clock.ts';
import type { Database } from '../schema.ts';
import type { DialectQueries } from './dialect-queries.ts';

/**
 * What every shared repository runs against. `DB` is the table set the repository knows: the
 * core's by default, a subsystem's own (which extends the core's) for its repositories.
 */
export interface SqlContext<DB = Database> {
  /**
   * The executor for the next statement: the open transaction when called inside one, else the
   * database. Resolved per call so that repositories bound to the store join a transaction that is
   * running in the same async context (see sql-store.ts).
   */
  readonly db: () => Kysely<DB>;
  readonly dialect: DialectQueries;
  /** Only for `User.groups`, which hides expired groups (MediaWiki's UserGroupManager). */
  readonly clock: Clock;
}
