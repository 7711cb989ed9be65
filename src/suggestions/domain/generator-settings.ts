import { setting, type SettingSchema } from '../../core/domain/settings-schema.ts';

/**
 * A wiki's settings of the suggestion generator (`suggestions.*` of `wikiqueue wiki set`): which
 * files are never suggested, which articles get none, and where candidates come from. Defaults
 * follow the production pipeline's filter (image-suggestions-and-page-queue.md §2); the language
 * defaults fill what is empty (see `withLanguageDefaults`).
 */
export interface GeneratorSettings {
  /** Whether the wiki's articles get suggestions (full runs and incremental updates). */
  enabled: boolean;
  /** Files narrower than this many pixels are never suggested. */
  minWidth: number;
  /** MediaWiki media types that may be suggested (BITMAP: photographs and other raster images). */
  mediaTypes: string[];
  /**
   * A file used on at least this many pages of the family is never suggested (icons, flags, logos
   * and placeholders are used everywhere)…
   */
  maxFileUsage: number;
  /**
   * … nor one used on at least this share of the family's content pages (so that "very many"
   * means many for a small wiki too), but never below `minOveruse` pages.
   */
  maxFileUsageShare: number;
  minOveruse: number;
  /** Case-insensitive regular expressions on the file name (spaces, no prefix) that are never suggested. */
  excludedFilePatterns: string[];
  /** File names (any form) never suggested on this wiki. */
  excludedFiles: string[];
  /** Articles in these categories (names without prefix) get no suggestions. */
  excludedCategories: string[];
  /** Articles transcluding these templates (names without prefix: disambiguation boxes) get none. */
  excludedTemplates: string[];
  /** Case-insensitive regular expressions on the article title (lists): those get none. */
  excludedTitlePatterns: string[];
  /** Wiki ids whose lead images feed this wiki; empty: every other language wiki served here. */
  siblings: string[];
  /** Extra groups of equivalent section headings (any languages) for section-level suggestions. */
  sectionHeadings: string[][];
  /** Whether section-level suggestions are made. */
  sections: boolean;
}

/** File names that are never good lead images whatever their use (production's name filter). */
export const DEFAULT_EXCLUDED_FILE_PATTERNS: readonly string[] = [
  '^flag of ',
  '^coat of arms',
  '\\blogo\\b',
  '\\bicon\\b',
  '^ambox ',
  'placeholder',
  '^no image',
  '\\bsignature\\b',
  '^blank ',
];

const regexList = (defaults: readonly string[]): SettingSchema<string[]> =>
  setting.list(
    setting.string('', (value) => {
      try {
        new RegExp(value, 'iu');
        return undefined;
      } catch {
        return 'must be a regular expression';
      }
    }),
    [...defaults],
  );

export const generatorSettingsSchema: SettingSchema<GeneratorSettings> = setting.object<GeneratorSettings>({
  enabled: setting.boolean(true),
  minWidth: setting.number(100, { min: 1, integer: true }),
  mediaTypes: setting.list(
    setting.oneOf('BITMAP', ['BITMAP', 'DRAWING', 'VIDEO', 'MULTIMEDIA', 'OFFICE'] as const),
    ['BITMAP'],
  ) as SettingSchema<string[]>,
  maxFileUsage: setting.number(100, { min: 1, integer: true }),
  maxFileUsageShare: setting.number(0.05, { min: 0, max: 1 }),
  minOveruse: setting.number(10, { min: 1, integer: true }),
  excludedFilePatterns: regexList(DEFAULT_EXCLUDED_FILE_PATTERNS),
  excludedFiles: setting.list(setting.string(''), []),
  excludedCategories: setting.list(setting.string(''), []),
  excludedTemplates: setting.list(setting.string(''), []),
  excludedTitlePatterns: regexList([]),
  siblings: setting.list(setting.string(''), []),
  sectionHeadings: setting.list(setting.list(setting.string(''), []), []),
  sections: setting.boolean(true),
});

/**
 * What a language's wikis call their disambiguation pages and lists, added to the wiki's own
 * settings (the categories and templates Disambiguator-using Wikipedias put on them, and the
 * usual "List of" title forms).
 */
const LANGUAGE_DEFAULTS: Record<string, { categories: string[]; templates: string[]; titles: string[] }> = {
  en: {
    categories: ['Disambiguation_pages', 'All_disambiguation_pages', 'All_article_disambiguation_pages'],
    templates: ['Disambiguation', 'Disambig', 'Dab', 'Geodis', 'Hndis', 'Surname', 'Given_name'],
    titles: ['^lists? of ', '^index of ', '^timeline of '],
  },
  de: {
    categories: ['Begriffsklärung'],
    templates: ['Begriffsklärung', 'BKL'],
    titles: ['^liste ', '^listen '],
  },
  cs: {
    categories: ['Rozcestníky'],
    templates: ['Rozcestník'],
    titles: ['^seznam '],
  },
};

/** The wiki's settings with its language's disambiguation and list forms added. */
export function withLanguageDefaults(settings: GeneratorSettings, lang: string): GeneratorSettings {
  const d = LANGUAGE_DEFAULTS[lang];
  if (!d) return settings;
  const union = (own: string[], more: string[]) => [...new Set([...own, ...more])];
  return {
    ...settings,
    excludedCategories: union(settings.excludedCategories, d.categories),
    excludedTemplates: union(settings.excludedTemplates, d.templates),
    excludedTitlePatterns: union(settings.excludedTitlePatterns, d.titles),
  };
}
