import type { ResolvedContext } from './context.ts';
import { linkSearch, protocolLength, readWikilink, type LinkSearch } from './links.ts';
import { BEHAVIOUR_SWITCHES } from './magic-words.ts';

/**
 * Wikitext rendered to the text a reader would see, for snippets. Without a template store this is
 * an approximation of parse-then-strip-HTML:
 * - `{{...}}` (balanced) renders as nothing: a transclusion we cannot expand; an unbalanced `{{`
 *   stays as text;
 * - tables (`{|` ... `|}` at line starts) are dropped, cell text included;
 * - `[[Page]]` → "Page" as written, `[[Page|label]]` → label, a link trail stays glued ("[[dog]]s");
 *   File, Category and interlanguage links render as nothing (thumbnail captions included);
 *   `[http://x label]` → label, `[http://x]` → "[1]", "[2]"... as MediaWiki numbers them;
 * - bold/italic quotes, heading `=`, list markers (`*#:;`), `----` and `__SWITCHES__` are removed.
 * HTML entities are left for the caller to decode (stripAllTags does it after rendering).
 * Rendering stops early once `limit` characters are out; `complete` says whether it did.
 */
export interface PlainText {
  text: string;
  complete: boolean;
}

const APOSTROPHE = 0x27;

/** A URL in brackets ends at `]`, a space (any Unicode Zs), a control character or U+FFFD. */
function isUrlEnd(c: number): boolean {
  return (
    c <= 0x20 ||
    c === 0x5d ||
    c === 0x7f ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfffd
  );
}

/** An external link label ends at `]`; a newline or control character first means no link. */
function isLabelEnd(c: number): boolean {
  return c === 0x5d || c < 0x09 || (c >= 0x0a && c < 0x20) || c === 0xfffd;
}

/**
 * Memoized search for the first position at or after `from` whose character stops a scan (the
 * text length when none): repeated queries from increasing offsets cost linear time overall.
 */
class NextStop {
  #from = -1;
  #found = -1;

  constructor(
    private readonly text: string,
    private readonly isStop: (c: number) => boolean,
  ) {}

  next(from: number): number {
    if (this.#from >= 0 && from >= this.#from && from <= this.#found) return this.#found;
    let i = from;
    while (i < this.text.length && !this.isStop(this.text.charCodeAt(i))) i++;
    this.#from = from;
    this.#found = i;
    return i;
  }
}

export function renderPlainText(text: string, ctx: ResolvedContext, limit: number): PlainText {
  return new PlainTextRenderer(text, ctx, limit).render();
}

class PlainTextRenderer {
  readonly #out: string[] = [];
  #length = 0;
  #externalLinks = 0;
  #unbalancedBracesFrom = Infinity;
  #stopped = false;
  readonly #search: LinkSearch;
  readonly #urlEnds: NextStop;
  readonly #labelEnds: NextStop;

  constructor(
    private readonly text: string,
    private readonly ctx: ResolvedContext,
    private readonly limit: number,
  ) {
    this.#search = linkSearch(text);
    this.#urlEnds = new NextStop(text, isUrlEnd);
    this.#labelEnds = new NextStop(text, isLabelEnd);
  }

  render(): PlainText {
    const text = this.text;
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (this.#length > this.limit) return { text: this.#out.join(''), complete: false };
      i = this.lineStart(i);
      if (i >= n) break;
      i = this.inline(i, n, true);
      if (text.charCodeAt(i) === 0x0a) {
        this.emit('\n');
        i++;
      }
    }
    return { text: this.#out.join(''), complete: !this.#stopped };
  }

  private emit(s: string): void {
    this.#out.push(s);
    this.#length += s.length;
  }

  /** Block syntax at a line start; returns where inline rendering of the line begins. */
  private lineStart(i: number): number {
    const text = this.text;
    let j = i;
    while (true) {
      const c = text.charCodeAt(j);
      if (c !== 0x20 && c !== 0x09 && c !== 0x3a) break;
      j++;
    }
    if (text.startsWith('{|', j)) return this.skipTable(j);
    const c = text.charCodeAt(i);
    if (c === 0x3d) {
      const end = this.headingEnd(i);
      if (end !== -1) return end;
    }
    if (text.startsWith('----', i)) {
      let k = i + 4;
      while (text.charCodeAt(k) === 0x2d) k++;
      return k;
    }
    let k = i;
    while (true) {
      const m = text.charCodeAt(k);
      if (m !== 0x2a && m !== 0x23 && m !== 0x3a && m !== 0x3b) break;
      k++;
    }
    return k;
  }

  /** Renders a heading line's text and returns its line end, or -1 when the line is no heading. */
  private headingEnd(i: number): number {
    const text = this.text;
    let lineEnd = text.indexOf('\n', i);
    if (lineEnd === -1) lineEnd = text.length;
    let end = lineEnd;
    while (end > i && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09)) end--;
    let open = 0;
    while (i + open < end && text.charCodeAt(i + open) === 0x3d) open++;
    let close = 0;
    while (close < end - i - open && text.charCodeAt(end - 1 - close) === 0x3d) close++;
    const level = Math.min(open, close, 6);
    if (level < 1 || i + open === end) return -1;
    this.inline(i + level, end - level, false);
    return lineEnd;
  }

