import { fail } from '../../../../errors.ts';
import { escapeHtml } from '../../../domain/html.ts';
import type { NamespaceTable } from '../../../domain/namespaces.ts';
import { formatTitle, parseTitle, toDbKey, utf8Length, type Title } from '../../../domain/titles.ts';
import type { Page } from '../../../domain/wiki.ts';
import { mediaRepoFor, PageImagesUpdate } from '../../../media/page-images-update.ts';
import { renderPageHtml } from '../../../wikis/page-html.ts';
import { wikitextContextOf } from '../../../wikis/wikitext-context.ts';
import { analyzeWikitext, type WikitextAnalysis } from '../../../../wikitext/analyze.ts';
import { HeadingAnchors } from '../../../../wikitext/html-sanitizer.ts';
import type { ApiModule, ApiRequestContext, ParamValues } from '../module.ts';
import { formatCommentHtml } from '../query/comment-html.ts';
import { encodeTitleForUrl, serverOf } from '../query/site-paths.ts';
import { withContent } from '../result-format.ts';
import { namespacesOf } from '../request-namespaces.ts';

const PROPS = [
  'text',
  'langlinks',
  'categories',
  'links',
  'templates',
  'images',
  'sections',
  'revid',
  'displaytitle',
  'wikitext',
  'properties',
  'parsewarnings',
] as const;

/**
 * action=parse (ApiParse) with the embedded wiki's reading renderer (page-html.ts, the page views'
 * renderer): headings, paragraphs, lists, tables, links (red when missing), images of the media
 * repository, footnotes and infoboxes, sanitized; no template expansion. The rest comes from
 * the wikitext analysis: links, categories, templates, files, interlanguage links, page
 * properties, and the sections as Parser::finalizeHeadings numbers them. What is parsed is a page
 * (`page`, `pageid`, following redirects with `redirects`), a revision (`oldid`) or `text` under
 * `title` (default "API"); `section` parses one section of it.
 */
