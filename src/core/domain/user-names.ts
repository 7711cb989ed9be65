/**
 * MediaWiki user names: validity, canonical form, and IP addresses (core UserNameUtils, the
 * title rules of MediaWikiTitleCodec that user names inherit, and Wikimedia IPUtils).
 *
 * Two levels, as in core:
 * - valid (normalizeUserName): may name an account; used to look names up. Legacy and imported
 *   names with `@`, `:` or `=` are valid.
 * - creatable (isCreatableUserName): may be registered now; stricter.
 *
 * Not modelled: namespace or interwiki prefixes inside a name ("User:Foo" is its own valid name
 * here; core would resolve it to "Foo"), and per-language first-letter case rules beyond Unicode's.
 */

const IPV4_BYTE = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|0?[0-9]?[0-9])';
const IPV4 = new RegExp(`^${IPV4_BYTE}(?:\\.${IPV4_BYTE}){3}$`);
const IPV6_WORD = /^[0-9A-Fa-f]{1,4}$/;

/** A single IPv4 address (dotted quad, as IPUtils accepts it) or IPv6 address (with at most one `::`). */
export function isIpAddress(s: string): boolean {
  return isIpv4(s) || isIpv6(s);
}

export function isIpv4(s: string): boolean {
  return IPV4.test(s);
}

export function isIpv6(s: string): boolean {
  if (!s.includes(':')) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const words = (part: string): string[] | null => {
    if (part === '') return [];
    const w = part.split(':');
    return w.every((x) => IPV6_WORD.test(x)) ? w : null;
  };
  if (halves.length === 1) return words(s)?.length === 8;
  const head = words(halves[0] ?? '');
  const tail = words(halves[1] ?? '');
  return head !== null && tail !== null && head.length + tail.length <= 7;
}

/** Core's UserNameUtils::isIP: also dotted quads out of range and the "1.2.3.xxx" form of old edits. */
function looksLikeIp(name: string): boolean {
  return /^\d{1,3}\.\d{1,3}\.\d{1,3}\.(?:xxx|\d{1,3})$/.test(name) || isIpv6(name);
}

/** Bidirectional marks Title parsing strips. */
const BIDI_MARKS = /[\u200E\u200F\u202A-\u202E]/g;
/** Whitespace Title parsing folds (with underscores) into one space. */
const SPACE_RUNS = /[ _\u00A0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;
/** Printable ASCII outside $wgLegalTitleChars (control characters are checked apart; all non-ASCII is legal). */
const ILLEGAL_TITLE_CHARS = /[#<>[\]{}|]/;

function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}
/** Title rules beyond single characters: %-escapes, HTML entities, tilde signatures, relative paths. */
const ILLEGAL_TITLE_FORMS = [/%[0-9A-Fa-f]{2}/, /&[A-Za-z0-9\u0080-\uFFFF]+;/, /~{3}/, /^\.\.?$/];
/** UserNameUtils::isValid's "troublemaker" characters: C1 controls, odd spaces, private use. */
const TROUBLEMAKERS = /[\u0080-\u009F\u00A0\u2000-\u200F\u2028-\u202F\u3000\uE000-\uF8FF]/;

/** Core $wgMaxNameChars, in UTF-8 bytes. */
export const MAX_NAME_BYTES = 255;
/** UserNameUtils::isCreatable: room for "User talk:" plus subpages. */
export const MAX_CREATABLE_NAME_BYTES = 235;
/** Core $wgInvalidUsernameCharacters. */
const INVALID_NEW_NAME_CHARS = /[@:>=]/;
/** Core $wgReservedUsernames (the plain names; message-keyed ones are not modelled). */
export const RESERVED_USER_NAMES: readonly string[] = [
  'MediaWiki default',
  'Conversion script',
  'Maintenance script',
  'Template namespace initialisation script',
  'ScriptImporter',
  'Unknown user',
];

/**
 * The canonical form of a valid user name, or null when `s` cannot name an account: underscores
 * and odd spaces become one space, surrounding space is trimmed, the first letter is uppercased;
 * rejected are empty names, `#`, `/`, title-illegal characters and forms, troublemaker characters,
 * IP addresses, and names over 255 bytes.
 */
export function normalizeUserName(s: string): string | null {
  if (s.includes('#')) return null;
  const spaced = s.replace(BIDI_MARKS, '').replace(SPACE_RUNS, ' ').trim();
  if (spaced === '' || spaced.startsWith(':') || spaced.includes('/')) return null;
  if (
    hasControlCharacter(spaced) ||
    ILLEGAL_TITLE_CHARS.test(spaced) ||
    ILLEGAL_TITLE_FORMS.some((re) => re.test(spaced))
  )
    return null;
  if (TROUBLEMAKERS.test(spaced)) return null;
  const name = upperFirst(spaced);
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) return null;
  if (looksLikeIp(name)) return null;
  return name;
}

/** Whether `name` (already canonical) may be registered as a new account. */
export function isCreatableUserName(name: string): boolean {
  if (normalizeUserName(name) !== name) return false;
  if (INVALID_NEW_NAME_CHARS.test(name)) return false;
  if (Buffer.byteLength(name, 'utf8') > MAX_CREATABLE_NAME_BYTES) return false;
  return !RESERVED_USER_NAMES.includes(name);
}

/** The DB key of the user page title: spaces → underscores (namespace 2 is implied). */
export function userNameToDbKey(name: string): string {
  return name.replaceAll(' ', '_');
}

/**
 * Uppercases the first code point, as $wgCapitalLinks does; a letter whose uppercase form is more
 * than one character (ß → SS) stays as it is, so a name never grows.
 */
function upperFirst(s: string): string {
  const first = String.fromCodePoint(s.codePointAt(0) ?? 0);
  const upper = first.toUpperCase();
  return [...upper].length === 1 ? upper + s.slice(first.length) : s;
}

/** Core's bot password separator ($wgUserrightsInterwikiDelimiter is a different thing). */
export const BOT_PASSWORD_SEPARATOR = '@';
/** Generated bot passwords are 32 characters from this set (core: base-32 digits, matched as [0-9a-w]). */
const BOT_PASSWORD_FORM = /^[0-9a-w]{32,}$/;

/**
 * Core's BotPassword::canonicalizeLoginData: recognises a bot-password login, given either as
 * ("Name@AppId", password) or as ("Name", "AppId@password"). Returns null for a normal login.
 */
export function parseBotPasswordLogin(
  userName: string,
  password: string,
): { userName: string; appId: string; password: string } | null {
  const sep = BOT_PASSWORD_SEPARATOR;
  if (password.length >= 32 && userName.includes(sep)) {
    if (!BOT_PASSWORD_FORM.test(password)) return null;
    const at = userName.indexOf(sep);
    return { userName: userName.slice(0, at), appId: userName.slice(at + 1), password };
  }
  if (password.length > 32 && password.includes(sep)) {
    const at = password.lastIndexOf(sep);
    const secret = password.slice(at + 1);
    if (!BOT_PASSWORD_FORM.test(secret)) return null;
    return { userName, appId: password.slice(0, at), password: secret };
  }
  return null;
}
