/* eslint-disable no-control-regex -- the renderer's tokens and markers are control characters, which page text cannot hold */
import { decodeHtmlEntities } from '../core/domain/html-entities.ts';
import { escapeHtml } from '../core/domain/html.ts';
import { NS_FILE, NS_SPECIAL, NS_TEMPLATE } from '../core/domain/namespaces.ts';
import { parseTitleParts } from '../core/domain/titles.ts';
import { renderBlockLevels } from './block-levels.ts';
import { isInfoboxTitle, resolveContext, type ResolvedContext, type WikitextContext } from './context.ts';
import { readRedirect, type RedirectTarget } from './redirect.ts';
import {
  ALLOWED_ELEMENTS,
  VOID_ELEMENTS,
  cleanExternalUrl,
  HeadingAnchors,
  escapeText,
  fragmentHref,
  readAttributes,
  sanitizeAttributes,
} from './html-sanitizer.ts';
import { CLOSES_BLOCK, CONTROL_CHARACTERS, HtmlTokens, OPENS_BLOCK } from './html-tokens.ts';
import { fileFromParameterValue } from './lead-image.ts';
import { linkSearch, protocolLength, readWikilink, type Wikilink } from './links.ts';
import { BEHAVIOUR_SWITCHES, classifyTransclusion } from './magic-words.ts';
import { renderPlainText } from './plain-text.ts';
import { preprocessWikitext, type ExtensionElement } from './preprocess.ts';
import { renderQuotes } from './quotes.ts';
import {
  fileBox,
  fileHtml,
  linkOption,
  readFileOptions,
  type FileBox,
  type FileOptions,
  type FileRendition,
} from './render-media.ts';
import { ReferenceNotes } from './render-references.ts';
import {
  DEFAULT_CITATION_TEMPLATE_NAMES,
  citationHtml,
  infoboxHtml,
  isCitationTemplate,
  splitTemplate,
} from './render-templates.ts';
import { readHeading } from './sections.ts';
import { renderTables } from './tables.ts';

export type { FileBox, FileRendition } from './render-media.ts';

/**
 * The reading renderer: wikitext to the HTML a reader sees, in MediaWiki's
 * `<div class="mw-parser-output">` wrapper, following the order of MediaWiki's Parser:
 * preprocessing (comments, extension tags), templates, HTML tags (Sanitizer), tables, headings and
 * `----`, wikilinks, bold/italic, external links, then paragraphs and lists (block-levels.ts).
 *
 * There is no template store, so templates are not expanded. What is shown instead: infoboxes
 * (templates named with an infobox prefix of the context) as a table of their parameters;
 * citation templates as a short citation; reference-list templates (`{{reflist}}`…) as the
 * footnote list; `{{PAGENAME}}`-like variables, `{{!}}` and `{{=}}`. Every other template and
 * parser function renders as nothing; `{{{param|default}}}` shows its default.
 *
 * Safety comes first and does not depend on the parsing being right: all markup is made by this
 * renderer as tokens (html-tokens.ts) and page text is escaped as a whole at the end; elements and
 * attributes come from the Sanitizer lists of html-sanitizer.ts; `href` values are the context's
 * page URLs, `#fragments`, or URLs with one of the wiki's protocols (never `javascript:`,
 * `vbscript:` or `data:`); `src` values come only from `fileRendition`.
 */

export interface HtmlRenderContext {
  wikitext: WikitextContext;
  /** The page's title with its localized namespace ("Diskussion:Foo"), for PAGENAME and self links. */
  title?: string;
  /** For `{{SITENAME}}`. */
  siteName?: string;
  /** The URL of a page of this wiki, from its title with namespace prefix ("Category:Foo bar"). */
  pageUrl: (title: string) => string;
  /** Whether a linked page exists (`title` without prefix); absent: every page exists. */
  pageExists?: (namespace: number, title: string) => boolean;
  /** The media repository: a file (name without prefix) scaled into `box`, or null when unknown. */
  fileRendition: (name: string, box: FileBox) => FileRendition | null;
  /** Templates that place the reference list, compared case-insensitively (default below). */
  referenceListTemplates?: readonly string[];
  /** Citation templates besides those named cite…/citation…/citace… (case-insensitive). */
  citationTemplates?: readonly string[];
  /** The wiki's `redirectto` message, above a redirect page's target (default "Redirect to:"). */
  redirectLabel?: string;
}

export const DEFAULT_REFERENCE_LIST_TEMPLATES: readonly string[] = [
  'reflist',
  'references',
  'refs',
  'reference',
  'referencias',
  'references-small',
];

export interface RenderedHeading {
  level: number;
  /** The heading as plain text. */
  text: string;
  /** Its `id`, unique in the page (MediaWiki's HTML5 anchors; `_2`, `_3`… for repeats). */
  anchor: string;
}

