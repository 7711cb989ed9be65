import { apiFor } from '../session/site.ts';
import { session } from '../session/session.ts';

/** The toolbar's state, as PageTriage keeps it in the `userjs-curationtoolbar` option (§8.2). */
export type ToolbarState = 'maximized' | 'minimized' | 'hidden';
export const TOOLBAR_OPTION = 'userjs-curationtoolbar';

/** The saved feed filters (pagetriagelist parameters plus `mode`), written by the feed. */
export const FEED_FILTERS_OPTION = 'userjs-NewPagesFeedFilterOptions';

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The toolbar state: the signed-in user's option, else this browser's. */
export function toolbarState(): ToolbarState {
  const value = session.user ? session.user.options[TOOLBAR_OPTION] : stored(TOOLBAR_OPTION);
  return value === 'minimized' || value === 'hidden' ? value : 'maximized';
}

export async function saveToolbarState(state: ToolbarState): Promise<void> {
  if (session.user) {
    session.user.options[TOOLBAR_OPTION] = state;
    await apiFor(session.wiki).post(
      { action: 'options', optionname: TOOLBAR_OPTION, optionvalue: state },
      'csrf',
    );
    return;
  }
  try {
    localStorage.setItem(TOOLBAR_OPTION, state);
  } catch {
    // Storage may be off: the state lasts this page.
  }
}

/**
 * The feed's saved filters as pagetriagelist parameters: the user's option, else this browser's
 * copy; `mode` (the feed's tab) and paging fields are dropped. Null when the feed never saved any.
 */
export function feedFilters(): Record<string, string | number | boolean> | null {
  const raw = session.user?.options[FEED_FILTERS_OPTION] ?? stored(FEED_FILTERS_OPTION);
  if (typeof raw !== 'string' || raw === '') return null;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    const out: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      if (['mode', 'limit', 'offset', 'pageoffset', 'page_id', 'action', 'format'].includes(k)) continue;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    }
    return out;
  } catch {
    return null;
  }
}
