import type { Config } from '../config.ts';
import type { Actor } from '../core/domain/actor.ts';
import { AccountService } from '../core/accounts/accounts.ts';
import type { AppServices } from '../app-services.ts';
import type { WikiSources } from '../wiki-source/wiki-source.ts';
import { createWikiSources } from '../wiki-source/wiki-sources.ts';
import { type DemoFamily, type DemoOperation, type DemoUser } from './demo-family.ts';
import { demoUploads } from './demo-media.ts';
import { demoWikis } from './demo-wikis.ts';
import { generateFamily } from './generate-family.ts';

export type DemoServices = Pick<AppServices, 'store' | 'clock' | 'wikis' | 'logger' | 'media'>;

export interface LoadDemoOptions {
  seed: number;
  pagesPerWiki: number;
  /** Every demo account's password (demo-access.ts makes a random one). */
  password: string;
  onProgress?: (done: number, total: number) => void;
}

export interface LoadDemoResult {
  /** Wikis created (0 when the demo was already there). */
  wikis: number;
  /** Pages that exist after the replay, on all demo wikis. */
  pages: number;
  users: number;
  seconds: number;
}

/**
 * A low scrypt cost keeps creating ~150 accounts fast. The demo password is random (120 bits,
 * demo-access.ts), so the low cost does not make it guessable from a hash; the cost travels with
 * each hash (passwords.ts), and an account's first login replaces it with a current-cost hash.
 * Accounts are created by the loader, not through the API, so no creation throttle applies.
 */
const DEMO_AUTH: Config['auth'] = {
  sessionTtl: 3600,
  rememberedSessionTtl: 3600,
  visitorCookieTtl: 3600,
  passwordAttemptThrottle: [],
  scryptCost: 64,
  accountCreationThrottle: [],
  secretKey: '',
};

/** Operations per commit. */
const BATCH = 250;

/**
 * Creates the demo wiki family (generateFamily) in the store: the wikis, the media repository's
 * files (real pictures, on disk), the accounts, and then the whole history replayed through the wikis' sources, with the clock
 * reading each operation's time, so revisions, logs, recent changes, link tables and outbox
 * events are exactly what those operations would have written then.
 *
 * Idempotent: when any demo wiki exists already, nothing is done (`wikis: 0`).
 */
export async function loadDemo(services: DemoServices, opts: LoadDemoOptions): Promise<LoadDemoResult> {
  const started = performance.now();
  const { store, wikis, logger } = services;
  const ids = demoWikis().map((w) => w.id);
  const existing = (await store.wikis.list()).filter((w) => ids.includes(w.id));
  if (existing.length > 0) {
    logger.info({ wikis: existing.map((w) => w.id) }, 'demo wikis exist already; not loading the demo');
    return { wikis: 0, pages: 0, users: 0, seconds: (performance.now() - started) / 1000 };
  }

  const now = services.clock();
  const family = generateFamily({ seed: opts.seed, pagesPerWiki: opts.pagesPerWiki, now });
  for (const info of family.wikis) await wikis.upsert(info, family.start);
  // The repository's files are made, stored under config.media.dir and read back for their metadata;
  // their description pages come with the replayed history.
  for (let from = 0; from < family.media.length; from += BATCH)
    await services.media.upload(await demoUploads(family.media.slice(from, from + BATCH)));

  let current = family.start;
  const clock = () => current;
  const wikiSources = createWikiSources({ store, clock, wikis });
  const replay = new Replay(family, {
    wikiSources,
    accounts: new AccountService({ store, clock, auth: DEMO_AUTH, wikiSources }),
    services,
    password: opts.password,
  });
  const ops = family.operations;
  // Operations commit in batches: each still runs in its own (nested) transaction, which the
  // store turns into a savepoint, but the database commits once per batch.
  for (let from = 0; from < ops.length; from += BATCH) {
    await store.transaction(async () => {
      for (let i = from; i < Math.min(ops.length, from + BATCH); i++) {
        const op = ops[i] as DemoOperation;
        current = op.at;
        try {
          await replay.apply(op);
        } catch (e) {
          const where = 'title' in op ? op.title : 'from' in op ? op.from : op.actor;
          throw new Error(
            `demo operation ${i} (${op.kind} ${op.wiki} "${where}" by ${op.actor}): ${String(e)}`,
            {
              cause: e,
            },
          );
        }
      }
    });
    opts.onProgress?.(Math.min(ops.length, from + BATCH), ops.length);
  }

  let pages = 0;
  for (const id of ids) pages += await store.pages.count(id);
  const seconds = (performance.now() - started) / 1000;
  logger.info({ wikis: ids.length, pages, users: family.users.length, seconds }, 'demo wiki family created');
  return { wikis: ids.length, pages, users: family.users.length, seconds };
}

