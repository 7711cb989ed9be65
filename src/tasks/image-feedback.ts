import type { CoreServices } from '../core/core-services.ts';
import type { Actor } from '../core/domain/actor.ts';
import { eventContext } from '../core/domain/events.ts';
import { NS_FILE } from '../core/domain/namespaces.ts';
import { formatTitle } from '../core/domain/titles.ts';
import type { Page } from '../core/domain/wiki.ts';
import type { EditPlugin } from '../core/http/action-api/edit-plugins.ts';
import type { ApiRequestContext } from '../core/http/action-api/module.ts';
import { pageUrl } from '../core/http/action-api/query/site-paths.ts';
import type { LoadedWiki } from '../core/wikis/wiki-registry.ts';
import { wikitextContextOf } from '../core/wikis/wikitext-context.ts';
import { fail, warning } from '../errors.ts';
import {
  TAG_IMAGE,
  TAG_SECTION_IMAGE,
  type SuggestionTag,
  type SuggestionsService,
} from '../suggestions/suggestions-service.ts';
import type { EditParams, EditResult } from '../wiki-source/wiki-source.ts';
import { analyzeWikitext } from '../wikitext/analyze.ts';
import { imageLink, insertImage } from '../wikitext/image-insertion.ts';
import { feedbackEvent, feedbackStream, type Judgement } from './domain/feedback-events.ts';
import type { ImageTaskType } from './domain/image-recommendation.ts';
import { invalidatesTask, parseImageSubmission, type ImageSubmission } from './domain/image-submission.ts';
import { GATED_LOG_ACTIONS, TASKS_LOG_TYPE } from './domain/quality-gates.ts';
import type { TaskSettings } from './domain/task-settings.ts';
import { TASK_TYPES } from './domain/task-types.ts';
import type { TasksStore } from './store/tasks-store.ts';
import type { DailyTaskCounts } from './daily-task-counts.ts';
import type { TaskPool } from './task-pool.ts';

/** How long an invalidated task stays out of the pool (GrowthExperiments' cache entry: 10 minutes). */
export const INVALIDATION_SECONDS = 600;

/** The edit plugin of each image task type (VisualEditor's `plugins` value). */
export const IMAGE_EDIT_PLUGINS: Readonly<Record<ImageTaskType, string>> = {
  'image-recommendation': 'ge-task-image-recommendation',
  'section-image-recommendation': 'ge-task-section-image-recommendation',
};

/** The warning of a submission that reaches the daily limit (§5.3), by type. */
const DAILY_LIMIT_WARNINGS: Readonly<Record<ImageTaskType, string>> = {
  'image-recommendation': 'geimagerecommendationdailytasksexceeded',
  'section-image-recommendation': 'gesectionimagerecommendationdailytasksexceeded',
};

/** The tags an invalidation resets: a section task also the article-level one (CirrusSearch needs both). */
const TAGS_OF: Readonly<Record<ImageTaskType, readonly SuggestionTag[]>> = {
  'image-recommendation': [TAG_IMAGE],
  'section-image-recommendation': [TAG_SECTION_IMAGE, TAG_IMAGE],
};

export interface FeedbackDeps {
  core: CoreServices;
  store: TasksStore;
  suggestions: SuggestionsService;
  pool: TaskPool;
  dailyCounts: DailyTaskCounts;
  settings: (wiki: string) => Promise<TaskSettings>;
}

/** The outcome of a recorded submission: its log entry and the warnings of §5.3. */
export interface SubmissionOutcome {
  logId: number;
  warnings: Record<string, true>[];
}

/**
 * Newcomers' judgements of suggested images (suggested-edits-reference.md §5–6): submissions made
 * with an edit (the edit plugins) or through the REST feedback route, and invalidations. Each
 * writes, in one transaction with the edit when there is one: the `growthexperiments` log entry,
 * the feedback row and the `mediawiki.image_suggestions_feedback` event, the page's suggestion
 * tags reset, and the task held out of the pool for 10 minutes on every server process.
 */
export class ImageFeedback {
  readonly #deps: FeedbackDeps;

  constructor(deps: FeedbackDeps) {
    this.#deps = deps;
  }

