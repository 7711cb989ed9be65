import { site } from '../session/site.ts';

const RTL_LANGUAGES = new Set([
  'ar',
  'arz',
  'ckb',
  'dv',
  'fa',
  'he',
  'ks',
  'mzn',
  'ps',
  'sd',
  'ug',
  'ur',
  'yi',
]);

/**
 * The language and writing direction of a wiki's content (its interwiki prefix), for the `lang`
 * and `dir` of article text shown inside the interface, whose own language may differ.
 */
export function contentLanguage(wiki: string): { lang: string; dir: 'ltr' | 'rtl' } {
  const lang = site.wikis.find((w) => w.id === wiki)?.prefix ?? 'en';
  return { lang, dir: RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr' };
}
