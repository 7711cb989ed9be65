/**
 * Property-based fuzzing of every Action API module (issue 10, "Done means"): random parameter
 * sets, built from what `action=paraminfo` says each module takes (the description clients read,
 * not the server's internals), sent as an anonymous reader, a newcomer and a sysop with valid
 * tokens. Whatever the input:
 *  - no HTTP 5xx, and every answer arrives within a few seconds (no hang);
 *  - the body is the API's JSON envelope;
 *  - every error and every warning carries a code of the catalog (src/errors.ts), and no error is
 *    the generic `internal_api_error_*` that stands for an exception nobody caught.
 *
 * FUZZ_RUNS sets the number of requests (default 3,000 on SQLite, 1,000 on PostgreSQL); FUZZ_SEED replays a run;
 * FUZZ_MODULES narrows it to some modules. The suite prints how many cases it ran and how they ended.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalog, warningCatalog } from '../../src/errors.ts';
import { ApiClient, TEST_WIKI, type ApiCall } from '../factories/app.ts';
import { buildReviewApp, type ReviewTestApp, type ReviewUser } from '../factories/review.ts';

/** PostgreSQL answers each request a few times slower; it gets fewer cases of the same mix. */
const RUNS = Number(
  process.env.FUZZ_RUNS ?? (process.env.WIKIQUEUE_TEST_BACKEND === 'postgres' ? 1000 : 3000),
);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/** A request that takes longer than this counts as a hang. */
const HANG_MS = 10_000;

const errorCodes = new Set<string>(Object.keys(errorCatalog));
const warningCodes = new Set<string>(
  Object.entries(warningCatalog).map(([name, entry]) => ('code' in entry ? entry.code : name)),
);

interface ParamInfo {
  name: string;
  type: string | string[];
  multi: boolean;
  required: boolean;
  min?: number;
  max?: number;
  tokentype?: string;
}

interface ModuleInfo {
  /** `edit`, or `query+revisions` for a query submodule. */
  path: string;
  /** The name as sent: the action, or the value of prop/list/meta. */
  name: string;
  group: string;
  prefix: string;
  mustbeposted: boolean;
  generator: boolean;
  parameters: ParamInfo[];
}

/** Titles that exist in the fixture, titles that do not, and titles no wiki accepts. */
const TITLES = [
  'Main Page',
  'Fuzz target',
  'Talk:Fuzz target',
  'Draft:Fuzz draft',
  'User:Fuzz Admin',
  'User:Fuzz Admin/common.js',
  'MediaWiki:Common.css',
  'Nonexistent page',
  'Category:Fuzz',
  'File:Fuzz.png',
  'Special:Contributions/Fuzz Admin',
  '',
  'A|B',
  '<script>',
  '[[x]]',
  'Talk:',
  ':',
  '%41%',
  'Caf&eacute;',
  'x'.repeat(300),
  '\u0000',
  '\u200e',
  'Talk:Help:X',
];
const USERS = ['Fuzz Admin', 'Fuzz Newbie', 'Nobody Here', '127.0.0.1', '192.0.2.0/24', '::1', '', '#'];

/** Strings that have broken parsers before: control characters, separators, huge and odd numbers. */
const nasty = fc.constantFrom(
  '',
  '\u0000',
  'a\u0000b',
  '\u001f',
  '\u001fa\u001fb',
  '|',
  '||||',
  '%',
  '%00',
  '%%',
  '\ud800',
  '😀',
  '1e20',
  '-1',
  '-0',
  '0x10',
  'NaN',
  'Infinity',
  '99999999999999999999',
  '9007199254740993',
  '99999999999 years',
  'infinite',
  'never',
  '1 second',
  '0',
  'max',
  'now',
  '2024-02-30T00:00:00Z',
  '20240101000000',
  '0000-00-00T00:00:00Z',
  '<b>x</b>',
  '\'"',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  '*',
  '\r\n',
  ' ',
);
const bigString = fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n));

