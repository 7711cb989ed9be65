import type { ErrorFormat } from './error-format.ts';
import type { SessionCookie, TokenType } from '../../accounts/accounts.ts';
import type { Actor } from '../../domain/actor.ts';
import type { WikiInfo } from '../../domain/wiki.ts';
import type { CoreServices } from '../../core-services.ts';
import type { Warning } from '../../../errors.ts';

/**
 * The contract between the api.php dispatcher and its modules, following MediaWiki's ApiBase:
 * modules declare their parameters (the dispatcher validates them, warns about unknown ones and
 * builds action=help / action=paraminfo from the declarations) and return plain result objects
 * (the dispatcher applies formatversion 1/2 and the error envelope).
 */
export type ParamType =
  | 'string'
  | 'text'
  | 'password'
  | 'integer'
  | 'boolean'
  | 'timestamp'
  | 'limit'
  | 'title'
  | 'user'
  | 'namespace'
  | 'expiry'
  | 'tags'
  | 'enum'
  | 'upload';

export interface ParamSpec {
  type: ParamType;
  description: string;
  required?: boolean;
  /** Pipe-separated (or U+001F separated) multi-value parameter. */
  multi?: boolean;
  /** Max number of values for multi params (MediaWiki: 50, 500 for apihighlimits). */
  maxValues?: number;
  default?: string | number | boolean;
  /** Allowed values for 'enum' (and 'namespace' when restricted). */
  values?: readonly string[];
  min?: number;
  /** For 'integer' a hard maximum; for 'limit' the normal maximum. */
  max?: number;
  /** For 'limit': the maximum for users with apihighlimits. */
  highMax?: number;
  deprecated?: boolean;
  /** Never echoed back or logged (passwords, tokens). */
  sensitive?: boolean;
}

export type ParamSpecs = Record<string, ParamSpec>;

/** Validated parameter values: strings, numbers, booleans, string[] for multi, undefined when absent. */
export type ParamValues = Record<string, unknown>;

export interface ApiRequestContext {
  wiki: WikiInfo;
  actor: Actor;
  method: 'GET' | 'POST';
  ip: string;
  /** formatversion: 1 (default) or 2. */
  formatVersion: 1 | 2;
  /** errorformat: how messages a module puts in its result are rendered (error-format.ts). */
  errorFormat: ErrorFormat;
  /** Adds a catalogued warning (`warning('name', …)`, src/errors.ts) for `module`, rendered per errorformat. */
  warn(module: string, w: Warning): void;
  /** Session cookie changes requested by auth modules (login/logout): a cookie to set, or null to clear it. */
  setSession(cookie: SessionCookie | null): void;
  services: CoreServices;
  /** The request clock, Unix seconds. */
  now: number;
  /** Raw parameter lookup (for modules that read parameters of other modules, like query). */
  rawParam(name: string): string | undefined;
  /** Whether the raw request carried this parameter at all (even empty). */
  hasParam(name: string): boolean;
  /**
   * Validates `specs` (declared without `prefix`) from the request and marks them as recognized, for
   * parameters the dispatcher cannot know in advance (query submodules, `g`-prefixed generator parameters).
   * Validation warnings are attributed to `module` (default: the running action module).
   */
  readParams(specs: ParamSpecs, prefix: string, module?: string): ParamValues;
}

export interface ApiModule {
  name: string;
  description: string;
  /** Parameter prefix used in help output (most action modules have none). */
  prefix?: string;
  mustBePosted?: boolean;
  /** The token type the module needs in its `token` parameter. */
  needsToken?: TokenType;
  isWrite?: boolean;
  /**
   * The $wgRateLimits action a request counts against (config `rateLimits`), after its token and
   * parameters are checked and before it runs; over the limit it is `ratelimited`.
   */
  rateLimit?: string;
  internal?: boolean;
  /**
   * The module never reads `actor.block` (a read that blocks do not restrict): the dispatcher
   * skips looking the block up, and the actor's `block` is null.
   */
  ignoresBlocks?: boolean;
  params: ParamSpecs;
  /**
   * Unprefixed request fields (AuthManager's, read with `rawParam`) that are secrets: refused in
   * the query string (`mustpostparams`) like the module's `sensitive` parameters.
   */
  postedFields?: readonly string[];
  execute(ctx: ApiRequestContext, params: ParamValues): Promise<ApiResult>;
}

