/**
 * Section headings as MediaWiki's preprocessor finds them: a line that starts with `=` and ends with
 * `=` (trailing spaces and tabs allowed; comments are already gone). The level is the smaller of the
 * two runs, capped at 6; extra `=` stay in the title (`=== X ==` is a level-2 "= X"). A line of only
 * `=` signs is a heading of level floor((n-1)/2) titled by the leftover signs ("===" is level 1 "=").
 */

export interface Heading {
  level: number;
  /** Heading wikitext between the `=` runs, trimmed. */
  title: string;
  /** Position of the line start in the text that was scanned. */
  position: number;
}

/** The heading on the line starting at `lineStart`, or null. */
export function readHeading(text: string, lineStart: number): Heading | null {
  if (text.charCodeAt(lineStart) !== 0x3d) return null;
  let lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd === -1) lineEnd = text.length;
  let end = lineEnd;
  while (end > lineStart) {
    const c = text.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break;
    end--;
  }
  let open = 0;
  while (lineStart + open < end && text.charCodeAt(lineStart + open) === 0x3d) open++;
  let level: number;
  let title: string;
  if (lineStart + open === end) {
    level = Math.min(6, Math.floor((open - 1) / 2));
    if (level < 1) return null;
    title = '='.repeat(open - 2 * level);
  } else {
    let close = 0;
    while (text.charCodeAt(end - 1 - close) === 0x3d) close++;
    level = Math.min(open, close, 6);
    if (level < 1) return null;
    title = text.slice(lineStart + level, end - level).trim();
  }
  return { level, title, position: lineStart };
}
