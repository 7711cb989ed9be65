import { describe, expect, it } from 'vitest';
import { analyzeWikitext } from '../../../src/wikitext/analyze.ts';
import { dewiki, enwiki } from './wikis.ts';

const redirect = (text: string, ctx = enwiki()) => analyzeWikitext(text, ctx).redirectTarget;

describe('redirectTarget', () => {
  it('reads #REDIRECT [[Target]] in any case, after leading whitespace', () => {
    expect(redirect('\n  #redirect [[toronto]]')).toEqual({ namespace: 0, title: 'Toronto' });
  });

  it('keeps the namespace and fragment of the target', () => {
    expect(redirect('#REDIRECT [[Wikipedia:Village pump#Technical]]')).toEqual({
      namespace: 4,
      title: 'Village pump',
      fragment: 'Technical',
    });
  });

  it('accepts a colon after the magic word and a label in the link', () => {
    expect(redirect('#REDIRECT: [[Target|label]]')).toEqual({ namespace: 0, title: 'Target' });
  });

  it('accepts localized redirect words', () => {
    expect(redirect('#WEITERLEITUNG [[Ziel]]', dewiki())).toEqual({ namespace: 0, title: 'Ziel' });
    expect(redirect('#PŘESMĚRUJ [[Cíl]]')).toEqual({ namespace: 0, title: 'Cíl' });
    expect(redirect('#перенаправление [[Цель]]')).toEqual({ namespace: 0, title: 'Цель' });
  });

  it('accepts redirect words from the context', () => {
    expect(redirect('#ULOŽ [[Target]]', enwiki({ redirectWords: ['#ULOŽ'] }))).toEqual({
      namespace: 0,
      title: 'Target',
    });
  });

  it('URL-decodes an escaped target', () => {
    expect(redirect('#REDIRECT [[Caf%C3%A9]]')).toEqual({ namespace: 0, title: 'Café' });
  });

  it('reports an interwiki target', () => {
    expect(redirect('#REDIRECT [[wikt:cat]]')).toEqual({ namespace: 0, title: 'cat', interwiki: 'wikt' });
  });

  it('is null without the magic word at the very start', () => {
    expect(redirect('See #REDIRECT [[X]]')).toBeNull();
    expect(redirect('<!-- c -->#REDIRECT [[X]]')).toBeNull();
  });

  it('allows whitespace and newlines before the link but not inside it', () => {
    expect(redirect('#REDIRECT\n[[X]]')).toEqual({ namespace: 0, title: 'X' });
    expect(redirect('#REDIRECT [[X\nY]]')).toBeNull();
  });

  it('is null for an invalid or special target', () => {
    expect(redirect('#REDIRECT [[A<b]]')).toBeNull();
    expect(redirect('#REDIRECT [[Special:Random]]')).toBeNull();
  });

  it('still lists the target as a link, as MediaWiki records it', () => {
    expect(analyzeWikitext('#REDIRECT [[Toronto]]', enwiki()).links).toEqual([
      { namespace: 0, title: 'Toronto' },
    ]);
  });

  it('links a redirect to a category or file page instead of categorizing or using it', () => {
    const a = analyzeWikitext('#REDIRECT [[Category:Birds]]\n[[Category:Redirects]]', enwiki());
    expect(a.links).toEqual([{ namespace: 14, title: 'Birds' }]);
    expect(a.categories).toEqual([{ title: 'Redirects', sortKey: '' }]);
    expect(analyzeWikitext('#REDIRECT [[File:X.jpg]]', enwiki()).files).toEqual([]);
  });

  it('does not read an interwiki redirect target as a language link', () => {
    const a = analyzeWikitext('#REDIRECT [[de:Ziel]]', enwiki());
    expect(a.redirectTarget).toEqual({ namespace: 0, title: 'Ziel', interwiki: 'de' });
    expect(a.langlinks).toEqual([]);
    expect(a.links).toEqual([]);
  });

  it('keeps headings after the redirect line at their offsets', () => {
    expect(analyzeWikitext('#REDIRECT [[A]]\n== H ==', enwiki()).sections).toEqual([
      { index: 1, title: 'H', level: 2, offset: 16 },
    ]);
  });
});