/** What a module returns; the dispatcher puts it under the module's name unless `raw` is set. */
export interface ApiResult {
  /** The module's payload: `{[moduleName]: body}` in the final output. */
  body?: unknown;
  /** Top-level keys added next to the module output (e.g. `continue`, `batchcomplete`). */
  topLevel?: Record<string, unknown>;
  /** A response sent verbatim instead of the formatted result (action=help without `wrap`). */
  raw?: { contentType: string; body: string };
}

/** Query submodules (prop=, list=, meta=), as in MediaWiki's ApiQueryBase. */
export interface QueryModule {
  name: string;
  kind: 'prop' | 'list' | 'meta';
  /** Parameter prefix: 'rv' for revisions, 'rc' for recentchanges, etc. */
  prefix: string;
  description: string;
  internal?: boolean;
  /** Declared without the prefix; the dispatcher reads `${prefix}${name}`. */
  params: ParamSpecs;
  /** Whether the module can act as `generator=`. */
  generator?: boolean;
  /**
   * The module's list sits at the top level of the result, beside `query`, not under it
   * (ApiQueryWatchlistRaw); it writes with `appendTopLevelList`.
   */
  resultAtTopLevel?: boolean;
  /**
   * Runs the module. `pages` holds the resolved page set for prop modules (and is empty for list/meta);
   * `out` collects results; continuation values go to `out.setContinue(param, value)` using the
   * prefixed parameter name.
   */
  execute(ctx: ApiRequestContext, params: ParamValues, pages: QueryPageSet, out: QueryOutput): Promise<void>;
  /** Generator mode: return page ids (in order) instead of writing list output. */
  executeGenerator?(
    ctx: ApiRequestContext,
    params: ParamValues,
    pages: QueryPageSet,
    out: QueryOutput,
  ): Promise<{ pageIds: number[]; extra?: Map<number, Record<string, unknown>> }>;
}

export interface QueryPage {
  pageid?: number;
  ns: number;
  /** Prefixed display title ("Talk:Foo bar"). */
  title: string;
  missing?: boolean;
  invalid?: boolean;
  invalidreason?: string;
}

export interface QueryPageSet {
  /** Existing pages, in request order, keyed by page id. */
  readonly pages: ReadonlyMap<number, QueryPage & { pageid: number }>;
  /** Missing and invalid titles (negative pseudo-ids as MediaWiki gives them). */
  readonly missing: readonly QueryPage[];
  /** Revision ids requested with revids=, by page id. */
  readonly revids: ReadonlyMap<number, number[]>;
  readonly normalized: readonly { from: string; to: string }[];
  readonly redirects: readonly { from: string; to: string; tofragment?: string }[];
}

/** MediaWiki's $wgAPIMaxResultSize: appends beyond it are refused and the module continues later. */
export const MAX_RESULT_BYTES = 8 * 1024 * 1024;

/** What an item adds to the result's size (ApiResult::size: its serialized length). */
export function resultSize(item: unknown): number {
  return JSON.stringify(item)?.length ?? 0;
}

export interface QueryOutput {
  /** Adds fields to one page's entry in query.pages. */
  addPageData(pageId: number, data: Record<string, unknown>): void;
  /** Appends to a list field of a page (e.g. revisions, categories); false when the result is full. */
  appendPageList(pageId: number, key: string, item: unknown): boolean;
  /**
   * Whether `item` alone is larger than a whole result may be (MAX_RESULT_BYTES): no request could
   * ever take it, so continuing at it would repeat the same `continue` forever.
   */
  isLargerThanResult(item: unknown): boolean;
  /** Sets query[key] (list/meta output). */
  setQueryValue(key: string, value: unknown): void;
  /** Appends an item to query[key] (list output); false when the result size limit is reached. */
  appendQueryList(key: string, item: unknown): boolean;
  /** Sets the result's top-level `key`, beside `query` (generator=growthtasks' `growthtasks` object). */
  setTopLevelValue(key: string, value: unknown): void;
  /** Appends an item to the result's top-level `key` (a `resultAtTopLevel` module); false when the result is full. */
  appendTopLevelList(key: string, item: unknown): boolean;
  /** Records the continuation parameter (prefixed name) and value for the next request. */
  setContinue(param: string, value: string | number): void;
}

/**
 * Every module api.php knows: the action modules by name and the query submodules. Built by
 * `createModuleRegistry` (module-registry.ts); declared here, beside the modules, because help and
 * paraminfo describe the registry they are part of.
 */
export interface ModuleRegistry {
  readonly actions: ReadonlyMap<string, ApiModule>;
  readonly query: readonly QueryModule[];
}
