import { defaultNamespaces, type NamespaceInfo } from '../core/domain/namespaces.ts';
import type { WikiInfo } from '../core/domain/wiki.ts';
import { coreNamespaces } from '../core/domain/core-namespaces.ts';

/** The content wikis of the demo family, by language code. */
export type DemoLang = 'en' | 'de' | 'cs' | 'ar';

export const DEMO_LANGS: readonly DemoLang[] = ['en', 'de', 'cs', 'ar'];

/** The main page each demo wiki is given (its `mainPage` setting). */
export const DEMO_MAIN_PAGES: Readonly<Record<DemoLang, string>> = {
  en: 'Main Page',
  de: 'Wikipedia:Hauptseite',
  cs: 'Hlavní strana',
  ar: 'الصفحة الرئيسية',
};

export const MEDIA_REPO = 'commonswiki';

export function wikiIdOf(lang: DemoLang): string {
  return `${lang}wiki`;
}

/** English Wikipedia's Draft namespace (review-queue-reference.md §6: the client falls back to 118). */
export const NS_DRAFT = 118;
export const NS_DRAFT_TALK = 119;

/**
 * What a language edition names beyond the core namespaces' localized names (core-namespaces.ts):
 * the project namespaces, Portal, Draft and Module, and aliases (MessagesDe.php, MessagesCs.php,
 * MessagesAr.php; Arabic Wikipedia's extra namespaces from its siteinfo). The canonical English
 * name stays `canonical`, which title parsing accepts everywhere.
 */
interface Localization {
  names: Record<number, string>;
  aliases: Record<number, string[]>;
}

const GERMAN: Localization = {
  names: {
    4: 'Wikipedia',
    5: 'Wikipedia Diskussion',
    100: 'Portal',
    101: 'Portal Diskussion',
    828: 'Modul',
    829: 'Modul Diskussion',
  },
  aliases: {
    2: ['Benutzerin'],
    3: ['Benutzerin Diskussion', 'BD'],
    4: ['WP'],
    6: ['Bild'],
    7: ['Bild Diskussion'],
  },
};

const CZECH: Localization = {
  names: {
    4: 'Wikipedie',
    5: 'Diskuse k Wikipedii',
    100: 'Portál',
    101: 'Diskuse k portálu',
    828: 'Modul',
    829: 'Diskuse k modulu',
  },
  aliases: {
    2: ['Uživatelka'],
    3: ['Diskuse s uživatelkou', 'Uživatel diskuse'],
    4: ['WP'],
    5: ['Wikipedie diskuse'],
    6: ['Obrázek'],
    7: ['Soubor diskuse'],
  },
};

const ARABIC: Localization = {
  names: {
    4: 'ويكيبيديا',
    5: 'نقاش ويكيبيديا',
    100: 'بوابة',
    101: 'نقاش البوابة',
    [NS_DRAFT]: 'مسودة',
    [NS_DRAFT_TALK]: 'نقاش المسودة',
    828: 'وحدة',
    829: 'نقاش الوحدة',
  },
  aliases: {
    4: ['WP'],
    6: ['صورة'],
    7: ['نقاش الصورة'],
  },
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

function localized(list: NamespaceInfo[], lang: string, table: Localization): NamespaceInfo[] {
  const names = new Map(coreNamespaces(lang).map((n) => [n.id, n.name]));
  for (const [id, name] of Object.entries(table.names)) names.set(Number(id), name);
  return list.map((n) => {
    const name = names.get(n.id);
    const aliases = table.aliases[n.id] ?? [];
    return name === undefined && aliases.length === 0
      ? n
      : ns(n.id, name ?? n.name, n.canonical, aliases, n.content);
  });
}

/**
 * The five wikis of the demo family: English, German, Czech and Arabic Wikipedia-likes and a
 * Commons-like repository.
 */
export function demoWikis(): WikiInfo[] {
  const portal = [ns(100, 'Portal'), ns(101, 'Portal talk')];
  const en = withProject(
    'Wikipedia',
    ['WP'],
    [...portal, ns(NS_DRAFT, 'Draft'), ns(NS_DRAFT_TALK, 'Draft talk')],
  );
  const de = localized(withProject('Wikipedia', [], portal), 'de', GERMAN);
  const cs = localized(withProject('Wikipedia', [], portal), 'cs', CZECH);
  const draft = [ns(NS_DRAFT, 'Draft'), ns(NS_DRAFT_TALK, 'Draft talk')];
  const ar = localized(withProject('Wikipedia', [], [...portal, ...draft]), 'ar', ARABIC);
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
    wiki('arwiki', 'ar', 'ويكيبيديا', ar, false, { mainPage: DEMO_MAIN_PAGES.ar }),
    wiki(MEDIA_REPO, 'en', 'Wikimedia Commons', commons, true),
  ];
}
