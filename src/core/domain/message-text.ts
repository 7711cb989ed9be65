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
  /** The page the message is shown on, for `{{PAGENAME}}` (ApiQueryAllMessages' `amtitle`). */
  pagename: string;
  /** Another message's text in the same language, for `{{int:}}`; undefined when it has none. */
  lookup?(key: string): string | undefined;
}

/**
 * Message::text's transformation (after parameters are filled): expands the magic words and
 * parser functions interface messages use. PLURAL takes the last form for any number but 1
 * (English rules, which German and Czech share for 1 against the rest — Czech's few-form is not
 * modelled); GENDER takes the neutral (last) form. Other templates are left as written.
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
      return n === 1 ? plain[0]! : plain[Math.min(1, plain.length - 1)]!;
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
