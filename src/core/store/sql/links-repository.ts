import type { PageLinksData } from '../../domain/wiki.ts';
import type { LinksRepository } from '../repositories/links-and-media.ts';
import { indexUrl, isStorableUrl } from '../../domain/link-filter.ts';
import { chunkKeys, chunkRows, lastPerKey } from './batching.ts';
import type { SqlContext } from './sql-context.ts';

/** MediaWiki's File namespace: links to it also count file usage (image_link). */
const fileNamespace = 6;

/** The link tables a page's LinksUpdate owns, keyed by the column naming the source page. */
const pageTables = [
  ['page_link', 'from_page_id'],
  ['category_link', 'from_page_id'],
  ['template_link', 'from_page_id'],
  ['image_link', 'from_page_id'],
  ['lang_link', 'from_page_id'],
  ['external_link', 'from_page_id'],
  ['page_prop', 'page_id'],
] as const;

export class SqlLinksRepository implements LinksRepository {
  constructor(private readonly ctx: SqlContext) {}

  /**
   * Deletes the page's rows from every link table, then multi-row inserts the new ones. Duplicates
   * collapse; for categories the first sort key wins, for interlanguage links the last link per
   * language wins (MediaWiki's LangLinksTable keys them by language).
   */
  async replaceForPage(
    wiki: string,
    pageId: number,
    fromNamespace: number,
    data: PageLinksData,
  ): Promise<void> {
    await this.deleteForPage(wiki, pageId);
    const db = this.ctx.db();
    const max = this.ctx.dialect.maxParameters;
    const links = lastPerKey(data.links, (l) => `${l.namespace}|${l.title}`).map((l) => ({
      wiki,
      from_page_id: pageId,
      from_namespace: fromNamespace,
      namespace: l.namespace,
      title: l.title,
    }));
    for (const chunk of chunkRows(links, 5, max)) await db.insertInto('page_link').values(chunk).execute();

    const seenCategories = new Set<string>();
    const categories = data.categories
      .filter((c) => !seenCategories.has(c.category) && seenCategories.add(c.category))
      .map((c) => ({ wiki, from_page_id: pageId, category: c.category, sortkey: c.sortkey }));
    for (const chunk of chunkRows(categories, 4, max))
      await db.insertInto('category_link').values(chunk).execute();

    const templates = lastPerKey(data.templates, (t) => `${t.namespace}|${t.title}`).map((t) => ({
      wiki,
      from_page_id: pageId,
      namespace: t.namespace,
      title: t.title,
    }));
    for (const chunk of chunkRows(templates, 4, max))
      await db.insertInto('template_link').values(chunk).execute();

    const images = [...new Set(data.images)].map((file) => ({ wiki, from_page_id: pageId, file }));
    for (const chunk of chunkRows(images, 3, max)) await db.insertInto('image_link').values(chunk).execute();

    const langlinks = lastPerKey(data.langlinks, (l) => l.lang).map((l) => ({
      wiki,
      from_page_id: pageId,
      lang: l.lang,
      title: l.title,
    }));
    for (const chunk of chunkRows(langlinks, 4, max))
      await db.insertInto('lang_link').values(chunk).execute();

    const externalLinks = [...new Set(data.externalLinks)].filter(isStorableUrl).map((url) => ({
      wiki,
      from_page_id: pageId,
      from_namespace: fromNamespace,
      url,
      ...indexColumns(url),
    }));
    for (const chunk of chunkRows(externalLinks, 6, max))
      await db.insertInto('external_link').values(chunk).execute();

    const props = Object.entries(data.properties).map(([name, value]) => ({
      wiki,
      page_id: pageId,
      name,
      value,
    }));
    for (const chunk of chunkRows(props, 4, max)) await db.insertInto('page_prop').values(chunk).execute();
  }

  async deleteForPage(wiki: string, pageId: number): Promise<void> {
    const db = this.ctx.db();
    for (const [table, column] of pageTables) {
      await db
        .deleteFrom(table)
        .where('wiki', '=', wiki)
        .where(column as 'page_id', '=', pageId)
        .execute();
    }
  }

