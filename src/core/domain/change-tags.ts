import { fail } from '../../errors.ts';

/** Tags users may add by hand when a wiki's `changeTags` setting does not list its own. */
export const DEFAULT_USER_CHANGE_TAGS: readonly string[] = [
  'pagetriage',
  'newcomer task',
  'newcomer task image suggestion',
  'newcomer task section image suggestion',
];

/**
 * Whether a user with `rights` may add `tags` to a change they make
 * (ChangeTags::canAddTagsAccompanyingChange): none asked is always fine; otherwise the user needs
 * `applychangetags` (`tags-apply-no-permission`) and every tag must be one users may add on the
 * wiki, `userAddableTags` (`badtags`, naming the first that is not). Throws the catalogued error.
 */
export function checkTagsAccompanyingChange(
  tags: readonly string[],
  rights: ReadonlySet<string>,
  userAddableTags: readonly string[],
): void {
  if (tags.length === 0) return;
  if (!rights.has('applychangetags')) throw fail('tags-apply-no-permission');
  const bad = tags.find((t) => !userAddableTags.includes(t));
  if (bad !== undefined) throw fail('badtags', bad);
}
