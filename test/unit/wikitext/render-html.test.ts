import { describe, expect, it } from 'vitest';
import {
  renderWikitextHtml,
  type FileRendition,
  type HtmlRenderContext,
} from '../../../src/wikitext/render-html.ts';
import { arwiki, cswiki, dewiki, enwiki } from './wikis.ts';

/**
 * The reading renderer, one construct at a time. Expected HTML is written from what MediaWiki's
 * parser gives for the same wikitext (its parser tests and Wikipedia's HTML), adjusted only where
 * the renderer's documented choices differ (headings without edit links, footnote markup of Cite
 * without its CSS classes for styling, no template expansion).
 */

const FILES: Record<string, { width: number; height: number }> = {
  'Example.jpg': { width: 1000, height: 500 },
  'Tall.png': { width: 300, height: 600 },
};

function context(overrides: Partial<HtmlRenderContext> = {}): HtmlRenderContext {
  return {
    wikitext: enwiki(),
    title: 'Test page',
    pageUrl: (title) => `/wiki/${encodeURIComponent(title.replace(/ /g, '_'))}`,
    pageExists: (_ns, title) => !title.startsWith('Missing'),
    fileRendition: (name, box): FileRendition | null => {
      const file = FILES[name];
      if (!file) return null;
      const width = Math.min(box.width ?? file.width, file.width);
      return {
        url: `/images/${width}px-${name}`,
        width,
        height: Math.round((file.height * width) / file.width),
      };
    },
    ...overrides,
  };
}

const html = (text: string, overrides: Partial<HtmlRenderContext> = {}) =>
  renderWikitextHtml(text, context(overrides)).html;

/** The body inside the mw-parser-output wrapper. */
const body = (text: string, overrides: Partial<HtmlRenderContext> = {}) => {
  const out = html(text, overrides);
  expect(out.startsWith('<div class="mw-parser-output">')).toBe(true);
  return out.slice('<div class="mw-parser-output">'.length, -'</div>'.length);
};

describe('paragraphs and line syntax', () => {
  it('wraps text in paragraphs, a blank line starting the next one', () => {
    expect(body('One\ntwo\n\nThree')).toBe('<p>One\ntwo\n</p><p>Three</p>');
  });

  it('shows each extra blank line as an empty paragraph with a line break', () => {
    expect(body('A\n\n\nB')).toBe('<p>A\n</p><p><br>\nB</p>');
  });

  it('makes headings with HTML5 anchors, repeated titles numbered', () => {
    const r = renderWikitextHtml('== A b ==\n=== A b ===\n==Ünï &amp; "q"==', context());
    expect(r.html).toBe(
      '<div class="mw-parser-output"><div class="mw-heading mw-heading2"><h2 id="A_b">A b</h2></div>\n' +
        '<div class="mw-heading mw-heading3"><h3 id="A_b_2">A b</h3></div>\n' +
        '<div class="mw-heading mw-heading2"><h2 id="Ünï_&amp;_&quot;q&quot;">Ünï &amp; &quot;q&quot;</h2></div></div>',
    );
    expect(r.headings).toEqual([
      { level: 2, text: 'A b', anchor: 'A_b' },
      { level: 3, text: 'A b', anchor: 'A_b_2' },
      { level: 2, text: 'Ünï & "q"', anchor: 'Ünï_&_"q"' },
    ]);
  });

  it('numbers repeats case-insensitively with the first free suffix, as Parser::finalizeHeadings does', () => {
    const r = renderWikitextHtml('== History ==\n== history ==\n== History_2 ==\n== HISTORY ==', context());
    // MediaWiki: History, history_2, History_2_2 (history_2 is taken), HISTORY_3.
    expect(r.headings.map((h) => h.anchor)).toEqual(['History', 'history_2', 'History_2_2', 'HISTORY_3']);
  });

  it('shows a redirect page as its target, as MediaWiki does with redirect=no, and the rest of its text parsed', () => {
    const r = renderWikitextHtml(
      '#REDIRECT [[Target page#Section]]\n\n[[Category:Redirects]]\nMore text.',
      context(),
    );
    expect(r.html).toBe(
      '<div class="mw-parser-output"><div class="redirectMsg"><p>Redirect to:</p><ul class="redirectText">' +
        '<li><a href="/wiki/Target_page#Section" title="Target page">Target page#Section</a></li></ul></div>' +
        '<p>More text.</p></div>',
    );
    expect(
      renderWikitextHtml(
        '#WEITERLEITUNG [[Missing page]]',
        context({ wikitext: dewiki(), redirectLabel: 'Weiterleitung nach:' }),
      ).html,
    ).toBe(
      '<div class="mw-parser-output"><div class="redirectMsg"><p>Weiterleitung nach:</p><ul class="redirectText">' +
        '<li><a href="/wiki/Missing_page" class="new" title="Missing page (page does not exist)">Missing page</a></li></ul></div></div>',
    );
  });

  it('reads a heading from the shorter run of equals signs', () => {
    expect(body('=== X ==')).toBe('<div class="mw-heading mw-heading2"><h2 id="=_X">= X</h2></div>');
  });

  it('makes a horizontal rule of four or more dashes', () => {
    expect(body('a\n-----\nb')).toBe('<p>a\n</p>\n<hr>\n<p>b</p>');
  });

  it('preformats lines starting with a space', () => {
    expect(body(' code  here\n more')).toBe('<pre>code  here\nmore</pre>');
  });

  it('removes behaviour switches and comments', () => {
    expect(body('__NOTOC__Text<!-- hidden -->__NOEDITSECTION__ here')).toBe('<p>Text here</p>');
  });
});

