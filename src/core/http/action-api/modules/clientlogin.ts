import { fail, type ErrorCode } from '../../../../errors.ts';
import type { ApiModule } from '../module.ts';
import { authFail, authManagerParams, authPass, authStep } from './auth-manager.ts';

/** Login failures a client can act on, answered as `FAIL`. */
const loginFailCodes = new Set<ErrorCode>(['wrongpassword', 'login-throttled', 'wiki-login-unsupported']);

/**
 * action=clientlogin (ApiClientLogin, AuthManager's password provider only): `username` and
 * `password` are AuthManager request fields, so they are not prefixed. Answers
 * `{status: 'PASS', username}` and opens the session, or `{status: 'FAIL', message, messagecode}`.
 * Bot passwords are refused, as in MediaWiki (they log in through action=login only): "Name@App"
 * is no account's name. `rememberMe` (RememberMeAuthenticationRequest) makes the session last
 * auth.rememberedSessionTtl with a cookie of that age; without it the cookie ends with the browser.
 */
export const clientloginModule: ApiModule = {
  name: 'clientlogin',
  description: 'Log in to the wiki using the interactive flow (username and password fields).',
  prefix: 'login',
  mustBePosted: true,
  needsToken: 'login',
  params: authManagerParams,
  postedFields: ['password'],
  async execute(ctx) {
    const { accounts } = ctx.services;
    const username = ctx.rawParam('username') ?? '';
    const password = ctx.rawParam('password') ?? '';
    const remember = isChecked(ctx.rawParam('rememberMe'));
    if (username === '' || password === '') return authFail(fail('authmanager-authn-no-primary'));
    return authStep(loginFailCodes, async () => {
      const { user, wikiCredential, wikiRights } = await accounts.login(
        ctx.wiki.id,
        username,
        password,
        ctx.ip,
        { botPasswords: false, remember },
      );
      const session = await accounts.openSession(ctx.wiki.id, user.id, '', {
        remember,
        wikiCredential,
        wikiRights,
      });
      if (ctx.actor.sessionId) await accounts.closeSession(ctx.actor.sessionId);
      ctx.setSession(session.cookie);
      return authPass(user.name);
    });
  },
};

/** An AuthManager checkbox field: set unless absent, empty or "0" (PHP's `!empty()`). */
function isChecked(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0';
}
