import type { Page, PageLinksData, PageRedirect, Revision } from '../domain/wiki.ts';
import { normalizeUserName, RESERVED_USER_NAMES } from '../domain/user-names.ts';
import type { NewUser } from '../store/repositories/users-and-sessions.ts';
import { retitlePage } from '../wikis/page-retitle.ts';
import type { Repositories } from '../store/store.ts';
import type { LoadedWiki } from '../wikis/wiki-registry.ts';
import { searchTextOfContent, toPageRedirect, wikitextContextOf } from '../wikis/wikitext-context.ts';
import { fail } from '../../errors.ts';
import { analyzeWikitext } from '../../wikitext/analyze.ts';
import { revisionSha1 } from './content.ts';
import type { DumpContributor } from './dump-types.ts';
import { outcomeFor, type CheckedPage, type ImportOutcome } from './dump-page-check.ts';
import { linksDataFromAnalysis } from './links-data.ts';
import { toDbKey } from '../domain/titles.ts';
import { PageImagesUpdate } from '../media/page-images-update.ts';
import type { LeadImageCandidate } from '../../wikitext/lead-image.ts';

/** A checked page with what its newest revision puts in the link tables, worked out before writing. */
export interface PreparedPage extends CheckedPage {
  links: PageLinksData;
  /** The images PageImages scores (wikitext/lead-image.ts); chosen when written, with the media files. */
  leadImageCandidates: LeadImageCandidate[];
  redirect: PageRedirect | null;
  /** What full-text search indexes of the newest revision. */
  searchText: string;
}

/**
 * Analyses the newest revision's text (links, categories, redirect target). Runs outside the
 * write transaction: it is the costly part of an import, and a transaction held open during it
 * keeps every other writer waiting.
 *
 * Whether the page is a redirect is read from that text, with the wiki's redirect magic words
 * (`#REDIRECT` always, `#WEITERLEITUNG` on a German wiki, …), as MediaWiki's importer decides it
 * from the content (WikitextContent::getRedirectTarget) and as an edit here decides it; the
 * dump's `<redirect>` element is not consulted. Only wikitext can be a redirect.
 */
export function prepareDumpPage(page: CheckedPage, wiki: LoadedWiki): PreparedPage {
  const newest = page.revisions[page.revisions.length - 1];
  const analysis = analyzeWikitext(newest?.revision.text ?? '', wikitextContextOf(wiki.namespaces));
  const target = newest?.revision.model === 'wikitext' ? analysis.redirectTarget : null;
  return {
    ...page,
    links: linksDataFromAnalysis(analysis),
    leadImageCandidates: newest?.revision.model === 'wikitext' ? analysis.leadImageCandidates : [],
    redirect: target === null ? null : toPageRedirect(target),
    searchText: searchTextOfContent(
      newest?.revision.text ?? '',
      newest?.revision.model ?? 'wikitext',
      wiki.namespaces,
    ),
  };
}

/** How contributors unknown to the wiki are recorded (importDump's `--username-prefix`). */
export interface ContributorOptions {
  /** Prefix of a contributor without a local account: "imported" gives `imported>Name`. */
  usernamePrefix: string;
}

/** importDump.php's default `--username-prefix`. */
export const DEFAULT_USERNAME_PREFIX = 'imported';

/**
 * Writes checked pages into the wiki within the caller's transaction, by MediaWiki's importDump
 * rules (WikiImporter, ImportableOldRevisionImporter):
 *
 * - a page is the page of its title: an existing page gets the dump's revisions added, a missing
 *   one is created; data of another page is never touched;
 * - the dump's ids are kept where they are free; a page or revision without an `<id>`, or whose id
 *   is already used by something else (another page, another revision, an earlier item of the
 *   same dump), gets a new id from the wiki's counters, as MediaWiki gives every imported row one;
 * - a revision whose page already has a revision with the same timestamp and SHA-1 (of its text
 *   when the dump gives none) is already there and is skipped (importOldRevision's check), so
 *   importing the same dump twice adds nothing, ids or no ids; a page that gets no new revision is
 *   reported (`import-nonewrevisions`);
 * - a revision without `<parentid>` gets the page's previous revision as its parent;
 * - the newest revision becomes the page's current one only if it is newer than the current one
 *   (and only then are the page's link tables and redirect target replaced);
 * - contributors are mapped as `resolveContributors` says.
 *
 * Returns the ids of the pages written (for the subsystems' backfill), the revisions added and
 * the accounts they were attributed to (whose edit counts then need recounting).
 */
