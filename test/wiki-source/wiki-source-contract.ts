import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/domain/actor.ts';
import type { LogEntry, RecentChange } from '../../src/core/domain/wiki.ts';
import { WikiqueueError } from '../../src/errors.ts';
import type { EditSaved, WikiSource } from '../../src/wiki-source/wiki-source.ts';

/**
 * A wiki behind a `WikiSource`, and how a test observes it from outside the port. The local
 * implementation reads its store; a MediaWiki implementation would answer over the Action API
 * (list=logevents, list=recentchanges) with test accounts it holds on that wiki.
 */
export interface WikiSourceFixture {
  source: WikiSource;
  /** A registered account of the wiki with these explicit groups, as an actor. */
  user(name: string, groups?: string[]): Promise<Actor>;
  /** A logged-out visitor. */
  anonymous(): Promise<Actor>;
  /** The actor as the wiki knows it now (its block, its groups). */
  refresh(actor: Actor): Promise<Actor>;
  /** The wiki's log entries of `type`, newest first (list=logevents&letype=). */
  logEvents(type: string): Promise<LogEntry[]>;
  /** The recent change of a revision or of a log entry, if there is one (list=recentchanges). */
  recentChange(of: { revId: number } | { logId: number }): Promise<RecentChange | undefined>;
  close(): Promise<void>;
}

export interface WikiSourceContractOptions {
  /** Groups of tests an implementation cannot run, each with the reason (shown in the test name). */
  skip?: { writeLog?: string };
}

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WikiqueueError) return e.code;
    throw e;
  }
  throw new Error('expected the operation to fail');
}

/**
 * What every `WikiSource` does, whatever wiki is behind it: MediaWiki-shaped results, the reads a
 * write is decided on, refusals with MediaWiki's codes, and the log entries and patrol marks other
 * services write through it. One fixture serves the whole suite; each test works on titles and
 * accounts of its own.
 */
