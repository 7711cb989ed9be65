import { describe, expect, it } from 'vitest';
import { NamespaceTable, defaultNamespaces } from '../../src/core/domain/namespaces.ts';
import { revisionSha1 } from '../../src/core/imports/content.ts';
import { preSaveTransform } from '../../src/wiki-source/local/pre-save-transform.ts';
import {
  appendNewSection,
  headingsOf,
  replaceSection,
  sectionText,
} from '../../src/wiki-source/local/sections.ts';
import { mergeThreeWay } from '../../src/core/domain/three-way-merge.ts';
const START = 1_700_000_000;

const en = new NamespaceTable(defaultNamespaces());
const lines = (...l: string[]) => l.join('\n');

describe('mergeThreeWay', () => {
  const base = lines('one', 'two', 'three', 'four', 'five', 'six');

  it('combines changes to separate lines', () => {
    const ours = lines('ONE', 'two', 'three', 'four', 'five', 'six');
    const theirs = lines('one', 'two', 'three', 'four', 'five', 'SIX');
    expect(mergeThreeWay(base, ours, theirs)).toBe(lines('ONE', 'two', 'three', 'four', 'five', 'SIX'));
  });

  it('conflicts when both sides change the same line differently', () => {
    expect(mergeThreeWay(base, base.replace('three', 'THREE'), base.replace('three', 'drei'))).toBeNull();
  });

  it('conflicts on adjacent changes, as diff3 does', () => {
    expect(mergeThreeWay(base, base.replace('three', 'THREE'), base.replace('four', 'FOUR'))).toBeNull();
  });

  it('accepts the same change made on both sides', () => {
    const both = base.replace('three', 'THREE');
    expect(mergeThreeWay(base, both, both)).toBe(both);
  });

  it('keeps insertions and deletions from both sides', () => {
    const ours = lines('zero', 'one', 'two', 'three', 'four', 'five', 'six');
    const theirs = lines('one', 'two', 'three', 'four', 'six');
    expect(mergeThreeWay(base, ours, theirs)).toBe(lines('zero', 'one', 'two', 'three', 'four', 'six'));
  });
});

describe('sections', () => {
  const page = lines('Intro', '== A ==', 'a text', '=== A1 ===', 'a1 text', '== B ==', 'b text');

  it('numbers headings in order and ignores those in comments and nowiki', () => {
    const text = lines(
      'x',
      '<!--',
      '== Hidden ==',
      '-->',
      '<nowiki>',
      '== Nope ==',
      '</nowiki>',
      '== Real ==',
    );
    expect(headingsOf(text).map((h) => [h.index, h.title])).toEqual([[1, 'Real']]);
  });

  it('lets a section run to the next heading of the same or a higher level', () => {
    expect(sectionText(page, 1)).toBe(lines('== A ==', 'a text', '=== A1 ===', 'a1 text'));
    expect(sectionText(page, 2)).toBe(lines('=== A1 ===', 'a1 text'));
    expect(sectionText(page, 0)).toBe('Intro');
    expect(sectionText(page, 4)).toBeNull();
  });

  it('replaces one section and keeps a blank line before the next', () => {
    expect(replaceSection(page, 2, '=== A1 ===\nnew')).toBe(
      lines('Intro', '== A ==', 'a text', '=== A1 ===', 'new', '', '== B ==', 'b text'),
    );
  });

  it('appends a titled section after a blank line', () => {
    expect(appendNewSection('Text\n', 'Question', 'Hello')).toBe('Text\n\n== Question ==\n\nHello');
    expect(appendNewSection('', 'Question', 'Hello')).toBe('== Question ==\n\nHello');
  });
});

describe('preSaveTransform', () => {
  it('normalizes line endings and strips trailing whitespace', () => {
    expect(preSaveTransform('a\r\nb  \n\n', null, en, START)).toBe('a\nb');
  });

  it('expands signatures outside nowiki', () => {
    const out = preSaveTransform(
      'Hi ~~~~ <nowiki>~~~~</nowiki>',
      { name: 'Jane Doe', isAnonymous: false },
      en,
      START,
    );
    expect(out).toBe(
      'Hi [[User:Jane Doe|Jane Doe]] ([[User talk:Jane Doe|talk]]) 22:13, 14 November 2023 (UTC) <nowiki>~~~~</nowiki>',
    );
  });
});

describe('revisionSha1', () => {
  it('is the base-36 SHA-1 padded to 31 digits, as MediaWiki stores rev_sha1', () => {
    // sha1('') = da39a3ee5e6b4b0d3255bfef95601890afd80709; MediaWiki's rev_sha1 for empty text.
    expect(revisionSha1('')).toBe('phoiac9h4m842xq45sp7s6u21eteeq1');
  });
});
