import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import type { SaxesTagPlain } from 'saxes';
import { NamespaceTable, defaultNamespaces } from '../../../core/domain/namespaces.ts';
import { DumpFormatError, describePosition } from './dump-format-error.ts';
import type { DumpPosition } from './dump-format-error.ts';
import { buildSiteInfo } from './dump-siteinfo.ts';
import type { RawNamespace, RawSiteInfo } from './dump-siteinfo.ts';
import type { DumpContributor, DumpItem, DumpPage, DumpRevision } from '../../../core/imports/dump-types.ts';

/**
 * What an open element means to us. Elements we do not use (`<upload>`, `<logitem>`,
 * `<discussionthreadinginfo>`, `<origin>`, 0.11 `<content>` slots, anything unknown) open a
 * 'skip' frame, and so does everything inside them.
 */
type Frame =
  'root' | 'siteinfo' | 'namespaces' | 'aliases' | 'page' | 'revision' | 'contributor' | 'leaf' | 'skip';

/** How far back an error message looks for the markup it quotes (a close tag, an entity). */
const MARKUP_CONTEXT = 300;

/** Newest export schema this reader knows; newer ones are read as this one, with a warning. */
const NEWEST_SCHEMA = '0.11';

interface PageDraft {
  title: string | null;
  ns: number | null;
  id: number | null;
  redirectTitle: string | null;
  restrictions: string | null;
  revisions: DumpRevision[];
  /** Before the resume point (ReadDumpOptions.skipPagesUntilId): parsed but not kept. */
  skipped: boolean;
}

interface RevisionDraft {
  id: number | null;
  parentId: number | null;
  timestamp: string | null;
  contributor: DumpContributor;
  minor: boolean;
  comment: string | null;
  commentDeleted: boolean;
  model: string | null;
  format: string | null;
  text: string;
  /** UTF-8 bytes of `<text>` read so far, kept or not. */
  textBytes: number;
  /** The text grew beyond the limit: it is no longer kept. */
  textTooLarge: boolean;
  textSha1: string | null;
  sha1: string | null;
  textDeleted: boolean;
}

/** A close tag as saxes reported it, with where it ended. */
interface ClosedTag {
  name: string;
  position: number;
  line: number;
  column: number;
}

/**
 * Push parser for MediaWiki's XML export format (schema 0.3–0.11): feed it uncompressed bytes
 * with `write`, then call `end`; collect the finished siteinfo and pages with `takeItems`. It
 * holds the page being read (all of its revisions: for a full-history dump of a busy page that
 * can be large) plus the items finished in the current chunk. After a DumpFormatError it ignores
 * everything that follows, so the items taken are exactly those completed before the problem.
 */
export class ExportXmlReader {
  readonly #parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  readonly #decoder = new StringDecoder('utf8');
  readonly #skipUntilId: number | undefined;
  readonly #maxTextBytes: () => number;
  #resumed: boolean;
  #items: DumpItem[] = [];
  #error: DumpFormatError | null = null;

  readonly #frames: Frame[] = [];
  /** Element names parallel to #frames, for messages. */
  readonly #names: string[] = [];
  #top: Frame | undefined;
  #leaf = '';
  #leafAttrs: Record<string, string> = {};
  #text = '';

  #sawRoot = false;
  #rootClosed = false;
  #rootLang: string | null = null;
  #site: RawSiteInfo | null = null;
  #namespaces: NamespaceTable | null = null;
  #page: PageDraft | null = null;
  #revision: RevisionDraft | null = null;
  #lastPage: { title: string; id: number | null } | null = null;

  /**
   * The close tag saxes just reported, acted on at the next event. On a mismatched close tag
   * saxes reports the inner elements it pops as closed and only then the error; acting at once
   * would, for instance, finish a page whose `</page>` is missing.
   */
  #closed: ClosedTag | null = null;
  #confirming = false;

  // saxes positions are indexes into the concatenated decoded text; these map them to bytes.
  #chunk = '';
  /** The end of the text before #chunk, so markup split across chunks can be quoted in errors. */
  #before = '';
  #chunkStartChar = 0;
  #chunkStartByte = 0;
  #cursorChar = 0;
  #cursorByte = 0;
  #totalChars = 0;
  #totalBytes = 0;
  #atStart = true;

