/**
 * How the curation toolbar edits a page's wikitext to add maintenance and deletion tags
 * (review-queue-reference.md §8.3, §8.4). Pure functions over strings: no requests, no Vue, so
 * they are tested against hand-written wikitext.
 */

export type TagPosition = 'top' | 'bottom' | 'stub' | 'categories' | 'redirectTag';

/** A maintenance tag as meta=pagetriageconfig describes it. */
export interface MaintenanceTag {
  tag: string;
  label: string;
  /** What the tag says about the page ('' when the wiki gives no description). */
  desc: string;
  category: string;
  position: TagPosition;
  multiple: boolean;
  params: { name: string; input: 'optional' | 'required' | 'automated'; value: string }[];
}

/** A deletion tag as meta=pagetriageconfig describes it (src/review/domain/preset.ts). */
export interface DeletionTag {
  tag: string;
  label: string;
  kind: 'speedy' | 'prod' | 'xfd';
  reviewed: 0 | 1;
  /** An XfD tag's discussion prefix, '' for none. */
  discussionPage: string;
  /** An XfD discussion on a page of its own (AfD) or as an entry on the day's log (RfD). */
  discussion: 'page' | 'log';
  articleonly: boolean;
  redirectonly: boolean;
  /** The parameter the tag wraps the page's text in (RfD's `content`), '' for none. */
  contentParam: string;
}

/** A tag the reviewer picked, with the parameter values given (empty ones are left out). */
export interface ChosenTag {
  tag: MaintenanceTag;
  values: Record<string, string>;
}

export interface Wrappers {
  /** enwiki `Multiple issues`. */
  multipleIssues: string;
  /** enwiki `Redirect category shell`. */
  redirectShell: string;
}

/** `{{name|a=1|b=2}}`: parameters in the order given, empty values left out. */
export function templateCall(name: string, params: readonly (readonly [string, string])[] = []): string {
  const parts = params.filter(([, v]) => v !== '').map(([k, v]) => (k === '' ? `|${v}` : `|${k}=${v}`));
  return `{{${name}${parts.join('')}}}`;
}

/** The call of a chosen maintenance tag: automated parameters take their preset value. */
export function maintenanceCall(chosen: ChosenTag): string {
  const params = chosen.tag.params.map(
    (p) => [p.name, p.input === 'automated' ? p.value : (chosen.values[p.name] ?? '').trim()] as const,
  );
  return templateCall(chosen.tag.tag, params);
}

/**
 * Where the template call starting at `open` (its `{{`) ends: the index just after its matching
 * `}}`, nested calls counted; -1 when it is never closed.
 */
export function templateEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length - 1; i++) {
    if (text.startsWith('{{', i)) {
      depth++;
      i++;
    } else if (text.startsWith('}}', i)) {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** The position of the first call of `name` (first letter case-insensitive, `_` = space), or -1. */
export function findTemplate(text: string, name: string): number {
  const first = name.charAt(0);
  const rest = name
    .slice(1)
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/[ _]/g, '[ _]');
  const head = /[a-z]/i.test(first)
    ? `[${first.toUpperCase()}${first.toLowerCase()}]`
    : first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`\\{\\{\\s*${head}${rest}\\s*(\\||\\}\\})`).exec(text);
  return match ? match.index : -1;
}

/** Inserts `lines` (each followed by a newline) just before the closing `}}` of the call at `open`. */
function insertBeforeClose(text: string, open: number, lines: string[]): string | undefined {
  const end = templateEnd(text, open);
  if (end === -1) return undefined;
  const close = end - 2;
  const before = text.slice(0, close);
  const sep = before.endsWith('\n') ? '' : '\n';
  return `${before}${sep}${lines.map((l) => `${l}\n`).join('')}${text.slice(close)}`;
}

/**
 * The page's new wikitext with the chosen maintenance tags placed as §8.3 says:
 * - tags that may share the multiple-issues wrapper go inside an existing wrapper, or, two or more
 *   of them, into a new wrapper at the top (the text's leading whitespace dropped); one alone goes
 *   at the top like the others (`{{t|p=v}}` and a newline);
 * - `categories` tags follow the text, ahead of the bottom block; `bottom` and `stub` tags end the
 *   page, each after a blank line;
 * - redirect tags go into the redirect category shell, an existing one or a new one at the bottom.
 */
export function placeMaintenanceTags(text: string, chosen: readonly ChosenTag[], wrappers: Wrappers): string {
  const calls = (position: TagPosition, multiple?: boolean) =>
    chosen
      .filter((c) => c.tag.position === position && (multiple === undefined || c.tag.multiple === multiple))
      .map(maintenanceCall);
  const grouped = calls('top', true);
  const single = calls('top', false);
  let body = text;
  let top = '';
  const wrapper = findTemplate(body, wrappers.multipleIssues);
  const inserted =
    wrapper === -1 || grouped.length === 0 ? undefined : insertBeforeClose(body, wrapper, grouped);
  if (inserted !== undefined) body = inserted;
  else if (grouped.length >= 2) {
    top = `{{${wrappers.multipleIssues}|\n${grouped.map((c) => `${c}\n`).join('')}}}\n`;
    body = body.trimStart();
  } else single.unshift(...grouped);
  top += single.map((c) => `${c}\n`).join('');

  let bottom = calls('categories')
    .map((c) => `\n${c}`)
    .join('');
  bottom += [...calls('bottom'), ...calls('stub')].map((c) => `\n\n${c}`).join('');

  const redirects = calls('redirectTag');
  if (redirects.length > 0) {
    const shell = findTemplate(body, wrappers.redirectShell);
    const into = shell === -1 ? undefined : insertBeforeClose(body, shell, redirects);
    if (into !== undefined) body = into;
    else bottom += `\n\n{{${wrappers.redirectShell}|\n${redirects.map((c) => `${c}\n`).join('')}}}`;
  }
  return `${top}${body}${bottom}`;
}

