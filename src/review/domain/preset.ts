import { setting, type SettingSchema } from '../../core/domain/settings-schema.ts';

/**
 * Per-wiki settings of the review queue. The reference hard-wires English Wikipedia's category
 * and template names (review-queue-reference.md §11 "i18n"); here they are data, one preset file per
 * wiki under `presets/review/`, read with the schema below (its defaults fill what a preset leaves out).
 */
export interface ReviewPreset {
  /** Tracked namespaces besides Draft ($wgPageTriageNamespaces, default [0]). */
  namespaces: number[];
  /** The Draft namespace id, or null when the wiki has none ($wgPageTriageDraftNamespaceId). */
  draftNamespace: number | null;
  /** Category names (spaces or underscores) that set each deletion flag (§1.6). */
  deletionCategories: { csd: string[]; prod: string[]; blpProd: string[]; afd: string[] };
  /** Category names giving the AfC states (§1.6 afc_state). */
  afcCategories: { underReview: string[]; pending: string[]; declined: string[] };
  /** Templates whose use counts as a reference (enwiki: sfn, harvnb). */
  citationTemplates: string[];
  /** Talk-page note templates (§9 TalkPageNoteTemplate). */
  talkPageNotes: { mark: string; unmarkNote: string; unmarkNoNote: string; sendNote: string; tags: string };
  /** The project page the edit summaries link to (§9 ProjectLink). */
  projectLink: string;
  /**
   * Maintenance tags the toolbar offers (§8.3): the template, its label, description and category, where it goes
   * (`top`, `bottom`, `stub`, `categories`, `redirectTag`), whether it may sit in the
   * multiple-issues wrapper, and its parameters (`|name=value`; `required` ones are asked for).
   */
  maintenanceTags: MaintenanceTag[];
  /** The wrapper of several top tags (§8.3 step 4; enwiki `Multiple issues`). */
  multipleIssuesTemplate: string;
  /** The wrapper of redirect tags (§8.3 step 5; enwiki `Redirect category shell`). */
  redirectCategoryShell: string;
  /** Deletion tags the toolbar offers (§8.4). */
  deletionTags: DeletionTag[];
  ages: {
    /** Unreviewed-NOINDEX age in days ($wgPageTriageMaxAge). */
    maxAge: number;
    /** __NOINDEX__ honoured for this many days ($wgPageTriageMaxNoIndexAge). */
    maxNoIndexAge: number;
    /** Redirects leave the queue after this many days ($wgPageTriageRedirectAutoreviewAge). */
    redirectAutoreviewAge: number;
    /** Reviewed articles leave the queue after this many days (hard-coded 30 in the reference). */
    reviewedRetention: number;
    /** User metadata older than this many hours is refreshed by the maintenance job. */
    userMetadataRefreshHours: number;
  };
  noIndexUnreviewedNewArticles: boolean;
  enableKeywordSearch: boolean;
  /** Whether quality predictions are served (the ORES filters and fields). */
  enableOres: boolean;
  enableCopyvio: boolean;
  enableExtendedFeatures: boolean;
  /** Upper bounds of the articlequality score for stub, start, c, b, good; above is featured. */
  oresArticleQualityBounds: [number, number, number, number, number];
  experience: {
    learnerEdits: number;
    learnerDays: number;
    experiencedEdits: number;
    experiencedDays: number;
  };
  rateLimits: { mark: { count: number; seconds: number }; tagging: { count: number; seconds: number } };
}

export type TagPosition = 'top' | 'bottom' | 'stub' | 'categories' | 'redirectTag';

export interface MaintenanceTag {
  tag: string;
  label: string;
  /** What the tag says about the page, shown under its label before it is added (§8.3 `desc`). */
  desc: string;
  category: string;
  position: TagPosition;
  multiple: boolean;
  params: { name: string; input: 'optional' | 'required' | 'automated'; value: string }[];
}

/** A deletion tag of the toolbar (§8.4). */
export interface DeletionTag {
  tag: string;
  label: string;
  kind: 'speedy' | 'prod' | 'xfd';
  reviewed: 0 | 1;
  /**
   * An XfD tag's discussion prefix (enwiki `Wikipedia:Articles for deletion`); with it the toolbar
   * opens the discussion (see `discussion`) and lists it on the day's log `<prefix>/Log/<date>`.
   */
  discussionPage: string;
  /**
   * Where an XfD tag's discussion is held: `page`, a page of its own `<prefix>/<Page>` (AfD), or
   * `log`, an entry on the day's log itself (RfD).
   */
  discussion: 'page' | 'log';
  /** Offered on articles only (the reference's `articleonly`: A1, A7, AfD, PROD). */
  articleonly: boolean;
  /** Offered on redirects only (the reference's `redirectonly`: R2, R3, G8 redirnone, RfD). */
  redirectonly: boolean;
  /**
   * The parameter the tag wraps the page's text in instead of preceding it (enwiki RfD:
   * `{{Rfd|content=\n#REDIRECT [[X]]\n}}`, so the redirect still shows); '' for none.
   */
  contentParam: string;
}

