import { fail } from '../../../../errors.ts';
import { parseTimestamp, toIsoTimestamp, toMwTimestamp } from '../../../domain/clock.ts';
import { BLOCK_CIDR_LIMIT, hexToIp, parseIpRange } from '../../../domain/ip-addresses.ts';
import { normalizeUserName } from '../../../domain/user-names.ts';
import type { Block } from '../../../domain/wiki.ts';
import type { QueryModule } from '../module.ts';
import { parseContinue } from './continuation.ts';
import { standardLimit } from './param-values.ts';

/**
 * list=blocks (ApiQueryBlocks): the active blocks, newest first. `bkip` lists every block that
 * covers an address or a range (the address's own block and the range blocks containing it), for
 * ranges no wider than $wgBlockCIDRLimit (`cidrtoobroad`). `bkusers` takes account names.
 * `bkcontinue` is `timestamp|id` of the next block.
 */
export const blocksModule: QueryModule = {
  name: 'blocks',
  kind: 'list',
  prefix: 'bk',
  description: 'List all blocked users and IP addresses.',
  params: {
    ids: { type: 'integer', multi: true, description: 'List of block IDs to list.' },
    users: { type: 'user', multi: true, description: 'List of users to search for.' },
    ip: {
      type: 'string',
      description:
        'Get all blocks applying to this IP address or CIDR range, including range blocks. Cannot be used together with bkusers.',
    },
    limit: standardLimit('The maximum number of blocks to list.'),
    prop: {
      type: 'enum',
      multi: true,
      values: ['id', 'user', 'userid', 'by', 'byid', 'timestamp', 'expiry', 'reason', 'range', 'flags'],
      default: 'id|user|by|timestamp|expiry|reason|flags',
      description: 'Which properties to get.',
    },
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
  },
  async execute(ctx, params, _pages, out) {
    const store = ctx.services.store;
    const wiki = ctx.wiki.id;
    const props = new Set((params.prop as string[] | undefined) ?? []);
    const limit = params.limit as number;
    const names = (params.users as string[] | undefined) ?? [];
    const ip = params.ip as string | undefined;
    if (names.length && ip !== undefined) throw fail('invalidparammix', 'bkusers, bkip');

    let range: { start: string; end: string } | undefined;
    if (ip !== undefined) {
      const parsed = parseIpRange(ip.trim());
      if (!parsed) throw fail('param_ip');
      const cidrLimit = BLOCK_CIDR_LIMIT[parsed.family];
      if (parsed.bits < cidrLimit)
        throw fail('cidrtoobroad', parsed.family === 'ipv4' ? 'IPv4' : 'IPv6', cidrLimit);
      range = { start: parsed.start, end: parsed.end };
    }
    let userIds: number[] | undefined;
    if (names.length) {
      userIds = [];
      for (const name of names) {
        const canonical = normalizeUserName(name);
        const user = canonical === null ? undefined : await store.users.getByName(wiki, canonical);
        if (user) userIds.push(user.id);
      }
    }
    const cont = params.continue as string | undefined;
    let from: { timestamp: number; id: number } | undefined;
    if (cont !== undefined) {
      const [ts, id] = parseContinue(cont, ['string', 'int']) as [string, number];
      const seconds = /^\d{14}$/.test(ts) ? parseTimestamp(ts, ctx.now) : undefined;
      if (seconds === undefined) throw fail('badcontinue');
      from = { timestamp: seconds, id };
    }

    const blocks = await store.blocks.list(wiki, {
      now: ctx.now,
      limit: limit + 1,
      ids: (params.ids as number[] | undefined)?.length ? (params.ids as number[]) : undefined,
      userIds,
      range,
      from,
    });
    for (const [i, block] of blocks.entries()) {
      if (i === limit || !out.appendQueryList('blocks', await describeBlock(block, props, ctx))) {
        out.setContinue('bkcontinue', `${toMwTimestamp(block.timestamp)}|${block.id}`);
        return;
      }
    }
  },
};

async function describeBlock(
  block: Block,
  props: ReadonlySet<string>,
  ctx: Parameters<QueryModule['execute']>[0],
): Promise<Record<string, unknown>> {
  const item: Record<string, unknown> = {};
  if (props.has('id')) item.id = block.id;
  if (props.has('user')) {
    item.user =
      block.targetUserId === 0
        ? block.targetAddress
        : ((await ctx.services.store.users.getById(ctx.wiki.id, block.targetUserId))?.name ?? '');
  }
  if (props.has('userid')) item.userid = block.targetUserId;
  if (props.has('by')) item.by = block.byName;
  if (props.has('byid')) item.byid = block.byUserId;
  if (props.has('timestamp')) item.timestamp = toIsoTimestamp(block.timestamp);
  if (props.has('expiry')) item.expiry = block.expiry === null ? 'infinity' : toIsoTimestamp(block.expiry);
  if (props.has('reason')) item.reason = block.reason;
  if (props.has('range') && block.targetAddress !== '') {
    const range = parseIpRange(block.targetAddress);
    if (range) {
      item.rangestart = hexToIp(range.start);
      item.rangeend = hexToIp(range.end);
    }
  }
  if (props.has('flags')) {
    Object.assign(item, {
      automatic: false,
      anononly: block.anonOnly,
      nocreate: block.noCreate,
      autoblock: false,
      noemail: block.noEmail,
      hidden: false,
      allowusertalk: block.allowUserTalk,
      partial: !block.sitewide,
    });
  }
  return item;
}
