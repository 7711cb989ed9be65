import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCatalog, fail, warning, warningCatalog } from '../../src/errors.ts';

/**
 * Keeps the catalog (src/errors.ts), its use in src/ and its documentation (docs/errors.md) in step,
 * as Fastify's errors test does: an entry nothing throws or emits is dead and fails here, listed.
 * Usage is read from the source text: every call of `fail`, `failWith` or `warning` in a file that
 * imports them from errors.ts names its code as a string literal (checked below), so the scan is
 * complete.
 */

const root = join(import.meta.dirname, '../..');
const catalogFile = join(root, 'src/errors.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && path !== catalogFile ? [path] : [];
  });
}

interface Usage {
  /** Codes named by `fail(`/`failWith(` calls, and warning names by `warning(` calls. */
  errors: Set<string>;
  warnings: Set<string>;
  /** Calls whose first argument is not a string literal, as `file: call`. */
  unreadable: string[];
}

function scanUsage(): Usage {
  const usage: Usage = { errors: new Set(), warnings: new Set(), unreadable: [] };
  for (const file of sourceFiles(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const imported = /import\s*\{([^}]*)\}\s*from\s*'[./]*errors\.ts'/.exec(text)?.[1] ?? '';
    const names = ['fail', 'failWith', 'warning'].filter((n) => new RegExp(`\\b${n}\\b`).test(imported));
    for (const name of names) {
      for (const m of text.matchAll(new RegExp(`(?<=^|[^.\\w#]|\\.\\.\\.)${name}\\(\\s*('([^']*)')?`, 'g'))) {
        const code = m[2];
        if (code === undefined) {
          usage.unreadable.push(`${relative(root, file)}: ${m[0]}`);
          continue;
        }
        (name === 'warning' ? usage.warnings : usage.errors).add(code);
      }
    }
  }
  return usage;
}

/** The rows of the markdown tables under `## {section}`: first cell (unquoted) → other cells. */
function docRows(section: string): Map<string, string[]> {
  const text = readFileSync(join(root, 'docs/errors.md'), 'utf8');
  const start = text.indexOf(`\n## ${section}\n`);
  expect(start, `docs/errors.md has a "## ${section}" section`).toBeGreaterThanOrEqual(0);
  const next = text.indexOf('\n## ', start + 1);
  const rows = new Map<string, string[]>();
  for (const line of text.slice(start, next === -1 ? undefined : next).split('\n')) {
    if (!line.startsWith('| `')) continue;
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) =>
        c
          .trim()
          .replace(/\\\|/g, '|')
          .replace(/^`(.*)`$/, '$1'),
      );
    const [key = '', ...rest] = cells;
    expect(rows.has(key), `"${key}" is listed once in docs/errors.md`).toBe(false);
    rows.set(key, rest);
  }
  return rows;
}

const usage = scanUsage();
const errorCodes = Object.keys(errorCatalog).sort();
const warningNames = Object.keys(warningCatalog).sort();

describe('the error catalog, its use and its docs', () => {
  it('finds every fail/failWith/warning call with its code written out', () => {
    expect(usage.unreadable).toEqual([]);
    expect(usage.errors.size).toBeGreaterThan(50);
  });

  it('has no dead error codes: every catalogued error is thrown somewhere in src', () => {
    expect(errorCodes.filter((code) => !usage.errors.has(code))).toEqual([]);
  });

  it('has no dead warnings: every catalogued warning is emitted somewhere in src', () => {
    expect(warningNames.filter((name) => !usage.warnings.has(name))).toEqual([]);
  });

  it('catalogues every code src throws or warns (also when a cast got past the type checker)', () => {
    expect([...usage.errors].filter((c) => !(c in errorCatalog))).toEqual([]);
    expect([...usage.warnings].filter((n) => !(n in warningCatalog))).toEqual([]);
  });

  it('documents every error in docs/errors.md with its status and message, and nothing else', () => {
    const rows = docRows('Errors');
    expect([...rows.keys()].sort()).toEqual(errorCodes);
    for (const [code, entry] of Object.entries(errorCatalog))
      expect(rows.get(code), code).toEqual([String(entry.status), entry.message]);
  });

  it('documents every warning in docs/errors.md with its code and message, and nothing else', () => {
    const rows = docRows('Warnings');
    expect([...rows.keys()].sort()).toEqual(warningNames);
    for (const [name, entry] of Object.entries(warningCatalog)) {
      const code: string = 'code' in entry ? entry.code : name;
      expect(rows.get(name), name).toEqual([code, entry.message]);
    }
  });

  it('fills parameters and plural forms into messages', () => {
    expect(fail('badinteger', 'rvlimit', 'ten').message).toBe(
      'Invalid value "ten" for integer parameter "rvlimit".',
    );
    expect(warning('unrecognizedparams', 'a', 1)).toEqual({
      code: 'unrecognizedparams',
      text: 'Unrecognized parameter: a.',
      name: 'unrecognizedparams',
      params: ['a', 1],
    });
    expect(warning('unrecognizedparams', 'a, b', 2).text).toBe('Unrecognized parameters: a, b.');
    expect(warning('limit-toosmall', 'rvlimit', 1)).toEqual({
      code: 'integeroutofrange',
      text: 'rvlimit may not be less than 1 (set to 1)',
      name: 'limit-toosmall',
      params: ['rvlimit', 1],
    });
  });
});
