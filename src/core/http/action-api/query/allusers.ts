import { toIsoTimestamp } from '../../../domain/clock.ts';
import { standardLimit } from './param-values.ts';
import {
  ALL_RIGHTS,
  GROUP_PERMISSIONS,
  IMPLICIT_GROUPS,
  implicitGroups,
  rightsForGroups,
} from '../../../domain/rights.ts';
import { normalizeUserName } from '../../../domain/user-names.ts';
import type { User } from '../../../domain/wiki.ts';
import { coreSettingsOf } from '../../../domain/wiki-settings.ts';
import type { ApiRequestContext, QueryModule } from '../module.ts';
import { blockDetails } from '../../../domain/block-info.ts';

/** MediaWiki's $wgActiveUserDays: auactiveusers counts actions within this window. */
const ACTIVE_USER_DAYS = 30;

/**
 * list=allusers (ApiQueryAllUsers). Continuation is `aufrom` = the name of the next user, as in
 * MediaWiki. `aurights` becomes the explicit groups holding those rights (a right every account
 * has through `*` or `user` filters nothing). `auactiveusers` counts recent changes within
 * ACTIVE_USER_DAYS (MediaWiki uses the same table) and adds `recentactions`.
 */
export const allusersModule: QueryModule = {
  name: 'allusers',
  kind: 'list',
  prefix: 'au',
  description: 'Enumerate all registered users.',
  params: {
    from: { type: 'user', description: 'The user name to start enumerating from.' },
    to: { type: 'user', description: 'The user name to stop enumerating at.' },
    prefix: { type: 'string', description: 'Search for all users that begin with this value.' },
    dir: {
      type: 'enum',
      description: 'Direction to sort in.',
      values: ['ascending', 'descending'],
      default: 'ascending',
    },
    group: {
      type: 'enum',
      multi: true,
      values: Object.keys(GROUP_PERMISSIONS),
      description: 'Only include users in the given groups.',
    },
    excludegroup: {
      type: 'enum',
      multi: true,
      values: Object.keys(GROUP_PERMISSIONS),
      description: 'Exclude users in the given groups.',
    },
    rights: {
      type: 'enum',
      multi: true,
      values: ALL_RIGHTS,
      description: 'Only include users with the given rights.',
    },
    prop: {
      type: 'enum',
      multi: true,
      values: ['blockinfo', 'groups', 'implicitgroups', 'rights', 'editcount', 'registration', 'centralids'],
      description: 'Which pieces of information to include.',
    },
    limit: standardLimit('How many total user names to return.'),
    witheditsonly: { type: 'boolean', description: 'Only list users who have made edits.' },
    activeusers: { type: 'boolean', description: 'Only list users active in the last 30 days.' },
  },
  async execute(ctx, params, _pages, out) {
    const props = new Set((params.prop as string[] | undefined) ?? []);
    const limit = params.limit as number;
    const dir = (params.dir as string | undefined) === 'descending' ? 'descending' : 'ascending';
    let groups = (params.group as string[] | undefined) ?? [];
    const rightsWanted = (params.rights as string[] | undefined) ?? [];
    if (rightsWanted.length) {
      const everyone = IMPLICIT_GROUPS.some((g) =>
        rightsWanted.some((r) => GROUP_PERMISSIONS[g]?.includes(r)),
      );
      if (!everyone) {
        const holders = Object.keys(GROUP_PERMISSIONS).filter((g) =>
          rightsWanted.some((r) => GROUP_PERMISSIONS[g]?.includes(r)),
        );
        groups = [...new Set([...groups, ...holders])];
        if (groups.length === 0) return;
      }
    }
    const excludeGroups = (params.excludegroup as string[] | undefined) ?? [];
    const to = normalizeName(params.to as string | undefined);
    const activeOnly = params.activeusers === true;
    const settings = coreSettingsOf(ctx.wiki).autoconfirm;

    let from = normalizeName(params.from as string | undefined);
    const prefix = normalizeName(params.prefix as string | undefined);
    const chosen: { user: User; recent: number }[] = [];
    let skip: string | undefined;
    for (;;) {
      const batch = await ctx.services.store.users.list(ctx.wiki.id, {
        from,
        prefix,
        groups: groups.length ? groups : undefined,
        excludeGroups: excludeGroups.length ? excludeGroups : undefined,
        withEditsOnly: params.witheditsonly === true,
        dir,
        limit: limit + 1,
        now: ctx.now,
      });
      let stop = false;
      for (const user of batch) {
        if (user.name === skip) continue;
        if (to !== undefined && (dir === 'ascending' ? user.name > to : user.name < to)) {
          stop = true;
          break;
        }
        const recent = activeOnly ? await recentActions(ctx, user.name) : 0;
        if (activeOnly && recent === 0) continue;
        chosen.push({ user, recent });
        if (chosen.length > limit) break;
      }
      const last = batch[batch.length - 1];
      if (stop || chosen.length > limit || batch.length < limit + 1 || !last) break;
      from = last.name;
      skip = last.name;
    }
    if (chosen.length > limit) {
      const next = chosen[limit];
      if (next) out.setContinue('aufrom', next.user.name);
      chosen.length = limit;
    }
    for (const { user, recent } of chosen) {
      const item: Record<string, unknown> = { userid: user.id, name: user.name };
      if (props.has('blockinfo')) {
        const block = await ctx.services.store.blocks.activeForUser(ctx.wiki.id, user.id, ctx.now);
        if (block) Object.assign(item, blockDetails(block));
      }
      if (props.has('editcount')) item.editcount = user.editCount;
      if (props.has('registration'))
        item.registration = user.registration === null ? '' : toIsoTimestamp(user.registration);
      const implicit = implicitGroups(user, ctx.now, settings);
      const effective = [...implicit, ...user.groups.filter((g) => !implicit.includes(g))];
      if (props.has('groups')) item.groups = effective;
      if (props.has('implicitgroups')) item.implicitgroups = implicit;
      if (props.has('rights')) item.rights = [...rightsForGroups(effective)];
      if (props.has('centralids')) item.centralids = { local: user.id };
      if (activeOnly) item.recentactions = recent;
      if (!out.appendQueryList('allusers', item)) {
        out.setContinue('aufrom', user.name);
        break;
      }
    }
  },
};

/** A user-name bound (aufrom, auto, auprefix) in canonical form; partial names keep their spelling otherwise. */
function normalizeName(v: string | undefined): string | undefined {
  if (v === undefined || v === '') return undefined;
  return normalizeUserName(v) ?? v.replace(/[_\s]+/g, ' ').trim();
}

async function recentActions(ctx: ApiRequestContext, name: string): Promise<number> {
  const rows = await ctx.services.store.recentChanges.list(ctx.wiki.id, {
    actorName: name,
    start: ctx.now,
    end: ctx.now - ACTIVE_USER_DAYS * 86400,
    dir: 'older',
    limit: 5000,
  });
  return rows.length;
}
