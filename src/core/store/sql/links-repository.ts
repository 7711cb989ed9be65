import { sql, type RawBuilder, type SqlBool } from 'kysely';
import {
  categoryMemberType,
  categorySortKey,
  type CategoryMemberType,
} from '../../domain/category-members.ts';
import type { PageLinksData } from '../../domain/wiki.ts';
import type {
  Backlink,
  BacklinkQuery,
  CategoryMember,
  CategoryMemberQuery,
  LinksRepository,
} from '../repositories/links-and-media.ts';
import { indexUrl, isStorableUrl } from '../../domain/link-filter.ts';
import { chunkKeys, chunkRows, lastPerKey } from './batching.ts';
import type { SqlContext } from './sql-context.ts';

/** MediaWiki's File namespace: links to it also count file usage (image_link). */
const fileNamespace = 6;
const templateNamespace = 10;

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
   * language wins (MediaWiki's LangLinksTable keys them by language). A category the page was
   * already in keeps its `added_at`, as LinksUpdate leaves unchanged category rows alone.
   */
  async replaceForPage(
    wiki: string,
    pageId: number,
    from: { namespace: number; title: string; at: number },
    data: PageLinksData,
  ): Promise<void> {
    const db = this.ctx.db();
    const fromNamespace = from.namespace;
    const addedBefore = new Map(
      (
        await db
          .selectFrom('category_link')
          .select(['category', 'added_at'])
          .where('wiki', '=', wiki)
          .where('from_page_id', '=', pageId)
          .execute()
      ).map((r) => [r.category, Number(r.added_at)]),
    );
    await this.deleteForPage(wiki, pageId);
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
      .map((c) => ({
        wiki,
        from_page_id: pageId,
        category: c.category,
        sortkey: c.sortkey,
        type: categoryMemberType(fromNamespace),
        collation_key: categorySortKey(c.sortkey, from.title),
        added_at: addedBefore.get(c.category) ?? from.at,
      }));
    for (const chunk of chunkRows(categories, 7, max))
      await db.insertInto('category_link').values(chunk).execute();

    const templates = lastPerKey(data.templates, (t) => `${t.namespace}|${t.title}`).map((t) => ({
      wiki,
      from_page_id: pageId,
      from_namespace: fromNamespace,
      namespace: t.namespace,
      title: t.title,
    }));
    for (const chunk of chunkRows(templates, 5, max))
      await db.insertInto('template_link').values(chunk).execute();

    const images = [...new Set(data.images)].map((file) => ({
      wiki,
      from_page_id: pageId,
      from_namespace: fromNamespace,
      file,
    }));
    for (const chunk of chunkRows(images, 4, max)) await db.insertInto('image_link').values(chunk).execute();

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
  async templatesOf(wiki: string, pageIds: number[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('template_link')
        .select(['from_page_id', 'title'])
        .where('wiki', '=', wiki)
        .where(this.ctx.dialect.anyOf('from_page_id', chunk))
        .where('namespace', '=', templateNamespace)
        .orderBy('from_page_id')
        .orderBy('title')
        .execute();
      for (const r of rows) append(out, r.from_page_id, r.title);
    }
    return out;
  }

  async categoriesOf(wiki: string, pageIds: number[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      const rows = await this.ctx
        .db()
        .selectFrom('category_link')
        .select(['from_page_id', 'category'])
        .where('wiki', '=', wiki)
        .where(this.ctx.dialect.anyOf('from_page_id', chunk))
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
        .where(this.ctx.dialect.anyOf('from_page_id', chunk))
        .orderBy('from_page_id')
        .orderBy('lang')
        .execute();
      for (const r of rows) append(out, r.from_page_id, { lang: r.lang, title: r.title });
    }
    return out;
  }

  async pagesAmong(
    wiki: string,
    pageIds: number[],
    q: { categories: string[]; templates: string[] },
  ): Promise<Set<number>> {
    const out = new Set<number>();
    for (const chunk of chunkKeys([...new Set(pageIds)])) {
      if (q.categories.length > 0) {
        const rows = await this.ctx
          .db()
          .selectFrom('category_link')
          .select('from_page_id')
          .where('wiki', '=', wiki)
          .where(this.ctx.dialect.anyOf('from_page_id', chunk))
          .where(this.ctx.dialect.anyOf('category', q.categories))
          .execute();
        for (const r of rows) out.add(r.from_page_id);
      }
      if (q.templates.length > 0) {
        const rows = await this.ctx
          .db()
          .selectFrom('template_link')
          .select('from_page_id')
          .where('wiki', '=', wiki)
          .where(this.ctx.dialect.anyOf('from_page_id', chunk))
          .where('namespace', '=', templateNamespace)
          .where(this.ctx.dialect.anyOf('title', q.templates))
          .execute();
        for (const r of rows) out.add(r.from_page_id);
      }
    }
    return out;
  }

  /** image_link_file_idx, one wiki at a time so each scan is a range of the index. */
  async fileUsageCounts(wikis: string[], names: string[], cap?: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const chunk of chunkKeys([...new Set(names)], 1000)) {
      for (const wiki of wikis) {
        const rows =
          cap === undefined
            ? await this.#usageCounts(wiki, chunk)
            : await this.#cappedUsage(wiki, chunk, cap);
        for (const r of rows) {
          const uses = Number(r.uses);
          if (uses > 0) out.set(r.file, (out.get(r.file) ?? 0) + uses);
        }
      }
    }
    return out;
  }

  /**
   * A file used on `pages` pages of the wikis together is used on at least ⌈pages / wikis⌉ of one
   * of them: those come from one grouped scan of each wiki's image_link_file_idx (covering, in
   * file order: no sort, memory for one group), then are counted over all the wikis.
   */
  async filesUsedOnAtLeast(wikis: string[], pages: number): Promise<Set<string>> {
    const each = Math.max(1, Math.ceil(pages / Math.max(1, wikis.length)));
    const candidates = new Set<string>();
    for (const wiki of new Set(wikis)) {
      const rows = await this.ctx
        .db()
        .selectFrom('image_link')
        .select('file')
        .where('wiki', '=', wiki)
        .groupBy('file')
        .having((eb) => eb.fn.countAll(), '>=', each)
        .execute();
      for (const r of rows) candidates.add(r.file);
    }
    const counts = await this.fileUsageCounts([...new Set(wikis)], [...candidates], pages);
    return new Set([...counts].filter(([, n]) => n >= pages).map(([file]) => file));
  }

  #usageCounts(wiki: string, names: string[]) {
    return this.ctx
      .db()
      .selectFrom('image_link')
      .select(['file', (eb) => eb.fn.countAll<number | string | bigint>().as('uses')])
      .where('wiki', '=', wiki)
      .where(this.ctx.dialect.anyOf('file', names))
      .groupBy('file')
      .execute();
  }

  /** Per name, the uses up to `cap`: a correlated count over at most `cap` index entries. */
  #cappedUsage(wiki: string, names: string[], cap: number) {
    const list = this.ctx.dialect.valuesTable(names, 'n');
    return this.ctx
      .db()
      .selectFrom(list.table)
      .select((eb) => [
        sql<string>`${list.column}`.as('file'),
        eb
          .selectFrom(
            this.ctx
              .db()
              .selectFrom('image_link')
              .select(sql.lit(1).as('one'))
              .where('wiki', '=', wiki)
              .where(sql<SqlBool>`file = ${list.column}`)
              .limit(cap)
              .as('u'),
          )
          .select((e) => e.fn.countAll<number | string | bigint>().as('n'))
          .as('uses'),
      ])
      .execute();
  }

  /**
   * One statement per 500 categories: the members ranked within their category by a window
   * function, so a big category costs its index range but returns only `limitEach` rows.
   */
  async membersOfCategories(
    wiki: string,
    categories: string[],
    q: { type: CategoryMemberType; limitEach: number },
  ): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const chunk of chunkKeys([...new Set(categories)], 500)) {
      const rows = await this.ctx
        .db()
        .selectFrom((sub) =>
          sub
            .selectFrom('category_link as c')
            .innerJoin('page as p', (j) =>
              j.onRef('p.wiki', '=', 'c.wiki').onRef('p.page_id', '=', 'c.from_page_id'),
            )
            .select([
              'c.category as category',
              'p.title as title',
              sql<number>`row_number() over (partition by c.category order by c.collation_key, c.from_page_id)`.as(
                'rank',
              ),
            ])
            .where('c.wiki', '=', wiki)
            .where(this.ctx.dialect.anyOf('c.category', chunk))
            .where('c.type', '=', q.type)
            .as('m'),
        )
        .select(['m.category', 'm.title', 'm.rank'])
        .where('m.rank', '<=', q.limitEach)
        .orderBy('m.category')
        .orderBy('m.rank')
        .execute();
      for (const r of rows) append(out, r.category, r.title);
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
        .where(this.ctx.dialect.anyOf('page_id', chunk));
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
   * One keyset page of a reverse link listing, joined with the source pages:
   *   SELECT l.namespace, l.title, l.from_page_id, p.namespace, p.title, p.is_redirect
   *   FROM page_link l JOIN page p ON p.wiki = l.wiki AND p.page_id = l.from_page_id
   *   WHERE l.wiki = ? AND ((l.namespace = ? AND l.title = ?) OR …) [AND l.from_namespace IN (…)]
   *     [AND p.is_redirect = 1|0] [AND (l.namespace, l.title, [l.from_namespace,] l.from_page_id) >= (…)]
   *   ORDER BY l.namespace, l.title, [l.from_namespace,] l.from_page_id LIMIT ?
   * (descending: <= and DESC). Index: ordered by source id, page_link_backlinks_idx,
   * template_link_target_idx, image_link_file_idx; by source namespace, page_link_target_idx,
   * template_link_target_ns_idx, image_link_file_ns_idx. image_link has `file` for the title and
   * no target namespace (always 6).
   */
  async backlinks(wiki: string, q: BacklinkQuery): Promise<Backlink[]> {
    const isFile = q.table === 'image_link';
    const targets = isFile ? q.targets.filter((t) => t.namespace === fileNamespace) : q.targets;
    if (targets.length === 0 || q.fromNamespaces?.length === 0) return [];
    const ref = (column: string) => sql.ref(`l.${column}`);
    const titleColumn = ref(isFile ? 'file' : 'title');
    const conditions: RawBuilder<unknown>[] = [sql`l.wiki = ${wiki}`];
    conditions.push(
      isFile
        ? sql`${titleColumn} in (${sql.join(targets.map((t) => t.title))})`
        : sql`(${sql.join(
            targets.map((t) => sql`(l.namespace = ${t.namespace} and l.title = ${t.title})`),
            sql` or `,
          )})`,
    );
    if (q.fromNamespaces) conditions.push(sql`l.from_namespace in (${sql.join(q.fromNamespaces)})`);
    if (q.redirects) conditions.push(sql`p.is_redirect = ${q.redirects === 'only' ? 1 : 0}`);
    const order = [
      ...(isFile ? [] : [ref('namespace')]),
      titleColumn,
      ...(q.byFromNamespace ? [ref('from_namespace')] : []),
      ref('from_page_id'),
    ];
    if (q.start) {
      const s = q.start;
      const values = [
        ...(isFile ? [] : [s.namespace]),
        s.title,
        ...(q.byFromNamespace ? [s.fromNamespace ?? 0] : []),
        s.fromPageId,
      ];
      conditions.push(sql`(${sql.join(order)}) ${sql.raw(q.descending ? '<=' : '>=')} (${sql.join(values)})`);
    }
    const dir = sql.raw(q.descending ? 'desc' : 'asc');
    const rows = await sql<{
      target_namespace: number;
      target_title: string;
      from_page_id: number;
      namespace: number;
      title: string;
      is_redirect: number;
    }>`select ${isFile ? sql`${fileNamespace}` : ref('namespace')} as target_namespace,
        ${titleColumn} as target_title, l.from_page_id, p.namespace, p.title, p.is_redirect
      from ${sql.table(q.table)} l
      join page p on p.wiki = l.wiki and p.page_id = l.from_page_id
      where ${sql.join(conditions, sql` and `)}
      order by ${sql.join(
        order.map((c) => sql`${c} ${dir}`),
        sql`, `,
      )}
      limit ${q.limit}`.execute(this.ctx.db());
    return rows.rows.map((r) => ({
      target: { namespace: Number(r.target_namespace), title: r.target_title },
      pageId: Number(r.from_page_id),
      namespace: Number(r.namespace),
      title: r.title,
      isRedirect: Number(r.is_redirect) === 1,
    }));
  }

  /**
   * One keyset page of a category's members, joined with the member pages. By sort key, one type:
   *   … WHERE c.wiki = ? AND c.category = ? AND c.type = ? [AND (c.collation_key, c.from_page_id) >= (?, ?)]
   *     [AND c.collation_key <= ?] ORDER BY c.collation_key, c.from_page_id   (category_link_sortkey_idx)
   * By time added:
   *   … WHERE c.wiki = ? AND c.category = ? [AND (c.added_at, c.from_page_id) >= (?, ?)]
   *     [AND c.added_at <= ?] ORDER BY c.added_at, c.from_page_id            (category_link_added_idx)
   * Descending swaps the comparisons and the order. A namespace filter is applied to the joined page.
   */
  async categoryMembers(wiki: string, q: CategoryMemberQuery): Promise<CategoryMember[]> {
    if (q.namespaces?.length === 0) return [];
    const desc = q.descending === true;
    const [from, to] = desc ? ['<=', '>='] : ['>=', '<='];
    const key = sql.ref(q.sort === 'sortkey' ? 'c.collation_key' : 'c.added_at');
    const conditions: RawBuilder<unknown>[] = [sql`c.wiki = ${wiki}`, sql`c.category = ${q.category}`];
    if (q.sort === 'sortkey') conditions.push(sql`c.type = ${q.type}`);
    const start =
      q.sort === 'sortkey'
        ? q.start && { key: q.start.sortKey, pageId: q.start.pageId }
        : q.start && { key: q.start.addedAt, pageId: q.start.pageId };
    if (start) {
      conditions.push(
        start.pageId === undefined
          ? sql`${key} ${sql.raw(from)} ${start.key}`
          : sql`(${key}, c.from_page_id) ${sql.raw(from)} (${start.key}, ${start.pageId})`,
      );
    }
    if (q.end !== undefined) conditions.push(sql`${key} ${sql.raw(to)} ${q.end}`);
    if (q.namespaces) conditions.push(sql`p.namespace in (${sql.join(q.namespaces)})`);
    const dir = sql.raw(desc ? 'desc' : 'asc');
    const rows = await sql<{
      from_page_id: number;
      namespace: number;
      title: string;
      type: string;
      collation_key: string;
      sortkey: string;
      added_at: number;
    }>`select c.from_page_id, p.namespace, p.title, c.type, c.collation_key, c.sortkey, c.added_at
      from category_link c
      join page p on p.wiki = c.wiki and p.page_id = c.from_page_id
      where ${sql.join(conditions, sql` and `)}
      order by ${key} ${dir}, c.from_page_id ${dir}
      limit ${q.limit}`.execute(this.ctx.db());
    return rows.rows.map((r) => ({
      pageId: Number(r.from_page_id),
      namespace: Number(r.namespace),
      title: r.title,
      type: r.type as CategoryMemberType,
      sortKey: r.collation_key,
      sortKeyPrefix: r.sortkey,
      addedAt: Number(r.added_at),
    }));
  }

  /**
   * Distinct pages that link to, transclude, or (for a File: title) use the target, ascending, at
   * most `limit` (page_link_target_idx, template_link_target_idx, image_link_file_idx).
   */
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

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
