import { NS_FILE, NS_MODULE, NS_TEMPLATE } from '../core/domain/namespaces.ts';
import { isInfoboxTitle, type ResolvedContext } from './context.ts';
import { decodeHtmlEntities } from '../core/domain/html-entities.ts';
import { findExternalLinks } from './external-links.ts';
import { fileFromParameterValue, type LeadImageCandidate, type TemplateSpan } from './lead-image.ts';
import { linkSearch, rawUrlDecode, readWikilink, type LinkSearch } from './links.ts';
import { classifyTransclusion, type Transclusion } from './magic-words.ts';
import {
  STRIP_MARKER,
  WIKITEXT_EXTENSION_TAGS,
  preprocessWikitext,
  type ExtensionElement,
  type PreprocessedText,
} from './preprocess.ts';
import { readHeading, type Heading } from './sections.ts';
import { parseTitleParts, type ParsedTitle, type TitleParseOptions } from '../core/domain/titles.ts';

/**
 * One walk over preprocessed wikitext, collecting everything analysis needs. Braces are matched the
 * way MediaWiki's preprocessor does (Preprocessor_Hash::preprocessToDom): runs of `{` and `[[` are
 * pushed on a stack, a closing run matches only the piece on top, `{{{`…`}}}` is a template argument
 * and `{{`…`}}` a transclusion, `|` splits the top `{` piece into parts and the first `=` in a part
 * names it. Wikilinks are read at every `[[` split point (links.ts). Extension elements (`<ref>`,
 * `<gallery>`, `<poem>`...) are walked on their own with a fresh stack when their marker is reached,
 * as MediaWiki parses their content separately.
 */

export type FileSource = 'link' | 'gallery' | 'infobox';

interface FileUse {
  title: string;
  source: FileSource;
  /** Document order (see Frame). */
  order: number;
}

interface TemplateUse {
  namespace: number;
  title: string;
  order: number;
}

/**
 * Where a walked text sits in the page. Top-level positions are their own order; an extension
 * element's content is ordered inside (marker, marker + 1) so findings sort in document order.
 */
interface Frame {
  top: boolean;
  base: number;
  scale: number;
  length: number;
}

interface Piece {
  open: number;
  start: number;
  count: number;
  /** Start of each part: [0] is the name, then one per `|` (only while parts are tracked). */
  parts: number[];
  /** Position of the first `=` in each part, -1 when none. */
  equals: number[];
  /** What the transclusion is, known once its name ends (first `|`, or the close). */
  name: TranscludedName | null;
}

interface TranscludedName {
  transclusion: Transclusion;
  /** The template, or null for functions, variables and invalid names. */
  title: ParsedTitle | null;
  isInfobox: boolean;
  /** Whether parts after the name matter: infobox image parameters, DEFAULTSORT's flag. */
  tracksParts: boolean;
}

const NO_PARTS: number[] = [];

const TEMPLATE_TITLES: TitleParseOptions = { defaultNamespace: NS_TEMPLATE };
const MODULE_TITLES: TitleParseOptions = { defaultNamespace: NS_MODULE };
const FILE_TITLES: TitleParseOptions = { defaultNamespace: NS_FILE };

const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const PIPE = 0x7c;
const EQUALS = 0x3d;

/** Outside `{{`, braces and brackets matter; in a name also `|`; in tracked parts also `=`. */
const BRACKETS = 0;
const NAME = 1;
const PARTS = 2;

function indexOrEnd(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from);
  return at === -1 ? text.length : at;
}

export class WikitextScanner {
  readonly links: { namespace: number; title: string }[] = [];
  readonly #linkIndex = new Map<number, Set<string>>();
  /** Category title → explicit sort key, or null when the link has none. */
  readonly categories = new Map<string, string | null>();
  readonly langlinks = new Map<string, string>();
  /** External link URLs of every walked text (top level first, then extension contents). */
  readonly externalLinks: string[] = [];
  readonly files: FileUse[] = [];
  readonly templates: TemplateUse[] = [];
  readonly headings: Heading[] = [];
  readonly topTemplates: TemplateSpan[] = [];
  readonly leadFiles: LeadImageCandidate[] = [];
  readonly leadInfoboxImages: LeadImageCandidate[] = [];
  refCount = 0;
  noindex = false;
  /** Disambiguator's `__DISAMBIG__` switch, in any case as the extension matches it. */
  disambiguation = false;
  /** `__HIDDENCAT__` (case-insensitive, as MediaWiki's double-underscore words are by default). */
  hiddencat = false;
  hasInfobox = false;
  defaultSort: string | null = null;

