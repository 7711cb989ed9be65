import { NS_CATEGORY, NS_FILE } from './namespaces.ts';

/** What a category member is (MediaWiki's cl_type), decided by the member page's namespace. */
export type CategoryMemberType = 'page' | 'subcat' | 'file';

/** The order MediaWiki lists a category's members in: pages, then subcategories, then files. */
export const CATEGORY_MEMBER_TYPES: readonly CategoryMemberType[] = ['page', 'subcat', 'file'];

export function categoryMemberType(namespace: number): CategoryMemberType {
  if (namespace === NS_CATEGORY) return 'subcat';
  if (namespace === NS_FILE) return 'file';
  return 'page';
}

/**
 * MediaWiki's cl_sortkey under the default `uppercase` collation ($wgCategoryCollation): the
 * member's title without its namespace, behind the sort key prefix and a line feed when the link
 * gave one (Title::getCategorySortkey), in upper case. Members are listed in the code point order
 * of this key, then by page id.
 */
export function categorySortKey(prefix: string, memberDbKey: string): string {
  const text = memberDbKey.replace(/_/g, ' ');
  return uppercaseCollation(prefix === '' ? text : `${prefix}\n${text}`);
}

/** The `uppercase` collation's key of any text (what cmstartsortkeyprefix is compared as). */
export function uppercaseCollation(text: string): string {
  return text.toUpperCase();
}
