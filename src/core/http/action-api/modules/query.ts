import { fail } from '../../../../errors.ts';
import {
  MAX_RESULT_BYTES,
  resultSize,
  type ApiModule,
  type ApiRequestContext,
  type ParamValues,
  type QueryModule,
  type QueryOutput,
  type QueryPage,
  type QueryPageSet,
} from '../module.ts';
import { keyedList } from '../result-format.ts';
import { PageSetBuilder } from './query-page-set.ts';
import { pageSetParams } from './action-page-set.ts';

/**
 * action=query (ApiQuery): resolves the page set (`titles`, `pageids`, `revids`, or `generator`
 * with its `g`-prefixed parameters), runs the prop, list and meta submodules, and reports
 * continuation the modern way (ApiContinuationManager):
 *
 * - `continue: {…module continue params, continue: '<generator part>||<finished modules>'}`, where
 *   the generator part is `-` without a generator, the generator's continue parameters when only
 *   the generator continues, and the generator parameters of this request (repeated so the same
 *   batch is served again) while prop/list modules still continue;
 * - `batchcomplete` when no submodule needs another request for the current batch of pages;
 * - `rawcontinue` gives the old `query-continue: {module: {param: value}}` instead.
 * Modules named in the finished part of an incoming `continue` are skipped.
 */
export function createQueryModule(submodules: readonly QueryModule[]): ApiModule {
  const byKind = (kind: QueryModule['kind']) => submodules.filter((m) => m.kind === kind).map((m) => m.name);
  return {
    name: 'query',
    description: 'Fetch data from and about the wiki.',
    params: {
      prop: {
        type: 'enum',
        multi: true,
        values: byKind('prop'),
        description: 'Which properties to get for the queried pages.',
      },
      list: { type: 'enum', multi: true, values: byKind('list'), description: 'Which lists to get.' },
      meta: { type: 'enum', multi: true, values: byKind('meta'), description: 'Which metadata to get.' },
      indexpageids: {
        type: 'boolean',
        description: 'Include an additional pageids section listing all returned page IDs.',
      },
      export: { type: 'boolean', description: 'Not supported; accepted and ignored.' },
      exportnowrap: { type: 'boolean', description: 'Not supported; accepted and ignored.' },
      iwurl: {
        type: 'boolean',
        description: 'Whether to get the full URL if the title is an interwiki link.',
      },
      continue: { type: 'string', description: 'When more results are available, use this to continue.' },
      rawcontinue: { type: 'boolean', description: 'Return raw query-continue data for continuation.' },
      ...pageSetParams(submodules),
    },
    async execute(ctx, params) {
      return runQuery(ctx, params, submodules);
    },
  };
}

interface Selected {
  module: QueryModule;
  params: ParamValues;
}

