import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The allowed arrows of .dependency-cruiser.mjs (issue 9, "Enforced arrows"), run through
 * dependency-cruiser's API as `npm run lint:deps` runs them: each rule reports the wrong arrow of
 * its own fixture tree (test/fixtures/boundaries/<rule>/src), a tree of every allowed arrow
 * reports nothing, and the real src/ has no violation beyond the config's known ones.
 */
const root = resolve(import.meta.dirname, '../..');
const fixtures = join(root, 'test/fixtures/boundaries');

let options: ICruiseOptions;
let tsConfig: unknown;

beforeAll(async () => {
  options = await extractDepcruiseOptions(join(root, '.dependency-cruiser.mjs'));
  tsConfig = extractTSConfig(join(root, 'tsconfig.json'));
});

/**
 * Cruises `baseDir`/src and `baseDir`/ui/src (the web interface) with the config's rules; a fixture
 * tree without the known violations.
 */
async function cruiseTree(baseDir: string, withKnownViolations = false): Promise<ICruiseResult> {
  const knownViolations = withKnownViolations ? options.knownViolations : [];
  const roots = ['src', 'ui/src'].filter((dir) => existsSync(join(baseDir, dir)));
  const { output } = await cruise(roots, { ...options, knownViolations, baseDir }, {}, { tsConfig });
  if (typeof output === 'string') throw new Error('dependency-cruiser returned a report, not a result');
  return output;
}

/**
 * A violation as `rule: from → to` for readable comparisons: a cycle as its modules, a package as
 * `npm:name`.
 */
const arrow = (v: IViolation) => {
  const to = v.cycle
    ? v.cycle.map((m) => m.name).join(' → ')
    : v.to.replace(/^.*node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, 'npm:$1');
  return `${v.rule.name}: ${v.from} → ${to}`;
};

const errors = (result: ICruiseResult) =>
  result.summary.violations
    .filter((v) => v.rule.severity === 'error')
    .map(arrow)
    .sort();

/** The wrong arrows each fixture tree holds, by the rule that must report them. */
const expected: Record<string, string[]> = {
  'core-not-to-subsystem': [
    'core-not-to-subsystem: src/core/jobs/job-runner.ts → src/review/review-service.ts',
  ],
  'subsystem-only-through-service': [
    'subsystem-only-through-service: src/suggestions/suggestions-service.ts → src/review/review-subsystem.ts',
    'subsystem-only-through-service: src/suggestions/suggestions-service.ts → src/review/store/review-store.ts',
  ],
  'pure-imports-only-pure': [
    'pure-imports-only-pure: src/core/domain/titles.ts → npm:kysely',
    'pure-imports-only-pure: src/review/domain/review-status.ts → fs',
    'pure-imports-only-pure: src/wikitext/links.ts → src/core/store/store.ts',
  ],
  'not-to-wiki-source-implementation': [
    'not-to-wiki-source-implementation: src/core/core-services.ts → src/wiki-source/local/local-wiki.ts',
    'not-to-wiki-source-implementation: src/review/api/pagetriage-action.ts → src/wiki-source/local/local-wiki.ts',
  ],
  'wiki-source-implementations-apart': [
    'wiki-source-implementations-apart: src/wiki-source/mediawiki/mediawiki-source.ts → src/wiki-source/local/local-wiki.ts',
  ],
  'wiki-source-not-to-subsystem': [
    'wiki-source-not-to-subsystem: src/wiki-source/local/local-wiki.ts → src/review/review-service.ts',
  ],
  'not-to-app-shell': ['not-to-app-shell: src/core/http/health.ts → src/app-services.ts'],
  'shared-leaves-import-no-src': [
    'shared-leaves-import-no-src: src/errors.ts → src/core/domain/namespaces.ts',
  ],
  'migrations-only-from-lists': [
    'migrations-only-from-lists: src/core/store/page-repository.ts → src/core/store/migrations/001-initial.ts',
    'migrations-only-from-lists: src/review/review-service.ts → src/review/store/migrations/002-review-queue.ts',
  ],
  'no-circular': [
    'no-circular: src/core/jobs/job-queue.ts → src/core/jobs/job-runner.ts → src/core/jobs/job-queue.ts',
  ],
  'not-to-unresolvable': ['not-to-unresolvable: src/core/titles.js → ./title-parser.js'],
  'ui-over-http-only': ['ui-over-http-only: ui/src/feed.ts → src/core/domain/titles.ts'],
  'server-not-to-ui': ['server-not-to-ui: src/core/http/web-ui.ts → ui/src/main.ts'],
};

describe('import boundaries (.dependency-cruiser.mjs)', () => {
  it('has a fixture tree for every rule of the config, and one of allowed arrows', () => {
    const rules = (options.ruleSet?.forbidden ?? []).map((r) => r.name).sort();
    expect(Object.keys(expected).sort()).toEqual(rules);
    expect(readdirSync(fixtures).sort()).toEqual([...rules, 'allowed'].sort());
  });

  it('reports nothing on a tree of every allowed arrow (shell, core, port, implementation, subsystems, pure code, migration lists)', async () => {
    const result = await cruiseTree(join(fixtures, 'allowed'));
    expect(result.summary.totalCruised).toBeGreaterThanOrEqual(15);
    expect(errors(result)).toEqual([]);
  });

  for (const [rule, arrows] of Object.entries(expected))
    it(`rule ${rule} reports the wrong arrows of its fixture`, async () => {
      const result = await cruiseTree(join(fixtures, rule));
      expect(errors(result)).toEqual(arrows);
    });

  it('finds no violation in src/ beyond the known ones, and every known one still occurs', async () => {
    const result = await cruiseTree(root, true);
    expect(errors(result)).toEqual([]);
    const known = options.knownViolations ?? [];
    const ignored = result.summary.violations.filter((v) => v.rule.severity === 'ignore').map(arrow);
    const stale = known.map(arrow).filter((a) => !ignored.includes(a));
    expect(stale, 'known violations that no longer occur: remove them from the config').toEqual([]);
  });
});
