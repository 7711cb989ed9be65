import type { EditParams, EditResult } from '../../../wiki-source/wiki-source.ts';
import type { ApiRequestContext } from './module.ts';
import { fail } from '../../../errors.ts';

/**
 * An edit plugin: what VisualEditor's save request carries as `plugins=<name>` with its JSON in
 * `data-<name>` (GrowthExperiments' `ge-task-image-recommendation`), accepted here by action=edit.
 * A subsystem that takes part in edits this way registers one (`SubsystemParts.editPlugins`).
 */
export interface EditPlugin {
  /** The `plugins` value; its data comes in `data-<name>`. */
  readonly name: string;
  readonly description: string;
  /** Other names of the data parameter (without `data-`) that existing clients send. */
  readonly dataAliases?: readonly string[];
  /**
   * Before anything is saved: checks `data` (the parsed JSON of the data parameter; undefined when
   * absent) and throws the catalogued error of a bad submission, so that nothing is
   * saved; may add to `edit` (system tags; the text, when the request sent none). Returns what
   * runs once the edit is saved.
   */
  prepare(ctx: ApiRequestContext, data: unknown, edit: EditParams): Promise<PreparedEditPlugin>;
}

export interface PreparedEditPlugin {
  /**
   * Runs in the transaction that records the edit (also for an edit that changed nothing): what it
   * writes commits with the edit. Returns fields added to the edit's result (`gelogid`, …).
   */
  afterSave(result: EditResult): Promise<Record<string, unknown>>;
}

/**
 * The JSON of a plugin's data parameter, or undefined when it is absent; text that is not JSON is
 * `badvalue` (the reference read it as no data and answered "accepted is missing").
 */
export function readPluginData(ctx: ApiRequestContext, plugin: EditPlugin): unknown {
  for (const name of [plugin.name, ...(plugin.dataAliases ?? [])]) {
    const key = `data-${name}`;
    if (!ctx.hasParam(key)) continue;
    const raw = ctx.readParams({ [key]: { type: 'text', description: '' } }, '')[key];
    if (typeof raw !== 'string') return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch (e) {
      throw fail('badvalue', key, `not JSON (${(e as Error).message})`);
    }
  }
  return undefined;
}
