import { reactive } from 'vue';
import { ActionApi } from '../api/action-api.ts';
import { i18nState } from '../i18n/i18n.ts';

export interface WikiEntry {
  id: string;
  /** The language code of its content (interwiki prefix), `commons` for the media repository. */
  prefix: string;
  /** The content language's autonym; absent on the media repository. */
  language?: string;
}

/**
 * The wikis this server serves, as its default wiki's interwiki map lists them (local entries with
 * a `wikiid`), and which one is the default. Loaded once when the app starts.
 */
export const site = reactive({ defaultWiki: '', wikis: [] as WikiEntry[], loaded: false });

const apis = new Map<string, ActionApi>();

/** The Action API of a wiki, one client per wiki (it keeps the session's tokens). */
export function apiFor(wiki: string): ActionApi {
  let api = apis.get(wiki);
  if (!api) {
    api = new ActionApi(wiki, () => i18nState.language);
    apis.set(wiki, api);
  }
  return api;
}

export async function loadSite(): Promise<void> {
  const response = await fetch(
    '/w/api.php?action=query&meta=siteinfo&siprop=general|interwikimap&format=json&formatversion=2',
    { credentials: 'same-origin' },
  );
  const body = (await response.json()) as {
    query: {
      general: { wikiid: string };
      interwikimap: { prefix: string; wikiid?: string; local?: boolean; language?: string }[];
    };
  };
  site.defaultWiki = body.query.general.wikiid;
  site.wikis = body.query.interwikimap
    .filter((e): e is typeof e & { wikiid: string } => e.local === true && typeof e.wikiid === 'string')
    .map((e) => ({ id: e.wikiid, prefix: e.prefix, ...(e.language ? { language: e.language } : {}) }));
  site.loaded = true;
}

/** The content wikis (not the media repository): the ones with work queues. */
export function contentWikis(): WikiEntry[] {
  return site.wikis.filter((w) => w.language !== undefined);
}
