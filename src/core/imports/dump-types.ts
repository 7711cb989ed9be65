import type { NamespaceInfo } from '../domain/namespaces.ts';

/** The `<siteinfo>` block at the head of a MediaWiki XML export. */
export interface DumpSiteInfo {
  sitename: string;
  dbname: string;
  /** URL of the main page ("https://ltg.wikipedia.org/wiki/Suoku_puslopa"). */
  base: string;
  generator: string;
  /** Site-wide title case: 'first-letter' or 'case-sensitive'. */
  case: string;
  /**
   * Content language: the root element's xml:lang when present (the wiki's own declaration,
   * right even for simplewiki or be_x_oldwiki), else derived from dbname ('ltgwiki' → 'ltg'),
   * else from a Wikimedia host name in `base`.
   */
  lang?: string;
  /** From `<namespaces>`; canonical names are the English ones for ids MediaWiki defines. */
  namespaces: NamespaceInfo[];
}

export interface DumpContributor {
  id: number | null;
  username: string | null;
  ip: string | null;
  /** `<contributor deleted="deleted"/>`: the user was revision-deleted; all other fields null. */
  deleted: boolean;
}

export interface DumpRevision {
  /** null when the dump has no `<id>` (importDump accepts that and gives the revision a new id). */
  id: number | null;
  parentId: number | null;
  /** ISO 8601 exactly as in the dump ("2017-06-01T12:00:00Z"). */
  timestamp: string;
  contributor: DumpContributor;
  minor: boolean;
  /** null when the revision has no summary or the summary was deleted (see commentDeleted). */
  comment: string | null;
  commentDeleted: boolean;
  /** 'wikitext' when the dump predates schema 0.8 and has no `<model>`. */
  model: string;
  /** 'text/x-wiki' when the dump predates schema 0.8 and has no `<format>`. */
  format: string;
  /**
   * Main-slot text ('' when deleted, when the dump is a stub dump without text, or when it is
   * larger than ReadDumpOptions.maxTextBytes: see textTooLarge).
   */
  text: string;
  /** UTF-8 length of the text in the dump, also when it was too large to keep. */
  textBytes: number;
  /** The text was larger than ReadDumpOptions.maxTextBytes and was not kept. */
  textTooLarge: boolean;
  sha1: string | null;
  textDeleted: boolean;
}

export interface DumpPage {
  /** Full prefixed title as in the dump ("Kategoreja:Vīsture"), spaces not underscores. */
  title: string;
  namespace: number;
  /** null when the dump has no `<id>` (importDump accepts that and gives the page a new id). */
  id: number | null;
  /** Target of `<redirect title="..."/>`; null for non-redirects and for pre-0.6 dumps. */
  redirectTitle: string | null;
  restrictions: string | null;
  /** In dump order (oldest first in Wikimedia dumps). */
  revisions: DumpRevision[];
}

export type DumpItem =
  | { kind: 'siteinfo'; siteinfo: DumpSiteInfo }
  | {
      kind: 'page';
      page: DumpPage;
      /** Uncompressed bytes of input consumed up to and including this page's `</page>`. */
      byteOffset: number;
    }
  /** Something odd but harmless, e.g. input that ends after a complete page without `</mediawiki>`. */
  | { kind: 'warning'; message: string };

export interface ReadDumpOptions {
  /** Called as compressed input is read; `totalBytes` is the file size when reading a path. */
  onBytes?: (compressedBytesRead: number, totalBytes?: number) => void;
  /**
   * Resume support: pages are skipped (not even their text is kept) until the first page whose
   * id is ≥ this value; that page and every page after it are yielded, whatever their ids.
   */
  skipPagesUntilId?: number;
  /**
   * Revision texts longer than this (UTF-8 bytes) are not kept: they are counted as they stream
   * past and the revision comes with `textTooLarge`. Asked at each text, so the limit may change
   * once the siteinfo has named the wiki. Default: no limit.
   */
  maxTextBytes?: () => number;
}
