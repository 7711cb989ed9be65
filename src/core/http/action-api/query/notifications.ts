import { fillMessageArgs, transformMessage } from '../../../domain/message-text.ts';
import { readWikiMessages } from '../../../messages/wiki-messages.ts';
import { escapeHtml } from '../../../domain/html.ts';
import { englishMonthName, toIsoTimestamp, toMwTimestamp } from '../../../domain/clock.ts';
import type { Notification } from '../../../domain/wiki.ts';
import { fail } from '../../../../errors.ts';
import type { ApiRequestContext, ParamValues, QueryModule } from '../module.ts';
import { parseContinue } from './continuation.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { formatTitle } from '../../../domain/titles.ts';
import { pageUrl } from './site-paths.ts';

type Section = 'alert' | 'message';
const SECTIONS: readonly Section[] = ['alert', 'message'];

/** Echo caps the badge count (MWEchoNotifUser::MAX_BADGE_COUNT); above it the count reads "99+". */
const MAX_BADGE_COUNT = 99;

/** The section of each notification type (review-queue-reference.md §7); Echo's default is alert. */
const SECTION_OF: Record<string, Section> = {
  'pagetriage-mark-as-reviewed': 'message',
  'pagetriage-add-maintenance-tag': 'alert',
  'pagetriage-add-deletion-tag': 'alert',
};

const ICON_OF: Record<string, string> = {
  'pagetriage-mark-as-reviewed': 'reviewed',
  'pagetriage-add-maintenance-tag': 'reviewed',
  'pagetriage-add-deletion-tag': 'trash',
};

/**
 * meta=notifications (Echo's ApiEchoNotifications) over the notifications this service stores:
 * `notprop=list|count|seenTime`, `notfilter=read|!read`, `notsections`, `notgroupbysection`,
 * `notformat=model|special`, `notlimit`, `notcontinue` (`<utcunix>|<id>` of the last item). Only the
 * current wiki's notifications exist, so `notwikis` and `notcrosswikisummary` add nothing; there
 * is no seen-time store, so `seenTime` values are null. `notunreadfirst` orders unread before read
 * within each returned batch.
 */
export const notificationsModule: QueryModule = {
  name: 'notifications',
  kind: 'meta',
  prefix: 'not',
  description: 'Get notifications waiting for the current user.',
  params: {
    wikis: {
      type: 'string',
      multi: true,
      description: 'List of wikis to fetch notifications from (only the current wiki is served).',
    },
    filter: {
      type: 'enum',
      multi: true,
      values: ['read', '!read'],
      default: 'read|!read',
      description: 'Filter notifications returned.',
    },
    prop: {
      type: 'enum',
      multi: true,
      values: ['list', 'count', 'seenTime'],
      default: 'list',
      description: 'Details to request.',
    },
    sections: {
      type: 'enum',
      multi: true,
      values: SECTIONS,
      default: 'alert|message',
      description: 'The notification sections to query (i.e. some combination of "alert" and "message").',
    },
    groupbysection: {
      type: 'boolean',
      description: 'Whether to group the result by section. Each section is fetched separately if set.',
    },
    format: {
      type: 'enum',
      values: ['model', 'special', 'flyout', 'html'],
      description: 'If specified, notifications will be returned formatted this way.',
    },
    limit: {
      type: 'limit',
      default: 20,
      min: 1,
      max: 50,
      highMax: 50,
      description: 'The maximum number of notifications to return.',
    },
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
    unreadfirst: { type: 'boolean', description: 'Whether to show unread notifications first.' },
    titles: { type: 'string', multi: true, description: 'Only return notifications for these pages.' },
    bundle: {
      type: 'boolean',
      description:
        'Whether to show bundle compatible unread notifications according to notification types bundling rules.',
    },
    alertcontinue: {
      type: 'string',
      description: 'When more alert results are available, use this to continue.',
    },
    alertunreadfirst: {
      type: 'boolean',
      description: 'Whether to show unread alert notifications first (only used if groupbysection is set).',
    },
    messagecontinue: {
      type: 'string',
      description: 'When more message results are available, use this to continue.',
    },
    messageunreadfirst: {
      type: 'boolean',
      description: 'Whether to show unread message notifications first (only used if groupbysection is set).',
    },
    crosswikisummary: {
      type: 'boolean',
      description: 'True to opt in to a summary notification of notifications on foreign wikis.',
    },
  },
  async execute(ctx, params, _pages, out) {
    ctx.rawParam('_');
    if (ctx.actor.isAnonymous || ctx.actor.userId === 0) throw fail('login-required');
    const props = new Set((params.prop as string[] | undefined) ?? []);
    const sections = ((params.sections as string[] | undefined) ?? []).filter((s): s is Section =>
      (SECTIONS as readonly string[]).includes(s),
    );
    const filter = new Set((params.filter as string[] | undefined) ?? []);
    const limit = params.limit as number;
    const titles = new Set(((params.titles as string[] | undefined) ?? []).map((t) => t.replace(/_/g, ' ')));
    const format = params.format as string | undefined;
    const query: ListQuery = { filter, limit, titles, format, sections };

    const result: Record<string, unknown> = {};
    if (params.groupbysection === true) {
      for (const section of sections) {
        const part: Record<string, unknown> = {};
        if (props.has('list')) {
          Object.assign(
            part,
            await listNotifications(ctx, params, {
              ...query,
              sections: [section],
              continueParam: `${section}continue`,
              unreadFirst: params[`${section}unreadfirst`] === true,
            }),
          );
        }
        if (props.has('count')) Object.assign(part, await unreadCount(ctx, [section]));
        result[section] = part;
      }
      if (props.has('count')) Object.assign(result, await unreadCount(ctx, sections));
    } else {
      if (props.has('list')) {
        Object.assign(
          result,
          await listNotifications(ctx, params, {
            ...query,
            continueParam: 'continue',
            unreadFirst: params.unreadfirst === true,
          }),
        );
      }
      if (props.has('count')) Object.assign(result, await unreadCount(ctx, sections));
    }
    if (props.has('seenTime')) result.seenTime = Object.fromEntries(sections.map((s) => [s, null]));
    out.setQueryValue('notifications', result);
  },
};

