import { describe, expect, it } from 'vitest';
import { NamespaceTable, defaultNamespaces } from '../../src/core/domain/namespaces.ts';
import {
  formatTitle,
  parseTitle,
  subjectPageOf,
  talkPageOf,
  tryParseTitle,
} from '../../src/core/domain/titles.ts';
import { germanNamespaces } from '../factories/local-wiki.ts';

const en = new NamespaceTable(defaultNamespaces());
const de = new NamespaceTable(germanNamespaces());
const wiktionary = new NamespaceTable(
  defaultNamespaces().map((n) => ({ ...n, case: 'case-sensitive' as const })),
);

function reason(input: string, ns = en): string {
  const r = parseTitle(input, ns);
  return r.ok ? 'valid' : r.reason;
}

describe('parseTitle', () => {
  it('unifies spaces and underscores, collapses runs and trims', () => {
    const t = tryParseTitle('  foo__bar \u00A0 baz_ ', en);
    expect(t).toMatchObject({
      namespace: 0,
      dbKey: 'Foo_bar_baz',
      text: 'Foo bar baz',
      prefixedText: 'Foo bar baz',
    });
  });

  it('upper-cases the first letter in first-letter namespaces only', () => {
    expect(tryParseTitle('user:example', en)?.prefixedText).toBe('User:Example');
    expect(tryParseTitle('word', wiktionary)?.dbKey).toBe('word');
  });

  it('leaves letters whose upper case is longer alone', () => {
    expect(tryParseTitle('ßtraße', en)?.dbKey).toBe('ßtraße');
  });

  it('recognises localized, canonical and alias namespace names case-insensitively', () => {
    expect(tryParseTitle('kategorie:Bäume', de)).toMatchObject({
      namespace: 14,
      prefixedText: 'Kategorie:Bäume',
    });
    expect(tryParseTitle('Category:Bäume', de)).toMatchObject({
      namespace: 14,
      prefixedText: 'Kategorie:Bäume',
    });
    expect(tryParseTitle('image:Foo.jpg', en)).toMatchObject({ namespace: 6, prefixedText: 'File:Foo.jpg' });
    expect(tryParseTitle('User_talk : Foo', en)).toMatchObject({ namespace: 3, dbKey: 'Foo' });
  });

  it('keeps an unknown prefix as part of the main-namespace title', () => {
    expect(tryParseTitle('Star Wars: Episode IV', en)).toMatchObject({
      namespace: 0,
      dbKey: 'Star_Wars:_Episode_IV',
    });
  });

  it('forces the main namespace with a leading colon', () => {
    expect(tryParseTitle(':Category:Foo', en)).toMatchObject({ namespace: 14, dbKey: 'Foo' });
    expect(tryParseTitle(':Foo', en, 10)).toMatchObject({ namespace: 0, dbKey: 'Foo' });
    expect(tryParseTitle('Foo', en, 10)).toMatchObject({ namespace: 10, prefixedText: 'Template:Foo' });
  });

  it('splits off the fragment', () => {
    expect(tryParseTitle('Foo_bar#Some_section', en)).toMatchObject({
      dbKey: 'Foo_bar',
      fragment: 'Some section',
    });
  });

  it('rejects illegal characters, percent escapes and unknown entities', () => {
    for (const bad of ['A<b', 'A>b', 'A[b', 'A]b', 'A|b', 'A{b', 'A}b', 'A\tb', 'A%20b', 'A&bogus;b']) {
      expect(reason(bad), bad).toBe('illegal-characters');
    }
  });

  it('decodes numeric and named character references (Sanitizer::decodeCharReferences)', () => {
    expect(tryParseTitle('A&amp;B', en)?.dbKey).toBe('A&B');
    expect(tryParseTitle('&#x61;bc', en)?.dbKey).toBe('Abc');
    expect(tryParseTitle('Caf&eacute;', en)?.dbKey).toBe('Café');
  });

  it('rejects empty titles, bare namespaces and fragment-only input', () => {
    expect(reason('')).toBe('empty');
    expect(reason(' _ ')).toBe('empty');
    expect(reason('Talk:')).toBe('empty');
    expect(reason('#only')).toBe('empty');
  });

  it('rejects relative paths and signatures', () => {
    for (const bad of ['.', '..', './a', '../a', 'a/./b', 'a/../b', 'a/.', 'a/..']) {
      expect(reason(bad), bad).toBe('relative-path');
    }
    expect(reason('Foo~~~')).toBe('magic-tilde');
  });

  it('limits titles to 255 bytes, counted in UTF-8', () => {
    expect(reason('a'.repeat(255))).toBe('valid');
    expect(reason('a'.repeat(256))).toBe('too-long');
    expect(reason('ä'.repeat(128))).toBe('too-long');
  });

  it('rejects a second colon after a namespace prefix', () => {
    expect(reason('Talk::Foo')).toBe('leading-colon');
  });
});

describe('talk pages and formatting', () => {
  it('pairs subject and talk namespaces', () => {
    const article = tryParseTitle('Foo', de)!;
    const talk = talkPageOf(article, de)!;
    expect(talk.prefixedText).toBe('Diskussion:Foo');
    expect(talkPageOf(talk, de)?.prefixedText).toBe('Diskussion:Foo');
    expect(subjectPageOf(talk, de).prefixedText).toBe('Foo');
    expect(talkPageOf(tryParseTitle('Special:Log', en)!, en)).toBeNull();
  });

  it('formats stored titles with the localized namespace name', () => {
    expect(formatTitle(15, 'Bäume_und_Sträucher', de)).toBe('Kategorie Diskussion:Bäume und Sträucher');
    expect(tryParseTitle('Benutzer Diskussion:Foo bar', de)?.prefixedDbKey).toBe(
      'Benutzer_Diskussion:Foo_bar',
    );
  });
});
