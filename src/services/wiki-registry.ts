import { NamespaceTable } from '../domain/namespaces.ts';
import type { WikiInfo } from '../domain/wiki.ts';
import { fail } from '../errors.ts';
import type { WikiRepository } from '../store/store.ts';

export interface LoadedWiki {
  info: WikiInfo;
  namespaces: NamespaceTable;
}

/**
 * The wikis this instance serves, cached in memory (they change only through `upsert`, which
 * refreshes the cache). Other instances pick up changes on `reload()`.
 */
export class WikiRegistry {
  #cache = new Map<string, LoadedWiki>();

  constructor(private readonly wikis: WikiRepository) {}

  async reload(): Promise<void> {
    const all = await this.wikis.list();
    this.#cache = new Map(all.map((w) => [w.id, { info: w, namespaces: new NamespaceTable(w.namespaces) }]));
  }

  list(): LoadedWiki[] {
    return [...this.#cache.values()];
  }

  find(id: string): LoadedWiki | undefined {
    return this.#cache.get(id);
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

  async upsert(info: WikiInfo, now: number): Promise<LoadedWiki> {
    await this.wikis.upsert(info, now);
    const loaded = { info, namespaces: new NamespaceTable(info.namespaces) };
    this.#cache.set(info.id, loaded);
    return loaded;
  }
}
