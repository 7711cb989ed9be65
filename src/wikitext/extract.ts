/* eslint-disable no-control-regex -- section and strip markers are control characters, which page text cannot hold */
import { decodeHtmlEntities } from '../core/domain/html-entities.ts';
import { escapeHtml } from '../core/domain/html.ts';
import type { ResolvedContext } from './context.ts';
import { CONTROL_CHARACTERS } from './html-tokens.ts';
import { renderPlainText } from './plain-text.ts';
import { STRIP_MARKER, preprocessWikitext, type ExtensionElement } from './preprocess.ts';
import { readRedirect } from './redirect.ts';
import { readHeading } from './sections.ts';
import { stripTags } from './snippet.ts';

/**
 * The extract of a page as TextExtracts' `prop=extracts` gives it: the text a reader sees, without
 * what is not running text — templates (infoboxes, hatnotes, navigation boxes: they are not
 * expanded here), tables, `<div>`s, images and galleries, categories, references and the
 * reference list, as TextExtracts removes tables, divs, media, `sup.reference` and
 * `ol.references` from the page's HTML. Paragraphs and list items are lines; a heading starts a
 * section after a blank line.
 *
 * Built on the wikitext reader (plain-text.ts renders each section) rather than on HTML, so it
 * differs from TextExtracts where templates would add text; `<nowiki>`, `<pre>`, `<poem>` and
 * code blocks keep their text, other extension tags (`<ref>`, `<math>`, `<gallery>`…) none.
 */
export interface ExtractOptions {
  /** Only the text before the first heading (`exintro`). */
  intro: boolean;
  /** Plain text (`explaintext`); otherwise the same text as `<p>` paragraphs and `<hN>` headings. */
  plainText: boolean;
  /** How plain text shows a heading (`exsectionformat`): `wiki` `== Title ==`, `plain` the title, `raw` the markers. */
  sectionFormat: 'plain' | 'wiki' | 'raw';
  /** At most this many characters, the word at the cut completed, then an ellipsis (`exchars`). */
  chars?: number;
  /** At most this many sentences (`exsentences`). */
  sentences?: number;
}

/** TextExtracts' raw section markers: `\1\2` level `\2\1` before a heading's text. */
export const SECTION_MARKER_START = '\x01\x02';
export const SECTION_MARKER_END = '\x02\x01';
/** MediaWiki's `ellipsis` message, the same in English, German, Czech and Arabic. */
const ELLIPSIS = '…';
/** Extension elements whose text a reader sees as it is written. */
const VERBATIM_TAGS = new Set(['nowiki', 'pre', 'source', 'syntaxhighlight', 'poem']);
/** HTML elements dropped with their content, as TextExtracts' default `ExtractsRemoveClasses` drops them. */
const REMOVED_ELEMENTS = ['table', 'div', 'style', 'script'];
/** Where extension elements stand during rendering: their number between two control characters. */
const ELEMENT_TOKEN = /\x03(\d+)\x04/g;
const SECTION_LINE = /^\x01\x02(\d)\x02\x01(.*)$/;

export function textExtract(text: string, ctx: ResolvedContext, options: ExtractOptions): string {
  if (readRedirect(text, ctx)) return '';
  let extract = joinSections(readSections(text.replace(CONTROL_CHARACTERS, ''), ctx, options.intro));
  if (options.chars !== undefined) extract = firstChars(extract, options.chars);
  else if (options.sentences !== undefined) extract = firstSentences(extract, options.sentences);
  return options.plainText ? formatSections(extract, options.sectionFormat) : extractHtml(extract);
}

interface ExtractSection {
  /** Null for the lead. */
  heading: { level: number; text: string } | null;
  text: string;
}

