import { parseTimestamp } from '../../domain/clock.ts';
import type { NamespaceTable } from '../../domain/namespaces.ts';
import { cleanUpText } from '../../domain/text-cleanup.ts';
import { fail, warning, type Warning } from '../../../errors.ts';
import type { ParamSpec, ParamSpecs, ParamValues } from './module.ts';

/**
 * Parameter handling as MediaWiki's ApiBase/ParamValidator does it, for the `ParamSpec`
 * declarations of module.ts.
 *
 * - multi values split on `|`, or on U+001F when the value starts with it; more than `maxValues`
 *   (50, or 500 with `apihighlimits`) is `toomanyvalues`; unknown enum values in a multi value are
 *   dropped with a warning;
 * - booleans are true when present, whatever the value (MediaWiki's rule);
 * - `limit` accepts `max`; values above the maximum are clamped with a warning;
 * - integers outside min/max are clamped with a warning; non-integers are `badinteger`;
 * - timestamps use `parseTimestamp` (`badtimestamp`); enums outside `values` are `badvalue`;
 * - a required parameter that is absent is `missingparam`.
 */

/**
 * The parameters of one request, cleaned up as MediaWiki's WebRequest cleans them (cleanUpText; a
 * value starting with U+001F keeps its separators); remembers which ones a module read, for
 * "Unrecognized parameter", and which ones the cleanup changed, for the `badutf8` warning.
 */
export class RequestParams {
  readonly #values: ReadonlyMap<string, string>;
  readonly #used = new Set<string>();
  readonly #cleaned = new Set<string>();

  constructor(values: ReadonlyMap<string, string>) {
    const cleaned = new Map<string, string>();
    for (const [name, raw] of values) {
      const value = raw.startsWith('\x1f')
        ? raw.split('\x1f').map(cleanUpText).join('\x1f')
        : cleanUpText(raw);
      if (value !== raw) this.#cleaned.add(name);
      cleaned.set(name, value);
    }
    this.#values = cleaned;
  }

  get(name: string): string | undefined {
    return this.#values.get(name);
  }

  has(name: string): boolean {
    return this.#values.has(name);
  }

  /** Whether the cleanup changed the value of `name` (ApiBase::handleParamNormalization warns then). */
  wasCleaned(name: string): boolean {
    return this.#cleaned.has(name);
  }

  markUsed(name: string): void {
    this.#used.add(name);
  }

