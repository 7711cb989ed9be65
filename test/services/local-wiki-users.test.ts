import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/domain/actor.ts';
import type { PagePatrolEvent, UserBlocksChangeEvent } from '../../src/core/domain/events.ts';
import type { EditSaved } from '../../src/wiki-source/wiki-source.ts';
import { createLocalWikiFixture, type LocalWikiFixture } from '../factories/local-wiki.ts';

let f: LocalWikiFixture;
let alice: Actor;
let admin: Actor;
let patroller: Actor;

beforeEach(async () => {
  f = await createLocalWikiFixture();
  alice = await f.user('Alice');
  admin = await f.user('Admin', { groups: ['sysop'] });
  patroller = await f.user('Pat', { groups: ['patroller'] });
});

afterEach(async () => {
  await f.close();
});

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'no error';
}

async function lastLog(type: string) {
  const [entry] = await f.store.logs.list(f.wiki, { type, dir: 'older', limit: 1 });
  return entry;
}

describe('block', () => {
  it('blocks an account, logs it and emits user-blocks-change', async () => {
    const expiry = f.now() + 86400;
    const r = await f.localWiki.block(admin, { target: 'alice', expiry, reason: 'spam', noCreate: true });
    expect(r).toMatchObject({
      user: 'Alice',
      userID: alice.userId,
      expiry: '2023-11-15T22:13:20Z',
      reason: 'spam',
      nocreate: true,
      allowusertalk: false,
      partial: false,
    });
    expect(await f.store.blocks.activeForUser(f.wiki, alice.userId, f.now())).toMatchObject({
      id: r.id,
      byName: 'Admin',
    });
    expect(await lastLog('block')).toMatchObject({
      action: 'block',
      namespace: 2,
      title: 'Alice',
      params: { '5::duration': '2023-11-15T22:13:20Z', '6::flags': 'nocreate,nousertalk' },
    });
    const events = await f.drainOutbox();
    expect(events.map((e) => e.stream)).toEqual(['mediawiki.user-blocks-change']);
    const payload = events[0]?.payload as UserBlocksChangeEvent;
    expect(payload).toMatchObject({
      user_text: 'Alice',
      user_id: alice.userId,
      blocks: {
        expiry_dt: '2023-11-15T22:13:20Z',
        sitewide: true,
        account_create: true,
        user_talk: true,
        email: false,
      },
      performer: { user_text: 'Admin' },
    });
    expect(payload.prior_state).toBeUndefined();
  });

  it('refuses a second block unless reblock is set, which keeps the block id', async () => {
    const first = await f.localWiki.block(admin, { target: 'Alice', expiry: null, reason: 'one' });
    expect(await errorOf(f.localWiki.block(admin, { target: 'Alice', expiry: null }))).toBe('alreadyblocked');
    await f.drainOutbox();
    const again = await f.localWiki.block(admin, {
      target: 'Alice',
      expiry: null,
      reason: 'two',
      reblock: true,
      noEmail: true,
    });
    expect(again.id).toBe(first.id);
    expect((await lastLog('block'))?.action).toBe('reblock');
    const [event] = await f.drainOutbox();
    expect(event?.payload).toMatchObject({
      blocks: { email: true },
      prior_state: { blocks: { email: false } },
    });
  });

  it('blocks IP addresses for logged-out edits', async () => {
    await f.localWiki.block(admin, { target: '198.51.100.9', expiry: null });
    const visitor = await f.refresh(f.anonymous({ ip: '198.51.100.9' }));
    expect(await errorOf(f.localWiki.edit(visitor, { title: 'Page', text: 'x' }))).toBe('blocked');
  });

  it('lets a blocked user edit their own talk page when the block allows it', async () => {
    await f.localWiki.block(admin, { target: 'Alice', expiry: null, allowUserTalk: true });
    const blocked = await f.refresh(alice);
    expect(await errorOf(f.localWiki.edit(blocked, { title: 'Page', text: 'x' }))).toBe('blocked');
    expect(await f.localWiki.edit(blocked, { title: 'User talk:Alice', text: 'appeal' })).toMatchObject({
      result: 'Success',
    });
  });

  it('needs the block right and an existing target', async () => {
    expect(await errorOf(f.localWiki.block(alice, { target: 'Admin', expiry: null }))).toBe(
      'permissiondenied',
    );
    expect(await errorOf(f.localWiki.block(admin, { target: 'Nobody here', expiry: null }))).toBe(
      'nosuchuser',
    );
  });
});

