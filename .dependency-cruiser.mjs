/**
 * The allowed arrows between the parts of src/ (issue 9, "Enforced arrows"), checked by
 * dependency-cruiser: `npm run lint:deps`, part of `npm run check` and CI. Every import counts,
 * type-only ones included: a type is an arrow too.
 *
 * The parts:
 * - app shell: src/*.ts (main, app, app-services, create-services, create-worker, subsystems),
 *   src/cli/, src/demo/. Wires everything, so it may import everything.
 * - shared leaves: src/config.ts (the typed config) and src/errors.ts (the error catalog). Every
 *   part reads them; they import nothing from src/.
 * - core: src/core/ (wiki model, store, Action API and REST frameworks, jobs, events, accounts).
 * - wiki-source: the core's access to a wiki. The port — files directly in src/wiki-source/: the
 *   `WikiSource` interface, its types and the per-wiki choice of source — is core vocabulary: the
 *   core and the subsystems import it. The implementations (src/wiki-source/<impl>/, local/ the
 *   embedded wiki) stand beside the core: they import the core (store, domain, wikis) to do their
 *   work, so the core importing one would close a loop core → local → core. Only the port's
 *   composition and the app shell import an implementation; the core and subsystems reach a wiki
 *   through the port ("no HTTP module, job or subsystem calls the embedded wiki directly").
 * - wikitext: src/wikitext/, pure analysis: text in, findings out.
 * - subsystems: every other folder of src/ (review/, and suggestions/, tasks/, page-queue/ to come).
 *   A subsystem imports the core, the port, wikitext and the shared leaves; another subsystem only
 *   through its public interface, the file `src/<name>/<name>-service.ts` (the service its
 *   registration starts; it re-exports any type its signatures need). Its registration
 *   (`<name>-subsystem.ts`) is for src/subsystems.ts alone.
 * - pure code: src/wikitext/, every `domain/` folder (src/core/domain/, src/review/domain/, …) and
 *   src/errors.ts import only pure code: no node: module, no package, no store, jobs or HTTP.
 *
 * - migrations: a numbered migration (`migrations/NNN-name.ts`, core's or a subsystem's) is frozen
 *   once released. Only the migration lists import one — the core's
 *   (src/core/store/migrations/migration-provider.ts) and each subsystem's
 *   (src/<name>/store/<name>-migrations.ts); runtime code takes the current schema from the schema
 *   files, never from a migration.
 *
 * The resulting arrows point one way: shell → subsystems → core (+ port) ← wiki-source
 * implementations ← shell, with pure code at the bottom; `no-circular` keeps modules acyclic too.
 */

/** Top-level folders of src/ that are not subsystems; any other folder is one. */
const NOT_SUBSYSTEMS = ['core', 'wiki-source', 'wikitext', 'cli', 'demo'];
const SUBSYSTEM = `^src/(?!(?:${NOT_SUBSYSTEMS.join('|')})/)[^/]+/`;
/** Group 1 is the subsystem's folder name. */
const SUBSYSTEM_NAMED = `^src/((?!(?:${NOT_SUBSYSTEMS.join('|')})/)[^/]+)/`;
const SHARED_LEAVES = ['^src/config\\.ts$', '^src/errors\\.ts$'];
const APP_SHELL = ['^src/(?!config\\.ts$|errors\\.ts$)[^/]+$', '^src/(?:cli|demo)/'];
const WIKI_SOURCE_IMPLEMENTATION = '^src/wiki-source/[^/]+/';
const PURE = ['^src/wikitext/', '^src/[^/]+/domain/', '^src/errors\\.ts$'];
/** A numbered migration, core's or a subsystem's. */
const MIGRATION = '/migrations/[0-9]{3}-[^/]+\\.ts$';
/** The files that list the migrations: the core's and each subsystem's. */
const MIGRATION_LISTS = [
  '^src/core/store/migrations/migration-provider\\.ts$',
  '^src/([^/]+)/store/\\1-migrations\\.ts$',
];