export interface RenderedHtml {
  html: string;
  headings: RenderedHeading[];
}

export function renderWikitextHtml(text: string, context: HtmlRenderContext): RenderedHtml {
  const renderer = new HtmlRenderer(context);
  // A redirect page shows its target as MediaWiki's view with redirect=no does (Article::
  // getRedirectHeaderHtml), and the rest of its text parsed without the redirect line.
  const redirect = readRedirect(text, resolveContext(context.wikitext));
  const body = renderer.renderDocument(
    redirect ? text.slice(0, redirect.start) + text.slice(redirect.end).replace(/^\n+/, '') : text,
  );
  let html = (redirect ? renderer.redirectHeader(redirect.target) : '') + renderer.tokens.resolve(body);
  for (const group of renderer.notes.openGroups())
    html += '\n' + renderer.tokens.resolve(renderer.tokens.add(renderer.notes.takeList(group)));
  const headings: RenderedHeading[] = [];
  const anchors = new HeadingAnchors();
  html = html.replace(HEADING_PLACEHOLDER, (_, level: string, inner: string) => {
    const plain = decodeHtmlEntities(inner.replace(REFERENCE_SUP, '').replace(/<[^>]*>/g, ''))
      .replace(/\s+/g, ' ')
      .trim();
    const anchor = anchors.next(plain);
    headings.push({ level: Number(level), text: plain, anchor });
    return `<h${level} id="${escapeHtml(anchor)}">${inner}</h${level}>`;
  });
  return { html: `<div class="mw-parser-output">${html}</div>`, headings };
}

const HEADING_PLACEHOLDER = /<h([1-6]) id="\x05\d+\x06">([\s\S]*?)<\/h\1>/g;
const REFERENCE_SUP = /<sup id="cite_ref[^"]*" class="reference">[\s\S]*?<\/sup>/g;
const EXTENSION_MARKER = /\x03(\d+)\x04/g;
const USER_TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*|\/)?>/g;
/**
 * The letters a link trail glues to a link (`[[dog]]s`), the union of the wikis' `$linkTrail`s
 * since the renderer does not know the wiki's language: a-z (English), the Latin-1 and Latin
 * Extended-A letters of German (äöüß) and Czech (áčďéěíňóřšťúůýž), and Arabic's ء-ي (U+0621–U+064A)
 * with the combining diacritics MessagesAr.php adds (U+0610–061A, 064B–065F, 0670, 06D6–06DC,
 * 06DF–06E4, 06E7, 06E8, 06EA–06ED).
 */
const LINK_TRAIL =
  /^(?:[a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f\u0621-\u064a]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed])+/;