  /** Parameter names no module read, in request order. */
  unused(): string[] {
    return [...this.#values.keys()].filter((k) => !this.#used.has(k));
  }
}

export interface ValidationContext {
  now: number;
  /** Whether the actor has `apihighlimits` (bots and sysops). */
  highLimits: boolean;
  namespaces: NamespaceTable;
  warn(w: Warning): void;
}

export const defaultMaxValues = 50;
export const highMaxValues = 500;

/** Validates the parameters `specs` (declared without `prefix`) and marks them as used. Keys of the result are unprefixed. */
export function validateParams(
  specs: ParamSpecs,
  prefix: string,
  raw: RequestParams,
  vc: ValidationContext,
): ParamValues {
  const out: ParamValues = {};
  for (const [name, spec] of Object.entries(specs)) {
    const full = prefix + name;
    raw.markUsed(full);
    out[name] = readParam(full, spec, raw, vc);
  }
  return out;
}

function readParam(name: string, spec: ParamSpec, raw: RequestParams, vc: ValidationContext): unknown {
  if (spec.type === 'boolean') return raw.has(name);
  if (spec.type === 'upload') return undefined;
  const value = raw.get(name);
  if (raw.wasCleaned(name)) vc.warn(warning('badutf8', name));
  if (value === undefined) {
    if (spec.required) throw fail('missingparam', name);
    if (spec.default === undefined) return undefined;
    if (spec.multi) return splitMulti(String(spec.default)).map((v) => convertOne(name, spec, v, vc));
    return convertOne(name, spec, String(spec.default), vc);
  }
  if (!spec.multi) return convertOne(name, spec, value, vc);

  const parts = splitMulti(value);
  const max = spec.maxValues ?? (vc.highLimits ? highMaxValues : defaultMaxValues);
  if (parts.length > max) throw fail('toomanyvalues', name, max);
  if (spec.type === 'enum' || spec.type === 'namespace') {
    if (parts.includes('*') && spec.type === 'namespace')
      return vc.namespaces.list.map((ns) => ns.id).filter((id) => id >= 0);
    const allowed = spec.type === 'enum' ? new Set(spec.values ?? []) : undefined;
    const good: unknown[] = [];
    const bad: string[] = [];
    for (const p of parts) {
      if (allowed ? allowed.has(p) : isNamespace(p, spec, vc))
        good.push(spec.type === 'enum' ? p : Number(p));
      else bad.push(p);
    }
    if (bad.length > 0) vc.warn(warning('unrecognizedvalues', name, bad.join(', '), bad.length));
    return [...new Set(good)];
  }
  return parts.map((p) => convertOne(name, spec, p, vc));
}

/** Splits a multi-value parameter: on U+001F when the value starts with it, otherwise on `|`. */
export function splitMulti(value: string): string[] {
  if (value === '') return [];
  if (value.startsWith('\x1f')) return value.slice(1).split('\x1f');
  return value.split('|');
}

function isNamespace(value: string, spec: ParamSpec, vc: ValidationContext): boolean {
  if (!/^-?\d+$/.test(value)) return false;
  const id = Number(value);
  if (spec.values && !spec.values.includes(value)) return false;
  return vc.namespaces.get(id) !== undefined;
}

function convertOne(name: string, spec: ParamSpec, value: string, vc: ValidationContext): unknown {
  switch (spec.type) {
    case 'integer': {
      const n = parseInteger(name, value);
      return clamp(name, spec, n, vc);
    }
    case 'limit': {
      const max = vc.highLimits ? (spec.highMax ?? spec.max) : spec.max;
      if (value === 'max') return max ?? Number.MAX_SAFE_INTEGER;
      const n = parseInteger(name, value);
      const min = spec.min ?? 1;
      if (n < min) {
        vc.warn(warning('limit-toosmall', name, min));
        return min;
      }
      if (max !== undefined && n > max) {
        vc.warn(
          vc.highLimits
            ? warning('limit-toolarge-highlimits', name, max)
            : warning('limit-toolarge', name, max),
        );
        return max;
      }
      return n;
    }
    case 'timestamp': {
      // MediaWiki's TimestampDef reads "" and "0" as the current time, with a warning (clients such
      // as MediaWiki::Bot send basetimestamp="" when creating a page).
      if (value === '' || value === '0') {
        vc.warn(warning('unclearnowtimestamp', name, value));
        return vc.now;
      }
      const t = parseTimestamp(value, vc.now);
      if (t === undefined) throw fail('badtimestamp', name, value);
      return t;
    }
    case 'enum':
      if (!(spec.values ?? []).includes(value)) throw fail('badvalue', name, value);
      return value;
    case 'namespace':
      if (!isNamespace(value, spec, vc)) throw fail('badvalue', name, value);
      return Number(value);
    default:
      return value;
  }
}

function parseInteger(name: string, value: string): number {
  const v = value.trim();
  if (!/^[-+]?\d+$/.test(v)) throw fail('badinteger', name, value);
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw fail('badinteger', name, value);
  return n;
}

function clamp(name: string, spec: ParamSpec, n: number, vc: ValidationContext): number {
  if (spec.min !== undefined && n < spec.min) {
    vc.warn(warning('integeroutofrange-min', name, n, spec.min));
    return spec.min;
  }
  if (spec.max !== undefined && n > spec.max) {
    vc.warn(warning('integeroutofrange-max', name, n, spec.max));
    return spec.max;
  }
  return n;
}
