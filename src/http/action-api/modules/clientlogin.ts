import { isWikiqueueError } from '../../../errors.ts';
import type { ApiModule } from '../module.ts';

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
  params: {
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
      description: 'Preserve state from a previous failed login attempt, if possible.',
    },
  },
  async execute(ctx) {
    const { accounts } = ctx.services;
    const username = ctx.rawParam('username') ?? '';
    const password = ctx.rawParam('password') ?? '';
    ctx.hasParam('rememberMe');
    if (username === '' || password === '') {
      return {
        body: {
          status: 'FAIL',
          message: 'The supplied credentials could not be authenticated.',
          messagecode: 'authmanager-authn-no-primary',
        },
      };
    }
    try {
      const { user, appId } = await accounts.login(ctx.wiki.id, username, password, ctx.ip);
      const session = await accounts.openSession(ctx.wiki.id, user.id, appId);
      if (ctx.actor.sessionId) await accounts.closeSession(ctx.actor.sessionId);
      ctx.setSession(session.id);
      return { body: { status: 'PASS', username: user.name } };
    } catch (e) {
      if (isWikiqueueError(e) && (e.code === 'wrongpassword' || e.code === 'login-throttled')) {
        return { body: { status: 'FAIL', message: e.message, messagecode: e.code } };
      }
      throw e;
    }
  },
};
