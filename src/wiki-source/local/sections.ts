/**
 * Section editing (MediaWiki's WikitextContent::replaceSection / Parser::extractSections): sections
 * are numbered by the headings written in the page itself (levels 1–6, `== Title ==` on a line of
 * their own), ignoring headings inside comments, <nowiki>, <pre> and <source>/<syntaxhighlight>.
 * Section 0 is the text before the first heading; section n runs from its heading to the next
 * heading of the same or a higher level.
 */
export interface Heading {
  /** 1-based section number. */
  index: number;
  level: number;
  /** The heading's text, trimmed. */
  title: string;
  /** Offset of the heading line in the text. */
  start: number;
}

const HEADING_LINE = /^(=+)(.+?)(=+)[ \t]*$/gm;
const OPAQUE = /<!--[\s\S]*?(?:-->|$)|<(nowiki|pre|source|syntaxhighlight)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;

export function headingsOf(text: string): Heading[] {
  // Blank out opaque regions (keeping offsets and newlines) so headings inside them are not seen.
  const masked = text.replace(OPAQUE, (m) => m.replace(/[^\n]/g, ' '));
  const out: Heading[] = [];
  for (const m of masked.matchAll(HEADING_LINE)) {
    const lead = m[1]?.length ?? 0;
    const trail = m[3]?.length ?? 0;
    const level = Math.min(lead, trail, 6);
    // "==Foo===" is a level-2 heading titled "Foo=" (the unbalanced '=' belong to the title).
    const inner = '='.repeat(lead - level) + (m[2] ?? '') + '='.repeat(trail - level);
    const title = inner.trim();
    if (title === '') continue;
    out.push({ index: out.length + 1, level, title, start: m.index });
  }
  return out;
}

/** [start, end) of section `n` in `text`, or null when there is no such section. */
export function sectionRange(
  text: string,
  n: number,
): { start: number; end: number; heading: Heading | null } | null {
  const headings = headingsOf(text);
  if (n === 0) return { start: 0, end: headings[0]?.start ?? text.length, heading: null };
  const h = headings[n - 1];
  if (!h) return null;
  const next = headings.slice(n).find((x) => x.level <= h.level);
  return { start: h.start, end: next?.start ?? text.length, heading: h };
}

export function sectionText(text: string, n: number): string | null {
  const r = sectionRange(text, n);
  return r ? text.slice(r.start, r.end).replace(/\s+$/, '') : null;
}

/**
 * `text` with section `n` replaced by `replacement`; null when the section does not exist. The
 * following section is separated by a blank line, as MediaWiki does.
 */
export function replaceSection(text: string, n: number, replacement: string): string | null {
  const r = sectionRange(text, n);
  if (!r) return null;
  const before = text.slice(0, r.start);
  const after = text.slice(r.end);
  const body = replacement.replace(/\s+$/, '');
  if (after === '') return before + body;
  return before + body + (body === '' ? '' : '\n\n') + after;
}

/**
 * `section=new`: the text with a new section appended (`== title ==` when a title is given),
 * separated from existing content by a blank line.
 */
export function appendNewSection(text: string, sectionTitle: string, body: string): string {
  const section = sectionTitle.trim() === '' ? body : `== ${sectionTitle.trim()} ==\n\n${body}`;
  return text.trim() === '' ? section : `${text.replace(/\s+$/, '')}\n\n${section}`;
}
