import type { NamespaceTable } from '../../../domain/namespaces.ts';
import {
  formatTitle,
  makeTitle,
  parseTitle,
  toDisplayText,
  type InvalidTitleReason,
  type Title,
} from '../../../domain/titles.ts';
import type { Page, PageRedirect } from '../../../domain/wiki.ts';
import type { ApiRequestContext, QueryPage, QueryPageSet } from '../module.ts';

/**
 * The page set of action=query (MediaWiki's ApiPageSet): pages named by `titles`, `pageids` or
 * `revids`, or produced by a generator, with `redirects` resolved when asked
 * from the stored redirect targets (the `redirect` table).
 *
 * Pages that do not exist get negative pseudo-ids (-1, -2, … in the order they are met), which
 * key them in formatversion 1 and let prop modules add data to them; formatversion 2 prints them
 * without a page id. `entries()` lists everything in MediaWiki's output order: missing titles,
 * invalid titles, missing page ids, special pages, then existing pages.
 */
export interface ResolvedPageSet extends QueryPageSet {
  readonly missingPageIds: readonly number[];
  readonly special: readonly (QueryPage & { pageid: number })[];
  /** Titles on other wikis (an interwiki or language prefix), reported apart as ApiPageSet does. */
  readonly interwiki: readonly { title: string; iw: string }[];
  readonly badRevids: readonly number[];
  /** Every page entry with its key (page id or pseudo-id) in output order. */
  entries(): { key: number; page: QueryPage }[];
}

const invalidReasons: Record<InvalidTitleReason, string> = {
  empty: 'The requested page title is empty or contains only the name of a namespace.',
  'illegal-characters': 'The requested page title contains invalid characters.',
  'relative-path': 'Title has relative path. Relative page titles (./, ../) are invalid.',
  'magic-tilde': 'The requested page title contains invalid characters: "~~~".',
  'too-long': 'The requested page title is too long.',
  'leading-colon': 'The requested page title starts with a colon.',
  'replacement-character': 'The requested page title contains an invalid UTF-8 sequence.',
  'talk-namespace': 'The requested page title refers to a talk page that can not exist.',
};

const maxRedirectHops = 10;

export class PageSetBuilder implements ResolvedPageSet {
  readonly pages = new Map<number, QueryPage & { pageid: number }>();
  readonly missing: (QueryPage & { pageid: number })[] = [];
  readonly invalid: (QueryPage & { pageid: number })[] = [];
  readonly missingPageIds: number[] = [];
  readonly special: (QueryPage & { pageid: number })[] = [];
  readonly revids = new Map<number, number[]>();
  readonly badRevids: number[] = [];
  readonly normalized: { from: string; to: string }[] = [];
  readonly interwiki: { title: string; iw: string }[] = [];
  readonly redirects: { from: string; to: string; tofragment?: string }[] = [];
  #nextFakeId = -1;
  readonly #seenTitles = new Set<string>();

  constructor(
    private readonly ctx: ApiRequestContext,
    private readonly namespaces: NamespaceTable,
  ) {}

  entries(): { key: number; page: QueryPage }[] {
    const out: { key: number; page: QueryPage }[] = [];
    for (const p of [...this.missing, ...this.invalid]) out.push({ key: p.pageid, page: p });
    for (const id of this.missingPageIds)
      out.push({ key: id, page: { pageid: id, ns: 0, title: '', missing: true } });
    for (const p of this.special) out.push({ key: p.pageid, page: p });
    for (const [id, p] of this.pages) out.push({ key: id, page: p });
    return out;
  }

  async addTitles(inputs: readonly string[]): Promise<void> {
    const wanted: Title[] = [];
    for (const input of inputs) {
      const parsed = parseTitle(input, this.namespaces);
      if (!parsed.ok) {
        this.invalid.push({
          pageid: this.#fakeId(),
          ns: 0,
          title: input,
          invalid: true,
          invalidreason: invalidReasons[parsed.reason],
        });
        continue;
      }
      const t = parsed.title;
      if (t.prefixedText !== input) this.normalized.push({ from: input, to: t.prefixedText });
      if (t.interwiki !== '') this.interwiki.push({ title: t.prefixedText, iw: t.interwiki });
      else wanted.push(t);
    }
    await this.#addParsedTitles(wanted);
  }