const EXTERNAL_START =
  /\[|\x01\d+\x02|(?<![\p{L}\p{N}_])(?:[a-zA-Z]{2,10}:|ISBN[ \t\u00a0]|RFC[ \t\u00a0]|PMID[ \t\u00a0])/gu;
/** Parser::handleMagicLinks: ISBN-10/13 (hyphens and spaces allowed), RFC and PMID numbers. */
const ISBN = /^ISBN[ \t\u00a0]+((?:97[89][ -]?)?(?:[0-9][ -]?){9}[0-9Xx])(?![\p{L}\p{N}_])/u;
const RFC_OR_PMID = /^(RFC|PMID)[ \t\u00a0]+([0-9]+)(?![\p{L}\p{N}_])/u;
const MAX_DEPTH = 24;

/** How doBlockLevels reads an HTML tag page text wrote (see html-tokens.ts). */
function tagFlags(name: string, closing: boolean): number {
  if (/^h[1-6]$/.test(name)) return closing ? CLOSES_BLOCK : OPENS_BLOCK;
  switch (name) {
    case 'table':
      return closing ? CLOSES_BLOCK : OPENS_BLOCK;
    case 'tr':
    case 'p':
      return closing ? (name === 'p' ? CLOSES_BLOCK : OPENS_BLOCK) : OPENS_BLOCK;
    case 'td':
    case 'th':
      return closing ? OPENS_BLOCK : CLOSES_BLOCK;
    case 'ul':
    case 'ol':
    case 'dl':
    case 'li':
      return closing ? CLOSES_BLOCK : OPENS_BLOCK;
    case 'blockquote':
    case 'div':
    case 'center':
    case 'hr':
      return CLOSES_BLOCK;
    default:
      return 0;
  }
}

/** PCRE `[^][<>"\x00-\x20\x7F\p{Zs}\x{FFFD}]`: what an external link's URL may hold. */
function isUrlChar(c: number): boolean {
  if (c <= 0x20 || c === 0x7f || c === 0xfffd) return false;
  switch (c) {
    case 0x5b:
    case 0x5d:
    case 0x3c:
    case 0x3e:
    case 0x22:
    case 0xa0:
    case 0x1680:
    case 0x202f:
    case 0x205f:
    case 0x3000:
      return false;
  }
  return !(c >= 0x2000 && c <= 0x200a);
}

class HtmlRenderer {
  readonly tokens = new HtmlTokens();
  readonly notes = new ReferenceNotes();
  readonly #extensions: ExtensionElement[] = [];
  readonly #ctx: ResolvedContext;
  readonly #referenceLists: ReadonlySet<string>;
  readonly #citations: ReadonlySet<string>;
  #headings = 0;
  #autonumber = 0;
  #depth = 0;

  constructor(private readonly rc: HtmlRenderContext) {
    this.#ctx = resolveContext(rc.wikitext);
    this.#referenceLists = new Set(
      (rc.referenceListTemplates ?? DEFAULT_REFERENCE_LIST_TEMPLATES).map((n) => n.toLowerCase()),
    );
    this.#citations = new Set(
      (rc.citationTemplates ?? DEFAULT_CITATION_TEMPLATE_NAMES).map((n) =>
        n
          .replace(/[_\s]+/g, ' ')
          .trim()
          .toLowerCase(),
      ),
    );
  }

  renderDocument(source: string): string {
    let text = this.#expand(this.#prepare(source));
    text = this.#htmlTags(text);
    text = renderTables(text, this.tokens);
    text = this.#lineSyntax(text);
    text = this.#inlineSyntax(text);
    return renderBlockLevels(text, this.tokens);
  }

  /** Wikitext (prepared) rendered inline and sealed into one token. */
  #inline(text: string): string {
    if (this.#depth > MAX_DEPTH) return this.tokens.seal(text.replace(/[\x01-\x06]/g, ''));
    this.#depth++;
    try {
      let t = this.#expand(text);
      t = this.#htmlTags(t);
      t = this.#inlineSyntax(t);
      return this.tokens.seal(t);
    } finally {
      this.#depth--;
    }
  }

  /**
   * Source text with line ends normalized and control characters removed (so it can hold no
   * token), preprocessed: comments gone, each extension element an `\x03<n>\x04` marker.
   */
  #prepare(source: string): string {
    const clean = source.replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '');
    const pre = preprocessWikitext(clean, this.#ctx.extensionTags);
    if (pre.extensions.length === 0) return pre.text;
    const base = this.#extensions.length;
    this.#extensions.push(...pre.extensions);
    let k = 0;
    return pre.text.replace(/\x7f/g, () => `\x03${base + k++}\x04`);
  }

  /** `<div class="redirectMsg">` with the link to the target (red when it is missing; text for another wiki). */
  redirectHeader(target: RedirectTarget): string {
    const label = escapeHtml(this.rc.redirectLabel ?? 'Redirect to:');
    const shown = `${target.interwiki ? `${target.interwiki}:` : ''}${this.#prefixed(target.namespace, target.title)}${target.fragment ? `#${target.fragment}` : ''}`;
    let link = escapeHtml(shown);
    if (!target.interwiki) {
      const prefixed = this.#prefixed(target.namespace, target.title);
      const href = this.rc.pageUrl(prefixed) + (target.fragment ? fragmentHref(target.fragment) : '');
      const exists = this.rc.pageExists?.(target.namespace, target.title) ?? true;
      link = exists
        ? `<a href="${escapeHtml(href)}" title="${escapeHtml(prefixed)}">${link}</a>`
        : `<a href="${escapeHtml(href)}" class="new" title="${escapeHtml(`${prefixed} (page does not exist)`)}">${link}</a>`;
    }
    return `<div class="redirectMsg"><p>${label}</p><ul class="redirectText"><li>${link}</li></ul></div>`;
  }

  #prefixed(namespace: number, title: string): string {
    if (namespace === 0) return title;
    return `${this.#ctx.namespaces.get(namespace)?.name ?? ''}:${title}`;
  }

  // Templates and extension elements, in document order.

  #expand(text: string): string {
    if (text.indexOf('{{') === -1) return this.#extensionsIn(text);
    let out = '';
    let from = 0;
    for (const span of braceSpans(text)) {
      out += this.#extensionsIn(text.slice(from, span.start));
      if (span.argument) {
        const inner = text.slice(span.start + 3, span.end - 3);
        const bar = inner.indexOf('|');
        out += bar === -1 ? this.#extensionsIn(`{{{${inner}}}}`) : this.#expand(inner.slice(bar + 1));
        from = span.end;
        continue;
      }
      const rendered = this.#template(text.slice(span.start + 2, span.end - 2));
      out += rendered;
      from = span.end;
      // A line of templates that show nothing leaves no blank line (it would start a paragraph).
      if (rendered === '' && text.charCodeAt(from) === 0x0a && endsAtLineStart(out)) from++;
    }
    return out + this.#extensionsIn(text.slice(from));
  }

  #extensionsIn(text: string): string {
    if (text.indexOf('\x03') === -1) return text;
    return text.replace(EXTENSION_MARKER, (_, n: string) => {
      const element = this.#extensions[Number(n)];
      return element ? this.#extension(element) : '';
    });
  }

  #template(inner: string): string {
    const call = splitTemplate(inner);
    const hasArguments = call.named.size + call.positional.length > 0 || inner.includes('|');
    const kind = classifyTransclusion(call.name, hasArguments, this.#ctx.magicWords);
    if (kind.kind === 'variable') return this.#variable(kind.name);
    if (kind.kind !== 'template') return '';
    const title = parseTitleParts(kind.name, this.#ctx.namespaces, { defaultNamespace: NS_TEMPLATE });
    if (!title || title.namespace !== NS_TEMPLATE || title.interwiki !== undefined) return '';
    const name = title.title;
    const template = { name, named: call.named, positional: call.positional };
    if (isInfoboxTitle(name, this.#ctx)) {
      const lower = name.toLowerCase();
      const prefix = this.#ctx.infoboxPrefixes.find((p) => lower.startsWith(p)) ?? '';
      const html = infoboxHtml(template, {
        prefix,
        inline: (w) => this.#inline(w),
        isImageParam: (param) =>
          this.#ctx.infoboxImageParams.has(
            param
              .replace(/[_\s]+/g, ' ')
              .trim()
              .toLowerCase(),
          ),
        image: (value) => this.#infoboxImage(value),
      });
      return this.tokens.add(html, CLOSES_BLOCK);
    }
    const lower = name.toLowerCase();
    if (this.#referenceLists.has(lower)) {
      const group = call.named.get('group') ?? '';
      return this.tokens.add(this.notes.takeList(decodeHtmlEntities(group)), CLOSES_BLOCK);
    }
    if (isCitationTemplate(name, this.#citations))
      return this.tokens.add(citationHtml(template, (w) => this.#inline(w)));
    return '';
  }

  #variable(name: string): string {
    if (name === '!') return '|';
    if (name === '=') return '=';
    const full = this.rc.title ?? '';
    const parsed = full === '' ? null : parseTitleParts(full, this.#ctx.namespaces);
    const page = parsed?.title ?? full;
    let value = '';
    switch (name) {
      case 'PAGENAME':
      case 'PAGENAMEE':
        value = page;
        break;
      case 'FULLPAGENAME':
      case 'FULLPAGENAMEE':
        value = full;
        break;
      case 'BASEPAGENAME':
      case 'ROOTPAGENAME':
        value = page.split('/')[0] ?? page;
        break;
      case 'SUBPAGENAME':
        value = page.slice(page.lastIndexOf('/') + 1);
        break;
      case 'NAMESPACE':
        value = parsed ? (this.#ctx.namespaces.get(parsed.namespace)?.name ?? '') : '';
        break;
      case 'SITENAME':
        value = this.rc.siteName ?? '';
        break;
    }
    return value === '' ? '' : this.tokens.add(escapeHtml(value));
  }

  #extension(element: ExtensionElement): string {
    const content = element.content;
    switch (element.name) {
      case 'nowiki':
        return content === null || content === '' ? '' : this.tokens.add(escapeText(content));
      case 'pre':
        return this.tokens.add(
          `<pre${sanitizeAttributes(element.attributes, 'pre')}>${escapeText((content ?? '').replace(/^\n/, ''))}</pre>`,
          CLOSES_BLOCK,
        );
      case 'syntaxhighlight':
      case 'source': {
        const code = escapeHtml(content ?? '');
        return readAttributes(element.attributes).has('inline')
          ? this.tokens.add(`<code>${code}</code>`)
          : this.tokens.add(`<pre>${code.replace(/^\n/, '')}</pre>`, CLOSES_BLOCK);
      }
      case 'math':
      case 'chem':
      case 'ce':
      case 'hiero':
        return this.tokens.add(`<code>${escapeHtml(content ?? '')}</code>`);
      case 'ref':
        return this.#reference(element);
      case 'references':
        return this.#referenceList(element);
      case 'poem':
        return this.#poem(content ?? '');
      case 'gallery':
        return this.#gallery(content ?? '');
      default:
        return '';
    }
  }

  #reference(element: ExtensionElement): string {
    const attributes = readAttributes(element.attributes);
    const content = element.content;
    const html = content === null || content.trim() === '' ? undefined : this.#inline(this.#prepare(content));
    return this.tokens.add(this.notes.use(attributes.get('name'), attributes.get('group') ?? '', html));
  }

  /** `<references/>`; refs written inside it (list-defined) give their names' texts. */
  #referenceList(element: ExtensionElement): string {
    const group = readAttributes(element.attributes).get('group') ?? '';
    if (element.content) {
      const clean = element.content.replace(CONTROL_CHARACTERS, '');
      for (const inner of preprocessWikitext(clean, this.#ctx.extensionTags).extensions) {
        if (inner.name !== 'ref' || inner.content === null) continue;
        const attributes = readAttributes(inner.attributes);
        const name = attributes.get('name');
        if (name !== undefined && inner.content.trim() !== '')
          this.notes.define(
            name,
            attributes.get('group') ?? group,
            this.#inline(this.#prepare(inner.content)),
          );
      }
    }
    return this.tokens.add(this.notes.takeList(group), CLOSES_BLOCK);
  }

  #poem(content: string): string {
    const lines = this.#prepare(content.replace(/^\n+|\n+$/g, '')).split('\n');
    const body = lines.map((line) => this.#inline(line)).join('<br>\n');
    return this.tokens.add(`<div class="poem"><p>${body}</p></div>`, CLOSES_BLOCK);
  }

  /** `<gallery>`: one `File:X.jpg|caption` per line, shown 120 px wide in MediaWiki's list. */
  #gallery(content: string): string {
    const items: string[] = [];
    for (const line of this.#prepare(content).split('\n')) {
      const bar = line.indexOf('|');
      const name = (bar === -1 ? line : line.slice(0, bar)).trim();
      if (name === '') continue;
      const title = parseTitleParts(name, this.#ctx.namespaces, { defaultNamespace: NS_FILE });
      if (!title || title.namespace !== NS_FILE || title.interwiki !== undefined) continue;
      const options = readFileOptions(['120x120px']);
      const caption = bar === -1 ? '' : line.slice(bar + 1);
      const image = this.#fileUse(title.title, options, '');
      items.push(
        `<li class="gallerybox"><div class="thumb">${image.html}</div>` +
          `<div class="gallerytext">${caption === '' ? '' : this.#inline(caption)}</div></li>`,
      );
    }
    if (items.length === 0) return '';
    return this.tokens.add(`<ul class="gallery mw-gallery-traditional">${items.join('')}</ul>`, CLOSES_BLOCK);
  }

  #infoboxImage(value: string): string | null {
    if (value.trim().startsWith('[[')) return null;
    const name = fileFromParameterValue(value, this.#ctx);
    if (name === null) return null;
    return this.#fileUse(name, readFileOptions(['frameless']), '').html;
  }

  // HTML tags page text wrote (Sanitizer::removeHTMLtags).

  /**
   * Allowed elements become tokens with sanitized attributes; a closing tag closes the elements
   * opened after its own; one that closes nothing stays text, as do disallowed elements; elements
   * still open at the end are closed there.
   */
  #htmlTags(text: string): string {
    if (text.indexOf('<') === -1) return text;
    const stack: string[] = [];
    const close = (name: string) => this.tokens.add(`</${name}>`, tagFlags(name, true));
    let out = text.replace(USER_TAG, (whole, slash: string, rawName: string, rest: string | undefined) => {
      const name = rawName.toLowerCase();
      const selfClosing = rest !== undefined && rest.trimEnd().endsWith('/');
      const attributes = selfClosing ? rest.trimEnd().slice(0, -1) : rest;
      if (!ALLOWED_ELEMENTS.has(name)) return whole;
      if (VOID_ELEMENTS.has(name)) {
        const attrs = slash === '/' ? '' : sanitizeAttributes(attributes ?? '', name);
        return this.tokens.add(`<${name}${attrs}>`, tagFlags(name, false));
      }
      if (slash === '/') {
        const at = stack.lastIndexOf(name);
        if (at === -1) return whole;
        let html = '';
        while (stack.length > at) html += close(stack.pop() as string);
        return html;
      }
      const open = this.tokens.add(
        `<${name}${sanitizeAttributes(attributes ?? '', name)}>`,
        tagFlags(name, false),
      );
      if (selfClosing) return open + close(name);
      stack.push(name);
      return open;
    });
    while (stack.length > 0) out += close(stack.pop() as string);
    return out;
  }

  // Line syntax: headings, `----`, behaviour switches.

  #lineSyntax(text: string): string {
    return text
      .split('\n')
      .map((source) => {
        let line = source;
        if (line.indexOf('__') !== -1)
          line = line.replace(/__([\p{L}\p{N}_]+?)__/gu, (m, word: string) =>
            BEHAVIOUR_SWITCHES.has(word.toLowerCase()) ? '' : m,
          );
        if (line.startsWith('=')) {
          const heading = readHeading(line, 0);
          if (heading) {
            const level = heading.level;
            const open = this.tokens.add(
              `<div class="mw-heading mw-heading${level}"><h${level} id="\x05${this.#headings++}\x06">`,
              OPENS_BLOCK,
            );
            return open + heading.title + this.tokens.add(`</h${level}></div>`, CLOSES_BLOCK);
          }
        }
        if (line.startsWith('----'))
          line = this.tokens.add('<hr>', CLOSES_BLOCK) + line.replace(/^-{4,}/, '');
        return line;
      })
      .join('\n');
  }

  #inlineSyntax(text: string): string {
    let t = this.#internalLinks(text);
    if (t.indexOf("''") !== -1) {
      const tag = (html: string) => this.tokens.add(html);
      t = t
        .split('\n')
        .map((line) => renderQuotes(line, tag))
        .join('\n');
    }
    return this.#externalLinks(t);
  }

  // Wikilinks (Parser::handleInternalLinks2).

  #internalLinks(text: string): string {
    let at = text.indexOf('[[');
    if (at === -1) return text;
    const search = linkSearch(text);
    let out = '';
    let plain = 0;
    while (at !== -1) {
      let run = 2;
      while (text.charCodeAt(at + run) === 0x5b) run++;
      let next = at + run;
      if (run % 2 === 0) {
        const open = at + run - 2;
        const link = readWikilink(text, open, search, this.#ctx);
        if (link) {
          const rendered = this.#link(text, open, link);
          out += text.slice(plain, open) + rendered.html;
          plain = next = rendered.end;
        }
      }
      at = text.indexOf('[[', next);
    }
    return out + text.slice(plain);
  }

  #link(text: string, open: number, link: Wikilink): { html: string; end: number } {
    const label = link.labelStart === -1 ? undefined : text.slice(link.labelStart, link.labelEnd);
    switch (link.kind) {
      case 'category':
      case 'langlink': {
        // A line of only category links leaves no empty line behind (T2087).
        const atLineStart = open === 0 || text.charCodeAt(open - 1) === 0x0a;
        return { html: '', end: link.end + (atLineStart && text.charCodeAt(link.end) === 0x0a ? 1 : 0) };
      }
      case 'file':
        return { html: this.#fileLink(link.title, label), end: link.end };
      case 'media':
        return { html: this.#mediaLink(link.title, label ?? link.text), end: link.end };
      case 'interwiki':
        return { html: label === undefined || label === '' ? link.text : label, end: link.end };
    }
    const trail = LINK_TRAIL.exec(text.slice(link.end, link.end + 64))?.[0] ?? '';
    const shown = (label === undefined || label === '' ? link.text : label) + trail;
    const end = link.end + trail.length;
    let openTag: string;
    if (link.kind === 'self') {
      openTag = `<a href="${escapeHtml(fragmentHref(link.text.slice(link.text.indexOf('#') + 1)))}">`;
    } else {
      const prefixed = this.#prefixed(link.namespace, link.title);
      if (this.rc.title !== undefined && prefixed === this.rc.title && !link.fragment) {
        openTag = '<a class="mw-selflink selflink">';
      } else {
        const href = this.rc.pageUrl(prefixed) + (link.fragment ? fragmentHref(link.fragment) : '');
        const exists = link.kind === 'special' || (this.rc.pageExists?.(link.namespace, link.title) ?? true);
        openTag = exists
          ? `<a href="${escapeHtml(href)}" title="${escapeHtml(prefixed)}">`
          : `<a href="${escapeHtml(href)}" class="new" title="${escapeHtml(`${prefixed} (page does not exist)`)}">`;
      }
    }
    return { html: this.tokens.add(openTag) + shown + this.tokens.add('</a>'), end };
  }

  /** `[[File:…]]`: its options split at the `|` outside nested links. */
  #fileLink(title: string, label: string | undefined): string {
    const parts: string[] = [];
    if (label !== undefined) {
      let depth = 0;
      let start = 0;
      for (let i = 0; i < label.length; i++) {
        const c = label.charCodeAt(i);
        if (c === 0x5b && label.charCodeAt(i + 1) === 0x5b) {
          depth++;
          i++;
        } else if (c === 0x5d && label.charCodeAt(i + 1) === 0x5d && depth > 0) {
          depth--;
          i++;
        } else if (c === 0x7c && depth === 0) {
          parts.push(label.slice(start, i));
          start = i + 1;
        }
      }
      parts.push(label.slice(start));
    }
    const options = readFileOptions(parts);
    const caption = options.caption;
    const rendered = this.#fileUse(title, options, caption === undefined ? '' : this.#inline(caption));
    return this.tokens.add(rendered.html, rendered.block ? CLOSES_BLOCK : 0);
  }

  #fileUse(title: string, options: FileOptions, captionHtml: string): { html: string; block: boolean } {
    const fileTitle = this.#prefixed(NS_FILE, title);
    const rendition = this.rc.fileRendition(title, fileBox(options));
    const filePageHref = this.rc.pageUrl(fileTitle);
    const exists = this.rc.pageExists?.(NS_FILE, title) ?? rendition !== null;
    let target: { href: string; external: boolean } | null = { href: filePageHref, external: false };
    if (options.link !== undefined) {
      const chosen = linkOption(this.#plain(options.link), (value) => this.#pageHref(value));
      if (chosen !== 'file-page') target = chosen;
    }
    const captionText = options.caption === undefined ? '' : this.#plain(options.caption);
    const alt = options.alt === undefined ? undefined : this.#plain(options.alt);
    return fileHtml(
      { ...options, alt },
      {
        fileTitle,
        fileName: title,
        rendition,
        target,
        filePage: { href: filePageHref, exists },
        captionHtml,
        captionText,
      },
    );
  }

  #mediaLink(title: string, label: string): string {
    const rendition = this.rc.fileRendition(title, {});
    const fileTitle = this.#prefixed(NS_FILE, title);
    const open =
      rendition === null
        ? `<a href="${escapeHtml(this.rc.pageUrl(fileTitle))}" class="new" title="${escapeHtml(fileTitle)}">`
        : `<a href="${escapeHtml(rendition.url)}" class="internal" title="${escapeHtml(title)}">`;
    return this.tokens.add(open) + label + this.tokens.add('</a>');
  }

  /** The URL of a page named in wikitext (`link=`), or null when it names no local page. */
  #pageHref(text: string): string | null {
    const title = parseTitleParts(text, this.#ctx.namespaces, this.#ctx.linkTitles);
    if (!title || title.interwiki !== undefined || title.title === '') return null;
    const fragment = title.fragment ? fragmentHref(title.fragment) : '';
    return this.rc.pageUrl(this.#prefixed(title.namespace, title.title)) + fragment;
  }

  /** Wikitext as plain text (for `alt` and `title`): markup and tokens dropped, references decoded. */
  #plain(wikitext: string): string {
    const text = wikitext.replace(/\x01\d+\x02|\x03\d+\x04/g, '');
    return decodeHtmlEntities(renderPlainText(text, this.#ctx, 1000).text)
      .replace(/\s+/g, ' ')
      .trim();
  }

  // External links (Parser::handleExternalLinks) and free URLs (Parser::handleMagicLinks).

  #externalLinks(text: string): string {
    if (text.indexOf(':') === -1 && text.indexOf('[') === -1 && !/ISBN|RFC|PMID/.test(text)) return text;
    let out = '';
    let plain = 0;
    let inAnchor = false;
    this.#labelStops = { from: -1, stop: -1 };
    const re = new RegExp(EXTERNAL_START.source, 'gu');
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const at = m.index;
      const found = m[0];
      if (found.charCodeAt(0) === 0x01) {
        const markup = this.tokens.markupOf(found) ?? '';
        if (markup.startsWith('<a ') || markup.startsWith('<a>')) inAnchor = true;
        else if (markup === '</a>') inAnchor = false;
        continue;
      }
      const link =
        found === '['
          ? this.#bracketedLink(text, at)
          : inAnchor
            ? null
            : found.endsWith(':')
              ? this.#freeLink(text, at)
              : this.#magicLink(text, at);
      if (!link) {
        if (found !== '[') re.lastIndex = at + 1;
        continue;
      }
      out += text.slice(plain, at) + link.html;
      plain = link.end;
      re.lastIndex = link.end;
    }
    return out + text.slice(plain);
  }

  #bracketedLink(text: string, at: number): { html: string; end: number } | null {
    const proto = protocolLength(text, at + 1);
    if (proto === 0) return null;
    let j = at + 1 + proto;
    while (j < text.length && isUrlChar(text.charCodeAt(j))) j++;
    if (j === at + 1 + proto) return null;
    const url = cleanExternalUrl(text.slice(at + 1, j));
    if (url === null) return null;
    while (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0xa0 || text.charCodeAt(j) === 0x09) j++;
    const labelStart = j;
    j = this.#labelStop(text, labelStart);
    if (j >= text.length || text.charCodeAt(j) !== 0x5d) return null;
    const label = text.slice(labelStart, j);
    const href = escapeHtml(url);
    if (label === '')
      return {
        html: this.tokens.add(
          `<a rel="nofollow" class="external autonumber" href="${href}">[${++this.#autonumber}]</a>`,
        ),
        end: j + 1,
      };
    return {
      html:
        this.tokens.add(`<a rel="nofollow" class="external text" href="${href}">`) +
        label +
        this.tokens.add('</a>'),
      end: j + 1,
    };
  }

  /** Where a bracketed link's label stops from `from`: its `]`, or a line end or control character (no link). */
  #labelStops = { from: -1, stop: -1 };

  #labelStop(text: string, from: number): number {
    const memo = this.#labelStops;
    if (memo.from >= 0 && from >= memo.from && from <= memo.stop) return memo.stop;
    let j = from;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x5d || (c < 0x20 && c !== 0x01 && c !== 0x02 && c !== 0x09) || c === 0xfffd) break;
    }
    this.#labelStops = { from, stop: j };
    return j;
  }

  #magicLink(text: string, at: number): { html: string; end: number } | null {
    const rest = text.slice(at, at + 64);
    const isbn = ISBN.exec(rest);
    if (isbn) {
      const digits = (isbn[1] ?? '').replace(/[ -]/g, '').replace('x', 'X');
      const href = this.rc.pageUrl(`${this.#prefixed(NS_SPECIAL, 'BookSources')}/${digits}`);
      return {
        html:
          this.tokens.add(`<a href="${escapeHtml(href)}" class="internal mw-magiclink-isbn">`) +
          isbn[0] +
          this.tokens.add('</a>'),
        end: at + isbn[0].length,
      };
    }
    const numbered = RFC_OR_PMID.exec(rest);
    if (!numbered) return null;
    const [whole, kind, number] = numbered as unknown as [string, string, string];
    const href =
      kind === 'RFC'
        ? `https://datatracker.ietf.org/doc/html/rfc${number}`
        : `//www.ncbi.nlm.nih.gov/pubmed/${number}?dopt=Abstract`;
    return {
      html:
        this.tokens.add(
          `<a class="external mw-magiclink-${kind.toLowerCase()}" rel="nofollow" href="${escapeHtml(href)}">`,
        ) +
        whole +
        this.tokens.add('</a>'),
      end: at + whole.length,
    };
  }

  #freeLink(text: string, at: number): { html: string; end: number } | null {
    const proto = protocolLength(text, at);
    if (proto === 0) return null;
    let j = at + proto;
    while (j < text.length && isUrlChar(text.charCodeAt(j))) j++;
    let raw = text.slice(at, j);
    raw = raw.replace(raw.includes('(') ? /[,;.:!?]+$/ : /[,;.:!?)]+$/, '');
    if (raw.length <= proto) return null;
    const url = cleanExternalUrl(raw);
    if (url === null) return null;
    return {
      html:
        this.tokens.add(`<a rel="nofollow" class="external free" href="${escapeHtml(url)}">`) +
        raw +
        this.tokens.add('</a>'),
      end: at + raw.length,
    };
  }
}

