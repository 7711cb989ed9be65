import type { ImageTaskType } from './image-recommendation.ts';

/**
 * The reasons a newcomer may give for rejecting a suggested image (suggested-edits-reference.md
 * §5.2, `AddImageSubmissionHandler::REJECTION_REASONS`), in the order the client lists them.
 * "Undecided" reasons say the newcomer could not judge the image: a rejection with only those
 * leaves the task in the pool. `sectionnotappropriate` is offered for section tasks only.
 */
export const REJECTION_REASONS = [
  'notrelevant',
  'sectionnotappropriate',
  'noinfo',
  'offensive',
  'lowquality',
  'unfamiliar',
  'foreignlanguage',
  'other',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const UNDECIDED_REASONS: readonly RejectionReason[] = ['unfamiliar', 'foreignlanguage'];

export const isRejectionReason = (s: unknown): s is RejectionReason =>
  typeof s === 'string' && (REJECTION_REASONS as readonly string[]).includes(s);

/** The task types a reason applies to. */
export function reasonTaskTypes(reason: RejectionReason): ImageTaskType[] {
  return reason === 'sectionnotappropriate'
    ? ['section-image-recommendation']
    : ['image-recommendation', 'section-image-recommendation'];
}

/** The interface message of a reason's label (i18n/*.json). */
export const reasonLabelKey = (reason: RejectionReason): string =>
  `growthexperiments-addimage-rejectiondialog-reasons-${reason}`;
