import type { Repositories } from '../store/store.ts';
import type { LogPerformer, LoggedEntry, NewLogEntry } from '../../wiki-source/wiki-source.ts';

/** The repositories a log entry is written to. */
export type LogRepositories = Pick<Repositories, 'ids' | 'logs' | 'recentChanges'>;

/**
 * The one builder of log rows (the embedded wiki's, and those a followed wiki's subsystems keep here) (ManualLogEntry::insert and ::publish): the
 * `logging` row stamped `now`; with `recentChange`, its `recentchanges` row (rc_type log,
 * autopatrolled when the performer has `autopatrol`, as RecentChange::newLogEntry); and the change
 * tags of both (the repositories store an entry's and a change's tags with them). Every log entry of the local source — its own
 * operations, subsystems' entries through `WikiSource.writeLog`, accounts and rights — is written
 * here. `logId` is an id allocated beforehand (a deletion archives revisions under its log id).
 */
export async function writeLogEntry(
  tx: LogRepositories,
  wiki: string,
  performer: LogPerformer,
  entry: NewLogEntry,
  now: number,
  logId?: number,
): Promise<LoggedEntry> {
  const logid = logId ?? (await tx.ids.next(wiki, 'log'));
  const tags = [...entry.tags];
  const { namespace, title, id: pageId } = entry.target;
  await tx.logs.insert({
    wiki,
    id: logid,
    type: entry.type,
    action: entry.action,
    timestamp: now,
    actorId: performer.userId,
    actorName: performer.name,
    namespace,
    title,
    pageId,
    comment: entry.comment,
    params: entry.params,
    tags,
  });
  if (!entry.recentChange) return { logid };
  const rcid = await tx.ids.next(wiki, 'rc');
  await tx.recentChanges.insert({
    wiki,
    id: rcid,
    timestamp: now,
    actorId: performer.userId,
    actorName: performer.name,
    namespace,
    title,
    pageId,
    revId: 0,
    oldRevId: 0,
    type: 'log',
    minor: false,
    bot: false,
    patrolled: performer.rights?.has('autopatrol') ? 2 : 0,
    comment: entry.comment,
    oldLen: 0,
    newLen: 0,
    logId: logid,
    logType: entry.type,
    logAction: entry.action,
    tags,
  });
  return { logid, rcid };
}
