import { fail } from '../../errors.ts';
import type { ImageTaskType } from './image-recommendation.ts';
import {
  REJECTION_REASONS,
  UNDECIDED_REASONS,
  isRejectionReason,
  type RejectionReason,
} from './rejection-reasons.ts';

/**
 * A newcomer's judgement of a suggested image (suggested-edits-reference.md §5): the data of the
 * `ge-task-image-recommendation` / `ge-task-section-image-recommendation` edit plugin and of the
 * REST feedback route, checked as AddImageSubmissionHandler checks it. No I/O.
 */
export interface ImageSubmission {
  taskType: ImageTaskType;
  /** The file's name, without namespace (as the suggestion names it). */
  filename: string;
  accepted: boolean;
  reasons: RejectionReason[];
  /** The caption of an accepted image, trimmed ('' for a rejection). */
  caption: string;
  /** Section-level tasks: the level-2 section's heading and its 1-based number among them. */
  sectionTitle: string | null;
  sectionNumber: number | null;
}

/** How a wrong value is named in an error: its type for a non-string, as the reference prints it. */
const shown = (v: unknown): string =>
  typeof v === 'string' ? v : `[type] ${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v}`;

/**
 * The submission in `data`, or the catalogued error of the first rule it breaks (§5.2): accepted
 * present and boolean; reasons present, a list of known reasons; an accepted image's caption at
 * least `minCaption` characters (setting `minimumCaptionCharacterLength`, 5) once trimmed (the reference counts bytes, which lets three
 * Czech or two Japanese characters pass and refuses nothing sensible: we count what the reader
 * sees); sectionTitle and sectionNumber present, null for an article-level task and a string and
 * a whole number for a section-level one. The file name must be a non-empty string (the
 * reference does not check it, and then logs and sends events about no file).
 */
export function parseImageSubmission(
  taskType: ImageTaskType,
  data: unknown,
  minCaption: number,
): ImageSubmission {
  const d: Record<string, unknown> =
    typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : {};
  if (!('accepted' in d)) throw fail('growthexperiments-addimage-handler-accepted-missing');
  if (typeof d.accepted !== 'boolean') throw fail('growthexperiments-addimage-handler-accepted-wrongtype');
  if (!('reasons' in d)) throw fail('growthexperiments-addimage-handler-reason-missing');
  if (!Array.isArray(d.reasons)) throw fail('growthexperiments-addimage-handler-reason-wrongtype');
  for (const r of d.reasons as unknown[])
    if (!isRejectionReason(r))
      throw fail(
        'growthexperiments-addimage-handler-reason-invaliditem',
        shown(r),
        REJECTION_REASONS.join(', '),
      );
  const caption = typeof d.caption === 'string' ? d.caption.trim() : '';
  if (d.accepted && [...caption].length < minCaption)
    throw fail('growthexperiments-addimage-caption-warning-tooshort', minCaption);
  if (!('sectionTitle' in d)) throw fail('growthexperiments-addimage-handler-section-title-missing');
  if (!('sectionNumber' in d)) throw fail('growthexperiments-addimage-handler-section-number-missing');
  const { sectionTitle, sectionNumber } = d;
  if (taskType === 'image-recommendation') {
    if (sectionTitle !== null)
      throw fail('growthexperiments-addimage-handler-section-title-wrongtype', shown(sectionTitle));
    if (sectionNumber !== null)
      throw fail('growthexperiments-addimage-handler-section-number-wrongtype', shown(sectionNumber));
  } else {
    if (typeof sectionTitle !== 'string')
      throw fail('growthexperiments-addsectionimage-handler-section-title-wrongtype', shown(sectionTitle));
    if (typeof sectionNumber !== 'number' || !Number.isInteger(sectionNumber) || sectionNumber < 1)
      throw fail('growthexperiments-addsectionimage-handler-section-number-wrongtype', shown(sectionNumber));
  }
  if (typeof d.filename !== 'string' || d.filename.trim() === '')
    throw fail('growthexperiments-addimage-filename-missing');
  return {
    taskType,
    filename: d.filename.trim().replace(/ /g, '_'),
    accepted: d.accepted,
    reasons: [...new Set(d.reasons as RejectionReason[])],
    caption: d.accepted ? caption : '',
    sectionTitle: sectionTitle as string | null,
    sectionNumber: sectionNumber as number | null,
  };
}

/**
 * Whether a submission takes the task out of the pool (§5.3): an accept (since 2023, so that a
 * reverted addition does not come back) or a rejection with at least one reason that judges the
 * image; "undecided" reasons alone (the newcomer could not tell) leave it for someone else.
 */
export const invalidatesTask = (s: ImageSubmission): boolean =>
  s.accepted || s.reasons.some((r) => !UNDECIDED_REASONS.includes(r));