  /** The edit plugins of the image task types, for action=edit. */
  editPlugins(): EditPlugin[] {
    return (Object.keys(IMAGE_EDIT_PLUGINS) as ImageTaskType[]).map((taskType) => {
      const name = IMAGE_EDIT_PLUGINS[taskType];
      return {
        name,
        description: `a ${taskType} task's submission (suggested edits)`,
        // The misspelling of the data parameter in the seed's client walkthrough.
        dataAliases: taskType === 'image-recommendation' ? ['ge-task-image-recommenation'] : [],
        prepare: async (ctx, data, edit) => {
          if (!(await suggestedEditsActive(this.#deps.core, ctx))) {
            ctx.warn('edit', warning('growthexperiments-suggestededits-inactive', name));
            return { afterSave: async () => ({}) };
          }
          return this.#prepareEdit(ctx, taskType, data, edit);
        },
      };
    });
  }

  /**
   * Checks a submission before it is saved (§5.2) and that the user is under today's limit;
   * returns the user's count today.
   */
  async check(
    wiki: LoadedWiki,
    actor: Actor,
    taskType: ImageTaskType,
    data: unknown,
  ): Promise<{ submission: ImageSubmission; dailyCount: number; maxTasksPerDay: number }> {
    if (actor.userId === 0) throw fail('growthexperiments-structuredtask-anonuser');
    const settings = await this.#deps.settings(wiki.info.id);
    if (!settings.enabled) throw fail('moduledisabled', 'growthexperiments');
    const type = settings.types[taskType];
    if (type.disabled) throw fail('not-in-config', taskType);
    const submission = parseImageSubmission(taskType, data, type.minimumCaptionCharacterLength);
    const { maxTasksPerDay } = type;
    const dailyCount = await this.#deps.dailyCounts.countToday(wiki.info.id, actor, {
      id: taskType,
      maxTasksPerDay,
    });
    if (dailyCount >= maxTasksPerDay)
      throw fail('growthexperiments-dailylimit-exceeded', taskType, dailyCount);
    return { submission, dailyCount, maxTasksPerDay };
  }

  /**
   * Records a checked submission (§5.3) in the running transaction: the invalidation when it
   * judges the image, the log entry, and the warning of the user's last task today. The day's
   * entries are counted again after this one is written: a submission made meanwhile (checked
   * against the same count) has committed by then, since writing a log entry waits for the wiki's
   * log id counter that the other transaction holds, so a limit is never passed; the whole
   * submission is refused instead.
   */
  async record(
    wiki: LoadedWiki,
    actor: Actor,
    page: Pick<Page, 'id' | 'namespace' | 'title'>,
    uri: string,
    checked: { submission: ImageSubmission; dailyCount: number; maxTasksPerDay: number },
    revId: number | null,
  ): Promise<SubmissionOutcome> {
    const { submission: s } = checked;
    if (invalidatesTask(s)) await this.invalidate(wiki, actor.userId, page, uri, s.taskType, s);
    const source = this.#deps.core.wikiSources.for(wiki.info.id);
    const params: Record<string, unknown> = { '4::section': s.sectionTitle ?? '', accepted: s.accepted };
    if (revId !== null) params.associated_rev_id = revId;
    const logged = await source.writeLog(actor, {
      type: TASKS_LOG_TYPE,
      action: GATED_LOG_ACTIONS[s.taskType] as string,
      target: page,
      comment: '',
      params,
      tags: [],
      recentChange: false,
    });
    const { dailyCounts } = this.#deps;
    const today = await dailyCounts.countToday(wiki.info.id, actor, {
      id: s.taskType,
      maxTasksPerDay: checked.maxTasksPerDay,
    });
    if (today > checked.maxTasksPerDay)
      throw fail('growthexperiments-dailylimit-exceeded', s.taskType, today - 1);
    dailyCounts.forget(wiki.info.id, actor);
    const warnings: Record<string, true>[] = [];
    if (today >= checked.maxTasksPerDay) warnings.push({ [DAILY_LIMIT_WARNINGS[s.taskType]]: true });
    return { logId: logged.logid, warnings };
  }

  /**
   * §6: the page's suggestion tags of the type reset, the task held out of the pool for 10 minutes,
   * and (for a judgement) the feedback row; the feedback event always. In the running transaction,
   * or one of its own.
   */
  async invalidate(
    wiki: LoadedWiki,
    userId: number,
    page: Pick<Page, 'id' | 'namespace' | 'title'>,
    uri: string,
    taskType: ImageTaskType,
    judgement: Judgement,
  ): Promise<void> {
    const { core, store, suggestions, pool } = this.#deps;
    const now = core.clock();
    const repo = core.media.repositoryOf(wiki.info)?.repo ?? 'commonswiki';
    await store.transaction(async (tx) => {
      await suggestions.clearTags(wiki.info.id, page.id, TAGS_OF[taskType]);
      await tx.pool.exclude(wiki.info.id, page.id, taskType, now + INVALIDATION_SECONDS);
      await pool.refresh(wiki.info.id, [page.id]);
      if (judgement.accepted !== null)
        await suggestions.recordFeedback({
          wiki: wiki.info.id,
          page_id: page.id,
          filename: judgement.filename,
          origin_wiki: repo,
          user_id: userId,
          is_accepted: judgement.accepted,
          is_rejected: !judgement.accepted,
          rejection_reasons: [...judgement.reasons],
        });
      const event = feedbackEvent(
        eventContext(wiki.info, now),
        { id: page.id, uri },
        userId,
        repo,
        judgement,
      );
      await tx.outbox.append(wiki.info.id, feedbackStream.name, event, now);
    });
  }

