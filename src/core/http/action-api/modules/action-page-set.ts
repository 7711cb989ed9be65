import { fail } from '../../../../errors.ts';
import type { ApiRequestContext, ParamSpecs, ParamValues, QueryModule, QueryOutput } from '../module.ts';
import { PageSetBuilder, type ResolvedPageSet } from './query-page-set.ts';

/**
 * The page-set parameters of action modules that act on many pages (ApiPageSet in action=watch
 * and action=purge): `titles`, `pageids`, `revids`, or a `generator` with its `g`-prefixed
 * parameters, and `redirects`.
 */
export function pageSetParams(query: readonly QueryModule[]): ParamSpecs {
  return {
    titles: { type: 'string', multi: true, description: 'A list of titles to work on.' },
    pageids: { type: 'integer', multi: true, description: 'A list of page IDs to work on.' },
    revids: { type: 'integer', multi: true, description: 'A list of revision IDs to work on.' },
    generator: {
      type: 'enum',
      values: query.filter((m) => m.generator).map((m) => m.name),
      description: 'Get the list of pages to work on by executing the specified query module.',
    },
    redirects: {
      type: 'boolean',
      description: 'Automatically resolve redirects in titles, pageids, revids and generated pages.',
    },
    converttitles: {
      type: 'boolean',
      description: 'Convert titles to other variants if necessary (no variants here: a no-op).',
    },
  };
}

/**
 * The pages an action module acts on, and the generator's continuation (`continue` as action=query
 * gives it: the generator's parameters and `continue: "g…||"`) when the generator has more.
 */
export async function resolveActionPageSet(
  ctx: ApiRequestContext,
  params: ParamValues,
  query: readonly QueryModule[],
): Promise<{ pageSet: ResolvedPageSet; continue?: Record<string, string | number> }> {
  const namespaces = ctx.services.wikis.get(ctx.wiki.id).namespaces;
  const titles = (params.titles as string[] | undefined) ?? [];
  const pageids = (params.pageids as number[] | undefined) ?? [];
  const revids = (params.revids as number[] | undefined) ?? [];
  const genName = params.generator as string | undefined;
  const given = [titles.length > 0, pageids.length > 0, revids.length > 0, genName !== undefined];
  if (given.filter(Boolean).length > 1) throw fail('invalidparammix', 'titles, pageids, revids, generator');
  if (!given.some(Boolean)) throw fail('missingparam-one-of', '"titles", "pageids", "revids", "generator"');

  const pageSet = new PageSetBuilder(ctx, namespaces);
  let cont: Record<string, string | number> | undefined;
  const generator = genName !== undefined ? query.find((m) => m.name === genName && m.generator) : undefined;
  if (generator?.executeGenerator) {
    const genParams = ctx.readParams(generator.params, `g${generator.prefix}`, generator.name);
    const found: Record<string, string | number> = {};
    const out = continuationOnly((param, value) => {
      found[param.startsWith(generator.prefix) ? `g${param}` : param] = value;
    });
    const generated = await generator.executeGenerator(
      ctx,
      genParams,
      new PageSetBuilder(ctx, namespaces),
      out,
    );
    await pageSet.addPageIds(generated.pageIds);
    if (Object.keys(found).length > 0) cont = { ...found, continue: `${Object.keys(found).join('|')}||` };
  } else if (genName !== undefined) {
    throw fail('badvalue', 'generator', genName);
  } else {
    await pageSet.addTitles(titles);
    await pageSet.addPageIds(pageids);
    await pageSet.addRevids(revids);
  }
  if (params.redirects) await pageSet.resolveRedirects();
  return cont ? { pageSet, continue: cont } : { pageSet };
}

/** A QueryOutput for a generator run outside action=query: only its continuation is kept. */
function continuationOnly(onContinue: (param: string, value: string | number) => void): QueryOutput {
  return {
    addPageData: () => undefined,
    appendPageList: () => true,
    isLargerThanResult: () => false,
    setQueryValue: () => undefined,
    appendQueryList: () => true,
    setTopLevelValue: () => undefined,
    appendTopLevelList: () => true,
    setContinue: onContinue,
  };
}
