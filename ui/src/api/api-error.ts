/**
 * An error the server answered with: the Action API's error envelope (`errorformat=plaintext`:
 * code + text) or a REST problem body (type + detail). `code` is the catalogued code (docs/errors.md);
 * the interface shows its own translation of a code when it has one, else the server's text.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly text: string;
  readonly data: Record<string, unknown> | undefined;

  constructor(code: string, text: string, data?: Record<string, unknown>) {
    super(`${code}: ${text}`);
    this.name = 'ApiError';
    this.code = code;
    this.text = text;
    this.data = data;
  }
}

/** A request that never got an answer (the server is down, the network dropped). */
export const NETWORK_ERROR = 'wikiqueue-network-error';

/** Reads an Action API response body: the result, or the first error as an ApiError. */
export function actionResult(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null) throw new ApiError('wikiqueue-bad-response', String(body));
  const result = body as Record<string, unknown>;
  const errors = result.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const first = errors[0] as { code?: string; text?: string; data?: Record<string, unknown> };
    throw new ApiError(first.code ?? 'unknown', first.text ?? '', first.data);
  }
  const error = result.error as { code?: string; info?: string } | undefined;
  if (error) throw new ApiError(error.code ?? 'unknown', error.info ?? '');
  return result;
}
