import { ApiError, NETWORK_ERROR } from './api-error.ts';
import { hasMessage, msg } from '../i18n/i18n.ts';

/**
 * What to tell the user about a failed request, in the interface language: the interface's own
 * message for the error code (`wikiqueue-apierror-<code>`) when it has one, else the server's text
 * (in `uselang`, which the server renders in the languages it has), else a generic message.
 */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === NETWORK_ERROR) return msg('wikiqueue-error-network');
    const key = `wikiqueue-apierror-${err.code}`;
    if (hasMessage(key)) return msg(key);
    if (err.text) return err.text;
    return msg('wikiqueue-error-generic', err.code);
  }
  return msg('wikiqueue-error-generic', err instanceof Error ? err.message : String(err));
}
