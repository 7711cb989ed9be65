/**
 * Per-wiki settings of the review queue. The reference hard-wires English Wikipedia's category
 * and template names (review-queue-reference.md §11 "i18n"); here they are data, one preset file per
 * wiki under `presets/review/`, merged over these defaults.
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
  /** Maintenance tags the toolbar offers: template name → label. */
  maintenanceTags: { tag: string; label: string; category: string }[];
  /** Deletion tags the toolbar offers. */
  deletionTags: { tag: string; label: string; kind: 'speedy' | 'prod' | 'xfd'; reviewed: 0 | 1 }[];
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

export const defaultReviewPreset: ReviewPreset = {
  namespaces: [0],
  draftNamespace: null,
  deletionCategories: { csd: [], prod: [], blpProd: [], afd: [] },
  afcCategories: { underReview: [], pending: [], declined: [] },
  citationTemplates: [],
  talkPageNotes: {
    mark: 'Reviewednote-NPF',
    unmarkNote: 'Unreviewednote-NPF',
    unmarkNoNote: 'Unreviewednonote-NPF',
    sendNote: 'Sentnote-NPF',
    tags: 'Taggednote-NPF',
  },
  projectLink: 'Project:Page Curation',
  maintenanceTags: [],
  deletionTags: [],
  ages: {
    maxAge: 90,
    maxNoIndexAge: 90,
    redirectAutoreviewAge: 180,
    reviewedRetention: 30,
    userMetadataRefreshHours: 24,
  },
  noIndexUnreviewedNewArticles: false,
  enableKeywordSearch: true,
  enableOres: false,
  enableCopyvio: false,
  enableExtendedFeatures: true,
  oresArticleQualityBounds: [1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6],
  experience: { learnerEdits: 10, learnerDays: 4, experiencedEdits: 500, experiencedDays: 30 },
  rateLimits: { mark: { count: 1, seconds: 3 }, tagging: { count: 1, seconds: 10 } },
};

/** Merges a preset document over the defaults (objects one level deep, arrays replaced). */
export function resolvePreset(doc: Partial<Record<keyof ReviewPreset, unknown>> | undefined): ReviewPreset {
  const out = structuredClone(defaultReviewPreset) as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(doc ?? {})) {
    if (!(k in defaultReviewPreset) || v === undefined) continue;
    const base = out[k];
    out[k] =
      base &&
      typeof base === 'object' &&
      !Array.isArray(base) &&
      v &&
      typeof v === 'object' &&
      !Array.isArray(v)
        ? { ...(base as object), ...(v as object) }
        : v;
  }
  return out as unknown as ReviewPreset;
}

/** Category names compare with spaces and underscores equivalent and a case-insensitive first letter. */
export function categoryKey(name: string): string {
  const s = name.replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