describe('bold and italic (doQuotes)', () => {
  it('renders italic, bold and both', () => {
    expect(body("''i'' '''b''' '''''bi'''''")).toBe('<p><i>i</i> <b>b</b> <i><b>bi</b></i></p>');
  });

  it('reads four apostrophes as an apostrophe then bold', () => {
    expect(body("''''x''''")).toBe('<p>&#039;<b>x&#039;</b></p>');
  });

  it('reads an unbalanced bold after a one-letter word as apostrophe and italic', () => {
    expect(body("l'''amour'' est")).toBe('<p>l&#039;<i>amour</i> est</p>');
  });

  it('closes what is still open at the end of the line', () => {
    expect(body("'''bold\nnext")).toBe('<p><b>bold</b>\nnext</p>');
  });

  it('nests bold inside italic when italic opened first', () => {
    expect(body("''a '''b''' c''")).toBe('<p><i>a <b>b</b> c</i></p>');
  });
});

describe('links', () => {
  it('links a page with its title, a label, and a link trail', () => {
    expect(body('[[Foo bar]] [[Foo|label]]s')).toBe(
      '<p><a href="/wiki/Foo_bar" title="Foo bar">Foo bar</a> <a href="/wiki/Foo" title="Foo">labels</a></p>',
    );
  });

  it('glues Arabic letters and their diacritics to a link as its trail, not punctuation or spaces', () => {
    expect(body('[[كتاب]]ين و[[قلم]]ٌ، [[Foo]]ات', { wikitext: arwiki() })).toBe(
      '<p><a href="/wiki/%D9%83%D8%AA%D8%A7%D8%A8" title="كتاب">كتابين</a> و<a href="/wiki/%D9%82%D9%84%D9%85" title="قلم">قلمٌ</a>، ' +
        '<a href="/wiki/Foo" title="Foo">Fooات</a></p>',
    );
  });

  it('marks a missing page as a red link', () => {
    expect(body('[[Missing page]]')).toBe(
      '<p><a href="/wiki/Missing_page" class="new" title="Missing page (page does not exist)">Missing page</a></p>',
    );
  });

  it('links a section anchor and a page section', () => {
    expect(body('[[#Some part]] [[Foo#Some part|x]]')).toBe(
      '<p><a href="#Some_part">#Some part</a> <a href="/wiki/Foo#Some_part" title="Foo">x</a></p>',
    );
  });

  it('shows a link to the page itself as a self link', () => {
    expect(body('[[Test page]]')).toBe('<p><a class="mw-selflink selflink">Test page</a></p>');
  });

  it('removes category and interlanguage links, and the lines they leave', () => {
    expect(body('Text.\n[[Category:Things|Sort]]\n[[de:Ding]]\n[[:Category:Shown]]')).toBe(
      '<p>Text.\n<a href="/wiki/Category%3AShown" title="Category:Shown">Category:Shown</a></p>',
    );
  });

  it('uses the localized namespace of the wiki for category links', () => {
    expect(body('A[[Kategorie:Ding]]', { wikitext: dewiki() })).toBe('<p>A</p>');
  });

  it('renders external links with a label, numbered without one, and bare URLs', () => {
    expect(body('[https://example.org/a?b=1&amp;c=2 Ex] [http://x.org] [//y.org] see https://z.org/p.')).toBe(
      '<p><a rel="nofollow" class="external text" href="https://example.org/a?b=1&amp;c=2">Ex</a> ' +
        '<a rel="nofollow" class="external autonumber" href="http://x.org">[1]</a> ' +
        '<a rel="nofollow" class="external autonumber" href="//y.org">[2]</a> ' +
        'see <a rel="nofollow" class="external free" href="https://z.org/p">https://z.org/p</a>.</p>',
    );
  });

  it('links ISBN, RFC and PMID numbers as magic links', () => {
    expect(body('ISBN 978-0-306-40615-7, RFC 2616 and PMID 123.')).toBe(
      '<p><a href="/wiki/Special%3ABookSources%2F9780306406157" class="internal mw-magiclink-isbn">ISBN 978-0-306-40615-7</a>, ' +
        '<a class="external mw-magiclink-rfc" rel="nofollow" href="https://datatracker.ietf.org/doc/html/rfc2616">RFC 2616</a> and ' +
        '<a class="external mw-magiclink-pmid" rel="nofollow" href="//www.ncbi.nlm.nih.gov/pubmed/123?dopt=Abstract">PMID 123</a>.</p>',
    );
  });

  it('leaves bracketed text with a protocol it does not allow as text', () => {
    expect(body('[javascript:alert(1) x] [data:text/html,x y]')).toBe(
      '<p>[javascript:alert(1) x] [data:text/html,x y]</p>',
    );
  });
});