  constructor(private readonly ctx: ResolvedContext) {}

  scanDocument(pre: PreprocessedText): void {
    this.scan(pre, { top: true, base: 0, scale: 1, length: pre.text.length });
  }

  private order(frame: Frame, position: number): number {
    return frame.top ? position : frame.base + (frame.scale * (position + 1)) / (frame.length + 2);
  }

  /** Top-level positions before the first heading are in the lead section. */
  #leadEnd = Infinity;

  private inLead(frame: Frame, position: number): boolean {
    return frame.top && position < this.#leadEnd;
  }

  private scan(pre: PreprocessedText, frame: Frame): void {
    const text = pre.text;
    const n = text.length;
    if (!this.noindex && text.indexOf('__NOINDEX__') !== -1) this.noindex = true;
    if (!this.disambiguation && /__disambig__/i.test(text)) this.disambiguation = true;
    if (!this.hiddencat && /__hiddencat__/i.test(text)) this.hiddencat = true;
    if (frame.top) this.findHeadings(text);
    for (const url of findExternalLinks(text)) this.externalLinks.push(url);
    const markers = pre.extensions;
    let nextMarker = 0;
    let markerAt = markers.length > 0 ? (markers[0]?.marker ?? n) : n;
    const search = linkSearch(text);
    const stack: Piece[] = [];
    let top: Piece | undefined;
    // Next position of each syntax character (memoized native indexOf, n when there is none):
    // braces and brackets always matter, `|` while a `{{` name is open, `=` in tracked parts.
    let openBrace = -1;
    let closeBrace = -1;
    let openBracket = -1;
    let closeBracket = -1;
    let pipe = -1;
    let equals = -1;
    let watched = BRACKETS;
    let i = 0;
    while (i < n) {
      if (openBrace < i) openBrace = indexOrEnd(text, '{', i);
      if (closeBrace < i) closeBrace = indexOrEnd(text, '}', i);
      if (openBracket < i) openBracket = indexOrEnd(text, '[', i);
      if (closeBracket < i) closeBracket = indexOrEnd(text, ']', i);
      let next = Math.min(openBrace, closeBrace, openBracket, closeBracket, markerAt);
      if (watched !== BRACKETS) {
        if (pipe < i) pipe = indexOrEnd(text, '|', i);
        if (pipe < next) next = pipe;
        if (watched === PARTS) {
          if (equals < i) equals = indexOrEnd(text, '=', i);
          if (equals < next) next = equals;
        }
      }
      i = next;
      if (i >= n) break;
      if (i === markerAt) {
        const element = markers[nextMarker++];
        markerAt = nextMarker < markers.length ? (markers[nextMarker]?.marker ?? n) : n;
        if (element) this.extension(element, i, frame);
        i++;
        continue;
      }
      const c = text.charCodeAt(i);
      switch (c) {
        case LBRACE: {
          let run = 1;
          while (text.charCodeAt(i + run) === LBRACE) run++;
          if (run >= 2) {
            top = { open: LBRACE, start: i, count: run, parts: [i + run], equals: [-1], name: null };
            stack.push(top);
          }
          i += run;
          break;
        }
        case LBRACKET: {
          let run = 1;
          while (text.charCodeAt(i + run) === LBRACKET) run++;
          if (run >= 2) {
            top = { open: LBRACKET, start: i, count: run, parts: NO_PARTS, equals: NO_PARTS, name: null };
            stack.push(top);
            if (run % 2 === 0) this.link(text, i + run - 2, search, frame);
          }
          i += run;
          break;
        }
        case RBRACE:
        case RBRACKET: {
          const open = c === RBRACE ? LBRACE : LBRACKET;
          if (top === undefined || top.open !== open) {
            i++;
            break;
          }
          let run = 1;
          while (run < top.count && text.charCodeAt(i + run) === c) run++;
          if (run < 2) {
            i++;
            break;
          }
          const closed = top;
          const matched = open === LBRACE && run >= 3 ? 3 : 2;
          stack.pop();
          if (matched === 2 && open === LBRACE) this.transclusion(text, closed, i, frame);
          const remaining = closed.count - matched;
          if (remaining >= 2) {
            const parts = open === LBRACE ? [closed.start + remaining] : NO_PARTS;
            const eq = open === LBRACE ? [-1] : NO_PARTS;
            stack.push({ open, start: closed.start, count: remaining, parts, equals: eq, name: null });
          }
          top = stack.length > 0 ? stack[stack.length - 1] : undefined;
          i += matched;
          break;
        }
        case PIPE: {
          // Only watched while a `{` piece is on top: it ends the name, then splits tracked parts.
          if (top !== undefined) {
            if (top.name === null) top.name = this.classifyName(text, top.parts[0] ?? i, i, true);
            top.parts.push(i + 1);
            top.equals.push(-1);
          }
          i++;
          break;
        }
        default: {
          // '=': the first one in a part after the name separates the parameter name.
          if (top !== undefined && top.parts.length > 1 && top.equals[top.equals.length - 1] === -1) {
            top.equals[top.equals.length - 1] = i;
          }
          i++;
        }
      }
      if (top === undefined || top.open !== LBRACE) watched = BRACKETS;
      else if (top.name === null) watched = NAME;
      else watched = top.name.tracksParts ? PARTS : BRACKETS;
    }
  }

