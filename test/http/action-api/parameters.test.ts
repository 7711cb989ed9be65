import { describe, expect, it } from 'vitest';
import { NamespaceTable, defaultNamespaces } from '../../../src/core/domain/namespaces.ts';
import type { ParamSpecs } from '../../../src/core/http/action-api/module.ts';
import { RequestParams, splitMulti, validateParams } from '../../../src/core/http/action-api/parameters.ts';

function run(
  specs: ParamSpecs,
  values: Record<string, string>,
  opts: { highLimits?: boolean; prefix?: string } = {},
) {
  const warnings: string[] = [];
  const raw = new RequestParams(new Map(Object.entries(values)));
  const result = validateParams(specs, opts.prefix ?? '', raw, {
    now: 1_700_000_000,
    highLimits: opts.highLimits ?? false,
    namespaces: new NamespaceTable(defaultNamespaces()),
    warn: (w) => warnings.push(w.text),
  });
  return { result, warnings, unused: raw.unused() };
}

const catchCode = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe('Action API parameter validation', () => {
  it('splits multi values on | or on U+001F when the value starts with it', () => {
    expect(splitMulti('a|b|c')).toEqual(['a', 'b', 'c']);
    expect(splitMulti('\x1fa|b\x1fc')).toEqual(['a|b', 'c']);
    expect(splitMulti('')).toEqual([]);
  });

  it('treats any present boolean as true, even "false", and absent as false', () => {
    const specs: ParamSpecs = {
      flag: { type: 'boolean', description: '' },
      other: { type: 'boolean', description: '' },
    };
    expect(run(specs, { flag: 'false' }).result).toEqual({ flag: true, other: false });
  });

  it('clamps a limit over the maximum with the MediaWiki warning, and accepts max', () => {
    const specs: ParamSpecs = {
      limit: { type: 'limit', description: '', max: 500, highMax: 5000, default: 10 },
    };
    const over = run(specs, { rvlimit: '1000' }, { prefix: 'rv' });
    expect(over.result.limit).toBe(500);
    expect(over.warnings).toEqual(['rvlimit may not be over 500 (set to 500) for users']);
    expect(run(specs, { limit: 'max' }).result.limit).toBe(500);
    expect(run(specs, { limit: 'max' }, { highLimits: true }).result.limit).toBe(5000);
    expect(run(specs, {}).result.limit).toBe(10);
  });

  it('rejects non-integers with badinteger and clamps out-of-range integers with a warning', () => {
    const specs: ParamSpecs = { n: { type: 'integer', description: '', min: 0, max: 10 } };
    expect(catchCode(() => run(specs, { n: '1.5' }))).toBe('badinteger');
    const clamped = run(specs, { n: '11' });
    expect(clamped.result.n).toBe(10);
    expect(clamped.warnings).toHaveLength(1);
  });

  it('rejects unknown enum values with badvalue, and drops them from multi values with a warning', () => {
    const single: ParamSpecs = { dir: { type: 'enum', values: ['older', 'newer'], description: '' } };
    expect(catchCode(() => run(single, { dir: 'sideways' }))).toBe('badvalue');
    const multi: ParamSpecs = {
      prop: { type: 'enum', multi: true, values: ['ids', 'user'], description: '' },
    };
    const res = run(multi, { prop: 'ids|bogus|user' });
    expect(res.result.prop).toEqual(['ids', 'user']);
    expect(res.warnings).toEqual(['Unrecognized value for parameter "prop": bogus.']);
    expect(run(multi, { prop: 'x|ids|y' }).warnings).toEqual([
      'Unrecognized values for parameter "prop": x, y.',
    ]);
  });

  it('parses timestamps and rejects bad ones with badtimestamp', () => {
    const specs: ParamSpecs = { start: { type: 'timestamp', description: '' } };
    expect(run(specs, { start: '2023-11-14T22:13:20Z' }).result.start).toBe(1_700_000_000);
    expect(run(specs, { start: '20231114221320' }).result.start).toBe(1_700_000_000);
    expect(catchCode(() => run(specs, { start: 'yesterday-ish' }))).toBe('badtimestamp');
  });

  it('reads "" and "0" as now with the unclearnowtimestamp warning, as MediaWiki\'s TimestampDef does', () => {
    const specs: ParamSpecs = { basetimestamp: { type: 'timestamp', description: '' } };
    for (const value of ['', '0']) {
      const { result, warnings } = run(specs, { basetimestamp: value });
      expect(result.basetimestamp).toBe(1_700_000_000);
      expect(warnings).toEqual([
        `Passing "${value}" for timestamp parameter "basetimestamp" has been deprecated. If for some reason you need to explicitly specify the current time without calculating it client-side, use "now".`,
      ]);
    }
  });

  it('requires required parameters (missingparam) and limits the number of values (toomanyvalues)', () => {
    expect(catchCode(() => run({ title: { type: 'title', required: true, description: '' } }, {}))).toBe(
      'missingparam',
    );
    const many = Array.from({ length: 51 }, (_, i) => `T${i}`).join('|');
    const specs: ParamSpecs = { titles: { type: 'string', multi: true, description: '' } };
    expect(catchCode(() => run(specs, { titles: many }))).toBe('toomanyvalues');
    expect((run(specs, { titles: many }, { highLimits: true }).result.titles as string[]).length).toBe(51);
  });

  it('validates namespaces against the wiki and expands * to all of them', () => {
    const specs: ParamSpecs = { ns: { type: 'namespace', multi: true, description: '' } };
    expect(run(specs, { ns: '0|14|999' }).result.ns).toEqual([0, 14]);
    expect((run(specs, { ns: '*' }).result.ns as number[]).includes(828)).toBe(true);
  });

  it('marks the parameters it read as used, so the rest can be reported', () => {
    const res = run({ title: { type: 'title', description: '' } }, { title: 'X', extra: '1' });
    expect(res.unused).toEqual(['extra']);
  });
});
