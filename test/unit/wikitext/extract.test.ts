import { describe, expect, it } from 'vitest';
import { defaultNamespaces, NamespaceTable } from '../../../src/core/domain/namespaces.ts';
import { resolveContext } from '../../../src/wikitext/context.ts';
import {
  firstChars,
  firstSentences,
  textExtract,
  type ExtractOptions,
} from '../../../src/wikitext/extract.ts';

/** TextExtracts' extracts read from wikitext (src/wikitext/extract.ts). */
const ctx = resolveContext({ namespaces: new NamespaceTable(defaultNamespaces()) });
const plain: ExtractOptions = { intro: false, plainText: true, sectionFormat: 'wiki' };
const extract = (text: string, options: Partial<ExtractOptions> = {}) =>
  textExtract(text, ctx, { ...plain, ...options });

describe('text extracts', () => {
  it('keep running text: paragraphs and list items as lines, link labels, no markup', () => {
    const text =
      "'''Mills''' grind [[grain]] into [[Flour|flour]].\nThey use water.\n\n* Wind mills\n# Water mills";
    expect(extract(text)).toBe('Mills grind grain into flour.\nThey use water.\nWind mills\nWater mills');
  });

  it('leave out templates, tables, divs, images, categories, references and their lists', () => {
    const text = [
      '{{Infobox mill|name=Old Mill}}{{Short description|A mill}}',
      'The mill<ref name="a">Atlas.</ref> stands by the river.<ref name="a" />',
      '{| class="wikitable"\n| Hidden cell\n|}',
      '<div class="hatnote">Not this</div><div>nor <div>this</div></div>',
      '[[File:Mill.jpg|thumb|A caption]]',
      '<gallery>\nFile:A.jpg|One\n</gallery>',
      '[[Category:Mills]]',
      '<references />',
    ].join('\n');
    expect(extract(text)).toBe('The mill stands by the river.');
  });

  it('keep the text of nowiki and pre as written, and escape it in HTML', () => {
    expect(extract('Write <nowiki>[[not a link]]</nowiki> and <code>x</code>.')).toBe(
      'Write [[not a link]] and x.',
    );
    expect(extract('Text <nowiki><script>alert(1)</script></nowiki>.', { plainText: false })).toBe(
      '<p>Text &lt;script&gt;alert(1)&lt;/script&gt;.</p>',
    );
  });

  it('take the lead only with intro, and number headings by level in each section format', () => {
    const text = 'Lead.\n== History ==\nOld.\n=== Early ===\nOlder.\n==Empty==\n';
    expect(extract(text, { intro: true })).toBe('Lead.');
    expect(extract(text)).toBe('Lead.\n\n\n== History ==\nOld.\n\n\n=== Early ===\nOlder.\n\n\n== Empty ==');
    expect(extract(text, { sectionFormat: 'plain' })).toBe(
      'Lead.\n\n\nHistory\nOld.\n\n\nEarly\nOlder.\n\n\nEmpty',
    );
    expect(extract(text, { plainText: false })).toBe(
      '<p>Lead.</p>\n<h2>History</h2>\n<p>Old.</p>\n<h3>Early</h3>\n<p>Older.</p>\n<h2>Empty</h2>',
    );
    // A page that starts with a heading has an empty lead.
    expect(extract('== A ==\nText.', { intro: true })).toBe('');
  });

  it('give a redirect no extract, and page text no way to forge a heading marker', () => {
    expect(extract('#REDIRECT [[Mill]]\nText.')).toBe('');
    expect(extract('A \u0001\u00022\u0002\u0001Forged line.', { sectionFormat: 'plain' })).toBe(
      'A 2Forged line.',
    );
  });
});

describe('exchars and exsentences', () => {
  it('cut after the characters asked for, completing the word, with an ellipsis', () => {
    expect(firstChars('The river flows north.', 7)).toBe('The river…');
    expect(firstChars('The river flows north.', 3)).toBe('The…');
    // The cut after a space completes the next word, as TextExtracts' pattern reads on from it.
    expect(firstChars('The river flows north.', 4)).toBe('The river…');
    expect(firstChars('Short.', 10)).toBe('Short.');
    // Completing the word reaches the end: the whole text, not a longer one with an ellipsis.
    expect(firstChars('Riverbank', 3)).toBe('Riverbank');
    // Characters, not UTF-16 units: Arabic and astral letters count once.
    expect(firstChars('نهر بلكه طويل', 3)).toBe('نهر…');
  });

  it('count sentences at full stops not after a capital, at ! and ?, and at ideographic stops', () => {
    const text = 'Written by J. Smith in 1374. Was it? Yes! Then more.';
    expect(firstSentences(text, 1)).toBe('Written by J. Smith in 1374.');
    expect(firstSentences(text, 3)).toBe('Written by J. Smith in 1374. Was it? Yes!');
    expect(firstSentences(text, 10)).toBe(text);
    expect(firstSentences('川が流れる。町がある。', 1)).toBe('川が流れる。');
    expect(firstSentences('No stop here\nsecond line', 2)).toBe('No stop here');
  });
});