/** Applies operations one by one, keeping what it needs to build actors without sessions. */
class Replay {
  /** wiki + user name → user id of the demo accounts created so far. */
  readonly #accounts = new Map<string, number>();
  /** wiki + title → revision id of the page's creation (what a patrol marks). */
  readonly #creations = new Map<string, number>();
  readonly #users = new Map<string, DemoUser>();

  constructor(
    family: DemoFamily,
    private readonly deps: {
      wikiSources: WikiSources;
      accounts: AccountService;
      services: DemoServices;
      password: string;
    },
  ) {
    for (const u of family.users) this.#users.set(key(u.wiki, u.name), u);
  }

  async apply(op: DemoOperation): Promise<void> {
    const { accounts, services } = this.deps;
    const wiki = this.deps.wikiSources.for(op.wiki);
    switch (op.kind) {
      case 'create-account': {
        const user = this.#users.get(key(op.wiki, op.actor));
        if (!user) throw new Error(`no demo user ${op.actor} on ${op.wiki}`);
        const created = await accounts.createAccount(op.wiki, user.name, this.deps.password, {
          groups: user.groups,
        });
        if (user.priorEdits > 0)
          await services.store.users.incrementEditCount(op.wiki, created.id, user.priorEdits);
        this.#accounts.set(key(op.wiki, user.name), created.id);
        return;
      }
      case 'edit': {
        const result = await wiki.edit(await this.#actor(op), {
          title: op.title,
          text: op.text,
          summary: op.summary,
          minor: op.minor,
          bot: op.bot,
          createOnly: op.create,
        });
        if ('nochange' in result) return;
        if (result.new) this.#creations.set(key(op.wiki, op.title), result.newrevid);
        return;
      }
      case 'move': {
        await wiki.move(await this.#actor(op), { from: op.from, to: op.to, reason: op.reason });
        const rev = this.#creations.get(key(op.wiki, op.from));
        if (rev !== undefined) this.#creations.set(key(op.wiki, op.to), rev);
        this.#creations.delete(key(op.wiki, op.from));
        return;
      }
      case 'delete':
        await wiki.delete(await this.#actor(op), { title: op.title, reason: op.reason });
        this.#creations.delete(key(op.wiki, op.title));
        return;
      case 'block':
        await wiki.block(await this.#actor(op), {
          target: op.target,
          expiry: op.expiry,
          reason: op.reason,
          noCreate: op.noCreate,
        });
        return;
      case 'patrol': {
        const revId = this.#creations.get(key(op.wiki, op.title));
        if (revId === undefined) throw new Error(`no creation revision known for ${op.title}`);
        await wiki.patrol(await this.#actor(op), { revId });
        return;
      }
      case 'protect':
        await wiki.protect(await this.#actor(op), {
          title: op.title,
          protections: [
            { type: 'edit', level: op.edit, expiry: op.expiry },
            { type: 'move', level: op.move, expiry: op.expiry },
          ],
          reason: op.reason,
        });
        return;
    }
  }

  /**
   * The actor of the operation, as the account service builds it at the operation's time: a demo
   * account with its groups, edit count and block; anyone else a visitor with that IP.
   */
  #actor(op: DemoOperation): Promise<Actor> {
    const userId = this.#accounts.get(key(op.wiki, op.actor));
    const { accounts } = this.deps;
    return userId === undefined
      ? accounts.actorFor(op.wiki, undefined, op.actor)
      : accounts.actorForUser(op.wiki, userId);
  }
}

function key(wiki: string, name: string): string {
  return `${wiki}\u0000${name}`;
}
