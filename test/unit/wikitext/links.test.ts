import { describe, expect, it } from 'vitest';
import { analyzeWikitext } from '../../../src/wikitext/analyze.ts';
import { dewiki, enwiki } from './wikis.ts';

const links = (text: string, ctx = enwiki()) => analyzeWikitext(text, ctx).links;

describe('links', () => {
  it('lists page links with normalized titles, deduplicated in first-seen order', () => {
    expect(links('[[b_c]] and [[a]], again [[B c|label]] and [[a#History]]')).toEqual([
      { namespace: 0, title: 'B c' },
      { namespace: 0, title: 'A' },
    ]);
  });

  it('counts colon links to categories and files as page links', () => {
    expect(links('[[:Category:Birds]] [[:File:X.jpg|the file]] [[:Kategorie:Vögel]]', dewiki())).toEqual([
      { namespace: 14, title: 'Birds' },
      { namespace: 6, title: 'X.jpg' },
      { namespace: 14, title: 'Vögel' },
    ]);
  });

  it('does not count category, file, interlanguage, interwiki, special or fragment links', () => {
    expect(
      links(
        '[[Category:X]] [[File:Y.png]] [[de:Titel]] [[wikt:word]] [[:de:Titel]] [[Special:Random]] [[#Top]]',
      ),
    ).toEqual([]);
  });

  it('decodes percent escapes and HTML entities in link targets', () => {
    expect(links('[[Caf%C3%A9]] [[AT&amp;T]]')).toEqual([
      { namespace: 0, title: 'Café' },
      { namespace: 0, title: 'AT&T' },
    ]);
  });

  it('finds links inside template parameters, references and gallery captions', () => {
    expect(links('{{Infobox|x=[[A]]}}<ref>[[B]]</ref><gallery>\nX.jpg|[[C]]\n</gallery>')).toEqual([
      { namespace: 0, title: 'A' },
      { namespace: 0, title: 'B' },
      { namespace: 0, title: 'C' },
    ]);
  });

  it('ignores links in comments, nowiki, pre, math and syntaxhighlight', () => {
    const text =
      '<!-- [[A]] --><nowiki>[[B]]</nowiki><pre>[[C]]</pre><math>[[D]]</math>' +
      '<syntaxhighlight lang="text">[[E]]</syntaxhighlight>[[F]]';
    expect(links(text)).toEqual([{ namespace: 0, title: 'F' }]);
  });

  it('treats a link containing another link as text, keeping only the inner one (MediaWiki piece rule)', () => {
    expect(links('[[A|b [[C]] d]]')).toEqual([{ namespace: 0, title: 'C' }]);
  });

  it('keeps links in the caption of a file link', () => {
    expect(links('[[File:X.jpg|thumb|A [[Caption link]] here]]')).toEqual([
      { namespace: 0, title: 'Caption link' },
    ]);
  });

  it('does not treat an unclosed nowiki as hiding anything', () => {
    expect(links('<nowiki>[[A]]')).toEqual([{ namespace: 0, title: 'A' }]);
  });

  it('does not take a URL in double brackets for a wikilink', () => {
    expect(links('[[http://example.org]]')).toEqual([]);
  });

  it('rejects targets with illegal characters, as MediaWiki renders them as text', () => {
    expect(links('[[A{{b}}]] [[<nowiki/>x]] [[a|]]')).toEqual([]);
  });
});

describe('langlinks', () => {
  it('lists interlanguage links, first link per language', () => {
    expect(analyzeWikitext('[[de:Hund]] [[fr:Chien]] [[de:Hunde]]', enwiki()).langlinks).toEqual([
      { lang: 'de', title: 'Hund' },
      { lang: 'fr', title: 'Chien' },
    ]);
  });

  it('uses the configured language codes', () => {
    const ctx = enwiki({ interwikiLanguages: new Set(['xx']) });
    const a = analyzeWikitext('[[xx:Foo]] [[de:Bar]]', ctx);
    expect(a.langlinks).toEqual([{ lang: 'xx', title: 'Foo' }]);
    expect(a.links).toEqual([{ namespace: 0, title: 'De:Bar' }]);
  });
});

describe('categories', () => {
  it('reads localized category links with their sort keys', () => {
    expect(
      analyzeWikitext('[[Kategorie:Werbeagentur|BBDO]] [[Category:Unternehmen]]', dewiki()).categories,
    ).toEqual([
      { title: 'Werbeagentur', sortKey: 'BBDO' },
      { title: 'Unternehmen', sortKey: '' },
    ]);
  });

  it('gives categories without a sort key the DEFAULTSORT of the page', () => {
    expect(
      analyzeWikitext('{{DEFAULTSORT:Smith, John}}[[Category:People|X]][[Category:Writers]]', enwiki())
        .categories,
    ).toEqual([
      { title: 'People', sortKey: 'X' },
      { title: 'Writers', sortKey: 'Smith, John' },
    ]);
  });

  it('keeps the first position and the last sort key of a repeated category', () => {
    expect(analyzeWikitext('[[Category:A|1]][[Category:B]][[Category:A|2]]', enwiki()).categories).toEqual([
      { title: 'A', sortKey: '2' },
      { title: 'B', sortKey: '' },
    ]);
  });

  it('knows the localized DEFAULTSORT', () => {
    const a = analyzeWikitext('{{SORTIERUNG:Müller, Hans}}[[Kategorie:Mann]]', dewiki());
    expect(a.categories).toEqual([{ title: 'Mann', sortKey: 'Müller, Hans' }]);
    expect(a.templates).toEqual([]);
  });
});
