import { toIsoTimestamp } from '../../../domain/clock.ts';
import { isRightToLeft } from '../../../domain/language-direction.ts';
import { GROUP_PERMISSIONS, IMPLICIT_GROUPS } from '../../../domain/rights.ts';
import type { NamespaceInfo } from '../../../domain/namespaces.ts';
import { withContent } from '../result-format.ts';
import type { ApiRequestContext, QueryModule } from '../module.ts';
import { defaultUserOptions } from './default-options.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { coreSettingsOf, mainPageOf } from '../../../domain/wiki-settings.ts';
import { articlePathOf, pageUrl, scriptPathOf, serverOf } from './site-paths.ts';

/** What this service reports as its software version (siteinfo `generator`). */
export const GENERATOR = 'MediaWiki 1.45.0 (wikiqueue)';
const WIKIQUEUE_VERSION = '0.1.0';
/** MediaWiki's default $wgLegalTitleChars, as siteinfo prints it. */
const LEGAL_TITLE_CHARS = ' %!"$&\'()*,\\-.\\/0-9:;=?@A-Z\\\\^_`a-z~\\x80-\\xFF+';
/** $wgActiveUserDays. */
const ACTIVE_USER_DAYS = 30;
/** Scans for statistics stop here; siteinfo must answer quickly on large imported wikis. */
const STATISTICS_SCAN_CAP = 50_000;

const siprops = [
  'general',
  'namespaces',
  'namespacealiases',
  'specialpagealiases',
  'magicwords',
  'interwikimap',
  'dbrepllag',
  'statistics',
  'usergroups',
  'libraries',
  'extensions',
  'fileextensions',
  'rightsinfo',
  'restrictions',
  'languages',
  'languagevariants',
  'skins',
  'extensiontags',
  'functionhooks',
  'showhooks',
  'variables',
  'protocols',
  'defaultoptions',
  'uploaddialog',
  'autocreatetempuser',
  'clientlibraries',
] as const;

/**
 * meta=siteinfo (ApiQuerySiteinfo) for the request's wiki as this service serves it: the default
 * wiki at `/wiki/$1` and `/w`, the others under `/{wiki}/`. Each `siprop` value becomes one key
 * under `query`. Statistics are counted from the store (`edits` is the highest revision id seen in
 * recent changes, `users` and `activeusers` stop counting at STATISTICS_SCAN_CAP).
 */
export const siteinfoModule: QueryModule = {
  name: 'siteinfo',
  kind: 'meta',
  prefix: 'si',
  description: 'Return general information about the site.',
  params: {
    prop: {
      type: 'enum',
      multi: true,
      values: siprops,
      default: 'general',
      description: 'Which information to get.',
    },
    filteriw: {
      type: 'enum',
      values: ['local', '!local'],
      description: 'Return only local or only nonlocal entries of the interwiki map.',
    },
    showalldb: {
      type: 'boolean',
      description: 'List all database servers, not just the one lagging the most.',
    },
    numberingroup: { type: 'boolean', description: 'Lists the number of users in user groups.' },
    inlanguagecode: { type: 'string', description: 'Language code for localised language names.' },
  },
  async execute(ctx, params, _pages, out) {
    for (const prop of (params.prop as string[] | undefined) ?? []) {
      out.setQueryValue(prop, await siteinfoProp(ctx, prop, params));
    }
  },
};

