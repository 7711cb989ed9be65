import { defaultNamespaces, normalizeNamespaceName, type NamespaceInfo } from './namespaces.ts';

/**
 * Localized names of MediaWiki's core namespaces (-2…15) in the languages whose presets this
 * project ships (MessagesDe.php, MessagesCs.php, MessagesAr.php `$namespaceNames`). The project namespaces (4, 5)
 * are left out: MediaWiki names them after the site ($wgMetaNamespace), and Czech inflects it.
 */
const LOCALIZED_CORE_NAMES: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  de: {
    [-2]: 'Medium',
    [-1]: 'Spezial',
    1: 'Diskussion',
    2: 'Benutzer',
    3: 'Benutzer Diskussion',
    6: 'Datei',
    7: 'Datei Diskussion',
    8: 'MediaWiki',
    9: 'MediaWiki Diskussion',
    10: 'Vorlage',
    11: 'Vorlage Diskussion',
    12: 'Hilfe',
    13: 'Hilfe Diskussion',
    14: 'Kategorie',
    15: 'Kategorie Diskussion',
  },
  cs: {
    [-2]: 'Média',
    [-1]: 'Speciální',
    1: 'Diskuse',
    2: 'Uživatel',
    3: 'Diskuse s uživatelem',
    6: 'Soubor',
    7: 'Diskuse k souboru',
    8: 'MediaWiki',
    9: 'Diskuse k MediaWiki',
    10: 'Šablona',
    11: 'Diskuse k šabloně',
    12: 'Nápověda',
    13: 'Diskuse k nápovědě',
    14: 'Kategorie',
    15: 'Diskuse ke kategorii',
  },
  ar: {
    [-2]: 'ميديا',
    [-1]: 'خاص',
    1: 'نقاش',
    2: 'مستخدم',
    3: 'نقاش المستخدم',
    6: 'ملف',
    7: 'نقاش الملف',
    8: 'ميدياويكي',
    9: 'نقاش ميدياويكي',
    10: 'قالب',
    11: 'نقاش القالب',
    12: 'مساعدة',
    13: 'نقاش المساعدة',
    14: 'تصنيف',
    15: 'نقاش التصنيف',
  },
};

/** MediaWiki's core namespace ids: Media (-2) through Category talk (15). */
function isCoreNamespace(id: number): boolean {
  return id >= -2 && id <= 15;
}

/**
 * The core namespaces every MediaWiki wiki has (-2…15), with their canonical English names and,
 * where this project knows the wiki's language, its localized names (the English ones otherwise).
 */
export function coreNamespaces(lang: string): NamespaceInfo[] {
  const names = LOCALIZED_CORE_NAMES[lang] ?? {};
  return defaultNamespaces()
    .filter((ns) => isCoreNamespace(ns.id))
    .map((ns) => {
      const name = names[ns.id];
      return name === undefined || name === ns.name ? ns : { ...ns, name };
    });
}

/**
 * `namespaces` with the namespaces of `declared` whose id it lacks, in id order. Nothing of
 * `namespaces` is renamed or removed, and a declared namespace whose name or canonical name
 * already denotes another namespace is left out (it would make titles ambiguous). This is how a
 * dump's `<siteinfo>` extends a wiki: it may add namespaces, never change the wiki's own.
 */
export function addMissingNamespaces(
  namespaces: readonly NamespaceInfo[],
  declared: readonly NamespaceInfo[],
): NamespaceInfo[] {
  const ids = new Set(namespaces.map((ns) => ns.id));
  const taken = new Set(
    namespaces.flatMap((ns) => [ns.name, ns.canonical, ...ns.aliases]).map(normalizeNamespaceName),
  );
  const added: NamespaceInfo[] = [];
  for (const ns of declared) {
    if (ids.has(ns.id)) continue;
    const names = [ns.name, ns.canonical].filter((n) => n !== '').map(normalizeNamespaceName);
    if ((names.length === 0 && ns.id !== 0) || names.some((n) => taken.has(n))) continue;
    const aliases = ns.aliases.filter((a) => !taken.has(normalizeNamespaceName(a)));
    added.push({ ...ns, aliases });
    ids.add(ns.id);
    for (const n of [...names, ...aliases.map(normalizeNamespaceName)]) taken.add(n);
  }
  return [...namespaces, ...added].sort((a, b) => a.id - b.id);
}
