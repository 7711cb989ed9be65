import type { GeneratorSettings } from './generator-settings.ts';
import type { SuggestionRow } from './image-suggestion.ts';
import type { SectionAlignment } from './section-headings.ts';

/**
 * The generator's decision for one article (image-suggestions-and-page-queue.md §2), from facts
 * read beforehand: no database here. Seed 002's algorithm (the lead images of the article's
 * interlanguage counterparts, deduplicated, only files of the shared media repository) with the
 * production pipeline's additions: the media repository's category named like the article, the
 * exclusion filter, section-level suggestions from aligned sections of the counterparts, and a
 * confidence.
 */

/** A media repository file as the filter sees it. */
export interface FileFacts {
  /** DB key, no prefix. */
  name: string;
  width: number;
  /** MediaWiki media type (BITMAP, DRAWING, …). */
  mediaType: string;
  /** Whether pages of the family use it (image_link over every wiki) at least `FilterRules.overuse` times. */
  overused: boolean;
}

/** A level-2 section: its heading, its number among level-2 sections, the files used in it (DB keys). */
export interface SectionFacts {
  heading: string;
  number: number;
  files: string[];
}

/** The same article in another language edition. */
export interface CounterpartFacts {
  wiki: string;
  /** Its lead image (page_image_free), DB key. */
  leadImage: string | null;
  sections: SectionFacts[];
}

export interface ArticleFacts {
  pageId: number;
  revId: number;
  /** Wikidata item (page prop wikibase_item), when known. */
  qid: string | null;
  hasLeadImage: boolean;
  /** A disambiguation page, a list, or in an excluded category: no suggestions at all. */
  excluded: boolean;
  sections: SectionFacts[];
  counterparts: CounterpartFacts[];
  /** Files of the media repository's category named like the article (DB keys). */
  categoryFiles: string[];
  /** Files a newcomer accepted or rejected for this article (feedback rows): never suggested again. */
  judgedFiles: ReadonlySet<string>;
}

/** Why a file is never suggested. */
export type Rejection = 'not-in-repository' | 'media-type' | 'too-narrow' | 'overused' | 'name' | 'listed';

/** The filter of one wiki, made once per run from its settings (`filterRules`). */
export interface FilterRules {
  minWidth: number;
  mediaTypes: ReadonlySet<string>;
  /** Uses from which a file counts as used on very many pages. */
  overuse: number;
  namePatterns: readonly RegExp[];
  /** DB keys. */
  excluded: ReadonlySet<string>;
}

/**
 * The uses that make a file "used on very many pages": `maxFileUsage`, or the share
 * `maxFileUsageShare` of the family's content pages when that is fewer, but at least `minOveruse`.
 */
export function overuseThreshold(settings: GeneratorSettings, familyContentPages: number): number {
  const share = Math.ceil(settings.maxFileUsageShare * familyContentPages);
  return Math.min(settings.maxFileUsage, Math.max(settings.minOveruse, share));
}

export function filterRules(settings: GeneratorSettings, familyContentPages: number): FilterRules {
  return {
    minWidth: settings.minWidth,
    mediaTypes: new Set(settings.mediaTypes),
    overuse: overuseThreshold(settings, familyContentPages),
    namePatterns: settings.excludedFilePatterns.map((p) => new RegExp(p, 'iu')),
    excluded: new Set(settings.excludedFiles.map(fileKey)),
  };
}