describe('lists', () => {
  it('nests bulleted and numbered lists by their prefixes', () => {
    expect(body('* a\n** b\n* c\n# d')).toBe(
      '<ul><li>a\n<ul><li>b</li></ul></li>\n<li>c</li></ul>\n<ol><li>d</li></ol>\n',
    );
  });

  it('makes definition lists, splitting a term and its definition at the colon', () => {
    expect(body('; Term : Definition\n: more')).toBe(
      '<dl><dt>Term</dt>\n<dd>Definition</dd>\n<dd>more</dd></dl>\n',
    );
  });
});

describe('tables', () => {
  it('renders caption, header cells, rows and cell attributes', () => {
    expect(body('{| class="wikitable"\n|+ Cap\n! A !! B\n|-\n| 1 || colspan="2" | 2\n|}')).toBe(
      '<table class="wikitable">\n<caption>Cap\n</caption><tr><th>A</th><th>B\n</th></tr>\n' +
        '<tr><td>1</td><td colspan="2">2\n</td></tr></table>',
    );
  });

  it('renders a nested table inside a cell', () => {
    expect(body('{|\n|\n{|\n| inner\n|}\n|}')).toBe(
      '<table>\n<tr><td>\n<table>\n<tr><td>inner\n</td></tr></table>\n</td></tr></table>',
    );
  });

  it('does not read a link label as cell attributes', () => {
    expect(body('{|\n| [[Foo|bar]]\n|}')).toBe(
      '<table>\n<tr><td><a href="/wiki/Foo" title="Foo">bar</a>\n</td></tr></table>',
    );
  });
});

describe('HTML in wikitext', () => {
  it('keeps allowed tags with allowed attributes only', () => {
    expect(body('<span class="x" style="color:red" onclick="evil()">s</span><sub>2</sub>')).toBe(
      '<p><span class="x">s</span><sub>2</sub></p>',
    );
  });

  it('shows unknown tags and unmatched closing tags as text', () => {
    expect(body('<blink>x</blink> </b>')).toBe('<p>&lt;blink&gt;x&lt;/blink&gt; &lt;/b&gt;</p>');
  });

  it('closes tags left open', () => {
    expect(body('<small>a')).toBe('<p><small>a</small></p>');
  });

  it('reads a line break in all its spellings', () => {
    expect(body('a<br>b<br/>c</br>d')).toBe('<p>a<br>b<br>c<br>d</p>');
  });

  it('decodes entities and escapes them again; an & that starts none is &amp;', () => {
    expect(body('&lt;b&gt; &#x41; &eacute; &amp;amp; & &bogus;')).toBe(
      '<p>&lt;b&gt; A é &amp;amp; &amp; &amp;bogus;</p>',
    );
  });

  it('shows nowiki and pre content as text', () => {
    expect(body("<nowiki>[[x]] ''y'' &amp;</nowiki>\n<pre>a <b> &lt;</pre>")).toBe(
      '<p>[[x]] &#039;&#039;y&#039;&#039; &amp;\n</p>\n<pre>a &lt;b&gt; &lt;</pre>',
    );
  });
});

