/**
 * Interface-message text as MediaWiki's Message class treats it, without I/O: key normalization,
 * the MediaWiki-namespace page that overrides a message, `$n` parameters and the few parser
 * functions messages use (`{{SITENAME}}`, `{{PAGENAME}}`, `{{PLURAL:}}`, `{{GENDER:}}`, `{{int:}}`).
 */

/** MessageCache::normalizeKey: spaces become underscores and the first letter is lower-cased. */
export function normalizeMessageKey(key: string): string {
  const k = key.replace(/ /g, '_');
  return k.charAt(0).toLowerCase() + k.slice(1);
}

/**
 * The DB key, in the MediaWiki namespace, of the page that overrides `key` in `lang`: `Name` for
 * the wiki's content language, `Name/lang` for any other.
 */
export function messagePageKey(key: string, lang: string, contentLang: string): string {
  const k = normalizeMessageKey(key);
  const base = k.charAt(0).toUpperCase() + k.slice(1);
  return lang === contentLang ? base : `${base}/${lang}`;
}

/** Replaces `$1`…`$n` with `args` (Message::replaceParameters); a `$n` without an argument stays. */
export function fillMessageArgs(text: string, args: readonly string[]): string {
  return text.replace(/\$(\d+)/g, (whole, n: string) => args[Number(n) - 1] ?? whole);
}

export interface MessageTransformContext {
  sitename: string;
  /** The message's language, whose plural rules `{{PLURAL:}}` follows (English when left out). */
  lang?: string;
  /** The page the message is shown on, for `{{PAGENAME}}` (ApiQueryAllMessages' `amtitle`). */
  pagename: string;
  /** Another message's text in the same language, for `{{int:}}`; undefined when it has none. */
  lookup?(key: string): string | undefined;
}

/**
 * Message::text's transformation (after parameters are filled): expands the magic words and
 * parser functions interface messages use. PLURAL picks a form by the language's plural rules
 * ({@link pluralCategories}); GENDER takes the neutral (last) form. Other templates are left as
 * written.
 */
export function transformMessage(text: string, ctx: MessageTransformContext): string {
  let out = text;
  for (let pass = 0; pass < 5; pass++) {
    const next = out.replace(/\{\{([^{}]*)\}\}/g, (whole, inner: string) => expand(inner, ctx) ?? whole);
    if (next === out) break;
    out = next;
  }
  return out;
}

function expand(inner: string, ctx: MessageTransformContext): string | undefined {
  const colon = inner.indexOf(':');
  const name = (colon < 0 ? inner : inner.slice(0, colon)).trim();
  const upper = name.toUpperCase();
  if (colon < 0) {
    if (upper === 'SITENAME') return ctx.sitename;
    if (upper === 'PAGENAME') return ctx.pagename;
    return undefined;
  }
  const rest = inner.slice(colon + 1);
  const parts = rest.split('|');
  switch (upper) {
    case 'PLURAL': {
      const n = Number(parts[0]!.trim().replace(/[,\s]/g, ''));
      const forms = parts.slice(1);
      for (const f of forms) {
        const explicit = /^\s*(\d+)=(.*)$/s.exec(f);
        if (explicit && Number(explicit[1]) === n) return explicit[2]!;
      }
      const plain = forms.filter((f) => !/^\s*\d+=/.test(f));
      if (plain.length === 0) return '';
      return plain[Math.min(pluralIndex(n, ctx.lang ?? 'en'), plain.length - 1)]!;
    }
    case 'GENDER':
      return parts.length > 1 ? parts[parts.length - 1]! : '';
    case 'INT':
      return ctx.lookup?.(normalizeMessageKey(parts[0]!.trim())) ?? `⧼${parts[0]!.trim()}⧽`;
    case 'UCFIRST':
      return rest.charAt(0).toUpperCase() + rest.slice(1);
    case 'LCFIRST':
      return rest.charAt(0).toLowerCase() + rest.slice(1);
    default:
      return undefined;
  }
}

/** CLDR plural categories, in the order MediaWiki expects a language's `{{PLURAL:}}` forms. */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/**
 * The plural rules of the languages whose messages this project ships (CLDR plurals.xml, cardinal
 * integers): each category's test, in form order; `other` is last and takes the rest. A language
 * not listed follows English.
 */
const PLURAL_RULES: Readonly<Record<string, readonly [PluralCategory, (n: number) => boolean][]>> = {
  en: [['one', (n) => n === 1]],
  de: [['one', (n) => n === 1]],
  // Czech's `many` is for fractions only; integers are one, few or other.
  cs: [
    ['one', (n) => n === 1],
    ['few', (n) => n >= 2 && n <= 4],
    ['many', (n) => Number.isFinite(n) && !Number.isInteger(n)],
  ],
  ar: [
    ['zero', (n) => n === 0],
    ['one', (n) => n === 1],
    ['two', (n) => n === 2],
    ['few', (n) => Number.isInteger(n) && n % 100 >= 3 && n % 100 <= 10],
    ['many', (n) => Number.isInteger(n) && n % 100 >= 11 && n % 100 <= 99],
  ],
};

/** The plural categories of `lang`, in the order its `{{PLURAL:}}` forms are written. */
export function pluralCategories(lang: string): PluralCategory[] {
  return [...(PLURAL_RULES[lang] ?? PLURAL_RULES.en!).map(([c]) => c), 'other'];
}

/** The CLDR plural category of `n` in `lang` (Language::getPluralRuleType). */
export function pluralCategory(n: number, lang: string): PluralCategory {
  const rules = PLURAL_RULES[lang] ?? PLURAL_RULES.en!;
  return rules.find(([, test]) => test(Math.abs(n)))?.[0] ?? 'other';
}

/**
 * Which of a `{{PLURAL:}}`'s forms `n` takes in `lang`: the position of its category; a message
 * that gives fewer forms than the language has categories uses its last form for the rest, as
 * MediaWiki pads the forms (Language::handlePlural).
 */
function pluralIndex(n: number, lang: string): number {
  return pluralCategories(lang).indexOf(pluralCategory(n, lang));
}