/** Whether `text` ends at a line start, spaces and tabs aside. */
function endsAtLineStart(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i--;
  return i < 0 || text.charCodeAt(i) === 0x0a;
}

interface BraceSpan {
  start: number;
  end: number;
  argument: boolean;
}

/**
 * The outermost `{{…}}` and `{{{…}}}` of `text`, matched as MediaWiki's preprocessor matches
 * brace runs: a closing run closes the innermost open run, three braces making an argument when
 * both sides have three, else two a template; unmatched braces are text.
 */
function braceSpans(text: string): BraceSpan[] {
  const spans: BraceSpan[] = [];
  const stack: { position: number; count: number }[] = [];
  let i = text.indexOf('{{');
  while (i !== -1 && i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x7b) {
      let run = 1;
      while (text.charCodeAt(i + run) === 0x7b) run++;
      if (run >= 2) stack.push({ position: i, count: run });
      i += run;
    } else if (c === 0x7d) {
      let run = 1;
      while (text.charCodeAt(i + run) === 0x7d) run++;
      while (run >= 2 && stack.length > 0) {
        const top = stack[stack.length - 1] as { position: number; count: number };
        const matched = Math.min(run, top.count) >= 3 ? 3 : 2;
        const start = top.position + top.count - matched;
        top.count -= matched;
        run -= matched;
        i += matched;
        if (top.count < 2) stack.pop();
        // A span closing around earlier ones replaces them: only the outermost are kept.
        while (spans.length > 0 && (spans[spans.length - 1] as BraceSpan).start >= start) spans.pop();
        spans.push({ start, end: i, argument: matched === 3 });
      }
      i += run;
    } else {
      i++;
    }
    if (stack.length === 0) {
      const next = text.indexOf('{{', i);
      i = next;
    } else {
      const open = text.indexOf('{', i);
      const close = text.indexOf('}', i);
      i = open === -1 ? close : close === -1 ? open : Math.min(open, close);
    }
  }
  return spans;
}
