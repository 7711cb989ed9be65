import { NamespaceTable } from '../domain/namespaces.ts';
import type { SettingProblem, SettingsDeclaration } from '../domain/settings-schema.ts';
import type { WikiInfo } from '../domain/wiki.ts';
import { cleanUpText } from '../domain/text-cleanup.ts';
import { coreSettingsProblems } from '../domain/wiki-settings.ts';
import { isWikiId } from '../../config.ts';
import { fail, failWith } from '../../errors.ts';
import type { WikiRepository } from '../store/repositories/wikis-and-ids.ts';

export interface LoadedWiki {
  info: WikiInfo;
  namespaces: NamespaceTable;
}

/**
 * The wikis this instance serves, cached in memory (`upsert` refreshes the cache). Wikis added or
 * changed by another process — the CLI importing a dump next to the server, another instance —
 * are picked up by `reload()`; a request for a wiki not in the cache looks that one wiki up
 * (`findFresh`, one primary-key read).
 *
 * Every write is validated first: the core's settings (wiki-settings.ts) and each subsystem's
 * document (`settings[name]`, by the declarations given here); any other top-level key is refused.
 */
export class WikiRegistry {
  #cache = new Map<string, LoadedWiki>();
  readonly #declarations: ReadonlyMap<string, SettingsDeclaration<unknown>>;

  constructor(
    private readonly wikis: WikiRepository,
    /** The subsystems' settings declarations (create-services.ts subsystemSettings()). */
    declarations: readonly SettingsDeclaration<unknown>[] = [],
  ) {
    this.#declarations = new Map(declarations.map((d) => [d.key, d]));
  }

  async reload(): Promise<void> {
    const all = await this.wikis.list();
    this.#cache = new Map(all.map((w) => [w.id, loadedWiki(w)]));
  }

  list(): LoadedWiki[] {
    return [...this.#cache.values()];
  }

  find(id: string): LoadedWiki | undefined {
    return this.#cache.get(id);
  }

  /**
   * The wiki, looked up in the store when it is not cached (and cached then), or undefined. An id
   * with characters no request may carry (NUL and other controls: text-cleanup.ts) names no wiki
   * and is not looked up (PostgreSQL refuses NUL in text).
   */
  async findFresh(id: string): Promise<LoadedWiki | undefined> {
    const cached = this.#cache.get(id);
    if (cached) return cached;
    if (cleanUpText(id) !== id) return undefined;
    const info = await this.wikis.get(id);
    if (!info) return undefined;
    const loaded = loadedWiki(info);
    this.#cache.set(id, loaded);
    return loaded;
  }

  /** `findFresh`, or the catalogued `nosuchwiki` error. */
  async load(id: string): Promise<LoadedWiki> {
    const w = await this.findFresh(id);
    if (!w) throw fail('nosuchwiki', id);
    return w;
  }

  /** The wiki, or the catalogued `nosuchwiki` error. */
  get(id: string): LoadedWiki {
    const w = this.#cache.get(id);
    if (!w) throw fail('nosuchwiki', id);
    return w;
  }

  /** The wiki whose language code is `lang` (content wikis only), for interlanguage links. */
  byLanguage(lang: string): LoadedWiki | undefined {
    for (const w of this.#cache.values()) if (!w.info.isMediaRepo && w.info.lang === lang) return w;
    return undefined;
  }

  mediaRepo(): LoadedWiki | undefined {
    for (const w of this.#cache.values()) if (w.info.isMediaRepo) return w;
    return undefined;
  }

  /** Everything wrong with `info.settings`, by dotted key; empty when the wiki may be written. */
  settingsProblems(info: WikiInfo): SettingProblem[] {
    const problems = coreSettingsProblems(info, new Set(this.#declarations.keys()));
    for (const [key, declaration] of this.#declarations) {
      if (info.settings[key] !== undefined)
        problems.push(...declaration.parse(info.settings[key], info).problems);
    }
    return problems;
  }

  /**
   * Stores the wiki, after validating its id (`invalid-wiki-id`) and settings
   * (`invalid-wiki-settings`); nothing is written when either is wrong.
   */
  async upsert(info: WikiInfo, now: number): Promise<LoadedWiki> {
    if (!isWikiId(info.id)) throw fail('invalid-wiki-id', info.id);
    const problems = this.settingsProblems(info);
    const first = problems[0];
    if (first) throw failWith('invalid-wiki-settings', { problems }, info.id, first.key, first.problem);
    await this.wikis.upsert(info, now);
    const loaded = loadedWiki(info);
    this.#cache.set(info.id, loaded);
    return loaded;
  }
}

function loadedWiki(info: WikiInfo): LoadedWiki {
  return { info, namespaces: new NamespaceTable(info.namespaces) };
}
