import { TOKEN_TYPES, type TokenType } from '../../../accounts/accounts.ts';
import type { QueryModule } from '../module.ts';

/**
 * meta=tokens (ApiQueryTokens): `{<type>token: …}` for each requested type, csrf by default. A
 * visitor asking for a login or createaccount token without a cookie gets a new visitor cookie (the
 * token is bound to its random value; nothing is stored), and the dispatcher sets it.
 */
export const tokensModule: QueryModule = {
  name: 'tokens',
  kind: 'meta',
  prefix: '',
  description: 'Gets tokens for data-modifying actions.',
  params: {
    type: {
      type: 'enum',
      multi: true,
      values: TOKEN_TYPES,
      default: 'csrf',
      description: 'Types of token to request.',
    },
  },
  async execute(ctx, params, _pages, out) {
    const types = ((params.type as string[] | undefined) ?? []).filter((t): t is TokenType =>
      (TOKEN_TYPES as readonly string[]).includes(t),
    );
    let actor = ctx.actor;
    const accounts = ctx.services.accounts;
    if (actor.isAnonymous && types.some((t) => t === 'login' || t === 'createaccount')) {
      const ensured = accounts.ensureSession(actor);
      if (ensured.cookie) ctx.setSession(ensured.cookie);
      actor = ensured.actor;
    }
    const tokens: Record<string, string> = {};
    for (const type of types) tokens[`${type}token`] = accounts.token(actor, type);
    out.setQueryValue('tokens', tokens);
  },
};
