import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNamespaces } from '../../src/core/domain/namespaces.ts';
import type { WikiInfo } from '../../src/core/domain/wiki.ts';
import { LocalWikiSource } from '../../src/wiki-source/local/local-wiki-source.ts';
import { buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';
import { defineWikiSourceContract, type WikiSourceFixture } from './wiki-source-contract.ts';

const PASSWORD = 'a long contract password';

/** The local source of `testwiki` in the real app, observed through the store it writes. */
async function localFixture(): Promise<WikiSourceFixture> {
  const t = await buildTestApp();
  const { services } = t;
  const wiki = TEST_WIKI;
  const rcOf = async (match: (rc: { revId: number; logId: number }) => boolean) => {
    const recent = await services.store.recentChanges.list(wiki, { dir: 'older', limit: 500 });
    return recent.find(match);
  };
  return {
    source: services.wikiSources.for(wiki),
    async user(name, groups = []) {
      const created = await services.accounts.createAccount(wiki, name, PASSWORD, { groups });
      return services.accounts.actorForUser(wiki, created.id);
    },
    anonymous: () => services.accounts.actorFor(wiki, undefined, '198.51.100.7'),
    refresh: (actor) =>
      actor.userId === 0
        ? services.accounts.actorFor(wiki, undefined, actor.ip)
        : services.accounts.actorForUser(wiki, actor.userId),
    logEvents: (type) => services.store.logs.list(wiki, { type, dir: 'older', limit: 500 }),
    recentChange: (of) =>
      'revId' in of ? rcOf((rc) => rc.revId === of.revId) : rcOf((rc) => rc.logId === of.logId),
    close: () => t.close(),
  };
}

defineWikiSourceContract('local', localFixture);

describe('the local source', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const wikiOf = (id: string, source: WikiInfo['source']): WikiInfo => ({
    id,
    lang: 'en',
    sitename: id,
    baseUrl: source === 'mediawiki' ? 'https://remote.example.org' : '',
    namespaces: defaultNamespaces(),
    isMediaRepo: false,
    source,
    settings: {},
  });

  it('serves the wikis created here and those imported from dumps', async () => {
    await t.services.wikis.upsert(wikiOf('dumpwiki', 'dump'), t.now());
    expect(t.services.wikiSources.for(TEST_WIKI)).toBeInstanceOf(LocalWikiSource);
    expect(t.services.wikiSources.for('dumpwiki')).toBeInstanceOf(LocalWikiSource);
    expect(t.services.wikiSources.for('dumpwiki').wiki).toBe('dumpwiki');
    expect(t.services.wikiSources.has('dumpwiki')).toBe(true);
  });

  it('gives a followed MediaWiki a source that reads the store and writes only in the name of a user signed in on the wiki', async () => {
    await t.services.wikis.upsert(wikiOf('followedwiki', 'mediawiki'), t.now());
    expect(t.services.wikiSources.has('followedwiki')).toBe(true);
    const source = t.services.wikiSources.for('followedwiki');
    expect(source.writable).toBe(true);
    expect(source.authenticate).toBeTypeOf('function');
    expect(await source.getPage({ title: 'Nothing here' })).toBeUndefined();
    // A visitor (no session from a login on the wiki) cannot act there: nothing is sent or stored.
    const actor = await t.services.accounts.actorFor('followedwiki', undefined, '127.0.0.1');
    await expect(source.edit(actor, { title: 'Nothing here', text: 'x' })).rejects.toMatchObject({
      code: 'wiki-login-required',
    });
    // Operations not relayed yet say so.
    await expect(source.purge(actor, { pageIds: [1] })).rejects.toMatchObject({
      code: 'wiki-writes-unavailable',
    });
    expect(await t.services.store.pages.getByTitle('followedwiki', 0, 'Nothing_here')).toBeUndefined();
  });

  it('answers nosuchwiki for a wiki this service does not serve', () => {
    expect(() => t.services.wikiSources.for('nowiki')).toThrow(
      expect.objectContaining({ code: 'nosuchwiki' }) as Error,
    );
  });

  it("joins the caller's store transaction: a log entry rolls back with it", async () => {
    const { services } = t;
    const created = await services.accounts.createAccount(TEST_WIKI, 'Rollback logger', PASSWORD);
    const actor = await services.accounts.actorForUser(TEST_WIKI, created.id);
    const source = services.wikiSources.for(TEST_WIKI);
    const before = await services.store.logs.list(TEST_WIKI, {
      type: 'rollback-test',
      dir: 'older',
      limit: 10,
    });
    const attempt = services.store.transaction(async () => {
      await source.writeLog(actor, {
        type: 'rollback-test',
        action: 'written',
        target: { namespace: 2, title: 'Rollback_logger', id: 0 },
        comment: '',
        params: {},
        tags: ['pagetriage'],
        recentChange: true,
      });
      throw new Error('the caller fails after the log entry');
    });
    await expect(attempt).rejects.toThrow('the caller fails after the log entry');
    expect(before).toEqual([]);
    expect(
      await services.store.logs.list(TEST_WIKI, { type: 'rollback-test', dir: 'older', limit: 10 }),
    ).toEqual([]);
    const recent = await services.store.recentChanges.list(TEST_WIKI, {
      types: ['log'],
      dir: 'older',
      limit: 50,
    });
    expect(recent.filter((rc) => rc.logType === 'rollback-test')).toEqual([]);
  });
});
