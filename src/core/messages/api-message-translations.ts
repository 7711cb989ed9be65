import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fillMessageArgs, transformMessage } from '../domain/message-text.ts';

/**
 * Translations of the error catalog's messages (src/errors.ts holds the English ones):
 * `i18n/api/<lang>.json`, translatewiki's format, with MediaWiki's keys: `apierror-<code>` for an
 * error, `apiwarn-<name>` for a warning (by catalog name: one code may be worded several ways).
 * A message a language lacks stays English, as MediaWiki falls back to English.
 */
const API_I18N_DIR = fileURLToPath(new URL('../../../i18n/api/', import.meta.url));

let loaded: ReadonlyMap<string, ReadonlyMap<string, string>> | undefined;

function translations(): ReadonlyMap<string, ReadonlyMap<string, string>> {
  if (loaded) return loaded;
  const byLang = new Map<string, Map<string, string>>();
  for (const file of existsSync(API_I18N_DIR) ? readdirSync(API_I18N_DIR) : []) {
    const m = /^([a-z][a-z0-9-]*)\.json$/.exec(file);
    if (!m || m[1] === 'qqq') continue;
    const data = JSON.parse(readFileSync(API_I18N_DIR + file, 'utf8')) as Record<string, unknown>;
    const messages = new Map<string, string>();
    for (const [key, value] of Object.entries(data)) {
      if (key === '@metadata') continue;
      if (typeof value !== 'string') throw new Error(`i18n/api/${file}: ${key} is not a string`);
      messages.set(key, value);
    }
    byLang.set(m[1]!, messages);
  }
  loaded = byLang;
  return loaded;
}

/** The message key of a catalogued error (by code) or warning (by catalog name). */
export function apiMessageKey(kind: 'error' | 'warning', name: string): string {
  return kind === 'error' ? `apierror-${name}` : `apiwarn-${name}`;
}

/**
 * The catalogued error or warning `name` in `lang`, its `$n` filled from `params` and PLURAL
 * chosen by the language's rules; undefined when `lang` has no translation of it.
 */
export function translateApiMessage(
  kind: 'error' | 'warning',
  name: string,
  params: readonly (string | number)[],
  lang: string,
): string | undefined {
  const text = translations().get(lang)?.get(apiMessageKey(kind, name));
  if (text === undefined) return undefined;
  return transformMessage(fillMessageArgs(text, params.map(String)), { sitename: '', pagename: '', lang });
}
