/**
 * The words full-text search indexes and matches, as MediaWiki's SearchUpdate normalizes text
 * for its database backends: lowercase, NFKC, split at everything that is not a letter, a digit
 * or a combining mark. Page text and query terms go through this one function, so both databases
 * see the same plain words (their own tokenizers then only split at the spaces).
 */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((w) => w !== '');
}

/**
 * At most this many characters of a page's words are indexed: PostgreSQL refuses a tsvector over
 * 1 MB, and a page's first half million characters of words say what it is about.
 */
export const MAX_INDEXED_WORD_CHARS = 500_000;

/** `words` joined by spaces, cut at a word boundary within MAX_INDEXED_WORD_CHARS. */
export function indexedWords(words: readonly string[]): string {
  let length = 0;
  let count = 0;
  for (const w of words) {
    if (length + w.length + 1 > MAX_INDEXED_WORD_CHARS) break;
    length += w.length + 1;
    count++;
  }
  return words.slice(0, count).join(' ');
}
