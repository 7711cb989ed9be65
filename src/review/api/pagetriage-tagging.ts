import { formatTitle } from '../../core/domain/titles.ts';
import { fail } from '../../errors.ts';
import type { EditParams } from '../../wiki-source/wiki-source.ts';
import type { ApiModule } from '../../core/http/action-api/module.ts';
import { namespacesOf } from '../../core/http/action-api/request-namespaces.ts';
import type { ReviewService } from '../review-service.ts';

/**
 * action=pagetriagetagging (ApiPageTriageTagging, review-queue-reference.md §2.4): saves the page
 * text the curation toolbar built with its maintenance or deletion tags, then logs the tagging and
 * notifies the creator. `wikitext` is the whole new text; the 1.39 form `top`/`bottom` prepends
 * `top` + "\n\n" and appends "\n\n" + `bottom` (no edit when both are empty).
 *
 * The edit goes through the wiki's source, so this works only for wikis this service writes to
 * (`pagetriage-not-local` otherwise, e.g. a followed MediaWiki); it is `moduledisabled` when the
 * preset turns the extended features off.
 */
export function pagetriagetaggingModule(review: ReviewService): ApiModule {
  return {
    name: 'pagetriagetagging',
    description: 'Add tags to an article.',
    mustBePosted: true,
    needsToken: 'csrf',
    isWrite: true,
    params: {
      pageid: { type: 'integer', required: true, description: 'The article for which to be tagged.' },
      wikitext: { type: 'text', description: 'The entire new page text, tags included.' },
      top: {
        type: 'text',
        deprecated: true,
        description: 'The tagging text to be added to the top of an article (MediaWiki 1.39).',
      },
      bottom: {
        type: 'text',
        deprecated: true,
        description: 'The tagging text to be added to the bottom of an article (MediaWiki 1.39).',
      },
      deletion: { type: 'boolean', description: 'Whether or not the tagging is for a deletion nomination.' },
      note: { type: 'string', default: '', description: 'Personal message to page creators from reviewers.' },
      taglist: { type: 'string', multi: true, required: true, description: 'Pipe-separated list of tags.' },
    },
    async execute(ctx, params) {
      const { services } = ctx;
      const queue = review.queue;
      if (!queue.preset(ctx.wiki.id).enableExtendedFeatures)
        throw fail('moduledisabled', 'pagetriagetagging');
      if (!services.wikiSources.has(ctx.wiki.id)) throw fail('pagetriage-not-local', ctx.wiki.id);
      const wikitext = params.wikitext as string | undefined;
      const top = (params.top as string | undefined) ?? '';
      const bottom = (params.bottom as string | undefined) ?? '';
      if (wikitext === undefined && params.top === undefined && params.bottom === undefined)
        throw fail('missingparam', 'wikitext');
      const deletion = params.deletion === true;
      const taglist = (params.taglist as string[] | undefined) ?? [];
      const note = (params.note as string | undefined) ?? '';

      const { page } = await queue.checkTagging(ctx.actor, params.pageid as number, deletion);
      const preset = queue.preset(ctx.wiki.id);
      const summary = `${deletion ? 'Nominated page for deletion' : 'Added tags to the page'} using [[${preset.projectLink}|Page Curation]] (${taglist.join(', ')})`;
      const edit: EditParams = {
        title: formatTitle(page.namespace, page.title, namespacesOf(ctx)),
        summary,
        systemTags: ['pagetriage'],
      };
      if (wikitext !== undefined) edit.text = wikitext;
      else {
        if (top !== '') edit.prependText = `${top}\n\n`;
        if (bottom !== '') edit.appendText = `\n\n${bottom}`;
      }
      let revId = page.latestRevId;
      if (edit.text !== undefined || edit.prependText !== undefined || edit.appendText !== undefined) {
        const saved = await services.wikiSources.for(ctx.wiki.id).edit(ctx.actor, edit);
        if ('newrevid' in saved) revId = saved.newrevid;
      }
      await queue.recordTagging(ctx.actor, { page, tags: taglist, deletion, note, revId });
      return { body: { result: 'success' } };
    },
  };
}
