import type { Actor } from '../../core/domain/actor.ts';
import type {
  BlockParams,
  BlockResult,
  DeleteParams,
  DeleteResult,
  EditHooks,
  EditParams,
  EditResult,
  LogPerformer,
  LoggedEntry,
  MoveParams,
  MoveResult,
  NewLogEntry,
  PageRef,
  PageText,
  PatrolParams,
  PatrolResult,
  PurgeParams,
  PurgeResult,
  RollbackParams,
  RollbackResult,
  ProtectParams,
  ProtectResult,
  UnblockParams,
  UnblockResult,
  UndeleteParams,
  UndeleteResult,
  WikiSource,
} from '../wiki-source.ts';
import type { Page, Revision } from '../../core/domain/wiki.ts';
import type { LocalWiki } from './local-wiki.ts';

/**
 * The port over the embedded wiki, for one wiki (`source` local or dump): every operation is the
 * LocalWiki's, bound to this wiki. An actor of another wiki is a programming error, not a request
 * to serve: the operation rejects before touching anything.
 */
export class LocalWikiSource implements WikiSource {
  readonly wiki: string;
  readonly writable = true;
  readonly joinsTransactions = true;
  readonly #local: LocalWiki;

  constructor(wiki: string, local: LocalWiki) {
    this.wiki = wiki;
    this.#local = local;
  }

  async getPage(ref: PageRef): Promise<Page | undefined> {
    return this.#local.getPage(this.wiki, ref);
  }

  async getPageText(title: string): Promise<PageText | undefined> {
    return this.#local.getPageText(this.wiki, title);
  }

  async getRevision(revId: number): Promise<Revision | undefined> {
    return this.#local.getRevision(this.wiki, revId);
  }

  async getCreation(pageId: number): Promise<Revision | undefined> {
    return this.#local.getCreation(this.wiki, pageId);
  }

  async edit(actor: Actor, params: EditParams, hooks?: EditHooks): Promise<EditResult> {
    return this.#local.edit(this.#own(actor), params, hooks);
  }

  async purge(actor: Actor, params: PurgeParams): Promise<PurgeResult[]> {
    return this.#local.purge(this.#own(actor), params);
  }

  async rollback(actor: Actor, params: RollbackParams): Promise<RollbackResult> {
    return this.#local.rollback(this.#own(actor), params);
  }

  async move(actor: Actor, params: MoveParams): Promise<MoveResult> {
    return this.#local.move(this.#own(actor), params);
  }

  async delete(actor: Actor, params: DeleteParams): Promise<DeleteResult> {
    return this.#local.delete(this.#own(actor), params);
  }

  async undelete(actor: Actor, params: UndeleteParams): Promise<UndeleteResult> {
    return this.#local.undelete(this.#own(actor), params);
  }

  async protect(actor: Actor, params: ProtectParams): Promise<ProtectResult> {
    return this.#local.protect(this.#own(actor), params);
  }

  async block(actor: Actor, params: BlockParams): Promise<BlockResult> {
    return this.#local.block(this.#own(actor), params);
  }

  async unblock(actor: Actor, params: UnblockParams): Promise<UnblockResult> {
    return this.#local.unblock(this.#own(actor), params);
  }

  async patrol(actor: Actor, params: PatrolParams): Promise<PatrolResult> {
    return this.#local.patrol(this.#own(actor), params);
  }

  async markPatrolled(
    performer: LogPerformer,
    params: { revId: number; tags: string[] },
  ): Promise<PatrolResult | null> {
    return this.#local.markPatrolled(this.wiki, performer, params);
  }

  async writeLog(performer: LogPerformer, entry: NewLogEntry): Promise<LoggedEntry> {
    return this.#local.writeLog(this.wiki, performer, entry);
  }

  #own(actor: Actor): Actor {
    if (actor.wiki !== this.wiki) throw new Error(`an actor of ${actor.wiki} cannot act on ${this.wiki}`);
    return actor;
  }
}
