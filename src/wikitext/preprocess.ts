/**
 * The preprocessor's first job, done up front: HTML comments and `<includeonly>` blocks disappear,
 * `<noinclude>`/`<onlyinclude>` tags disappear (their content stays: this is a page view, not a
 * transclusion), and every extension element (`<ref>`, `<nowiki>`, `<gallery>`, ...) is replaced
 * by a one-character strip marker, as MediaWiki replaces them with `\x7f'"UNIQ...` markers. The marker
 * is not a legal title character, so `[[a<nowiki/>b]]` is not a link, exactly as in MediaWiki.
 */

export const STRIP_MARKER = '\x7f';

/** Extension tags of the Wikimedia wikis. Their content never takes part in the page's own syntax. */
export const EXTENSION_TAGS: ReadonlySet<string> = new Set([
  'pre',
  'nowiki',
  'gallery',
  'indicator',
  'langconvert',
  'graph',
  'timeline',
  'hiero',
  'charinsert',
  'ref',
  'references',
  'inputbox',
  'imagemap',
  'source',
  'syntaxhighlight',
  'poem',
  'categorytree',
  'section',
  'score',
  'templatestyles',
  'templatedata',
  'math',
  'ce',
  'chem',
  'maplink',
  'mapframe',
  'page-collection',
  'phonos',
  'chart',
]);

/** Extension tags whose content is itself wikitext, parsed on its own (links and templates count). */
export const WIKITEXT_EXTENSION_TAGS: ReadonlySet<string> = new Set([
  'ref',
  'references',
  'poem',
  'indicator',
  'gallery',
  'imagemap',
]);

export interface ExtensionElement {
  /** Lowercased tag name. */
  name: string;
  attributes: string;
  /** Raw inner text; null for a self-closing element (`<ref name="a" />`). */
  content: string | null;
  /** Index of this element's strip marker in the preprocessed text. */
  marker: number;
}

export interface PreprocessedText {
  text: string;
  /** In document order, one per strip marker. */
  extensions: ExtensionElement[];
  /** Maps a position in `text` back to the source (a marker maps to its element's `<`). */
  sourceOffset(position: number): number;
}

const closeTagPatterns = new Map<string, RegExp>();

function closeTagPattern(name: string): RegExp {
  let re = closeTagPatterns.get(name);
  if (!re) {
    re = new RegExp(`</${name.replace(/-/g, '\\-')}\\s*>`, 'gi');
    closeTagPatterns.set(name, re);
  }
  return re;
}

function isTagNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
}

/** After a tag name MediaWiki wants whitespace, `>` or `/>` (or the end of the text). */
function endsTagName(text: string, at: number): boolean {
  if (at >= text.length) return true;
  const c = text.charCodeAt(at);
  if (c === 0x3e || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c) return true;
  return c === 0x2f && text.charCodeAt(at + 1) === 0x3e;
}

export function preprocessWikitext(source: string, extensionTags: ReadonlySet<string>): PreprocessedText {
  const n = source.length;
  let lt = source.indexOf('<');
  if (lt === -1) return { text: source, extensions: [], sourceOffset: (p) => p };

  const chunks: string[] = [];
  const extensions: ExtensionElement[] = [];
  const segmentText: number[] = [];
  const segmentSource: number[] = [];
  let length = 0;
  let copyFrom = 0;
  let noMoreGreaterThan = false;
  const noMoreCloseTag = new Set<string>();

  const copy = (from: number, to: number) => {
    if (to <= from) return;
    segmentText.push(length);
    segmentSource.push(from);
    chunks.push(source.slice(from, to));
    length += to - from;
  };
  const drop = (from: number, to: number) => {
    copy(copyFrom, from);
    copyFrom = to;
  };

  while (lt !== -1) {
    const i = lt;
    let resume = i + 1;
    if (source.startsWith('!--', i + 1)) {
      const close = source.indexOf('-->', i + 4);
      resume = close === -1 ? n : close + 3;
      drop(i, resume);
    } else {
      const closing = source.charCodeAt(i + 1) === 0x2f;
      const nameStart = closing ? i + 2 : i + 1;
      let nameEnd = nameStart;
      while (nameEnd < n && isTagNameChar(source.charCodeAt(nameEnd))) nameEnd++;
      const name = source.slice(nameStart, nameEnd).toLowerCase();
      if (nameEnd > nameStart && endsTagName(source, nameEnd)) {
        if (name === 'noinclude' || name === 'onlyinclude') {
          const gt = source.indexOf('>', nameEnd);
          if (gt !== -1) {
            resume = gt + 1;
            drop(i, resume);
          }
        } else if (!closing && (name === 'includeonly' || extensionTags.has(name)) && !noMoreGreaterThan) {
          const gt = source.indexOf('>', nameEnd);
          if (gt === -1) {
            noMoreGreaterThan = true;
          } else if (source.charCodeAt(gt - 1) === 0x2f) {
            resume = gt + 1;
            drop(i, resume);
            if (name !== 'includeonly') {
              addMarker(i, {
                name,
                attributes: source.slice(nameEnd, gt - 1),
                content: null,
                marker: length,
              });
            }
          } else if (name === 'includeonly') {
            const re = closeTagPattern(name);
            re.lastIndex = gt + 1;
            const m = re.exec(source);
            resume = m ? m.index + m[0].length : n;
            drop(i, resume);
          } else if (!noMoreCloseTag.has(name)) {
            const re = closeTagPattern(name);
            re.lastIndex = gt + 1;
            const m = re.exec(source);
            if (m) {
              resume = m.index + m[0].length;
              drop(i, resume);
              addMarker(i, {
                name,
                attributes: source.slice(nameEnd, gt),
                content: source.slice(gt + 1, m.index),
                marker: length,
              });
            } else {
              noMoreCloseTag.add(name);
            }
          }
        }
      }
    }
    lt = resume >= n ? -1 : source.indexOf('<', resume);
  }
  copy(copyFrom, n);

  function addMarker(sourceStart: number, element: ExtensionElement): void {
    segmentText.push(length);
    segmentSource.push(sourceStart);
    chunks.push(STRIP_MARKER);
    length += 1;
    extensions.push(element);
  }

  const sourceOffset = (position: number): number => {
    let lo = 0;
    let hi = segmentText.length - 1;
    if (hi < 0 || position < (segmentText[0] ?? 0)) return position;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((segmentText[mid] ?? 0) <= position) lo = mid;
      else hi = mid - 1;
    }
    return (segmentSource[lo] ?? 0) + position - (segmentText[lo] ?? 0);
  };
  return { text: chunks.join(''), extensions, sourceOffset };
}
