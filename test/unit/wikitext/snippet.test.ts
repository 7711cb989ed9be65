import { describe, expect, it } from 'vitest';
import { analyzeWikitext } from '../../../src/wikitext/analyze.ts';
import { makeSnippet, removeInnermostTemplates, stripTags } from '../../../src/wikitext/snippet.ts';
import { dewiki, enwiki } from './wikis.ts';

const snippet = (text: string, ctx = enwiki()) => makeSnippet(text, ctx);
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('stripTags (PHP strip_tags)', () => {
  it('removes tags and comments but keeps the text between tags', () => {
    expect(stripTags('a<ref name="x">Source</ref>b<!-- note --><br/>c')).toBe('aSourcebc');
  });

  it('keeps a < followed by whitespace', () => {
    expect(stripTags('x < 5 and y <b>bold</b>')).toBe('x < 5 and y bold');
  });

  it('hides > inside quoted attribute values', () => {
    expect(stripTags('<span title="a>b">text</span>')).toBe('text');
  });

  it('swallows the rest of the text after an unterminated tag', () => {
    expect(stripTags('before <unterminated after')).toBe('before ');
  });
});

describe('removeInnermostTemplates', () => {
  it('removes the innermost template that closes first, up to the given number of times', () => {
    expect(removeInnermostTemplates('{{a|{{b}}}}x{{c}}', 10)).toBe('x');
    expect(removeInnermostTemplates('{{a|{{b}}}}x{{c}}', 1)).toBe('{{a|}}x{{c}}');
  });

  it('removes a lone }} when no {{ precedes it', () => {
    expect(removeInnermostTemplates('a}}b{{c}}', 1)).toBe('ab{{c}}');
  });
});

describe('makeSnippet', () => {
  it('keeps reference text inline, as strip_tags runs first', () => {
    expect(snippet("'''Bodmin''' is a town.<ref>Survey {{cite web|x}}</ref> It is old.")).toBe(
      'Bodmin is a town.Survey It is old.',
    );
  });

  it('drops templates, tables, categories, files and interlanguage links', () => {
    const text =
      '{{Infobox|a={{b}}}}\n{| class="wikitable"\n| cell\n|}\n[[File:X.jpg|thumb|Caption]]Text.[[Category:C]][[de:D]]';
    expect(snippet(text)).toBe('Text.');
  });

  it('drops localized file and category links', () => {
    expect(snippet('[[Datei:X.jpg|mini|Bild]]Der Text.[[Kategorie:K]]', dewiki())).toBe('Der Text.');
  });

  it('renders wikilinks as their label, with link trails', () => {
    expect(snippet('[[Dog|Dogs]] and [[cat]]s and [[:Category:Pets]]')).toBe(
      'Dogs and cats and Category:Pets',
    );
  });

  it('renders external links as their label, or a number when they have none', () => {
    expect(snippet('See [https://example.org the site] and [https://example.org/x].')).toBe(
      'See the site and [1].',
    );
  });

  it('removes quotes, heading signs, list markers, rules and behaviour switches', () => {
    expect(snippet("__NOTOC__''Italic'' and '''bold'''\n== Head ==\n* item\n# step\n----\n: indented")).toBe(
      'Italic and bold Head item step indented',
    );
  });

  it('decodes entities and collapses whitespace', () => {
    expect(snippet('A&amp;B   &lt;tag&gt;\n\n\tend')).toBe('A&B <tag> end');
  });

  it('deletes leftover braces and literal [edit]', () => {
    expect(snippet('Open {{ brace and [edit] here }')).toBe('Open  brace and  here ');
  });

  it('puts a no-break space before French-style punctuation, as the parser does', () => {
    expect(snippet('Vraiment ?')).toBe('Vraiment\u00A0?');
  });

  it('leaves text of 255 bytes or less untouched', () => {
    const text = 'a'.repeat(255);
    expect(snippet(text)).toBe(text);
  });

  it('truncates longer text to 252 bytes plus "..."', () => {
    const s = snippet('a'.repeat(300));
    expect(s).toBe(`${'a'.repeat(252)}...`);
    expect(bytes(s)).toBe(255);
  });

  it('truncates multibyte text at a character boundary within 255 bytes', () => {
    const s = snippet(`a${'€'.repeat(100)}`);
    expect(s).toBe(`a${'€'.repeat(83)}...`);
    expect(bytes(s)).toBe(253);
  });

  it('never splits a four-byte character', () => {
    const s = snippet('😀'.repeat(70));
    expect(s).toBe(`${'😀'.repeat(63)}...`);
  });

  it('trims trailing whitespace before the ellipsis', () => {
    const s = snippet(`${'a'.repeat(251)} ${'b'.repeat(10)}`);
    expect(s).toBe(`${'a'.repeat(251)}...`);
  });

  it('is part of the page analysis', () => {
    expect(analyzeWikitext("'''X''' is a thing.", enwiki()).snippet).toBe('X is a thing.');
  });
});
