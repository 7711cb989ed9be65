import { fail, type ErrorCode } from '../../../../errors.ts';
import type { ApiModule } from '../module.ts';
import { authFail, authManagerParams, authPass, authStep } from './auth-manager.ts';

/** Login failures a client can act on, answered as `FAIL`. */
const loginFailCodes = new Set<ErrorCode>(['wrongpassword', 'login-throttled']);

/**
 * action=clientlogin (ApiClientLogin, AuthManager's password provider only): `username` and
 * `password` are AuthManager request fields, so they are not prefixed. Answers
 * `{status: 'PASS', username}` and opens the session, or `{status: 'FAIL', message, messagecode}`.
 */
export const clientloginModule: ApiModule = {
  name: 'clientlogin',
  description: 'Log in to the wiki using the interactive flow (username and password fields).',
  prefix: 'login',
  mustBePosted: true,
  needsToken: 'login',
  params: authManagerParams,
  async execute(ctx) {
    const { accounts } = ctx.services;
    const username = ctx.rawParam('username') ?? '';
    const password = ctx.rawParam('password') ?? '';
    ctx.hasParam('rememberMe');
    if (username === '' || password === '') return authFail(fail('authmanager-authn-no-primary'));
    return authStep(loginFailCodes, async () => {
      const { user, appId } = await accounts.login(ctx.wiki.id, username, password, ctx.ip);
      const session = await accounts.openSession(ctx.wiki.id, user.id, appId);
      if (ctx.actor.sessionId) await accounts.closeSession(ctx.actor.sessionId);
      ctx.setSession(session.id);
      return authPass(user.name);
    });
  },
};
