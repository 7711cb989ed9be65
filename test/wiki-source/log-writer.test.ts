import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry, RecentChange } from '../../src/core/domain/wiki.ts';
import { TEST_WIKI } from '../factories/app.ts';
import { buildReviewApp, postAction, type ReviewTestApp, type ReviewUser } from '../factories/review.ts';

/**
 * One log writer (issue 9 §7): whoever writes a log entry — the wiki's own operations, action=patrol,
 * the review subsystem through the port — the rows come out the same: the same log row, the same
 * recent change when published, the same change tags.
 */
let t: ReviewTestApp;
let creator: ReviewUser;
let patroller: ReviewUser;
let admin: ReviewUser;
beforeAll(async () => {
  t = await buildReviewApp();
  creator = await t.user('Log creator');
  patroller = await t.user('Log patroller', ['patroller']);
  admin = await t.user('Log admin', ['sysop']);
});
afterAll(async () => t.close());

const logsOf = (type: string) => t.services.store.logs.list(TEST_WIKI, { type, dir: 'older', limit: 100 });

async function logRc(logId: number): Promise<RecentChange | undefined> {
  const recent = await t.services.store.recentChanges.list(TEST_WIKI, {
    types: ['log'],
    dir: 'older',
    limit: 500,
  });
  return recent.find((rc) => rc.logId === logId);
}

async function tagsOfLog(logId: number): Promise<string[]> {
  return (await t.services.store.changeTags.forLogs(TEST_WIKI, [logId])).get(logId) ?? [];
}

/** A log row without what differs by nature between two entries: ids, target and time. */
function shape(
  e: LogEntry,
): Omit<LogEntry, 'id' | 'namespace' | 'title' | 'pageId' | 'params' | 'timestamp'> {
  const {
    id: _id,
    namespace: _ns,
    title: _title,
    pageId: _page,
    params: _params,
    timestamp: _ts,
    ...rest
  } = e;
  return rest;
}

describe('the one log writer', () => {
  it("writes a review's patrol mark as action=patrol writes its patrol entry", async () => {
    const patrolled = await t.edit(creator, 'Patrolled through the API', 'Text.');
    const reviewed = await t.edit(creator, 'Patrolled through review', 'Text.');
    const revOf = async (pageId: number) => (await t.services.store.revisions.first(TEST_WIKI, pageId))!.id;
    const byApi = await postAction(patroller.api, 'patrol', {
      revid: String(await revOf(patrolled)),
      tags: 'pagetriage',
    });
    expect(byApi.json.patrol).toBeDefined();
    t.advance(5);
    const byReview = await postAction(patroller.api, 'pagetriageaction', {
      pageid: String(reviewed),
      reviewed: '1',
    });
    expect(byReview.json).toEqual({ pagetriageaction: { result: 'success' } });

    const entries = await logsOf('patrol');
    const entryOf = (pageId: number) => entries.find((e) => e.pageId === pageId)!;
    for (const pageId of [patrolled, reviewed]) {
      const entry = entryOf(pageId);
      expect(entry).toMatchObject({
        type: 'patrol',
        action: 'patrol',
        actorId: patroller.id,
        actorName: 'Log patroller',
        namespace: 0,
        comment: '',
        params: { '4::curid': await revOf(pageId), '5::previd': 0, '6::auto': 0 },
        tags: ['pagetriage'],
      });
      expect(await tagsOfLog(entry.id)).toEqual(['pagetriage']);
      expect(await logRc(entry.id)).toBeUndefined();
      const rc = await t.services.store.recentChanges.findByRevision(TEST_WIKI, await revOf(pageId));
      expect(rc?.patrolled).toBe(1);
    }
    expect(shape(entryOf(reviewed))).toEqual(shape(entryOf(patrolled)));
  });

  it("writes an entry through the port with the rows of the wiki's own: log row, recent change and tags", async () => {
    await t.edit(creator, 'Deleted by the wiki', 'Text.');
    const target = await t.services.wikiSources.for(TEST_WIKI).getPage({ title: 'Logged by a service' });
    expect(target).toBeUndefined();
    const sysop = await admin.actor();
    const source = t.services.wikiSources.for(TEST_WIKI);
    const deleted = await source.delete(sysop, {
      title: 'Deleted by the wiki',
      reason: 'same',
      tags: ['pagetriage'],
    });
    const written = await source.writeLog(sysop, {
      type: 'delete',
      action: 'delete',
      target: { namespace: 0, title: 'Logged_by_a_service', id: 0 },
      comment: 'same',
      params: {},
      tags: ['pagetriage'],
      recentChange: true,
    });
    const [own, service] = await Promise.all([
      t.services.store.logs.get(TEST_WIKI, deleted.logid),
      t.services.store.logs.get(TEST_WIKI, written.logid),
    ]);
    expect(shape(service!)).toEqual(shape(own!));
    expect(shape(own!)).toMatchObject({
      type: 'delete',
      action: 'delete',
      actorName: 'Log admin',
      tags: ['pagetriage'],
    });
    expect(await tagsOfLog(written.logid)).toEqual(await tagsOfLog(deleted.logid));

    const ownRc = await logRc(deleted.logid);
    const serviceRc = await logRc(written.logid);
    expect(serviceRc?.id).toBe(written.rcid);
    const rcShape = (rc: RecentChange | undefined) => {
      const { id: _id, logId: _log, title: _title, pageId: _page, timestamp: _ts, ...rest } = rc!;
      return rest;
    };
    expect(rcShape(serviceRc)).toEqual(rcShape(ownRc));
    expect(rcShape(ownRc)).toMatchObject({
      type: 'log',
      logType: 'delete',
      patrolled: 2,
      tags: ['pagetriage'],
    });
  });

  it('writes the review log entries with their tags, in the log only', async () => {
    const page = await t.edit(creator, 'Reviewed for the log', 'Text.');
    t.advance(5);
    const res = await postAction(patroller.api, 'pagetriageaction', { pageid: String(page), reviewed: '1' });
    expect(res.json).toEqual({ pagetriageaction: { result: 'success' } });
    const entries = (await logsOf('pagetriage-curation')).filter((e) => e.pageId === page);
    expect(entries.map((e) => e.action)).toEqual(['reviewed-article']);
    const [entry] = entries;
    expect(entry).toMatchObject({
      actorName: 'Log patroller',
      tags: ['pagetriage'],
      title: 'Reviewed_for_the_log',
    });
    expect(await tagsOfLog(entry!.id)).toEqual(['pagetriage']);
    expect(await logRc(entry!.id)).toBeUndefined();
  });
});