/** A value a well-behaved client would send for `p`, guessed from its type and name. */
function plausibleValue(p: ParamInfo, pageIds: readonly number[]): fc.Arbitrary<string> {
  const single = ((): fc.Arbitrary<string> => {
    if (Array.isArray(p.type)) return p.type.length > 0 ? fc.constantFrom(...p.type) : fc.constant('');
    switch (p.type) {
      case 'boolean':
        return fc.constant('1');
      case 'integer':
      case 'limit':
        if (/pageid|^(from|to)id$|^id$/.test(p.name)) return fc.constantFrom(...pageIds.map(String));
        return fc.integer({ min: p.min ?? 0, max: Math.min(p.max ?? 50, 50) }).map(String);
      case 'namespace':
        return fc.constantFrom('0', '1', '2', '4', '8', '118');
      case 'timestamp':
        return fc.constantFrom('2023-11-14T00:00:00Z', '2023-11-15T12:00:00Z', 'now', '20231114000000');
      case 'user':
        return fc.constantFrom(...USERS.slice(0, 4));
      default:
        if (/expiry/.test(p.name)) return fc.constantFrom('infinite', '1 week', '2030-01-01T00:00:00Z');
        if (/protections/.test(p.name))
          return fc.constantFrom('edit=sysop', 'move=autoconfirmed', 'create=sysop');
        if (/title|page|^from$|^to$|target|prefix/.test(p.name))
          return fc.constantFrom(...TITLES.slice(0, 10));
        if (/user|name/.test(p.name)) return fc.constantFrom(...USERS.slice(0, 4));
        if (/ids$|id$/.test(p.name)) return fc.constantFrom(...pageIds.map(String));
        return fc.constantFrom('fuzz', 'Fuzz text with [[Main Page]]', 'the');
    }
  })();
  if (!p.multi) return single;
  return fc.array(single, { minLength: 1, maxLength: 3 }).map((vs) => vs.join('|'));
}

/** A value meant to break the parameter's parsing or what lies behind it. */
function hostileValue(p: ParamInfo): fc.Arbitrary<string> {
  const odd = fc.oneof(
    { weight: 4, arbitrary: nasty },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: bigString },
    { weight: 1, arbitrary: fc.constantFrom(...TITLES.slice(10), ...USERS.slice(4)) },
  );
  // Values aimed at what a parameter of this kind feeds: date arithmetic, SQL text, the title parser.
  const aimed = /expiry/.test(p.name)
    ? fc.constantFrom(
        '99999999999 years',
        '99999999999 years',
        '99999999999 years',
        '1e309 seconds',
        '-1 week',
        '9999-12-31T23:59:59Z',
        '275760-09-14T00:00:00Z',
        '0 seconds',
      )
    : /timestamp|start|end|date|offset/.test(p.name)
      ? fc.constantFrom('99999999999999', '-1', '9999-99-99T99:99:99Z', '1e20', '0')
      : undefined;
  const any = aimed ? fc.oneof({ weight: 2, arbitrary: aimed }, { weight: 1, arbitrary: odd }) : odd;
  if (!p.multi) return any;
  return fc.oneof(
    odd,
    fc
      .array(odd, { minLength: 2, maxLength: 600 })
      .map((vs) => vs.join('\u001f'))
      .map((v) => `\u001f${v}`),
  );
}

/** One request: the module, which of its parameters are set and to what, who sends it, and how. */
interface Case {
  module: ModuleInfo;
  params: Record<string, string>;
  who: 'anonymous' | 'newbie' | 'sysop';
  method: 'GET' | 'POST';
  withToken: boolean;
  errorformat: 'bc' | 'plaintext';
  formatversion: '1' | '2';
}

/**
 * A case starts from a plausible request (required parameters and some optional ones set as a client
 * would) and turns one to three parameters hostile, so that the hostile value reaches the code
 * behind the validation of the others.
 */
