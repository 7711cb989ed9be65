import { hasMessage, msg } from '../i18n/i18n.ts';

/**
 * A refused sign-in or account creation in the interface language: the interface's message for the
 * server's `messagecode` (wrong password, throttled, name taken, weak password…) when it has one,
 * else the server's own message.
 */
export function authFailureMessage(outcome: { code: string; message: string }): string {
  const key = `wikiqueue-apierror-${outcome.code}`;
  if (hasMessage(key)) return msg(key);
  return outcome.message || msg('wikiqueue-error-generic', outcome.code);
}
