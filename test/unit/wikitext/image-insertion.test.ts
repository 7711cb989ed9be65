import { describe, expect, it } from 'vitest';
import { imageLink, insertImage, leadInsertionPoint } from '../../../src/wikitext/image-insertion.ts';
import { enwiki } from './wikis.ts';

/** Where an accepted image goes (suggested-edits-reference.md §5.4) and how it is written. */
const ctx = enwiki();

describe('the image link', () => {
  it("is written in the wiki's words: the seed's Czech example", () => {
    expect(imageLink('Soubor', 'Yellow_cab.JPG', 'cs', 'Osoba je chleba')).toBe(
      '[[Soubor:Yellow cab.JPG|náhled|Osoba je chleba]]',
    );
    expect(imageLink('Datei', 'A.jpg', 'de', ' Ein Bild ')).toBe('[[Datei:A.jpg|mini|Ein Bild]]');
    expect(imageLink('File', 'A.jpg', 'xx', 'Caption')).toBe('[[File:A.jpg|thumb|Caption]]');
    expect(imageLink('File', 'A.jpg', 'en', '  ')).toBe('[[File:A.jpg|thumb]]');
    expect(imageLink('File', 'A.jpg', 'en', 'Two\nlines | and ]] more')).toBe(
      '[[File:A.jpg|thumb|Two lines &#124; and &#93;&#93; more]]',
    );
  });

  it('cannot be ended early by the caption', () => {
    expect(imageLink('File', 'A.jpg', 'en', 'a | b ]] c')).toBe(
      '[[File:A.jpg|thumb|a &#124; b &#93;&#93; c]]',
    );
  });
});

describe('article-level placement', () => {
  it('goes after leading templates, comments and behaviour switches, before the prose', () => {
    const text = '{{Hatnote|x {{nested}}}}\n<!-- note -->\n__NOTOC__\n\nThe town.';
    expect(text.slice(leadInsertionPoint(text))).toBe('The town.');
    expect(insertImage(text, '[[File:A.jpg]]', { section: null }, ctx)).toBe(
      '{{Hatnote|x {{nested}}}}\n<!-- note -->\n__NOTOC__\n\n[[File:A.jpg]]\nThe town.',
    );
  });

  it('goes first in a page that starts with prose', () => {
    expect(insertImage('The town.', '[[File:A.jpg]]', { section: null }, ctx)).toBe(
      '[[File:A.jpg]]\nThe town.',
    );
  });
});

describe('section-level placement', () => {
  const text = 'Lead.\n== History ==\nOld.\n=== Early ===\nEarlier.\n== Geography ==\nHills.';
  it('goes right under the heading of the level-2 section with that number and heading', () => {
    expect(insertImage(text, '[[File:A.jpg]]', { section: { number: 2, title: 'Geography' } }, ctx)).toBe(
      'Lead.\n== History ==\nOld.\n=== Early ===\nEarlier.\n== Geography ==\n[[File:A.jpg]]\nHills.',
    );
  });

  it('has no place when the number and the heading do not match', () => {
    expect(
      insertImage(text, '[[File:A.jpg]]', { section: { number: 1, title: 'Geography' } }, ctx),
    ).toBeNull();
    expect(insertImage(text, '[[File:A.jpg]]', { section: { number: 3, title: 'Economy' } }, ctx)).toBeNull();
  });
});