const days = (d: number) => setting.number(d, { min: 0 });
const names = setting.list(setting.string(''), []);
const rate = (c: number, seconds: number) =>
  setting.object({ count: setting.number(c, { min: 1, integer: true }), seconds: days(seconds) });
const namespaceId = setting.number(0, { integer: true });

/**
 * The fields of review's settings, with the defaults for what a preset leaves out; review's
 * settings declaration (review-presets.ts) reads a wiki's preset file and own document with them.
 */
export const reviewPresetFields: { [K in keyof ReviewPreset]: SettingSchema<ReviewPreset[K]> } = {
  namespaces: setting.list(namespaceId, [0]),
  draftNamespace: setting.nullable(namespaceId),
  deletionCategories: setting.object({ csd: names, prod: names, blpProd: names, afd: names }),
  afcCategories: setting.object({ underReview: names, pending: names, declined: names }),
  citationTemplates: names,
  talkPageNotes: setting.object({
    mark: setting.string('Reviewednote-NPF'),
    unmarkNote: setting.string('Unreviewednote-NPF'),
    unmarkNoNote: setting.string('Unreviewednonote-NPF'),
    sendNote: setting.string('Sentnote-NPF'),
    tags: setting.string('Taggednote-NPF'),
  }),
  projectLink: setting.string('Project:Page Curation'),
  maintenanceTags: setting.list(
    setting.object<MaintenanceTag>({
      tag: setting.string(''),
      label: setting.string(''),
      desc: setting.string(''),
      category: setting.string(''),
      position: setting.oneOf<TagPosition>('top', ['top', 'bottom', 'stub', 'categories', 'redirectTag']),
      multiple: setting.boolean(true),
      params: setting.list(
        setting.object<MaintenanceTag['params'][number]>({
          name: setting.string(''),
          input: setting.oneOf<'optional' | 'required' | 'automated'>('optional', [
            'optional',
            'required',
            'automated',
          ]),
          value: setting.string(''),
        }),
        [],
      ),
    }),
    [],
  ),
  multipleIssuesTemplate: setting.string('Multiple issues'),
  redirectCategoryShell: setting.string('Redirect category shell'),
  deletionTags: setting.list(
    setting.object<DeletionTag>({
      tag: setting.string(''),
      label: setting.string(''),
      kind: setting.oneOf<'speedy' | 'prod' | 'xfd'>('speedy', ['speedy', 'prod', 'xfd']),
      reviewed: setting.oneOf<0 | 1>(0, [0, 1]),
      discussionPage: setting.string(''),
      discussion: setting.oneOf<'page' | 'log'>('page', ['page', 'log']),
      articleonly: setting.boolean(false),
      redirectonly: setting.boolean(false),
      contentParam: setting.string(''),
    }),
    [],
  ),
  ages: setting.object({
    maxAge: days(90),
    maxNoIndexAge: days(90),
    redirectAutoreviewAge: days(180),
    reviewedRetention: days(30),
    userMetadataRefreshHours: days(24),
  }),
  noIndexUnreviewedNewArticles: setting.boolean(false),
  enableKeywordSearch: setting.boolean(true),
  enableOres: setting.boolean(false),
  enableCopyvio: setting.boolean(false),
  enableExtendedFeatures: setting.boolean(true),
  oresArticleQualityBounds: setting.list(
    setting.number(0, { min: 0, max: 1 }),
    [1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6],
    5,
  ) as unknown as SettingSchema<ReviewPreset['oresArticleQualityBounds']>,
  experience: setting.object({
    learnerEdits: setting.number(10, { min: 0, integer: true }),
    learnerDays: days(4),
    experiencedEdits: setting.number(500, { min: 0, integer: true }),
    experiencedDays: days(30),
  }),
  rateLimits: setting.object({ mark: rate(1, 3), tagging: rate(1, 10) }),
};

export const reviewPresetSchema: SettingSchema<ReviewPreset> =
  setting.object<ReviewPreset>(reviewPresetFields);

/** Review's settings when neither a preset nor the wiki says anything. */
export const defaultReviewPreset: ReviewPreset = reviewPresetSchema.defaultValue;

/** Category names compare with spaces and underscores equivalent and a case-insensitive first letter. */
export function categoryKey(name: string): string {
  const s = name.replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
