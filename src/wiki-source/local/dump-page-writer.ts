import type { Page, PageLinksData, PageRedirect, Revision } from '../../core/domain/wiki.ts';
import type { NewUser } from '../../core/store/repositories/users-and-sessions.ts';
import type { Repositories } from '../../core/store/store.ts';
import type { LoadedWiki } from '../../core/wikis/wiki-registry.ts';
import { toPageRedirect, wikitextContextOf } from '../../core/wikis/wikitext-context.ts';
import { fail } from '../../errors.ts';
import { analyzeWikitext } from '../../wikitext/analyze.ts';
import { revisionSha1 } from './content.ts';
import { outcomeFor, type CheckedPage, type ImportOutcome } from './dump-page-check.ts';
import { linksDataFromAnalysis } from './links-data.ts';

/** A checked page with what its newest revision puts in the link tables, worked out before writing. */
export interface PreparedPage extends CheckedPage {
  links: PageLinksData;
  redirect: PageRedirect | null;
}

/**
 * Analyses the newest revision's text (links, categories, redirect target). Runs outside the
 * write transaction: it is the costly part of an import, and a transaction held open during it
 * keeps every other writer waiting.
 */
export function prepareDumpPage(page: CheckedPage, wiki: LoadedWiki): PreparedPage {
  const newest = page.revisions[page.revisions.length - 1];
  const analysis = analyzeWikitext(newest?.revision.text ?? '', wikitextContextOf(wiki.namespaces));
  const target = page.dump.redirectTitle !== null ? analysis.redirectTarget : null;
  return {
    ...page,
    links: linksDataFromAnalysis(analysis),
    redirect: target === null ? null : toPageRedirect(target),
  };
}

/**
 * Writes checked pages into the wiki within the caller's transaction, by MediaWiki's importDump
 * rules (WikiImporter, ImportableOldRevisionImporter):
 *
 * - a page is the page of its title: an existing page gets the dump's revisions added, a missing
 *   one is created; data of another page is never touched;
 * - the dump's ids are kept where they are free; a page or revision id already used by something
 *   else (another page, another revision, an earlier item of the same dump) gets a new id, as
 *   MediaWiki gives every imported row one;
 * - a revision whose page already has a revision with the same timestamp and SHA-1 is already
 *   there and is skipped (importOldRevision's check), so importing the same dump twice adds
 *   nothing; a page that gets no new revision is reported (`import-nonewrevisions`);
 * - the newest revision becomes the page's current one only if it is newer than the current one
 *   (and only then are the page's link tables and redirect target replaced);
 * - a contributor is the local account of that name; a new account keeps the dump's user id
 *   unless another name has it.
 *
 * Returns the ids of the pages written (for the subsystems' backfill) and the revisions added.
 */