function readSections(source: string, ctx: ResolvedContext, introOnly: boolean): ExtractSection[] {
  const pre = preprocessWikitext(source, ctx.extensionTags);
  let n = 0;
  const body = removeElements(
    pre.text.split(STRIP_MARKER).reduce((out, part) => `${out}\x03${n++}\x04${part}`),
  );
  const render = (wikitext: string) =>
    readable(renderPlainText(wikitext, ctx, Infinity).text, pre.extensions, ctx);
  const sections: ExtractSection[] = [];
  let heading: ExtractSection['heading'] = null;
  let from = 0;
  for (let lineStart = 0; ;) {
    const h = readHeading(body, lineStart);
    const newline = body.indexOf('\n', lineStart);
    if (h) {
      sections.push({ heading, text: render(body.slice(from, lineStart)) });
      if (introOnly) return sections;
      heading = { level: h.level, text: render(h.title).replace(/\n/g, ' ') };
      from = newline === -1 ? body.length : newline + 1;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  sections.push({ heading, text: render(body.slice(from)) });
  return sections;
}

/**
 * Rendered text as an extract shows it: extension elements back (their text, or nothing),
 * entities decoded, runs of spaces folded, one line a paragraph or list item, no empty lines.
 */
function readable(rendered: string, extensions: readonly ExtensionElement[], ctx: ResolvedContext): string {
  const withElements = rendered.replace(ELEMENT_TOKEN, (_, k: string) =>
    elementText(extensions[Number(k)], ctx),
  );
  return decodeHtmlEntities(withElements)
    .replace(/[\u00a0 \t\r]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

function elementText(element: ExtensionElement | undefined, ctx: ResolvedContext): string {
  if (!element || element.content === null || !VERBATIM_TAGS.has(element.name)) return '';
  if (element.name === 'poem') return renderPlainText(stripTags(element.content), ctx, Infinity).text;
  return element.content;
}

/** `<table>`, `<div>`, `<style>` and `<script>` elements, nested ones included, go with their content. */
function removeElements(text: string): string {
  let out = text;
  for (const name of REMOVED_ELEMENTS) {
    const tags = new RegExp(`<(/?)${name}(?=[\\s/>])[^>]*>`, 'gi');
    if (!tags.test(out)) continue;
    let result = '';
    let depth = 0;
    let copyFrom = 0;
    tags.lastIndex = 0;
    for (const m of out.matchAll(tags)) {
      const closing = m[1] === '/';
      const selfClosing = m[0].endsWith('/>');
      if (!closing && !selfClosing) {
        if (depth === 0) result += out.slice(copyFrom, m.index);
        depth++;
      } else if (closing && depth > 0 && --depth === 0) copyFrom = m.index + m[0].length;
    }
    out = depth > 0 ? result : result + out.slice(copyFrom);
  }
  return stripTags(out);
}

/** The sections as one text, each heading after a blank line as `\1\2`level`\2\1`text (TextExtracts' raw form). */
function joinSections(sections: ExtractSection[]): string {
  let out = '';
  for (const s of sections) {
    if (s.heading)
      out += `\n\n${SECTION_MARKER_START}${s.heading.level}${SECTION_MARKER_END}${s.heading.text}\n`;
    out += s.text;
  }
  return out.replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * `exchars`: the first `count` characters, the word (letters, digits, `_`, `/`) running through the
 * cut completed, then an ellipsis — unless that is no shorter than the whole text.
 */
export function firstChars(text: string, count: number): string {
  const chars = Array.from(text);
  if (chars.length <= count) return text;
  const rest = chars.slice(count).join('');
  const word = /^[\p{L}\p{N}\p{M}_/]*>?/u.exec(rest)![0];
  const cut = chars.slice(0, count).join('') + word;
  if (cut === text) return text;
  const truncated = cut.trim() + ELLIPSIS;
  return Array.from(truncated).length < chars.length ? truncated : text;
}

/**
 * `exsentences`: the first `count` sentences. A sentence ends at a full stop after anything but a
 * capital letter (not after the "J." of "J. Smith"), at `!` or `?`, each followed by a space, a
 * newline or the end, or at an ideographic or full-width stop; without any, the first line.
 */
export function firstSentences(text: string, count: number): string {
  if (count <= 0) return '';
  const ends = [...text.matchAll(/(?:\P{Lu}\.(?=[ \n]|$)|[!?](?=[ \n]|$)|[。．！？｡])+/gu)];
  if (ends.length === 0) return text.split('\n', 1)[0]!.trim();
  const last = ends[Math.min(count, ends.length) - 1]!;
  return text.slice(0, last.index + last[0].length).trim();
}

/** Headings of a plain-text extract in the asked form (`exsectionformat`). */
function formatSections(text: string, format: ExtractOptions['sectionFormat']): string {
  if (format === 'raw') return text;
  return text
    .split('\n')
    .map((line) => {
      const m = SECTION_LINE.exec(line);
      if (!m) return line;
      const title = m[2]!.trim();
      return format === 'wiki'
        ? `\n${'='.repeat(Number(m[1]))} ${title} ${'='.repeat(Number(m[1]))}`
        : `\n${title}`;
    })
    .join('\n');
}

/** The extract as HTML: each line a paragraph, each heading its `<hN>`; the text escaped. */
function extractHtml(text: string): string {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const m = SECTION_LINE.exec(line);
      if (!m) return `<p>${escapeHtml(line)}</p>`;
      return `<h${m[1]}>${escapeHtml(m[2]!.trim())}</h${m[1]}>`;
    })
    .join('\n');
}
