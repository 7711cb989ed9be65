import { toIsoTimestamp } from '../../../domain/clock.ts';
import type { NamespaceTable } from '../../../domain/namespaces.ts';
import type { LogEntry } from '../../../domain/wiki.ts';
import { formatTitle, tryParseTitle } from '../../../domain/titles.ts';

/**
 * Legacy `N::name` keys that MediaWiki's per-type LogFormatters retype for the API
 * (getParametersForApi): the key becomes `N:type:name`.
 */
const typedKeys: Record<string, Record<string, string>> = {
  move: { '4::target': '4:title:target', '5::noredir': '5:bool:suppressredirect' },
  patrol: { '4::curid': '4:number:curid', '5::previd': '5:number:previd', '6::auto': '6:bool:auto' },
  block: { '5::duration': '5:string:duration', '6::flags': '6:array:flags' },
  reblock: { '5::duration': '5:string:duration', '6::flags': '6:array:flags' },
  delete: { '4::count': '4:number:count' },
  rights: { '4::oldgroups': '4:array:oldgroups', '5::newgroups': '5:array:newgroups' },
};

/**
 * Log parameters as the API prints them (LogFormatter::formatParametersForApi): `N::name` and
 * `N:type:name` keys lose their index prefix; `bool`, `number`, `timestamp` and `array` values are
 * typed; a `title` value becomes `name_ns` + `name_title`. Keys without a prefix pass through.
 */
export function logParamsForApi(ns: NamespaceTable, entry: LogEntry): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const retype = typedKeys[entry.type] ?? {};
  for (const [rawKey, value] of Object.entries(entry.params)) {
    const key = retype[rawKey] ?? rawKey;
    const m = /^\d+:([a-z-]*):(.+)$/.exec(key);
    if (!m) {
      out[key] = value;
      continue;
    }
    const type = m[1] ?? '';
    const name = m[2] ?? key;
    switch (type) {
      case 'bool':
        out[name] = value === true || value === '1' || value === 1;
        break;
      case 'number':
        out[name] = Number(value);
        break;
      case 'timestamp':
        out[name] = typeof value === 'number' ? toIsoTimestamp(value) : value;
        break;
      case 'array':
        out[name] = Array.isArray(value)
          ? value
          : String(value ?? '')
              .split(/,\s*/)
              .filter((s) => s !== '');
        break;
      case 'title':
      case 'title-link': {
        const parsed = tryParseTitle(String(value), ns);
        out[`${name}_ns`] = parsed?.namespace ?? 0;
        out[`${name}_title`] = parsed ? formatTitle(parsed.namespace, parsed.dbKey, ns) : String(value);
        break;
      }
      default:
        out[name] = value;
    }
  }
  return out;
}