interface ListQuery {
  filter: Set<string>;
  limit: number;
  titles: Set<string>;
  format: string | undefined;
  sections: Section[];
}

function sectionOf(n: Notification): Section {
  return SECTION_OF[n.eventType] ?? 'alert';
}

/** One page of notifications, newest first, and the `continue` value for the next one (null at the end). */
async function listNotifications(
  ctx: ApiRequestContext,
  params: ParamValues,
  q: ListQuery & { continueParam: string; unreadFirst: boolean },
): Promise<{ list: Record<string, unknown>[]; continue: string | null }> {
  const store = ctx.services.store;
  const ns = namespacesOf(ctx);
  const wantRead = q.filter.has('read');
  const wantUnread = q.filter.has('!read');
  const cont = params[q.continueParam] as string | undefined;
  let beforeId: number | undefined;
  if (cont !== undefined && cont !== '') beforeId = (parseContinue(cont, ['int', 'int']) as number[])[1];
  const found: Notification[] = [];
  const batch = Math.max(q.limit + 1, 50);
  while (found.length <= q.limit && (wantRead || wantUnread)) {
    const rows = await store.notifications.listForUser(ctx.wiki.id, ctx.actor.userId, {
      unreadOnly: !wantRead,
      limit: batch,
      ...(beforeId !== undefined ? { beforeId } : {}),
    });
    for (const n of rows) {
      const read = n.readAt !== null;
      if ((read && !wantRead) || (!read && !wantUnread)) continue;
      if (!q.sections.includes(sectionOf(n))) continue;
      if (q.titles.size > 0 && !q.titles.has(formatTitle(n.pageNamespace, n.pageTitle, ns))) continue;
      found.push(n);
      if (found.length > q.limit) break;
    }
    if (rows.length < batch) break;
    beforeId = rows[rows.length - 1]!.id;
  }
  const more = found.length > q.limit;
  const page = found.slice(0, q.limit);
  const last = page[page.length - 1];
  const ordered = q.unreadFirst
    ? [...page.filter((n) => n.readAt === null), ...page.filter((n) => n.readAt !== null)]
    : page;
  const headers = await readWikiMessages(ctx.services.store, ctx.wiki, HEADER_MESSAGES, ctx.wiki.lang);
  const header = (key: string) => headers.get(key)?.text ?? '';
  return {
    list: ordered.map((n) => formatNotification(ctx, n, q.format, header)),
    continue: more && last ? `${last.timestamp}|${last.id}` : null,
  };
}

