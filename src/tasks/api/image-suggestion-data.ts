import { renderStatusError } from '../../core/http/action-api/error-format.ts';
import type { ApiRequestContext, QueryModule } from '../../core/http/action-api/module.ts';
import { namespacesOf } from '../../core/http/action-api/request-namespaces.ts';
import { tryParseTitle } from '../../core/domain/titles.ts';
import { messageCatalog } from '../../core/messages/message-catalog.ts';
import { fail } from '../../errors.ts';
import { IMAGE_TASK_TYPES, type ImageTaskType } from '../domain/image-recommendation.ts';
import type { TasksService } from '../tasks-service.ts';

/** The $wgRateLimits action of prop=growthimagesuggestiondata (config `rateLimits`). */
export const IMAGE_SUGGESTION_DATA_RATE_LIMIT = 'growthexperiments-apiqueryimagesuggestiondata';

/**
 * prop=growthimagesuggestiondata (GrowthExperiments' ApiQueryImageSuggestionData,
 * suggested-edits-reference.md §4.5, prefix `gisd`): the image recommendation of each existing page
 * of the page set, for a named user, counted against the `growthexperiments-apiqueryimagesuggestiondata`
 * rate limit (500 a day by default). A page with a recommendation gets
 * `growthimagesuggestiondata: [recommendation]`; a page whose suggestions all had to be left out
 * gets their errors under `growthimagesuggestiondataerrors`; a page without suggestions gets
 * nothing. Pages are answered in (namespace, title) order; when the result is full, `gisdcontinue`
 * (`<ns>|<DB key>`) names the first page not answered. `reason` and `contentLanguageName` are in
 * the `uselang` language when i18n/ has it, else in the wiki's content language.
 */
export function imageSuggestionDataModule(tasks: TasksService): QueryModule {
  return {
    name: 'growthimagesuggestiondata',
    kind: 'prop',
    prefix: 'gisd',
    internal: true,
    description: 'Fetch data for image suggestion tasks (the suggested image and its file metadata).',
    params: {
      tasktype: {
        type: 'enum',
        values: IMAGE_TASK_TYPES,
        default: 'image-recommendation',
        description: 'Task type to fetch the suggestion of.',
      },
      continue: { type: 'string', description: 'When more results are available, use this to continue.' },
    },
    async execute(ctx, params, pages, out) {
      if (ctx.actor.isAnonymous) throw fail('mustbeloggedin-generic');
      await ctx.services.rateLimiter.limit(ctx.actor, IMAGE_SUGGESTION_DATA_RATE_LIMIT);
      const taskType = params.tasktype as ImageTaskType;
      const settings = await tasks.settings(ctx.wiki.id);
      if (!settings.enabled) throw fail('moduledisabled', 'growthimagesuggestiondata');
      if (!tasks.imageTasksConfigured(ctx.wiki)) throw fail('not-in-config', taskType);
      const ns = namespacesOf(ctx);
      const sorted = [...pages.pages.values()]
        .map((p) => ({ id: p.pageid, namespace: p.ns, title: tryParseTitle(p.title, ns)?.dbKey ?? '' }))
        .sort((a, b) => a.namespace - b.namespace || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
      let start = 0;
      if (params.continue !== undefined) {
        const m = /^(-?\d+)\|(.*)$/.exec(params.continue as string);
        if (!m) throw fail('badcontinue');
        const [cns, ctitle] = [Number(m[1]), m[2]!];
        start = sorted.findIndex((p) => p.namespace > cns || (p.namespace === cns && p.title >= ctitle));
        if (start < 0) start = sorted.length;
      }
      const wiki = await ctx.services.wikis.load(ctx.wiki.id);
      const lang = readerLanguage(ctx);
      for (const page of sorted.slice(start)) {
        const result = await tasks.imageRecommendation(wiki, page, taskType, lang);
        if (result.ok) {
          if (!out.appendPageList(page.id, 'growthimagesuggestiondata', result.recommendation)) {
            out.setContinue('gisdcontinue', `${page.namespace}|${page.title}`);
            return;
          }
        } else if (!result.none) {
          for (const e of result.errors) {
            if (
              !out.appendPageList(
                page.id,
                'growthimagesuggestiondataerrors',
                renderStatusError({ code: e.code, text: e.message }, ctx.errorFormat),
              )
            ) {
              out.setContinue('gisdcontinue', `${page.namespace}|${page.title}`);
              return;
            }
          }
        }
      }
    },
  };
}

/** The request's `uselang` when the interface messages have it, else the wiki's content language. */
function readerLanguage(ctx: ApiRequestContext): string {
  const uselang = ctx.rawParam('uselang');
  return uselang !== undefined && messageCatalog().languages.includes(uselang) ? uselang : ctx.wiki.lang;
}