  constructor(options: { skipPagesUntilId?: number; maxTextBytes?: () => number } = {}) {
    this.#skipUntilId = options.skipPagesUntilId;
    this.#maxTextBytes = options.maxTextBytes ?? (() => Infinity);
    this.#resumed = options.skipPagesUntilId === undefined;
    const p = this.#parser;
    p.on('opentag', (tag) => this.#onOpen(tag));
    p.on('closetag', (tag) => this.#onClose(tag));
    p.on('text', (text) => this.#onText(text));
    p.on('cdata', (text) => this.#onText(text));
    p.on('error', (err) => this.#onSaxError(err));
  }

  /** Items completed so far (siteinfo, pages, warnings), in input order; clears the queue. */
  takeItems(): DumpItem[] {
    const items = this.#items;
    this.#items = [];
    return items;
  }

  /** The first format error, if any; once set, further input is ignored. */
  get error(): DumpFormatError | null {
    return this.#error;
  }

  write(bytes: Buffer): void {
    if (this.#error) return;
    let text = this.#decoder.write(bytes);
    if (this.#atStart && text.length > 0) {
      this.#atStart = false;
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
        this.#totalBytes += 3;
      }
    }
    this.#feed(text);
  }

  /**
   * Input is over. Tells a complete dump from one cut right after a complete page (a warning:
   * all of it was read) and from a truncated or empty one (a DumpFormatError).
   */
  end(): void {
    if (this.#error) return;
    this.#feed(this.#decoder.end());
    if (this.#error) return;
    const here = this.#endPosition();
    if (!this.#sawRoot) {
      this.#setError(
        `truncated input at ${describePosition(here)}: no <mediawiki> element (empty input?)`,
        here,
      );
      return;
    }
    if (this.#rootClosed) {
      this.#parser.close();
      return;
    }
    if (this.#frames.length > 1) {
      this.#setError(
        `truncated input at ${describePosition(here)}: input ends inside ${this.#describeOpen()}`,
        here,
      );
      return;
    }
    // Only <mediawiki> is open: fine, unless the input stops in the middle of markup ("<pa").
    const problems: string[] = [];
    this.#parser.on('error', (err) => problems.push(err.message));
    this.#parser.close();
    if (problems.some((m) => !m.includes('unclosed tag: '))) {
      const after = this.#lastPage === null ? '' : ' after the last complete page';
      this.#setError(`truncated input at ${describePosition(here)}: input ends inside markup${after}`, here);
      return;
    }
    const last =
      this.#lastPage === null
        ? 'siteinfo'
        : `page ("${this.#lastPage.title}"${this.#lastPage.id === null ? '' : `, id ${this.#lastPage.id}`})`;
    this.#items.push({
      kind: 'warning',
      message: `input ends without </mediawiki> after the last complete ${last}; the dump was probably cut at a page boundary`,
    });
  }

  #feed(text: string): void {
    if (text.length === 0) return;
    this.#before = (this.#before + this.#chunk).slice(-MARKUP_CONTEXT);
    this.#chunk = text;
    this.#chunkStartChar = this.#totalChars;
    this.#chunkStartByte = this.#totalBytes;
    this.#cursorChar = 0;
    this.#cursorByte = this.#totalBytes;
    this.#totalChars += text.length;
    this.#totalBytes += Buffer.byteLength(text);
    this.#parser.write(text);
    // A close tag at the very end of the chunk was well formed: saxes reports errors at once.
    this.#confirmClose();
    if (this.#top === 'leaf' && this.#leaf === 'revision.text') {
      const held = takeHeldText(this.#parser);
      if (held !== '') this.#onText(held);
    }
  }

  /** Uncompressed byte offset of a saxes position inside the current chunk. */
  #byteAt(position: number): number {
    const index = Math.min(Math.max(position - this.#chunkStartChar, 0), this.#chunk.length);
    if (index < this.#cursorChar) {
      this.#cursorChar = 0;
      this.#cursorByte = this.#chunkStartByte;
    }
    this.#cursorByte += Buffer.byteLength(this.#chunk.slice(this.#cursorChar, index));
    this.#cursorChar = index;
    return this.#cursorByte;
  }

  /**
   * Where the parser is (saxes' 0-based column of the next character is the 1-based column of
   * the last one read), or, while acting on a close tag, where that tag ended.
   */
  #position(): DumpPosition {
    const at = this.#confirming ? this.#closed : null;
    if (at !== null) return { line: at.line, column: at.column, byteOffset: this.#byteAt(at.position) };
    const p = this.#parser;
    return { line: p.line, column: p.column, byteOffset: this.#byteAt(p.position) };
  }

  #endPosition(): DumpPosition {
    const p = this.#parser;
    return { line: p.line, column: p.column + 1, byteOffset: this.#totalBytes };
  }

  #setError(message: string, position: DumpPosition): void {
    this.#error ??= new DumpFormatError(message, position);
  }

  /** A structural problem (well-formed XML that is not a valid export). */
  #fail(problem: string): void {
    const pos = this.#position();
    this.#setError(`malformed dump at ${describePosition(pos)}: ${problem}`, pos);
  }

  #onSaxError(err: Error): void {
    if (this.#error) return;
    const innermost = this.#closed?.name;
    this.#closed = null;
    const detail = err.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    const pos = this.#position();
    if (/^(unexpected close tag|unmatched closing tag)/.test(detail)) {
      const tag = this.#markupBeforeCursor('</', /^<\/[^<>\s]+\s*>$/);
      if (tag !== null) {
        const expected =
          detail.startsWith('unexpected') && innermost !== undefined
            ? ` (expected </${innermost}>)`
            : ' (no such element is open)';
        return this.#failAtMarkup(tag, pos, `unexpected close tag ${tag}${expected}`);
      }
    }
    if (detail === 'undefined entity') {
      const entity = this.#markupBeforeCursor('&', /^&[^\s&;<]+;$/);
      if (entity !== null) return this.#failAtMarkup(entity, pos, `undefined entity ${entity}`);
    }
    this.#setError(`malformed XML at ${describePosition(pos)}: ${detail}`, pos);
  }

  /** Reports a problem at the start of `markup`, which ends at the cursor (`pos`). */
  #failAtMarkup(markup: string, pos: DumpPosition, problem: string): void {
    const start: DumpPosition = {
      line: pos.line,
      column: Math.max(pos.column - [...markup].length + 1, 1),
      byteOffset: pos.byteOffset! - Buffer.byteLength(markup),
    };
    this.#setError(`malformed XML at ${describePosition(start)}: ${problem}`, start);
  }

  /** The markup from the last `opener` up to the cursor, when it has `shape`. */
  #markupBeforeCursor(opener: string, shape: RegExp): string | null {
    const end = this.#parser.position - this.#chunkStartChar;
    const recent = this.#chunk.slice(Math.max(0, end - MARKUP_CONTEXT), end);
    const text = recent.length < MARKUP_CONTEXT ? this.#before + recent : recent;
    const markup = text.slice(text.lastIndexOf(opener));
    return text.includes(opener) && shape.test(markup) ? markup : null;
  }

  #onText(text: string): void {
    if (this.#error) return;
    if (this.#closed !== null) this.#confirmClose();
    if (this.#top !== 'leaf') return;
    const rev = this.#leaf === 'revision.text' ? this.#revision : null;
    if (rev === null) {
      this.#text += text;
      return;
    }
    rev.textBytes += Buffer.byteLength(text);
    if (rev.textTooLarge) return;
    if (rev.textBytes > this.#maxTextBytes()) {
      rev.textTooLarge = true;
      this.#text = '';
    } else {
      this.#text += text;
    }
  }

  #push(frame: Frame): void {
    this.#frames.push(frame);
    this.#top = frame;
  }

  #openLeaf(name: string, attrs: Record<string, string>): void {
    this.#leaf = name;
    this.#leafAttrs = attrs;
    this.#text = '';
    this.#push('leaf');
  }

  #onOpen(tag: SaxesTagPlain): void {
    if (this.#error) return;
    if (this.#closed !== null) this.#confirmClose();
    const { name, attributes } = tag;
    this.#names.push(name);
    switch (this.#top) {
      case undefined:
        return this.#openRoot(name, attributes);
      case 'root':
        return this.#openInRoot(name);
      case 'siteinfo':
        if (name === 'namespaces') return this.#push('namespaces');
        if (name === 'namespacealiases') return this.#push('aliases');
        return this.#openLeaf('site.' + name, attributes);
      case 'namespaces':
      case 'aliases':
        return name === 'namespace' ? this.#openLeaf('namespace', attributes) : this.#push('skip');
      case 'page':
        return this.#openInPage(name, attributes);
      case 'revision':
        return this.#openInRevision(name, attributes);
      case 'contributor':
        return this.#openLeaf('contributor.' + name, attributes);
      default:
        return this.#push('skip');
    }
  }

  #openRoot(name: string, attributes: Record<string, string>): void {
    if (name !== 'mediawiki') {
      const pos = this.#position();
      const problem = `unsupported root element <${name}> at ${describePosition(pos)}; expected <mediawiki>`;
      this.#setError(`not a MediaWiki XML export: ${problem}`, pos);
      return;
    }
    this.#sawRoot = true;
    this.#rootLang = attributes['xml:lang'] ?? null;
    const version = attributes['version'];
    if (version !== undefined && isNewerSchema(version)) {
      this.#items.push({
        kind: 'warning',
        message: `export schema version ${version} is newer than ${NEWEST_SCHEMA}; reading it as ${NEWEST_SCHEMA}`,
      });
    }
    this.#push('root');
  }

