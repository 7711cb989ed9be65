import { eventContext } from '../core/domain/events.ts';
import type { WikiInfo } from '../core/domain/wiki.ts';
import type { Repositories } from '../core/store/store.ts';
import { suggestionStreams, tagsEvent } from './domain/suggestion-events.ts';
import type { TagChange } from './store/generator-repository.ts';

/** Writes a `wikiqueue.image-suggestion-tags` event per changed page, in the caller's transaction. */
export async function appendTagEvents(
  tx: Pick<Repositories, 'outbox'>,
  wiki: WikiInfo,
  now: number,
  changes: readonly TagChange[],
): Promise<void> {
  const ctx = eventContext(wiki, now);
  for (const c of changes)
    await tx.outbox.append(
      wiki.id,
      suggestionStreams.tags.name,
      tagsEvent(ctx, c.pageId, c.before, c.after),
      now,
    );
}