export function defineWikiSourceContract(
  name: string,
  makeFixture: () => Promise<WikiSourceFixture>,
  options: WikiSourceContractOptions = {},
): void {
  let f: WikiSourceFixture;
  let editor: Actor;
  let other: Actor;
  let admin: Actor;
  let patroller: Actor;

  const create = async (title: string, text: string, by: Actor = editor): Promise<EditSaved> => {
    const r = await f.source.edit(by, { title, text, summary: 'contract' });
    if (!('newrevid' in r)) throw new Error(`edit of ${title} changed nothing`);
    return r;
  };

  describe(`WikiSource contract (${name})`, () => {
    beforeAll(async () => {
      f = await makeFixture();
      editor = await f.user('Contract editor');
      other = await f.user('Contract other');
      admin = await f.user('Contract admin', ['sysop']);
      patroller = await f.user('Contract patroller', ['patroller']);
    });
    afterAll(async () => f?.close());

    describe('reads', () => {
      it('answers the page by title and by id, its text, its revisions and its creation', async () => {
        const first = await create('Contract reads', 'First text.');
        const second = await create('Contract reads', 'Second text.', other);
        const byTitle = await f.source.getPage({ title: 'Contract reads' });
        expect(byTitle).toMatchObject({ id: first.pageid, namespace: 0, title: 'Contract_reads' });
        expect(byTitle?.latestRevId).toBe(second.newrevid);
        expect(await f.source.getPage({ pageId: first.pageid })).toEqual(byTitle);
        expect(await f.source.getPageText('Contract reads')).toMatchObject({
          text: 'Second text.',
          title: { prefixedText: 'Contract reads' },
          page: { id: first.pageid },
        });
        expect(await f.source.getRevision(first.newrevid)).toMatchObject({
          pageId: first.pageid,
          text: 'First text.',
          userText: 'Contract editor',
        });
        expect(await f.source.getCreation(first.pageid)).toMatchObject({
          id: first.newrevid,
          userId: editor.userId,
          userText: 'Contract editor',
        });
      });

      it('answers undefined for what does not exist, and invalidtitle for what cannot', async () => {
        expect(await f.source.getPage({ title: 'Contract never written' })).toBeUndefined();
        expect(await f.source.getPageText('Contract never written')).toBeUndefined();
        expect(await f.source.getPage({ pageId: 987_654_321 })).toBeUndefined();
        expect(await f.source.getRevision(987_654_321)).toBeUndefined();
        expect(await errorCode(f.source.getPage({ title: 'Contract [bad]' }))).toBe('invalidtitle');
      });
    });

    describe('writes', () => {
      it('edits as ApiEditPage answers: new, then a revision on top, then nochange', async () => {
        const created = await f.source.edit(editor, { title: 'Contract edit', text: 'One.' });
        expect(created).toMatchObject({ result: 'Success', title: 'Contract edit', new: true, oldrevid: 0 });
        const saved = (await f.source.edit(editor, { title: 'Contract edit', text: 'Two.' })) as EditSaved;
        expect(saved.oldrevid).toBe((created as EditSaved).newrevid);
        expect(saved.new).toBeUndefined();
        expect(await f.source.edit(editor, { title: 'Contract edit', text: 'Two.' })).toEqual({
          result: 'Success',
          pageid: saved.pageid,
          title: 'Contract edit',
          contentmodel: 'wikitext',
          nochange: true,
        });
      });

      it('moves a page and leaves a redirect behind', async () => {
        const saved = await create('Contract move from', 'Moving.');
        expect(await f.source.move(admin, { from: 'Contract move from', to: 'Contract move to' })).toEqual({
          from: 'Contract move from',
          to: 'Contract move to',
          reason: '',
          redirectcreated: true,
        });
        expect((await f.source.getPage({ title: 'Contract move to' }))?.id).toBe(saved.pageid);
        expect((await f.source.getPageText('Contract move from'))?.text).toBe(
          '#REDIRECT [[Contract move to]]',
        );
      });

      it('deletes a page into the deletion log and undeletes every revision', async () => {
        const saved = await create('Contract delete', 'One.');
        await create('Contract delete', 'Two.');
        const deleted = await f.source.delete(admin, { title: 'Contract delete', reason: 'contract' });
        expect(deleted).toEqual({ title: 'Contract delete', reason: 'contract', logid: expect.any(Number) });
        expect(await f.source.getPage({ pageId: saved.pageid })).toBeUndefined();
        const [entry] = await f.logEvents('delete');
        expect(entry).toMatchObject({ id: deleted.logid, action: 'delete', title: 'Contract_delete' });
        expect(await f.source.undelete(admin, { title: 'Contract delete', reason: 'back' })).toEqual({
          title: 'Contract delete',
          revisions: 2,
          fileversions: 0,
          reason: 'back',
        });
        expect((await f.source.getPageText('Contract delete'))?.text).toBe('Two.');
      });

      it('protects a page so that only sysops edit it', async () => {
        await create('Contract protect', 'Guarded.');
        const result = await f.source.protect(admin, {
          title: 'Contract protect',
          protections: [{ type: 'edit', level: 'sysop', expiry: null }],
        });
        expect(result).toEqual({
          title: 'Contract protect',
          reason: '',
          protections: [{ edit: 'sysop', expiry: 'infinite' }],
        });
        expect(await errorCode(f.source.edit(editor, { title: 'Contract protect', text: 'x' }))).toBe(
          'protectedpage',
        );
        expect(
          await f.source.edit(admin, { title: 'Contract protect', text: 'Still guarded.' }),
        ).toMatchObject({
          result: 'Success',
        });
      });

      it('blocks an account from editing until it is unblocked', async () => {
        const vandal = await f.user('Contract vandal');
        const block = await f.source.block(admin, {
          target: 'Contract vandal',
          expiry: null,
          reason: 'spam',
        });
        expect(block).toMatchObject({ user: 'Contract vandal', userID: vandal.userId, expiry: 'infinite' });
        const blocked = await f.refresh(vandal);
        expect(await errorCode(f.source.edit(blocked, { title: 'Contract vandalism', text: 'x' }))).toBe(
          'blocked',
        );
        expect(await f.source.unblock(admin, { target: 'Contract vandal', reason: 'ok' })).toEqual({
          id: block.id,
          user: 'Contract vandal',
          userid: vandal.userId,
          reason: 'ok',
        });
        expect(
          await f.source.edit(await f.refresh(vandal), { title: 'Contract vandalism', text: 'Sorry.' }),
        ).toMatchObject({ result: 'Success' });
      });

      it('refuses writes without the right with MediaWiki codes', async () => {
        await create('Contract refusals', 'Text.');
        const visitor = await f.anonymous();
        expect(await errorCode(f.source.delete(editor, { title: 'Contract refusals' }))).toBe(
          'permissiondenied',
        );
        expect(await errorCode(f.source.block(editor, { target: 'Contract other', expiry: null }))).toBe(
          'permissiondenied',
        );
        expect(
          await errorCode(f.source.move(visitor, { from: 'Contract refusals', to: 'Contract moved' })),
        ).toBe('permissiondenied');
        expect(await errorCode(f.source.delete(admin, { title: 'Contract missing page' }))).toBe(
          'missingtitle',
        );
      });

      it('patrols a change into the patrol log, once', async () => {
        const saved = await create('Contract patrol', 'Text.');
        const result = await f.source.patrol(patroller, { revId: saved.newrevid });
        expect(result).toEqual({
          rcid: (await f.recentChange({ revId: saved.newrevid }))?.id,
          ns: 0,
          title: 'Contract patrol',
        });
        expect((await f.recentChange({ revId: saved.newrevid }))?.patrolled).toBe(1);
        const patrols = (await f.logEvents('patrol')).filter((e) => e.title === 'Contract_patrol');
        expect(patrols).toHaveLength(1);
        expect(patrols[0]).toMatchObject({
          action: 'patrol',
          actorName: 'Contract patroller',
          params: { '4::curid': saved.newrevid, '5::previd': 0, '6::auto': 0 },
        });
        await f.source.patrol(patroller, { revId: saved.newrevid });
        expect((await f.logEvents('patrol')).filter((e) => e.title === 'Contract_patrol')).toHaveLength(1);
      });
    });

    describe('on behalf of other services', () => {
      it('marks a creation patrolled with its tags, once, and nothing when there is no change', async () => {
        const saved = await create('Contract mark', 'Text.');
        expect(
          await f.source.markPatrolled(patroller, { revId: saved.newrevid, tags: ['pagetriage'] }),
        ).toEqual({
          rcid: (await f.recentChange({ revId: saved.newrevid }))?.id,
          ns: 0,
          title: 'Contract mark',
        });
        expect((await f.recentChange({ revId: saved.newrevid }))?.patrolled).toBe(1);
        const [entry] = (await f.logEvents('patrol')).filter((e) => e.title === 'Contract_mark');
        expect(entry).toMatchObject({
          action: 'patrol',
          pageId: saved.pageid,
          params: { '4::curid': saved.newrevid, '5::previd': 0, '6::auto': 0 },
          tags: ['pagetriage'],
        });
        expect(await f.recentChange({ logId: entry!.id })).toBeUndefined();
        expect(await f.source.markPatrolled(patroller, { revId: saved.newrevid, tags: [] })).toBeNull();
        expect(await f.source.markPatrolled(patroller, { revId: 987_654_321, tags: [] })).toBeNull();
      });

      const logTest = options.skip?.writeLog ? it.skip : it;
      const logSuffix = options.skip?.writeLog ? ` (skipped: ${options.skip.writeLog})` : '';

      logTest(
        `writes a log entry with its tags, to the log only or to recent changes too${logSuffix}`,
        async () => {
          const saved = await create('Contract log', 'Text.');
          const page = (await f.source.getPage({ pageId: saved.pageid }))!;
          const quiet = await f.source.writeLog(patroller, {
            type: 'pagetriage-curation',
            action: 'reviewed-article',
            target: page,
            comment: 'looks fine',
            params: { tags: ['stub'] },
            tags: ['pagetriage'],
            recentChange: false,
          });
          expect(quiet).toEqual({ logid: expect.any(Number) });
          const [entry] = await f.logEvents('pagetriage-curation');
          expect(entry).toMatchObject({
            id: quiet.logid,
            action: 'reviewed-article',
            actorId: patroller.userId,
            actorName: 'Contract patroller',
            namespace: 0,
            title: 'Contract_log',
            pageId: saved.pageid,
            comment: 'looks fine',
            params: { tags: ['stub'] },
            tags: ['pagetriage'],
          });
          expect(await f.recentChange({ logId: quiet.logid })).toBeUndefined();

          const published = await f.source.writeLog(editor, {
            type: 'pagetriage-curation',
            action: 'tag',
            target: page,
            comment: '',
            params: {},
            tags: ['pagetriage'],
            recentChange: true,
          });
          expect(published.rcid).toEqual(expect.any(Number));
          expect(await f.recentChange({ logId: published.logid })).toMatchObject({
            id: published.rcid,
            type: 'log',
            logType: 'pagetriage-curation',
            logAction: 'tag',
            actorName: 'Contract editor',
            pageId: saved.pageid,
            patrolled: 0,
            tags: ['pagetriage'],
          });
        },
      );

      it('refuses an actor of another wiki', async () => {
        const stranger = { ...editor, wiki: `${f.source.wiki}-other` };
        await expect(f.source.edit(stranger, { title: 'Contract stranger', text: 'x' })).rejects.toThrow();
        expect(await f.source.getPage({ title: 'Contract stranger' })).toBeUndefined();
      });
    });
  });
}
