/**
 * Namespaces of one wiki, as MediaWiki describes them in siteinfo: a numeric id, the localized
 * name, the canonical (English) name and any aliases. Title parsing accepts all three forms
 * case-insensitively (the first letter of a namespace name is never case-sensitive).
 */
export interface NamespaceInfo {
  id: number;
  /** Localized name, '' for the main namespace, spaces not underscores ("Wikipedia talk"). */
  name: string;
  /** Canonical English name ("File", "Category"), '' for main; equals name on English wikis. */
  canonical: string;
  aliases: string[];
  /** Whether pages here count as content (MediaWiki's $wgContentNamespaces). */
  content: boolean;
  /** 'first-letter' (the default) or 'case-sensitive' (Wiktionary style). */
  case: 'first-letter' | 'case-sensitive';
}

export const NS_MEDIA = -2;
export const NS_SPECIAL = -1;
export const NS_MAIN = 0;
export const NS_TALK = 1;
export const NS_USER = 2;
export const NS_USER_TALK = 3;
export const NS_PROJECT = 4;
export const NS_FILE = 6;
export const NS_MEDIAWIKI = 8;
export const NS_TEMPLATE = 10;
export const NS_HELP = 12;
export const NS_CATEGORY = 14;
export const NS_MODULE = 828;

/** Fast lookups over a wiki's namespaces: by id, and by any name or alias (normalized). */
export class NamespaceTable {
  readonly #byId = new Map<number, NamespaceInfo>();
  readonly #byName = new Map<string, number>();

  constructor(readonly list: readonly NamespaceInfo[]) {
    for (const ns of list) {
      this.#byId.set(ns.id, ns);
      for (const n of [ns.name, ns.canonical, ...ns.aliases]) {
        if (n !== '' || ns.id === 0) this.#byName.set(normalizeNamespaceName(n), ns.id);
      }
    }
  }

  get(id: number): NamespaceInfo | undefined {
    return this.#byId.get(id);
  }

  /** The namespace id a prefix ("Kategorie", "category", "Category_talk") names, if any. */
  idOf(name: string): number | undefined {
    const key = normalizeNamespaceName(name);
    if (key === '') return undefined;
    return this.#byName.get(key);
  }

  /** All names (localized, canonical, aliases) that denote namespace `id`. */
  namesOf(id: number): string[] {
    const ns = this.#byId.get(id);
    if (!ns) return [];
    return [...new Set([ns.name, ns.canonical, ...ns.aliases].filter((n) => n !== ''))];
  }

  isContent(id: number): boolean {
    return this.#byId.get(id)?.content ?? false;
  }
}

/** Namespace names compare case-insensitively with spaces and underscores equivalent. */
export function normalizeNamespaceName(name: string): string {
  return name
    .replace(/[_\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** MediaWiki's default namespace set in English; wikis localize names on top of this. */
export function defaultNamespaces(): NamespaceInfo[] {
  const n = (id: number, name: string, content = false, aliases: string[] = []): NamespaceInfo => ({
    id,
    name,
    canonical: name,
    aliases,
    content,
    case: 'first-letter',
  });
  return [
    n(-2, 'Media'),
    n(-1, 'Special'),
    n(0, '', true),
    n(1, 'Talk'),
    n(2, 'User'),
    n(3, 'User talk'),
    n(4, 'Project', false, ['Wikipedia']),
    n(5, 'Project talk'),
    n(6, 'File', false, ['Image']),
    n(7, 'File talk', false, ['Image talk']),
    n(8, 'MediaWiki'),
    n(9, 'MediaWiki talk'),
    n(10, 'Template'),
    n(11, 'Template talk'),
    n(12, 'Help'),
    n(13, 'Help talk'),
    n(14, 'Category'),
    n(15, 'Category talk'),
    n(828, 'Module'),
    n(829, 'Module talk'),
  ];
}
