import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import type { CoreServices } from './core-services.ts';
import type { EventStream } from './domain/event-stream.ts';
import type { Page } from './domain/wiki.ts';
import type { EditPlugin } from './http/action-api/edit-plugins.ts';
import type { BatchSubscriber, EventSubscriber } from './events/outbox-dispatcher.ts';
import type { ApiModule, QueryModule } from './http/action-api/module.ts';
import type { JobHandler } from './jobs/job-queue.ts';
import type { RecurringTask } from './jobs/scheduler.ts';
import type { SettingsDeclaration } from './domain/settings-schema.ts';
import type { MigrationFactory } from './store/migrations/migration-provider.ts';

/**
 * A subsystem: one folder (src/review, …) that adds a work queue to the core, declared in one
 * registration object, as a MediaWiki extension declares itself in extension.json. What can be
 * known before anything runs is a field (`name`, `migrations`, `cli`); what needs the running core
 * comes from `start`, called once per process with the core services.
 *
 * A subsystem reaches the core through `CoreServices` and another subsystem only through that
 * one's exported service (its `start(...).service`), never its tables or internals.
 */
export interface Subsystem<Name extends string = string, Service = unknown> {
  /** Lower-case id; prefixes its job types (`review:…`) and names its service (`services.review`). */
  readonly name: Name;
  /**
   * Its tables, by migration name. Names are unique across the core and all subsystems and never
   * change once released (store/migrations/migration-provider.ts).
   */
  readonly migrations?: Readonly<Record<string, MigrationFactory>>;
  /**
   * Its typed per-wiki settings: the document at `WikiInfo.settings[name]` (the declaration's key
   * is the subsystem's name), with defaults. The core refuses to write a wiki whose document has
   * problems (`invalid-wiki-settings`); the subsystem reads its typed settings with
   * `settingsOf(wiki, declaration)` (domain/settings-schema.ts).
   */
  readonly settings?: SettingsDeclaration<unknown>;
  /**
   * The event streams it writes, each declared once with its schema (domain/event-stream.ts);
   * names are unique across the core and all subsystems.
   */
  readonly streams?: readonly EventStream[];
  /**
   * User preferences it registers (MediaWiki's DefaultUserOptions of an extension), with their
   * defaults: action=options stores them, meta=userinfo and siteinfo's defaultoptions show them.
   */
  readonly preferences?: Readonly<Record<string, string | number>>;
  /** Adds its operator commands (`wikiqueue review …`). */
  readonly cli?: (program: Command, context: SubsystemCli<Service>) => void;
  start(core: CoreServices): SubsystemParts<Service>;
}

/** What a started subsystem adds to the running service. */
export interface SubsystemParts<Service> {
  /** What other subsystems, commands and tests may use. */
  readonly service: Service;
  /** `action=` modules of the Action API. */
  readonly actionModules?: readonly ApiModule[];
  /** `prop=`, `list=` and `meta=` submodules of action=query (and their generators). */
  readonly queryModules?: readonly QueryModule[];
  /** Plugins of action=edit (VisualEditor's `plugins` / `data-<plugin>`, edit-plugins.ts). */
  readonly editPlugins?: readonly EditPlugin[];
  /** REST routes, registered on the app as a plugin of their own. */
  readonly routes?: (app: FastifyInstance) => Promise<void>;
  /**
   * What `wikiqueue wiki show` reports of a wiki for this subsystem beyond its settings (e.g.
   * review: the preset in force and why, what the wiki lacks of it), as JSON.
   */
  readonly describeWiki?: (wiki: string) => Promise<Record<string, unknown>>;
  /**
   * Event streams it follows: each event becomes the jobs its subscriber returns, or (`streams`
   * with `batchJobs`) each delivery's events of those streams become jobs together.
   */
  readonly subscriptions?: readonly (
    { stream: string; jobs: EventSubscriber } | { streams: readonly string[]; batchJobs: BatchSubscriber }
  )[];
  /** Handlers of its job types, by type (`review:compile`, …). */
  readonly jobHandlers?: Readonly<Record<string, JobHandler>>;
  /** Work that recurs (maintenance), run by the core scheduler once per due time. */
  readonly schedules?: readonly RecurringTask[];
  /**
   * Brings the given existing pages of `wiki` into the subsystem (after a dump import): queued as
   * jobs by the importer, so it must be idempotent; returns how many pages it took in.
   */
  readonly backfill?: (wiki: string, pageIds: readonly number[]) => Promise<number>;
  /** How a page view is indexed by search engines: `noindex` wins over any other answer. */
  readonly robotsPolicy?: (page: Page) => Promise<'noindex' | undefined>;
}

/** What a subsystem's commands get: the started service next to the core. */
export interface SubsystemCli<Service> {
  /** Opens the services for the command's global options, runs `work`, and closes them. */
  withServices<T>(command: Command, work: (core: CoreServices, service: Service) => Promise<T>): Promise<T>;
}
