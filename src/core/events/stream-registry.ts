import type { EventStream } from '../domain/event-stream.ts';

/**
 * Every event stream this build knows: the core's and each subsystem's, each declared once. The
 * event log accepts any stream name, but what is offered to consumers (server-sent streams, the
 * EventGate delivery's `streams` setting) must be declared here.
 */
export class StreamRegistry {
  readonly #streams = new Map<string, { stream: EventStream; owner: string }>();

  constructor(declarations: readonly { owner: string; streams: readonly EventStream[] }[]) {
    for (const { owner, streams } of declarations)
      for (const stream of streams) {
        const known = this.#streams.get(stream.name);
        if (known)
          throw new Error(
            `event stream "${stream.name}" of "${owner}" is already declared by "${known.owner}"`,
          );
        this.#streams.set(stream.name, { stream, owner });
      }
  }

  get(name: string): EventStream | undefined {
    return this.#streams.get(name)?.stream;
  }

  has(name: string): boolean {
    return this.#streams.has(name);
  }

  /** Stream names, in declaration order. */
  names(): string[] {
    return [...this.#streams.keys()];
  }
}
