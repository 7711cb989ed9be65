import { describe, expect, it } from 'vitest';
import { articlePath, internalLink, reviewPath } from '../../../ui/src/article/article-links.ts';

/** Internal links of rendered pages and the article route they lead to. */
const origin = 'http://wiki.test';
const wikis = new Set(['enwiki', 'dewiki']);
const link = (href: string) => internalLink(href, origin, 'enwiki', wikis);

describe('internalLink', () => {
  it('reads /wiki/T on the default wiki and /{wiki}/wiki/T on the others', () => {
    expect(link('/wiki/Main_Page')).toEqual({ wiki: 'enwiki', title: 'Main_Page', fragment: '' });
    expect(link('/dewiki/wiki/Stra%C3%9Fe#Geschichte')).toEqual({
      wiki: 'dewiki',
      title: 'Straße',
      fragment: 'Geschichte',
    });
    expect(link('/wiki/AC/DC')).toEqual({ wiki: 'enwiki', title: 'AC/DC', fragment: '' });
    expect(link('http://wiki.test/wiki/A%3FB')).toMatchObject({ title: 'A?B' });
  });

  it('takes red links, and leaves other actions, other sites and other paths alone', () => {
    expect(link('/w/index.php?title=No_such&action=edit&redlink=1')).toMatchObject({ title: 'No_such' });
    expect(link('/w/index.php?title=X&action=history')).toBeNull();
    expect(link('/wiki/X?action=raw')).toBeNull();
    expect(link('https://example.org/wiki/X')).toBeNull();
    expect(link('javascript:alert(1)')).toBeNull();
    expect(link('/ui/enwiki/feed')).toBeNull();
  });
});

describe('articlePath', () => {
  it('keeps slashes and colons, underscores spaces, escapes the rest', () => {
    expect(articlePath('enwiki', 'Talk:AC/DC live')).toBe('/enwiki/page/Talk:AC/DC_live');
    expect(articlePath('dewiki', 'A?B#C')).toBe('/dewiki/page/A%3FB%23C');
  });
});

describe('reviewPath', () => {
  it('opens an article as itself and a redirect without following it', () => {
    expect(reviewPath('enwiki', 'AC/DC live', false)).toBe('/enwiki/page/AC/DC_live');
    expect(reviewPath('enwiki', 'Typo: x', true)).toBe('/enwiki/page/Typo:_x?redirect=no');
  });
});
