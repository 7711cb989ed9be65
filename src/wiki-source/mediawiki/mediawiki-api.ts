import { CookieAgent } from 'http-cookie-agent/undici';
import Session, { ApiErrors } from 'm3api';
import { CookieJar } from 'tough-cookie';
/** m3api's request parameters (its Params type is not exported from the package root). */
type Params = Record<string, string | number | boolean | readonly (string | number)[] | undefined>;
import { fail, isWikiqueueError } from '../../errors.ts';

/** What a followed wiki's API answers (formatversion 2): JSON, read defensively by the callers. */
export type ApiResponse = Record<string, unknown> & {
  query?: Record<string, unknown>;
  continue?: Record<string, string>;
};

export interface MediaWikiApiOptions {
  /** The wiki id the errors name. */
  wiki: string;
  apiUrl: string;
  /** A bot password's login name (`Name@app`) and password; without one, reads are anonymous. */
  botUser?: string;
  botPassword?: string;
  userAgent: string;
  /** Seconds of retries after maxlag or read-only answers (m3api's back-off), default 30. */
  retrySeconds?: number;
  /**
   * The cookies of a session on the wiki (`cookies()` of an earlier client): requests are made in
   * that session, asserting it is still `assertUser`'s.
   */
  cookies?: string;
  assertUser?: string;
}

/**
 * The Action API of a followed MediaWiki, through m3api: formatversion 2, plaintext errors,
 * `maxlag=5` on every request (a well-behaved client backs off when the wiki's replicas lag; m3api
 * retries after the wiki's Retry-After), a bot-password login when one is configured. Failures
 * become catalogued errors: `wiki-unreachable` when no answer comes (network, HTTP 5xx),
 * `wiki-api-error` with the wiki's own code otherwise.
 */
export class MediaWikiApi {
  readonly #options: MediaWikiApiOptions;
  readonly #session: Session;
  readonly #jar: CookieJar;
  #loggedIn = false;

