import type { ImageSource } from './image-recommendation.ts';

/**
 * The human-readable reason an image is suggested (suggested-edits-reference.md §4.4,
 * `ImageRecommendationMetadataProvider::getSuggestionReason`): which interface message says it and
 * with what parameters. Rendering the message (i18n/*.json) is the caller's; this is pure.
 */
export interface ReasonMessage {
  key: string;
  params: string[];
  /**
   * For a `-languages` reason: the language names to list and how many more to count ("and N
   * others"); the phrase (languageList) is the message's last parameter.
   */
  languages?: { names: string[]; others: number };
}

/** Languages named in a reason before the rest are counted ("and N others"). */
export const SHOWN_LANGUAGES = 2;

/**
 * MediaWiki's language fallback chains for the languages whose chain does not go straight to
 * English (Language::getFallbacksFor, abridged to the languages near the demo wikis); every chain
 * ends in English.
 */
const FALLBACKS: Readonly<Record<string, readonly string[]>> = {
  sk: ['cs'],
  szl: ['cs', 'pl'],
  hsb: ['dsb', 'de'],
  dsb: ['hsb', 'de'],
  bar: ['de'],
  lb: ['de'],
  ksh: ['de'],
  nds: ['de'],
  pfl: ['de'],
  gsw: ['de'],
  'de-at': ['de'],
  'de-ch': ['de'],
  'de-formal': ['de'],
  rue: ['uk', 'ru'],
};

/** The language's fallbacks, in order, English last (without the language itself). */
export function fallbacksOf(lang: string): string[] {
  const chain = [...(FALLBACKS[lang] ?? [])];
  if (lang !== 'en' && !chain.includes('en')) chain.push('en');
  return chain;
}

/** Wikis named `<x>wiki` that are no language edition of Wikipedia. */
const NOT_WIKIPEDIAS = new Set([
  'commons',
  'wikidata',
  'meta',
  'species',
  'mediawiki',
  'sources',
  'incubator',
  'outreach',
  'foundation',
  'login',
  'test',
  'test2',
  'testwikidata',
  'wikimania',
  'wikifunctions',
]);

/** Wiki ids whose language code is not their prefix (MediaWiki's $wgLanguageCode of the wiki). */
const LANGUAGE_OF_PREFIX: Readonly<Record<string, string>> = {
  be_x_old: 'be-tarask',
  zh_min_nan: 'nan',
  zh_yue: 'yue',
  zh_classical: 'lzh',
  als: 'gsw',
  no: 'nb',
  simple: 'en',
};

/**
 * The language code of a Wikipedia by its wiki id (`cswiki` → `cs`, `zh_yuewiki` → `yue`); undefined
 * for a wiki that is not a language edition of Wikipedia.
 */
export function wikipediaLanguage(wikiId: string): string | undefined {
  const m = /^([a-z][a-z0-9_]*)wiki$/.exec(wikiId);
  if (!m || NOT_WIKIPEDIAS.has(m[1]!)) return undefined;
  return LANGUAGE_OF_PREFIX[m[1]!] ?? m[1]!.replace(/_/g, '-');
}

/** The name of language `code` in language `inLanguage`, or undefined when none is known. */
export function languageName(code: string, inLanguage: string): string | undefined {
  try {
    const name = new Intl.DisplayNames([inLanguage, 'en'], { type: 'language', fallback: 'none' }).of(code);
    return name === undefined || name === code ? undefined : name;
  } catch {
    return undefined;
  }
}

/**
 * The languages a reason names, at most `target`: the content language and its fallbacks first
 * (in chain order), then the others in the order given.
 */
export function shownLanguages(languages: readonly string[], contentLang: string, target: number): string[] {
  const preferred = [contentLang, ...fallbacksOf(contentLang)];
  const first = preferred.filter((l) => languages.includes(l));
  const rest = languages.filter((l) => !preferred.includes(l));
  return [...new Set([...first, ...rest])].slice(0, target);
}

/**
 * The reason of an image from `source` used on `projects` (wiki ids), in `lang` (the language the
 * reader reads; language names are given in it) on a wiki of content language `contentLang`:
 * - `wikidata`, `commons`, `wikidata-section-topics`: a fixed text;
 * - `wikipedia`, `wikidata-section-alignment`: one project whose language has a name → "used in
 *   <that Wikipedia>"; else the count and up to two language names (the content language and its
 *   fallbacks first) and "N others"; the count alone when no project's language has a name;
 * - `wikidata-section-intersection`: one named project, the first named one "+ N more", or the count.
 */
export function reasonOf(
  source: ImageSource,
  projects: readonly string[],
  contentLang: string,
  lang: string,
): ReasonMessage {
  const prefix = 'growthexperiments-addimage-reason-';
  switch (source) {
    case 'wikidata':
      return { key: `${prefix}wikidata`, params: [] };
    case 'commons':
      return { key: `${prefix}commons`, params: [] };
    case 'wikidata-section-topics':
      return { key: `${prefix}section-topics`, params: [] };
    case 'wikipedia':
    case 'wikidata-section-alignment':
    case 'wikidata-section-intersection':
      break;
  }
  const family =
    source === 'wikipedia'
      ? 'wikipedia'
      : source === 'wikidata-section-alignment'
        ? 'section-alignment'
        : 'intersection';
  const count = projects.length;
  const named = [
    ...new Set(
      projects.flatMap((p) => {
        const code = wikipediaLanguage(p);
        return code !== undefined && languageName(code, lang) !== undefined ? [code] : [];
      }),
    ),
  ];
  if (named.length === 0) return { key: `${prefix}${family}-count`, params: [String(count)] };
  if (count === 1) return { key: `${prefix}${family}-project`, params: [languageName(named[0]!, lang)!] };
  if (family === 'intersection') {
    const [first] = shownLanguages(named, contentLang, 1);
    return { key: `${prefix}intersection-more`, params: [languageName(first!, lang)!, String(count - 1)] };
  }
  const shown = shownLanguages(named, contentLang, SHOWN_LANGUAGES);
  return {
    key: `${prefix}${family}-languages`,
    params: [String(count)],
    languages: { names: shown.map((l) => languageName(l, lang)!), others: count - shown.length },
  };
}

/**
 * A `-languages` reason's names and "N others" as one phrase in `lang` ("Czech, Slovak, and 3
 * others"); `others` is the rendered "N others" item, left out when undefined.
 */
export function languageList(names: readonly string[], lang: string, others?: string): string {
  const items = others === undefined ? [...names] : [...names, others];
  try {
    return new Intl.ListFormat([lang, 'en'], { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}
