import type { ApiModule } from '../../core/http/action-api/module.ts';
import { pageUrl } from '../../core/http/action-api/query/site-paths.ts';
import { fail } from '../../errors.ts';
import { IMAGE_TASK_TYPES, type ImageTaskType } from '../domain/image-recommendation.ts';
import type { TasksService } from '../tasks-service.ts';

/**
 * action=growthinvalidateimagerecommendation (GrowthExperiments' ApiInvalidateImageRecommendation,
 * seed 000, suggested-edits-reference.md §6): the client found the task cannot be done (the article
 * has an image now, the section is gone…). The page's suggestion tags of the type are reset, the
 * task is held out of every server's pool for 10 minutes, and a feedback event with neither
 * accepted nor rejected is sent. Whether the page is in the caller's task list is not checked (as
 * the reference since 2023). Unlike the reference, only named users may, within the edit rate limit.
 */
export function invalidateImageRecommendationModule(tasks: TasksService): ApiModule {
  return {
    name: 'growthinvalidateimagerecommendation',
    description: 'Invalidate an image recommendation (suggested edits).',
    mustBePosted: true,
    needsToken: 'csrf',
    isWrite: true,
    // A named user's edit budget: the reference lets anyone (the anonymous token is public) hold any
    // task out of every newcomer's pool, as often as they like.
    rateLimit: 'edit',
    params: {
      tasktype: {
        type: 'enum',
        values: IMAGE_TASK_TYPES,
        default: 'image-recommendation',
        description: 'Task type (top-level or section-level).',
      },
      title: {
        type: 'title',
        required: true,
        description: 'Title of the article the image recommendation task is for.',
      },
      filename: {
        type: 'string',
        required: true,
        description: 'The unprefixed filename for the image recommendation, e.g. Foo.jpg.',
      },
      sectiontitle: {
        type: 'string',
        description: 'The title of the section the image recommendation is for, e.g. History.',
      },
      sectionnumber: {
        type: 'integer',
        min: 1,
        description: 'The 1-based index of the section the image recommendation is for, e.g. 3.',
      },
    },
    async execute(ctx, params) {
      if (ctx.actor.isAnonymous) throw fail('mustbeloggedin-generic');
      const taskType = params.tasktype as ImageTaskType;
      const settings = await tasks.settings(ctx.wiki.id);
      if (!settings.enabled) throw fail('moduledisabled', 'growthinvalidateimagerecommendation');
      if (!tasks.imageTasksConfigured(ctx.wiki)) throw fail('not-in-config', taskType);
      const wiki = await ctx.services.wikis.load(ctx.wiki.id);
      const found = await ctx.services.wikiSources.for(ctx.wiki.id).getPageText(params.title as string);
      if (!found) throw fail('invalidtitle', params.title as string);
      await tasks.imageFeedback.invalidate(
        wiki,
        ctx.actor.userId,
        found.page,
        pageUrl(ctx, found.title.prefixedText),
        taskType,
        {
          filename: (params.filename as string).trim().replace(/ /g, '_'),
          accepted: null,
          reasons: [],
          sectionTitle: (params.sectiontitle as string | undefined) ?? null,
          sectionNumber: (params.sectionnumber as number | undefined) ?? null,
        },
      );
      return { body: { status: 'ok' } };
    },
  };
}
