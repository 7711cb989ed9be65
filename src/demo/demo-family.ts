import type { WikiInfo } from '../core/domain/wiki.ts';
import type { Picture } from './pictures.ts';
import type { Topic } from './topics.ts';

/** What part a demo account plays; it decides its groups, registration and edit count. */
export type DemoRole =
  | 'admin'
  | 'patroller'
  | 'autopatrolled'
  | 'bot'
  | 'copyviobot'
  | 'experienced'
  | 'learner'
  | 'newcomer'
  | 'vandal'
  | 'uploader';

export interface DemoUser {
  wiki: string;
  name: string;
  role: DemoRole;
  /** Explicit groups (sysop, bureaucrat, patroller, autopatrolled, bot, copyviobot). */
  groups: string[];
  /** Unix seconds; the account is created at this time. */
  registration: number;
  /**
   * Edits made before the replayed history (added to the edit count at registration), so that
   * experience levels come out as the role says (review-queue-reference.md §1.6 `user_experience`).
   */
  priorEdits: number;
}

interface OperationBase {
  wiki: string;
  /** Unix seconds: the clock reads this while the operation is replayed. */
  at: number;
  /** A demo user's name, or an IP address for anonymous edits. */
  actor: string;
}

export type ProtectionLevelName = 'autoconfirmed' | 'sysop';

/** One step of the family's history, replayed through the wiki's source in order. */
export type DemoOperation =
  | (OperationBase & { kind: 'create-account' })
  | (OperationBase & {
      kind: 'edit';
      /** Display title with the wiki's localized namespace prefix. */
      title: string;
      text: string;
      summary: string;
      minor: boolean;
      bot: boolean;
      /** True for the edit that creates the page. */
      create: boolean;
    })
  | (OperationBase & { kind: 'move'; from: string; to: string; reason: string })
  | (OperationBase & { kind: 'delete'; title: string; reason: string })
  | (OperationBase & {
      kind: 'block';
      target: string;
      expiry: number | null;
      reason: string;
      noCreate: boolean;
    })
  /** Marks the page's creation as patrolled. */
  | (OperationBase & { kind: 'patrol'; title: string })
  | (OperationBase & {
      kind: 'protect';
      title: string;
      edit: ProtectionLevelName;
      move: ProtectionLevelName;
      expiry: number | null;
      reason: string;
    });

/**
 * A file of the demo's media repository, as the generator plans it: the picture to make, and the
 * upload (who, when) and description page (created on the repository by the replayed history).
 * The loader makes the file and reads its metadata from it (core/media/media-service.ts).
 */
export interface DemoMediaFile {
  repo: string;
  /** DB key. */
  name: string;
  picture: Picture;
  uploader: string;
  timestamp: number;
  /** The description page's wikitext: description, author, licence and categories. */
  descriptionPage: string;
  /**
   * What the file is: a `photo` or `drawing` of a topic (good suggestions), or an `icon`, `flag`,
   * `logo`, `placeholder` or `tiny` image (< 100 px wide) that a suggestion filter must drop.
   */
  role: 'photo' | 'drawing' | 'icon' | 'flag' | 'logo' | 'placeholder' | 'tiny';
}

export interface DemoFamily {
  seed: number;
  /** The generation time; every operation is before it. */
  now: number;
  /** Start of the replayed window (60 days before now); accounts and uploads may be older. */
  start: number;
  wikis: WikiInfo[];
  media: DemoMediaFile[];
  users: DemoUser[];
  /** Chronological. */
  operations: DemoOperation[];
  /** The articles of the content wikis as planned, with what they are about. */
  articles: DemoArticle[];
}

/** An article of a content wiki and the topic of the demo's world it is about. */
export interface DemoArticle {
  wiki: string;
  /** Its title after the replayed history (moves followed). */
  title: string;
  topic: Topic;
  /** Whether the history leaves it deleted. */
  deleted: boolean;
}
