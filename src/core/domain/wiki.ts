import type { NamespaceInfo } from './namespaces.ts';

/** One wiki served by this instance (a language edition, or the shared media repository). */
export interface WikiInfo {
  /** Database-style id: `enwiki`, `dewiki`, `commonswiki`. */
  id: string;
  lang: string;
  sitename: string;
  /** Public base URL of a real wiki, or '' for the embedded wiki. */
  baseUrl: string;
  namespaces: NamespaceInfo[];
  isMediaRepo: boolean;
  /** Where the wiki's truth lives: the embedded wiki, an imported dump, or a real MediaWiki. */
  source: 'local' | 'dump' | 'mediawiki';
  /**
   * Per-wiki settings: the core's at the top level (CoreSettings, wiki-settings.ts) and each
   * subsystem's document under its name (`review`); validated when the wiki is written.
   */
  settings: Record<string, unknown>;
  /**
   * The wiki's settings from the config file (`wikis.{id}` of wikiqueue.config.json), under the
   * stored ones (settings-schema.ts effectiveSettings); attached when the wiki is loaded, never stored.
   */
  configSettings?: Record<string, unknown>;
}

export interface Page {
  wiki: string;
  id: number;
  namespace: number;
  /** DB key: underscores, no namespace prefix. */
  title: string;
  isRedirect: boolean;
  latestRevId: number;
  len: number;
  createdAt: number;
  touchedAt: number;
  contentModel: string;
}

/**
 * Where a redirect page points, as its latest revision says (a row of MediaWiki's `redirect`
 * table): stored when the page is saved, so that readers never parse its text.
 */
export interface PageRedirect {
  namespace: number;
  /** DB key of the target (underscores, no namespace prefix). */
  title: string;
  /** The section after `#`, as written; '' when there is none. */
  fragment: string;
  /** The interwiki prefix of a redirect to another wiki (`wikt`); '' for a page of this wiki. */
  interwiki: string;
}

export interface Revision {
  wiki: string;
  id: number;
  pageId: number;
  parentId: number | null;
  timestamp: number;
  userId: number;
  userText: string;
  comment: string;
  minor: boolean;
  len: number;
  sha1: string;
  text: string;
}

export interface User {
  wiki: string;
  id: number;
  name: string;
  registration: number | null;
  editCount: number;
  email: string;
  groups: string[];
}

export interface Block {
  wiki: string;
  id: number;
  targetUserId: number;
  /** The blocked IP address or CIDR range ('' for an account block). */
  targetAddress: string;
  byUserId: number;
  byName: string;
  reason: string;
  timestamp: number;
  expiry: number | null;
  sitewide: boolean;
  noCreate: boolean;
  noEmail: boolean;
  allowUserTalk: boolean;
  /** An address or range block that spares logged-in users (ipb_anon_only); false for accounts. */
  anonOnly: boolean;
}

/** A create protection of a title that has no page (MediaWiki's protected_titles). */
export interface TitleProtection {
  wiki: string;
  namespace: number;
  /** DB key. */
  title: string;
  level: string;
  /** null = infinite. */
  expiry: number | null;
  timestamp: number;
  byUserId: number;
  byName: string;
  reason: string;
}

export interface LogEntry {
  wiki: string;
  id: number;
  type: string;
  action: string;
  timestamp: number;
  actorId: number;
  actorName: string;
  namespace: number;
  title: string;
  pageId: number;
  comment: string;
  params: Record<string, unknown>;
  tags: string[];
}

export interface RecentChange {
  wiki: string;
  id: number;
  timestamp: number;
  actorId: number;
  actorName: string;
  namespace: number;
  title: string;
  pageId: number;
  revId: number;
  oldRevId: number;
  type: 'edit' | 'new' | 'log';
  minor: boolean;
  bot: boolean;
  patrolled: 0 | 1 | 2;
  comment: string;
  oldLen: number;
  newLen: number;
  logId: number;
  logType: string;
  logAction: string;
  tags: string[];
}

/**
 * A file on a media repository (Commons-like), with what clients need to show it. Size, dimensions,
 * types, bit depth and SHA-1 are read from the file itself; licence, author, description and
 * categories from its description page (wikitext/file-description.ts).
 */
export interface MediaFile {
  repo: string;
  /** DB-key form, without the File: prefix. */
  name: string;
  /** Bytes. */
  size: number;
  width: number;
  height: number;
  /** MediaWiki's media type: BITMAP, DRAWING, … */
  mediaType: string;
  mime: string;
  /** Bits per channel (img_bits); 0 for vector drawings. */
  bitDepth: number;
  /** SHA-1 of the file's bytes, 40 lowercase hex digits. */
  sha1: string;
  /** extmetadata LicenseShortName ("CC BY-SA 4.0"); empty when the page names no known licence. */
  license: string;
  /** extmetadata Artist, as text. */
  author: string;
  /** extmetadata ImageDescription, as text. */
  description: string;
  /** Categories of the description page, DB-key form. */
  categories: string[];
  /** Who uploaded the file (imageinfo `user`). */
  uploader: string;
  /**
   * Where the original is served: a path (`/images/commonswiki/a/ab/Name.jpg`) for files this
   * service serves, made absolute with config.server when read (core/media/media-service.ts), or
   * the full URL of a file on a repository elsewhere.
   */
  url: string;
  /** Upload time, Unix seconds. */
  timestamp: number;
}

export interface Notification {
  wiki: string;
  id: number;
  userId: number;
  eventType: string;
  category: string;
  agentId: number;
  agentName: string;
  pageNamespace: number;
  pageTitle: string;
  pageId: number;
  extra: Record<string, unknown>;
  timestamp: number;
  readAt: number | null;
}

/** What wikitext analysis of a revision contributes to the link tables (MediaWiki's LinksUpdate). */
export interface PageLinksData {
  links: { namespace: number; title: string }[];
  categories: { category: string; sortkey: string }[];
  templates: { namespace: number; title: string }[];
  images: string[];
  langlinks: { lang: string; title: string }[];
  /** External link URLs (externallinks), each once. */
  externalLinks: string[];
  properties: Record<string, string>;
}
