import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/domain/actor.ts';
import type { PageRedirect } from '../../src/core/domain/wiki.ts';
import type { EditSaved } from '../../src/wiki-source/wiki-source.ts';
import { createLocalWikiFixture, type LocalWikiFixture } from '../factories/local-wiki.ts';

/**
 * The `redirect` table (MediaWiki's) follows every write of the embedded wiki: the rows are read
 * back from the store and compared with the target written in the page text.
 */
let f: LocalWikiFixture;
let alice: Actor;
let admin: Actor;

beforeEach(async () => {
  f = await createLocalWikiFixture();
  alice = await f.user('Alice');
  admin = await f.user('Admin', { groups: ['sysop'] });
});
afterEach(async () => f.close());

async function save(title: string, text: string): Promise<number> {
  return ((await f.localWiki.edit(alice, { title, text })) as EditSaved).pageid;
}

async function storedTarget(pageId: number): Promise<PageRedirect | undefined> {
  return (await f.store.redirects.getMany(f.wiki, [pageId])).get(pageId);
}

async function pageIdOf(namespace: number, dbKey: string): Promise<number> {
  const page = await f.store.pages.getByTitle(f.wiki, namespace, dbKey);
  if (!page) throw new Error(`no page ${namespace}:${dbKey}`);
  return page.id;
}

const to = (namespace: number, title: string, fragment = '', interwiki = ''): PageRedirect => ({
  namespace,
  title,
  fragment,
  interwiki,
});

describe('redirect table on save', () => {
  it('stores the target of a new redirect as namespace, DB key and fragment', async () => {
    const id = await save('Short name', '#REDIRECT [[Help:Long name here#Usage]]');
    expect(await storedTarget(id)).toEqual(to(12, 'Long_name_here', 'Usage'));
  });

  it('replaces the target when the redirect is edited to point elsewhere', async () => {
    const id = await save('Moving pointer', '#REDIRECT [[First target]]');
    await save('Moving pointer', '#REDIRECT [[Second target]]');
    expect(await storedTarget(id)).toEqual(to(0, 'Second_target'));
  });

  it('removes the row when the redirect becomes an article, and adds it back when it turns again', async () => {
    const id = await save('Flip', '#REDIRECT [[Somewhere]]');
    await save('Flip', 'Now an article of its own.');
    expect(await storedTarget(id)).toBeUndefined();
    await save('Flip', '#REDIRECT [[Elsewhere]]');
    expect(await storedTarget(id)).toEqual(to(0, 'Elsewhere'));
  });

  it('stores no row for an article', async () => {
    const id = await save('Plain article', 'Text with a [[Link]].');
    expect(await storedTarget(id)).toBeUndefined();
  });

  it('reads localized redirect words and keeps an interwiki prefix', async () => {
    const local = await save('Umleitung', '#WEITERLEITUNG [[Ziel]]');
    const interwiki = await save('Word', '#REDIRECT [[wikt:word]]');
    expect(await storedTarget(local)).toEqual(to(0, 'Ziel'));
    expect((await storedTarget(interwiki))?.interwiki).toBe('wikt');
  });
});

describe('redirect table on move, delete and undelete', () => {
  it('the redirect a move leaves behind points at the new title; the moved redirect keeps its row', async () => {
    const article = await save('Old article', 'Article text.');
    const pointer = await save('Old pointer', '#REDIRECT [[Old article]]');
    await f.localWiki.move(admin, { from: 'Old article', to: 'New article', reason: 'rename' });
    await f.localWiki.move(admin, { from: 'Old pointer', to: 'New pointer', reason: 'rename' });
    expect(await storedTarget(article)).toBeUndefined();
    expect(await storedTarget(await pageIdOf(0, 'Old_article'))).toEqual(to(0, 'New_article'));
    expect(await storedTarget(pointer)).toEqual(to(0, 'Old_article'));
    expect(await storedTarget(await pageIdOf(0, 'Old_pointer'))).toEqual(to(0, 'New_pointer'));
  });

  it('moving back over the redirect left behind deletes that redirect and its row', async () => {
    await save('There and back', 'Article text.');
    await f.localWiki.move(admin, { from: 'There and back', to: 'Away', reason: 'rename' });
    const leftBehind = await pageIdOf(0, 'There_and_back');
    expect(await storedTarget(leftBehind)).toEqual(to(0, 'Away'));
    await f.localWiki.move(admin, { from: 'Away', to: 'There and back', reason: 'back' });
    expect(await storedTarget(leftBehind)).toBeUndefined();
    expect(await storedTarget(await pageIdOf(0, 'Away'))).toEqual(to(0, 'There_and_back'));
  });

  it('deleting a redirect removes its row; undeleting stores it again', async () => {
    const id = await save('Doomed redirect', '#REDIRECT [[Target page#Part]]');
    await f.localWiki.delete(admin, { title: 'Doomed redirect', reason: 'test' });
    expect(await storedTarget(id)).toBeUndefined();
    await f.localWiki.undelete(admin, { title: 'Doomed redirect', reason: 'test' });
    const restored = await pageIdOf(0, 'Doomed_redirect');
    expect(await storedTarget(restored)).toEqual(to(0, 'Target_page', 'Part'));
  });
});
