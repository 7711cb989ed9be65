import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * wikiqueue's own interface messages: `i18n/<lang>.json` in translatewiki's format (`@metadata`
 * and message keys). English is complete; another language falls back to English for the keys it
 * lacks, as MediaWiki's language fallback ends in English. `qqq.json` documents the messages
 * (translatewiki's convention) and is no language.
 */
export interface MessageCatalog {
  /** Every message key, sorted as MediaWiki sorts allmessages (by code point). */
  readonly keys: readonly string[];
  /** The catalog's text of `key` in `lang` (or English); undefined when no such message exists. */
  text(key: string, lang: string): string | undefined;
  /** The languages that have a catalog file. */
  readonly languages: readonly string[];
}

const I18N_DIR = fileURLToPath(new URL('../../../i18n/', import.meta.url));

let loaded: MessageCatalog | undefined;

/** The catalog read from `i18n/` once per process. */
export function messageCatalog(): MessageCatalog {
  loaded ??= readCatalog(I18N_DIR);
  return loaded;
}

function readCatalog(dir: string): MessageCatalog {
  const byLang = new Map<string, Map<string, string>>();
  for (const file of readdirSync(dir)) {
    const m = /^([a-z][a-z0-9-]*)\.json$/.exec(file);
    if (!m || m[1] === 'qqq') continue;
    const data = JSON.parse(readFileSync(dir + file, 'utf8')) as Record<string, unknown>;
    const messages = new Map<string, string>();
    for (const [key, value] of Object.entries(data)) {
      if (key === '@metadata') continue;
      if (typeof value !== 'string') throw new Error(`i18n/${file}: ${key} is not a string`);
      messages.set(key, value);
    }
    byLang.set(m[1]!, messages);
  }
  const en = byLang.get('en');
  if (!en) throw new Error('i18n/en.json is missing');
  const keys = [...en.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    keys,
    languages: [...byLang.keys()].sort(),
    text: (key, lang) => byLang.get(lang)?.get(key) ?? en.get(key),
  };
}
