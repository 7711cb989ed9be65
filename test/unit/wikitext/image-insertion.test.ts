import { describe, expect, it } from 'vitest';
import {
  captionText,
  imageLink,
  insertImage,
  leadInsertionPoint,
} from '../../../src/wikitext/image-insertion.ts';
import { enwiki } from './wikis.ts';

/** Where an accepted image goes (suggested-edits-reference.md §5.4) and how it is written. */
const ctx = enwiki();

describe('a caption', () => {
  it('stays text: no link, template, tag, comment or signature gets through', () => {
    for (const [caption, shown] of [
      ['A view of [[Prague]]', 'A view of &#91;&#91;Prague&#93;&#93;'],
      ['{{delete}} me', '&#123;&#123;delete&#125;&#125; me'],
      ['hidden <!-- rest', 'hidden &#60;!-- rest'],
      ['signed ~~~~', 'signed &#126;&#126;&#126;&#126;'],
      ['<ref>x</ref> text', '&#60;ref&#62;x&#60;/ref&#62; text'],
      ['Tom &amp; Jerry', 'Tom &#38;amp; Jerry'],
    ] as const)
      expect(captionText(caption), caption).toBe(shown);
  });

  it('is never read as an image option: its first letter is a character reference then', () => {
    expect(captionText('link=https://evil.example/')).toBe('&#108;ink=https://evil.example/');
    expect(captionText('left')).toBe('&#108;eft');
    expect(captionText('200px')).toBe('&#50;00px');
    expect(captionText('Čelákovice')).toBe('&#268;elákovice');
    // Two words are a caption: no option has a space.
    expect(captionText('The old town')).toBe('The old town');
  });
});

describe('the image link', () => {
  it("is written in the wiki's words: the seed's Czech example", () => {
    expect(imageLink('Soubor', 'Yellow_cab.JPG', 'cs', 'Osoba je chleba')).toBe(
      '[[Soubor:Yellow cab.JPG|náhled|Osoba je chleba]]',
    );
    expect(imageLink('Datei', 'A.jpg', 'de', ' Ein Bild ')).toBe('[[Datei:A.jpg|mini|Ein Bild]]');
    expect(imageLink('File', 'A.jpg', 'xx', 'A caption')).toBe('[[File:A.jpg|thumb|A caption]]');
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
