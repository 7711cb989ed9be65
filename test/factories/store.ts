import type { Clock } from '../../src/core/domain/clock.ts';
import type {
  Block,
  LogEntry,
  MediaFile,
  Notification,
  Page,
  PageLinksData,
  RecentChange,
  Revision,
  WikiInfo,
} from '../../src/core/domain/wiki.ts';
import { subsystemMigrations } from '../../src/create-services.ts';
import { openStore } from '../../src/core/store/open-store.ts';
import type { NewJob } from '../../src/core/store/repositories/jobs-and-schedules.ts';
import type { NewUser } from '../../src/core/store/repositories/users-and-sessions.ts';
import type { Store } from '../../src/core/store/store.ts';

/**
 * Builders for store rows with plausible defaults; pass what the test is about. Ids default to a
 * process-wide counter so that rows never collide by accident.
 */
let lastId = 1000;
const nextId = (): number => ++lastId;

/** A migrated in-memory SQLite store (close it when done). */
export async function openMemoryStore(options: { clock?: Clock } = {}): Promise<Store> {
  const store = await openStore('sqlite::memory:', options);
  await store.migrate(subsystemMigrations());
  return store;
}

export function makeWikiInfo(overrides: Partial<WikiInfo> = {}): WikiInfo {
  return {
    id: 'testwiki',
    lang: 'en',
    sitename: 'Test Wiki',
    baseUrl: '',
    namespaces: [],
    isMediaRepo: false,
    source: 'local',
    settings: {},
    ...overrides,
  };
}

export function makePage(overrides: Partial<Page> & Pick<Page, 'wiki'>): Page {
  const id = overrides.id ?? nextId();
  return {
    id,
    namespace: 0,
    title: `Page_${id}`,
    isRedirect: false,
    latestRevId: 0,
    len: 0,
    createdAt: 1_700_000_000,
    touchedAt: 1_700_000_000,
    contentModel: 'wikitext',
    ...overrides,
  };
}

export function makeRevision(overrides: Partial<Revision> & Pick<Revision, 'wiki' | 'pageId'>): Revision {
  const text = overrides.text ?? 'Some text.';
  return {
    id: nextId(),
    parentId: null,
    timestamp: 1_700_000_000,
    userId: 1,
    userText: 'Alice',
    comment: '',
    minor: false,
    len: text.length,
    sha1: 'phoiac9h4m842xq45sp7s6u21eteeq1',
    text,
    ...overrides,
  };
}

export function makeUser(overrides: Partial<NewUser> & Pick<NewUser, 'wiki'>): NewUser {
  const id = overrides.id ?? nextId();
  return { id, name: `User ${id}`, passwordHash: '', registration: 1_700_000_000, ...overrides };
}

export function makeBlock(overrides: Partial<Block> & Pick<Block, 'wiki'>): Block {
  return {
    id: nextId(),
    targetUserId: 0,
    targetAddress: '',
    byUserId: 1,
    byName: 'Admin',
    reason: 'Vandalism',
    timestamp: 1_700_000_000,
    expiry: null,
    sitewide: true,
    noCreate: true,
    noEmail: false,
    allowUserTalk: true,
    anonOnly: false,
    ...overrides,
  };
}

export function makeLogEntry(overrides: Partial<LogEntry> & Pick<LogEntry, 'wiki'>): LogEntry {
  return {
    id: nextId(),
    type: 'create',
    action: 'create',
    timestamp: 1_700_000_000,
    actorId: 1,
    actorName: 'Alice',
    namespace: 0,
    title: 'Some_page',
    pageId: 0,
    comment: '',
    params: {},
    tags: [],
    ...overrides,
  };
}

export function makeRecentChange(
  overrides: Partial<RecentChange> & Pick<RecentChange, 'wiki'>,
): RecentChange {
  return {
    id: nextId(),
    timestamp: 1_700_000_000,
    actorId: 1,
    actorName: 'Alice',
    namespace: 0,
    title: 'Some_page',
    pageId: 1,
    revId: 0,
    oldRevId: 0,
    type: 'edit',
    minor: false,
    bot: false,
    patrolled: 0,
    comment: '',
    oldLen: 0,
    newLen: 0,
    logId: 0,
    logType: '',
    logAction: '',
    tags: [],
    ...overrides,
  };
}

export function makeNotification(
  overrides: Partial<Notification> & Pick<Notification, 'wiki' | 'userId'>,
): Notification {
  return {
    id: nextId(),
    eventType: 'pagetriage-mark-as-reviewed',
    category: 'page-review',
    agentId: 2,
    agentName: 'Bob',
    pageNamespace: 0,
    pageTitle: 'Some_page',
    pageId: 1,
    extra: {},
    timestamp: 1_700_000_000,
    readAt: null,
    ...overrides,
  };
}

export function makeMediaFile(overrides: Partial<MediaFile> & Pick<MediaFile, 'repo' | 'name'>): MediaFile {
  return {
    size: 123_456,
    width: 800,
    height: 600,
    mediaType: 'BITMAP',
    mime: 'image/jpeg',
    bitDepth: 8,
    sha1: '0123456789abcdef0123456789abcdef01234567',
    license: 'CC BY-SA 4.0',
    author: 'Alice',
    description: 'A picture',
    categories: ['Pictures'],
    uploader: 'Alice',
    url: `https://upload.example.org/${overrides.name}`,
    timestamp: 1_700_000_000,
    ...overrides,
  };
}

export function makeLinks(overrides: Partial<PageLinksData> = {}): PageLinksData {
  return {
    links: [],
    categories: [],
    templates: [],
    images: [],
    langlinks: [],
    externalLinks: [],
    properties: {},
    ...overrides,
  };
}

export function makeJob(overrides: Partial<NewJob> = {}): NewJob {
  return { type: 'test-job', wiki: 'testwiki', payload: {}, ...overrides };
}
