import type { ExperienceLevel } from '../../core/domain/rights.ts';
import { categoryKey, type ReviewPreset } from './preset.ts';

/**
 * The review metadata of one queued page (review-queue-reference.md §1.6), typed. The store keeps
 * each value in its own indexed column; the API renders them as the reference's string tags.
 */
export interface ReviewMetadata {
  /** Inbound links from ns 0, capped at LINK_COUNT_CAP (rendered '50+'); 0 for redirects. */
  linkCount: number;
  categoryCount: number;
  csd: boolean;
  prod: boolean;
  blpProd: boolean;
  afd: boolean;
  /** Revision count, capped at REV_COUNT_CAP (rendered '100+'). */
  revCount: number;
  pageLen: number;
  snippet: string;
  creatorId: number;
  creatorName: string;
  creatorEditCount: number;
  /** Registration time; null for anonymous creators. */
  creatorRegistration: number | null;
  creatorAutoconfirmed: boolean;
  creatorExperience: ExperienceLevel;
  creatorBot: boolean;
  /** Whether the creator holds `autopatrol` (filter `showautopatrolled`). */
  creatorAutopatrol: boolean;
  creatorBlocked: boolean;
  hasReference: boolean;
  afcState: 1 | 2 | 3 | 4;
  /** The revision flagged as a likely copyright violation, or null. */
  copyvioRevId: number | null;
  recreated: boolean;
}

export const LINK_COUNT_CAP = 51;
export const REV_COUNT_CAP = 101;

export interface CreatorFacts {
  userId: number;
  name: string;
  isAnonymous: boolean;
  editCount: number;
  registration: number | null;
  autoconfirmed: boolean;
  experience: ExperienceLevel;
  bot: boolean;
  autopatrol: boolean;
  /** An unexpired sitewide block on the account (§1.6: partial blocks and IP blocks do not count). */
  blockedSitewide: boolean;
}

export interface CompileFacts {
  isRedirect: boolean;
  pageLen: number;
  revCount: number;
  inboundLinks: number;
  /** Category names of the latest revision (hidden ones included). */
  categories: string[];
  snippet: string;
  hasReference: boolean;
  previouslyDeleted: boolean;
  creator: CreatorFacts;
  copyvioRevId: number | null;
}

export interface DeletionFlags {
  csd: boolean;
  prod: boolean;
  blpProd: boolean;
  afd: boolean;
}

export function deletionFlags(categories: Iterable<string>, preset: ReviewPreset): DeletionFlags {
  const present = new Set([...categories].map(categoryKey));
  const any = (names: string[]) => names.some((n) => present.has(categoryKey(n)));
  return {
    csd: any(preset.deletionCategories.csd),
    prod: any(preset.deletionCategories.prod),
    blpProd: any(preset.deletionCategories.blpProd),
    afd: any(preset.deletionCategories.afd),
  };
}

export function isNominated(f: DeletionFlags): boolean {
  return f.csd || f.prod || f.blpProd || f.afd;
}

/** §1.6 afc_state: the first category found in the order under review, pending, declined wins. */
export function afcState(categories: Iterable<string>, preset: ReviewPreset): 1 | 2 | 3 | 4 {
  const present = new Set([...categories].map(categoryKey));
  const any = (names: string[]) => names.some((n) => present.has(categoryKey(n)));
  if (any(preset.afcCategories.underReview)) return 3;
  if (any(preset.afcCategories.pending)) return 2;
  if (any(preset.afcCategories.declined)) return 4;
  return 1;
}

/**
 * Compiles the metadata from facts gathered by the review service. One deviation from the reference:
 * the category count drops each nomination category that is actually present once, where the
 * reference subtracts 2 for AfD/RfD (§11 probable bugs).
 */
export function compileMetadata(f: CompileFacts, preset: ReviewPreset): ReviewMetadata {
  const flags = deletionFlags(f.categories, preset);
  const present = new Set(f.categories.map(categoryKey));
  const nominationCategories = [
    ...preset.deletionCategories.csd,
    ...preset.deletionCategories.prod,
    ...preset.deletionCategories.blpProd,
    ...preset.deletionCategories.afd,
  ]
    .map(categoryKey)
    .filter((c, i, all) => present.has(c) && all.indexOf(c) === i).length;
  return {
    linkCount: f.isRedirect ? 0 : Math.min(f.inboundLinks, LINK_COUNT_CAP),
    categoryCount: Math.max(0, present.size - nominationCategories),
    ...flags,
    revCount: Math.min(f.revCount, REV_COUNT_CAP),
    pageLen: f.pageLen,
    snippet: f.snippet,
    ...creatorMetadata(f.creator),
    hasReference: f.hasReference,
    afcState: afcState(f.categories, preset),
    copyvioRevId: f.copyvioRevId,
    recreated: f.previouslyDeleted,
  };
}

type CreatorMetadata = Pick<
  ReviewMetadata,
  | 'creatorId'
  | 'creatorName'
  | 'creatorEditCount'
  | 'creatorRegistration'
  | 'creatorAutoconfirmed'
  | 'creatorExperience'
  | 'creatorBot'
  | 'creatorAutopatrol'
  | 'creatorBlocked'
>;

/** The creator part of the metadata (the reference's UserData component); IP creators get the anonymous values. */
export function creatorMetadata(c: CreatorFacts): CreatorMetadata {
  return {
    creatorId: c.isAnonymous ? 0 : c.userId,
    creatorName: c.name,
    creatorEditCount: c.isAnonymous ? 0 : c.editCount,
    creatorRegistration: c.isAnonymous ? null : c.registration,
    creatorAutoconfirmed: !c.isAnonymous && c.autoconfirmed,
    creatorExperience: c.isAnonymous ? 'anonymous' : c.experience,
    creatorBot: !c.isAnonymous && c.bot,
    creatorAutopatrol: !c.isAnonymous && c.autopatrol,
    creatorBlocked: !c.isAnonymous && c.blockedSitewide,
  };
}
