/**
 * Result markers and the formatversion transform. Modules build their result once, the
 * formatversion 2 way (plain JSON values, real booleans, arrays), and mark the few places where
 * formatversion 1 differs; `toFormatVersion` then produces either shape. This mirrors MediaWiki's
 * ApiResult metadata (META_CONTENT, META_BC_BOOLS, ArrayType 'kvp') without exposing it.
 *
 * The rules, formatversion 1 only:
 * - a plain `true` becomes `""` and a plain `false` is left out (MediaWiki's BC booleans), so set
 *   flags like `missing`, `new`, `redirect` to `true` and let the transform do the rest;
 *   `literalBoolean(x)` keeps a real JSON boolean in both versions;
 * - `withContent(obj, key)` moves `obj[key]` to `obj['*']` (content text, help text, docref);
 * - `keyedList(items, key)` becomes an object keyed by `item[key]` (query.pages keyed by page id).
 * Formatversion 2 drops the markers and leaves the values as they are.
 */

const contentKey = Symbol('formatversion-1 content key');
const keyedBy = Symbol('formatversion-1 keyed list');

/** A boolean that stays a JSON boolean in formatversion 1 too. */
export class LiteralBoolean {
  constructor(readonly value: boolean) {}
  toJSON(): boolean {
    return this.value;
  }
}

const LITERAL_TRUE = new LiteralBoolean(true);
const LITERAL_FALSE = new LiteralBoolean(false);

/** The shared marker for `value` (immutable, so list rows need not allocate one each). */
export function literalBoolean(value: boolean): LiteralBoolean {
  return value ? LITERAL_TRUE : LITERAL_FALSE;
}

/** Marks `obj[key]` as the object's content value: `key` in formatversion 2, `*` in formatversion 1. */
export function withContent<T extends object>(obj: T, key: keyof T & string): T {
  Object.defineProperty(obj, contentKey, { value: key, enumerable: false });
  return obj;
}

/**
 * A list rendered as an array in formatversion 2 and as an object in formatversion 1, keyed by
 * `item[key]` or by `key(item, index)` (query.pages keyed by page id, negative for missing titles).
 */
export function keyedList<T extends object>(
  items: T[],
  key: (keyof T & string) | ((item: T, index: number) => string | number),
): T[] {
  Object.defineProperty(items, keyedBy, { value: key, enumerable: false });
  return items;
}

/** Applies the formatversion rules above to a result tree; the input is not modified. */
export function toFormatVersion(value: unknown, version: 1 | 2): unknown {
  if (value instanceof LiteralBoolean) return value.value;
  if (Array.isArray(value)) {
    const key = (value as { [keyedBy]?: string | ((item: unknown, index: number) => string | number) })[
      keyedBy
    ];
    if (version === 1 && key !== undefined) {
      const out: Record<string, unknown> = {};
      value.forEach((item, i) => {
        const name = typeof key === 'function' ? key(item, i) : (item as Record<string, unknown>)[key];
        out[String(name)] = toFormatVersion(item, version);
      });
      return out;
    }
    const out: unknown[] = [];
    for (const item of value) {
      if (version === 1 && item === false) continue;
      out.push(version === 1 && item === true ? '' : toFormatVersion(item, version));
    }
    return out;
  }
  if (value !== null && typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
    const content = (value as { [contentKey]?: string })[contentKey];
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const name = version === 1 && k === content ? '*' : k;
      if (version === 1 && typeof v === 'boolean') {
        if (v) out[name] = '';
        continue;
      }
      out[name] = toFormatVersion(v, version);
    }
    return out;
  }
  return value;
}

/**
 * Serializes a formatted result as MediaWiki's JSON printer does: formatversion 1 escapes every
 * non-ASCII character unless `utf8` is set; formatversion 2 prints UTF-8 unless `ascii` is set.
 */
export function serializeJson(
  value: unknown,
  opts: { version: 1 | 2; utf8: boolean; ascii: boolean; pretty: boolean },
): string {
  const text = JSON.stringify(value, null, opts.pretty ? 4 : undefined) ?? '';
  const escape = opts.ascii || (opts.version === 1 && !opts.utf8);
  return escape
    ? text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : text;
}