describe('images', () => {
  it('renders a thumbnail at the default width with its caption, which also names its link', () => {
    expect(body('[[File:Example.jpg|thumb|A [[Foo|caption]]]]')).toBe(
      '<figure class="mw-default-size" typeof="mw:File/Thumb"><a href="/wiki/File%3AExample.jpg" class="mw-file-description" title="A caption">' +
        '<img alt="" src="/images/220px-Example.jpg" decoding="async" width="220" height="110" class="mw-file-element"></a>' +
        '<figcaption>A <a href="/wiki/Foo" title="Foo">caption</a></figcaption></figure>',
    );
  });

  it('scales the default width by upright, rounded to ten pixels', () => {
    expect(body('[[File:Example.jpg|thumb|upright|x]]')).toContain('width="170"');
    expect(body('[[File:Example.jpg|thumb|upright=1.5|x]]')).toContain('width="330"');
  });

  it('uses an explicit size, alignment, alt text and a link target', () => {
    expect(body('[[Image:Example.jpg|right|100px|alt=An example|link=Foo]]')).toBe(
      '<figure class="mw-halign-right" typeof="mw:File"><a href="/wiki/Foo" class="mw-file-description">' +
        '<img alt="An example" src="/images/100px-Example.jpg" decoding="async" width="100" height="50" class="mw-file-element"></a>' +
        '<figcaption></figcaption></figure>',
    );
  });

  it('shows an inline image with its caption as alt text and link title', () => {
    expect(body('a [[File:Tall.png|50px|Tall one]] b')).toBe(
      '<p>a <span typeof="mw:File"><a href="/wiki/File%3ATall.png" class="mw-file-description" title="Tall one">' +
        '<img alt="Tall one" src="/images/50px-Tall.png" decoding="async" width="50" height="100" class="mw-file-element"></a></span> b</p>',
    );
  });

  it("takes the file's name as alt text when there is no caption and no alt=, framed or not (Parser::makeImage)", () => {
    expect(body('[[File:Example.jpg|thumb]]')).toContain(
      'class="mw-file-description"><img alt="Example.jpg" src="/images/220px-Example.jpg"',
    );
    expect(body('a [[File:Tall.png|50px]] b')).toContain('class="mw-file-description"><img alt="Tall.png"');
    // An aligned image without a frame shows no caption, so its caption is its alt text and title.
    expect(body('[[File:Example.jpg|left|100px|Seen]]')).toContain(
      'class="mw-file-description" title="Seen"><img alt="Seen" src="/images/100px-Example.jpg"',
    );
    // A framed image with its own alt text needs no title.
    expect(body('[[File:Example.jpg|thumb|alt=Described|Cap]]')).toContain(
      'class="mw-file-description"><img alt="Described"',
    );
  });

  it('links a file the repository does not have to its page, without an image', () => {
    expect(body('[[File:Missing.jpg|thumb|Cap]]')).toBe(
      '<figure class="mw-default-size" typeof="mw:Error mw:File/Thumb"><a href="/wiki/File%3AMissing.jpg" class="new" title="File:Missing.jpg">' +
        '<span class="mw-file-element mw-broken-media">File:Missing.jpg</span></a><figcaption>Cap</figcaption></figure>',
    );
  });

  it('reads localized namespace and option names (Czech Soubor, náhled, vlevo)', () => {
    expect(body('[[Soubor:Example.jpg|náhled|vlevo|Popisek]]', { wikitext: cswiki() })).toBe(
      '<figure class="mw-default-size mw-halign-left" typeof="mw:File/Thumb"><a href="/wiki/Soubor%3AExample.jpg" class="mw-file-description" title="Popisek">' +
        '<img alt="" src="/images/220px-Example.jpg" decoding="async" width="220" height="110" class="mw-file-element"></a>' +
        '<figcaption>Popisek</figcaption></figure>',
    );
  });

  it('reads Arabic option names (MessagesAr.php): تصغير, يسار, معدول, بديل=, وصلة=', () => {
    expect(
      body('[[ملف:Example.jpg|تصغير|يسار|معدول|بديل=مثال|وصلة=Foo|تعليق]]', { wikitext: arwiki() }),
    ).toBe(
      '<figure class="mw-default-size mw-halign-left" typeof="mw:File/Thumb"><a href="/wiki/Foo" class="mw-file-description">' +
        '<img alt="مثال" src="/images/170px-Example.jpg" decoding="async" width="170" height="85" class="mw-file-element"></a>' +
        '<figcaption>تعليق</figcaption></figure>',
    );
  });

  it('reads Arabic sizes ($1بك, $1عن), frames, alignments and vertical alignments', () => {
    const ar = { wikitext: arwiki() };
    expect(body('[[ملف:Example.jpg|100بك|مركز]]', ar)).toContain('class="mw-halign-center"');
    expect(body('[[ملف:Example.jpg|100بك|مركز]]', ar)).toContain('width="100" height="50"');
    expect(body('[[ملف:Example.jpg|60عن]]', ar)).toContain('width="60" height="30"');
    expect(body('[[ملف:Example.jpg|120x30عن]]', ar)).toBe(body('[[ملف:Example.jpg|120x30px]]', ar));
    expect(body('[[ملف:Example.jpg|لاإطار|حدود|بدون]]', ar)).toContain(
      'class="mw-default-size mw-halign-none mw-image-border" typeof="mw:File/Frameless"',
    );
    expect(body('[[ملف:Example.jpg|بإطار|صورة]]', ar)).toContain(
      'typeof="mw:File/Frame"><a href="/wiki/%D9%85%D9%84%D9%81%3AExample.jpg" class="mw-file-description" title="صورة"><img alt="" src="/images/1000px-Example.jpg"',
    );
    // Vertical alignment, page, class and lang options are no caption: the file's name is the alt text.
    expect(body('a [[ملف:Tall.png|50بك|وسط|نص_أعلى|صفحة=2|رتبة=x|لغة=ar]] b', ar)).toBe(
      '<p>a <span typeof="mw:File"><a href="/wiki/%D9%85%D9%84%D9%81%3ATall.png" class="mw-file-description">' +
        '<img alt="Tall.png" src="/images/50px-Tall.png" decoding="async" width="50" height="100" class="mw-file-element"></a></span> b</p>',
    );
  });

  it('turns link=javascript: into a page link, never a script URL', () => {
    expect(body('[[File:Example.jpg|link=javascript:alert(1)]]')).toContain(
      'href="/wiki/Javascript%3Aalert(1)"',
    );
  });

  it('links an external link= target with nofollow', () => {
    expect(body('[[File:Example.jpg|link=https://example.org/]]')).toContain(
      '<a href="https://example.org/" class="mw-file-description" rel="nofollow">',
    );
  });
});