  constructor(options: MediaWikiApiOptions) {
    this.#options = options;
    this.#session = new Session(
      options.apiUrl,
      {
        formatversion: 2,
        errorformat: 'plaintext',
        maxlag: 5,
        ...(options.assertUser ? { assert: 'user', assertuser: options.assertUser } : {}),
      },
      {
        userAgent: options.userAgent,
        warn: () => undefined,
        maxRetriesSeconds: options.retrySeconds ?? 30,
      },
    );
    // m3api's Node session keeps its cookies in a jar of its own; this one can be saved and restored.
    this.#jar = options.cookies ? CookieJar.deserializeSync(options.cookies) : new CookieJar();
    (this.#session as unknown as { agent: CookieAgent }).agent = new CookieAgent({
      cookies: { jar: this.#jar },
    });
  }

  /** The session's cookies, to make a later client in the same session (`cookies` option). */
  cookies(): string {
    return JSON.stringify(this.#jar.serializeSync());
  }

  /**
   * A POST in the session (writes), with the token of `tokenType` (m3api fetches and caches it,
   * and fetches it again after a `badtoken`).
   */
  async post(params: Params, tokenType = 'csrf'): Promise<ApiResponse> {
    await this.#ensureLogin();
    return this.#call(
      () => this.#session.request(params, { method: 'POST', tokenType }) as Promise<ApiResponse>,
    );
  }

  /**
   * action=clientlogin with an account's password (AuthManager's password provider). Answers the
   * account's name on PASS; a FAIL is `wrongpassword` or `login-throttled` as the wiki's message
   * code says; any other step (a second factor, a redirect) is `wiki-login-unsupported`.
   */
  async clientLogin(name: string, password: string, remember = false): Promise<string> {
    const response = await this.#call(
      () =>
        this.#session.request(
          {
            action: 'clientlogin',
            username: name,
            password,
            loginreturnurl: this.#options.apiUrl,
            // A remembered session here outlives the wiki's idle expiry unless the wiki remembers it too.
            ...(remember ? { rememberMe: 1 } : {}),
          },
          { method: 'POST', tokenType: 'login', tokenName: 'logintoken' },
        ) as Promise<ApiResponse>,
    );
    const login = response.clientlogin as
      { status?: string; username?: string; message?: string; messagecode?: string } | undefined;
    if (login?.status === 'PASS' && login.username) return this.#loggedInAs(login.username);
    if (login?.status === 'FAIL') throw loginFailure(login.messagecode, login.message);
    throw fail('wiki-login-unsupported', this.#options.wiki, login?.message ?? login?.status ?? 'no answer');
  }

  /** action=login with a bot password (`Name@AppId`). Answers the account's name. */
  async botLogin(name: string, password: string): Promise<string> {
    const response = await this.#call(
      () =>
        this.#session.request(
          { action: 'login', lgname: name, lgpassword: password },
          { method: 'POST', tokenType: 'login', tokenName: 'lgtoken' },
        ) as Promise<ApiResponse>,
    );
    const login = response.login as
      | { result?: string; reason?: string | { code?: string; text?: string }; lgusername?: string }
      | undefined;
    if (login?.result === 'Success' && login.lgusername) return this.#loggedInAs(login.lgusername);
    // With errorformat=plaintext the reason is {code, text}; with the old format, text.
    const reason = typeof login?.reason === 'object' ? login.reason : { text: login?.reason };
    if (login?.result === 'Failed') throw loginFailure(reason.code, reason.text);
    throw fail('wiki-login-unsupported', this.#options.wiki, reason.text ?? login?.result ?? 'no answer');
  }

  #loggedInAs(name: string): string {
    // Tokens fetched before the login belong to the anonymous session.
    this.#session.tokens.clear();
    this.#session.defaultParams.assert = 'user';
    this.#session.defaultParams.assertuser = name;
    return name;
  }

  get apiUrl(): string {
    return this.#options.apiUrl;
  }

  /** A GET request (queries), logging in first when a bot password is configured. */
  async get(params: Params): Promise<ApiResponse> {
    await this.#ensureLogin();
    return this.#call(() => this.#session.request(params) as Promise<ApiResponse>);
  }

  /** Every batch of a continued query, in order. */
  async *getAll(params: Params): AsyncGenerator<ApiResponse> {
    await this.#ensureLogin();
    const batches = this.#session.requestAndContinue(params) as AsyncIterable<ApiResponse>;
    const iterator = batches[Symbol.asyncIterator]();
    for (;;) {
      const next = await this.#call(() => iterator.next());
      if (next.done) return;
      yield next.value;
    }
  }

  async #ensureLogin(): Promise<void> {
    const { botUser, botPassword } = this.#options;
    if (this.#loggedIn || !botUser || !botPassword) return;
    const response = await this.#call(
      () =>
        this.#session.request(
          { action: 'login', lgname: botUser, lgpassword: botPassword },
          { method: 'POST', tokenType: 'login', tokenName: 'lgtoken' },
        ) as Promise<ApiResponse>,
    );
    const login = response.login as { result?: string; reason?: string } | undefined;
    if (login?.result !== 'Success')
      throw fail('wiki-api-error', this.#options.wiki, login?.reason ?? 'the login failed', 'login');
    this.#session.tokens.clear();
    this.#session.defaultParams.assert = 'user';
    this.#loggedIn = true;
  }

  async #call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (e) {
      if (isWikiqueueError(e)) throw e;
      if (e instanceof ApiErrors) {
        const first = e.errors[0] as { code?: string; text?: string } | undefined;
        if (first?.code === 'assertuserfailed') this.#loggedIn = false;
        // A user's session the wiki no longer knows (expired, logged out on the wiki).
        if (
          this.#options.assertUser &&
          (first?.code === 'assertuserfailed' || first?.code === 'assertnameduserfailed')
        )
          throw fail('wiki-login-required', this.#options.wiki, 'your session on the wiki has ended');
        throw fail('wiki-api-error', this.#options.wiki, first?.text ?? e.message, first?.code ?? 'unknown');
      }
      throw fail('wiki-unreachable', this.#options.wiki, this.#options.apiUrl, describe(e));
    }
  }
}

/** A refused login: the wiki's throttle, else a wrong name or password (MediaWiki does not say which). */
function loginFailure(code: string | undefined, message: string | undefined): Error {
  if (code === 'login-throttled' || /too many recent login attempts/i.test(message ?? ''))
    return fail('login-throttled', 'a while');
  return fail('wrongpassword');
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${e.message}: ${cause.message}` : e.message;
  }
  return String(e);
}
