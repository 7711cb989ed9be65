import Banana, { type Messages, type ParameterType } from 'banana-i18n';
import { reactive, readonly } from 'vue';
import { countText } from './counts.ts';

export { countForPlural } from './counts.ts';

/** The interface languages, with their autonyms and writing direction. */
export const LANGUAGES = {
  en: { name: 'English', dir: 'ltr' },
  de: { name: 'Deutsch', dir: 'ltr' },
  cs: { name: 'čeština', dir: 'ltr' },
  ar: { name: 'العربية', dir: 'rtl' },
} as const;

export type Language = keyof typeof LANGUAGES;

export function isLanguage(code: unknown): code is Language {
  return typeof code === 'string' && Object.hasOwn(LANGUAGES, code);
}

// The messages live in ui/i18n/<part>/<lang>.json (translatewiki.net's format, one folder per part
// of the interface, `qqq.json` documenting each key). English is in the initial bundle, as the
// fallback of every other language; the others load when chosen.
const englishFiles = import.meta.glob<Messages>('../../i18n/*/en.json', { eager: true, import: 'default' });
const otherFiles = import.meta.glob<Messages>(
  ['../../i18n/*/*.json', '!../../i18n/*/en.json', '!../../i18n/*/qqq.json'],
  { import: 'default' },
);

function withoutMetadata(messages: Messages): Messages {
  const { '@metadata': _metadata, ...rest } = messages;
  return rest;
}

const banana = new Banana('en', { finalFallback: 'en' });
for (const file of Object.values(englishFiles)) banana.load(withoutMetadata(file), 'en');

const loaded = new Set<Language>(['en']);
const state = reactive({ language: 'en' as Language, dir: 'ltr' as 'ltr' | 'rtl', version: 0 });

/** The current interface language and direction (reactive, read-only). */
export const i18nState = readonly(state);

async function loadLanguage(lang: Language): Promise<void> {
  if (loaded.has(lang)) return;
  const files = Object.entries(otherFiles).filter(([path]) => path.endsWith(`/${lang}.json`));
  const contents = await Promise.all(files.map(([, load]) => load()));
  for (const messages of contents) banana.load(withoutMetadata(messages), lang);
  loaded.add(lang);
}

/** Switches the interface to `lang`: loads its messages, then sets the document's lang and dir. */
export async function setLanguage(lang: Language): Promise<void> {
  await loadLanguage(lang);
  banana.setLocale(lang);
  state.language = lang;
  state.dir = LANGUAGES[lang].dir;
  state.version += 1;
  document.documentElement.lang = lang;
  document.documentElement.dir = state.dir;
}

/**
 * A message in the interface language with its parameters ($1…; PLURAL, GENDER and GRAMMAR as
 * banana-i18n renders them), falling back to English. The result is text: templates show it with
 * `{{ }}`, which escapes it.
 */
export function msg(key: string, ...params: ParameterType[]): string {
  // Reading the version makes every caller re-render when the language changes.
  void state.version;
  return banana.i18n(key, ...params);
}

/** Whether a message exists in the current language or its fallbacks. */
export function hasMessage(key: string): boolean {
  void state.version;
  return banana.getMessage(key) !== key && banana.getMessage(key) !== undefined;
}

/**
 * The language to start with: `?uselang=` (as MediaWiki takes it), then the stored choice (the
 * user's preference once signed in replaces it, see session.ts), then the browser's languages.
 */
export function initialLanguage(search: string, stored: string | null, browser: readonly string[]): Language {
  const uselang = new URLSearchParams(search).get('uselang');
  if (isLanguage(uselang)) return uselang;
  if (isLanguage(stored)) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** A number in the interface language's digits and grouping. */
export function formatNumber(n: number): string {
  void state.version;
  return new Intl.NumberFormat(state.language).format(n);
}

/** A count the API gives (a number, a numeric string, a capped "100+") as the interface writes it. */
export const formatCount = (v: string | number | undefined): string => countText(v, formatNumber);