  /** Everything the page links to, each list in key order. */
  async getForPage(wiki: string, pageId: number): Promise<PageLinksData> {
    const db = this.ctx.db();
    const links = await db
      .selectFrom('page_link')
      .select(['namespace', 'title'])
      .where('wiki', '=', wiki)
      .where('from_page_id', '=', pageId)
      .orderBy('namespace')
      .orderBy('title')
      .execute();
    const categories = await db
      .selectFrom('category_link')
      .select(['category', 'sortkey'])
      .where('wiki', '=', wiki)
      .where('from_page_id', '=', pageId)
      .orderBy('category')
      .execute();
    const templates = await db
      .selectFrom('template_link')
      .select(['namespace', 'title'])
      .where('wiki', '=', wiki)
      .where('from_page_id', '=', pageId)
      .orderBy('namespace')
      .orderBy('title')
      .execute();
    const images = await db
      .selectFrom('image_link')
      .select('file')
      .where('wiki', '=', wiki)
      .where('from_page_id', '=', pageId)
      .orderBy('file')
      .execute();
    const langlinks = await db
      .selectFrom('lang_link')
      .select(['lang', 'title'])
      .where('wiki', '=', wiki)
      .where('from_page_id', '=', pageId)
      .orderBy('lang')
      .execute();
    const externalLinks = await db
      .selectFrom('external_link')
      .select('url')
      .where('wiki', '=', wiki)
      .where('from_page_id', '=', pageId)
      .orderBy('url')
      .execute();
    const props = await this.pageProps(wiki, [pageId]);
    return {
      links,
      categories,
      templates,
      images: images.map((i) => i.file),
      langlinks,
      externalLinks: externalLinks.map((e) => e.url),
      properties: props.get(pageId) ?? {},
    };
  }

