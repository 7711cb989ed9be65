import type { NamespaceTable } from './namespaces.ts';
import { makeTitle, tryParseTitle, type Title } from './titles.ts';

/** MediaWiki's default main page (the `mainpage` message in English). */
export const DEFAULT_MAIN_PAGE = 'Main Page';

/**
 * The wiki's main page (Title::newMainPage): `settings.mainPage` when it is a valid page title,
 * else "Main Page". Siteinfo reports it as `mainpage`; the review queue never takes it in.
 */
export function mainPageOf(settings: Readonly<Record<string, unknown>>, namespaces: NamespaceTable): Title {
  const configured = settings.mainPage;
  const title = typeof configured === 'string' ? tryParseTitle(configured, namespaces) : null;
  if (title && title.namespace >= 0) return makeTitle(title.namespace, title.dbKey, namespaces);
  return makeTitle(0, 'Main_Page', namespaces);
}

/** Whether (namespace, DB key) names the wiki's main page (Title::isMainPage). */
export function isMainPage(
  page: { namespace: number; title: string },
  settings: Readonly<Record<string, unknown>>,
  namespaces: NamespaceTable,
): boolean {
  const main = mainPageOf(settings, namespaces);
  return page.namespace === main.namespace && page.title === main.dbKey;
}
