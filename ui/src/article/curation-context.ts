import { computed } from 'vue';
import type { QueuedPage, ReviewConfig } from './review-api.ts';
import { session } from '../session/session.ts';

/**
 * What every curation tool (mark, tags, delete) works on: the page, its row in the review queue
 * and the wiki's review settings. The toolbar builds it once and binds it to the open tool
 * (`v-bind="context"`); each tool declares it as its props.
 */
export interface CurationContext {
  wiki: string;
  pageid: number;
  title: string;
  ns: number;
  queued: QueuedPage;
  config: ReviewConfig;
}

/**
 * The page's creator as the tools see them: the name ('' when unknown), whether the signed-in
 * user created the page, and whether a note may be sent to them (a known creator who is not the
 * reviewer and whose name is not hidden, §8.2 mark).
 */
export function useCreator(context: Pick<CurationContext, 'queued'>) {
  const creator = computed(() => context.queued.user_name ?? '');
  const isCreator = computed(() => creator.value !== '' && creator.value === session.user?.name);
  const canNotify = computed(
    () => creator.value !== '' && !isCreator.value && context.queued.creator_hidden !== true,
  );
  return { creator, isCreator, canNotify };
}
