import { blockDetails } from '../../../domain/block-info.ts';
import { toIsoTimestamp } from '../../../domain/clock.ts';
import { implicitGroups, rightsForGroups } from '../../../domain/rights.ts';
import { isCreatableUserName, normalizeUserName } from '../../../domain/user-names.ts';
import type { Block, User } from '../../../domain/wiki.ts';
import { coreSettingsOf } from '../../../domain/wiki-settings.ts';
import type { ApiRequestContext, QueryModule } from '../module.ts';
import { defaultUserOptions } from './default-options.ts';

/**
 * list=users (ApiQueryUsers): information about the accounts named in `ususers` or numbered in
 * `ususerids`. A value that cannot name an account — an IP address included, as UserNameUtils'
 * RIGOR_VALID has it — is `{name, invalid}` as typed; a valid name or id without an account is
 * `missing`. Invalid entries come first, then the others in request order. When the result is
 * full, `ususers`/`ususerids` continues with the values not yet answered.
 */
export const usersModule: QueryModule = {
  name: 'users',
  kind: 'list',
  prefix: 'us',
  description: 'Get information about a list of users.',
  params: {
    prop: {
      type: 'enum',
      multi: true,
      values: [
        'blockinfo',
        'groups',
        'groupmemberships',
        'implicitgroups',
        'rights',
        'editcount',
        'registration',
        'emailable',
        'gender',
        'centralids',
        'cancreate',
      ],
      description: 'Which pieces of information to include.',
    },
    attachedwiki: {
      type: 'string',
      description: 'With usprop=centralids, indicate whether the user is attached to this wiki.',
    },
    users: { type: 'string', multi: true, description: 'A list of users to obtain information for.' },
    userids: { type: 'integer', multi: true, description: 'A list of user IDs to obtain information for.' },
  },
  async execute(ctx, params, _pages, out) {
    const props = new Set((params.prop as string[] | undefined) ?? []);
    const names = (params.users as string[] | undefined) ?? [];
    const ids = (params.userids as number[] | undefined) ?? [];
    const store = ctx.services.store;
    const wiki = ctx.wiki.id;

    const invalid: Entry[] = [];
    const valid: string[] = [];
    for (const raw of names) {
      const name = normalizeUserName(raw);
      if (name === null) invalid.push({ param: 'ususers', key: raw, item: { name: raw, invalid: true } });
      else valid.push(name);
    }
    const byName = new Map(
      (await store.users.getManyByNames(wiki, [...new Set(valid)])).map((u) => [u.name, u]),
    );
    const byId = new Map(
      (await store.users.getManyByIds(wiki, [...new Set(ids)], ctx.now)).map((u) => [u.id, u]),
    );
    const details = await loadDetails(ctx, props, [...byName.values(), ...byId.values()]);

    const entries: Entry[] = [...invalid];
    for (const name of valid) {
      const user = byName.get(name);
      const item = user
        ? describeUser(ctx, props, user, details)
        : {
            name,
            missing: true,
            ...(props.has('cancreate') ? { cancreate: isCreatableUserName(name) } : {}),
          };
      entries.push({ param: 'ususers', key: name, item });
    }
    for (const id of ids) {
      const user = byId.get(id);
      const item = user ? describeUser(ctx, props, user, details) : { userid: id, missing: true };
      entries.push({ param: 'ususerids', key: String(id), item });
    }
    for (const [i, entry] of entries.entries()) {
      if (out.appendQueryList('users', entry.item)) continue;
      for (const param of ['ususers', 'ususerids'] as const) {
        const rest = entries.slice(i).filter((e) => e.param === param);
        if (rest.length) out.setContinue(param, rest.map((e) => e.key).join('|'));
      }
      return;
    }
  },
};

/** One answer, and the request value it answers (what a continuation repeats). */
interface Entry {
  param: 'ususers' | 'ususerids';
  key: string;
  item: Record<string, unknown>;
}

interface UserDetails {
  blocks: Map<number, Block>;
  memberships: Map<number, { group: string; expiry: number | null }[]>;
  options: Map<number, Record<string, string>>;
}

async function loadDetails(
  ctx: ApiRequestContext,
  props: ReadonlySet<string>,
  users: User[],
): Promise<UserDetails> {
  const store = ctx.services.store;
  const wiki = ctx.wiki.id;
  const userIds = [...new Set(users.map((u) => u.id))];
  const options = new Map<number, Record<string, string>>();
  if (props.has('emailable') || props.has('gender')) {
    for (const id of userIds) options.set(id, await store.users.getOptions(wiki, id));
  }
  return {
    blocks: props.has('blockinfo') ? await store.blocks.activeForUsers(wiki, userIds, ctx.now) : new Map(),
    memberships: props.has('groupmemberships')
      ? await store.users.groupMemberships(wiki, userIds, ctx.now)
      : new Map(),
    options,
  };
}

function describeUser(
  ctx: ApiRequestContext,
  props: ReadonlySet<string>,
  user: User,
  details: UserDetails,
): Record<string, unknown> {
  const item: Record<string, unknown> = { userid: user.id, name: user.name };
  if (props.has('editcount')) item.editcount = user.editCount;
  if (props.has('registration'))
    item.registration = user.registration === null ? null : toIsoTimestamp(user.registration);
  const implicit = implicitGroups(user, ctx.now, coreSettingsOf(ctx.wiki).autoconfirm);
  const effective = [...implicit, ...user.groups.filter((g) => !implicit.includes(g))];
  if (props.has('groups')) item.groups = effective;
  if (props.has('groupmemberships')) {
    item.groupmemberships = (details.memberships.get(user.id) ?? []).map((m) => ({
      group: m.group,
      expiry: m.expiry === null ? 'infinity' : toIsoTimestamp(m.expiry),
    }));
  }
  if (props.has('implicitgroups')) item.implicitgroups = implicit;
  if (props.has('rights')) item.rights = [...rightsForGroups(effective)];
  const block = details.blocks.get(user.id);
  if (props.has('blockinfo') && block) Object.assign(item, blockDetails(block));
  const options = {
    ...defaultUserOptions(ctx.wiki.lang, ctx.services.preferences),
    ...details.options.get(user.id),
  };
  if (props.has('emailable') && user.email !== '' && options.disablemail !== '1') item.emailable = true;
  if (props.has('gender'))
    item.gender = options.gender === 'male' || options.gender === 'female' ? options.gender : 'unknown';
  if (props.has('centralids')) item.centralids = { local: user.id };
  return item;
}
