import type { Actor } from '../../src/core/domain/actor.ts';
import { defaultNamespaces, type NamespaceInfo } from '../../src/core/domain/namespaces.ts';
import type { Block, WikiInfo } from '../../src/core/domain/wiki.ts';
import { AccountService } from '../../src/core/accounts/accounts.ts';
import { WikiRegistry } from '../../src/core/wikis/wiki-registry.ts';
import { openTestStore } from './test-store.ts';
import type { OutboxEvent } from '../../src/core/store/repositories/event-log.ts';
import type { Store } from '../../src/core/store/store.ts';
import { LocalWiki } from '../../src/wiki-source/local/local-wiki.ts';
import { createWikiSources } from '../../src/wiki-source/wiki-sources.ts';
import { anonymousActor, TEST_AUTH } from './actors.ts';

export const START = 1_700_000_000;
/** Where fixture actors act from. */
const TEST_IP = '192.0.2.1';

/** MediaWiki's German namespace names over the canonical English ones (which stay as canonical names). */
export function germanNamespaces(): NamespaceInfo[] {
  const names: Record<number, string> = {
    [-2]: 'Medium',
    [-1]: 'Spezial',
    1: 'Diskussion',
    2: 'Benutzer',
    3: 'Benutzer Diskussion',
    4: 'Wikipedia',
    5: 'Wikipedia Diskussion',
    6: 'Datei',
    7: 'Datei Diskussion',
    10: 'Vorlage',
    11: 'Vorlage Diskussion',
    14: 'Kategorie',
    15: 'Kategorie Diskussion',
  };
  return defaultNamespaces().map((ns) => ({ ...ns, name: names[ns.id] ?? ns.name }));
}

export interface LocalWikiFixture {
  store: Store;
  wikis: WikiRegistry;
  localWiki: LocalWiki;
  wiki: string;
  /** The fixture clock (Unix seconds); tests move it with `advance`. */
  now(): number;
  advance(seconds: number): void;
  /**
   * Registers an account in the store and returns its actor: `groups` are explicit groups; the
   * implicit ones follow from editCount (default 100, i.e. autoconfirmed).
   */
  user(name: string, opts?: { groups?: string[]; editCount?: number; block?: Block | null }): Promise<Actor>;
  anonymous(opts?: { ip?: string; block?: Block | null }): Actor;
  /** The actor again, with its current edit count and active block read from the store. */
  refresh(actor: Actor): Promise<Actor>;
  /** Events written to the log since the previous call. */
  drainOutbox(): Promise<OutboxEvent[]>;
  close(): Promise<void>;
}

export async function createLocalWikiFixture(
  opts: {
    wiki?: string;
    lang?: string;
    namespaces?: NamespaceInfo[];
    settings?: Record<string, unknown>;
  } = {},
): Promise<LocalWikiFixture> {
  let now = START;
  let drained = 0;
  const clock = () => now;
  const wiki = opts.wiki ?? 'testwiki';
  const { store, close } = await openTestStore({ clock, migrate: true });
  const wikis = new WikiRegistry(store.wikis);
  const info: WikiInfo = {
    id: wiki,
    lang: opts.lang ?? 'en',
    sitename: 'Test Wiki',
    baseUrl: '',
    namespaces: opts.namespaces ?? defaultNamespaces(),
    isMediaRepo: false,
    source: 'local',
    settings: opts.settings ?? {},
  };
  await wikis.upsert(info, now);
  const localWiki = new LocalWiki({ store, clock, wikis });
  const accounts = new AccountService({
    store,
    clock,
    auth: TEST_AUTH,
    wikiSources: createWikiSources({ store, clock, wikis }),
  });
  /** The account's actor as the store has it now; `block` (when given) replaces its stored block. */
  const actorFor = async (userId: number, block?: Block | null): Promise<Actor> => {
    const actor = await accounts.actorForUser(wiki, userId, TEST_IP);
    return block === undefined ? actor : { ...actor, block };
  };

  return {
    store,
    wikis,
    localWiki,
    wiki,
    now: () => now,
    advance: (seconds) => {
      now += seconds;
    },
    async user(name, o = {}) {
      const id = await store.ids.next(wiki, 'user');
      await store.users.insert({
        wiki,
        id,
        name,
        passwordHash: '',
        registration: null,
        editCount: o.editCount ?? 100,
      });
      for (const g of o.groups ?? []) await store.users.addGroup(wiki, id, g, null);
      return actorFor(id, o.block);
    },
    anonymous(o = {}) {
      return anonymousActor({ wiki, ip: o.ip, block: o.block ?? null });
    },
    async refresh(actor) {
      if (actor.userId === 0) {
        return anonymousActor({
          wiki,
          ip: actor.ip,
          block: (await store.blocks.activeForAddress(wiki, actor.ip, now)) ?? null,
        });
      }
      return actorFor(actor.userId);
    },
    async drainOutbox() {
      const events = await store.outbox.readAfter(drained, 1000);
      drained = events.at(-1)?.id ?? drained;
      return events;
    },
    close,
  };
}