describe('references', () => {
  it('numbers refs, reuses a named one and lists them at <references/>', () => {
    expect(body('A<ref name="n">Note</ref> B<ref>Other</ref> C<ref name="n" />\n<references />')).toBe(
      '<p>A<sup id="cite_ref-n_1-0" class="reference"><a href="#cite_note-n-1">[1]</a></sup> ' +
        'B<sup id="cite_ref-2" class="reference"><a href="#cite_note-2">[2]</a></sup> ' +
        'C<sup id="cite_ref-n_1-1" class="reference"><a href="#cite_note-n-1">[1]</a></sup>\n</p>\n' +
        '<div class="mw-references-wrap"><ol class="references">\n' +
        '<li id="cite_note-n-1"><span class="mw-cite-backlink">↑ <sup><a href="#cite_ref-n_1-0">a</a></sup> ' +
        '<sup><a href="#cite_ref-n_1-1">b</a></sup></span> <span class="reference-text">Note</span></li>\n' +
        '<li id="cite_note-2"><span class="mw-cite-backlink"><a href="#cite_ref-2">↑</a></span> ' +
        '<span class="reference-text">Other</span></li>\n</ol></div>',
    );
  });

  it('labels a group and lists refs no list placed at the end of the page', () => {
    expect(body('X<ref group="note">N</ref>')).toBe(
      '<p>X<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[note 1]</a></sup></p>\n' +
        '<div class="mw-references-wrap"><ol class="references">\n' +
        '<li id="cite_note-1"><span class="mw-cite-backlink"><a href="#cite_ref-1">↑</a></span> ' +
        '<span class="reference-text">N</span></li>\n</ol></div>',
    );
  });

  it('places the list where {{Reflist}} is, with the text a later use of the name gives', () => {
    expect(body('A<ref name="n"/> B<ref name="n">Later text</ref>\n{{Reflist}}\nAfter')).toBe(
      '<p>A<sup id="cite_ref-n_1-0" class="reference"><a href="#cite_note-n-1">[1]</a></sup> ' +
        'B<sup id="cite_ref-n_1-1" class="reference"><a href="#cite_note-n-1">[1]</a></sup>\n</p>\n' +
        '<div class="mw-references-wrap"><ol class="references">\n' +
        '<li id="cite_note-n-1"><span class="mw-cite-backlink">↑ <sup><a href="#cite_ref-n_1-0">a</a></sup> ' +
        '<sup><a href="#cite_ref-n_1-1">b</a></sup></span> <span class="reference-text">Later text</span></li>\n' +
        '</ol></div>\n<p>After</p>',
    );
  });

  it('starts the numbering afresh after a list, as Cite does', () => {
    expect(body('A<ref>x</ref>\n<references/>\nB<ref>y</ref>')).toContain(
      '<p>B<sup id="cite_ref-2" class="reference"><a href="#cite_note-2">[1]</a></sup></p>',
    );
  });

  it('renders a citation template inside a ref as a short citation', () => {
    expect(
      body(
        '<ref>{{cite web |last=Doe |first=Jane |title=Rivers |url=https://e.org/r |website=E |date=2020}}</ref>',
      ),
    ).toContain(
      '<span class="reference-text"><cite class="citation">Doe, Jane (2020). ' +
        '<a rel="nofollow" class="external text" href="https://e.org/r">Rivers</a>. <i>E</i>.</cite></span>',
    );
  });

  it('reads German citation templates (Literatur)', () => {
    expect(body('<ref>{{Literatur |Autor=Max Muster |Titel=Buch |Verlag=V |Jahr=1999}}</ref>')).toContain(
      '<cite class="citation">Max Muster (1999). <i>Buch</i>. V.</cite>',
    );
  });

  it('reads Arabic citation templates (استشهاد ويب)', () => {
    expect(
      body('<ref>{{استشهاد ويب |مسار=https://e.org/r |عنوان=أنهار |ناشر=معهد |تاريخ=2020}}</ref>'),
    ).toContain(
      '<cite class="citation"><a rel="nofollow" class="external text" href="https://e.org/r">أنهار</a>. معهد. 2020.</cite>',
    );
  });
});