function caseFor(modules: ModuleInfo[], pageIds: readonly number[]): fc.Arbitrary<Case> {
  return fc.constantFrom(...modules).chain((module) => {
    const settable = module.parameters.filter((p) => p.name !== 'token');
    // Required parameters and up to three optional ones, as a client sends them (change tags only
    // as hostile values: a plausible request names none).
    // What a module acts on (`title`, `user`, …) is often one of several parameters, none of them
    // marked required; those are set in most cases.
    const required = settable.filter((p) => p.required);
    const target = settable.filter(
      (p) => !p.required && /^(title|user|to|from|pageid|keyword)$/.test(p.name),
    );
    const optional = settable.filter((p) => !p.required && p.name !== 'tags' && !target.includes(p));
    const plausible = fc
      .tuple(
        fc.subarray(target, { maxLength: Math.min(1, target.length) }),
        fc.subarray(target),
        fc.subarray(optional, { maxLength: Math.min(3, optional.length) }),
      )
      .map(([a, b, c]) => [...new Set([...a, ...b, ...c])])
      .chain((ps) =>
        fc.tuple(
          ...[...required, ...ps].map((p) => plausibleValue(p, pageIds).map((v) => [p.name, v] as const)),
        ),
      )
      .map((pairs) => Object.fromEntries(pairs));
    const hostile =
      settable.length === 0
        ? fc.constant({})
        : fc
            .uniqueArray(fc.constantFrom(...settable), {
              minLength: 1,
              maxLength: Math.min(3, settable.length),
            })
            .chain((ps) => fc.tuple(...ps.map((p) => hostileValue(p).map((v) => [p.name, v] as const))))
            .map((pairs) => Object.fromEntries(pairs));
    return fc.record({
      module: fc.constant(module),
      params: fc.tuple(plausible, hostile).map(([a, b]) => ({ ...a, ...b })),
      who: fc.constantFrom('sysop', 'sysop', 'sysop', 'newbie', 'anonymous'),
      method: module.mustbeposted
        ? fc.constantFrom('POST', 'POST', 'POST', 'GET')
        : fc.constantFrom('GET', 'POST'),
      withToken: fc.constantFrom(true, true, true, true, false),
      errorformat: fc.constantFrom('bc', 'plaintext'),
      formatversion: fc.constantFrom('1', '2'),
    });
  });
}

function requestParams(c: Case): Record<string, string> {
  const prefixed = Object.fromEntries(
    Object.entries(c.params).map(([name, value]) => [c.module.prefix + name, value]),
  );
  const base = { errorformat: c.errorformat, formatversion: c.formatversion };
  if (c.module.group === 'action') return { ...base, action: c.module.name, ...prefixed };
  // A query submodule: as itself, and sometimes as the generator of a page-info query.
  return { ...base, action: 'query', [c.module.group]: c.module.name, ...prefixed };
}

/** The codes of the envelope's errors and warnings, in either error format and format version. */
function codesOf(json: Record<string, unknown>): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const error = json.error as { code?: string } | undefined;
  if (error?.code) errors.push(error.code);
  for (const e of (json.errors as { code: string }[] | undefined) ?? []) errors.push(e.code);
  const w = json.warnings;
  if (Array.isArray(w)) for (const x of w as { code: string }[]) warnings.push(x.code);
  return { errors, warnings };
}

