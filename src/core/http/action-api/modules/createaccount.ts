import { fail, type ErrorCode } from '../../../../errors.ts';
import type { ApiModule } from '../module.ts';
import { authFail, authManagerParams, authPass, authStep } from './auth-manager.ts';

/** Service errors a client can fix, reported as `FAIL` like AuthManager does, instead of an API error. */
const failCodes = new Set<ErrorCode>([
  'userexists',
  'invalid-username',
  'passwordtooshort',
  'passwordtoolong',
  'password-substring-username-match',
  'password-login-forbidden',
  'passwordincommonlist',
  'createaccount-nocreate',
  'acct_creation_throttle_hit',
  'permissiondenied',
  'wiki-accounts-remote',
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
  params: authManagerParams,
  postedFields: ['password', 'retype'],
  async execute(ctx) {
    const username = ctx.rawParam('username') ?? '';
    const password = ctx.rawParam('password') ?? '';
    const retype = ctx.rawParam('retype');
    const email = ctx.rawParam('email');
    ctx.hasParam('realname');
    if (username === '') return authFail(fail('missingparam', 'username'));
    if (password === '') return authFail(fail('missingparam', 'password'));
    if (retype !== undefined && retype !== password) return authFail(fail('badretype'));
    return authStep(failCodes, async () => {
      const user = await ctx.services.accounts.createAccount(ctx.wiki.id, username, password, {
        creator: ctx.actor,
        ...(email ? { email } : {}),
      });
      return authPass(user.name);
    });
  },
};
