import { sql } from 'kysely';
import type { DialectQueries } from '../sql/dialect-queries.ts';

export const postgresQueries: DialectQueries = Object.freeze({
  // The wire protocol counts bind parameters in 16 bits.
  maxParameters: 65535,
  lockSkippingLocked: (query) => query.forUpdate().skipLocked(),
  containsText: (column, text) => sql`strpos(${column}, ${text}) > 0`,
} satisfies DialectQueries);