  /** Headings of the page itself (not of `<ref>` or other extension content), in order. */
  private findHeadings(text: string): void {
    if (text.charCodeAt(0) === EQUALS) this.heading(text, 0);
    let p = text.indexOf('\n=');
    while (p !== -1) {
      this.heading(text, p + 1);
      p = text.indexOf('\n=', p + 2);
    }
    this.#leadEnd = this.headings[0]?.position ?? Infinity;
  }

  private heading(text: string, lineStart: number): void {
    const h = readHeading(text, lineStart);
    if (!h) return;
    if (h.title.indexOf(STRIP_MARKER) !== -1) h.title = h.title.split(STRIP_MARKER).join('').trim();
    this.headings.push(h);
  }

  /** Records a link to a local page, once. */
  addPageLink(namespace: number, title: string): void {
    let seen = this.#linkIndex.get(namespace);
    if (!seen) {
      seen = new Set();
      this.#linkIndex.set(namespace, seen);
    }
    if (!seen.has(title)) {
      seen.add(title);
      this.links.push({ namespace, title });
    }
  }

  private link(text: string, open: number, search: LinkSearch, frame: Frame): void {
    const link = readWikilink(text, open, search, this.ctx);
    if (!link) return;
    switch (link.kind) {
      case 'page':
        this.addPageLink(link.namespace, link.title);
        break;
      case 'media':
        this.files.push({ title: link.title, source: 'link', order: this.order(frame, open) });
        break;
      case 'file': {
        this.files.push({ title: link.title, source: 'link', order: this.order(frame, open) });
        if (this.inLead(frame, open)) {
          const options = link.labelStart === -1 ? '' : text.slice(link.labelStart, link.labelEnd);
          this.leadFiles.push({ title: link.title, position: open, options, origin: 'link' });
        }
        break;
      }
      case 'category': {
        let sortKey: string | null = null;
        if (link.labelStart !== -1) {
          sortKey = decodeHtmlEntities(text.slice(link.labelStart, link.labelEnd)).replace(/\n/g, '');
          if (sortKey.indexOf(STRIP_MARKER) !== -1) sortKey = sortKey.split(STRIP_MARKER).join('');
        }
        this.categories.set(link.title, sortKey);
        break;
      }
      case 'langlink': {
        const lang = link.interwiki ?? '';
        if (!this.langlinks.has(lang)) {
          const title = link.fragment === undefined ? link.title : `${link.title}#${link.fragment}`;
          this.langlinks.set(lang, title);
        }
        break;
      }
      default:
        break;
    }
  }

