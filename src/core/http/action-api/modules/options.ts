import { fail, warning, type Warning } from '../../../../errors.ts';
import type { ApiModule } from '../module.ts';
import { defaultUserOptions } from '../query/default-options.ts';

/**
 * Why ApiOptions would not store a change of `name`, or null when it would: a registered
 * preference (one with a default, the subsystems' included), or a `userjs-` one (free for user scripts) of at most 255 bytes of `[a-zA-Z0-9_-]`.
 * Anything else is "not a valid preference", and is not stored.
 */
function refusalOf(name: string, registered: Readonly<Record<string, unknown>>): Warning | null {
  if (Object.hasOwn(registered, name)) return null;
  if (!name.startsWith('userjs-')) return warning('validationfailed-badpref', name);
  if (Buffer.byteLength(name, 'utf8') > 255) return warning('validationfailed-keytoolong', name, 255);
  if (/[^a-zA-Z0-9_-]/.test(name)) return warning('validationfailed-badchars', name);
  return null;
}

/**
 * action=options (ApiOptions): `reset` clears every option the account set, then `change`
 * (`name=value` pairs; a pair without `=` resets that option) and `optionname`/`optionvalue`
 * apply. A change of a name that is no preference is not stored and warns `validationfailed`, as
 * ApiOptions does. The result is the string `success`.
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
    const registered = defaultUserOptions('en', ctx.services.preferences);
    for (const name of Object.keys(changes)) {
      // A reset by `reset` clears whatever the account has stored, known or not.
      if (params.reset && changes[name] === null) continue;
      const refusal = refusalOf(name, registered);
      if (refusal === null) continue;
      ctx.warn('options', refusal);
      delete changes[name];
    }
    await ctx.services.accounts.setOptions(ctx.actor, changes);
    return { body: 'success' };
  },
};