/**
 * Arrows that break a rule and are being removed, as [from, to, why]. A known violation is
 * reported as ignored, not as an error; test/unit/import-boundaries.test.ts fails once one no
 * longer occurs, so the list only shrinks. Empty since the wiki-source port took over the embedded
 * wiki's vocabulary (issue 9, item 2). Never add to it: fix the arrow.
 * @type {[string, string, string][]}
 */
const KNOWN_ARROWS = [];
const KNOWN_VIOLATIONS = KNOWN_ARROWS.map(([from, to, comment]) => ({
  type: 'dependency',
  from,
  to,
  rule: { name: 'not-to-wiki-source-implementation', severity: 'error' },
  comment,
}));

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'core-not-to-subsystem',
      comment: 'The core never imports a subsystem: subsystems register with it (src/core/subsystem.ts).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: SUBSYSTEM },
    },
    {
      name: 'subsystem-only-through-service',
      comment:
        'A subsystem uses another only through its public interface, src/<name>/<name>-service.ts; ' +
        'never its store, domain, API modules or registration.',
      severity: 'error',
      from: { path: SUBSYSTEM_NAMED },
      to: { path: SUBSYSTEM, pathNot: ['^src/$1/', '^src/([^/]+)/\\1-service\\.ts$'] },
    },
    {
      name: 'not-to-wiki-source-implementation',
      comment:
        'The core, subsystems and wikitext reach a wiki through the port (src/wiki-source/*.ts), ' +
        'never an implementation (src/wiki-source/<impl>/): only the port and the app shell wire one.',
      severity: 'error',
      from: { path: ['^src/core/', SUBSYSTEM, '^src/wikitext/'] },
      to: { path: WIKI_SOURCE_IMPLEMENTATION },
    },
    {
      name: 'wiki-source-implementations-apart',
      comment: 'One wiki-source implementation does not import another; they share the port and the core.',
      severity: 'error',
      from: { path: '^src/wiki-source/([^/]+)/' },
      to: { path: WIKI_SOURCE_IMPLEMENTATION, pathNot: '^src/wiki-source/$1/' },
    },
    {
      name: 'wiki-source-not-to-subsystem',
      comment: 'A wiki source serves every subsystem and knows none of them.',
      severity: 'error',
      from: { path: '^src/wiki-source/' },
      to: { path: SUBSYSTEM },
    },
    {
      name: 'not-to-app-shell',
      comment:
        'Only the app shell imports the app shell (main, app, services, subsystems list, cli/, demo/); ' +
        'the other parts read only the shared leaves config.ts and errors.ts.',
      severity: 'error',
      from: { pathNot: APP_SHELL },
      to: { path: APP_SHELL },
    },
    {
      name: 'shared-leaves-import-no-src',
      comment: 'config.ts and errors.ts are read by every part, so they import nothing from src/.',
      severity: 'error',
      from: { path: SHARED_LEAVES },
      to: { path: '^src/' },
    },
    {
      name: 'pure-imports-only-pure',
      comment:
        'Pure code (wikitext, every domain/ folder, errors.ts) imports only pure code: no node: ' +
        'module, no package, nothing with I/O (store, jobs, HTTP, config).',
      severity: 'error',
      from: { path: PURE },
      to: { pathNot: PURE },
    },
    {
      name: 'migrations-only-from-lists',
      comment:
        "A migration is frozen once released: only the migration lists (the core's migration-provider.ts, " +
        "a subsystem's store/<name>-migrations.ts) import one; runtime code reads the current schema files.",
      severity: 'error',
      from: { pathNot: MIGRATION_LISTS },
      to: { path: MIGRATION },
    },
    {
      name: 'ui-over-http-only',
      comment:
        'The web interface (ui/) runs in the browser and talks to the server over HTTP only (the Action ' +
        'API, REST routes, event streams); the server never imports the interface.',
      severity: 'error',
      from: { path: '^ui/' },
      to: { path: '^(?:src|test|bench|bin)/' },
    },
    {
      name: 'server-not-to-ui',
      comment: 'The server serves the built interface as files; it imports none of its code.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^ui/' },
    },
    {
      name: 'no-circular',
      comment: 'Modules import each other one way: a cycle hides which side owns the concept.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import the cruiser cannot resolve would escape every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    knownViolations: KNOWN_VIOLATIONS,
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
