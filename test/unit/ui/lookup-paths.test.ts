import { describe, expect, it } from 'vitest';
import {
  isLinkedProblem,
  linksHerePath,
  logPath,
  problemPath,
} from '../../../ui/src/lookups/lookup-paths.ts';

/** The interface's log and links-here paths, and where the review queue's problem chips lead. */
const query = (path: string) => Object.fromEntries(new URL(path, 'http://ui.test').searchParams);

describe('logPath', () => {
  it('puts the type, page and user given in the query, and nothing else', () => {
    expect(logPath('enwiki', {})).toBe('/enwiki/log');
    expect(query(logPath('enwiki', { type: 'delete', page: 'AC/DC & co?' }))).toEqual({
      type: 'delete',
      page: 'AC/DC & co?',
    });
    expect(query(logPath('arwiki', { user: 'مستخدم مثال', page: '' }))).toEqual({ user: 'مستخدم مثال' });
  });
});

describe('linksHerePath', () => {
  it('names the page as the article view does, optionally articles without redirects only', () => {
    expect(linksHerePath('enwiki', 'AC/DC live')).toBe('/enwiki/links-here/AC/DC_live');
    expect(linksHerePath('dewiki', 'Straße?', true)).toBe(
      '/dewiki/links-here/Stra%C3%9Fe%3F?namespace=0&hideredirs=1',
    );
  });
});

describe('problemPath', () => {
  const page = { title: 'Gone again', creator: 'Some One' };

  it('leads "previously deleted" to the deletion log of the page', () => {
    expect(problemPath('recreated', 'enwiki', page)).toBe('/enwiki/log?type=delete&page=Gone+again');
  });

  it("leads a blocked author to the block log of the creator's user page, nowhere when the creator is unknown", () => {
    expect(query(problemPath('author-blocked', 'enwiki', page)!)).toEqual({
      type: 'block',
      page: 'User:Some One',
    });
    expect(problemPath('author-blocked', 'enwiki', { title: 'X', creator: null })).toBeNull();
  });

  it('leads an orphan to the articles linking to it', () => {
    expect(problemPath('orphan', 'enwiki', page)).toBe(
      '/enwiki/links-here/Gone_again?namespace=0&hideredirs=1',
    );
  });

  it('knows which chips lead somewhere', () => {
    expect(
      ['recreated', 'author-blocked', 'orphan', 'unreferenced', 'no-categories'].filter(isLinkedProblem),
    ).toEqual(['recreated', 'author-blocked', 'orphan']);
  });
});