export const parseModule: ApiModule = {
  name: 'parse',
  description:
    'Parses content and returns parser output: the HTML of the reading renderer, links, categories, templates, files and sections.',
  params: {
    title: {
      type: 'string',
      default: 'API',
      description: 'Title of page the text belongs to. If omitted, contentmodel must be specified.',
    },
    text: {
      type: 'text',
      description: 'Text to parse. Use title or contentmodel to control the content model.',
    },
    revid: { type: 'integer', description: 'Revision ID, for {{REVISIONID}} and similar variables.' },
    summary: { type: 'string', description: 'Summary to parse.' },
    page: {
      type: 'string',
      description: 'Parse the content of this page. Cannot be used together with text and title.',
    },
    pageid: { type: 'integer', description: 'Parse the content of this page. Overrides page.' },
    redirects: { type: 'boolean', description: 'If page or pageid is set to a redirect, resolve it.' },
    oldid: { type: 'integer', description: 'Parse the content of this revision. Overrides page and pageid.' },
    prop: {
      type: 'enum',
      multi: true,
      values: PROPS,
      default:
        'text|langlinks|categories|links|templates|images|sections|revid|displaytitle|properties|parsewarnings',
      description: 'Which pieces of information to get.',
    },
    wrapoutputclass: {
      type: 'string',
      default: 'mw-parser-output',
      description: 'CSS class to use to wrap the parser output.',
    },
    section: {
      type: 'string',
      description: 'Only parse the content of the section with this identifier (a number, or "new").',
    },
    sectiontitle: { type: 'string', description: 'New section title when section is new.' },
    disablelimitreport: { type: 'boolean', description: 'Omit the limit report (there is none).' },
    disableeditsection: { type: 'boolean', description: 'Omit edit section links (there are none).' },
    disabletoc: { type: 'boolean', description: 'Omit table of contents in output (there is none).' },
    disablestylededuplication: { type: 'boolean', description: 'Accepted; no styles are emitted.' },
    preview: { type: 'boolean', description: 'Parse in preview mode (the output is the same).' },
    sectionpreview: {
      type: 'boolean',
      description: 'Parse in section preview mode (the output is the same).',
    },
    useskin: { type: 'string', description: 'Accepted; there are no skins.' },
    contentformat: {
      type: 'enum',
      values: ['text/x-wiki', 'text/javascript', 'application/json', 'text/css', 'text/plain'],
      description: 'Content serialization format used for the input text.',
    },
    contentmodel: {
      type: 'enum',
      values: ['wikitext', 'javascript', 'json', 'css', 'text'],
      description: 'Content model of the input text. Only valid when used with text.',
    },
  },
  async execute(ctx, params) {
    const ns = namespacesOf(ctx);
    const props = new Set((params.prop as string[] | undefined) ?? []);
    const source = await sourceOf(ctx, params, ns);
    let text = source.text;
    if (params.section !== undefined)
      text = sectionOf(text, params.section as string, params.sectiontitle, ns);

    const out: Record<string, unknown> = {
      title: source.title.prefixedText,
      pageid: source.page?.id ?? 0,
    };
    if (props.has('revid') && source.revId !== undefined) out.revid = source.revId;
    if (source.redirects.length > 0) out.redirects = source.redirects;
    const wikitext = source.contentModel === 'wikitext';
    const analysis = wikitext ? analyzeWikitext(text, wikitextContextOf(ns)) : undefined;
    if (props.has('text')) {
      const wrapClass = params.wrapoutputclass as string;
      const html = wikitext
        ? (
            await renderPageHtml(
              {
                pages: ctx.services.store.pages,
                mediaFiles: ctx.services.store.media,
                media: ctx.services.media,
              },
              { info: ctx.wiki, namespaces: ns },
              ctx.services.config.defaultWiki,
              source.title.prefixedText,
              text,
              wrapClass,
            )
          ).html
        : `<pre>${escapeHtml(text)}</pre>`;
      out.text = content(ctx, html);
    }
    if (params.summary !== undefined)
      out.parsedsummary = content(
        ctx,
        formatCommentHtml(ctx, params.summary as string, source.title.prefixedText),
      );
    if (props.has('langlinks')) out.langlinks = (analysis?.langlinks ?? []).map((l) => langlink(ctx, l));
    if (props.has('categories')) out.categories = await categoriesOf(ctx, analysis);
    if (props.has('links')) out.links = await linkList(ctx, analysis?.links ?? []);
    if (props.has('templates')) out.templates = await linkList(ctx, analysis?.templates ?? []);
    if (props.has('images')) out.images = [...new Set((analysis?.files ?? []).map((f) => toDbKey(f.title)))];
    if (props.has('sections')) out.sections = sectionsOf(text, analysis, source.title.prefixedText);
    if (props.has('parsewarnings')) out.parsewarnings = [];
    if (props.has('displaytitle')) out.displaytitle = escapeHtml(source.title.prefixedText);
    if (props.has('properties')) out.properties = await propertiesOf(ctx, source.title, analysis);
    if (props.has('wikitext')) out.wikitext = content(ctx, text);
    return { body: out };
  },
};

/** A text value of ApiParse: `{"*": text}` in formatversion 1, the string in formatversion 2. */
function content(ctx: ApiRequestContext, text: string): unknown {
  return ctx.formatVersion === 2 ? text : { '*': text };
}

interface ParseSource {
  title: Title;
  page: Page | undefined;
  revId: number | undefined;
  text: string;
  contentModel: string;
  redirects: { from: string; to: string }[];
}

