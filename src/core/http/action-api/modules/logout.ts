import type { ApiModule } from '../module.ts';

/** action=logout (ApiLogout): closes the session and clears the cookie; the result is empty. */
export const logoutModule: ApiModule = {
  name: 'logout',
  description: 'Log out and clear session data.',
  mustBePosted: true,
  needsToken: 'csrf',
  params: {},
  async execute(ctx) {
    if (ctx.actor.sessionId) await ctx.services.accounts.closeSession(ctx.actor.sessionId);
    ctx.setSession(null);
    return {};
  },
};
