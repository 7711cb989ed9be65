import { fail } from '../../../../errors.ts';
import { parseTimestamp, toIsoTimestamp, toMwTimestamp } from '../../../domain/clock.ts';
import { RESTRICTION_LEVEL_RIGHTS } from '../../../domain/page-permissions.ts';
import { formatTitle } from '../../../domain/titles.ts';
import type { TitleProtection } from '../../../domain/wiki.ts';
import type { QueryModule } from '../module.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { parseContinue } from './continuation.ts';
import { standardLimit } from './param-values.ts';

/**
 * list=protectedtitles (ApiQueryProtectedTitles): titles protected from creation, newest first.
 * `ptcontinue` is `timestamp|namespace|title` of the next one.
 */
export const protectedtitlesModule: QueryModule = {
  name: 'protectedtitles',
  kind: 'list',
  prefix: 'pt',
  description: 'List all titles protected from creation.',
  params: {
    namespace: { type: 'namespace', multi: true, description: 'Only list titles in these namespaces.' },
    level: {
      type: 'enum',
      multi: true,
      values: Object.keys(RESTRICTION_LEVEL_RIGHTS),
      description: 'Only list titles with these protection levels.',
    },
    limit: standardLimit('How many total pages to return.'),
    prop: {
      type: 'enum',
      multi: true,
      values: ['timestamp', 'user', 'userid', 'comment', 'expiry', 'level'],
      default: 'timestamp|level',
      description: 'Which properties to get.',
    },
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
  },
  async execute(ctx, params, _pages, out) {
    const props = new Set((params.prop as string[] | undefined) ?? []);
    const limit = params.limit as number;
    const ns = namespacesOf(ctx);
    const cont = params.continue as string | undefined;
    let from: { timestamp: number; namespace: number; title: string } | undefined;
    if (cont !== undefined) {
      const [ts, namespace, title] = parseContinue(cont, ['string', 'int', 'string']) as [
        string,
        number,
        string,
      ];
      const seconds = /^\d{14}$/.test(ts) ? parseTimestamp(ts, ctx.now) : undefined;
      if (seconds === undefined) throw fail('badcontinue');
      from = { timestamp: seconds, namespace, title };
    }
    const rows = await ctx.services.store.protectedTitles.list(ctx.wiki.id, {
      now: ctx.now,
      limit: limit + 1,
      namespaces: params.namespace as number[] | undefined,
      levels: params.level as string[] | undefined,
      from,
    });
    for (const [i, p] of rows.entries()) {
      if (i === limit || !out.appendQueryList('protectedtitles', describe(p, props, ns))) {
        out.setContinue('ptcontinue', `${toMwTimestamp(p.timestamp)}|${p.namespace}|${p.title}`);
        return;
      }
    }
  },
};

function describe(
  p: TitleProtection,
  props: ReadonlySet<string>,
  ns: ReturnType<typeof namespacesOf>,
): Record<string, unknown> {
  const item: Record<string, unknown> = { ns: p.namespace, title: formatTitle(p.namespace, p.title, ns) };
  if (props.has('timestamp')) item.timestamp = toIsoTimestamp(p.timestamp);
  if (props.has('user')) item.user = p.byName;
  if (props.has('userid')) item.userid = p.byUserId;
  if (props.has('comment')) item.comment = p.reason;
  if (props.has('expiry')) item.expiry = p.expiry === null ? 'infinity' : toIsoTimestamp(p.expiry);
  if (props.has('level')) item.level = p.level;
  return item;
}
