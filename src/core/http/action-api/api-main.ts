import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { toIsoTimestamp } from '../../domain/clock.ts';
import { escapeHtmlElementText } from '../../domain/html.ts';
import type { SessionCookie } from '../../accounts/accounts.ts';
import type { Actor } from '../../domain/actor.ts';
import { normalizeUserName } from '../../domain/user-names.ts';
import { fail, isWikiqueueError, warning } from '../../../errors.ts';
import type { CoreServices } from '../../core-services.ts';
import {
  isTranslatedFormat,
  renderError,
  renderWarnings,
  type ApiMessage,
  type ErrorFormat,
  errorFormats,
} from './error-format.ts';
import { translateApiMessage } from '../../messages/api-message-translations.ts';
import { jsonFormatParams, mainParams } from './main-params.ts';
import type { ApiModule, ApiRequestContext, ApiResult, ModuleRegistry, ParamSpecs } from './module.ts';
import { RequestParams, validateParams, type ValidationContext } from './parameters.ts';
import { serializeJson, toFormatVersion } from './result-format.ts';
import { PRIVATE_CACHE_CONTROL } from '../security-headers.ts';

/** One api.php request, already taken apart by the HTTP layer. */
export interface ApiRequest {
  wikiId: string;
  method: 'GET' | 'POST';
  /** Query string and body merged, the body winning (PHP's $_POST + $_GET). */
  params: ReadonlyMap<string, string>;
  /** The names found in the query string (for `mustpostparams`). */
  queryNames: ReadonlySet<string>;
  sessionId: string | undefined;
  /** The client's address (core/http/client-address.ts), sanitized. */
  ip: string;
  /** The api.php path that was called ("/w/api.php"), for the docref text. */
  path: string;
}

export interface ApiResponse {
  contentType: string;
  body: string;
  headers: Record<string, string>;
  /** undefined: leave the session cookie alone; null: clear it; a cookie: set it. */
  session?: SessionCookie | null;
}

const mainModule = 'main';

/**
 * The api.php dispatcher (MediaWiki's ApiMain): validates the main parameters, picks the module,
 * enforces POST, tokens and `assert`, runs the module, reports parameters nobody read, and renders
 * the result or the error per `format`, `formatversion` and `errorformat`. API errors are HTTP 200
 * with a `MediaWiki-API-Error` header, as MediaWiki answers them.
 */
export class ApiMain {
  /** The main module's parameters: the registry's actions are fixed once it is built. */
  readonly #mainParams: ParamSpecs;

  constructor(
    private readonly services: CoreServices,
    private readonly registry: ModuleRegistry,
  ) {
    this.#mainParams = mainParams([...registry.actions.keys()]);
  }

