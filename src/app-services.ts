import type { CoreServices } from './core/core-services.ts';
import type { Subsystem, SubsystemParts } from './core/subsystem.ts';
import type { subsystems } from './subsystems.ts';

type ServiceOf<S> = S extends Subsystem<string, infer Service> ? Service : never;

/** Each subsystem's service under its name: `services.review`. */
export type SubsystemServices = {
  readonly [S in (typeof subsystems)[number] as S['name']]: ServiceOf<S>;
};

/** A subsystem as it runs in this process: its registration and what `start` returned. */
export interface StartedSubsystem {
  readonly subsystem: Subsystem;
  readonly parts: SubsystemParts<unknown>;
}

/**
 * Everything the HTTP app, the worker and the CLI can reach, wired once by `createServices`: the
 * core services, each subsystem's service by name, and the started subsystems (for their API
 * modules, routes, subscriptions, jobs and schedules).
 */
export type AppServices = CoreServices &
  SubsystemServices & {
    readonly started: readonly StartedSubsystem[];
  };