export async function writeDumpPages(
  tx: Repositories,
  wiki: LoadedWiki,
  pages: readonly PreparedPage[],
  report: (outcome: ImportOutcome) => void,
  contributors: ContributorOptions = { usernamePrefix: DEFAULT_USERNAME_PREFIX },
  /** The media repository whose files the wiki shows (its page images' files), if any. */
  mediaRepo?: string,
  /**
   * `sameRevision: 'id'` — the pages come from the wiki itself (a followed MediaWiki), whose
   * revision ids are this wiki's: a revision is there already when its id is, and otherwise new
   * even with the timestamp and SHA-1 of another (a move's null revision in the same second as
   * the edit before it), and the newest becomes the current one when its id is higher. Default
   * `'content'`: importDump's rules above.
   */
  opts: { sameRevision?: 'content' | 'id' } = {},
): Promise<{ pageIds: number[]; revisions: number; userIds: number[]; added: Revision[] }> {
  const byId = opts.sameRevision === 'id';
  const w = wiki.info.id;
  const withRevisions = pages.filter((p) => p.revisions.length > 0 || reportNone(p, report));
  if (withRevisions.length === 0) return { pageIds: [], revisions: 0, userIds: [], added: [] };
  const dumpRevisions = withRevisions.flatMap((p) => p.revisions);
  const dumpPageIds = withRevisions.flatMap((p) => (p.dump.id === null ? [] : [p.dump.id]));
  const dumpRevisionIds = dumpRevisions.flatMap((r) => (r.revision.id === null ? [] : [r.revision.id]));
  // Ids handed out (missing ones, conflicts) come from the counters, which then lie above every
  // dump id here.
  if (dumpPageIds.length > 0) await tx.ids.ensureAbove(w, 'page', Math.max(...dumpPageIds));
  if (dumpRevisionIds.length > 0) await tx.ids.ensureAbove(w, 'revision', Math.max(...dumpRevisionIds));

  const titleKey = (namespace: number, dbKey: string) => `${namespace}\u0000${dbKey}`;
  // A page of the wiki's that has been moved there since it was written here (a move the
  // follower has not replayed yet) is the page of its id: its rows take the new title first.
  if (byId) await retitleMovedPages(tx, w, withRevisions);
  const existingByTitle = new Map(
    (
      await tx.pages.getManyByTitles(
        w,
        withRevisions.map((p) => ({ namespace: p.title.namespace, title: p.title.dbKey })),
      )
    ).map((page) => [titleKey(page.namespace, page.title), page]),
  );
  const existing = [...existingByTitle.values()];
  const takenPageIds = new Set((await tx.pages.getManyByIds(w, dumpPageIds)).map((page) => page.id));
  const storedRevisions = await tx.revisions.findKeys(w, {
    revIds: [...dumpRevisionIds, ...existing.map((page) => page.latestRevId)],
    pageIds: existing.map((page) => page.id),
    timestamps: dumpRevisions.map((r) => r.timestamp),
  });
  const takenRevisionIds = new Set(storedRevisions.map((r) => r.id));
  const revisionsByPage = new Map<number, Set<string>>();
  const sameRevision = (timestamp: number, sha1: string) => `${timestamp}\u0000${sha1}`;
  for (const r of storedRevisions) {
    let set = revisionsByPage.get(r.pageId);
    if (!set) revisionsByPage.set(r.pageId, (set = new Set()));
    set.add(sameRevision(r.timestamp, r.sha1));
  }
  const latestTimestamp = new Map(storedRevisions.map((r) => [r.id, r.timestamp]));
  const users = await resolveContributors(tx, w, withRevisions, contributors.usernamePrefix);

  const newPages: Page[] = [];
  const revisionRows: Revision[] = [];
  const written: { pageId: number; page: PreparedPage; at: number }[] = [];
  const writtenIds: number[] = [];
  for (const p of withRevisions) {
    const local = existingByTitle.get(titleKey(p.title.namespace, p.title.dbKey));
    let pageId = local?.id ?? p.dump.id;
    if (pageId === null || (!local && takenPageIds.has(pageId))) pageId = await tx.ids.next(w, 'page');
    takenPageIds.add(pageId);
    let present = revisionsByPage.get(pageId);
    if (!present) revisionsByPage.set(pageId, (present = new Set()));
    const storedIds = new Map<number, number>();
    const added: Revision[] = [];
    const currentTimestamp = local ? latestTimestamp.get(local.latestRevId) : undefined;
    // The page's previous revision as this loop goes (the current one, when older than the dump's).
    let previous: { id: number; timestamp: number } | null =
      local && currentTimestamp !== undefined ? { id: local.latestRevId, timestamp: currentTimestamp } : null;
    for (const { revision: r, timestamp } of p.revisions) {
      const sha1 = r.sha1 ?? revisionSha1(r.text);
      if (byId ? r.id !== null && takenRevisionIds.has(r.id) : present.has(sameRevision(timestamp, sha1)))
        continue;
      present.add(sameRevision(timestamp, sha1));
      const id = r.id === null || takenRevisionIds.has(r.id) ? await tx.ids.next(w, 'revision') : r.id;
      takenRevisionIds.add(id);
      if (r.id !== null) storedIds.set(r.id, id);
      const { userId, userText } = users.attribute(r.contributor);
      const parentId =
        r.parentId !== null
          ? (storedIds.get(r.parentId) ?? r.parentId)
          : previous !== null && previous.timestamp <= timestamp
            ? previous.id
            : null;
      added.push({
        wiki: w,
        id,
        pageId,
        parentId,
        timestamp,
        userId,
        userText,
        comment: r.comment ?? '',
        minor: r.minor,
        len: r.textBytes,
        sha1,
        text: r.text,
      });
      previous = { id, timestamp };
    }
    const newest = added[added.length - 1];
    if (!newest) {
      report(noNewRevisions(p));
      continue;
    }
    revisionRows.push(...added);
    writtenIds.push(pageId);
    // The newest revision replaces the current one only when newer (by id where ids are the wiki's).
    if (
      local &&
      currentTimestamp !== undefined &&
      (byId ? newest.id < local.latestRevId : newest.timestamp <= currentTimestamp)
    )
      continue;
    const isRedirect = p.redirect !== null;
    if (local) {
      await tx.pages.update(w, pageId, {
        latestRevId: newest.id,
        len: newest.len,
        isRedirect,
        touchedAt: newest.timestamp,
      });
    } else {
      newPages.push({
        wiki: w,
        id: pageId,
        namespace: p.title.namespace,
        title: p.title.dbKey,
        isRedirect,
        latestRevId: newest.id,
        len: newest.len,
        createdAt: added[0]!.timestamp,
        touchedAt: newest.timestamp,
        contentModel: p.revisions[p.revisions.length - 1]!.revision.model,
      });
    }
    written.push({ pageId, page: p, at: newest.timestamp });
  }
  await tx.pages.upsertMany(newPages);
  await tx.revisions.insertMany(revisionRows);
  await tx.users.insertManyIfMissing(users.newUsers());
  const pageImages = new PageImagesUpdate(tx, { id: w, namespaces: wiki.namespaces }, mediaRepo);
  await pageImages.prefetch(written.flatMap((x) => x.page.leadImageCandidates.map((c) => toDbKey(c.title))));
  // A category new to the page counts as added when its newest revision was made.
  for (const { pageId, page, at } of written) {
    await pageImages.apply(page.title, page.leadImageCandidates, page.links);
    await tx.links.replaceForPage(
      w,
      pageId,
      { namespace: page.title.namespace, title: page.title.dbKey, at },
      page.links,
    );
  }
  await tx.redirects.setMany(
    w,
    written.map(({ pageId, page }) => ({ pageId, target: page.redirect })),
  );
  await tx.searchIndex.setMany(
    w,
    written.map(({ pageId, page }) => ({
      pageId,
      namespace: page.title.namespace,
      title: page.title.dbKey,
      text: page.searchText,
    })),
  );
  const userIds = [...new Set(revisionRows.map((r) => r.userId).filter((id) => id > 0))];
  return { pageIds: writtenIds, revisions: revisionRows.length, userIds, added: revisionRows };
}

