import type { ApiRequestContext, ParamValues, QueryModule } from '../module.ts';
import { withContent } from '../result-format.ts';
import { appendLinkRows, collectLinkRows, type LinkListSpec } from './page-link-list.ts';
import { encodeTitleForUrl, serverOf } from './site-paths.ts';
import { standardLimit } from './param-values.ts';

/**
 * prop=langlinks (ll): interlanguage links, keyed `pageid|lang` for continuation. The title is
 * `title` in formatversion 2 and `*` in formatversion 1. `url` points at the wiki of that language
 * on this service when there is one (the interwiki map of siteinfo), else it is left out.
 */
export const langlinksModule: QueryModule = {
  name: 'langlinks',
  kind: 'prop',
  prefix: 'll',
  description: 'Returns all interlanguage links from the given pages.',
  params: {
    prop: {
      type: 'enum',
      multi: true,
      values: ['url', 'langname', 'autonym'],
      description: 'Which additional properties to get for each interlanguage link.',
    },
    lang: { type: 'string', description: 'Only return language links with this language code.' },
    title: { type: 'string', description: 'Link to search for. Must be used with lllang.' },
    dir: {
      type: 'enum',
      values: ['ascending', 'descending'],
      default: 'ascending',
      description: 'The direction in which to list.',
    },
    inlanguagecode: { type: 'string', description: 'Language code for localised language names.' },
    limit: standardLimit('How many langlinks to return.'),
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
    url: {
      type: 'boolean',
      description: 'Whether to get the full URL (deprecated; use llprop=url).',
      deprecated: true,
    },
  },
  async execute(ctx, params, pages, out) {
    const s = spec(ctx, params);
    appendLinkRows(out, s, await collectLinkRows(ctx, params, pages, out, s));
  },
};

function spec(ctx: ApiRequestContext, params: ParamValues): LinkListSpec {
  const props = new Set((params.prop as string[] | undefined) ?? []);
  if (params.url === true) props.add('url');
  const lang = params.lang as string | undefined;
  const title = params.title as string | undefined;
  const inLanguage = (params.inlanguagecode as string | undefined) ?? ctx.wiki.lang;
  return {
    continueParam: 'llcontinue',
    listKey: 'langlinks',
    keyShape: ['string'],
    rows: (_ctx, _pageId, data) =>
      data.langlinks
        .filter((l) => lang === undefined || lang === '' || l.lang === lang)
        .filter((l) => title === undefined || title === '' || l.title === title.replace(/_/g, ' '))
        .map((l) => {
          const item: Record<string, unknown> = { lang: l.lang };
          if (props.has('url')) {
            const url = urlOf(ctx, l.lang, l.title);
            if (url) item.url = url;
          }
          if (props.has('langname')) item.langname = languageName(l.lang, inLanguage);
          if (props.has('autonym')) item.autonym = languageName(l.lang, l.lang);
          item.title = l.title;
          return { key: [l.lang], item: withContent(item, 'title') };
        }),
  };
}

function urlOf(ctx: ApiRequestContext, lang: string, title: string): string | undefined {
  const target = ctx.services.wikis.byLanguage(lang);
  if (!target) return undefined;
  const path = target.info.id === ctx.services.config.defaultWiki ? '/wiki/$1' : `/${target.info.id}/wiki/$1`;
  return serverOf(ctx) + path.replace('$1', encodeTitleForUrl(title));
}

function languageName(code: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
