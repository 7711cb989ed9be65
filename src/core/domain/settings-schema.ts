import type { WikiInfo } from './wiki.ts';

/** One thing wrong with a wiki's settings: the dotted key (`review.ages.maxAge`) and what is wrong. */
export interface SettingProblem {
  key: string;
  problem: string;
}

/** Typed settings read from a document, defaults applied, with what was wrong in it (then defaulted). */
export interface ParsedSettings<T> {
  value: T;
  problems: SettingProblem[];
}

/**
 * A typed per-wiki settings document: the core's (the top level of `WikiInfo.settings`) or a
 * subsystem's (`settings[key]`, key = the subsystem's name). `parse` never throws: a missing or
 * wrong value yields its default and, when wrong, a problem. The core refuses to write a wiki
 * whose settings have problems; readers get the value.
 */
export interface SettingsDeclaration<T> {
  /** Where the document sits in `WikiInfo.settings`. */
  readonly key: string;
  /** Reads the document (undefined when the wiki has none) for `wiki`. */
  parse(document: unknown, wiki: WikiInfo): ParsedSettings<T>;
  /** The shape of the document a wiki may store (what `wikiqueue wiki set` looks keys up in). */
  readonly schema: SettingSchema<unknown>;
}

/** What a schema reads against: the wiki (for checks such as "is a title") and the problems found. */
export interface ReadContext {
  readonly wiki: WikiInfo;
  readonly problems: SettingProblem[];
}

/** One value of a settings document: its default and how to read a present value. */
export interface SettingSchema<T> {
  readonly defaultValue: T;
  /** Reads a present `value` at `key`; on a problem, records it and returns the default. */
  read(value: unknown, key: string, ctx: ReadContext): T;
  /** Whether a value is text (a command line takes it as typed; anything else is JSON). */
  readonly text?: boolean;
  /** The schema of the field or list item `name` of an object or list value; undefined otherwise. */
  child?(name: string): SettingSchema<unknown> | undefined;
}

type Check<T> = (value: T, ctx: ReadContext) => string | undefined;

function scalar<T>(
  defaultValue: T,
  expected: string,
  accepts: (value: unknown) => value is T,
  check?: Check<T>,
): SettingSchema<T> {
  return {
    defaultValue,
    read(value, key, ctx) {
      const problem = !accepts(value) ? `must be ${expected}` : check?.(value, ctx);
      if (problem === undefined) return value as T;
      ctx.problems.push({ key, problem });
      return defaultValue;
    },
  };
}

/**
 * The building blocks of settings schemas. Objects take a default for each missing field and
 * refuse unknown fields (a typo is a problem, not a silent no-op); `$comment` is allowed anywhere
 * for notes in preset files.
 */
