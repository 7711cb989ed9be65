import { NamespaceTable } from '../domain/namespaces.ts';
import {
  effectiveSettings,
  type SettingProblem,
  type SettingSchema,
  type SettingsDeclaration,
} from '../domain/settings-schema.ts';
import type { WikiInfo } from '../domain/wiki.ts';
import { cleanUpText } from '../domain/text-cleanup.ts';
import { coreSettingsProblems, coreSettingsSchema } from '../domain/wiki-settings.ts';
import { isWikiId } from '../../config.ts';
import { fail, failWith } from '../../errors.ts';
import type { WikiRepository } from '../store/repositories/wikis-and-ids.ts';

export interface LoadedWiki {
  info: WikiInfo;
  namespaces: NamespaceTable;
}

/**
 * The wikis this instance serves, cached in memory (`upsert` refreshes the cache). Wikis added or
 * changed by another process — the CLI importing a dump next to the server, another instance —
 * are picked up by `reload()`; a request for a wiki not in the cache looks that one wiki up
 * (`findFresh`, one primary-key read).
 *
 * Every write is validated first: the core's settings (wiki-settings.ts) and each subsystem's
 * document (`settings[name]`, by the declarations given here); any other top-level key is refused.
 *
 * A wiki's settings in force are its stored settings over those the config file gives it
 * (`wikis.{id}`, `configSettings`): what `wikiqueue wiki set` stores wins, and `wiki unset` brings
 * the file's value back.
 */
export class WikiRegistry {
  #cache = new Map<string, LoadedWiki>();
  readonly #declarations: ReadonlyMap<string, SettingsDeclaration<unknown>>;
  readonly #configSettings: Readonly<Record<string, Record<string, unknown>>>;

  constructor(
    private readonly wikis: WikiRepository,
    /** The subsystems' settings declarations (create-services.ts subsystemSettings()). */
    declarations: readonly SettingsDeclaration<unknown>[] = [],
    /** Per-wiki settings from the config file (`wikis`), by wiki id. */
    configSettings: Readonly<Record<string, Record<string, unknown>>> = {},
  ) {
    this.#declarations = new Map(declarations.map((d) => [d.key, d]));
    this.#configSettings = configSettings;
  }

