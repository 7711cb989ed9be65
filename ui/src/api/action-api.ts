import { ApiError, NETWORK_ERROR, actionResult } from './api-error.ts';

export type ParamValue = string | number | boolean | readonly (string | number)[] | undefined | null;
export type Params = Record<string, ParamValue>;
export type TokenType = 'csrf' | 'login' | 'createaccount';

/** The parameter each token goes in: AuthManager modules name theirs after their prefix. */
const TOKEN_PARAM: Record<TokenType, string> = {
  csrf: 'token',
  login: 'logintoken',
  createaccount: 'createtoken',
};

/**
 * The Action API of one wiki (`/{wiki}/w/api.php`), as mw.Api speaks it: formatversion 2, errors as
 * plain text in the interface language, lists joined with `|` (or with U+001F when a value holds a
 * `|`), `true` sent as an empty value and `false`/`undefined` left out. Writes are POSTed as form
 * bodies with the token they need; a `badtoken` answer refreshes the token and retries once (a
 * session may have been renewed in another tab).
 */
export class ActionApi {
  readonly wiki: string;
  readonly #path: string;
  readonly #language: () => string;
  readonly #tokens = new Map<TokenType, Promise<string>>();

  constructor(wiki: string, language: () => string) {
    this.wiki = wiki;
    this.#path = `/${encodeURIComponent(wiki)}/w/api.php`;
    this.#language = language;
  }

  async get(params: Params, init: { signal?: AbortSignal } = {}): Promise<Record<string, unknown>> {
    const query = encodeParams(this.#withDefaults(params));
    return this.#send(`${this.#path}?${query}`, { method: 'GET', signal: init.signal ?? null });
  }

  async post(params: Params, token?: TokenType): Promise<Record<string, unknown>> {
    const send = async () => {
      const body = this.#withDefaults(params);
      if (token) body[TOKEN_PARAM[token]] = await this.token(token);
      return this.#send(this.#path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: encodeParams(body),
      });
    };
    try {
      return await send();
    } catch (err) {
      if (!(token && err instanceof ApiError && err.code === 'badtoken')) throw err;
      this.#tokens.delete(token);
      return send();
    }
  }

  /** The token of a type for the current session, fetched once (meta=tokens). */
  token(type: TokenType): Promise<string> {
    let token = this.#tokens.get(type);
    if (!token) {
      token = this.get({ action: 'query', meta: 'tokens', type }).then((r) => {
        const tokens = (r.query as { tokens: Record<string, string> }).tokens;
        const value = tokens[`${type}token`];
        if (!value) throw new ApiError('wikiqueue-bad-response', `no ${type} token`);
        return value;
      });
      token.catch(() => this.#tokens.delete(type));
      this.#tokens.set(type, token);
    }
    return token;
  }

  /** Forgets the tokens: the session changed (sign in, sign out). */
  resetTokens(): void {
    this.#tokens.clear();
  }

  #withDefaults(params: Params): Params {
    return {
      format: 'json',
      formatversion: 2,
      errorformat: 'plaintext',
      uselang: this.#language(),
      ...params,
    };
  }

  async #send(url: string, init: RequestInit): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, credentials: 'same-origin' });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError(NETWORK_ERROR, err instanceof Error ? err.message : String(err));
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new ApiError(`http-${response.status}`, response.statusText);
    }
    return actionResult(body);
  }
}

export function encodeParams(params: Params): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === false) continue;
    if (value === true) search.append(name, '');
    else if (Array.isArray(value)) {
      const parts = value.map(String);
      search.append(
        name,
        parts.some((p) => p.includes('|')) ? `\u001f${parts.join('\u001f')}` : parts.join('|'),
      );
    } else search.append(name, String(value));
  }
  return search.toString();
}

/**
 * A REST route of the server (`/page-queue`, `/public/…`): JSON in and out; a problem body
 * (`type`, `detail`) becomes an ApiError with the problem's type as its code.
 */
export async function restRequest(
  url: string,
  init: { method?: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string> } = {},
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  } catch (err) {
    throw new ApiError(NETWORK_ERROR, err instanceof Error ? err.message : String(err));
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = (body ?? {}) as { type?: string; detail?: string; title?: string };
    throw new ApiError(problem.type ?? `http-${response.status}`, problem.detail ?? problem.title ?? '');
  }
  return body;
}