async function sourceOf(
  ctx: ApiRequestContext,
  params: ParamValues,
  ns: NamespaceTable,
): Promise<ParseSource> {
  const given = ['page', 'pageid', 'oldid'].filter((p) => params[p] !== undefined);
  if (given.length > 1) throw fail('invalidparammix', given.join(', '));
  if (given.length === 1 && (params.text !== undefined || ctx.hasParam('title')))
    throw fail('invalidparammix', `${given[0] ?? ''}, ${params.text !== undefined ? 'text' : 'title'}`);
  const store = ctx.services.store;
  const wiki = ctx.wiki.id;
  if (params.oldid !== undefined) {
    const rev = await store.revisions.get(wiki, params.oldid as number);
    const page = rev && (await store.pages.getById(wiki, rev.pageId));
    if (!rev || !page) throw fail('nosuchrevid', params.oldid as number);
    return { ...pageSource(page, ns), revId: rev.id, text: rev.text, redirects: [] };
  }
  if (given.length === 1) {
    let page =
      params.pageid !== undefined
        ? await store.pages.getById(wiki, params.pageid as number)
        : await pageByTitle(ctx, params.page as string, ns);
    if (!page)
      throw params.pageid !== undefined
        ? fail('nosuchpageid', params.pageid as number)
        : fail('missingtitle');
    const redirects: { from: string; to: string }[] = [];
    if (params.redirects === true && page.isRedirect) {
      const target = (await store.redirects.getMany(wiki, [page.id])).get(page.id);
      const to =
        target && target.interwiki === ''
          ? await store.pages.getByTitle(wiki, target.namespace, target.title)
          : undefined;
      if (to) {
        redirects.push({
          from: formatTitle(page.namespace, page.title, ns),
          to: formatTitle(to.namespace, to.title, ns),
        });
        page = to;
      }
    }
    const rev = await store.revisions.get(wiki, page.latestRevId);
    return { ...pageSource(page, ns), revId: page.latestRevId, text: rev?.text ?? '', redirects };
  }
  const parsed = parseTitle(params.title as string, ns);
  if (!parsed.ok || parsed.title.interwiki !== '') throw fail('invalidtitle', params.title as string);
  const model = (params.contentmodel as string | undefined) ?? modelOfFormat(params.contentformat);
  return {
    title: parsed.title,
    page: undefined,
    revId: params.revid as number | undefined,
    text: (params.text as string | undefined) ?? '',
    contentModel: model ?? 'wikitext',
    redirects: [],
  };
}

async function pageByTitle(
  ctx: ApiRequestContext,
  input: string,
  ns: NamespaceTable,
): Promise<Page | undefined> {
  const parsed = parseTitle(input, ns);
  if (!parsed.ok || parsed.title.interwiki !== '') throw fail('invalidtitle', input);
  return ctx.services.store.pages.getByTitle(ctx.wiki.id, parsed.title.namespace, parsed.title.dbKey);
}

function pageSource(page: Page, ns: NamespaceTable): Pick<ParseSource, 'title' | 'page' | 'contentModel'> {
  const parsed = parseTitle(formatTitle(page.namespace, page.title, ns), ns);
  if (!parsed.ok) throw fail('invalidtitle', page.title);
  return { title: parsed.title, page, contentModel: page.contentModel };
}

function modelOfFormat(format: unknown): string | undefined {
  const models: Record<string, string> = {
    'text/x-wiki': 'wikitext',
    'text/javascript': 'javascript',
    'application/json': 'json',
    'text/css': 'css',
    'text/plain': 'text',
  };
  return typeof format === 'string' ? models[format] : undefined;
}

/** The text of section `section` (WikitextContent::getSection); "new" is a new section's heading and text. */
function sectionOf(text: string, section: string, sectionTitle: unknown, ns: NamespaceTable): string {
  if (section === 'new') {
    const heading =
      typeof sectionTitle === 'string' && sectionTitle.trim() !== ''
        ? `== ${sectionTitle.trim()} ==\n\n`
        : '';
    return heading + text;
  }
  if (!/^\d+$/.test(section)) throw fail('nosuchsection', section);
  const n = Number(section);
  const sections = analyzeWikitext(text, wikitextContextOf(ns)).sections;
  if (n === 0) return text.slice(0, sections[0]?.offset ?? text.length);
  const heading = sections[n - 1];
  if (!heading) throw fail('nosuchsection', section);
  const next = sections.slice(n).find((s) => s.level <= heading.level);
  return text.slice(heading.offset, next?.offset ?? text.length).replace(/\s+$/, '');
}

function langlink(ctx: ApiRequestContext, l: { lang: string; title: string }): Record<string, unknown> {
  const item: Record<string, unknown> = { lang: l.lang };
  const target = ctx.services.wikis.byLanguage(l.lang);
  if (target) {
    const path = target.info.id === ctx.services.config.defaultWiki ? '/wiki/' : `/${target.info.id}/wiki/`;
    item.url = serverOf(ctx) + path + encodeTitleForUrl(l.title);
  }
  item.title = l.title;
  return withContent(item, 'title');
}

/** Which of `refs` exist, as "namespace:dbkey" keys. */
async function existing(
  ctx: ApiRequestContext,
  refs: { namespace: number; title: string }[],
): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const pages = await ctx.services.store.pages.getManyByTitles(
    ctx.wiki.id,
    refs.map((r) => ({ namespace: r.namespace, title: toDbKey(r.title) })),
  );
  return new Set(pages.map((p) => `${p.namespace}:${p.title}`));
}

