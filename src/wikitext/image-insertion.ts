import { analyzeWikitext, type Section } from './analyze.ts';
import type { WikitextContext } from './context.ts';

/**
 * Where GrowthExperiments' "add an image" puts an accepted image (suggested-edits-reference.md
 * §5.4): an article-level image at the top of the lead, after the templates, comments and behaviour
 * switches it starts with (hatnotes, infobox-less maintenance templates); a section-level image at
 * the start of the level-2 section, right under its heading.
 */
export type ImagePlacement = { section: null } | { section: { number: number; title: string } };

/** The thumbnail keyword (`img_thumbnail` magic word) in a language; English is understood everywhere. */
const THUMB_KEYWORDS: Readonly<Record<string, string>> = {
  ar: 'تصغير',
  cs: 'náhled',
  de: 'mini',
  es: 'miniaturadeimagen',
  fr: 'vignette',
  it: 'miniatura',
  nl: 'miniatuur',
  pl: 'mały',
  pt: 'miniaturadaimagem',
  sk: 'náhľad',
};

export const thumbKeyword = (lang: string): string => THUMB_KEYWORDS[lang] ?? 'thumb';

/**
 * `[[<File namespace>:<name>|<thumb>|<caption>]]` in the wiki's own words (the seed's Czech
 * `[[Soubor:Yellow cab.JPG|náhled|Osoba je chleba]]`). The caption is plain text (`captionText`);
 * without one the link ends after the keyword.
 */
export function imageLink(fileNamespace: string, name: string, lang: string, caption: string): string {
  const safe = captionText(caption);
  const link = `[[${fileNamespace}:${name.replace(/_/g, ' ')}|${thumbKeyword(lang)}`;
  return safe === '' ? `${link}]]` : `${link}|${safe}]]`;
}

/** Characters that would make a caption more than text: links, templates, tags, comments, signatures, the link's own `|`. */
const MARKUP = /[[\]{}|<>~&]/g;

/**
 * A caption as wikitext that shows exactly `caption`: runs of white space (a line break would end
 * the link) become one space, and markup characters are written as character references, so a
 * caption can neither end the link, hide the text after it (`<!--`), transclude, sign nor link
 * elsewhere. A caption that an image link would read as one of its options (`link=…`, `left`,
 * `200px`, a keyword in any language) starts with a character reference instead of its first
 * letter: options are recognised on the raw text.
 */
export function captionText(caption: string): string {
  const text = caption
    .trim()
    .replace(/\s+/g, ' ')
    .replace(MARKUP, (c) => `&#${c.codePointAt(0)!};`);
  if (text === '') return text;
  const optionLike = /^[^\s=]+=/u.test(text) || /^[\p{L}\p{N}_-]+$/u.test(text);
  if (!optionLike) return text;
  const first = String.fromCodePoint(text.codePointAt(0)!);
  return `&#${first.codePointAt(0)!};${text.slice(first.length)}`;
}

/**
 * The text with `link` inserted at `placement` (on a line of its own), or null when a section
 * placement names no level-2 section with that number and heading.
 */
export function insertImage(
  text: string,
  link: string,
  placement: ImagePlacement,
  ctx: WikitextContext,
): string | null {
  if (placement.section === null) {
    const at = leadInsertionPoint(text);
    return `${text.slice(0, at)}${link}\n${text.slice(at)}`;
  }
  const { number, title } = placement.section;
  const level2 = analyzeWikitext(text, ctx).sections.filter((s: Section) => s.level === 2);
  const heading = level2[number - 1];
  if (!heading || normalizeHeading(heading.title) !== normalizeHeading(title)) return null;
  const lineEnd = text.indexOf('\n', heading.offset);
  if (lineEnd === -1) return `${text}\n${link}`;
  return `${text.slice(0, lineEnd + 1)}${link}\n${text.slice(lineEnd + 1)}`;
}

const normalizeHeading = (s: string) => s.replace(/[\s_]+/g, ' ').trim();

/**
 * The offset after the leading templates (balanced `{{…}}`), comments, behaviour switches
 * (`__NOTOC__`) and blank lines of the text: where the lead's prose starts.
 */
export function leadInsertionPoint(text: string): number {
  let i = 0;
  for (;;) {
    const ws = /^\s*/.exec(text.slice(i))![0].length;
    const at = i + ws;
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end === -1) return text.length;
      i = end + 3;
      continue;
    }
    const magic = /^__[A-ZÄÖÜ_]+__/u.exec(text.slice(at));
    if (magic) {
      i = at + magic[0].length;
      continue;
    }
    if (text.startsWith('{{', at)) {
      const end = balancedEnd(text, at);
      if (end === -1) return lineStartBefore(text, at);
      i = end;
      continue;
    }
    return lineStartBefore(text, at);
  }
}

/** The start of the line `at` is on (the image goes on a line of its own). */
function lineStartBefore(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** The offset after the `}}` closing the `{{` at `start`, or -1 when it is never closed. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text.startsWith('{{', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('}}', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return -1;
}