  /**
   * The plugin's part before the save: the submission checked (a bad one saves nothing); the
   * task's change tags; for an accept whose text does not show the image (or a request without
   * text), the image inserted where §5.4 puts it, in the wiki's own file syntax; a rejection
   * without text is a null edit of the current text.
   */
  async #prepareEdit(ctx: ApiRequestContext, taskType: ImageTaskType, data: unknown, edit: EditParams) {
    const wiki = await this.#deps.core.wikis.load(ctx.wiki.id);
    const checked = await this.check(wiki, ctx.actor, taskType, data);
    const s = checked.submission;
    edit.noCreate = true;
    edit.systemTags = [...(edit.systemTags ?? []), ...TASK_TYPES[taskType].changeTags];
    const source = this.#deps.core.wikiSources.for(ctx.wiki.id);
    if (edit.text === undefined || (s.accepted && !showsFile(edit.text, s.filename, wiki))) {
      const current = edit.text === undefined ? await source.getPageText(edit.title) : undefined;
      if (edit.text === undefined) {
        if (!current) throw fail('missingtitle');
        edit.text = current.text;
        edit.baseRevId ??= current.page.latestRevId;
      }
      if (s.accepted) edit.text = withImage(edit.text, edit.title, s, wiki);
    }
    return {
      afterSave: async (result: EditResult) => {
        const page = await this.#deps.core.store.pages.getById(ctx.wiki.id, result.pageid);
        if (!page) return {};
        const revId = 'newrevid' in result ? result.newrevid : null;
        const outcome = await this.record(wiki, ctx.actor, page, pageUrl(ctx, result.title), checked, revId);
        return { gelogid: outcome.logId, gewarnings: outcome.warnings };
      },
    };
  }
}

/**
 * The two preferences of seed 001 (GrowthExperiments' homepage and its suggested-edits module):
 * without both, an edit's task data is not used (no check, log, tags or feedback), as
 * GrowthExperiments' save hooks do.
 */
export const SUGGESTED_EDITS_PREFERENCES = {
  'growthexperiments-homepage-enable': 0,
  'growthexperiments-homepage-suggestededits-activated': 0,
} as const;

async function suggestedEditsActive(core: CoreServices, ctx: ApiRequestContext): Promise<boolean> {
  if (ctx.actor.isAnonymous) return true; // refused as anonymous by the check itself
  const options = await core.store.users.getOptions(ctx.wiki.id, ctx.actor.userId);
  return Object.keys(SUGGESTED_EDITS_PREFERENCES).every(
    (k) => options[k] !== undefined && options[k] !== '0' && options[k] !== '',
  );
}

/** Whether the text already uses the file (the client put the image in itself). */
function showsFile(text: string, filename: string, wiki: LoadedWiki): boolean {
  const files = analyzeWikitext(text, wikitextContextOf(wiki.namespaces)).files;
  return files.some((f) => f.title.replace(/ /g, '_') === filename);
}

/** The text with the accepted image in its place; `growthexperiments-addimage-section-not-found` without one. */
function withImage(text: string, title: string, s: ImageSubmission, wiki: LoadedWiki): string {
  const fileNs = formatTitle(NS_FILE, 'X', wiki.namespaces).slice(0, -2);
  const link = imageLink(fileNs, s.filename, wiki.info.lang, s.caption);
  const placement =
    s.sectionNumber === null || s.sectionTitle === null
      ? ({ section: null } as const)
      : { section: { number: s.sectionNumber, title: s.sectionTitle } };
  const out = insertImage(text, link, placement, wikitextContextOf(wiki.namespaces));
  if (out === null)
    throw fail(
      'growthexperiments-addimage-section-not-found',
      title,
      s.sectionNumber ?? 0,
      s.sectionTitle ?? '',
    );
  return out;
}
