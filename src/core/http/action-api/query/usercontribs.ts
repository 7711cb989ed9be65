import { fail } from '../../../../errors.ts';
import { parseTimestamp, toIsoTimestamp, toMwTimestamp } from '../../../domain/clock.ts';
import { sanitizeIp } from '../../../domain/ip-addresses.ts';
import { formatTitle } from '../../../domain/titles.ts';
import { isIpAddress, normalizeUserName } from '../../../domain/user-names.ts';
import type { Contribution, ContributionQuery } from '../../../store/repositories/pages-and-revisions.ts';
import type { ApiRequestContext, QueryModule } from '../module.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { formatCommentHtml } from './comment-html.ts';
import { parseContinue } from './continuation.ts';
import { standardLimit } from './param-values.ts';

const showValues = [
  'minor',
  '!minor',
  'new',
  '!new',
  'top',
  '!top',
  'patrolled',
  '!patrolled',
  'autopatrolled',
  '!autopatrolled',
] as const;

/** The rc_patrolled values each patrol `ucshow` value keeps. */
const patrolShow: Readonly<Record<string, number[]>> = {
  patrolled: [1, 2],
  '!patrolled': [0],
  autopatrolled: [2],
  '!autopatrolled': [0, 1],
};

/**
 * list=usercontribs (ApiQueryUserContribs) over revisions, by `ucuser` (names and addresses),
 * `ucuserids` or `ucuserprefix`, read on the revision index (wiki, user_text, timestamp, rev_id).
 * With one user `uccontinue` is `timestamp|revid`; with several, or a prefix, results are ordered by
 * name first and it is `name|user|timestamp|revid` (MediaWiki orders `ucuserids` by id; here the ids
 * become names). The patrol filters and flags read the recent change of each revision, so a
 * revision older than the recent changes is neither patrolled nor unpatrolled, as in MediaWiki.
 */
export const usercontribsModule: QueryModule = {
  name: 'usercontribs',
  kind: 'list',
  prefix: 'uc',
  description: 'Get all edits by a user.',
  params: {
    limit: standardLimit('The maximum number of contributions to return.'),
    start: { type: 'timestamp', description: 'The start timestamp to return from.' },
    end: { type: 'timestamp', description: 'The end timestamp to return to.' },
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
    user: { type: 'user', multi: true, description: 'The users to retrieve contributions for.' },
    userids: { type: 'integer', multi: true, description: 'The user IDs to retrieve contributions for.' },
    userprefix: {
      type: 'string',
      description: 'Retrieve contributions for all users whose names begin with this value.',
    },
    dir: {
      type: 'enum',
      values: ['newer', 'older'],
      default: 'older',
      description: 'In which direction to enumerate.',
    },
    namespace: {
      type: 'namespace',
      multi: true,
      description: 'Only list contributions in these namespaces.',
    },
    prop: {
      type: 'enum',
      multi: true,
      values: [
        'ids',
        'title',
        'timestamp',
        'comment',
        'parsedcomment',
        'size',
        'sizediff',
        'flags',
        'patrolled',
        'tags',
      ],
      default: 'ids|title|timestamp|comment|size|flags',
      description: 'Include additional pieces of information.',
    },
    show: {
      type: 'enum',
      multi: true,
      values: showValues,
      description: 'Show only items that meet these criteria.',
    },
    tag: { type: 'string', description: 'Only list revisions tagged with this tag.' },
    toponly: {
      type: 'boolean',
      deprecated: true,
      description: 'Only list changes which are the latest revision.',
    },
  },
  async execute(ctx, params, _pages, out) {
    const props = new Set((params.prop as string[] | undefined) ?? []);
    const show = new Set((params.show as string[] | undefined) ?? []);
    for (const v of ['minor', 'new', 'top', 'patrolled', 'autopatrolled']) {
      if (show.has(v) && show.has(`!${v}`)) throw fail('show');
    }
    if (show.has('autopatrolled') && show.has('!patrolled')) throw fail('show');
    const usesPatrol = props.has('patrolled') || Object.keys(patrolShow).some((v) => show.has(v));
    if (usesPatrol && !ctx.actor.rights.has('patrol') && !ctx.actor.rights.has('patrolmarks')) {
      throw fail('permissiondenied', 'request the patrolled flag');
    }

    const dir = params.dir === 'newer' ? 'newer' : 'older';
    const limit = params.limit as number;
    const start = params.start as number | undefined;
    const end = params.end as number | undefined;
    const q: ContributionQuery = {
      dir,
      limit: limit + 1,
      ...(dir === 'older' ? { newest: start, oldest: end } : { newest: end, oldest: start }),
    };
    const users = await targetUsers(ctx, params);
    let single = false;
    if ('prefix' in users) q.prefix = users.prefix;
    else {
      q.users = users.names;
      single = users.names.length === 1;
    }
    const namespaces = (params.namespace as number[] | undefined) ?? [];
    if (namespaces.length) q.namespaces = namespaces;
    if (show.has('minor') || show.has('!minor')) q.minor = show.has('minor');
    if (show.has('new') || show.has('!new')) q.creation = show.has('new');
    if (show.has('top') || show.has('!top') || params.toponly === true) q.top = !show.has('!top');
    for (const [value, states] of Object.entries(patrolShow)) {
      if (show.has(value)) q.patrolled = (q.patrolled ?? states).filter((s) => states.includes(s));
    }
    const tag = params.tag as string | undefined;
    if (tag !== undefined && tag !== '') q.tag = tag;
    const cont = params.continue as string | undefined;
    if (cont !== undefined) q.from = readContinue(cont, single, q.users?.[0]);

    const rows = await ctx.services.store.revisions.listContributions(ctx.wiki.id, q);
    const tags = props.has('tags')
      ? await ctx.services.store.changeTags.forRevisions(
          ctx.wiki.id,
          rows.map((c) => c.revision.id),
        )
      : new Map<number, string[]>();
    const ns = namespacesOf(ctx);
    for (const [i, c] of rows.entries()) {
      const item =
        i < limit ? describe(ctx, c, props, formatTitle(c.namespace, c.title, ns), tags) : undefined;
      if (!item || !out.appendQueryList('usercontribs', item)) {
        out.setContinue('uccontinue', continueValue(c, single));
        return;
      }
    }
  },
};

