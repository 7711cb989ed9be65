import { STREAM_PAGE_UNDELETE, STREAM_REVISION_CREATE } from '../domain/events.ts';
import { NS_FILE } from '../domain/namespaces.ts';
import type { Clock } from '../domain/clock.ts';
import type { JobHandler } from '../jobs/job-queue.ts';
import type { OutboxEvent } from '../store/repositories/event-log.ts';
import type { NewJob } from '../store/repositories/jobs-and-schedules.ts';
import type { Store } from '../store/store.ts';
import type { WikiRegistry } from '../wikis/wiki-registry.ts';
import { readFileDescription } from '../../wikitext/file-description.ts';
import { pageImagesFileJobs } from './page-images-refresh.ts';

/**
 * Brings a stored file's licence, author, description and categories (media_file; prop=imageinfo's
 * extmetadata) in line with its description page after the page changed: an edit, or an
 * undeletion (which may make another revision the latest). Payload: `name`, the file's DB key.
 *
 * The job re-reads the page's latest text, so it is idempotent and a late job cannot bring back
 * an older text. A page whose file the repository does not have is ignored. Deleting the
 * description page leaves the metadata as it was: MediaWiki keeps the file when only its page is
 * deleted, and there is no text to read it from any more.
 */
export const REFRESH_FILE_DESCRIPTION_JOB = 'core:refresh-file-description';

/**
 * The jobs for `mediawiki.revision-create` and `mediawiki.page-undelete` of a File: page on a
 * media repository. A wiki the registry does not know yet gets its job anyway (the handler looks
 * the wiki up in the store).
 */
export function fileDescriptionSubscriber(wikis: WikiRegistry): (event: OutboxEvent) => NewJob[] {
  return (event) => {
    if (event.stream !== STREAM_REVISION_CREATE && event.stream !== STREAM_PAGE_UNDELETE) return [];
    const p = event.payload as { page_namespace?: number; page_title?: string };
    if (p.page_namespace !== NS_FILE || typeof p.page_title !== 'string') return [];
    const known = wikis.find(event.wiki);
    if (known && !known.info.isMediaRepo) return [];
    const name = p.page_title.slice(p.page_title.indexOf(':') + 1);
    return [{ type: REFRESH_FILE_DESCRIPTION_JOB, wiki: event.wiki, payload: { name } }];
  };
}

export function refreshFileDescriptionHandler(deps: {
  store: Store;
  wikis: WikiRegistry;
  clock: Clock;
}): JobHandler {
  return async (job) => {
    const name = job.payload.name;
    if (typeof name !== 'string') return;
    const wiki = await deps.wikis.findFresh(job.wiki);
    if (!wiki?.info.isMediaRepo) return;
    const repo = wiki.info.id;
    await deps.store.transaction(async (tx) => {
      const file = (await tx.media.getMany(repo, [name]))[0];
      if (!file) return;
      // A deleted page (no page at the title): the metadata stays as it was, see above.
      const page = await tx.pages.getByTitle(repo, NS_FILE, name);
      if (!page) return;
      const text = (await tx.revisions.get(repo, page.latestRevId))?.text;
      if (text === undefined) return;
      const read = readFileDescription(text);
      const next = {
        license: read.licenseShortName,
        author: read.author,
        description: read.description,
        categories: read.categories,
      };
      if (
        next.license === file.license &&
        next.author === file.author &&
        next.description === file.description &&
        next.categories.join('|') === file.categories.join('|')
      )
        return;
      await tx.media.setDescription(repo, name, next);
      // Whether a file is free is part of PageImages' choice: re-evaluate the pages using it.
      if (next.license !== file.license)
        await tx.jobs.enqueueMany(pageImagesFileJobs(repo, [name], deps.wikis), deps.clock());
    });
  };
}
