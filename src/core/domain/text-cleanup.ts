/**
 * Text as MediaWiki accepts it from a request (UtfNormal\Validator::cleanUp, which WebRequest
 * applies to every value): C0 control characters other than tab, LF and CR, the non-characters
 * U+FFFE and U+FFFF, and unpaired surrogates (what is left of invalid UTF-8) become U+FFFD, the
 * replacement character; the rest is put in Unicode normalization form C. NUL can therefore never
 * reach the store, where PostgreSQL refuses it in text and SQLite's string functions stop at it.
 */
const UNACCEPTED =
  // eslint-disable-next-line no-control-regex -- control characters are what this finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanUpText(text: string): string {
  return text.replace(UNACCEPTED, '\uFFFD').normalize('NFC');
}