  #openInRoot(name: string): void {
    if (name === 'page') {
      this.#page = {
        title: null,
        ns: null,
        id: null,
        redirectTitle: null,
        restrictions: null,
        revisions: [],
        skipped: false,
      };
      return this.#push('page');
    }
    if (name === 'siteinfo' && this.#site === null) {
      this.#site = {
        sitename: '',
        dbname: '',
        base: '',
        generator: '',
        case: '',
        namespaces: [],
        aliases: [],
        rootLang: this.#rootLang,
      };
      return this.#push('siteinfo');
    }
    return this.#push('skip');
  }

  #openInPage(name: string, attributes: Record<string, string>): void {
    const page = this.#page!;
    switch (name) {
      case 'title':
      case 'ns':
      case 'id':
      case 'restrictions':
        return this.#openLeaf('page.' + name, attributes);
      case 'redirect':
        // Schema 0.6+ names the target; 0.4/0.5 write a bare flag.
        page.redirectTitle = attributes['title'] ?? page.redirectTitle;
        return this.#push('skip');
      case 'revision':
        if (page.skipped) return this.#push('skip');
        this.#revision = {
          id: null,
          parentId: null,
          timestamp: null,
          contributor: { id: null, username: null, ip: null, deleted: false },
          minor: false,
          comment: null,
          commentDeleted: false,
          model: null,
          format: null,
          text: '',
          textBytes: 0,
          textTooLarge: false,
          textSha1: null,
          sha1: null,
          textDeleted: false,
        };
        return this.#push('revision');
      default:
        return this.#push('skip');
    }
  }

  #openInRevision(name: string, attributes: Record<string, string>): void {
    const rev = this.#revision!;
    switch (name) {
      case 'contributor':
        if (attributes['deleted'] !== undefined) rev.contributor.deleted = true;
        return this.#push(rev.contributor.deleted ? 'skip' : 'contributor');
      case 'minor':
        rev.minor = true;
        return this.#push('skip');
      case 'comment':
        if (attributes['deleted'] !== undefined) rev.commentDeleted = true;
        return this.#openLeaf('revision.comment', attributes);
      case 'text':
        if (attributes['deleted'] !== undefined) rev.textDeleted = true;
        rev.textSha1 = attributes['sha1'] || null;
        return this.#openLeaf('revision.text', attributes);
      case 'id':
      case 'parentid':
      case 'timestamp':
      case 'model':
      case 'format':
      case 'sha1':
        return this.#openLeaf('revision.' + name, attributes);
      default:
        return this.#push('skip');
    }
  }

  #onClose(tag: SaxesTagPlain): void {
    if (this.#error) return;
    if (this.#closed !== null) this.#confirmClose();
    const p = this.#parser;
    this.#closed = { name: tag.name, position: p.position, line: p.line, column: p.column };
  }

  #confirmClose(): void {
    if (this.#closed === null) return;
    this.#confirming = true;
    try {
      this.#actOnClose();
    } finally {
      this.#confirming = false;
      this.#closed = null;
    }
  }

  #actOnClose(): void {
    const frame = this.#frames.pop();
    this.#names.pop();
    this.#top = this.#frames[this.#frames.length - 1];
    switch (frame) {
      case 'leaf':
        return this.#closeLeaf();
      case 'siteinfo': {
        const siteinfo = buildSiteInfo(this.#site!);
        this.#namespaces = new NamespaceTable(siteinfo.namespaces);
        this.#items.push({ kind: 'siteinfo', siteinfo });
        return;
      }
      case 'revision':
        return this.#closeRevision();
      case 'page':
        return this.#closePage();
      case 'root':
        this.#rootClosed = true;
        return;
      default:
        return;
    }
  }

  #closeLeaf(): void {
    const text = this.#text;
    this.#text = '';
    switch (this.#leaf) {
      case 'site.sitename':
        this.#site!.sitename = text;
        return;
      case 'site.dbname':
        this.#site!.dbname = text.trim();
        return;
      case 'site.base':
        this.#site!.base = text.trim();
        return;
      case 'site.generator':
        this.#site!.generator = text;
        return;
      case 'site.case':
        this.#site!.case = text.trim();
        return;
      case 'namespace':
        return this.#closeNamespace(text, this.#leafAttrs);
      case 'page.title':
        this.#page!.title = text;
        return;
      case 'page.ns':
        this.#page!.ns = this.#int('<ns>', text, 'nan');
        return;
      case 'page.id':
        return this.#closePageId(text);
      case 'page.restrictions':
        this.#page!.restrictions = text;
        return;
      case 'revision.id':
        this.#revision!.id = this.#int('revision <id>', text, 'nan');
        return;
      case 'revision.parentid':
        this.#revision!.parentId = this.#int('<parentid>', text, 'null');
        return;
      case 'revision.timestamp':
        this.#revision!.timestamp = text.trim();
        return;
      case 'revision.comment':
        this.#revision!.comment = this.#revision!.commentDeleted || text === '' ? null : text;
        return;
      case 'revision.model':
        this.#revision!.model = text.trim();
        return;
      case 'revision.format':
        this.#revision!.format = text.trim();
        return;
      case 'revision.text':
        this.#revision!.text = this.#revision!.textDeleted ? '' : text;
        return;
      case 'revision.sha1':
        this.#revision!.sha1 = text.trim() || null;
        return;
      case 'contributor.username':
        this.#revision!.contributor.username = text === '' ? null : text;
        return;
      case 'contributor.id':
        this.#revision!.contributor.id = this.#int('contributor <id>', text, 'null');
        return;
      case 'contributor.ip':
        this.#revision!.contributor.ip = text === '' ? null : text;
        return;
      default:
        return;
    }
  }

  #closeNamespace(text: string, attrs: Record<string, string>): void {
    const key = this.#int('<namespace key>', attrs['key'] ?? '');
    if (key === null) return;
    const entry: RawNamespace = { key, case: attrs['case'] ?? null, name: text };
    const site = this.#site!;
    (this.#top === 'aliases' ? site.aliases : site.namespaces).push(entry);
  }

  #closePageId(text: string): void {
    const page = this.#page!;
    page.id = this.#int('page <id>', text, 'nan');
    if (!this.#resumed && page.id !== null) {
      if (page.id >= this.#skipUntilId!) this.#resumed = true;
      else page.skipped = true;
    }
  }

  #closeRevision(): void {
    const rev = this.#revision!;
    this.#revision = null;
    if (rev.timestamp === null) {
      const which =
        rev.id === null ? `a revision of page "${this.#page!.title ?? '?'}"` : `revision ${rev.id}`;
      return this.#fail(`${which} has no <timestamp>`);
    }
    this.#page!.revisions.push({
      id: rev.id,
      parentId: rev.parentId,
      timestamp: rev.timestamp,
      contributor: rev.contributor,
      minor: rev.minor,
      comment: rev.comment,
      commentDeleted: rev.commentDeleted,
      model: rev.model || 'wikitext',
      format: rev.format || 'text/x-wiki',
      text: rev.text,
      textBytes: rev.textDeleted ? 0 : rev.textBytes,
      textTooLarge: rev.textTooLarge && !rev.textDeleted,
      sha1: rev.sha1 ?? rev.textSha1,
      textDeleted: rev.textDeleted,
    });
  }

  #closePage(): void {
    const draft = this.#page!;
    this.#page = null;
    if (draft.title === null) return this.#fail('<page> without <title>');
    if (draft.skipped) return;
    const page: DumpPage = {
      title: draft.title,
      namespace: draft.ns ?? this.#namespaceOfTitle(draft.title),
      id: draft.id,
      redirectTitle: draft.redirectTitle,
      restrictions: draft.restrictions,
      revisions: draft.revisions,
    };
    this.#lastPage = { title: page.title, id: page.id };
    this.#items.push({ kind: 'page', page, byteOffset: this.#byteAt(this.#closed!.position) });
  }

  /** Schema < 0.6 has no `<ns>`: the namespace is the title's prefix, if it names one. */
  #namespaceOfTitle(title: string): number {
    const colon = title.indexOf(':');
    if (colon <= 0) return 0;
    this.#namespaces ??= new NamespaceTable(defaultNamespaces());
    return this.#namespaces.idOf(title.slice(0, colon)) ?? 0;
  }

  /**
   * An integer element. What is not one fails the dump only where the dump's structure depends on
   * it (`<namespace key>`); an id or `<ns>` of a page or revision becomes NaN, which the import
   * reports for that page or revision alone (import-error-bad-id, import-error-invalid), and a
   * contributor's or parent's id becomes null (a contributor is then known by name, as importDump
   * maps one).
   */
  #int(what: string, text: string, otherwise: 'fail' | 'nan' | 'null' = 'fail'): number | null {
    if (!/^\s*-?\d+\s*$/.test(text)) {
      if (otherwise === 'nan') return Number.NaN;
      if (otherwise === 'null') return null;
      this.#fail(`${what} is not an integer: ${JSON.stringify(text.slice(0, 40))}`);
      return null;
    }
    return Number(text);
  }

  #describeOpen(): string {
    const page = this.#page;
    if (page === null) return this.#names.map((n) => `<${n}>`).join('');
    const title = page.title === null ? '' : ` "${page.title}"`;
    const id = page.id === null ? '' : ` (id ${page.id})`;
    const rev = this.#revision?.id == null ? '' : `, in revision ${this.#revision.id}`;
    return `<page>${title}${id}${rev}`;
  }
}

