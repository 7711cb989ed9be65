import { CLOSES_BLOCK, OPENS_BLOCK, type HtmlTokens } from './html-tokens.ts';

/**
 * Paragraphs, lists and preformatted lines, as MediaWiki's BlockLevelPass (doBlockLevels) makes
 * them from the lines left after the inline passes:
 * - a line starting with `*#:;` is a list item; its prefix is compared with the previous line's to
 *   close and open nested `<ul>`, `<ol>`, `<dl>`; `;term : definition` splits at the first colon;
 * - a line holding a block tag (OPENS_BLOCK/CLOSES_BLOCK tokens) closes the paragraph; after an
 *   opening one (a table, a heading, a list) lines are left alone until a closing one;
 * - a line starting with a space (not blank, unless a `<pre>` is already open) is preformatted;
 * - other lines are paragraphs: one blank line ends a paragraph, each further blank line adds an
 *   empty paragraph with a `<br>`.
 */
export function renderBlockLevels(text: string, tokens: HtmlTokens): string {
  return new BlockLevelPass(tokens).run(text);
}

class BlockLevelPass {
  #lastSection: '' | 'p' | 'pre' = '';
  #dtOpen = false;

  constructor(private readonly tokens: HtmlTokens) {}

  private tag(html: string): string {
    return this.tokens.add(html);
  }

  private closeParagraph(): string {
    if (this.#lastSection === '') return '';
    const html = this.tag(`</${this.#lastSection}>`) + '\n';
    this.#lastSection = '';
    return html;
  }

  private openList(char: string): string {
    let html = this.closeParagraph();
    if (char === '*') html += this.tag('<ul><li>');
    else if (char === '#') html += this.tag('<ol><li>');
    else if (char === ':') html += this.tag('<dl><dd>');
    else {
      html += this.tag('<dl><dt>');
      this.#dtOpen = true;
    }
    return html;
  }

  private nextItem(char: string): string {
    if (char === '*' || char === '#') return this.tag('</li>') + '\n' + this.tag('<li>');
    const close = this.tag(this.#dtOpen ? '</dt>' : '</dd>') + '\n';
    if (char === ';') {
      this.#dtOpen = true;
      return close + this.tag('<dt>');
    }
    this.#dtOpen = false;
    return close + this.tag('<dd>');
  }

  private closeList(char: string): string {
    if (char === '*') return this.tag('</li></ul>');
    if (char === '#') return this.tag('</li></ol>');
    if (this.#dtOpen) {
      this.#dtOpen = false;
      return this.tag('</dt></dl>');
    }
    return this.tag('</dd></dl>');
  }

  /** `; term : definition`: the term and `:` as the next item, or null when there is no colon. */
  private splitDefinition(t: string): { term: string; rest: string } | null {
    const colon = t.indexOf(':');
    if (colon === -1) return null;
    return { term: t.slice(0, colon).trimEnd() + this.nextItem(':'), rest: t.slice(colon + 1).trimStart() };
  }

  run(text: string): string {
    const lines = text.split('\n');
    let output = '';
    let lastPrefix = '';
    let prefixLength = 0;
    let prefix2 = '';
    let pendingPTag: string | false = false;
    let inBlockElem = false;
    lines.forEach((line, index) => {
      const notLastLine = index < lines.length - 1;
      let lastPrefixLength = lastPrefix.length;
      prefixLength = /^[*#:;]*/.exec(line)?.[0].length ?? 0;
      const prefix = line.slice(0, prefixLength);
      prefix2 = prefix.replace(/;/g, ':');
      // List items start at their first non-space character, as MediaWiki shows them.
      let t = prefixLength > 0 ? line.slice(prefixLength).trimStart() : line.slice(prefixLength);
      if (prefixLength > 0 && lastPrefix === prefix2) {
        output += this.nextItem(prefix.slice(-1));
        pendingPTag = false;
        if (prefix.endsWith(';')) {
          const split = this.splitDefinition(t);
          if (split) {
            t = split.rest;
            output += split.term;
          }
        }
      } else if (prefixLength > 0 || lastPrefixLength > 0) {
        let common = 0;
        while (common < prefix.length && common < lastPrefix.length && prefix[common] === lastPrefix[common])
          common++;
        pendingPTag = false;
        while (common < lastPrefixLength) {
          output += this.closeList(lastPrefix.charAt(lastPrefixLength - 1));
          lastPrefixLength--;
        }
        if (prefixLength <= common && common > 0) output += this.nextItem(prefix.charAt(common - 1));
        if (this.#dtOpen && common > 0 && prefix.charAt(common - 1) === ':') output += this.nextItem(':');
        if (lastPrefix !== '' && prefixLength > common) output += '\n';
        while (prefixLength > common) {
          const char = prefix.charAt(common);
          output += this.openList(char);
          if (char === ';') {
            const split = this.splitDefinition(t);
            if (split) {
              t = split.rest;
              output += split.term;
            }
          }
          common++;
        }
        if (prefixLength === 0 && lastPrefix !== '') output += '\n';
        lastPrefix = prefix2;
      }
      if (prefixLength === 0) {
        const flags = this.tokens.flagsIn(t);
        if (flags !== 0) {
          pendingPTag = false;
          output += this.closeParagraph();
          inBlockElem = (flags & CLOSES_BLOCK) === 0 && (flags & OPENS_BLOCK) !== 0;
        } else if (!inBlockElem) {
          if (t.startsWith(' ') && (this.#lastSection === 'pre' || t.trim() !== '')) {
            if (this.#lastSection !== 'pre') {
              pendingPTag = false;
              output += this.closeParagraph() + this.tag('<pre>');
              this.#lastSection = 'pre';
            }
            t = t.slice(1);
          } else if (t.trim() === '') {
            if (pendingPTag !== false) {
              output += this.tag(pendingPTag) + this.tag('<br>');
              pendingPTag = false;
              this.#lastSection = 'p';
            } else if (this.#lastSection !== 'p') {
              output += this.closeParagraph();
              pendingPTag = '<p>';
            } else {
              pendingPTag = '</p><p>';
            }
          } else if (pendingPTag !== false) {
            output += this.tag(pendingPTag);
            pendingPTag = false;
            this.#lastSection = 'p';
          } else if (this.#lastSection !== 'p') {
            output += this.closeParagraph() + this.tag('<p>');
            this.#lastSection = 'p';
          }
        }
      }
      if (pendingPTag === false) {
        output += t;
        if (prefixLength === 0 && notLastLine) output += '\n';
      }
    });
    while (prefixLength > 0) {
      output += this.closeList(prefix2.charAt(prefixLength - 1));
      prefixLength--;
      if (prefixLength === 0) output += '\n';
    }
    if (this.#lastSection !== '') output += this.tag(`</${this.#lastSection}>`);
    return output;
  }
}
