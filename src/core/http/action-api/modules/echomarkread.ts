import { fail } from '../../../../errors.ts';
import type { ApiModule } from '../module.ts';

/** Echo caps the badge count (MWEchoNotifUser::MAX_BADGE_COUNT); above it the count reads "99+". */
const MAX_BADGE_COUNT = 99;

/** The section of each notification type, as meta=notifications files them (Echo's default is alert). */
const MESSAGE_TYPES = new Set(['pagetriage-mark-as-reviewed']);

/**
 * action=echomarkread (Echo's ApiEchoMarkRead): marks the current user's notifications read — the
 * ids in `list`, every one (`all`), or every one of some `sections` — and those in `unreadlist`
 * unread again. Answers the user's unread count afterwards: `{result: 'success', count, rawcount}`
 * (`count` reads "99+" above Echo's badge cap). Only the current wiki's notifications exist, so
 * `wikis` adds nothing.
 */
export const echomarkreadModule: ApiModule = {
  name: 'echomarkread',
  description: 'Mark notifications as read for the current user.',
  mustBePosted: true,
  needsToken: 'csrf',
  isWrite: true,
  ignoresBlocks: true,
  params: {
    wikis: {
      type: 'string',
      multi: true,
      description: 'List of wikis to mark notifications as read (only the current wiki is served).',
    },
    list: { type: 'integer', multi: true, description: 'A list of notification IDs to mark as read.' },
    unreadlist: {
      type: 'integer',
      multi: true,
      description: 'A list of notification IDs to mark as unread.',
    },
    all: { type: 'boolean', description: "If set, marks all of a user's notifications as read." },
    sections: {
      type: 'enum',
      multi: true,
      values: ['alert', 'message'],
      description: 'A list of sections to mark as read.',
    },
  },
  async execute(ctx, params) {
    if (ctx.actor.isAnonymous || ctx.actor.userId === 0) throw fail('login-required');
    const list = (params.list as number[] | undefined) ?? [];
    const unreadlist = (params.unreadlist as number[] | undefined) ?? [];
    const sections = (params.sections as string[] | undefined) ?? [];
    const all = params.all === true;
    if (list.length === 0 && unreadlist.length === 0 && !all && sections.length === 0)
      throw fail('missingparam-one-of', '"list", "unreadlist", "all", "sections"');
    const store = ctx.services.store;
    const wiki = ctx.wiki.id;
    const user = ctx.actor.userId;
    if (all || (sections.includes('alert') && sections.includes('message'))) {
      await store.notifications.markRead(wiki, user, 'all', ctx.now);
    } else {
      if (list.length > 0) await store.notifications.markRead(wiki, user, list, ctx.now);
      if (sections.length === 1) {
        const wantMessages = sections[0] === 'message';
        const ids: number[] = [];
        let beforeId: number | undefined;
        for (;;) {
          const rows = await store.notifications.listForUser(wiki, user, {
            unreadOnly: true,
            limit: 500,
            ...(beforeId !== undefined ? { beforeId } : {}),
          });
          for (const n of rows) if (MESSAGE_TYPES.has(n.eventType) === wantMessages) ids.push(n.id);
          if (rows.length < 500) break;
          beforeId = rows[rows.length - 1]!.id;
        }
        if (ids.length > 0) await store.notifications.markRead(wiki, user, ids, ctx.now);
      }
    }
    if (unreadlist.length > 0) await store.notifications.markUnread(wiki, user, unreadlist);
    const raw = Math.min(await store.notifications.countUnread(wiki, user), MAX_BADGE_COUNT + 1);
    return {
      body: {
        result: 'success',
        count: raw > MAX_BADGE_COUNT ? `${MAX_BADGE_COUNT}+` : String(raw),
        rawcount: raw,
      },
    };
  },
};
