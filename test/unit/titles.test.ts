import { describe, expect, it } from 'vitest';
import { normalizeTitleText, parseTitleParts as parseTitle } from '../../src/core/domain/titles.ts';
import { dewiki, enwiki } from './wikitext/wikis.ts';

const en = enwiki().namespaces;
const de = dewiki().namespaces;

describe('normalizeTitleText', () => {
  it('turns underscores and runs of spaces into single spaces and trims', () => {
    expect(normalizeTitleText('  Foo__bar   baz_ ')).toBe('Foo bar baz');
  });

  it('decodes HTML entities, including a no-break space that then folds into a space', () => {
    expect(normalizeTitleText('Tom&amp;Jerry&nbsp;Show')).toBe('Tom&Jerry Show');
  });

  it('drops left-to-right and right-to-left marks', () => {
    expect(normalizeTitleText('Kyiv\u200E')).toBe('Kyiv');
  });

  it('leaves case and percent escapes alone', () => {
    expect(normalizeTitleText('foo%20bar')).toBe('foo%20bar');
  });
});

describe('parseTitle', () => {
  it('uppercases the first letter in a first-letter namespace', () => {
    expect(parseTitle('foo bar', en)).toEqual({ namespace: 0, title: 'Foo bar' });
  });

  it('recognizes a namespace by canonical name, alias or localized name, in any case', () => {
    expect(parseTitle('image:x.jpg', en)).toEqual({ namespace: 6, title: 'X.jpg' });
    expect(parseTitle('kategorie:Werbeagentur', de)).toEqual({ namespace: 14, title: 'Werbeagentur' });
    expect(parseTitle('Bild:X.jpg', de)).toEqual({ namespace: 6, title: 'X.jpg' });
  });

  it('keeps a prefix that is not a namespace as part of a main-namespace title', () => {
    expect(parseTitle('Star Wars: Episode I', en)).toEqual({ namespace: 0, title: 'Star Wars: Episode I' });
  });

  it('applies the default namespace only to unprefixed titles', () => {
    expect(parseTitle('Infobox person', en, { defaultNamespace: 10 })).toEqual({
      namespace: 10,
      title: 'Infobox person',
    });
    expect(parseTitle('Wikipedia:About', en, { defaultNamespace: 10 })).toEqual({
      namespace: 4,
      title: 'About',
    });
  });

  it('forces the main namespace with a leading colon', () => {
    expect(parseTitle(':Main Page', en, { defaultNamespace: 10 })).toEqual({
      namespace: 0,
      title: 'Main Page',
    });
  });

  it('splits off the fragment', () => {
    expect(parseTitle('History of Rome#Early_period', en)).toEqual({
      namespace: 0,
      title: 'History of Rome',
      fragment: 'Early period',
    });
  });

  it('returns an interwiki prefix only when the predicate knows it', () => {
    const isInterwiki = (p: string) => p === 'wikt';
    expect(parseTitle('wikt:cat', en, { isInterwiki })).toEqual({
      namespace: 0,
      title: 'cat',
      interwiki: 'wikt',
    });
    expect(parseTitle('wikt:cat', en)).toEqual({ namespace: 0, title: 'Wikt:cat' });
  });

  it('rejects illegal characters, escapes, relative paths and bare namespaces', () => {
    for (const bad of [
      'A<b',
      'A{b}',
      'A%41',
      '../up',
      'a/./b',
      'Sig ~~~',
      'Category:',
      '#only-fragment',
      '',
      'A&bogus;',
    ])
      expect(parseTitle(bad, en), bad).toBeNull();
  });

  it('rejects titles longer than 255 bytes of UTF-8', () => {
    expect(parseTitle('é'.repeat(127), en)).not.toBeNull();
    expect(parseTitle('é'.repeat(128), en)).toBeNull();
  });

  it('does not uppercase ß, whose uppercase form is two letters', () => {
    expect(parseTitle('ß', en)).toEqual({ namespace: 0, title: 'ß' });
  });

  it('uppercases non-Latin first letters', () => {
    expect(parseTitle('ελλάδα', en)).toEqual({ namespace: 0, title: 'Ελλάδα' });
  });
});
