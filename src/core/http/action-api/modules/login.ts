import { isWikiqueueError, warning } from '../../../../errors.ts';
import type { ApiModule } from '../module.ts';

/**
 * action=login (ApiLogin): the NeedToken → token → Success/Failed flow. Without `lgtoken` the
 * answer is `NeedToken` with a login token bound to a (new, visitor) session; a token that does
 * not match is `WrongToken`; good credentials open a session for the account (a bot password
 * "Name@App" or a main password, both accepted here) and answer `Success`; bad ones answer
 * `Failed` with the reason. A session opened here is not remembered (action=login has no
 * `rememberMe`): its cookie ends with the browser.
 */
export const loginModule: ApiModule = {
  name: 'login',
  description:
    'Log in and get authentication cookies. Use with bot passwords ("Name@AppId") or a main account password.',
  prefix: 'lg',
  mustBePosted: true,
  params: {
    name: { type: 'user', description: 'User name.' },
    password: { type: 'password', sensitive: true, description: 'Password.' },
    domain: { type: 'string', description: 'Domain (optional; ignored).' },
    token: {
      type: 'string',
      sensitive: true,
      description: 'A "login" token retrieved from action=query&meta=tokens.',
    },
  },
  async execute(ctx, params) {
    const { accounts } = ctx.services;
    const token = params.token as string | undefined;
    if (token === undefined || token === '') {
      const { actor, cookie } = accounts.ensureSession(ctx.actor);
      if (cookie) ctx.setSession(cookie);
      ctx.warn('login', warning('deprecation-login-token'));
      return {
        body: { result: 'NeedToken', token: accounts.token(actor, 'login'), sessionid: actor.sessionId },
      };
    }
    if (!accounts.verifyToken(ctx.actor, 'login', token)) return { body: { result: 'WrongToken' } };
    const name = (params.name as string | undefined) ?? '';
    const password = (params.password as string | undefined) ?? '';
    try {
      const { user, appId, wikiCredential, wikiRights } = await accounts.login(
        ctx.wiki.id,
        name,
        password,
        ctx.ip,
      );
      const session = await accounts.openSession(ctx.wiki.id, user.id, appId, { wikiCredential, wikiRights });
      if (ctx.actor.sessionId) await accounts.closeSession(ctx.actor.sessionId);
      ctx.setSession(session.cookie);
      return { body: { result: 'Success', lguserid: user.id, lgusername: user.name } };
    } catch (e) {
      if (isWikiqueueError(e) && (e.code === 'wrongpassword' || e.code === 'login-throttled')) {
        return { body: { result: 'Failed', reason: e.message } };
      }
      throw e;
    }
  },
};
