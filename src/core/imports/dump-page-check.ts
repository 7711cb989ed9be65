import type { NamespaceTable } from '../domain/namespaces.ts';
import { parseTitle, type Title } from '../domain/titles.ts';
import { fail, type ErrorCode, type WikiqueueError } from '../../errors.ts';
import type { DumpPage, DumpRevision } from './dump-types.ts';

/**
 * Why one page or revision of a dump was left out, as a catalogued code (src/errors.ts) and its
 * message: an import reports one outcome per item it skips and goes on with the rest.
 */
export interface ImportOutcome {
  code: ErrorCode;
  message: string;
  /** The page as the dump names it (title and id exactly as read; null when it has no `<id>`). */
  title: string;
  pageId: number | null;
  /** Set when only this revision was left out: its id, null when it has no `<id>`. */
  revisionId?: number | null;
}

/** A dump page whose fields all passed: its title on the target wiki, and its valid revisions. */
export interface CheckedPage {
  dump: DumpPage;
  title: Title;
  /**
   * Valid revisions, oldest first by timestamp (then by id where both have one, else in dump
   * order), each with its time in Unix seconds.
   */
  revisions: { revision: DumpRevision; timestamp: number }[];
}

/** What the checks need to know of the wiki the dump goes into. */
export interface DumpTarget {
  /** The target wiki's namespaces: a page must be in one of them. */
  namespaces: NamespaceTable;
  /** The dump's own namespace names (its siteinfo), which its titles are prefixed with. */
  dumpNamespaces: NamespaceTable;
  /** The wiki's $wgMaxArticleSize in KiB. */
  maxArticleSizeKib: number;
}

/**
 * Checks every field of a dump page against the target wiki, as MediaWiki's WikiImporter does
 * before it writes anything (processTitle, makeContent): the title must be a valid title of the
 * wiki in the namespace `<ns>` names (`import-error-invalid`, also for a namespace the wiki does
 * not declare), not in a virtual namespace (`import-error-special`); ids, where the dump gives them, must be
 * positive safe integers (`import-error-bad-id`; a missing `<id>` is fine: the writer assigns one,
 * as importDump does). A revision with an unreadable timestamp
 * (`import-error-bad-timestamp`), a bad id, or text beyond the size limit (`contenttoobig`) is left
 * out on its own. Returns the page, or null when the page itself is rejected; every item left out
 * is passed to `report`.
 */
export function checkDumpPage(
  page: DumpPage,
  target: DumpTarget,
  report: (outcome: ImportOutcome) => void,
): CheckedPage | null {
  if (page.id !== null && !isPositiveId(page.id)) {
    report(outcomeFor(page, fail('import-error-bad-id', page.title, 'page', String(page.id))));
    return null;
  }
  if (page.namespace < 0) {
    report(outcomeFor(page, fail('import-error-special', page.title)));
    return null;
  }
  const title = titleOnTarget(page, target);
  if (title === null) {
    report(outcomeFor(page, fail('import-error-invalid', page.title)));
    return null;
  }
  const maxBytes = target.maxArticleSizeKib * 1024;
  const revisions: CheckedPage['revisions'] = [];
  for (const revision of page.revisions) {
    if (revision.id !== null && !isPositiveId(revision.id)) {
      report(outcomeFor(page, fail('import-error-bad-id', page.title, 'revision', String(revision.id))));
      continue;
    }
    const timestamp = parseDumpTimestamp(revision.timestamp);
    const bad = (error: WikiqueueError) => report(outcomeFor(page, error, revision.id));
    if (timestamp === null) {
      bad(fail('import-error-bad-timestamp', page.title, revision.id ?? 'without <id>', revision.timestamp));
      continue;
    }
    if (revision.textTooLarge || revision.textBytes > maxBytes) {
      bad(fail('contenttoobig', target.maxArticleSizeKib));
      continue;
    }
    revisions.push({ revision, timestamp });
  }
  // Array.prototype.sort is stable: revisions without ids keep their dump order within a second.
  revisions.sort((a, b) => a.timestamp - b.timestamp || (a.revision.id ?? 0) - (b.revision.id ?? 0) || 0);
  return { dump: page, title, revisions };
}

/** The outcome of leaving `page` (or one of its revisions) out for the catalogued `error`. */
export function outcomeFor(page: DumpPage, error: WikiqueueError, revisionId?: number | null): ImportOutcome {
  return {
    code: error.code,
    message: error.message,
    title: page.title,
    pageId: page.id,
    ...(revisionId === undefined ? {} : { revisionId }),
  };
}

function isPositiveId(id: number): boolean {
  return Number.isSafeInteger(id) && id > 0;
}

/**
 * The page's title on the target wiki: the dump's prefix (in the dump's own namespace names) is
 * replaced by the target's name for namespace `<ns>`, and the result parsed by the one title
 * parser. Null when that is not a valid local title in exactly that namespace (an undeclared
 * namespace, a prefix naming another namespace, an interwiki prefix, a fragment, illegal
 * characters such as `|` or `<`, an empty title).
 */
function titleOnTarget(page: DumpPage, target: DumpTarget): Title | null {
  const ns = target.namespaces.get(page.namespace);
  if (ns === undefined) return null;
  let rest = page.title;
  if (page.namespace !== 0) {
    const colon = page.title.indexOf(':');
    const prefix = colon > 0 ? page.title.slice(0, colon) : '';
    const named = target.dumpNamespaces.idOf(prefix) ?? target.namespaces.idOf(prefix);
    if (named !== page.namespace) return null;
    rest = page.title.slice(colon + 1);
  }
  const parsed = parseTitle(page.namespace === 0 ? rest : `${ns.name}:${rest}`, target.namespaces);
  if (!parsed.ok) return null;
  const { title } = parsed;
  if (title.interwiki !== '' || title.fragment !== '' || title.namespace !== page.namespace) return null;
  return title;
}

/** `<timestamp>` of the export schema: ISO 8601 in UTC, `2017-06-01T12:00:00Z`. Null otherwise. */
export function parseDumpTimestamp(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(value);
  if (!m) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  // Date.parse rolls 2021-02-30 over to March; a real time prints back to itself.
  if (new Date(ms).toISOString().slice(0, 19) !== value.slice(0, 19)) return null;
  return ms / 1000;
}