/** A file name in DB-key form without a namespace prefix (the form the store and image_link use). */
export function fileKey(name: string): string {
  const trimmed = name.trim().replace(/ /g, '_');
  const bare = trimmed.replace(/^(file|image):/i, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

/** Why `file` (DB key `name`; undefined when the media repository has no such file) is never suggested. */
export function rejectFile(
  name: string,
  file: FileFacts | undefined,
  rules: FilterRules,
): Rejection | undefined {
  if (!file) return 'not-in-repository';
  if (rules.excluded.has(name)) return 'listed';
  if (!rules.mediaTypes.has(file.mediaType)) return 'media-type';
  if (file.width < rules.minWidth) return 'too-narrow';
  if (file.overused) return 'overused';
  const spaced = name.replace(/_/g, ' ');
  if (rules.namePatterns.some((p) => p.test(spaced))) return 'name';
  return undefined;
}

/**
 * What each piece of evidence adds to a suggestion's confidence: the image is the lead image of
 * the article in one more language edition, is in the media repository's category of the
 * subject, or is used in the aligned section of one more language edition.
 */
export const EVIDENCE_WEIGHTS = {
  'istype-lead-image': 0.5,
  'istype-commons-category': 0.3,
  'istype-section-alignment': 0.5,
} as const;

/**
 * Confidence 0–1 from independent pieces of evidence: 1 − ∏(1 − w). One wiki's lead image gives
 * 0.5, two 0.75, three 0.875; the category alone 0.3, with one wiki's lead image 0.65. It rises
 * with every wiki using the image and with every kind that agrees, and never reaches 1.
 */
export function confidenceOf(weights: readonly number[]): number {
  let doubt = 1;
  for (const w of weights) doubt *= 1 - w;
  return Math.round((1 - doubt) * 1000) / 1000;
}

/** A suggestion of the page as the store takes it (the page and dataset are given once). */
export type PageSuggestion = Omit<SuggestionRow, 'wiki' | 'page_id' | 'id'>;

interface Candidate {
  foundOn: Set<string>;
  kinds: Set<string>;
  weights: number[];
}

/** Category candidates considered per article: a category is a weaker signal than a lead image. */
const CATEGORY_CANDIDATES = 3;

/**
 * The article's suggestions, best first: article-level ones when it has no lead image, then
 * section-level ones for its sections without any file whose aligned sections in other language
 * editions have one. A file is suggested at most once per article (article-level wins, then the
 * first section), never one the article already uses or a newcomer already judged for it, never
 * one the filter rejects.
 */
export function suggestImages(
  article: ArticleFacts,
  files: ReadonlyMap<string, FileFacts>,
  rules: FilterRules,
  alignment: SectionAlignment | undefined,
  originWiki: string,
): PageSuggestion[] {
  if (article.excluded) return [];
  const used = new Set(article.sections.flatMap((s) => s.files));
  const allowed = (name: string) =>
    !used.has(name) &&
    !article.judgedFiles.has(name) &&
    rejectFile(name, files.get(name), rules) === undefined;
  const row = (
    image: string,
    c: Candidate,
    section: SectionFacts | null,
  ): PageSuggestion & { section: number } => ({
    image,
    origin_wiki: originWiki,
    confidence: confidenceOf(c.weights),
    found_on: c.foundOn.size > 0 ? [...c.foundOn].sort() : null,
    kind: [...c.kinds].sort(),
    page_rev: article.revId,
    section_heading: section?.heading ?? null,
    section_index: section?.number ?? null,
    page_qid: article.qid,
    section: section?.number ?? 0,
  });
  const out: (PageSuggestion & { section: number })[] = [];
  const taken = new Set<string>();

  if (!article.hasLeadImage) {
    const candidates = new Map<string, Candidate>();
    const candidate = (name: string) => {
      let c = candidates.get(name);
      if (!c) candidates.set(name, (c = { foundOn: new Set(), kinds: new Set(), weights: [] }));
      return c;
    };
    for (const cp of article.counterparts) {
      if (cp.leadImage === null || !allowed(cp.leadImage)) continue;
      const c = candidate(cp.leadImage);
      if (c.foundOn.has(cp.wiki)) continue;
      c.foundOn.add(cp.wiki);
      c.kinds.add('istype-lead-image');
      c.weights.push(EVIDENCE_WEIGHTS['istype-lead-image']);
    }
    for (const name of article.categoryFiles.filter(allowed).slice(0, CATEGORY_CANDIDATES)) {
      const c = candidate(name);
      c.kinds.add('istype-commons-category');
      c.weights.push(EVIDENCE_WEIGHTS['istype-commons-category']);
    }
    for (const [name, c] of candidates) {
      out.push(row(name, c, null));
      taken.add(name);
    }
  }

  if (alignment) {
    for (const section of article.sections) {
      if (section.files.length > 0) continue;
      const key = alignment.key(section.heading);
      const candidates = new Map<string, Candidate>();
      for (const cp of article.counterparts) {
        for (const theirs of cp.sections) {
          if (theirs.files.length === 0 || alignment.key(theirs.heading) !== key) continue;
          for (const name of theirs.files) {
            if (taken.has(name) || !allowed(name)) continue;
            let c = candidates.get(name);
            if (!c) candidates.set(name, (c = { foundOn: new Set(), kinds: new Set(), weights: [] }));
            if (c.foundOn.has(cp.wiki)) continue;
            c.foundOn.add(cp.wiki);
            c.kinds.add('istype-section-alignment');
            c.weights.push(EVIDENCE_WEIGHTS['istype-section-alignment']);
          }
        }
      }
      for (const [name, c] of candidates) {
        out.push(row(name, c, section));
        taken.add(name);
      }
    }
  }

  return out
    .sort(
      (a, b) =>
        a.section - b.section ||
        b.confidence - a.confidence ||
        (a.image < b.image ? -1 : a.image > b.image ? 1 : 0),
    )
    .map(({ section: _, ...suggestion }) => suggestion);
}
