import { fail } from '../../errors.ts';

/** A position in the queue's order (importance descending, then page id descending). */
export interface QueuePosition {
  importance: number;
  pageId: number;
}

/** Pages per response: the default and the most (MediaWiki's usual limits for anonymous clients). */
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 50;

/** `limit`: an integer from 1 to MAX_LIMIT (absent: DEFAULT_LIMIT); anything else is `pagequeue-badlimit`. */
export function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LIMIT;
  if (!/^[0-9]{1,6}$/.test(raw)) throw fail('pagequeue-badlimit', raw, MAX_LIMIT);
  const n = Number(raw);
  if (n < 1 || n > MAX_LIMIT) throw fail('pagequeue-badlimit', raw, MAX_LIMIT);
  return n;
}

/**
 * The `continue` token: the position of the last page a response went past, `<importance>|<page
 * id>` as MediaWiki's continuation values are (`|`-separated sort keys).
 */
export function formatContinue(p: QueuePosition): string {
  return `${p.importance}|${p.pageId}`;
}

/** Reads a `continue` token; anything that `formatContinue` cannot have made is `pagequeue-badcontinue`. */
export function parseContinue(raw: string): QueuePosition {
  const m = /^(0|-?[1-9][0-9]{0,15})\|([1-9][0-9]{0,15})$/.exec(raw);
  const importance = m ? Number(m[1]) : NaN;
  const pageId = m ? Number(m[2]) : NaN;
  if (!Number.isSafeInteger(importance) || !Number.isSafeInteger(pageId))
    throw fail('pagequeue-badcontinue', raw);
  return { importance, pageId };
}