async function linkList(
  ctx: ApiRequestContext,
  refs: { namespace: number; title: string }[],
): Promise<Record<string, unknown>[]> {
  const ns = namespacesOf(ctx);
  const found = await existing(ctx, refs);
  return refs.map((r) =>
    withContent(
      {
        ns: r.namespace,
        title: formatTitle(r.namespace, toDbKey(r.title), ns),
        exists: found.has(`${r.namespace}:${toDbKey(r.title)}`),
      },
      'title',
    ),
  );
}

async function categoriesOf(
  ctx: ApiRequestContext,
  analysis: WikitextAnalysis | undefined,
): Promise<Record<string, unknown>[]> {
  const categories = analysis?.categories ?? [];
  const found = await existing(
    ctx,
    categories.map((c) => ({ namespace: 14, title: c.title })),
  );
  return categories.map((c) => {
    const item: Record<string, unknown> = { sortkey: c.sortKey, category: toDbKey(c.title) };
    if (!found.has(`14:${toDbKey(c.title)}`)) item.missing = true;
    return withContent(item, 'category');
  });
}

/**
 * Page properties as ParserOutput sets them: ApiResult's key-value array, `{name: value}` in
 * formatversion 2 and `[{name, *: value}]` in formatversion 1. The page images are chosen as the
 * links update chooses them (core/media/page-images-update.ts), for the title parsed as.
 */
async function propertiesOf(
  ctx: ApiRequestContext,
  title: Title,
  analysis: WikitextAnalysis | undefined,
): Promise<unknown> {
  const props: [string, string][] = [];
  if (analysis?.noindex) props.push(['noindex', '']);
  if (analysis) {
    const update = new PageImagesUpdate(
      ctx.services.store,
      { id: ctx.wiki.id, namespaces: namespacesOf(ctx) },
      mediaRepoFor(ctx.wiki, ctx.services.wikis),
    );
    const images = await update.choose(title, analysis.leadImageCandidates);
    for (const [name, value] of Object.entries(images)) props.push([name, value]);
  }
  return ctx.formatVersion === 2
    ? Object.fromEntries(props)
    : props.map(([name, value]) => withContent({ name, value }, 'value'));
}

/**
 * The table of contents entries (Parser::finalizeHeadings): `toclevel` nests by heading level,
 * `number` is the TOC numbering, `index` the section number for editing, `byteoffset` the UTF-8
 * offset of the heading line, `anchor` the heading text as an HTML5 id, as the rendered page has it (HeadingAnchors).
 */
function sectionsOf(
  text: string,
  analysis: WikitextAnalysis | undefined,
  fromTitle: string,
): Record<string, unknown>[] {
  const levelAt: number[] = [];
  const counts: number[] = [];
  const anchors = new HeadingAnchors();
  let toc = 0;
  let prev = 0;
  return (analysis?.sections ?? []).map((s) => {
    if (toc === 0) toc = 1;
    else if (s.level > prev) toc++;
    else if (s.level < prev && toc > 1) {
      let i = toc;
      for (; i > 0; i--) {
        const at = levelAt[i] ?? 0;
        if (at === s.level) break;
        if (at < s.level) {
          i++;
          break;
        }
      }
      toc = i === 0 ? 1 : i;
    }
    if (s.level > prev && toc > 1) counts[toc] = 0;
    levelAt[toc] = s.level;
    counts[toc] = (counts[toc] ?? 0) + 1;
    counts.length = toc + 1;
    prev = s.level;
    const line = headingText(s.title);
    const anchor = anchors.next(line);
    return {
      toclevel: toc,
      level: String(s.level),
      line: escapeHtml(line),
      number: counts.slice(1, toc + 1).join('.'),
      index: String(s.index),
      fromtitle: toDbKey(fromTitle),
      byteoffset: utf8Length(text.slice(0, s.offset)),
      anchor,
      linkAnchor: anchor,
    };
  });
}

/** A heading's wikitext as its plain text: links to their labels, bold/italic quotes and tags dropped. */
function headingText(title: string): string {
  return title
    .replace(/\[\[(?:[^|\]]*\|)?([^\]]*)\]\]/g, '$1')
    .replace(/'''?/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
