import type { QueryModule } from '../../core/http/action-api/module.ts';
import type { ReviewService } from '../review-service.ts';

/**
 * meta=pagetriageconfig: the review settings the New Pages Feed and the curation toolbar need on
 * this wiki (PageTriage hands them to its client as ResourceLoader config and tag-data modules,
 * §3 "RL config vars", §8.1 `wgShowOresFilters`/`wgShowCopyvio`, §8.3, §8.4, §9): the tracked
 * namespaces and the Draft namespace, whether quality predictions and copyright-violation flags
 * are served (the feed's prediction filters), whether the tag and delete tools are on, the
 * maintenance tags with their placement and parameters, the deletion tags, the wrappers' template
 * names, the talk-page note templates and the project page the edit summaries link to. Read from
 * the wiki's review preset.
 */
export function pagetriageconfigModule(review: ReviewService): QueryModule {
  return {
    name: 'pagetriageconfig',
    kind: 'meta',
    prefix: 'ptc',
    description:
      "The new pages queue's settings on this wiki: namespaces, quality predictions, maintenance and deletion tags.",
    params: {},
    async execute(ctx, _params, _pages, out) {
      const p = review.presets.for(ctx.wiki);
      out.setQueryValue('pagetriageconfig', {
        namespaces: p.namespaces,
        draftnamespace: p.draftNamespace,
        enableores: p.enableOres,
        enablecopyvio: p.enableCopyvio,
        enableextendedfeatures: p.enableExtendedFeatures,
        projectlink: p.projectLink,
        talkpagenotes: p.talkPageNotes,
        multipleissuestemplate: p.multipleIssuesTemplate,
        redirectcategoryshell: p.redirectCategoryShell,
        maintenancetags: p.maintenanceTags,
        deletiontags: p.deletionTags,
      });
    },
  };
}
