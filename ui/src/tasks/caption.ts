import { msg } from '../i18n/i18n.ts';
import type { SuggestedImage } from './tasks-api.ts';

/**
 * What is wrong with a caption as the newcomer types it: shorter than the minimum once trimmed,
 * counted in characters as the server counts them (suggested-edits-reference.md §5.2; blocking, the
 * server would refuse it with `growthexperiments-addimage-caption-warning-tooshort`), or only the
 * file's name (a warning: it tells the reader nothing the image does not).
 */
export function captionProblem(
  caption: string,
  image: Pick<SuggestedImage, 'displayFilename'>,
  minLength: number,
): { blocking: boolean; text: string } | null {
  const trimmed = caption.trim();
  const length = [...trimmed].length;
  if (length < minLength)
    return { blocking: true, text: msg('wikiqueue-tasks-caption-tooshort', minLength, length) };
  const name = image.displayFilename.replace(/\.[^.]+$/, '').toLowerCase();
  if (trimmed.toLowerCase() === name || trimmed.toLowerCase() === image.displayFilename.toLowerCase())
    return { blocking: false, text: msg('wikiqueue-tasks-caption-filename') };
  return null;
}