/**
 * saxes keeps a text node whole until the markup after it and only then reports it: a 200 MB
 * `<text>` would be held twice (there and here). Between writes, the part it holds is taken and
 * reported at once while it is in its text or entity-reference state, where what it holds is
 * nothing but character data read so far (in any other state the buffer is markup: a comment, a
 * tag name…). saxes has no public API for this; the state numbers are checked against a probe
 * parser once, and if saxes ever changes them nothing is taken (memory is then bounded by the
 * largest text node instead of the chunk size).
 */
function takeHeldText(parser: SaxesParser<{ xmlns: false; position: true }>): string {
  const internals = parser as unknown as SaxesInternals;
  if (!heldTextReadable || !CHARACTER_DATA_STATES.has(internals.state)) return '';
  const held = internals.text;
  internals.text = '';
  return held;
}

interface SaxesInternals {
  state: number;
  text: string;
}

/** saxes 6's S_TEXT and S_ENTITY. */
const CHARACTER_DATA_STATES: ReadonlySet<number> = new Set([13, 14]);

const heldTextReadable = ((): boolean => {
  const probe = new SaxesParser({ xmlns: false });
  probe.on('text', () => {});
  const internals = probe as unknown as Partial<SaxesInternals>;
  probe.write('<a>x');
  const inText = internals.state === 13 && internals.text === 'x';
  probe.write('&am');
  return inText && internals.state === 14;
})();

/** Whether "0.12" (or "1.0") is newer than the newest schema we know. */
function isNewerSchema(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const [newestMajor = 0, newestMinor = 0] = NEWEST_SCHEMA.split('.').map(Number);
  return major > newestMajor || (major === newestMajor && minor > newestMinor);
}