  async addPageIds(ids: readonly number[]): Promise<void> {
    const found = await this.ctx.services.store.pages.getManyByIds(this.ctx.wiki.id, [...new Set(ids)]);
    const byId = new Map(found.map((p) => [p.id, p]));
    for (const id of ids) {
      const page = byId.get(id);
      if (page) this.#addPage(page);
      else if (!this.missingPageIds.includes(id)) this.missingPageIds.push(id);
    }
  }

  async addRevids(revids: readonly number[]): Promise<void> {
    const pageIds: number[] = [];
    for (const revid of revids) {
      const rev = await this.ctx.services.store.revisions.get(this.ctx.wiki.id, revid);
      if (!rev) {
        if (!this.badRevids.includes(revid)) this.badRevids.push(revid);
        continue;
      }
      const list = this.revids.get(rev.pageId) ?? [];
      if (!list.includes(revid)) list.push(revid);
      this.revids.set(rev.pageId, list);
      pageIds.push(rev.pageId);
    }
    await this.addPageIds(pageIds);
  }

  /** Replaces redirects in the set by their targets, following chains (ApiPageSet::resolvePendingRedirects). */
  async resolveRedirects(): Promise<void> {
    for (let hop = 0; hop < maxRedirectHops; hop++) {
      const redirects = [...this.pages.values()].filter((p) => this.#isRedirect.has(p.pageid));
      if (redirects.length === 0) return;
      const stored = await this.ctx.services.store.redirects.getMany(
        this.ctx.wiki.id,
        redirects.map((p) => p.pageid),
      );
      const targets: Title[] = [];
      for (const page of redirects) {
        this.pages.delete(page.pageid);
        this.#isRedirect.delete(page.pageid);
        const target = this.#localTarget(stored.get(page.pageid));
        if (!target) continue;
        this.redirects.push({
          from: page.title,
          to: target.prefixedText,
          ...(target.fragment ? { tofragment: target.fragment } : {}),
        });
        targets.push(target);
      }
      await this.#addParsedTitles(targets);
    }
  }

  readonly #isRedirect = new Set<number>();

  async #addParsedTitles(titles: readonly Title[]): Promise<void> {
    const fresh = titles.filter((t) => {
      const key = `${t.namespace}:${t.dbKey}`;
      if (this.#seenTitles.has(key)) return false;
      this.#seenTitles.add(key);
      return true;
    });
    const lookup = fresh
      .filter((t) => t.namespace >= 0)
      .map((t) => ({ namespace: t.namespace, title: t.dbKey }));
    const found =
      lookup.length > 0 ? await this.ctx.services.store.pages.getManyByTitles(this.ctx.wiki.id, lookup) : [];
    const byKey = new Map(found.map((p) => [`${p.namespace}:${p.title}`, p]));
    for (const t of fresh) {
      if (t.namespace < 0) {
        this.special.push({ pageid: this.#fakeId(), ns: t.namespace, title: t.prefixedText });
        continue;
      }
      const page = byKey.get(`${t.namespace}:${t.dbKey}`);
      if (page) this.#addPage(page);
      else
        this.missing.push({ pageid: this.#fakeId(), ns: t.namespace, title: t.prefixedText, missing: true });
    }
  }

  #addPage(page: Page): void {
    if (this.pages.has(page.id)) return;
    this.#seenTitles.add(`${page.namespace}:${page.title}`);
    this.pages.set(page.id, {
      pageid: page.id,
      ns: page.namespace,
      title: formatTitle(page.namespace, page.title, this.namespaces),
    });
    if (page.isRedirect) this.#isRedirect.add(page.id);
  }

  /** A stored redirect's target as a title of this wiki; undefined for an interwiki redirect. */
  #localTarget(target: PageRedirect | undefined): Title | undefined {
    if (!target || target.interwiki !== '') return undefined;
    return makeTitle(target.namespace, target.title, this.namespaces, toDisplayText(target.fragment));
  }

  #fakeId(): number {
    return this.#nextFakeId--;
  }
}
