import { toIsoTimestamp } from '../../../domain/clock.ts';
import { ASSIGNABLE_GROUPS, IMPLICIT_GROUPS } from '../../../domain/rights.ts';
import type { ApiRequestContext, QueryModule } from '../module.ts';
import { blockDetails } from '../../../domain/block-info.ts';
import { defaultUserOptions } from './default-options.ts';

/** Echo caps the unread count it reports (MWEchoNotifUser::MAX_BADGE_COUNT). */
const MAX_UNREAD = 99;

/**
 * meta=userinfo (ApiQueryUserInfo): who the request runs as. Visitors get `id: 0`, their IP as
 * `name` and `anon`; account-only fields (editcount, registrationdate, email, options…) are left out
 * for them, as MediaWiki does. `latestcontrib` is the time of the account's latest revision;
 * `ratelimits` the configured `rateLimits` that concern the user (none with `noratelimit`).
 */
export const userinfoModule: QueryModule = {
  name: 'userinfo',
  kind: 'meta',
  prefix: 'ui',
  description: 'Get information about the current user.',
  params: {
    prop: {
      type: 'enum',
      multi: true,
      description: 'Which pieces of information to include.',
      values: [
        'blockinfo',
        'hasmsg',
        'groups',
        'groupmemberships',
        'implicitgroups',
        'rights',
        'changeablegroups',
        'options',
        'editcount',
        'ratelimits',
        'theoreticalratelimits',
        'email',
        'realname',
        'acceptlang',
        'registrationdate',
        'unreadcount',
        'centralids',
        'latestcontrib',
        'cancreateaccount',
      ],
    },
    attachedwiki: {
      type: 'string',
      description: 'With uiprop=centralids, indicate whether the user is attached to this wiki.',
    },
  },
  async execute(ctx, params, _pages, out) {
    const props = new Set((params.prop as string[] | undefined) ?? []);
    const actor = ctx.actor;
    const registered = !actor.isAnonymous && actor.userId > 0;
    const info: Record<string, unknown> = { id: registered ? actor.userId : 0, name: actor.name };
    if (!registered) info.anon = true;
    const store = ctx.services.store;
    const wiki = ctx.wiki.id;

    if (props.has('blockinfo') && actor.block) Object.assign(info, blockDetails(actor.block));
    if (props.has('hasmsg')) info.messages = registered ? await hasNewTalkMessage(ctx) : false;
    if (props.has('groups')) info.groups = [...actor.groups];
    if (props.has('groupmemberships')) {
      const memberships = registered
        ? await store.users.groupMemberships(wiki, [actor.userId], ctx.now)
        : new Map();
      info.groupmemberships = (memberships.get(actor.userId) ?? []).map(
        (m: { group: string; expiry: number | null }) => ({
          group: m.group,
          expiry: m.expiry === null ? 'infinity' : toIsoTimestamp(m.expiry),
        }),
      );
    }
    if (props.has('implicitgroups'))
      info.implicitgroups = actor.groups.filter((g) => IMPLICIT_GROUPS.includes(g));
    if (props.has('rights')) info.rights = [...actor.rights].sort();
    if (props.has('changeablegroups')) {
      const all = actor.rights.has('userrights') ? [...ASSIGNABLE_GROUPS] : [];
      info.changeablegroups = { add: all, remove: all, 'add-self': [], 'remove-self': [] };
    }
    if (props.has('options')) {
      const stored = registered ? await store.users.getOptions(wiki, actor.userId) : {};
      info.options = { ...defaultUserOptions(ctx.wiki.lang, ctx.services.preferences), ...stored };
    }
    if (props.has('editcount') && registered) info.editcount = actor.editCount;
    if (props.has('ratelimits')) info.ratelimits = ctx.services.rateLimiter.limitsOf(actor);
    if (props.has('theoreticalratelimits'))
      info.theoreticalratelimits = ctx.services.rateLimiter.limitsOf(actor, true);
    if (props.has('email') && registered) {
      const user = await store.users.getById(wiki, actor.userId);
      info.email = user?.email ?? '';
    }
    if (props.has('realname') && registered) info.realname = '';
    if (props.has('acceptlang')) info.acceptlang = [];
    if (props.has('registrationdate') && registered) {
      info.registrationdate = actor.registration === null ? null : toIsoTimestamp(actor.registration);
    }
    if (props.has('unreadcount') && registered) {
      const n = await store.notifications.countUnread(wiki, actor.userId);
      info.unreadcount = n > MAX_UNREAD ? `${MAX_UNREAD}+` : n;
    }
    if (props.has('centralids')) {
      info.centralids = { local: registered ? actor.userId : 0 };
      info.attachedlocal = { local: registered };
    }
    if (props.has('latestcontrib') && registered) {
      const [latest] = await store.revisions.listContributions(wiki, {
        users: [actor.name],
        dir: 'older',
        limit: 1,
      });
      if (latest) info.latestcontrib = toIsoTimestamp(latest.revision.timestamp);
    }
    if (props.has('cancreateaccount')) {
      info.cancreateaccount = actor.rights.has('createaccount') && !(actor.block && actor.block.noCreate);
    }
    out.setQueryValue('userinfo', info);
  },
};

/** "You have new messages": an unread Echo notification about an edit to the user's talk page. */
async function hasNewTalkMessage(ctx: ApiRequestContext): Promise<boolean> {
  const unread = await ctx.services.store.notifications.listForUser(ctx.wiki.id, ctx.actor.userId, {
    unreadOnly: true,
    limit: 50,
  });
  return unread.some((n) => n.eventType === 'edit-user-talk');
}