  private classifyName(
    text: string,
    nameStart: number,
    nameEnd: number,
    hasArguments: boolean,
  ): TranscludedName {
    const transclusion = classifyTransclusion(
      text.slice(nameStart, nameEnd),
      hasArguments,
      this.ctx.magicWords,
    );
    if (transclusion.kind === 'template') {
      const title = parseTitleParts(transclusion.name, this.ctx.namespaces, TEMPLATE_TITLES);
      if (!title || title.interwiki !== undefined) {
        return { transclusion, title: null, isInfobox: false, tracksParts: false };
      }
      const isInfobox = title.namespace === NS_TEMPLATE && isInfoboxTitle(title.title, this.ctx);
      return { transclusion, title, isInfobox, tracksParts: isInfobox };
    }
    const tracksParts = transclusion.kind === 'function' && transclusion.name === 'defaultsort';
    return { transclusion, title: null, isInfobox: false, tracksParts };
  }

  private transclusion(text: string, piece: Piece, close: number, frame: Frame): void {
    const start = piece.start + piece.count - 2;
    const name = piece.name ?? this.classifyName(text, piece.parts[0] ?? start + 2, close, false);
    const t = name.transclusion;
    if (name.title) {
      this.templates.push({
        namespace: name.title.namespace,
        title: name.title.title,
        order: this.order(frame, start),
      });
      if (name.isInfobox) {
        this.hasInfobox = true;
        this.infoboxImages(text, piece, close, start, frame);
      }
    } else if (t.kind === 'function') {
      this.parserFunction(t.name, t.argument, text, piece, close, frame, start);
    }
    if (frame.top) this.topTemplates.push({ start, end: close + 2, isInfobox: name.isInfobox });
  }

  private parserFunction(
    name: string,
    argument: string,
    text: string,
    piece: Piece,
    close: number,
    frame: Frame,
    start: number,
  ): void {
    if (name === '#invoke') {
      const module = parseTitleParts(argument, this.ctx.namespaces, MODULE_TITLES);
      if (module && module.namespace === NS_MODULE && module.interwiki === undefined) {
        this.templates.push({ namespace: NS_MODULE, title: module.title, order: this.order(frame, start) });
      }
    } else if (name === 'defaultsort' || name === 'defaultsortkey' || name === 'defaultcategorysort') {
      const flags =
        piece.parts.length > 1
          ? text
              .slice(piece.parts[1] ?? close, close)
              .trim()
              .toLowerCase()
          : '';
      if (!(flags === 'noreplace' && this.defaultSort !== null)) this.defaultSort = argument;
    } else if (name === '#tag' && argument.trim().toLowerCase() === 'ref') {
      this.refCount++;
    }
  }

  private infoboxImages(text: string, piece: Piece, close: number, start: number, frame: Frame): void {
    const { parts, equals } = piece;
    let best: string | null = null;
    let bestPreference = Infinity;
    for (let k = 1; k < parts.length; k++) {
      const eq = equals[k] ?? -1;
      if (eq === -1) continue;
      const partStart = parts[k] ?? 0;
      const name = text
        .slice(partStart, eq)
        .replace(/[_\s]+/g, ' ')
        .trim()
        .toLowerCase();
      const preference = this.ctx.infoboxImageParams.get(name);
      if (preference === undefined) continue;
      const partEnd = k + 1 < parts.length ? (parts[k + 1] ?? close) - 1 : close;
      const title = fileFromParameterValue(text.slice(eq + 1, partEnd), this.ctx);
      if (!title) continue;
      this.files.push({ title, source: 'infobox', order: this.order(frame, eq + 1) });
      if (preference < bestPreference) {
        best = title;
        bestPreference = preference;
      }
    }
    if (best !== null && this.inLead(frame, start)) {
      this.leadInfoboxImages.push({ title: best, position: start, options: '', origin: 'infobox' });
    }
  }