/** The short code of a speedy-deletion tag for `Db-multiple` (`A7` from "A7: …" or `Db-a7`). */
export function speedyCode(tag: DeletionTag): string {
  const fromLabel = /^([A-Z]\d+)\s*:/.exec(tag.label);
  if (fromLabel) return fromLabel[1]!;
  return tag.tag.replace(/^db-/i, '').toUpperCase();
}

/**
 * The deletion tags offered for a page (§8.4): `articleonly` ones not on redirects, `redirectonly`
 * ones only on redirects, and no proposed deletion of a redirect.
 */
export function offeredDeletionTags(tags: readonly DeletionTag[], isRedirect: boolean): DeletionTag[] {
  return tags.filter((t) => (isRedirect ? !t.articleonly && t.kind !== 'prod' : !t.redirectonly));
}

/** A deletion nomination the reviewer filled in. */
export interface Nomination {
  tags: readonly DeletionTag[];
  /** The reason (PROD concern, XfD rationale); may be empty for speedy tags. */
  reason: string;
  /** For XfD: the discussion page's title, `<prefix>/<Page>` or `… (2nd nomination)`. */
  discussion?: string;
  /** The nomination time, `YYYYMMDDhhmmss`, for the dated PROD tag. */
  timestamp: string;
}

/**
 * The page's new wikitext with a deletion nomination at its top (§8.4 step 6): one speedy tag as
 * `{{Db-a7}}`, several as `{{Db-multiple|A1|A7}}` (duplicates dropped); a PROD tag with its
 * concern and time; an XfD tag naming the discussion page — or, for a tag with a `contentParam`
 * (RfD), wrapping the page's text as that parameter: `{{Rfd|content=\n#REDIRECT [[X]]\n}}`, so
 * the redirect keeps working while it is discussed.
 */
export function placeDeletionTags(text: string, nomination: Nomination): string {
  const speedy = [
    ...new Map(nomination.tags.filter((t) => t.kind === 'speedy').map((t) => [t.tag, t])).values(),
  ];
  const reason = nomination.reason.trim();
  const lines: string[] = [];
  if (speedy.length === 1) lines.push(templateCall(speedy[0]!.tag, [['', reason]]));
  else if (speedy.length > 1) {
    const codes = [...new Set(speedy.map(speedyCode))];
    lines.push(
      templateCall(
        'Db-multiple',
        codes.map((c) => ['', c] as const),
      ),
    );
  }
  for (const t of nomination.tags.filter((x) => x.kind === 'prod'))
    lines.push(
      templateCall(t.tag, [
        ['concern', reason],
        ['timestamp', nomination.timestamp],
      ]),
    );
  const xfd = nomination.tags.filter((x) => x.kind === 'xfd');
  for (const t of xfd.filter((x) => x.contentParam === ''))
    lines.push(templateCall(t.tag, [['page', nomination.discussion ?? '']]));
  const placed = `${lines.map((l) => `${l}\n`).join('')}${text}`;
  const wrapper = xfd.find((x) => x.contentParam !== '');
  return wrapper ? `{{${wrapper.tag}|${wrapper.contentParam}=\n${placed.trimEnd()}\n}}` : placed;
}

/**
 * The day's log of an XfD venue, `<prefix>/Log/<YYYY> <Month> <D>` in UTC with the English month
 * name, as enwiki's AfD and RfD logs are named (§8.4 step 4).
 */
export function dayLogTitle(prefix: string, at: Date): string {
  const month = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' }).format(at);
  return `${prefix}/Log/${at.getUTCFullYear()} ${month} ${at.getUTCDate()}`;
}

/**
 * The entry that opens an RfD discussion on the day's log (§8.4 step 4):
 * `{{subst:rfd2|text=<reason>|redirect=<page>|target=<target>}} ~~~~`; a `|` of the reason is
 * written `{{!}}` so that it stays in the text.
 */
export function redirectDiscussionEntry(reason: string, redirect: string, target: string): string {
  const text = reason.trim().replace(/\|/g, '{{!}}');
  return `{{subst:rfd2|text=${text}|redirect=${redirect}|target=${target}}} ~~~~`;
}

/**
 * The title of a new XfD discussion for `page` under `prefix`: `<prefix>/<Page>` when free, else
 * `<prefix>/<Page> (2nd nomination)`, `(3rd …)` and so on up to the 49th (§8.4 step 3); `taken`
 * says which titles exist. Undefined when all are taken.
 */
export function discussionTitle(
  prefix: string,
  page: string,
  taken: ReadonlySet<string>,
): string | undefined {
  return discussionTitles(prefix, page).find((t) => !taken.has(t));
}

/** Every title a discussion of `page` may take, first nomination first (49 in all). */
export function discussionTitles(prefix: string, page: string): string[] {
  const first = `${prefix}/${page}`;
  const titles = [first];
  for (let n = 2; n < 50; n++) titles.push(`${first} (${ordinal(n)} nomination)`);
  return titles;
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** Whether the page already carries one of the deletion tags (§8.4 step 1: no second nomination). */
export function alreadyNominated(text: string, tags: readonly DeletionTag[]): boolean {
  return tags.some((t) => findTemplate(text, t.tag) !== -1) || findTemplate(text, 'Db-multiple') !== -1;
}

/** A section for a talk page: the note to a creator (§8.2, §8.3 step 8). */
export function talkNote(template: string, page: string, reviewer: string, note: string): string {
  return `{{subst:${template}|1=${page}|2=${reviewer}|3=${note.replace(/\|/g, '{{!}}')}}} ~~~~`;
}
