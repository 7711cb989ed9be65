/** A line of a public pageview dump: `domain_code page_title count_views total_response_size`. */
export interface PageviewLine {
  domain: string;
  /** As the dump writes it: a DB key (underscores), percent-encoded in older files. */
  title: string;
  views: number;
}

export type ParsedPageviewLine = { ok: true; line: PageviewLine } | { ok: false; reason: string };

/**
 * Reads one line of the hourly `pageviews-*` (and older `pagecounts-*`) files: four fields
 * separated by single spaces, the views a non-negative integer; the response size is not read
 * (the pageview files write 0). A title's percent-encoding is undone where it is valid.
 */
export function parsePageviewLine(text: string): ParsedPageviewLine {
  const fields = text.split(' ');
  if (fields.length !== 4) return { ok: false, reason: `has ${fields.length} fields, not 4` };
  const [domain, rawTitle, count] = fields as [string, string, string, string];
  if (domain === '' || rawTitle === '') return { ok: false, reason: 'has an empty domain or title' };
  if (!/^[0-9]{1,15}$/.test(count)) return { ok: false, reason: `views "${count}" are not a count` };
  let title = rawTitle;
  if (title.includes('%')) {
    try {
      title = decodeURIComponent(title);
    } catch {
      // Not valid percent-encoding: the title is taken as written.
    }
  }
  return { ok: true, line: { domain, title, views: Number(count) } };
}