  /** Skips a table and any nested ones; returns the end of the closing `|}` line. */
  private skipTable(i: number): number {
    const text = this.text;
    let depth = 0;
    let lineStart = i;
    while (lineStart < text.length) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd === -1) lineEnd = text.length;
      let j = lineStart;
      while (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09 || text.charCodeAt(j) === 0x3a) j++;
      if (text.startsWith('{|', j)) depth++;
      else if (text.startsWith('|}', j) && --depth === 0) return lineEnd;
      lineStart = lineEnd + 1;
    }
    return text.length;
  }

  /**
   * Renders [from, to); with `stopAtNewline` it returns at the first newline outside links and
   * templates (the caller handles the next line start).
   */
  private inline(from: number, to: number, stopAtNewline: boolean): number {
    const text = this.text;
    let i = from;
    let plain = from;
    const flush = (until: number) => {
      if (until > plain) this.emit(text.slice(plain, until));
    };
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) {
        if (stopAtNewline) {
          flush(i);
          return i;
        }
        i++;
        continue;
      }
      // Some pages are one long line: stop mid-line once enough text is out (render() sees it).
      if (stopAtNewline && this.#length > this.limit) {
        flush(i);
        this.#stopped = true;
        return to;
      }
      if (c === 0x7b && text.charCodeAt(i + 1) === 0x7b) {
        const end = this.templateEnd(i);
        if (end !== -1) {
          flush(i);
          i = plain = end;
          continue;
        }
        i += 2;
        continue;
      }
      if (c === 0x5b) {
        let run = 1;
        while (text.charCodeAt(i + run) === 0x5b) run++;
        // Pieces split at non-overlapping `[[` from the left: only an even run ends at a split point.
        const next =
          run === 1 ? this.externalLink(i, flush) : run % 2 === 0 ? this.wikilink(i + run - 2, flush) : -1;
        if (next !== -1) {
          i = plain = next;
          continue;
        }
        i += run;
        continue;
      }
      if (c === APOSTROPHE && text.charCodeAt(i + 1) === APOSTROPHE) {
        let run = 2;
        while (text.charCodeAt(i + run) === APOSTROPHE) run++;
        flush(i);
        // '''' is an apostrophe then bold; more than five keep the extras as apostrophes.
        if (run === 4) this.emit("'");
        else if (run > 5) this.emit("'".repeat(run - 5));
        i = plain = i + run;
        continue;
      }
      if (c === 0x5f && text.charCodeAt(i + 1) === 0x5f) {
        const end = this.behaviourSwitchEnd(i);
        if (end !== -1) {
          flush(i);
          i = plain = end;
          continue;
        }
        i += 2;
        continue;
      }
      i++;
    }
    flush(Math.min(i, to));
    return i;
  }

  /** The wikilink whose `[[` is at `open`: renders it and returns its end, or -1 when it is text. */
  private wikilink(open: number, flush: (until: number) => void): number {
    const link = readWikilink(this.text, open, this.#search, this.ctx);
    if (!link) return -1;
    flush(open);
    if (link.kind === 'file' || link.kind === 'category' || link.kind === 'langlink') return link.end;
    if (link.labelStart !== -1) this.inline(link.labelStart, link.labelEnd, false);
    else this.emit(link.text);
    return link.end;
  }

  /** `[url label]` on one line; the URL runs to the first space or control character. */
  private externalLink(i: number, flush: (until: number) => void): number {
    const text = this.text;
    const proto = protocolLength(text, i + 1);
    if (proto === 0) return -1;
    const urlStart = i + 1 + proto;
    let j = this.#urlEnds.next(urlStart);
    if (j === urlStart) return -1;
    while (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0xa0) j++;
    const labelStart = j;
    j = this.#labelEnds.next(labelStart);
    if (text.charCodeAt(j) !== 0x5d) return -1;
    flush(i);
    if (j > labelStart) this.inline(labelStart, j, false);
    else this.emit(`[${++this.#externalLinks}]`);
    return j + 1;
  }

  /** End of the balanced `{{ ... }}` starting at `i`, or -1 when it never closes. */
  private templateEnd(i: number): number {
    if (i >= this.#unbalancedBracesFrom) return -1;
    const text = this.text;
    let depth = 1;
    let j = i + 2;
    let open = text.indexOf('{{', j);
    let close = text.indexOf('}}', j);
    while (close !== -1) {
      if (open !== -1 && open < close) {
        depth++;
        j = open + 2;
        open = text.indexOf('{{', j);
        continue;
      }
      j = close + 2;
      if (--depth === 0) return j;
      close = text.indexOf('}}', j);
      if (open !== -1 && open < j) open = text.indexOf('{{', j);
    }
    this.#unbalancedBracesFrom = i;
    return -1;
  }

  /** End of a `__SWITCH__` at `i` (known English word, or any all-uppercase localized one), or -1. */
  private behaviourSwitchEnd(i: number): number {
    const text = this.text;
    const close = text.indexOf('__', i + 2);
    if (close === -1 || close - i > 42 || close === i + 2) return -1;
    const word = text.slice(i + 2, close);
    if (!/^[\p{L}\p{N}]+(?:_[\p{L}\p{N}]+)*$/u.test(word)) return -1;
    if (BEHAVIOUR_SWITCHES.has(word.toLowerCase()) || word === word.toUpperCase()) return close + 2;
    return -1;
  }
}
