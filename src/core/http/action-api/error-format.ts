import { escapeHtml } from '../../domain/html.ts';
import { withContent } from './result-format.ts';

/**
 * How errors and warnings are rendered, per MediaWiki's `errorformat` (ApiErrorFormatter and its
 * backwards-compatible variant ApiErrorFormatter_BackCompat):
 * - `bc` (default): `{error: {code, info, …data, docref}}` and warnings `{warnings: {module: {warnings: text}}}`;
 * - `plaintext`, `wikitext`, `html`, `raw`, `none`: `{errors: [{code, text|html|key+params, module}], docref}`
 *   and warnings `[{code, text, module}]`.
 * Content values (`docref`, per-module warning text, error text) go through `withContent`, so
 * formatversion 1 prints them under `*`.
 */
export type ErrorFormat = 'bc' | 'plaintext' | 'wikitext' | 'html' | 'raw' | 'none';

export const errorFormats: readonly ErrorFormat[] = ['bc', 'plaintext', 'wikitext', 'html', 'raw', 'none'];

export interface ApiMessage {
  module: string;
  code: string;
  text: string;
  /** Machine-readable fields (MediaWiki's getApiData). */
  data?: Record<string, unknown>;
  /**
   * The catalog entry the text was filled from (an error's code, a warning's catalog name) and its
   * parameters, so that the text can be given in another language; absent for uncatalogued text.
   */
  name?: string;
  params?: readonly (string | number)[];
}

/** The error formats whose texts are in the error language; `bc` is English, as in MediaWiki. */
export function isTranslatedFormat(format: ErrorFormat): boolean {
  return format === 'plaintext' || format === 'wikitext' || format === 'html';
}

/** The `warnings` member of a response, or undefined when there are none. */
export function renderWarnings(warnings: readonly ApiMessage[], format: ErrorFormat): unknown {
  if (warnings.length === 0) return undefined;
  if (format === 'bc') {
    const byModule = new Map<string, string[]>();
    for (const w of warnings) {
      const texts = byModule.get(w.module) ?? [];
      if (!texts.includes(w.text)) texts.push(w.text);
      byModule.set(w.module, texts);
    }
    const out: Record<string, unknown> = {};
    for (const [module, texts] of byModule)
      out[module] = withContent({ warnings: texts.join('\n') }, 'warnings');
    return out;
  }
  return warnings.map((w) => renderMessage(w, format));
}

/** The top-level members describing a failed request (`error` or `errors` + `docref`). */
export function renderError(error: ApiMessage, format: ErrorFormat, docref: string): Record<string, unknown> {
  if (format === 'bc') {
    return { error: withContent({ code: error.code, info: error.text, ...error.data, docref }, 'docref') };
  }
  return withContent({ errors: [renderMessage(error, format)], docref }, 'docref');
}

/**
 * One error of a status a module reports inside its result (ApiErrorFormatter::arrayFromStatus, as
 * prop=info's `intestactionsdetail=full` does): in `bc` the key, its parameters, the code and the
 * type; otherwise the message as the error format renders it, without a module.
 */
export function renderStatusError(
  m: Omit<ApiMessage, 'module'>,
  format: ErrorFormat,
): Record<string, unknown> {
  if (format === 'bc') {
    return { message: `apierror-${m.code}`, params: [m.text], code: m.code, type: 'error', ...m.data };
  }
  const { module: _module, ...rest } = renderMessage({ ...m, module: '' }, format);
  return rest;
}

function renderMessage(m: ApiMessage, format: ErrorFormat): Record<string, unknown> {
  const out: Record<string, unknown> = { code: m.code };
  switch (format) {
    case 'plaintext':
    case 'wikitext':
      out.text = m.text;
      withContent(out, 'text');
      break;
    case 'html':
      out.html = escapeHtml(m.text);
      withContent(out, 'html');
      break;
    case 'raw':
      out.key = `apierror-${m.code}`;
      out.params = [m.text];
      break;
    default:
      break;
  }
  if (m.data && Object.keys(m.data).length > 0) out.data = m.data;
  out.module = m.module;
  return out;
}
