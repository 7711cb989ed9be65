import { describe, expect, it } from 'vitest';
import { analyzeLevel2Sections, analyzeWikitext } from '../../../src/wikitext/analyze.ts';
import { enwiki } from './wikis.ts';

const analyze = (text: string) => analyzeWikitext(text, enwiki());

describe('sections', () => {
  it('numbers every heading from 1 as MediaWiki does, with level and source offset', () => {
    const text = 'Lead\n== History ==\nx\n=== Early ===\ny\n==Legacy==  \n';
    expect(analyze(text).sections).toEqual([
      { index: 1, title: 'History', level: 2, offset: 5 },
      { index: 2, title: 'Early', level: 3, offset: 21 },
      { index: 3, title: 'Legacy', level: 2, offset: 37 },
    ]);
  });

  it('exposes level-2 headings with their MediaWiki index and their number among level-2 ones', () => {
    expect(analyze('== A ==\n=== A1 ===\n== B ==').level2Sections).toEqual([
      { index: 1, number: 1, title: 'A', files: [] },
      { index: 3, number: 2, title: 'B', files: [] },
    ]);
  });

  it('lists the files used in each level-2 section, its subsections included, lead files in none', () => {
    const text = [
      '[[File:Lead.jpg|thumb]] Lead',
      '== History ==',
      '[[File:Old town.jpg|thumb|Old]] text [[File:Old town.jpg]]',
      '=== Early ===',
      '<gallery>\nFile:Gallery one.png\n</gallery>',
      '== Geography ==',
      'No image here.',
      '== Fauna ==',
      '{{Infobox animal|image=Fox.jpg}} [[Datei:Not a file prefix on enwiki.jpg]] [[Image:Owl.jpg|left]]',
    ].join('\n');
    expect(analyze(text).level2Sections.map((s) => [s.title, s.files])).toEqual([
      ['History', ['Old town.jpg', 'Gallery one.png']],
      ['Geography', []],
      ['Fauna', ['Fox.jpg', 'Owl.jpg']],
    ]);
  });

  it('finds the same level-2 sections and files alone as in the whole analysis', () => {
    for (const text of [
      '#REDIRECT [[Target]]\n== A ==\n[[File:X.jpg]]',
      'Lead [[File:L.jpg]]\n== A ==\n<ref>[[File:R.jpg]]</ref>\n=== B ===\n{{Box|image=Y.png}}\n== C ==\n<!-- [[File:Z.jpg]] -->',
      'No headings at all [[File:L.jpg]]',
    ])
      expect(analyzeLevel2Sections(text, enwiki())).toEqual(analyze(text).level2Sections);
  });

  it('uses the shorter run of equals signs as the level, keeping the rest in the title', () => {
    expect(analyze('=== Title ==').sections).toEqual([{ index: 1, title: '= Title', level: 2, offset: 0 }]);
  });

  it('ignores headings in comments, nowiki and references', () => {
    expect(
      analyze('<!--\n== Hidden ==\n-->\n<nowiki>\n== No ==\n</nowiki><ref>\n== Ref ==\n</ref>').sections,
    ).toEqual([]);
  });

  it('reports offsets in the original text when comments precede the heading', () => {
    const text = '<!-- a comment -->\n== After ==';
    expect(analyze(text).sections[0]?.offset).toBe(text.indexOf('== After'));
  });

  it('requires the heading to close on its own line', () => {
    expect(analyze('== Not a heading\n').sections).toEqual([]);
  });
});

describe('noindex', () => {
  it('is set by __NOINDEX__ in the text', () => {
    expect(analyze('Text __NOINDEX__').noindex).toBe(true);
  });

  it('ignores __NOINDEX__ inside comments and nowiki', () => {
    expect(analyze('<!-- __NOINDEX__ --> <nowiki>__NOINDEX__</nowiki>').noindex).toBe(false);
  });

  it('is case-sensitive like the magic word', () => {
    expect(analyze('__noindex__').noindex).toBe(false);
  });
});