/** The users `ucuser`, `ucuserids` or `ucuserprefix` name (exactly one of them). */
async function targetUsers(
  ctx: ApiRequestContext,
  params: Record<string, unknown>,
): Promise<{ names: string[] } | { prefix: string }> {
  const names = (params.user as string[] | undefined) ?? [];
  const ids = (params.userids as number[] | undefined) ?? [];
  const prefix = params.userprefix as string | undefined;
  const given = [
    names.length ? 'ucuser' : '',
    ids.length ? 'ucuserids' : '',
    prefix !== undefined ? 'ucuserprefix' : '',
  ].filter(Boolean);
  if (given.length === 0) throw fail('missingparam-one-of', 'ucuser, ucuserids, ucuserprefix');
  if (given.length > 1) throw fail('invalidparammix', given.join(', '));
  if (prefix !== undefined) return { prefix: normalizeUserName(prefix) ?? prefix.replace(/_/g, ' ') };
  if (ids.length) {
    const found = await ctx.services.store.users.getManyByIds(ctx.wiki.id, [...new Set(ids)], ctx.now);
    return { names: found.map((u) => u.name) };
  }
  return {
    names: [
      ...new Set(
        names.map((raw) => {
          const value = raw.trim();
          if (isIpAddress(value)) return sanitizeIp(value);
          const name = normalizeUserName(value);
          if (name === null) throw fail('baduser', 'ucuser', raw);
          return name;
        }),
      ),
    ],
  };
}

function readContinue(
  value: string,
  single: boolean,
  user: string | undefined,
): { userText: string; timestamp: number; id: number } {
  let userText: string;
  let ts: string;
  let id: number;
  if (single) {
    [ts, id] = parseContinue(value, ['string', 'int']) as [string, number];
    userText = user ?? '';
  } else {
    const [kind, name, t, i] = parseContinue(value, ['string', 'string', 'string', 'int']) as [
      string,
      string,
      string,
      number,
    ];
    if (kind !== 'name') throw fail('badcontinue');
    [userText, ts, id] = [name, t, i];
  }
  const timestamp = /^\d{14}$/.test(ts) ? parseTimestamp(ts, 0) : undefined;
  if (timestamp === undefined) throw fail('badcontinue');
  return { userText, timestamp, id };
}

function continueValue(c: Contribution, single: boolean): string {
  const position = `${toMwTimestamp(c.revision.timestamp)}|${c.revision.id}`;
  return single ? position : `name|${c.revision.userText}|${position}`;
}

function describe(
  ctx: ApiRequestContext,
  c: Contribution,
  props: ReadonlySet<string>,
  title: string,
  tags: ReadonlyMap<number, string[]>,
): Record<string, unknown> {
  const rev = c.revision;
  const item: Record<string, unknown> = { userid: rev.userId, user: rev.userText };
  if (props.has('ids')) {
    item.pageid = rev.pageId;
    item.revid = rev.id;
    item.parentid = rev.parentId ?? 0;
  }
  if (props.has('title')) {
    item.ns = c.namespace;
    item.title = title;
  }
  if (props.has('timestamp')) item.timestamp = toIsoTimestamp(rev.timestamp);
  if (props.has('flags')) {
    item.new = !rev.parentId;
    item.minor = rev.minor;
    item.top = c.isTop;
  }
  if (props.has('comment')) item.comment = rev.comment;
  if (props.has('parsedcomment')) item.parsedcomment = formatCommentHtml(ctx, rev.comment, title);
  if (props.has('patrolled')) {
    item.patrolled = c.patrolled !== null && c.patrolled > 0;
    item.autopatrolled = c.patrolled === 2;
  }
  if (props.has('size')) item.size = rev.len;
  if (props.has('sizediff')) item.sizediff = rev.len - (c.parentLen ?? 0);
  if (props.has('tags')) item.tags = tags.get(rev.id) ?? [];
  return item;
}
