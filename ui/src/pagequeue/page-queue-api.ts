import { restRequest } from '../api/action-api.ts';
import { apiFor } from '../session/site.ts';
import { localMediaUrl } from '../tasks/tasks-api.ts';

/** A lead-image candidate of a queued article (a medium File of the page queue's answer). */
export interface Candidate {
  title: string;
  license: string;
  url: string;
  width: number;
  height: number;
}

export interface QueuedPage {
  id: number;
  title: string;
  candidates: Candidate[];
}

interface QueueAnswer {
  pages: {
    id: number;
    title: string;
    lead_image_candidates: {
      title: string;
      license: string;
      preferred: { url: string; width: number; height: number };
    }[];
  }[];
  continue?: string;
}

const base = (wiki: string) => `/${encodeURIComponent(wiki)}/page-queue`;

/**
 * The next queued articles (`GET /{wiki}/page-queue`): a signed-in contributor's session leases
 * them for a few minutes, so no one else is handed them meanwhile.
 */
export async function fetchQueue(
  wiki: string,
  options: { limit?: number; continue?: string } = {},
): Promise<{ pages: QueuedPage[]; continue?: string }> {
  const query = new URLSearchParams({ limit: String(options.limit ?? 2) });
  if (options.continue) query.set('continue', options.continue);
  const answer = (await restRequest(`${base(wiki)}?${query.toString()}`)) as QueueAnswer;
  const pages = await Promise.all(
    answer.pages.map(async (p) => ({
      id: p.id,
      title: p.title,
      candidates: await Promise.all(
        p.lead_image_candidates.map(async (c) => ({
          title: c.title,
          license: c.license,
          url: await localMediaUrl(wiki, c.preferred.url),
          width: c.preferred.width,
          height: c.preferred.height,
        })),
      ),
    })),
  );
  return { pages, ...(answer.continue ? { continue: answer.continue } : {}) };
}

/** The start of the article's text, as the server renders it (action=parse, the lead section). */
export async function fetchExcerpt(wiki: string, title: string): Promise<string> {
  const result = await apiFor(wiki).get({
    action: 'parse',
    page: title,
    prop: 'text',
    section: 0,
    disableeditsection: true,
  });
  return (result.parse as { text: string }).text;
}

/** Saves the chosen image as the article's lead image (an edit made by the server). */
export async function chooseLeadImage(
  wiki: string,
  pageId: number,
  choice: { file: string; caption: string; summary: string },
): Promise<{ newrevid: number }> {
  const token = await apiFor(wiki).token('csrf');
  return (await restRequest(`${base(wiki)}/${pageId}/lead-image`, {
    method: 'POST',
    body: { ...choice, token },
  })) as { newrevid: number };
}

/** Gives the page back: it is not offered to this contributor again for a day. */
export async function skipPage(wiki: string, pageId: number): Promise<void> {
  const token = await apiFor(wiki).token('csrf');
  await restRequest(`${base(wiki)}/${pageId}/skip`, { method: 'POST', body: { token } });
}
