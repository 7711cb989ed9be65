import { titleSegment } from '../article/article-links.ts';

/**
 * The interface's read-only lookups of a wiki — its logs (`/{wiki}/log`, Special:Log) and the pages
 * linking to a page (`/{wiki}/links-here/{Title}`, Special:WhatLinksHere) — and where the review
 * queue's problem chips lead in them (review-queue-reference.md §8.1 "Problem chips").
 */

/** The log view: entries of one `type` (delete, block…) about one page, or made by one user. */
export function logPath(wiki: string, filter: { type?: string; page?: string; user?: string }): string {
  const query = new URLSearchParams();
  for (const key of ['type', 'page', 'user'] as const) {
    const value = filter[key];
    if (value !== undefined && value !== '') query.set(key, value);
  }
  const search = query.toString();
  return `/${encodeURIComponent(wiki)}/log${search ? `?${search}` : ''}`;
}

/**
 * The pages linking to `title`; `articlesOnly` keeps main-namespace pages that are no redirects,
 * as PageTriage's orphan chip links to WhatLinksHere (`namespace=0&hideredirs=1`).
 */
export function linksHerePath(wiki: string, title: string, articlesOnly = false): string {
  const path = `/${encodeURIComponent(wiki)}/links-here/${titleSegment(title)}`;
  return articlesOnly ? `${path}?namespace=0&hideredirs=1` : path;
}

/** The problems that lead somewhere: a deleted earlier version, a blocked creator, no inbound links. */
export type LinkedProblem = 'recreated' | 'author-blocked' | 'orphan';

/**
 * Where a problem chip leads: "previously deleted" to the page's deletion log, "author blocked" to
 * the creator's block log (the log of their user page), "orphan" to the articles linking here.
 * Null when the chip leads nowhere (an unknown or hidden creator).
 */
export function problemPath(
  problem: LinkedProblem,
  wiki: string,
  page: { title: string; creator?: string | null },
): string | null {
  switch (problem) {
    case 'recreated':
      return logPath(wiki, { type: 'delete', page: page.title });
    case 'author-blocked':
      return page.creator ? logPath(wiki, { type: 'block', page: `User:${page.creator}` }) : null;
    case 'orphan':
      return linksHerePath(wiki, page.title, true);
  }
}

/** Whether a problem chip is one that leads somewhere. */
export function isLinkedProblem(problem: string): problem is LinkedProblem {
  return problem === 'recreated' || problem === 'author-blocked' || problem === 'orphan';
}