describe('unblock', () => {
  it('lifts the block and reports the prior state', async () => {
    const block = await f.localWiki.block(admin, { target: 'Alice', expiry: null, reason: 'spam' });
    await f.drainOutbox();
    const r = await f.localWiki.unblock(admin, { target: 'Alice', reason: 'appeal accepted' });
    expect(r).toEqual({ id: block.id, user: 'Alice', userid: alice.userId, reason: 'appeal accepted' });
    expect(await f.store.blocks.activeForUser(f.wiki, alice.userId, f.now())).toBeUndefined();
    expect((await lastLog('block'))?.action).toBe('unblock');
    const [event] = await f.drainOutbox();
    expect(event?.stream).toBe('mediawiki.user-blocks-change');
    expect(event?.payload).toMatchObject({
      user_text: 'Alice',
      blocks: { sitewide: false, user_talk: false },
      prior_state: { blocks: { sitewide: true, user_talk: true } },
    });
    expect(await f.localWiki.edit(await f.refresh(alice), { title: 'Page', text: 'x' })).toMatchObject({
      result: 'Success',
    });
  });

  it('fails when there is no block', async () => {
    expect(await errorOf(f.localWiki.unblock(admin, { target: 'Alice' }))).toBe('cantunblock');
    expect(await errorOf(f.localWiki.unblock(admin, { blockId: 999 }))).toBe('cantunblock');
  });
});

describe('patrol', () => {
  it('marks another user’s change patrolled, logs it and emits page-patrol', async () => {
    const edit = (await f.localWiki.edit(alice, { title: 'Page', text: 'x' })) as EditSaved;
    const rc = await f.store.recentChanges.findByRevision(f.wiki, edit.newrevid);
    await f.drainOutbox();
    const r = await f.localWiki.patrol(patroller, { revId: edit.newrevid });
    expect(r).toEqual({ rcid: rc?.id, ns: 0, title: 'Page' });
    expect((await f.store.recentChanges.get(f.wiki, rc!.id))?.patrolled).toBe(1);
    expect(await lastLog('patrol')).toMatchObject({
      action: 'patrol',
      actorName: 'Pat',
      params: { '4::curid': edit.newrevid, '5::previd': 0, '6::auto': 0 },
    });
    const events = await f.drainOutbox();
    expect(events.map((e) => e.stream)).toEqual(['wikiqueue.page-patrol']);
    expect(events[0]?.payload as PagePatrolEvent).toMatchObject({
      rc_id: rc?.id,
      rev_id: edit.newrevid,
      auto: false,
      rev_user_text: 'Alice',
      rc_type: 'new',
      performer: { user_text: 'Pat' },
    });
  });

  it('does not let a patroller without autopatrol patrol their own edit', async () => {
    const own = (await f.localWiki.edit(patroller, { title: 'Mine', text: 'x' })) as EditSaved;
    await f.drainOutbox();
    expect(await errorOf(f.localWiki.patrol(patroller, { revId: own.newrevid }))).toBe(
      'markedaspatrollederror-noautopatrol',
    );
    expect(await f.drainOutbox()).toEqual([]);
  });

  it('succeeds without a second log entry for an already patrolled change', async () => {
    const edit = (await f.localWiki.edit(alice, { title: 'Page', text: 'x' })) as EditSaved;
    await f.localWiki.patrol(patroller, { revId: edit.newrevid });
    await f.drainOutbox();
    await f.localWiki.patrol(admin, { revId: edit.newrevid });
    expect(await f.store.logs.list(f.wiki, { type: 'patrol', dir: 'older', limit: 10 })).toHaveLength(1);
    expect(await f.drainOutbox()).toEqual([]);
  });

  it('needs the patrol right and a known change', async () => {
    const edit = (await f.localWiki.edit(admin, { title: 'Page', text: 'x' })) as EditSaved;
    expect(await errorOf(f.localWiki.patrol(alice, { revId: edit.newrevid }))).toBe('permissiondenied');
    expect(await errorOf(f.localWiki.patrol(patroller, { rcId: 12345 }))).toBe('nosuchrcid');
  });
});