/** A page whose revisions were all left out by the checks; false, so that filter drops it. */
function reportNone(page: PreparedPage, report: (outcome: ImportOutcome) => void): false {
  if (page.dump.revisions.length > 0) report(noNewRevisions(page));
  return false;
}

function noNewRevisions(page: PreparedPage): ImportOutcome {
  return outcomeFor(page.dump, fail('import-nonewrevisions'));
}

/**
 * Who each revision of these pages is attributed to, by importDump's rules (ExternalUserNames
 * with its default of assigning known users):
 *
 * - an IP address stays that address, and a name that could not be an account (`imported>Foo`
 *   from an earlier import, a reserved name) stays as it is, both without an account;
 * - a name is the local account of that name when there is one, whatever user id the dump gives;
 * - a name without a local account becomes the actor `<prefix>>Name` (`imported>Name`), without
 *   an account — unless the dump gives the contributor a user id: then (unlike importDump) a new
 *   account of that name is created, with the dump's id, or a new id when that one belongs to
 *   another name, so that a wiki built from dumps keeps its users (their edit counts, groups and
 *   user pages matter to review);
 * - a revision-deleted contributor has no name.
 */
async function resolveContributors(
  tx: Repositories,
  wiki: string,
  pages: readonly PreparedPage[],
  prefix: string,
) {
  const named = new Set<string>();
  const dumpIds = new Map<string, number>();
  for (const p of pages) {
    for (const { revision: r } of p.revisions) {
      const name = accountName(r.contributor.username);
      if (name === null) continue;
      named.add(name);
      const id = r.contributor.id;
      if (id !== null && id !== 0 && !dumpIds.has(name)) dumpIds.set(name, id);
    }
  }
  const idOf = new Map((await tx.users.getManyByNames(wiki, [...named])).map((u) => [u.name, u.id] as const));
  const missing = [...dumpIds].filter(([name]) => !idOf.has(name));
  const valid = missing.map(([, id]) => id).filter((id) => Number.isSafeInteger(id) && id > 0);
  const taken = new Set((await tx.users.getManyByIds(wiki, valid)).map((u) => u.id));
  if (valid.length > 0) await tx.ids.ensureAbove(wiki, 'user', Math.max(...valid));
  const created = new Map<string, NewUser>();
  for (const [name, dumpId] of missing) {
    const free = Number.isSafeInteger(dumpId) && dumpId > 0 && !taken.has(dumpId);
    const id = free ? dumpId : await tx.ids.next(wiki, 'user');
    taken.add(id);
    idOf.set(name, id);
    created.set(name, { wiki, id, name, passwordHash: '', registration: null, editCount: 0 });
  }
  return {
    attribute(contributor: DumpContributor): { userId: number; userText: string } {
      const raw = contributor.username;
      if (raw === null) return { userId: 0, userText: contributor.ip ?? '' };
      const name = accountName(raw);
      if (name === null) return { userId: 0, userText: raw };
      const userId = idOf.get(name);
      if (userId === undefined) return { userId: 0, userText: `${prefix}>${name}`.slice(0, 255) };
      const user = created.get(name);
      if (user) user.editCount = (user.editCount ?? 0) + 1;
      return { userId, userText: name };
    },
    newUsers: (): NewUser[] => [...created.values()].filter((u) => (u.editCount ?? 0) > 0),
  };
}

