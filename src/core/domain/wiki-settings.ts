import { DEFAULT_USER_CHANGE_TAGS } from './change-tags.ts';
import { NamespaceTable } from './namespaces.ts';
import { DEFAULT_AUTOCONFIRM, type AutoconfirmSettings } from './rights.ts';
import {
  effectiveSettings,
  readSettings,
  setting,
  type SettingProblem,
  type SettingSchema,
} from './settings-schema.ts';
import { makeTitle, tryParseTitle, type Title } from './titles.ts';
import type { WikiInfo } from './wiki.ts';

/** MediaWiki's default main page (the `mainpage` message in English). */
export const DEFAULT_MAIN_PAGE = 'Main Page';

/** The core's per-wiki settings: the top level of `WikiInfo.settings` (subsystems sit under their names). */
export interface CoreSettings {
  /** The main page (Title::newMainPage): siteinfo's `mainpage`; never taken into the review queue. */
  mainPage: string;
  /** $wgAutopromote['autoconfirmed']: both rights and review metadata read it (rights.ts isAutoconfirmed). */
  autoconfirm: AutoconfirmSettings;
  /** Change tags users may add to their changes (ChangeTags::listExplicitlyDefinedTags). */
  changeTags: string[];
  /** The content licence siteinfo reports ($wgRightsUrl, $wgRightsText). */
  rightsinfo: { url: string; text: string };
  /**
   * $wgMaxArticleSize, in KiB: the largest revision text an edit may save or an import may store
   * (siteinfo's `maxarticlesize` reports it in bytes).
   */
  maxArticleSize: number;
  /** Where a followed MediaWiki (source `mediawiki`) answers, and how it is read. */
  mediawiki: MediaWikiSourceSettings;
}

/** A followed MediaWiki: its Action API, the bot password it is read with, the backfill window. */
export interface MediaWikiSourceSettings {
  /** The wiki's api.php URL; '' for wikis that are not followed. */
  apiUrl: string;
  /** A bot password's login name (`Name@app`) for reading; '' reads anonymously. */
  botUser: string;
  /** Its password: set it in the config file (`wikis.<id>.mediawiki.botPassword`), not the store. */
  botPassword: string;
  /** Days of new pages `wikiqueue wiki backfill` brings in (MediaWiki keeps 90 of recent changes). */
  backfillDays: number;
}

/** MediaWiki's default $wgMaxArticleSize (KiB). */
export const DEFAULT_MAX_ARTICLE_SIZE_KIB = 2048;

/** The schema of the core's settings (the top level of a wiki's settings). */
export const coreSettingsSchema: SettingSchema<CoreSettings> = setting.object<CoreSettings>({
  mainPage: setting.string(DEFAULT_MAIN_PAGE, (value, { wiki }) => {
    const title = tryParseTitle(value, namespaceTableOf(wiki));
    return title && title.namespace >= 0 ? undefined : 'must be the title of a page';
  }),
  autoconfirm: setting.object<AutoconfirmSettings>({
    minEdits: setting.number(DEFAULT_AUTOCONFIRM.minEdits, { min: 0, integer: true }),
    minAgeSeconds: setting.number(DEFAULT_AUTOCONFIRM.minAgeSeconds, { min: 0 }),
  }),
  changeTags: setting.list(setting.string(''), [...DEFAULT_USER_CHANGE_TAGS]),
  rightsinfo: setting.object({
    url: setting.string('https://creativecommons.org/licenses/by-sa/4.0/'),
    text: setting.string('Creative Commons Attribution-Share Alike 4.0'),
  }),
  maxArticleSize: setting.number(DEFAULT_MAX_ARTICLE_SIZE_KIB, { min: 1, max: 1024 * 1024, integer: true }),
  mediawiki: setting.object<MediaWikiSourceSettings>({
    apiUrl: setting.string('', (value) =>
      value === '' || /^https?:\/\/[^\s]+$/.test(value) ? undefined : 'must be an http(s) URL of api.php',
    ),
    botUser: setting.string(''),
    botPassword: setting.string(''),
    backfillDays: setting.number(30, { min: 0, max: 90, integer: true }),
  }),
});

/** The core's part of a settings document: without the subsystems' documents. */
function coreDocument(
  settings: Record<string, unknown>,
  subsystemKeys: ReadonlySet<string>,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings).filter(([k]) => !subsystemKeys.has(k)));
}

/**
 * What is wrong with the core's part of `settings` (default: `wiki`'s settings in force; keys of
 * `subsystemKeys` are not the core's).
 */
export function coreSettingsProblems(
  wiki: WikiInfo,
  subsystemKeys: ReadonlySet<string>,
  settings: Record<string, unknown> = effectiveSettings(wiki),
): SettingProblem[] {
  return readSettings(coreSettingsSchema, coreDocument(settings, subsystemKeys), '', wiki).problems;
}

const coreCache = new WeakMap<WikiInfo, CoreSettings>();

/** The core's typed settings of `wiki`, defaults applied, cached per wiki object. */
export function coreSettingsOf(wiki: WikiInfo): CoreSettings {
  let settings = coreCache.get(wiki);
  if (!settings) {
    const own = Object.fromEntries(
      Object.entries(effectiveSettings(wiki)).filter(([k]) =>
        Object.hasOwn(coreSettingsSchema.defaultValue, k),
      ),
    );
    coreCache.set(wiki, (settings = readSettings(coreSettingsSchema, own, '', wiki).value));
  }
  return settings;
}

/** The wiki's main page as a title (a stored setting that is not a page title gives "Main Page"). */
export function mainPageOf(wiki: WikiInfo, namespaces: NamespaceTable): Title {
  const title = tryParseTitle(coreSettingsOf(wiki).mainPage, namespaces);
  if (title && title.namespace >= 0) return makeTitle(title.namespace, title.dbKey, namespaces);
  return makeTitle(0, 'Main_Page', namespaces);
}

/** Whether (namespace, DB key) names the wiki's main page (Title::isMainPage). */
export function isMainPage(
  page: { namespace: number; title: string },
  wiki: WikiInfo,
  namespaces: NamespaceTable,
): boolean {
  const main = mainPageOf(wiki, namespaces);
  return page.namespace === main.namespace && page.title === main.dbKey;
}

const namespaceTables = new WeakMap<WikiInfo, NamespaceTable>();

function namespaceTableOf(wiki: WikiInfo): NamespaceTable {
  let table = namespaceTables.get(wiki);
  if (!table) namespaceTables.set(wiki, (table = new NamespaceTable(wiki.namespaces)));
  return table;
}
