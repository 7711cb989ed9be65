import type { Clock } from '../core/domain/clock.ts';
import type { WikiInfo } from '../core/domain/wiki.ts';
import type { Store } from '../core/store/store.ts';
import type { WikiRegistry } from '../core/wikis/wiki-registry.ts';
import { fail } from '../errors.ts';
import { LocalWiki } from './local/local-wiki.ts';
import { LocalWikiSource } from './local/local-wiki-source.ts';
import { MediaWikiWikiSource, type MediaWikiActing } from './mediawiki/mediawiki-wiki-source.ts';
import type { WikiSource, WikiSources } from './wiki-source.ts';

/** Builds the port of one wiki. */
export type WikiSourceFactory = (wiki: string) => WikiSource;

/**
 * `WikiSources` over a factory per source kind. A wiki whose source has no factory is `readonly`,
 * as MediaWiki answers writes to a read-only wiki.
 */
export class WikiSourceRegistry implements WikiSources {
  readonly #wikis: WikiRegistry;
  readonly #factories: Readonly<Partial<Record<WikiInfo['source'], WikiSourceFactory>>>;
  readonly #built = new Map<string, WikiSource>();

  constructor(wikis: WikiRegistry, factories: Partial<Record<WikiInfo['source'], WikiSourceFactory>>) {
    this.#wikis = wikis;
    this.#factories = Object.freeze({ ...factories });
  }

  for(wiki: string): WikiSource {
    const { source, id } = this.#wikis.get(wiki).info;
    const key = `${source}:${id}`;
    const built = this.#built.get(key);
    if (built) return built;
    const make = this.#factories[source];
    if (!make)
      throw fail('readonly', `wiki "${id}" follows a ${source} source that this service cannot write to`);
    const made = make(id);
    this.#built.set(key, made);
    return made;
  }

  has(wiki: string): boolean {
    return this.#factories[this.#wikis.get(wiki).info.source] !== undefined && this.for(wiki).writable;
  }
}

/**
 * The sources this build implements: the embedded wiki serves the wikis created here (`local`)
 * and those imported from dumps (`dump`), which stay editable as in MediaWiki; a followed MediaWiki
 * (`mediawiki`) is read from the store its follower fills (wiki-source/mediawiki) and, given
 * `acting`, written to in the names of the users who signed in through it.
 */
export function createWikiSources(deps: {
  store: Store;
  clock: Clock;
  wikis: WikiRegistry;
  acting?: MediaWikiActing;
}): WikiSources {
  const local = new LocalWiki(deps);
  const localSource: WikiSourceFactory = (wiki) => new LocalWikiSource(wiki, local);
  return new WikiSourceRegistry(deps.wikis, {
    local: localSource,
    dump: localSource,
    mediawiki: (wiki) => new MediaWikiWikiSource(wiki, deps),
  });
}
