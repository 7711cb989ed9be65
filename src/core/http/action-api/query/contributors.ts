import { fail } from '../../../../errors.ts';
import { ALL_RIGHTS, ASSIGNABLE_GROUPS, GROUP_PERMISSIONS, IMPLICIT_GROUPS } from '../../../domain/rights.ts';
import type { QueryModule } from '../module.ts';
import { continueInts } from './continuation.ts';
import { standardLimit } from './param-values.ts';

/** ApiQueryContributors::MAX_PAGES: pages beyond it wait for the next request. */
const MAX_PAGES = 100;

/**
 * prop=contributors (ApiQueryContributors): each page's registered editors, by user id, and
 * `anoncontributors`, how many addresses edited it. `pccontinue` is `pageid|userid` of the next
 * editor. The group and right filters are one of `pcgroup`, `pcexcludegroup`, `pcrights`,
 * `pcexcluderights`; rights become the groups that grant them, and an implicit group (every account
 * is in `user`) keeps every editor, or with the exclude forms none.
 */
export const contributorsModule: QueryModule = {
  name: 'contributors',
  kind: 'prop',
  prefix: 'pc',
  description: 'Get the list of logged-in contributors and the count of logged-out contributors to a page.',
  params: {
    group: {
      type: 'enum',
      multi: true,
      values: ASSIGNABLE_GROUPS,
      description: 'Only include users in the given groups.',
    },
    excludegroup: {
      type: 'enum',
      multi: true,
      values: ASSIGNABLE_GROUPS,
      description: 'Exclude users in the given groups.',
    },
    rights: {
      type: 'enum',
      multi: true,
      values: ALL_RIGHTS,
      description: 'Only include users having the given rights.',
    },
    excluderights: {
      type: 'enum',
      multi: true,
      values: ALL_RIGHTS,
      description: 'Exclude users having the given rights.',
    },
    limit: standardLimit('How many contributors to return.'),
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
  },
  async execute(ctx, params, pages, out) {
    const given = ['group', 'excludegroup', 'rights', 'excluderights'].filter(
      (p) => ((params[p] as string[] | undefined) ?? []).length > 0,
    );
    if (given.length > 1) throw fail('invalidparammix', given.map((p) => `pc${p}`).join(', '));
    const exclude = given[0]?.startsWith('exclude') ?? false;
    let groups: string[] = given[0] === undefined ? [] : (params[given[0]] as string[]);
    if (given[0] === 'rights' || given[0] === 'excluderights') {
      const rights = groups;
      groups = Object.keys(GROUP_PERMISSIONS).filter((g) =>
        rights.some((r) => GROUP_PERMISSIONS[g]?.includes(r)),
      );
    }
    const everyone = groups.some((g) => IMPLICIT_GROUPS.includes(g));
    // No editor can match: an implicit group excluded, or rights no group grants required.
    const nobody = (everyone && exclude) || (given[0] === 'rights' && groups.length === 0);

    let pageIds = [...pages.pages.keys()].sort((a, b) => a - b);
    let from: { pageId: number; userId: number } | undefined;
    const cont = params.continue as string | undefined;
    if (cont !== undefined) {
      const [pageId, userId] = continueInts(cont, 2) as [number, number];
      from = { pageId, userId };
      pageIds = pageIds.filter((id) => id >= pageId);
    }
    const later = pageIds[MAX_PAGES];
    pageIds = pageIds.slice(0, MAX_PAGES);
    const store = ctx.services.store;
    const anons = await store.revisions.countAnonymousContributors(ctx.wiki.id, pageIds);
    for (const [pageId, n] of anons) out.addPageData(pageId, { anoncontributors: n });

    const limit = params.limit as number;
    const rows = nobody
      ? []
      : await store.revisions.listContributors(ctx.wiki.id, {
          pageIds,
          limit: limit + 1,
          now: ctx.now,
          ...(from ? { from } : {}),
          ...(groups.length && !everyone ? { [exclude ? 'excludeGroups' : 'groups']: groups } : {}),
        });
    for (const [i, row] of rows.entries()) {
      if (
        i === limit ||
        !out.appendPageList(row.pageId, 'contributors', { userid: row.userId, name: row.name })
      ) {
        out.setContinue('pccontinue', `${row.pageId}|${row.userId}`);
        return;
      }
    }
    if (later !== undefined) out.setContinue('pccontinue', `${later}|0`);
  },
};