describe('every Action API module under random parameters', () => {
  let t: ReviewTestApp;
  let sysop: ReviewUser;
  let newbie: ReviewUser;
  let modules: ModuleInfo[];
  const pageIds: number[] = [];
  let cases = 0;
  /** How the cases ended: `ok` or the error code, to see that the fuzzing gets past validation. */
  const outcomes = new Map<string, number>();

  beforeAll(async () => {
    t = await buildReviewApp();
    sysop = await t.user('Fuzz Admin', ['sysop', 'bureaucrat']);
    newbie = await t.user('Fuzz Newbie');
    for (const [title, text] of [
      ['Main Page', 'Welcome.'],
      ['Fuzz target', "'''Fuzz''' is a page with a [[Main Page|link]].\n== Section ==\nText."],
      ['Talk:Fuzz target', 'Talk.'],
      ['Draft:Fuzz draft', 'A draft.'],
      ['User:Fuzz Admin', 'Me.'],
    ] as const) {
      pageIds.push(await t.edit(sysop, title, text));
    }
    const api = new ApiClient(t);
    const main = await api.get({ action: 'paraminfo', modules: 'main', formatversion: '2' });
    const mainDoc = (main.json.paraminfo as { modules: { parameters: ParamInfo[] }[] }).modules[0]!;
    const actions = mainDoc.parameters.find((p) => p.name === 'action')!.type as string[];
    const paths = [...actions, 'query+*'];
    modules = [];
    for (let i = 0; i < paths.length; i += 40) {
      const res = await api.get({
        action: 'paraminfo',
        modules: paths.slice(i, i + 40).join('|'),
        formatversion: '2',
      });
      modules.push(...(res.json.paraminfo as { modules: ModuleInfo[] }).modules);
    }
    // Modules that end the fuzzing session's own identity are kept (they must not fail either),
    // but the session is re-opened after them (see below).
    expect(modules.length).toBeGreaterThan(30);
    // FUZZ_MODULES=block,edit narrows a run to some modules (to chase one failure).
    const only = process.env.FUZZ_MODULES?.split(',');
    if (only) modules = modules.filter((m) => only.includes(m.path));
  });

  afterAll(async () => {
    console.log(
      `api fuzz: ${cases} cases over ${modules?.length ?? 0} modules (${modules?.map((m) => m.path).join(', ')})`,
    );
    const top = [...outcomes].sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.log(`api fuzz outcomes: ${top.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    await t?.close();
  });

  it('answers without 5xx or hangs, with catalogued codes only', async () => {
    await fc.assert(
      fc.asyncProperty(caseFor(modules, pageIds), async (c) => {
        cases++;
        const client = c.who === 'anonymous' ? t.anonymousApi() : c.who === 'newbie' ? newbie.api : sysop.api;
        const params = requestParams(c);
        const tokenParam = c.module.parameters.find((p) => p.name === 'token');
        if (c.withToken && tokenParam) {
          const type = (tokenParam.tokentype ?? 'csrf') as Parameters<ApiClient['token']>[0];
          params[c.module.prefix + 'token'] = await client.token(type);
        }
        let timer: NodeJS.Timeout | undefined;
        const res = await Promise.race([
          client.call(c.method, params),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS} ms`)), HANG_MS);
          }),
        ]).finally(() => clearTimeout(timer));
        check(c, res);
        const outcome = codesOf(res.json).errors[0] ?? 'ok';
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        // A case that blocked one of the fuzzing accounts (or the address they write from) would
        // turn every later write into `blocked`: lift it, so that the next case reaches deep again.
        const { store } = t.services;
        for (const id of [sysop.id, newbie.id]) {
          const block = await store.blocks.activeForUser(TEST_WIKI, id, t.now());
          if (block) await store.blocks.delete(TEST_WIKI, block.id);
        }
        const byAddress = await store.blocks.activeForAddress(TEST_WIKI, '127.0.0.1', t.now());
        if (byAddress) await store.blocks.delete(TEST_WIKI, byAddress.id);
        // A case that logged the session out or changed who it is: start the next one logged in again.
        if (c.who !== 'anonymous' && ['logout', 'login', 'clientlogin'].includes(c.module.name)) {
          const fresh = await t.services.accounts.openSession(
            TEST_WIKI,
            c.who === 'sysop' ? sysop.id : newbie.id,
          );
          client.cookie = fresh.id;
        }
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true },
    );
  }, 900_000);
});

function check(c: Case, res: ApiCall): void {
  const what = `${c.method} ${JSON.stringify(requestParams(c)).slice(0, 400)}`;
  expect(res.status, what).toBeLessThan(500);
  // action=help answers with an HTML page unless asked to wrap it (ApiHelp), as MediaWiki does.
  if (c.module.name === 'help' && !(c.params.wrap ?? '')) {
    expect(res.headers['content-type'], what).toMatch(/^(text\/html|application\/json)/);
    if (!String(res.headers['content-type']).startsWith('application/json')) return;
  } else expect(res.headers['content-type'], what).toMatch(/^application\/json/);
  const { errors, warnings } = codesOf(res.json);
  for (const code of errors) {
    expect(code.startsWith('internal_api_error'), `${what} → ${code}: ${res.body.slice(0, 300)}`).toBe(false);
    expect(errorCodes.has(code), `${what} → uncatalogued error ${code}`).toBe(true);
  }
  for (const code of warnings) {
    expect(warningCodes.has(code), `${what} → uncatalogued warning ${code}`).toBe(true);
  }
  if (errors.length > 0) expect(res.headers['mediawiki-api-error'], what).toBe(errors[0]);
}