  /** Counts at most `cap` source pages (page_link_target_idx, including from_namespace). */
  async countInbound(
    wiki: string,
    namespace: number,
    title: string,
    q: { fromNamespace?: number; cap: number },
  ): Promise<number> {
    const row = await this.ctx
      .db()
      .selectFrom((eb) => {
        let inner = eb
          .selectFrom('page_link')
          .select('from_page_id')
          .where('wiki', '=', wiki)
          .where('namespace', '=', namespace)
          .where('title', '=', title);
        if (q.fromNamespace !== undefined) inner = inner.where('from_namespace', '=', q.fromNamespace);
        return inner.limit(q.cap).as('capped');
      })
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * One capped count per page over the covering page_link_target_idx, driven by the page table:
   *   SELECT p.page_id, (SELECT count(*) FROM (SELECT l.from_page_id FROM page_link l
   *     WHERE l.wiki = ? AND l.namespace = p.namespace AND l.title = p.title
   *     [AND l.from_namespace = ?] LIMIT :cap) capped) AS n
   *   FROM page p WHERE p.wiki = ? AND p.page_id IN (…)
   */
  async countInboundForPages(
    wiki: string,
    pageIds: number[],
    q: { fromNamespace?: number; cap: number },
  ): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('page as p')
        .select('p.page_id')
        .select((eb) => {
          let inner = eb
            .selectFrom('page_link as l')
            .select('l.from_page_id')
            .where('l.wiki', '=', wiki)
            .whereRef('l.namespace', '=', 'p.namespace')
            .whereRef('l.title', '=', 'p.title');
          if (q.fromNamespace !== undefined) inner = inner.where('l.from_namespace', '=', q.fromNamespace);
          return eb
            .selectFrom(inner.limit(q.cap).as('capped'))
            .select((c) => c.fn.countAll().as('n'))
            .as('n');
        })
        .where('p.wiki', '=', wiki)
        .where('p.page_id', 'in', chunk)
        .execute();
      for (const row of rows) out.set(row.page_id, Number(row.n ?? 0));
    }
    return out;
  }

  /** Categories per page (primary key order); pages without categories are absent. */
  async categoriesOf(wiki: string, pageIds: number[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('category_link')
        .select(['from_page_id', 'category'])
        .where('wiki', '=', wiki)
        .where('from_page_id', 'in', chunk)
        .orderBy('from_page_id')
        .orderBy('category')
        .execute();
      for (const r of rows) append(out, r.from_page_id, r.category);
    }
    return out;
  }

  /** In (sortkey, page id) order over category_link_category_idx. */
  async pagesInCategory(wiki: string, category: string, limit: number): Promise<number[]> {
    const rows = await this.ctx
      .db()
      .selectFrom('category_link')
      .select('from_page_id')
      .where('wiki', '=', wiki)
      .where('category', '=', category)
      .orderBy('sortkey')
      .orderBy('from_page_id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.from_page_id);
  }

  /** Interlanguage links per page, by language; pages without any are absent. */
  async langlinksOf(
    wiki: string,
    pageIds: number[],
  ): Promise<Map<number, { lang: string; title: string }[]>> {
    const out = new Map<number, { lang: string; title: string }[]>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('lang_link')
        .select(['from_page_id', 'lang', 'title'])
        .where('wiki', '=', wiki)
        .where('from_page_id', 'in', chunk)
        .orderBy('from_page_id')
        .orderBy('lang')
        .execute();
      for (const r of rows) append(out, r.from_page_id, { lang: r.lang, title: r.title });
    }
    return out;
  }

  /** lang_link_target_idx; ascending page ids. */
  async pagesWithLanglink(wiki: string, lang: string, title: string): Promise<number[]> {
    const rows = await this.ctx
      .db()
      .selectFrom('lang_link')
      .select('from_page_id')
      .where('wiki', '=', wiki)
      .where('lang', '=', lang)
      .where('title', '=', title)
      .orderBy('from_page_id')
      .execute();
    return rows.map((r) => r.from_page_id);
  }

  /** Properties per page, all or only `names`; pages without any are absent. */
  async pageProps(
    wiki: string,
    pageIds: number[],
    names?: string[],
  ): Promise<Map<number, Record<string, string>>> {
    const out = new Map<number, Record<string, string>>();
    if (names !== undefined && names.length === 0) return out;
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      let query = this.ctx
        .db()
        .selectFrom('page_prop')
        .select(['page_id', 'name', 'value'])
        .where('wiki', '=', wiki)
        .where('page_id', 'in', chunk);
      if (names !== undefined) query = query.where('name', 'in', names);
      for (const r of await query.orderBy('page_id').orderBy('name').execute()) {
        const props = out.get(r.page_id) ?? {};
        props[r.name] = r.value;
        out.set(r.page_id, props);
      }
    }
    return out;
  }

  /**
   * Distinct pages that link to, transclude, or (for a File: title) use the target, ascending, at
   * most `limit` (page_link_target_idx, template_link_target_idx, image_link_file_idx).
   */
  /** SELECT from_page_id FROM template_link WHERE (wiki, namespace, title) = … ORDER BY from_page_id (template_link_target_idx). */
  async pagesTranscluding(wiki: string, namespace: number, title: string, limit: number): Promise<number[]> {
    const rows = await this.ctx
      .db()
      .selectFrom('template_link')
      .select('from_page_id')
      .where('wiki', '=', wiki)
      .where('namespace', '=', namespace)
      .where('title', '=', title)
      .orderBy('from_page_id')
      .limit(limit)
      .execute();
    return rows.map((r) => Number(r.from_page_id));
  }

  async pagesLinkingTo(wiki: string, namespace: number, title: string, limit: number): Promise<number[]> {
    const db = this.ctx.db();
    let sources = db
      .selectFrom('page_link')
      .select('from_page_id')
      .where('wiki', '=', wiki)
      .where('namespace', '=', namespace)
      .where('title', '=', title)
      .union(
        db
          .selectFrom('template_link')
          .select('from_page_id')
          .where('wiki', '=', wiki)
          .where('namespace', '=', namespace)
          .where('title', '=', title),
      );
    if (namespace === fileNamespace) {
      sources = sources.union(
        db.selectFrom('image_link').select('from_page_id').where('wiki', '=', wiki).where('file', '=', title),
      );
    }
    const rows = await db
      .selectFrom(sources.as('sources'))
      .select('from_page_id')
      .orderBy('from_page_id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.from_page_id);
  }
}

function indexColumns(url: string): { domain_index: string; path: string } {
  const { domainIndex, path } = indexUrl(url);
  return { domain_index: domainIndex, path };
}

function append<V>(map: Map<number, V[]>, key: number, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
