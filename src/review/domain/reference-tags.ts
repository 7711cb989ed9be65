import { toMwTimestamp } from '../../core/domain/clock.ts';
import { LINK_COUNT_CAP, REV_COUNT_CAP, type ReviewMetadata } from './metadata.ts';

/** The 21 tag names of the reference, in its seeding order (review-queue-reference.md §1.2). */
export const REFERENCE_TAG_NAMES = [
  'linkcount',
  'category_count',
  'csd_status',
  'prod_status',
  'blp_prod_status',
  'afd_status',
  'rev_count',
  'page_len',
  'snippet',
  'user_name',
  'user_editcount',
  'user_creation_date',
  'user_autoconfirmed',
  'user_experience',
  'user_bot',
  'user_block_status',
  'user_id',
  'reference',
  'afc_state',
  'copyvio',
  'recreated',
] as const;

export type ReferenceTagName = (typeof REFERENCE_TAG_NAMES)[number];

const flag = (b: boolean) => (b ? '1' : '0');

/**
 * Renders typed metadata as the reference's string values (§1.6): capped counts become '50+' and
 * '100+', flags '1'/'0', `recreated` '1' or '', a registered creator with no registration date gets
 * the compile time, an IP creator gets 0, the IP, 0, '', '0', 'anonymous', '0'.
 */
export function toReferenceTags(m: ReviewMetadata, compiledAt: number): Record<ReferenceTagName, string> {
  const anonymous = m.creatorExperience === 'anonymous';
  return {
    linkcount: m.linkCount >= LINK_COUNT_CAP ? `${LINK_COUNT_CAP - 1}+` : String(m.linkCount),
    category_count: String(m.categoryCount),
    csd_status: flag(m.csd),
    prod_status: flag(m.prod),
    blp_prod_status: flag(m.blpProd),
    afd_status: flag(m.afd),
    rev_count: m.revCount >= REV_COUNT_CAP ? `${REV_COUNT_CAP - 1}+` : String(m.revCount),
    page_len: String(m.pageLen),
    snippet: m.snippet,
    user_name: m.creatorName,
    user_editcount: String(m.creatorEditCount),
    user_creation_date: anonymous ? '' : toMwTimestamp(m.creatorRegistration ?? compiledAt),
    user_autoconfirmed: flag(m.creatorAutoconfirmed),
    user_experience: m.creatorExperience,
    user_bot: flag(m.creatorBot),
    user_block_status: flag(m.creatorBlocked),
    user_id: String(m.creatorId),
    reference: flag(m.hasReference),
    afc_state: String(m.afcState),
    copyvio: m.copyvioRevId === null ? '' : String(m.copyvioRevId),
    recreated: m.recreated ? '1' : '',
  };
}