async function runQuery(ctx: ApiRequestContext, params: ParamValues, submodules: readonly QueryModule[]) {
  const find = (kind: QueryModule['kind'], name: string) =>
    submodules.find((m) => m.kind === kind && m.name === name);
  const finished = parseContinue(params.continue as string | undefined);
  const select = (kind: QueryModule['kind']): Selected[] =>
    ((params[kind] as string[] | undefined) ?? [])
      .map((name) => find(kind, name))
      .filter((m): m is QueryModule => m !== undefined)
      .map((module) => ({ module, params: ctx.readParams(module.params, module.prefix, module.name) }))
      .filter((s) => !finished.has(s.module.name));

  const props = select('prop');
  const lists = select('list');
  const metas = select('meta');
  const genName = params.generator as string | undefined;
  const generator =
    genName !== undefined ? submodules.find((m) => m.name === genName && m.generator) : undefined;
  const genParams = generator ? ctx.readParams(generator.params, `g${generator.prefix}`, generator.name) : {};

  const namespaces = ctx.services.wikis.get(ctx.wiki.id).namespaces;
  const titles = (params.titles as string[] | undefined) ?? [];
  const pageids = (params.pageids as number[] | undefined) ?? [];
  const revids = (params.revids as number[] | undefined) ?? [];
  const sources = [titles.length > 0, pageids.length > 0, revids.length > 0].filter(Boolean).length;
  if (sources > 1) throw fail('invalidparammix', 'titles, pageids, revids');

  const output = new Output();
  let pageSet = new PageSetBuilder(ctx, namespaces);
  await pageSet.addTitles(titles);
  await pageSet.addPageIds(pageids);
  await pageSet.addRevids(revids);
  if (params.redirects) await pageSet.resolveRedirects();

  const generatorContinue: Record<string, string | number> = {};
  if (generator) {
    if (!generator.executeGenerator) throw fail('badvalue', 'generator', generator.name);
    const genOut = output.forModule((param, value) => {
      generatorContinue[param.startsWith(generator.prefix) ? `g${param}` : param] = value;
    });
    const generated = await generator.executeGenerator(ctx, genParams, pageSet, genOut);
    pageSet = new PageSetBuilder(ctx, namespaces);
    await pageSet.addPageIds(generated.pageIds);
    if (params.redirects) await pageSet.resolveRedirects();
    output.initPages(pageSet);
    for (const [id, extra] of generated.extra ?? new Map()) {
      if (output.hasPage(id)) output.addPageData(id, extra);
    }
  } else {
    output.initPages(pageSet);
  }

  const moduleContinue = new Map<string, Record<string, string | number>>();
  const run = async (selected: Selected[], withPages: boolean) => {
    for (const { module, params: p } of selected) {
      const out = output.forModule((param, value) => {
        const cont = moduleContinue.get(module.name) ?? {};
        cont[param] = value;
        moduleContinue.set(module.name, cont);
      });
      await module.execute(ctx, p, withPages ? pageSet : noPages, out);
    }
  };
  await run(props, true);
  await run(lists, false);
  await run(metas, false);

  const query: Record<string, unknown> = {};
  if (pageSet.normalized.length > 0)
    query.normalized = pageSet.normalized.map((n) => ({ fromencoded: false, ...n }));
  if (pageSet.interwiki.length > 0) query.interwiki = pageSet.interwiki;
  if (pageSet.redirects.length > 0) query.redirects = pageSet.redirects;
  if (pageSet.badRevids.length > 0) {
    query.badrevids = Object.fromEntries(
      pageSet.badRevids.map((id) => [String(id), { revid: id, missing: true }]),
    );
  }
  const pages = output.pageEntries();
  if (params.indexpageids && pages.length > 0) query.pageids = pages.map((p) => String(p.key));
  if (pages.length > 0) {
    query.pages = keyedList(
      pages.map((p) => p.data),
      (_item, i) => pages[i]?.key ?? i,
    );
  }
  Object.assign(query, output.queryValues());
  // A list that found nothing still answers with its empty list, as MediaWiki's list modules do:
  // clients (mwn's getPagesByPrefix, Page.logs …) read `query.<list>` without checking for it.
  const topLevel: Record<string, unknown> = { ...output.topLevelValues() };
  for (const { module } of lists) {
    if (module.resultAtTopLevel) topLevel[module.name] ??= [];
    else query[module.name] ??= [];
  }

  // Modules skipped as finished stay finished, so that the next request skips them too.
  const allModules = (['prop', 'list', 'meta'] as const).flatMap((kind) =>
    ((params[kind] as string[] | undefined) ?? []).filter((name) => find(kind, name) !== undefined),
  );
  if (params.rawcontinue) {
    const raw: Record<string, unknown> = {};
    for (const [name, cont] of moduleContinue) raw[name] = cont;
    if (generator && Object.keys(generatorContinue).length > 0)
      raw[generator.name] = { ...generatorContinue };
    if (Object.keys(raw).length > 0) topLevel['query-continue'] = raw;
  } else {
    const propNames = ((params.prop as string[] | undefined) ?? []).filter(
      (name) => find('prop', name) !== undefined,
    );
    const cont = continuation(
      ctx,
      generator,
      genParams,
      generatorContinue,
      moduleContinue,
      allModules,
      propNames,
    );
    if (cont.batchcomplete) topLevel.batchcomplete = true;
    if (cont.data) topLevel.continue = cont.data;
  }
  return { body: Object.keys(query).length > 0 ? query : undefined, topLevel };
}