async function siteinfoProp(
  ctx: ApiRequestContext,
  prop: string,
  params: Record<string, unknown>,
): Promise<unknown> {
  switch (prop) {
    case 'general':
      return general(ctx);
    case 'namespaces':
      return namespaces(ctx);
    case 'namespacealiases':
      return namespacesOf(ctx).list.flatMap((ns) =>
        aliasesOf(ns).map((alias) => withContent({ id: ns.id, alias }, 'alias')),
      );
    case 'specialpagealiases':
      return [];
    case 'magicwords':
      return [
        { name: 'redirect', aliases: ['#REDIRECT'], 'case-sensitive': false },
        { name: 'notoc', aliases: ['__NOTOC__'], 'case-sensitive': false },
        { name: 'noindex', aliases: ['__NOINDEX__'], 'case-sensitive': false },
        { name: 'index', aliases: ['__INDEX__'], 'case-sensitive': false },
        {
          name: 'defaultsort',
          aliases: ['DEFAULTSORT:', 'DEFAULTSORTKEY:', 'DEFAULTCATEGORYSORT:'],
          'case-sensitive': true,
        },
        { name: 'hiddencat', aliases: ['__HIDDENCAT__'], 'case-sensitive': false },
        { name: 'disambiguation', aliases: ['__DISAMBIG__'], 'case-sensitive': false },
      ];
    case 'interwikimap':
      return interwikiMap(ctx, params.filteriw as string | undefined);
    case 'dbrepllag':
      return [{ host: ctx.services.store.backend, lag: 0 }];
    case 'statistics':
      return statistics(ctx);
    case 'usergroups':
      return userGroups(ctx, params.numberingroup === true);
    case 'libraries':
      return [];
    case 'extensions':
      return extensions();
    case 'fileextensions':
      return ['png', 'gif', 'jpg', 'jpeg', 'webp', 'svg', 'tif', 'tiff', 'pdf', 'ogg', 'webm'].map((ext) => ({
        ext,
      }));
    case 'rightsinfo':
      return rightsInfo(ctx);
    case 'restrictions':
      return {
        types: ['create', 'edit', 'move', 'upload'],
        levels: ['', 'autoconfirmed', 'sysop'],
        cascadinglevels: ['sysop'],
        semiprotectedlevels: ['autoconfirmed'],
      };
    case 'languages':
      return languages(ctx, params.inlanguagecode as string | undefined);
    case 'languagevariants':
      // Languages with variants, each variant with its fallbacks (LanguageConverter). This
      // service converts between no variants (no zh, sr, … converter), so there are none.
      return {};
    case 'skins':
      return [withContent({ code: 'vector-2022', name: 'Vector 2022', default: true }, 'name')];
    case 'extensiontags':
      return ['<pre>', '<nowiki>', '<gallery>', '<indicator>', '<ref>', '<references>'];
    case 'functionhooks':
      return [
        'ns',
        'fullurl',
        'localurl',
        'urlencode',
        'lc',
        'uc',
        'lcfirst',
        'ucfirst',
        'formatnum',
        'defaultsort',
      ];
    case 'showhooks':
      return [];
    case 'variables':
      return ['currentyear', 'currentmonth', 'currentday', 'pagename', 'namespace', 'sitename', 'server'];
    case 'protocols':
      return ['http://', 'https://', '//', 'ftp://', 'irc://', 'mailto:', 'news:', 'urn:'];
    case 'defaultoptions':
      return defaultUserOptions(ctx.wiki.lang, ctx.services.preferences);
    case 'uploaddialog':
      return {
        fields: { description: true, date: false, categories: false },
        licensemessages: { local: 'generic-local', foreign: 'generic-foreign' },
        comment: { local: '', foreign: '' },
        format: {
          filepage: '$DESCRIPTION',
          description: '$TEXT',
          ownwork: '',
          license: '',
          uncategorized: '',
        },
      };
    case 'autocreatetempuser':
      return { enabled: false };
    case 'clientlibraries':
      return [];
    default:
      return [];
  }
}

