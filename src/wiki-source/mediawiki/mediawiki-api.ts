import Session, { ApiErrors } from 'm3api';
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
  #loggedIn = false;

  constructor(options: MediaWikiApiOptions) {
    this.#options = options;
    this.#session = new Session(
      options.apiUrl,
      { formatversion: 2, errorformat: 'plaintext', maxlag: 5 },
      {
        userAgent: options.userAgent,
        warn: () => undefined,
        maxRetriesSeconds: options.retrySeconds ?? 30,
      },
    );
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
        throw fail('wiki-api-error', this.#options.wiki, first?.text ?? e.message, first?.code ?? 'unknown');
      }
      throw fail('wiki-unreachable', this.#options.wiki, this.#options.apiUrl, describe(e));
    }
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${e.message}: ${cause.message}` : e.message;
  }
  return String(e);
}