/**
 * The canonical form of a contributor name that can be an account (UserNameUtils' usable names:
 * valid and not reserved); null for an IP address, an external name (`imported>Foo`), a reserved
 * or otherwise invalid one.
 */
function accountName(username: string | null): string | null {
  if (username === null) return null;
  const name = normalizeUserName(username);
  return name === null || RESERVED_USER_NAMES.includes(name) ? null : name;
}

/**
 * For pages from the wiki itself (`sameRevision: 'id'`): a stored page whose id a written page
 * has, under another title, is retitled to it (unless a page here holds that title: the
 * follower's replay of the move sorts that out).
 */
async function retitleMovedPages(tx: Repositories, w: string, pages: readonly PreparedPage[]): Promise<void> {
  const wanted = new Map(pages.flatMap((p) => (p.dump.id === null ? [] : [[p.dump.id, p] as const])));
  if (wanted.size === 0) return;
  for (const stored of await tx.pages.getManyByIds(w, [...wanted.keys()])) {
    const p = wanted.get(stored.id)!;
    if (p.title.namespace === stored.namespace && p.title.dbKey === stored.title) continue;
    if (await tx.pages.getByTitle(w, p.title.namespace, p.title.dbKey)) continue;
    const at = Math.max(...p.revisions.map((r) => r.timestamp));
    await retitlePage(tx, w, stored, p.title, at);
  }
}
