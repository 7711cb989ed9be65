/* eslint-disable no-control-regex -- the renderer's tokens and markers are control characters, which page text cannot hold */
import { escapeText } from './html-sanitizer.ts';

/**
 * The reading renderer's protected HTML (render-html.ts). Every piece of markup the renderer makes
 * is kept in this table and stands in the text as a token `\x01<n>\x02`; the text around tokens
 * stays wikitext until the last step, where it is escaped as a whole (escapeText). Page text
 * cannot write a token: control characters are removed from it before anything else. So the only
 * HTML that reaches the output is what the renderer built, and every character of page text is
 * escaped exactly once.
 *
 * Block flags say what MediaWiki's doBlockLevels would see in a tag: OPENS_BLOCK for tags that
 * start a block whose lines are not paragraphs (`<table>`, `<tr>`, `<hN>`, `<ul>`…), CLOSES_BLOCK
 * for tags after which paragraphs resume (`</table>`, `<td>`, `<div>`, `<hr>`, `<figure>`…).
 */

export const OPENS_BLOCK = 1;
export const CLOSES_BLOCK = 2;

const TOKEN = /\x01(\d+)\x02/g;
const TOKEN_OR_TEXT = /\x01(\d+)\x02|[^\x01]+|\x01/g;

type Entry = string | (() => string);

export class HtmlTokens {
  readonly #entries: Entry[] = [];
  readonly #flags: number[] = [];

  /** A token for `html`, markup the renderer built (page text in it already escaped). */
  add(html: Entry, flags = 0): string {
    this.#entries.push(html);
    this.#flags.push(flags);
    return `\x01${this.#entries.length - 1}\x02`;
  }

  /** The markup a token (`\x01<n>\x02`) stands for, when it is a string. */
  markupOf(token: string): string | undefined {
    const entry = this.#entries[Number(token.slice(1, -1))];
    return typeof entry === 'string' ? entry : undefined;
  }

  /** The union of the block flags of the tokens in `text`. */
  flagsIn(text: string): number {
    if (text.indexOf('\x01') === -1) return 0;
    let flags = 0;
    for (const m of text.matchAll(TOKEN)) flags |= this.#flags[Number(m[1])] ?? 0;
    return flags;
  }

  /**
   * `text` (wikitext with tokens) as one inline token: its text escaped now, its tokens kept, so
   * later passes over the surrounding text cannot read it again.
   */
  seal(text: string): string {
    return this.add(this.#escapeAround(text));
  }

  /** The final HTML of `text`: text escaped, tokens replaced by their markup, recursively. */
  resolve(text: string): string {
    return this.#expand(this.#escapeAround(text), 0);
  }

  #escapeAround(text: string): string {
    let out = '';
    for (const m of text.matchAll(TOKEN_OR_TEXT)) out += m[1] !== undefined ? m[0] : escapeText(m[0]);
    return out;
  }

  #expand(html: string, depth: number): string {
    if (html.indexOf('\x01') === -1) return html;
    if (depth > 64) return html.replace(TOKEN, '');
    return html.replace(TOKEN, (_, n: string) => {
      const entry = this.#entries[Number(n)] ?? '';
      return this.#expand(typeof entry === 'string' ? entry : entry(), depth + 1);
    });
  }
}

/** Control characters other than tab and newline, which page text may not carry into rendering. */
export const CONTROL_CHARACTERS = /[\x00-\x08\x0b-\x1f\x7f]/g;