export const setting = {
  boolean(defaultValue: boolean): SettingSchema<boolean> {
    return scalar(defaultValue, 'true or false', (v): v is boolean => typeof v === 'boolean');
  },

  number(
    defaultValue: number,
    limits: { min?: number; max?: number; integer?: boolean } = {},
  ): SettingSchema<number> {
    const { min, max, integer = false } = limits;
    const expected = [
      integer ? 'an integer' : 'a number',
      min !== undefined ? `≥ ${min}` : '',
      max !== undefined ? `≤ ${max}` : '',
    ]
      .filter((s) => s !== '')
      .join(' ');
    return scalar(
      defaultValue,
      expected,
      (v): v is number =>
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (!integer || Number.isInteger(v)) &&
        (min === undefined || v >= min) &&
        (max === undefined || v <= max),
    );
  },

  string(defaultValue: string, check?: Check<string>): SettingSchema<string> {
    return {
      ...scalar(defaultValue, 'a string', (v): v is string => typeof v === 'string', check),
      text: true,
    };
  },

  oneOf<const V extends string | number>(defaultValue: V, values: readonly V[]): SettingSchema<V> {
    return {
      ...scalar(defaultValue, `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, (v): v is V =>
        values.includes(v as V),
      ),
      text: values.every((v) => typeof v === 'string'),
    };
  },

  nullable<T>(inner: SettingSchema<T>, defaultValue: T | null = null): SettingSchema<T | null> {
    return {
      defaultValue,
      read: (value, key, ctx) => (value === null ? null : inner.read(value, key, ctx)),
      ...(inner.child ? { child: (name: string) => inner.child?.(name) } : {}),
    };
  },

  list<T>(item: SettingSchema<T>, defaultValue: T[], length?: number): SettingSchema<T[]> {
    return {
      defaultValue,
      read(value, key, ctx) {
        if (!Array.isArray(value) || (length !== undefined && value.length !== length)) {
          const problem = length === undefined ? 'must be a list' : `must be a list of ${length}`;
          ctx.problems.push({ key, problem });
          return structuredClone(defaultValue);
        }
        return value.map((v, i) => item.read(v, `${key}.${i}`, ctx));
      },
      child: (name) => (/^(0|[1-9]\d*)$/.test(name) ? (item as SettingSchema<unknown>) : undefined),
    };
  },

  object<T extends object>(fields: { [K in keyof T]: SettingSchema<T[K]> }): SettingSchema<T> {
    const entries = Object.entries(fields) as [string, SettingSchema<unknown>][];
    const defaultValue = Object.fromEntries(entries.map(([k, s]) => [k, s.defaultValue])) as T;
    return {
      defaultValue,
      read(value, key, ctx) {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          ctx.problems.push({ key, problem: 'must be an object' });
          return structuredClone(defaultValue);
        }
        const doc = value as Record<string, unknown>;
        for (const name of Object.keys(doc)) {
          if (!Object.hasOwn(fields, name) && name !== '$comment')
            ctx.problems.push({ key: join(key, name), problem: 'is not a known setting' });
        }
        const out: Record<string, unknown> = {};
        for (const [name, schema] of entries) {
          out[name] =
            doc[name] === undefined
              ? structuredClone(schema.defaultValue)
              : schema.read(doc[name], join(key, name), ctx);
        }
        return out as T;
      },
      child: (name) =>
        Object.hasOwn(fields, name) ? (fields[name as keyof T] as SettingSchema<unknown>) : undefined,
    };
  },
};

function join(key: string, name: string): string {
  return key === '' ? name : `${key}.${name}`;
}

/** Reads `document` (absent: all defaults) with `schema`, the keys of problems under `key`. */
export function readSettings<T>(
  schema: SettingSchema<T>,
  document: unknown,
  key: string,
  wiki: WikiInfo,
): ParsedSettings<T> {
  const ctx: ReadContext = { wiki, problems: [] };
  const value =
    document === undefined ? structuredClone(schema.defaultValue) : schema.read(document, key, ctx);
  return { value, problems: ctx.problems };
}

/** A declaration whose document is read by `schema` alone. */
export function declareSettings<T>(key: string, schema: SettingSchema<T>): SettingsDeclaration<T> {
  return { key, schema, parse: (document, wiki) => readSettings(schema, document, key, wiki) };
}

/**
 * `over` on top of `under`, object by object: a field of `over` replaces the same field of
 * `under`, except that two objects merge; lists and other values replace.
 */
export function mergeSettings(under: unknown, over: unknown): unknown {
  if (!isSettingsObject(under) || !isSettingsObject(over)) return over === undefined ? under : over;
  const out: Record<string, unknown> = { ...under };
  for (const [k, v] of Object.entries(over)) out[k] = mergeSettings(under[k], v);
  return out;
}

function isSettingsObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const effectiveCache = new WeakMap<WikiInfo, Record<string, unknown>>();

/**
 * The settings in force on `wiki`: its stored settings over those the config file gives it
 * (`WikiInfo.configSettings`), merged object by object.
 */
export function effectiveSettings(wiki: WikiInfo): Record<string, unknown> {
  if (!wiki.configSettings) return wiki.settings;
  let merged = effectiveCache.get(wiki);
  if (!merged) {
    merged = mergeSettings(wiki.configSettings, wiki.settings) as Record<string, unknown>;
    effectiveCache.set(wiki, merged);
  }
  return merged;
}

const parsedCache = new WeakMap<WikiInfo, Map<SettingsDeclaration<unknown>, unknown>>();

/**
 * The typed settings `declaration` gives `wiki` (its document at `settings[declaration.key]`),
 * cached per wiki object (the registry replaces the object when the wiki's settings change).
 * A stored document written before a rule existed may have problems: they take their defaults.
 */
export function settingsOf<T>(wiki: WikiInfo, declaration: SettingsDeclaration<T>): T {
  let byDeclaration = parsedCache.get(wiki);
  if (!byDeclaration) parsedCache.set(wiki, (byDeclaration = new Map()));
  if (byDeclaration.has(declaration)) return byDeclaration.get(declaration) as T;
  const { value } = declaration.parse(effectiveSettings(wiki)[declaration.key], wiki);
  byDeclaration.set(declaration, value);
  return value;
}