export async function writeDumpPages(
  tx: Repositories,
  wiki: LoadedWiki,
  pages: readonly PreparedPage[],
  report: (outcome: ImportOutcome) => void,
): Promise<{ pageIds: number[]; revisions: number }> {
  const w = wiki.info.id;
  const withRevisions = pages.filter((p) => p.revisions.length > 0 || reportNone(p, report));
  if (withRevisions.length === 0) return { pageIds: [], revisions: 0 };
  const dumpRevisions = withRevisions.flatMap((p) => p.revisions);
  // Ids handed out for conflicts come from the counters, which then lie above every dump id here.
  await tx.ids.ensureAbove(w, 'page', Math.max(...withRevisions.map((p) => p.dump.id)));
  await tx.ids.ensureAbove(w, 'revision', Math.max(...dumpRevisions.map((r) => r.revision.id)));

  const titleKey = (namespace: number, dbKey: string) => `${namespace}\u0000${dbKey}`;
  const existingByTitle = new Map(
    (
      await tx.pages.getManyByTitles(
        w,
        withRevisions.map((p) => ({ namespace: p.title.namespace, title: p.title.dbKey })),
      )
    ).map((page) => [titleKey(page.namespace, page.title), page]),
  );
  const existing = [...existingByTitle.values()];
  const takenPageIds = new Set(
    (
      await tx.pages.getManyByIds(
        w,
        withRevisions.map((p) => p.dump.id),
      )
    ).map((page) => page.id),
  );
  const storedRevisions = await tx.revisions.findKeys(w, {
    revIds: [...dumpRevisions.map((r) => r.revision.id), ...existing.map((page) => page.latestRevId)],
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
  const users = await resolveUsers(tx, w, withRevisions);

  const newPages: Page[] = [];
  const revisionRows: Revision[] = [];
  const written: { pageId: number; page: PreparedPage }[] = [];
  const writtenIds: number[] = [];
  for (const p of withRevisions) {
    const local = existingByTitle.get(titleKey(p.title.namespace, p.title.dbKey));
    let pageId = local?.id ?? p.dump.id;
    if (!local && takenPageIds.has(pageId)) pageId = await tx.ids.next(w, 'page');
    takenPageIds.add(pageId);
    let present = revisionsByPage.get(pageId);
    if (!present) revisionsByPage.set(pageId, (present = new Set()));
    const storedIds = new Map<number, number>();
    const added: Revision[] = [];
    for (const { revision: r, timestamp } of p.revisions) {
      const sha1 = r.sha1 ?? revisionSha1(r.text);
      if (present.has(sameRevision(timestamp, sha1))) continue;
      present.add(sameRevision(timestamp, sha1));
      const id = takenRevisionIds.has(r.id) ? await tx.ids.next(w, 'revision') : r.id;
      takenRevisionIds.add(id);
      storedIds.set(r.id, id);
      const name = r.contributor.username;
      const userId = name !== null && (r.contributor.id ?? 0) !== 0 ? (users.idOf.get(name) ?? 0) : 0;
      if (userId > 0 && name !== null) users.countEdit(name);
      added.push({
        wiki: w,
        id,
        pageId,
        parentId: r.parentId === null ? null : (storedIds.get(r.parentId) ?? r.parentId),
        timestamp,
        userId,
        userText: name ?? r.contributor.ip ?? '',
        comment: r.comment ?? '',
        minor: r.minor,
        len: r.textBytes,
        sha1,
        text: r.text,
      });
    }
    const newest = added[added.length - 1];
    if (!newest) {
      report(noNewRevisions(p));
      continue;
    }
    revisionRows.push(...added);
    writtenIds.push(pageId);
    const currentTimestamp = local ? latestTimestamp.get(local.latestRevId) : undefined;
    if (local && currentTimestamp !== undefined && newest.timestamp <= currentTimestamp) continue;
    const isRedirect = p.dump.redirectTitle !== null;
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
    written.push({ pageId, page: p });
  }
  await tx.pages.upsertMany(newPages);
  await tx.revisions.insertMany(revisionRows);
  await tx.users.insertManyIfMissing(users.newUsers());
  for (const { pageId, page } of written) {
    await tx.links.replaceForPage(w, pageId, page.title.namespace, page.links);
  }
  await tx.redirects.setMany(
    w,
    written.map(({ pageId, page }) => ({ pageId, target: page.redirect })),
  );
  return { pageIds: writtenIds, revisions: revisionRows.length };
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
 * The local user id of every registered contributor of these pages: the account of that name if
 * there is one, else a new account with the dump's id, or a new id when that one belongs to
 * another name (or is not a valid id).
 */
async function resolveUsers(tx: Repositories, wiki: string, pages: readonly PreparedPage[]) {
  const dumpIds = new Map<string, number>();
  for (const p of pages) {
    for (const { revision: r } of p.revisions) {
      const { username, id } = r.contributor;
      if (username !== null && id !== null && id !== 0 && !dumpIds.has(username)) dumpIds.set(username, id);
    }
  }
  const idOf = new Map(
    (await tx.users.getManyByNames(wiki, [...dumpIds.keys()])).map((u) => [u.name, u.id] as const),
  );
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
    idOf,
    countEdit(name: string): void {
      const user = created.get(name);
      if (user) user.editCount = (user.editCount ?? 0) + 1;
    },
    newUsers: (): NewUser[] => [...created.values()].filter((u) => (u.editCount ?? 0) > 0),
  };
}
