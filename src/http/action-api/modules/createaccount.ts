import { isWikiqueueError } from '../../../errors.ts';
import type { ApiModule } from '../module.ts';

/** Service errors a client can fix, reported as `FAIL` like AuthManager does, instead of an API error. */
const failCodes = new Set([
  'userexists',
  'invalid-username',
  'password-too-short',
  'createaccount-nocreate',
  'permissiondenied',
  'badretype',
  'passwordtoocommon',
  'password-name-match',
  'password-login-forbidden',
]);

/**
 * action=createaccount (ApiAMCreateAccount, password provider only). `username`, `password`,
 * `retype`, `email` and `realname` are AuthManager fields, so unprefixed. Creating an account
 * does not log in (the API never does). Answers `{status: 'PASS', username}` or
 * `{status: 'FAIL', message, messagecode}`.
 */
export const createaccountModule: ApiModule = {
  name: 'createaccount',
  description: 'Create a new user account.',
  prefix: 'create',
  mustBePosted: true,
  needsToken: 'createaccount',
  isWrite: true,
  params: {
    returnurl: { type: 'string', description: 'Return URL for third-party flows (accepted, not used).' },
    continue: { type: 'boolean', description: 'Continue a UI or REDIRECT response (not needed here).' },
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
    preservestate: { type: 'boolean', description: 'Preserve state from a previous failed attempt.' },
  },
  async execute(ctx) {
    const username = ctx.rawParam('username') ?? '';
    const password = ctx.rawParam('password') ?? '';
    const retype = ctx.rawParam('retype');
    const email = ctx.rawParam('email');
    ctx.hasParam('realname');
    if (username === '' || password === '') {
      return {
        body: {
          status: 'FAIL',
          message: 'The "username" and "password" fields must be set.',
          messagecode: 'missingparam',
        },
      };
    }
    if (retype !== undefined && retype !== password) {
      return {
        body: {
          status: 'FAIL',
          message: 'The passwords you entered do not match.',
          messagecode: 'badretype',
        },
      };
    }
    try {
      const user = await ctx.services.accounts.createAccount(ctx.wiki.id, username, password, {
        creator: ctx.actor,
        ...(email ? { email } : {}),
      });
      return { body: { status: 'PASS', username: user.name } };
    } catch (e) {
      if (isWikiqueueError(e) && failCodes.has(e.code)) {
        return { body: { status: 'FAIL', message: e.message, messagecode: e.code } };
      }
      throw e;
    }
  },
};