describe('templates', () => {
  it('renders an infobox as a table of its named parameters', () => {
    expect(
      body('{{Infobox person\n| name = Bob\n| birth_date = 1900\n| spouse = [[Alice]]\n| empty =\n}}'),
    ).toBe(
      '<table class="infobox"><caption class="infobox-title">Bob</caption><tbody>' +
        '<tr><th scope="row" class="infobox-label">birth date</th><td class="infobox-data">1900</td></tr>' +
        '<tr><th scope="row" class="infobox-label">spouse</th><td class="infobox-data"><a href="/wiki/Alice" title="Alice">Alice</a></td></tr>' +
        '</tbody></table>',
    );
  });

  it('shows an infobox image parameter naming a file as the image', () => {
    expect(body('{{Infobox building|image=Example.jpg}}')).toContain(
      '<td colspan="2" class="infobox-image"><span class="mw-default-size" typeof="mw:File/Frameless">',
    );
  });

  it('names an infobox without a name parameter after its template (Czech "Infobox - ")', () => {
    expect(body('{{Infobox - osobnost|povolání=herec}}', { wikitext: cswiki() })).toContain(
      '<caption class="infobox-title">osobnost</caption>',
    );
  });

  it('drops other templates and parser functions, and the lines they leave', () => {
    expect(body('{{Use dmy dates}}\n{{#if:x|y}}\nText {{citation needed}}.')).toBe('<p>Text .</p>');
  });

  it('expands page name variables, {{!}} and a parameter default', () => {
    expect(body('{{PAGENAME}} {{!}} {{{1|dflt}}} {{{2}}}', { title: "Talk:It's" })).toBe(
      '<p>It&#039;s | dflt {{{2}}}</p>',
    );
  });
});
