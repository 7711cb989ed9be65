import type { Kysely, Migration } from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/**
 * Contributions by user, as MediaWiki's `rev_actor_timestamp` index serves them: `revision` gains
 * the index (wiki, user_text, timestamp, rev_id), which list=usercontribs reads for one name
 * (`ucuser`), several names and a name prefix (`ucuserprefix`), keyset-paged on (timestamp, rev_id),
 * and meta=userinfo's `latestcontrib`. `user_text` is ordered by code point first, so that a prefix
 * is one index range on both databases.
 */
export function revisionActorIndexMigration(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await d.orderByCodePoint(db, 'revision', 'user_text');
      await db.schema
        .createIndex('revision_actor_time_idx')
        .on('revision')
        .columns(['wiki', 'user_text', 'timestamp', 'rev_id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('revision_actor_time_idx').execute();
    },
  };
}
