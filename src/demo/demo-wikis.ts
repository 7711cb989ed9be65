import { defaultNamespaces, type NamespaceInfo } from '../core/domain/namespaces.ts';
import type { WikiInfo } from '../core/domain/wiki.ts';

/** The content wikis of the demo family, by language code. */
export type DemoLang = 'en' | 'de' | 'cs';

export const DEMO_LANGS: readonly DemoLang[] = ['en', 'de', 'cs'];

/** The main page each demo wiki is given (its `mainPage` setting). */
export const DEMO_MAIN_PAGES: Readonly<Record<DemoLang, string>> = {
  en: 'Main Page',
  de: 'Wikipedia:Hauptseite',
  cs: 'Hlavní strana',
};

export const MEDIA_REPO = 'commonswiki';

export function wikiIdOf(lang: DemoLang): string {
  return `${lang}wiki`;
}

/** English Wikipedia's Draft namespace (review-queue-reference.md §6: the client falls back to 118). */
export const NS_DRAFT = 118;
export const NS_DRAFT_TALK = 119;

/**
 * [id, localized name, extra aliases] for the namespaces whose names a wiki localizes; the
 * canonical English name stays `canonical`, which title parsing accepts everywhere.
 */
type Localization = Record<number, [string, string[]?]>;

const GERMAN: Localization = {
  [-2]: ['Medium'],
  [-1]: ['Spezial'],
  1: ['Diskussion'],
  2: ['Benutzer', ['Benutzerin']],
  3: ['Benutzer Diskussion', ['Benutzerin Diskussion', 'BD']],
  4: ['Wikipedia', ['WP']],
  5: ['Wikipedia Diskussion'],
  6: ['Datei', ['Bild']],
  7: ['Datei Diskussion', ['Bild Diskussion']],
  8: ['MediaWiki'],
  9: ['MediaWiki Diskussion'],
  10: ['Vorlage'],
  11: ['Vorlage Diskussion'],
  12: ['Hilfe'],
  13: ['Hilfe Diskussion'],
  14: ['Kategorie'],
  15: ['Kategorie Diskussion'],
  100: ['Portal'],
  101: ['Portal Diskussion'],
  828: ['Modul'],
  829: ['Modul Diskussion'],
};

const CZECH: Localization = {
  [-2]: ['Média'],
  [-1]: ['Speciální'],
  1: ['Diskuse'],
  2: ['Uživatel', ['Uživatelka']],
  3: ['Diskuse s uživatelem', ['Diskuse s uživatelkou', 'Uživatel diskuse']],
  4: ['Wikipedie', ['WP']],
  5: ['Diskuse k Wikipedii', ['Wikipedie diskuse']],
  6: ['Soubor', ['Obrázek']],
  7: ['Diskuse k souboru', ['Soubor diskuse']],
  8: ['MediaWiki'],
  9: ['Diskuse k MediaWiki'],
  10: ['Šablona'],
  11: ['Diskuse k šabloně'],
  12: ['Nápověda'],
  13: ['Diskuse k nápovědě'],
  14: ['Kategorie'],
  15: ['Diskuse ke kategorii'],
  100: ['Portál'],
  101: ['Diskuse k portálu'],
  828: ['Modul'],
  829: ['Diskuse k modulu'],
};

function ns(
  id: number,
  name: string,
  canonical = name,
  aliases: string[] = [],
  content = false,
): NamespaceInfo {
  return { id, name, canonical, aliases, content, case: 'first-letter' };
}

/** Default namespaces with the project namespace named after the site, plus `extra` ones. */
function withProject(project: string, projectAliases: string[], extra: NamespaceInfo[]): NamespaceInfo[] {
  const list = defaultNamespaces().map((n) => {
    if (n.id === 4) return ns(4, project, 'Project', projectAliases);
    if (n.id === 5) return ns(5, `${project} talk`, 'Project talk');
    return n;
  });
  return [...list, ...extra].sort((a, b) => a.id - b.id);
}

function localized(list: NamespaceInfo[], table: Localization): NamespaceInfo[] {
  return list.map((n) => {
    const l = table[n.id];
    return l ? ns(n.id, l[0], n.canonical, l[1] ?? [], n.content) : n;
  });
}

/** The four wikis of the demo family: English, German and Czech Wikipedia-likes and a Commons-like repository. */
export function demoWikis(): WikiInfo[] {
  const portal = [ns(100, 'Portal'), ns(101, 'Portal talk')];
  const en = withProject(
    'Wikipedia',
    ['WP'],
    [...portal, ns(NS_DRAFT, 'Draft'), ns(NS_DRAFT_TALK, 'Draft talk')],
  );
  const de = localized(withProject('Wikipedia', [], portal), GERMAN);
  const cs = localized(withProject('Wikipedia', [], portal), CZECH);
  const commons = withProject('Commons', ['COM'], [ns(100, 'Creator'), ns(101, 'Creator talk')]).map((n) =>
    n.id === 6 ? { ...n, content: true } : n,
  );
  const wiki = (
    id: string,
    lang: string,
    sitename: string,
    namespaces: NamespaceInfo[],
    isMediaRepo = false,
    settings: Record<string, unknown> = {},
  ) => ({
    id,
    lang,
    sitename,
    baseUrl: '',
    namespaces,
    isMediaRepo,
    source: 'local' as const,
    settings,
  });
  return [
    wiki('enwiki', 'en', 'Wikipedia', en),
    wiki('dewiki', 'de', 'Wikipedia', de, false, { mainPage: DEMO_MAIN_PAGES.de }),
    wiki('cswiki', 'cs', 'Wikipedie', cs, false, { mainPage: DEMO_MAIN_PAGES.cs }),
    wiki(MEDIA_REPO, 'en', 'Wikimedia Commons', commons, true),
  ];
}
