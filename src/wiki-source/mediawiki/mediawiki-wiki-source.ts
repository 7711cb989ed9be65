import type { Clock } from '../../core/domain/clock.ts';
import { tryParseTitle } from '../../core/domain/titles.ts';
import type { Page, Revision } from '../../core/domain/wiki.ts';
import type { Store } from '../../core/store/store.ts';
import { writeLogEntry } from '../../core/wikis/log-writer.ts';
import type { WikiRegistry } from '../../core/wikis/wiki-registry.ts';
import { fail } from '../../errors.ts';
import type {
  LogPerformer,
  LoggedEntry,
  NewLogEntry,
  PageRef,
  PageText,
  PatrolResult,
  WikiSource,
} from '../wiki-source.ts';

/**
 * The port over a followed MediaWiki (issue 16), for one wiki. Reads answer from the store, which
 * the follower (mediawiki-mirror.ts) keeps as the wiki has it; the subsystems' own log entries
 * (`pagetriage-curation` …, which a MediaWiki without those extensions has no log for) are kept
 * here. Writes to the wiki itself — edits, patrols, deletions in the user's name — are refused
 * with `wiki-writes-unavailable` until acting as the user is built: nothing is recorded here that
 * the wiki did not do.
 */
export class MediaWikiWikiSource implements WikiSource {
  readonly wiki: string;
  /** Not yet: acting on the wiki in the user's name is issue 16's next step. */
  readonly writable = false;
  readonly #deps: { store: Store; clock: Clock; wikis: WikiRegistry };

  constructor(wiki: string, deps: { store: Store; clock: Clock; wikis: WikiRegistry }) {
    this.wiki = wiki;
    this.#deps = deps;
  }

  async getPage(ref: PageRef): Promise<Page | undefined> {
    if ('pageId' in ref) return this.#deps.store.pages.getById(this.wiki, ref.pageId);
    const t = this.#title(ref.title);
    return this.#deps.store.pages.getByTitle(this.wiki, t.namespace, t.dbKey);
  }

  async getPageText(title: string): Promise<PageText | undefined> {
    const t = this.#title(title);
    const page = await this.#deps.store.pages.getByTitle(this.wiki, t.namespace, t.dbKey);
    if (!page) return undefined;
    const rev = await this.#deps.store.revisions.get(this.wiki, page.latestRevId);
    return { title: t, page, text: rev?.text ?? '' };
  }

  async getRevision(revId: number): Promise<Revision | undefined> {
    return this.#deps.store.revisions.get(this.wiki, revId);
  }

  async getCreation(pageId: number): Promise<Revision | undefined> {
    return this.#deps.store.revisions.first(this.wiki, pageId);
  }

  async writeLog(performer: LogPerformer, entry: NewLogEntry): Promise<LoggedEntry> {
    const now = this.#deps.clock();
    return this.#deps.store.transaction((tx) =>
      writeLogEntry(tx, this.wiki, performer, { ...entry, recentChange: false }, now),
    );
  }

  async markPatrolled(): Promise<PatrolResult | null> {
    return this.#refuse();
  }

  edit = (): Promise<never> => this.#refuse();
  rollback = (): Promise<never> => this.#refuse();
  purge = (): Promise<never> => this.#refuse();
  move = (): Promise<never> => this.#refuse();
  delete = (): Promise<never> => this.#refuse();
  undelete = (): Promise<never> => this.#refuse();
  protect = (): Promise<never> => this.#refuse();
  block = (): Promise<never> => this.#refuse();
  unblock = (): Promise<never> => this.#refuse();
  patrol = (): Promise<never> => this.#refuse();

  #refuse(): Promise<never> {
    return Promise.reject(fail('wiki-writes-unavailable', this.wiki));
  }

  #title(text: string) {
    const t = tryParseTitle(text, this.#deps.wikis.get(this.wiki).namespaces);
    if (!t || t.namespace < 0) throw fail('invalidtitle', text);
    return t;
  }
}