function general(ctx: ApiRequestContext): Record<string, unknown> {
  const ns = namespacesOf(ctx);
  const mainPage = mainPageOf(ctx.wiki, ns).prefixedText;
  const server = serverOf(ctx);
  const scriptPath = scriptPathOf(ctx);
  const main = ns.get(0);
  return {
    mainpage: mainPage,
    base: pageUrl(ctx, mainPage),
    sitename: ctx.wiki.sitename,
    mainpageisdomainroot: false,
    logo: `${server}${scriptPath}/resources/assets/wiki.png`,
    generator: GENERATOR,
    phpversion: process.versions.node,
    phpsapi: 'node',
    dbtype: ctx.services.store.backend,
    dbversion: '',
    imagewhitelistenabled: false,
    langconversion: false,
    linkconversion: false,
    titleconversion: false,
    linkprefixcharset: '',
    linkprefix: '',
    linktrail: '/^([a-z]+)(.*)$/sD',
    legaltitlechars: LEGAL_TITLE_CHARS,
    invalidusernamechars: '@:>=',
    allunicodefixes: false,
    fixarabicunicode: true,
    fixmalayalamunicode: true,
    case: main?.case ?? 'first-letter',
    lang: ctx.wiki.lang,
    fallback: [],
    rtl: isRightToLeft(ctx.wiki.lang),
    fallback8bitEncoding: 'windows-1252',
    readonly: false,
    writeapi: true,
    maxarticlesize: coreSettingsOf(ctx.wiki).maxArticleSize * 1024,
    timezone: 'UTC',
    timeoffset: 0,
    articlepath: articlePathOf(ctx),
    scriptpath: scriptPath,
    script: `${scriptPath}/index.php`,
    variantarticlepath: false,
    server,
    servername: server
      .replace(/^[a-z]+:\/\//i, '')
      .replace(/^\/\//, '')
      .replace(/[:/].*$/, ''),
    wikiid: ctx.wiki.id,
    time: toIsoTimestamp(ctx.now),
    misermode: false,
    uploadsenabled: false,
    maxuploadsize: 4 * 1024 * 1024 * 1024,
    minuploadchunksize: 1024,
    thumblimits: [120, 150, 180, 200, 250, 300, 400],
    imagelimits: [
      { width: 320, height: 240 },
      { width: 640, height: 480 },
      { width: 800, height: 600 },
      { width: 1024, height: 768 },
      { width: 1280, height: 1024 },
    ],
    favicon: `${server}/favicon.ico`,
    centralidlookupprovider: 'local',
    allcentralidlookupproviders: ['local'],
    interwikimagic: true,
    magiclinks: { ISBN: false, PMID: false, RFC: false },
    categorycollation: 'uppercase',
    nofollowlinks: true,
    nofollownsexceptions: [],
    nofollowdomainexceptions: [],
    externallinktarget: false,
    'wikiqueue-source': ctx.wiki.source,
    'wikiqueue-ismediarepo': ctx.wiki.isMediaRepo,
  };
}

/** $wgNamespacesWithSubpages defaults: every talk namespace, User, Project, MediaWiki, Template, Help, Module. */
function hasSubpages(id: number): boolean {
  return (id > 0 && id % 2 === 1) || [2, 4, 8, 10, 12, 828].includes(id);
}

function namespaces(ctx: ApiRequestContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const ns of [...namespacesOf(ctx).list].sort((a, b) => a.id - b.id)) {
    const entry: Record<string, unknown> = {
      id: ns.id,
      case: ns.case,
      name: ns.name,
      subpages: hasSubpages(ns.id),
    };
    if (ns.canonical !== '') entry.canonical = ns.canonical;
    entry.content = ns.content;
    entry.nonincludable = false;
    out[String(ns.id)] = withContent(entry, 'name');
  }
  return out;
}

/** Names that resolve to a namespace besides its localized name: aliases, and the canonical name where it differs. */
function aliasesOf(ns: NamespaceInfo): string[] {
  const names = [...ns.aliases];
  if (ns.canonical !== '' && ns.canonical !== ns.name) names.unshift(ns.canonical);
  return [...new Set(names)].filter((n) => n !== ns.name && n !== '');
}

function autonym(code: string, inLanguage?: string): string {
  try {
    return new Intl.DisplayNames([inLanguage ?? code], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The interwiki map lists the other wikis of this instance: content wikis under their language
 * code (interlanguage links, `local`), the media repository as `commons`.
 */
function interwikiMap(ctx: ApiRequestContext, filter: string | undefined): Record<string, unknown>[] {
  const server = serverOf(ctx);
  const defaultWiki = ctx.services.config.defaultWiki;
  const entries: Record<string, unknown>[] = [];
  for (const { info } of ctx.services.wikis.list()) {
    const path = info.id === defaultWiki ? '/wiki/$1' : `/${info.id}/wiki/$1`;
    const entry: Record<string, unknown> = {
      prefix: info.isMediaRepo ? 'commons' : info.lang,
      local: true,
    };
    if (!info.isMediaRepo) entry.language = autonym(info.lang);
    entry.url = server + path;
    entry.wikiid = info.id;
    entries.push(entry);
  }
  entries.sort((a, b) => String(a.prefix).localeCompare(String(b.prefix)));
  if (filter === '!local') return [];
  return entries;
}

async function statistics(ctx: ApiRequestContext): Promise<Record<string, number>> {
  const { store } = ctx.services;
  const wiki = ctx.wiki.id;
  const ns = namespacesOf(ctx);
  const pages = await store.pages.count(wiki);
  let articles = 0;
  for (const n of ns.list) if (n.content) articles += await store.pages.count(wiki, n.id);
  const [latest] = await store.recentChanges.list(wiki, { dir: 'older', limit: 1, types: ['edit', 'new'] });
  const users = await countUsers(ctx, {});
  const admins = await countUsers(ctx, { groups: ['sysop'] });
  const recent = await store.recentChanges.list(wiki, {
    start: ctx.now,
    end: ctx.now - ACTIVE_USER_DAYS * 86400,
    dir: 'older',
    limit: STATISTICS_SCAN_CAP,
  });
  const active = new Set(recent.filter((rc) => rc.actorId > 0).map((rc) => rc.actorId));
  const jobs = await store.jobs.countByStatus();
  return {
    pages,
    articles,
    edits: latest?.revId ?? 0,
    images: 0,
    users,
    activeusers: active.size,
    admins,
    jobs: jobs.queued ?? 0,
  };
}

async function countUsers(ctx: ApiRequestContext, q: { groups?: string[] }): Promise<number> {
  let count = 0;
  let from: string | undefined;
  for (;;) {
    const batch = await ctx.services.store.users.list(ctx.wiki.id, {
      ...q,
      from,
      dir: 'ascending',
      limit: 5000,
      now: ctx.now,
    });
    const fresh = from === undefined ? batch : batch.filter((u) => u.name !== from);
    count += fresh.length;
    const last = batch[batch.length - 1];
    if (batch.length < 5000 || !last || count >= STATISTICS_SCAN_CAP) return count;
    from = last.name;
  }
}

async function userGroups(ctx: ApiRequestContext, withNumbers: boolean): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const [name, rights] of Object.entries(GROUP_PERMISSIONS)) {
    const entry: Record<string, unknown> = { name, rights: [...rights] };
    if (withNumbers) {
      if (name === '*') entry.number = -1;
      else if (IMPLICIT_GROUPS.includes(name)) entry.number = await countUsers(ctx, {});
      else entry.number = await countUsers(ctx, { groups: [name] });
    }
    if (rights.includes('userrights')) {
      const assignable = Object.keys(GROUP_PERMISSIONS).filter((g) => !IMPLICIT_GROUPS.includes(g));
      entry.add = assignable;
      entry.remove = assignable;
    }
    out.push(entry);
  }
  return out;
}

/**
 * The review-queue features this service provides, listed the way MediaWiki lists the extensions
 * that provide them, so clients that feature-detect by extension name find them.
 */
function extensions(): Record<string, unknown>[] {
  const entry = (name: string, description: string): Record<string, unknown> => ({
    type: 'other',
    name,
    description,
    author: 'wikiqueue',
    url: 'https://www.mediawiki.org/wiki/Extension:' + name,
    version: WIKIQUEUE_VERSION,
    'license-name': 'GPL-3.0-or-later',
    credits: 'wikiqueue',
  });
  return [
    entry('PageTriage', 'New-page review queue (provided by wikiqueue)'),
    entry('GrowthExperiments', 'Suggested edits with image recommendations (provided by wikiqueue)'),
    entry('PageImages', 'Lead images of pages (provided by wikiqueue)'),
  ];
}

function rightsInfo(ctx: ApiRequestContext): Record<string, unknown> {
  const { url, text } = coreSettingsOf(ctx.wiki).rightsinfo;
  return { url, text };
}

function languages(ctx: ApiRequestContext, inLanguage: string | undefined): Record<string, unknown>[] {
  const codes = new Set<string>(['en']);
  for (const { info } of ctx.services.wikis.list()) if (!info.isMediaRepo) codes.add(info.lang);
  return [...codes]
    .sort()
    .map((code) => withContent({ code, bcp47: code, name: autonym(code, inLanguage) }, 'name'));
}
