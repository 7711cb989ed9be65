import { fail } from '../../../../errors.ts';
import type { ApiModule } from '../module.ts';

/**
 * action=options (ApiOptions): `reset` clears every option the account set, then `change`
 * (`name=value` pairs; a pair without `=` resets that option) and `optionname`/`optionvalue`
 * apply. The result is the string `success`.
 */
export const optionsModule: ApiModule = {
  name: 'options',
  description: 'Change preferences of the current user. Only options set by the user can be reset.',
  mustBePosted: true,
  needsToken: 'csrf',
  isWrite: true,
  params: {
    reset: { type: 'boolean', description: 'Resets preferences to the site defaults.' },
    resetkinds: {
      type: 'enum',
      multi: true,
      values: [
        'all',
        'registered',
        'registered-checkmatrix',
        'registered-multiselect',
        'special',
        'unused',
        'userjs',
      ],
      default: 'all',
      description: 'List of types of options to reset when the reset option is set.',
    },
    change: {
      type: 'string',
      multi: true,
      description:
        'List of changes, formatted name=value (e.g. skin=vector). A name without a value resets it.',
    },
    optionname: {
      type: 'string',
      description: 'The name of the option that should be set to the value given by optionvalue.',
    },
    optionvalue: { type: 'string', description: 'The value for the option specified by optionname.' },
    global: {
      type: 'enum',
      values: ['ignore', 'override', 'update'],
      default: 'ignore',
      description: 'Accepted; there are no global preferences.',
    },
  },
  async execute(ctx, params) {
    const change = (params.change as string[] | undefined) ?? [];
    const optionName = params.optionname as string | undefined;
    if (!params.reset && change.length === 0 && optionName === undefined) {
      throw fail('missingparam-one-of', '"reset", "change", "optionname"');
    }
    if (ctx.actor.isAnonymous) throw fail('mustbeloggedin', 'change preferences');
    const changes: Record<string, string | null> = {};
    if (params.reset) {
      for (const name of Object.keys(await ctx.services.accounts.getOptions(ctx.actor))) changes[name] = null;
    }
    for (const pair of change) {
      const at = pair.indexOf('=');
      if (at < 0) changes[pair] = null;
      else changes[pair.slice(0, at)] = pair.slice(at + 1);
    }
    if (optionName !== undefined) changes[optionName] = (params.optionvalue as string | undefined) ?? null;
    await ctx.services.accounts.setOptions(ctx.actor, changes);
    return { body: 'success' };
  },
};