function continuation(
  ctx: ApiRequestContext,
  generator: QueryModule | undefined,
  genParams: ParamValues,
  generatorContinue: Record<string, string | number>,
  moduleContinue: Map<string, Record<string, string | number>>,
  allModules: string[],
  propModules: string[],
): { data?: Record<string, unknown>; batchcomplete: boolean } {
  const data: Record<string, unknown> = {};
  for (const cont of moduleContinue.values()) Object.assign(data, cont);
  const continuing = new Set(moduleContinue.keys());
  const genKeys = Object.keys(generatorContinue);
  let generatorPart = '-';
  let finished = allModules.filter((m) => !continuing.has(m));
  const batchcomplete = Object.keys(data).length === 0;
  if (generator && !batchcomplete) {
    // The current generator batch is not done: repeat this request's generator position.
    const current = Object.keys(generator.params)
      .filter((name) => name.endsWith('continue') && genParams[name] !== undefined)
      .map((name) => `g${generator.prefix}${name}`);
    for (const key of current) data[key] = ctx.rawParam(key);
    generatorPart = current.join('|');
  } else if (generator && genKeys.length > 0) {
    Object.assign(data, generatorContinue);
    generatorPart = genKeys.join('|');
    finished = finished.filter((m) => !propModules.includes(m));
  }
  if (Object.keys(data).length === 0) return { batchcomplete: true };
  data.continue = `${generatorPart}||${finished.join('|')}`;
  return { data, batchcomplete };
}

/** The finished-modules part of `continue` (`<generator part>||<finished modules>`). */
function parseContinue(value: string | undefined): Set<string> {
  if (value === undefined || value === '') return new Set();
  const at = value.indexOf('||');
  if (at < 0) throw fail('badcontinue');
  return new Set(
    value
      .slice(at + 2)
      .split('|')
      .filter((m) => m !== ''),
  );
}

/** What list and meta modules get: they do not work on the page set. */
const noPages: QueryPageSet = {
  pages: new Map(),
  missing: [],
  revids: new Map(),
  normalized: [],
  redirects: [],
};

/** Collects query output: page entries (by page id or pseudo-id) and query-level values. */
class Output {
  readonly #pages = new Map<number, Record<string, unknown>>();
  readonly #query: Record<string, unknown> = {};
  readonly #topLevel: Record<string, unknown> = {};
  #bytes = 0;

  initPages(set: PageSetBuilder): void {
    this.#pages.clear();
    for (const { key, page } of set.entries()) this.#pages.set(key, pageEntry(page));
  }

  hasPage(id: number): boolean {
    return this.#pages.has(id);
  }

  addPageData(pageId: number, data: Record<string, unknown>): void {
    const entry = this.#pages.get(pageId);
    if (entry) Object.assign(entry, data);
  }

  pageEntries(): { key: number; data: Record<string, unknown> }[] {
    return [...this.#pages].map(([key, data]) => ({ key, data }));
  }

  queryValues(): Record<string, unknown> {
    return this.#query;
  }

  topLevelValues(): Record<string, unknown> {
    return this.#topLevel;
  }

  #fits(item: unknown): boolean {
    const size = resultSize(item);
    if (this.#bytes + size > MAX_RESULT_BYTES) return false;
    this.#bytes += size;
    return true;
  }

  /** The QueryOutput handed to one submodule; its continuation goes to `onContinue`. */
  forModule(onContinue: (param: string, value: string | number) => void): QueryOutput {
    return {
      addPageData: (pageId, data) => this.addPageData(pageId, data),
      appendPageList: (pageId, key, item) => {
        const entry = this.#pages.get(pageId);
        if (!entry || !this.#fits(item)) return false;
        const list = (entry[key] as unknown[] | undefined) ?? [];
        list.push(item);
        entry[key] = list;
        return true;
      },
      isLargerThanResult: (item) => resultSize(item) > MAX_RESULT_BYTES,
      setQueryValue: (key, value) => {
        this.#query[key] = value;
      },
      appendQueryList: (key, item) => {
        if (!this.#fits(item)) return false;
        const list = (this.#query[key] as unknown[] | undefined) ?? [];
        list.push(item);
        this.#query[key] = list;
        return true;
      },
      setTopLevelValue: (key, value) => {
        this.#topLevel[key] = value;
      },
      appendTopLevelList: (key, item) => {
        if (!this.#fits(item)) return false;
        const list = (this.#topLevel[key] as unknown[] | undefined) ?? [];
        list.push(item);
        this.#topLevel[key] = list;
        return true;
      },
      setContinue: onContinue,
    };
  }
}

/** The base entry of a page in query.pages, before prop modules add to it. */
function pageEntry(page: QueryPage): Record<string, unknown> {
  if (page.invalid) return { title: page.title, invalidreason: page.invalidreason, invalid: true };
  if (page.title === '' && page.missing) return { pageid: page.pageid, missing: true };
  const entry: Record<string, unknown> = {};
  if (page.pageid !== undefined && page.pageid > 0) entry.pageid = page.pageid;
  entry.ns = page.ns;
  entry.title = page.title;
  if (page.missing) entry.missing = true;
  if (page.ns < 0) entry.special = true;
  return entry;
}