  private extension(element: ExtensionElement, marker: number, frame: Frame): void {
    if (element.name === 'ref') this.refCount++;
    if (element.content === null || !WIKITEXT_EXTENSION_TAGS.has(element.name)) return;
    const pre = preprocessWikitext(element.content, this.ctx.extensionTags);
    const inner: Frame = {
      top: false,
      base: this.order(frame, marker),
      scale: frame.top ? 1 : frame.scale / (frame.length + 2),
      length: pre.text.length,
    };
    if (element.name === 'gallery') this.scan(this.gallery(pre, marker, frame, inner), inner);
    else {
      if (element.name === 'imagemap') this.imagemap(pre.text, marker, frame, inner);
      this.scan(pre, inner);
    }
  }

  /**
   * `<gallery>` lines: "File:X.jpg|caption" or just "X.jpg|caption" (the File namespace is implied).
   * Returns what is left to scan: as in Parser::renderImageGallery, a line whose name (before the
   * first `|`) is empty or not a valid title is skipped whole, so its caption is never parsed.
   */
  private gallery(pre: PreprocessedText, marker: number, frame: Frame, inner: Frame): PreprocessedText {
    const content = pre.text;
    let skipped: number[] | null = null;
    let lineStart = 0;
    while (lineStart <= content.length) {
      let lineEnd = content.indexOf('\n', lineStart);
      if (lineEnd === -1) lineEnd = content.length;
      const pipe = content.indexOf('|', lineStart);
      let name = content.slice(lineStart, pipe === -1 || pipe > lineEnd ? lineEnd : pipe);
      if (name.indexOf('%') !== -1) name = rawUrlDecode(name);
      const title = name === '' ? null : parseTitleParts(name, this.ctx.namespaces, FILE_TITLES);
      if (title === null) {
        if (lineEnd > lineStart) (skipped ??= []).push(lineStart, lineEnd);
      } else if (title.namespace === NS_FILE && title.interwiki === undefined) {
        this.files.push({ title: title.title, source: 'gallery', order: this.order(inner, lineStart) });
        if (this.inLead(frame, marker)) {
          this.leadFiles.push({ title: title.title, position: marker, options: '', origin: 'gallery' });
        }
      }
      lineStart = lineEnd + 1;
    }
    return skipped === null ? pre : blankRanges(pre, skipped);
  }

  /** `<imagemap>`: the first line that is not blank or a `#` comment names the image. */
  private imagemap(content: string, marker: number, frame: Frame, inner: Frame): void {
    for (const raw of content.split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const pipe = line.indexOf('|');
      const title = parseTitleParts(pipe === -1 ? line : line.slice(0, pipe), this.ctx.namespaces);
      if (title && title.namespace === NS_FILE && title.interwiki === undefined) {
        this.files.push({ title: title.title, source: 'link', order: this.order(inner, 0) });
        if (this.inLead(frame, marker)) {
          const options = pipe === -1 ? '' : line.slice(pipe + 1);
          this.leadFiles.push({ title: title.title, position: marker, options, origin: 'link' });
        }
      }
      return;
    }
  }
}

/**
 * `pre` with the given [start, end) ranges (flat pairs, ascending) replaced by spaces, and the
 * extension elements inside them dropped: same length, so positions and order stay comparable.
 */
function blankRanges(pre: PreprocessedText, ranges: number[]): PreprocessedText {
  const chunks: string[] = [];
  let from = 0;
  for (let k = 0; k < ranges.length; k += 2) {
    const start = ranges[k] ?? 0;
    const end = ranges[k + 1] ?? start;
    chunks.push(pre.text.slice(from, start), ' '.repeat(end - start));
    from = end;
  }
  chunks.push(pre.text.slice(from));
  const inside = (position: number) => {
    for (let k = 0; k < ranges.length; k += 2) {
      if (position >= (ranges[k] ?? 0) && position < (ranges[k + 1] ?? 0)) return true;
    }
    return false;
  };
  return {
    text: chunks.join(''),
    extensions: pre.extensions.filter((e) => !inside(e.marker)),
    sourceOffset: pre.sourceOffset,
  };
}
