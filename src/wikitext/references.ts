import type { ResolvedContext } from './context.ts';

const CLOSE_REF = /<\/ref>/i;
const OPEN_REF = /<ref[ >]/i;

/**
 * PageTriage's `reference` tag (review-queue-reference.md §1.6, HEAD), applied to the raw wikitext
 * as PageTriage does (comments and nowiki are not skipped): `</ref>` is present and `<ref ` or `<ref>`
 * occurs before the first `</ref>`, all case-insensitive; or `{{` + a citation template name appears.
 * A lone self-closing `<ref name="a"/>` does not count.
 */
export function hasReference(source: string, ctx: ResolvedContext): boolean {
  const close = source.search(CLOSE_REF);
  if (close !== -1) {
    const open = source.search(OPEN_REF);
    if (open !== -1 && open < close) return true;
  }
  if (source.indexOf('{{') === -1) return false;
  return ctx.citationPatterns.some((pattern) => pattern.test(source));
}