  /**
   * Reads every wiki from the store. The config file's settings of each wiki are checked here
   * (they need the wiki, for titles): a problem is `invalid-wiki-config`, naming the key.
   */
  async reload(): Promise<void> {
    const all = await this.wikis.list();
    const loaded = all.map((w) => this.#loaded(w));
    for (const { info } of loaded) {
      if (!info.configSettings) continue;
      const first = this.settingsProblems({ ...info, settings: {} })[0];
      if (first) throw fail('invalid-wiki-config', info.id, first.key, first.problem);
    }
    this.#cache = new Map(loaded.map((w) => [w.info.id, w]));
  }

  list(): LoadedWiki[] {
    return [...this.#cache.values()];
  }

  find(id: string): LoadedWiki | undefined {
    return this.#cache.get(id);
  }

  /**
   * The wiki, looked up in the store when it is not cached (and cached then), or undefined. An id
   * with characters no request may carry (NUL and other controls: text-cleanup.ts) names no wiki
   * and is not looked up (PostgreSQL refuses NUL in text).
   */
  async findFresh(id: string): Promise<LoadedWiki | undefined> {
    const cached = this.#cache.get(id);
    if (cached) return cached;
    if (cleanUpText(id) !== id) return undefined;
    const info = await this.wikis.get(id);
    if (!info) return undefined;
    const loaded = this.#loaded(info);
    this.#cache.set(id, loaded);
    return loaded;
  }

  /** `findFresh`, or the catalogued `nosuchwiki` error. */
  async load(id: string): Promise<LoadedWiki> {
    const w = await this.findFresh(id);
    if (!w) throw fail('nosuchwiki', id);
    return w;
  }

  /** The wiki, or the catalogued `nosuchwiki` error. */
  get(id: string): LoadedWiki {
    const w = this.#cache.get(id);
    if (!w) throw fail('nosuchwiki', id);
    return w;
  }

  /** The wiki whose language code is `lang` (content wikis only), for interlanguage links. */
  byLanguage(lang: string): LoadedWiki | undefined {
    for (const w of this.#cache.values()) if (!w.info.isMediaRepo && w.info.lang === lang) return w;
    return undefined;
  }

  mediaRepo(): LoadedWiki | undefined {
    for (const w of this.#cache.values()) if (w.info.isMediaRepo) return w;
    return undefined;
  }

  /**
   * Everything wrong with the settings in force of `info` (its own over the config file's), by
   * dotted key; empty when the wiki may be written.
   */
  settingsProblems(info: WikiInfo): SettingProblem[] {
    const settings = effectiveSettings(info);
    const problems = coreSettingsProblems(info, new Set(this.#declarations.keys()), settings);
    for (const [key, declaration] of this.#declarations) {
      if (settings[key] !== undefined) problems.push(...declaration.parse(settings[key], info).problems);
    }
    return problems;
  }

  /**
   * The schema of the setting at dotted `key` (`mainPage`, `autoconfirm.minEdits`,
   * `review.namespaces`), or the catalogued `unknown-wiki-setting` naming the settings there are.
   */
  settingSchema(key: string): SettingSchema<unknown> {
    const schema = this.#schemaAt(key);
    if (!schema) throw fail('unknown-wiki-setting', key, this.#knownSettingsAt(key));
    return schema;
  }

  #schemaAt(key: string): SettingSchema<unknown> | undefined {
    const [head = '', ...rest] = key.split('.');
    let schema =
      this.#declarations.get(head)?.schema ?? (coreSettingsSchema as SettingSchema<unknown>).child?.(head);
    for (const name of rest) schema = schema?.child?.(name);
    return schema;
  }

  /** The settings under the longest known prefix of `key`, for `unknown-wiki-setting`. */
  #knownSettingsAt(key: string): string {
    const names = key.split('.');
    for (let n = names.length - 1; n >= 0; n--) {
      const prefix = names.slice(0, n).join('.');
      const fields =
        n === 0
          ? [...Object.keys(coreSettingsSchema.defaultValue), ...this.#declarations.keys()]
          : fieldNames(this.#schemaAt(prefix));
      if (fields.length > 0) return fields.map((f) => (prefix ? `${prefix}.${f}` : f)).join(', ');
    }
    return '';
  }

  /**
   * Stores `value` at dotted `key` of wiki `id`'s settings (read afresh from the store), after the
   * checks of `upsert`: an unknown key is `unknown-wiki-setting`, a wrong value
   * `invalid-wiki-settings`, and nothing is written then.
   */
  async setSetting(id: string, key: string, value: unknown, now: number): Promise<LoadedWiki> {
    this.settingSchema(key);
    const info = await this.#stored(id);
    const settings = structuredClone(info.settings);
    const names = key.split('.');
    let parent: Record<string, unknown> = settings;
    for (const name of names.slice(0, -1)) {
      const next = parent[name];
      if (typeof next !== 'object' || next === null) parent[name] = {};
      parent = parent[name] as Record<string, unknown>;
    }
    parent[names[names.length - 1]!] = value;
    return this.upsert({ ...info, settings }, now);
  }

  /**
   * Removes dotted `key` from wiki `id`'s stored settings (objects left empty go too), so the
   * config file's value or the default applies again. Answers whether the wiki had stored it.
   */
  async unsetSetting(id: string, key: string, now: number): Promise<boolean> {
    this.settingSchema(key);
    const info = await this.#stored(id);
    const settings = structuredClone(info.settings);
    const names = key.split('.');
    const parents: Record<string, unknown>[] = [settings];
    for (const name of names.slice(0, -1)) {
      const next = parents[parents.length - 1]![name];
      if (typeof next !== 'object' || next === null) return false;
      parents.push(next as Record<string, unknown>);
    }
    const last = names[names.length - 1]!;
    const holder = parents[parents.length - 1]!;
    if (!Object.hasOwn(holder, last)) return false;
    if (Array.isArray(holder)) holder.splice(Number(last), 1);
    else delete holder[last];
    for (let i = parents.length - 1; i > 0; i--) {
      if (Object.keys(parents[i]!).length > 0) break;
      delete parents[i - 1]![names[i - 1]!];
    }
    await this.upsert({ ...info, settings }, now);
    return true;
  }

  async #stored(id: string): Promise<WikiInfo> {
    const info = await this.wikis.get(id);
    if (!info) throw fail('nosuchwiki', id);
    return this.#loaded(info).info;
  }

  /**
   * Stores the wiki, after validating its id (`invalid-wiki-id`) and settings
   * (`invalid-wiki-settings`); nothing is written when either is wrong.
   */
  async upsert(info: WikiInfo, now: number): Promise<LoadedWiki> {
    if (!isWikiId(info.id)) throw fail('invalid-wiki-id', info.id);
    const problems = this.settingsProblems(info);
    const first = problems[0];
    if (first) throw failWith('invalid-wiki-settings', { problems }, info.id, first.key, first.problem);
    await this.wikis.upsert(info, now);
    const loaded = this.#loaded(info);
    this.#cache.set(info.id, loaded);
    return loaded;
  }

  /** The wiki as served: with the config file's settings attached. */
  #loaded(stored: WikiInfo): LoadedWiki {
    const fromFile = Object.hasOwn(this.#configSettings, stored.id)
      ? this.#configSettings[stored.id]
      : undefined;
    const { configSettings: _, ...own } = stored;
    const info: WikiInfo = fromFile ? { ...own, configSettings: fromFile } : own;
    return { info, namespaces: new NamespaceTable(info.namespaces) };
  }
}

function fieldNames(schema: SettingSchema<unknown> | undefined): string[] {
  const value = schema?.defaultValue;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [];
}
