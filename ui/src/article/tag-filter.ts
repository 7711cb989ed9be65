import type { MaintenanceTag } from './tag-wikitext.ts';

/**
 * The tags tool's quick filter (review-queue-reference.md §8.3: "a quick filter appears when there
 * are more than 5 tags"). The reference filters the tags of the category shown; this tool shows
 * all the page's tags at once (the reference's generated "all" category), so the filter appears
 * when they are more than five.
 */
export function hasQuickFilter(tagCount: number): boolean {
  return tagCount > 5;
}

/**
 * Whether a tag matches what was typed in the quick filter: the text, spaces around it dropped, in
 * its label, template name or description, without regard to case (the reference matches the
 * tag's row, which shows all three). An empty filter matches every tag.
 */
export function matchesTagFilter(
  tag: Pick<MaintenanceTag, 'tag' | 'label' | 'desc'>,
  filter: string,
): boolean {
  const wanted = filter.trim().toLocaleLowerCase();
  if (wanted === '') return true;
  return [tag.label, tag.tag, tag.desc].some((text) => text.toLocaleLowerCase().includes(wanted));
}
