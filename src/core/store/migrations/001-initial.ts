import {
  sql,
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Kysely,
  type Migration,
} from 'kysely';
import type { SchemaDialect } from './schema-dialect.ts';

/**
 * Every table of `store/schema.ts`. Each secondary index names the repository query it serves
 * (store/sql/*-repository.ts); primary keys and unique keys carry the point look-ups.
 */
export function initialMigration(d: SchemaDialect): Migration {
  const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
  const keyText = (c: ColumnDefinitionBuilder) => d.codePointOrder(c).notNull();

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const table = (name: string): CreateTableBuilder<string, never> => db.schema.createTable(name);

      await table('wiki')
        .addColumn('wiki', 'text', (c) => c.primaryKey())
        .addColumn('lang', 'text', notNull)
        .addColumn('sitename', 'text', notNull)
        .addColumn('base_url', 'text', notNull)
        .addColumn('namespaces', 'text', notNull)
        .addColumn('settings', 'text', notNull)
        .addColumn('is_media_repo', 'integer', notNull)
        .addColumn('source', 'text', notNull)
        .addColumn('created_at', d.bigint, notNull)
        .execute();

      // ids.next / ids.ensureAbove: upsert on the primary key.
      await table('id_sequence')
        .addColumn('wiki', 'text', notNull)
        .addColumn('name', 'text', notNull)
        .addColumn('next_id', d.bigint, notNull)
        .addPrimaryKeyConstraint('id_sequence_pk', ['wiki', 'name'])
        .execute();

      // pages.getByTitle, pages.list (allpages: a title range within a namespace), pages.count by
      // namespace: the unique key (wiki, namespace, title).
      await table('page')
        .addColumn('wiki', 'text', notNull)
        .addColumn('page_id', d.bigint, notNull)
        .addColumn('namespace', 'integer', notNull)
        .addColumn('title', 'text', keyText)
        .addColumn('is_redirect', 'integer', notNull)
        .addColumn('latest_rev_id', d.bigint, notNull)
        .addColumn('len', 'integer', notNull)
        .addColumn('created_at', d.bigint, notNull)
        .addColumn('touched_at', d.bigint, notNull)
        .addColumn('content_model', 'text', notNull)
        .addPrimaryKeyConstraint('page_pk', ['wiki', 'page_id'])
        .addUniqueConstraint('page_title_uq', ['wiki', 'namespace', 'title'])
        .execute();

      await table('revision')
        .addColumn('wiki', 'text', notNull)
        .addColumn('rev_id', d.bigint, notNull)
        .addColumn('page_id', d.bigint, notNull)
        .addColumn('parent_id', d.bigint)
        .addColumn('timestamp', d.bigint, notNull)
        .addColumn('user_id', d.bigint, notNull)
        .addColumn('user_text', 'text', notNull)
        .addColumn('comment', 'text', notNull)
        .addColumn('minor', 'integer', notNull)
        .addColumn('len', 'integer', notNull)
        .addColumn('sha1', 'text', notNull)
        .addColumn('text', 'text', notNull)
        .addPrimaryKeyConstraint('revision_pk', ['wiki', 'rev_id'])
        .execute();
      // revisions.listForPage (keyset on (timestamp, rev_id) both ways), revisions.first,
      // revisions.countForPage, revisions.archivePage.
      await db.schema
        .createIndex('revision_page_time_idx')
        .on('revision')
        .columns(['wiki', 'page_id', 'timestamp', 'rev_id'])
        .execute();

      await table('archive')
        .addColumn('wiki', 'text', notNull)
        .addColumn('rev_id', d.bigint, notNull)
        .addColumn('page_id', d.bigint, notNull)
        .addColumn('namespace', 'integer', notNull)
        .addColumn('title', 'text', keyText)
        .addColumn('parent_id', d.bigint)
        .addColumn('timestamp', d.bigint, notNull)
        .addColumn('user_id', d.bigint, notNull)
        .addColumn('user_text', 'text', notNull)
        .addColumn('comment', 'text', notNull)
        .addColumn('minor', 'integer', notNull)
        .addColumn('len', 'integer', notNull)
        .addColumn('sha1', 'text', notNull)
        .addColumn('text', 'text', notNull)
        .addColumn('delete_log_id', d.bigint, notNull)
        .addPrimaryKeyConstraint('archive_pk', ['wiki', 'rev_id'])
        .execute();
      // archive.listForTitle / archive.takeForTitle, oldest first.
      await db.schema
        .createIndex('archive_title_idx')
        .on('archive')
        .columns(['wiki', 'namespace', 'title', 'timestamp', 'rev_id'])
        .execute();

      // users.getByName, users.list (allusers: a name range): the unique key (wiki, name).
      await table('wiki_user')
        .addColumn('wiki', 'text', notNull)
        .addColumn('user_id', d.bigint, notNull)
        .addColumn('name', 'text', keyText)
        .addColumn('password_hash', 'text', notNull)
        .addColumn('registration', d.bigint)
        .addColumn('editcount', d.bigint, notNull)
        .addColumn('email', 'text', notNull)
        .addPrimaryKeyConstraint('wiki_user_pk', ['wiki', 'user_id'])
        .addUniqueConstraint('wiki_user_name_uq', ['wiki', 'name'])
        .execute();

      await table('user_group')
        .addColumn('wiki', 'text', notNull)
        .addColumn('user_id', d.bigint, notNull)
        .addColumn('group_name', 'text', notNull)
        .addColumn('expiry', d.bigint)
        .addPrimaryKeyConstraint('user_group_pk', ['wiki', 'user_id', 'group_name'])
        .execute();
      // users.list with groups / excludeGroups: members of a group.
      await db.schema
        .createIndex('user_group_group_idx')
        .on('user_group')
        .columns(['wiki', 'group_name', 'user_id'])
        .execute();

      await table('user_option')
        .addColumn('wiki', 'text', notNull)
        .addColumn('user_id', d.bigint, notNull)
        .addColumn('name', 'text', notNull)
        .addColumn('value', 'text', notNull)
        .addPrimaryKeyConstraint('user_option_pk', ['wiki', 'user_id', 'name'])
        .execute();

      await table('bot_password')
        .addColumn('wiki', 'text', notNull)
        .addColumn('user_id', d.bigint, notNull)
        .addColumn('app_id', 'text', notNull)
        .addColumn('password_hash', 'text', notNull)
        .addColumn('grants', 'text', notNull)
        .addColumn('created_at', d.bigint, notNull)
        .addPrimaryKeyConstraint('bot_password_pk', ['wiki', 'user_id', 'app_id'])
        .execute();

      await table('user_block')
        .addColumn('wiki', 'text', notNull)
        .addColumn('block_id', d.bigint, notNull)
        .addColumn('target_user_id', d.bigint, notNull)
        .addColumn('target_address', 'text', notNull)
        .addColumn('by_user_id', d.bigint, notNull)
        .addColumn('by_name', 'text', notNull)
        .addColumn('reason', 'text', notNull)
        .addColumn('timestamp', d.bigint, notNull)
        .addColumn('expiry', d.bigint)
        .addColumn('sitewide', 'integer', notNull)
        .addColumn('no_create', 'integer', notNull)
        .addColumn('no_email', 'integer', notNull)
        .addColumn('allow_usertalk', 'integer', notNull)
        .addColumn('restrictions', 'text', notNull)
        .addPrimaryKeyConstraint('user_block_pk', ['wiki', 'block_id'])
        .execute();
      // blocks.activeForUser.
      await db.schema
        .createIndex('user_block_user_idx')
        .on('user_block')
        .columns(['wiki', 'target_user_id'])
        .execute();
      // blocks.activeForAddress.
      await db.schema
        .createIndex('user_block_address_idx')
        .on('user_block')
        .columns(['wiki', 'target_address'])
        .execute();

      await table('logging')
        .addColumn('wiki', 'text', notNull)
        .addColumn('log_id', d.bigint, notNull)
        .addColumn('log_type', 'text', notNull)
        .addColumn('log_action', 'text', notNull)
        .addColumn('timestamp', d.bigint, notNull)
        .addColumn('actor_id', d.bigint, notNull)
        .addColumn('actor_name', 'text', notNull)
        .addColumn('namespace', 'integer', notNull)
        .addColumn('title', 'text', keyText)
        .addColumn('page_id', d.bigint, notNull)
        .addColumn('comment', 'text', notNull)
        .addColumn('params', 'text', notNull)
        .addPrimaryKeyConstraint('logging_pk', ['wiki', 'log_id'])
        .execute();
      // logs.list without filters: keyset on (timestamp, log_id).
      await db.schema
        .createIndex('logging_time_idx')
        .on('logging')
        .columns(['wiki', 'timestamp', 'log_id'])
        .execute();
      // logs.list filtered by type (letype).
      await db.schema
        .createIndex('logging_type_time_idx')
        .on('logging')
        .columns(['wiki', 'log_type', 'timestamp', 'log_id'])
        .execute();
      // logs.list filtered by title (letitle), logs.exists.
      await db.schema
        .createIndex('logging_title_idx')
        .on('logging')
        .columns(['wiki', 'namespace', 'title', 'timestamp', 'log_id'])
        .execute();
      // logs.list filtered by performer (leuser).
      await db.schema
        .createIndex('logging_actor_time_idx')
        .on('logging')
        .columns(['wiki', 'actor_name', 'timestamp', 'log_id'])
        .execute();

      await table('recentchange')
        .addColumn('wiki', 'text', notNull)
        .addColumn('rc_id', d.bigint, notNull)
        .addColumn('timestamp', d.bigint, notNull)
        .addColumn('actor_id', d.bigint, notNull)
        .addColumn('actor_name', 'text', notNull)
        .addColumn('namespace', 'integer', notNull)
        .addColumn('title', 'text', keyText)
        .addColumn('page_id', d.bigint, notNull)
        .addColumn('rev_id', d.bigint, notNull)
        .addColumn('old_rev_id', d.bigint, notNull)
        .addColumn('rc_type', 'text', notNull)
        .addColumn('minor', 'integer', notNull)
        .addColumn('bot', 'integer', notNull)
        .addColumn('patrolled', 'integer', notNull)
        .addColumn('comment', 'text', notNull)
        .addColumn('old_len', 'integer', notNull)
        .addColumn('new_len', 'integer', notNull)
        .addColumn('log_id', d.bigint, notNull)
        .addColumn('log_type', 'text', notNull)
        .addColumn('log_action', 'text', notNull)
        .addPrimaryKeyConstraint('recentchange_pk', ['wiki', 'rc_id'])
        .execute();
      // recentChanges.list: keyset on (timestamp, rc_id); the other filters are checked per row.
      await db.schema
        .createIndex('recentchange_time_idx')
        .on('recentchange')
        .columns(['wiki', 'timestamp', 'rc_id'])
        .execute();
      // recentChanges.findByRevision.
      await db.schema
        .createIndex('recentchange_rev_idx')
        .on('recentchange')
        .columns(['wiki', 'rev_id'])
        .execute();

      // changeTags.add inserts with ON CONFLICT DO NOTHING against the unique key.
      await table('change_tag')
        .addColumn('wiki', 'text', notNull)
        .addColumn('tag', 'text', notNull)
        .addColumn('rev_id', d.bigint, notNull)
        .addColumn('log_id', d.bigint, notNull)
        .addColumn('rc_id', d.bigint, notNull)
        .addUniqueConstraint('change_tag_uq', ['wiki', 'tag', 'rev_id', 'log_id', 'rc_id'])
        .execute();
      // changeTags.forRevisions, changeTags.countForPage (joined from revision).
      await db.schema
        .createIndex('change_tag_rev_idx')
        .on('change_tag')
        .columns(['wiki', 'rev_id'])
        .execute();
      // changeTags.forLogs.
      await db.schema
        .createIndex('change_tag_log_idx')
        .on('change_tag')
        .columns(['wiki', 'log_id'])
        .execute();
      // Tags of recent changes (recentChanges.get / list).
      await db.schema.createIndex('change_tag_rc_idx').on('change_tag').columns(['wiki', 'rc_id']).execute();

      // The primary keys of the link tables serve links.getForPage / replaceForPage / deleteForPage.
      await table('page_link')
        .addColumn('wiki', 'text', notNull)
        .addColumn('from_page_id', d.bigint, notNull)
        .addColumn('from_namespace', 'integer', notNull)
        .addColumn('namespace', 'integer', notNull)
        .addColumn('title', 'text', keyText)
        .addPrimaryKeyConstraint('page_link_pk', ['wiki', 'from_page_id', 'namespace', 'title'])
        .execute();
      // links.countInbound (optionally restricted by from_namespace), links.pagesLinkingTo;
      // from_page_id makes it covering, so neither reads the table.
      await db.schema
        .createIndex('page_link_target_idx')
        .on('page_link')
        .columns(['wiki', 'namespace', 'title', 'from_namespace', 'from_page_id'])
        .execute();

      await table('category_link')
        .addColumn('wiki', 'text', notNull)
        .addColumn('from_page_id', d.bigint, notNull)
        .addColumn('category', 'text', keyText)
        .addColumn('sortkey', 'text', keyText)
        .addPrimaryKeyConstraint('category_link_pk', ['wiki', 'from_page_id', 'category'])
        .execute();
      // links.pagesInCategory, in sort key order.
      await db.schema
        .createIndex('category_link_category_idx')
        .on('category_link')
        .columns(['wiki', 'category', 'sortkey', 'from_page_id'])
        .execute();

      await table('template_link')
        .addColumn('wiki', 'text', notNull)
        .addColumn('from_page_id', d.bigint, notNull)
        .addColumn('namespace', 'integer', notNull)
        .addColumn('title', 'text', keyText)
        .addPrimaryKeyConstraint('template_link_pk', ['wiki', 'from_page_id', 'namespace', 'title'])
        .execute();
      // links.pagesLinkingTo (transclusions).
      await db.schema
        .createIndex('template_link_target_idx')
        .on('template_link')
        .columns(['wiki', 'namespace', 'title', 'from_page_id'])
        .execute();

      await table('image_link')
        .addColumn('wiki', 'text', notNull)
        .addColumn('from_page_id', d.bigint, notNull)
        .addColumn('file', 'text', keyText)
        .addPrimaryKeyConstraint('image_link_pk', ['wiki', 'from_page_id', 'file'])
        .execute();
      // links.pagesLinkingTo (file usage).
      await db.schema
        .createIndex('image_link_file_idx')
        .on('image_link')
        .columns(['wiki', 'file', 'from_page_id'])
        .execute();

      await table('lang_link')
        .addColumn('wiki', 'text', notNull)
        .addColumn('from_page_id', d.bigint, notNull)
        .addColumn('lang', 'text', notNull)
        .addColumn('title', 'text', keyText)
        .addPrimaryKeyConstraint('lang_link_pk', ['wiki', 'from_page_id', 'lang'])
        .execute();
      // links.pagesWithLanglink.
      await db.schema
        .createIndex('lang_link_target_idx')
        .on('lang_link')
        .columns(['wiki', 'lang', 'title'])
        .execute();

      await table('page_prop')
        .addColumn('wiki', 'text', notNull)
        .addColumn('page_id', d.bigint, notNull)
        .addColumn('name', 'text', notNull)
        .addColumn('value', 'text', notNull)
        .addPrimaryKeyConstraint('page_prop_pk', ['wiki', 'page_id', 'name'])
        .execute();

      await table('page_restriction')
        .addColumn('wiki', 'text', notNull)
        .addColumn('page_id', d.bigint, notNull)
        .addColumn('type', 'text', notNull)
        .addColumn('level', 'text', notNull)
        .addColumn('expiry', d.bigint)
        .addPrimaryKeyConstraint('page_restriction_pk', ['wiki', 'page_id', 'type'])
        .execute();

      await table('media_file')
        .addColumn('repo', 'text', notNull)
        .addColumn('name', 'text', keyText)
        .addColumn('size', d.bigint, notNull)
        .addColumn('width', 'integer', notNull)
        .addColumn('height', 'integer', notNull)
        .addColumn('media_type', 'text', notNull)
        .addColumn('mime', 'text', notNull)
        .addColumn('license', 'text', notNull)
        .addColumn('author', 'text', notNull)
        .addColumn('description', 'text', notNull)
        .addColumn('url', 'text', notNull)
        .addColumn('timestamp', d.bigint, notNull)
        .addPrimaryKeyConstraint('media_file_pk', ['repo', 'name'])
        .execute();

      await table('auth_session')
        .addColumn('session_id', 'text', (c) => c.primaryKey())
        .addColumn('wiki', 'text', notNull)
        .addColumn('user_id', d.bigint, notNull)
        .addColumn('csrf_secret', 'text', notNull)
        .addColumn('app_id', 'text', notNull)
        .addColumn('created_at', d.bigint, notNull)
        .addColumn('expires_at', d.bigint, notNull)
        .execute();
      // sessions.deleteExpired.
      await db.schema
        .createIndex('auth_session_expiry_idx')
        .on('auth_session')
        .column('expires_at')
        .execute();

      await table('throttle')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('count', 'integer', notNull)
        .addColumn('window_start', d.bigint, notNull)
        .execute();

      await table('outbox')
        .addColumn('event_id', d.serial, (c) => d.serialPrimaryKey(c))
        .addColumn('wiki', 'text', notNull)
        .addColumn('stream', 'text', notNull)
        .addColumn('payload', 'text', notNull)
        .addColumn('created_at', d.bigint, notNull)
        .addColumn('dispatched_at', d.bigint)
        .execute();
      // outbox.claimUndispatched / countUndispatched: only the pending tail is indexed.
      await db.schema
        .createIndex('outbox_undispatched_idx')
        .on('outbox')
        .column('event_id')
        .where(sql.ref('dispatched_at'), 'is', null)
        .execute();

      await table('job')
        .addColumn('job_id', d.serial, (c) => d.serialPrimaryKey(c))
        .addColumn('job_type', 'text', notNull)
        .addColumn('wiki', 'text', notNull)
        .addColumn('payload', 'text', notNull)
        .addColumn('dedupe_key', 'text')
        .addColumn('status', 'text', notNull)
        .addColumn('attempts', 'integer', notNull)
        .addColumn('max_attempts', 'integer', notNull)
        .addColumn('run_after', d.bigint, notNull)
        .addColumn('claimed_by', 'text')
        .addColumn('claimed_until', d.bigint)
        .addColumn('last_error', 'text')
        .addColumn('created_at', d.bigint, notNull)
        .addColumn('updated_at', d.bigint, notNull)
        .execute();
      // jobs.claim walks one status in job_id order and checks run_after on the index itself, so a
      // claim stops after `limit` due jobs however long the queue is (an index led by run_after
      // would have to sort every due job to honour job_id order). Also jobs.list, countByStatus.
      await db.schema
        .createIndex('job_claim_idx')
        .on('job')
        .columns(['status', 'job_id', 'run_after'])
        .execute();
      // jobs.enqueue coalescing: ON CONFLICT (dedupe_key) WHERE status = 'queued' DO NOTHING.
      await db.schema
        .createIndex('job_queued_dedupe_uq')
        .on('job')
        .column('dedupe_key')
        .unique()
        .where(sql.ref('status'), '=', 'queued')
        .execute();

      await table('notification')
        .addColumn('wiki', 'text', notNull)
        .addColumn('notification_id', d.bigint, notNull)
        .addColumn('user_id', d.bigint, notNull)
        .addColumn('event_type', 'text', notNull)
        .addColumn('category', 'text', notNull)
        .addColumn('agent_id', d.bigint, notNull)
        .addColumn('agent_name', 'text', notNull)
        .addColumn('page_namespace', 'integer', notNull)
        .addColumn('page_title', 'text', notNull)
        .addColumn('page_id', d.bigint, notNull)
        .addColumn('extra', 'text', notNull)
        .addColumn('timestamp', d.bigint, notNull)
        .addColumn('read_at', d.bigint)
        .addPrimaryKeyConstraint('notification_pk', ['wiki', 'notification_id'])
        .execute();
      // notifications.listForUser (newest first, beforeId paging), countUnread, markRead.
      await db.schema
        .createIndex('notification_user_idx')
        .on('notification')
        .columns(['wiki', 'user_id', 'notification_id'])
        .execute();

      await table('import_state')
        .addColumn('source_key', 'text', (c) => c.primaryKey())
        .addColumn('wiki', 'text', notNull)
        .addColumn('pages_done', d.bigint, notNull)
        .addColumn('revisions_done', d.bigint, notNull)
        .addColumn('started_at', d.bigint, notNull)
        .addColumn('finished_at', d.bigint)
        .execute();
    },
  };
}
