import { isWikiqueueError, type ErrorCode, type WikiqueueError } from '../../../../errors.ts';
import type { ApiResult, ParamSpecs } from '../module.ts';

/**
 * The standard parameters of the AuthManager modules (ApiAuthManagerHelper::getStandardParams):
 * clientlogin and createaccount accept them; with the password provider alone there are no
 * UI/REDIRECT steps or other requests for them to change.
 */
export const authManagerParams: ParamSpecs = {
  returnurl: {
    type: 'string',
    description: 'Return URL for third-party authentication flows (accepted, not used).',
  },
  continue: {
    type: 'boolean',
    description: 'Continue a UI or REDIRECT response (not needed: there are no such steps).',
  },
  requests: { type: 'string', multi: true, description: 'Only use these authentication requests.' },
  messageformat: {
    type: 'enum',
    values: ['html', 'wikitext', 'raw', 'none'],
    default: 'wikitext',
    description: 'Format to use for returning messages.',
  },
  mergerequestfields: {
    type: 'boolean',
    description: 'Merge field information for all authentication requests into one array.',
  },
  preservestate: {
    type: 'boolean',
    description: 'Preserve state from a previous failed attempt, if possible.',
  },
};

/** An AuthenticationResponse that passed: `{status: 'PASS', username}`. */
export function authPass(username: string): ApiResult {
  return { body: { status: 'PASS', username } };
}

/** An AuthenticationResponse that failed with a catalogued error: `{status: 'FAIL', message, messagecode}`. */
export function authFail(error: WikiqueueError): ApiResult {
  return { body: { status: 'FAIL', message: error.message, messagecode: error.code } };
}

/**
 * Runs an AuthManager step: catalogued errors whose code is in `failCodes` (ones the client can
 * fix) answer as a `FAIL` response, as AuthManager does, instead of an API error.
 */
export async function authStep(
  failCodes: ReadonlySet<ErrorCode>,
  step: () => Promise<ApiResult>,
): Promise<ApiResult> {
  try {
    return await step();
  } catch (e) {
    if (isWikiqueueError(e) && failCodes.has(e.code)) return authFail(e);
    throw e;
  }
}