  async handle(req: ApiRequest): Promise<ApiResponse> {
    const raw = new RequestParams(req.params);
    const warnings: ApiMessage[] = [];
    const output = readOutputOptions(raw, warnings);
    const now = this.services.clock();
    const result: Record<string, unknown> = {};
    let session: SessionCookie | null | undefined;
    let errorCode: string | undefined;
    let moduleName = mainModule;
    let contentLang = 'en';

    try {
      const loaded = await this.services.wikis.load(req.wikiId);
      contentLang = loaded.info.lang;
      // origin=* and JSONP requests are anonymous by definition (ApiMain::lacksSameOriginSecurity).
      const anonymousOnly = raw.get('origin') === '*' || raw.get('callback') !== undefined;
      const ignoresBlocks = this.registry.actions.get(raw.get('action') ?? '')?.ignoresBlocks === true;
      const actor = await this.services.accounts.actorFor(
        loaded.info.id,
        anonymousOnly ? undefined : req.sessionId,
        req.ip,
        { withBlock: !ignoresBlocks },
      );
      const validation = (module: string): ValidationContext => ({
        now,
        highLimits: actor.rights.has('apihighlimits'),
        namespaces: loaded.namespaces,
        warn: (w) => warnings.push({ module, ...w }),
      });
      const main = validateParams(this.#mainParams, '', raw, validation(mainModule));
      if (main.requestid !== undefined) result.requestid = main.requestid;
      const module = this.registry.actions.get(String(main.action));
      if (!module) throw fail('badvalue', 'action', String(main.action));
      moduleName = module.name;

      if (module.mustBePosted && req.method !== 'POST') throw fail('mustbeposted', module.name);
      checkPostedParams(module, req.queryNames);
      checkAsserts(actor, main.assert as string | undefined, main.assertuser as string | undefined);

      const ctx: ApiRequestContext = {
        wiki: loaded.info,
        actor,
        method: req.method,
        ip: req.ip,
        formatVersion: output.formatVersion,
        errorFormat: output.errorFormat,
        warn: (module, w) => warnings.push({ module, ...w }),
        setSession: (cookie) => {
          session = cookie;
        },
        services: this.services,
        now,
        rawParam: (name) => {
          raw.markUsed(name);
          if (raw.wasCleaned(name)) warnings.push({ module: moduleName, ...warning('badutf8', name) });
          return raw.get(name);
        },
        hasParam: (name) => {
          raw.markUsed(name);
          return raw.has(name);
        },
        readParams: (specs, prefix, module) =>
          validateParams(specs, prefix, raw, validation(module ?? moduleName)),
      };

      // As in ApiMain::setupModule, the token is checked before the module's own parameters.
      if (module.needsToken) await this.checkToken(module, actor, raw.get(`${module.prefix ?? ''}token`));
      const params = validateParams(moduleParams(module), module.prefix ?? '', raw, validation(module.name));
      if (module.rateLimit) await this.services.rateLimiter.limit(actor, module.rateLimit);
      const moduleResult: ApiResult = await module.execute(ctx, params);

      const unused = raw.unused();
      if (unused.length > 0) {
        warnings.push({
          module: mainModule,
          ...warning('unrecognizedparams', unused.join(', '), unused.length),
        });
      }
      if (moduleResult.raw) {
        return {
          contentType: moduleResult.raw.contentType,
          body: moduleResult.raw.body,
          headers: baseHeaders(),
          ...(session !== undefined ? { session } : {}),
        };
      }
      Object.assign(result, moduleResult.topLevel ?? {});
      if (moduleResult.body !== undefined) result[module.name] = moduleResult.body;
      if (main.servedby) result.servedby = hostname();
      if (main.curtimestamp) result.curtimestamp = toIsoTimestamp(now);
    } catch (e) {
      const message = this.toMessage(e, moduleName === mainModule ? mainModule : moduleName);
      errorCode = message.code;
      for (const k of Object.keys(result)) if (k !== 'requestid') delete result[k];
      Object.assign(
        result,
        renderError(
          translated('error', message, output.errorFormat, messageLanguage(raw, contentLang)),
          output.errorFormat,
          docref(this.services.config.server, req.path),
        ),
      );
      if (raw.has('servedby')) result.servedby = hostname();
    }

    const lang = messageLanguage(raw, contentLang);
    const rendered = renderWarnings(
      warnings.map((w) => translated('warning', w, output.errorFormat, lang)),
      output.errorFormat,
    );
    const envelope = rendered === undefined ? result : { warnings: rendered, ...result };
    const headers = baseHeaders();
    if (errorCode) headers['MediaWiki-API-Error'] = errorCode;
    if (raw.get('origin') === '*') headers['Access-Control-Allow-Origin'] = '*';
    return { ...render(envelope, output), headers, ...(session !== undefined ? { session } : {}) };
  }

  private async checkToken(module: ApiModule, actor: Actor, token: string | undefined): Promise<void> {
    if (token === undefined || token === '') throw fail('notoken', `${module.prefix ?? ''}token`);
    const ok = await this.services.accounts.verifyToken(actor, module.needsToken ?? 'csrf', token);
    if (!ok) throw fail('badtoken');
  }

  /** Catalogued errors keep their code, message and data; anything else is logged and made generic. */
  private toMessage(e: unknown, module: string): ApiMessage {
    if (isWikiqueueError(e))
      return { module, code: e.code, text: e.message, data: e.data, name: e.code, params: e.params };
    const name = e instanceof Error ? e.constructor.name || e.name : 'Error';
    const requestId = randomUUID();
    this.services.logger.error({ err: e, requestId, module }, 'Action API internal error');
    return {
      module,
      code: `internal_api_error_${name}`,
      text: `[${requestId}] Caught exception of type ${name}`,
      data: { errorclass: name },
    };
  }
}

/**
 * The language of error and warning texts (ApiMain's `errorlang`): `errorlang`, whose default
 * `uselang` takes `uselang`, whose default `user` is the user's language preference, which is the
 * wiki's content language (preferences are not read here); `content` is the content language too.
 */
function messageLanguage(raw: RequestParams, contentLang: string): string {
  let lang = raw.get('errorlang') ?? 'uselang';
  if (lang === 'uselang') lang = raw.get('uselang') ?? 'user';
  return lang === 'user' || lang === 'content' ? contentLang : lang;
}

/**
 * A catalogued message in `lang` when the error format shows texts in the error language and the
 * language has a translation of it (i18n/api/); as it is otherwise.
 */
function translated(
  kind: 'error' | 'warning',
  message: ApiMessage,
  format: ErrorFormat,
  lang: string,
): ApiMessage {
  if (!isTranslatedFormat(format) || message.name === undefined || lang === 'en') return message;
  const text = translateApiMessage(kind, message.name, message.params ?? [], lang);
  return text === undefined ? message : { ...message, text };
}

/** A module's declared parameters plus the `token` parameter every token-checking module has. */
export function moduleParams(module: ApiModule): ParamSpecs {
  if (!module.needsToken) return module.params;
  return {
    ...module.params,
    token: {
      type: 'string',
      required: true,
      sensitive: true,
      description: `A "${module.needsToken}" token retrieved from action=query&meta=tokens.`,
    },
  };
}

interface OutputOptions {
  format: 'json' | 'jsonfm' | 'none';
  formatVersion: 1 | 2;
  errorFormat: ErrorFormat;
  utf8: boolean;
  ascii: boolean;
  callback: string | undefined;
}

/**
 * The output options are read before anything else, leniently: a bad value still produces a
 * warning and a response in the default shape, so that the client can read it.
 */
function readOutputOptions(raw: RequestParams, warnings: ApiMessage[]): OutputOptions {
  for (const name of ['format', 'errorformat', ...Object.keys(jsonFormatParams)]) raw.markUsed(name);
  const pick = <T extends string>(name: string, values: readonly T[], dflt: T): T => {
    const v = raw.get(name);
    if (v === undefined) return dflt;
    if ((values as readonly string[]).includes(v)) return v as T;
    warnings.push({ module: mainModule, ...warning('unrecognizedvalues', name, v, 1) });
    return dflt;
  };
  const version = pick('formatversion', ['1', '2', 'latest'], '1');
  const callback = raw.get('callback');
  return {
    format: pick('format', ['json', 'jsonfm', 'none'], 'jsonfm'),
    formatVersion: version === '1' ? 1 : 2,
    errorFormat: pick('errorformat', errorFormats, 'bc'),
    utf8: raw.has('utf8'),
    ascii: raw.has('ascii'),
    callback: callback !== undefined && /^[\w.[\]]+$/.test(callback) ? callback : undefined,
  };
}

function render(envelope: unknown, o: OutputOptions): { contentType: string; body: string } {
  if (o.format === 'none') return { contentType: 'text/plain; charset=utf-8', body: '' };
  // Formatversion 2 only drops markers and undefined values, which JSON.stringify drops as well.
  const value = o.formatVersion === 2 ? envelope : toFormatVersion(envelope, o.formatVersion);
  const json = serializeJson(value, {
    version: o.formatVersion,
    utf8: o.utf8,
    ascii: o.ascii,
    pretty: o.format === 'jsonfm',
  });
  if (o.format === 'jsonfm') {
    const escaped = escapeHtmlElementText(json);
    return {
      contentType: 'text/html; charset=utf-8',
      body:
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>API result</title></head><body>\n' +
        '<p>This is the HTML representation of the JSON format. HTML is good for debugging, but is unsuitable for application use. ' +
        'Specify the format parameter to change the output format. To see the non-HTML representation of the JSON format, set format=json.</p>\n' +
        `<pre class="api-pretty-content">${escaped}</pre>\n</body></html>\n`,
    };
  }
  if (o.callback)
    return { contentType: 'text/javascript; charset=utf-8', body: `/**/${o.callback}(${json})` };
  return { contentType: 'application/json; charset=utf-8', body: json };
}

/** ApiMain's cache headers; nosniff and HTML's headers come from core/http/security-headers.ts. */
function baseHeaders(): Record<string, string> {
  return { 'Cache-Control': PRIVATE_CACHE_CONTROL };
}

function docref(server: string, path: string): string {
  return `See ${server}${path} for API usage.`;
}

/**
 * A module's secrets (its parameters declared `sensitive`, its token, and the AuthManager fields
 * it names in `postedFields`) are refused in the query string, where they would end up in server
 * and proxy logs and in browser history: `mustpostparams`, as ApiBase::requirePostedParameters
 * (which ApiMain applies to `token`, ApiLogin to `lgpassword` and `lgtoken`, and the AuthManager
 * modules to their sensitive fields).
 */
function checkPostedParams(module: ApiModule, queryNames: ReadonlySet<string>): void {
  const prefix = module.prefix ?? '';
  const names = [
    ...Object.entries(moduleParams(module))
      .filter(([, spec]) => spec.sensitive)
      .map(([name]) => prefix + name),
    ...(module.postedFields ?? []),
  ];
  const found = names.filter((name) => queryNames.has(name));
  if (found.length > 0) throw fail('mustpostparams', found.join(', '), found.length);
}

/** `assert` and `assertuser` (ApiMain::checkAsserts). */
function checkAsserts(actor: Actor, assert: string | undefined, assertUser: string | undefined): void {
  if (assert === 'user' && actor.isAnonymous) throw fail('assertuserfailed');
  if (assert === 'bot' && !actor.rights.has('bot')) throw fail('assertbotfailed');
  if (assert === 'anon' && !actor.isAnonymous) throw fail('assertanonfailed');
  if (assertUser !== undefined && (actor.isAnonymous || normalizeUserName(assertUser) !== actor.name)) {
    throw fail('assertnameduserfailed', assertUser);
  }
}
