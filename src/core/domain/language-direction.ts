/**
 * The languages MediaWiki writes right to left (`$rtl = true` in their Messages*.php) among the
 * Wikipedias' content languages: siteinfo's `rtl` and the `dir` of a page view follow it.
 */
const RIGHT_TO_LEFT = new Set([
  'ar',
  'arc',
  'arz',
  'azb',
  'ckb',
  'dv',
  'fa',
  'glk',
  'he',
  'ks',
  'mzn',
  'pnb',
  'ps',
  'sd',
  'ug',
  'ur',
  'yi',
]);

/** Whether text in `lang` runs right to left. */
export function isRightToLeft(lang: string): boolean {
  return RIGHT_TO_LEFT.has(lang);
}

/** The HTML `dir` of text in `lang`. */
export function directionOf(lang: string): 'rtl' | 'ltr' {
  return isRightToLeft(lang) ? 'rtl' : 'ltr';
}
