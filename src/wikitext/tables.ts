import { sanitizeAttributes } from './html-sanitizer.ts';
import { CLOSES_BLOCK, OPENS_BLOCK, type HtmlTokens } from './html-tokens.ts';

/**
 * Wikitext tables as MediaWiki's Parser::handleTables reads them, line by line: `{|` (after any
 * `:` indents) opens a table, `|+` a caption, `|-` a row, `|` and `!` cells (`||` and `!!` more
 * cells on the line, `attributes | content` when the part before the first `|` holds no `[[`),
 * `|}` closes; tables nest. A row or cell outside a row opens one; a table without rows gets an
 * empty one; an empty `{|` `|}` is dropped. Cell content stays wikitext for the later passes;
 * the markup becomes tokens.
 */
export function renderTables(text: string, tokens: HtmlTokens): string {
  if (text.indexOf('{|') === -1) return text;
  const tag = (html: string, flags: number) => tokens.add(html, flags);
  // doBlockLevels sees `</td>` and `</th>` as opening a block, `<td>` and `<th>` as closing one.
  const closeCell = (name: string) => tag(`</${name}>`, name === 'caption' ? 0 : OPENS_BLOCK);
  const out: string[] = [];
  interface Level {
    inCell: boolean;
    lastTag: string;
    inRow: boolean;
    rowAttributes: string;
    hasRow: boolean;
    indent: number;
    emptyFrom: number;
  }
  const stack: Level[] = [];
  for (const source of text.split('\n')) {
    const line = source.trim();
    if (line === '') {
      out.push(source);
      continue;
    }
    const open = /^(:*)\s*\{\|(.*)$/.exec(line);
    if (open) {
      const indent = (open[1] ?? '').length;
      out.push(
        tag('<dl><dd>', OPENS_BLOCK).repeat(indent) +
          tag(`<table${sanitizeAttributes(open[2] ?? '', 'table')}>`, OPENS_BLOCK),
      );
      stack.push({
        inCell: false,
        lastTag: '',
        inRow: false,
        rowAttributes: '',
        hasRow: false,
        indent,
        emptyFrom: out.length - 1,
      });
      continue;
    }
    const level = stack[stack.length - 1];
    if (!level) {
      out.push(source);
      continue;
    }
    const first = line.charAt(0);
    const firstTwo = line.slice(0, 2);
    if (firstTwo === '|}') {
      let closing = '';
      if (level.inCell) closing += closeCell(level.lastTag);
      if (level.inRow) closing += tag('</tr>', OPENS_BLOCK);
      if (!level.hasRow) closing += tag('<tr><td></td></tr>', OPENS_BLOCK | CLOSES_BLOCK);
      stack.pop();
      if (!level.hasRow && level.emptyFrom === out.length - 1 && level.indent === 0) {
        // `{|` then `|}` and nothing between: MediaWiki drops the table.
        out.pop();
        out.push(line.slice(2));
        continue;
      }
      out.push(
        closing +
          tag('</table>', CLOSES_BLOCK) +
          tag('</dd></dl>', CLOSES_BLOCK).repeat(level.indent) +
          line.slice(2),
      );
      continue;
    }
    if (firstTwo === '|-') {
      level.rowAttributes = sanitizeAttributes(line.replace(/^\|-+/, ''), 'tr');
      let closing = '';
      if (level.inCell) closing += closeCell(level.lastTag);
      if (level.inRow) closing += tag('</tr>', OPENS_BLOCK);
      level.inCell = false;
      level.inRow = false;
      level.lastTag = '';
      level.hasRow = true;
      out.push(closing);
      continue;
    }
    if (first !== '|' && first !== '!') {
      out.push(source);
      continue;
    }
    const kind = firstTwo === '|+' ? '+' : first;
    let body = kind === '+' ? line.slice(2) : line.slice(1);
    if (kind === '!') body = body.replace(/!!/g, '||');
    let rendered = '';
    for (const cell of body.split('||')) {
      let previous = '';
      if (kind !== '+') {
        if (!level.inRow) previous = tag(`<tr${level.rowAttributes}>`, OPENS_BLOCK);
        level.rowAttributes = '';
        level.inRow = true;
        level.hasRow = true;
      }
      if (level.inCell) previous = closeCell(level.lastTag) + previous;
      const name = kind === '|' ? 'td' : kind === '!' ? 'th' : 'caption';
      level.lastTag = name;
      const bar = cell.indexOf('|');
      const attributesPart = bar === -1 ? '' : cell.slice(0, bar);
      if (bar === -1 || attributesPart.includes('[[')) {
        rendered += previous + tag(`<${name}>`, name === 'caption' ? 0 : CLOSES_BLOCK) + cell.trim();
      } else {
        const attributes = sanitizeAttributes(attributesPart, name);
        rendered +=
          previous +
          tag(`<${name}${attributes}>`, name === 'caption' ? 0 : CLOSES_BLOCK) +
          cell.slice(bar + 1).trim();
      }
      level.inCell = true;
    }
    out.push(rendered);
  }
  while (stack.length > 0) {
    const level = stack.pop() as Level;
    let closing = '';
    if (level.inCell) closing += closeCell(level.lastTag);
    if (level.inRow) closing += tag('</tr>', OPENS_BLOCK);
    if (!level.hasRow) closing += tag('<tr><td></td></tr>', OPENS_BLOCK | CLOSES_BLOCK);
    out.push(closing + tag('</table>', CLOSES_BLOCK) + tag('</dd></dl>', CLOSES_BLOCK).repeat(level.indent));
  }
  return out.join('\n');
}