/** `count` (formatted, "99+" above the cap) and `rawcount` of unread notifications in `sections`. */
async function unreadCount(
  ctx: ApiRequestContext,
  sections: Section[],
): Promise<{ count: string; rawcount: number }> {
  const store = ctx.services.store;
  let raw: number;
  if (SECTIONS.every((s) => sections.includes(s))) {
    raw = await store.notifications.countUnread(ctx.wiki.id, ctx.actor.userId);
  } else {
    const unread = await store.notifications.listForUser(ctx.wiki.id, ctx.actor.userId, {
      unreadOnly: true,
      limit: MAX_BADGE_COUNT + 1,
    });
    raw = unread.filter((n) => sections.includes(sectionOf(n))).length;
  }
  const capped = Math.min(raw, MAX_BADGE_COUNT + 1);
  return { count: capped > MAX_BADGE_COUNT ? `${MAX_BADGE_COUNT}+` : String(capped), rawcount: capped };
}

/** EchoDataOutputFormatter::formatOutput. */
function formatNotification(
  ctx: ApiRequestContext,
  n: Notification,
  format: string | undefined,
  header: (key: string) => string,
): Record<string, unknown> {
  const ns = namespacesOf(ctx);
  const full = formatTitle(n.pageNamespace, n.pageTitle, ns);
  const mw = toMwTimestamp(n.timestamp);
  const out: Record<string, unknown> = {
    wiki: ctx.wiki.id,
    id: n.id,
    type: n.eventType,
    category: n.category,
    section: sectionOf(n),
    timestamp: {
      utciso8601: toIsoTimestamp(n.timestamp),
      utcunix: String(n.timestamp),
      unix: String(n.timestamp),
      utcmw: mw,
      mw,
      date: dateHeader(n.timestamp, ctx.now),
    },
    title: {
      full,
      namespace: n.pageNamespace === 0 ? '' : (ns.get(n.pageNamespace)?.name ?? ''),
      'namespace-key': n.pageNamespace,
      text: n.pageTitle.replace(/_/g, ' '),
    },
    agent: { id: n.agentId, name: n.agentName },
  };
  if (typeof n.extra.revId === 'number') out.revid = n.extra.revId;
  if (n.readAt !== null) out.read = toMwTimestamp(n.readAt);
  out.targetpages = [];
  if (format === 'model') out['*'] = model(ctx, n, full, header);
  else if (format !== undefined) {
    const m = model(ctx, n, full, header);
    out['*'] =
      `<div class="mw-echo-notification"><div class="mw-echo-title">${m.header}</div>${m.body ? `<div class="mw-echo-payload">${escapeHtml(m.body)}</div>` : ''}</div>`;
  }
  return out;
}

/** The interface messages of the notification headers (i18n/*.json, overridable by MediaWiki: pages). */
const HEADER_MESSAGES = [
  'pagetriage-notification-mark-as-reviewed',
  'pagetriage-notification-add-maintenance-tag',
  'pagetriage-notification-add-deletion-tag',
  'pagetriage-notification-other',
];

/**
 * The presentation model (EchoEventPresentationModel): the header is the event's
 * `pagetriage-notification-*` message in the wiki's language with $1 the page, $2 the agent, $3
 * the tags and $4 their number; the note is the body.
 */
function model(ctx: ApiRequestContext, n: Notification, full: string, header: (key: string) => string) {
  const page = `<strong>${escapeHtml(full)}</strong>`;
  const agent = escapeHtml(n.agentName);
  const tags = Array.isArray(n.extra.tags) ? n.extra.tags.map(String) : [];
  const named = `pagetriage-notification-${n.eventType.replace(/^pagetriage-/, '')}`;
  const key = HEADER_MESSAGES.includes(named) ? named : 'pagetriage-notification-other';
  const headerText = transformMessage(
    fillMessageArgs(header(key), [page, agent, escapeHtml(tags.join(', ')), String(tags.length)]),
    { sitename: ctx.wiki.sitename, pagename: full, lang: ctx.wiki.lang },
  );
  const body = typeof n.extra.note === 'string' ? n.extra.note : '';
  return {
    header: headerText,
    compactHeader: headerText,
    body,
    icon: ICON_OF[n.eventType] ?? 'placeholder',
    links: { primary: { url: pageUrl(ctx, full), label: '' }, secondary: [] as unknown[] },
  };
}

/** Echo's date header: "Today", "<Month> <day>" this year, "<Month> <day>, <year>" before. */
function dateHeader(t: number, now: number): string {
  const d = new Date(t * 1000);
  const today = new Date(now * 1000);
  if (d.toISOString().slice(0, 10) === today.toISOString().slice(0, 10)) return 'Today';
  const monthDay = `${englishMonthName(t)} ${d.getUTCDate()}`;
  return d.getUTCFullYear() === today.getUTCFullYear() ? monthDay : `${monthDay}, ${d.getUTCFullYear()}`;
}
