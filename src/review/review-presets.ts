import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolvePreset, type ReviewPreset } from './domain/preset.ts';
import type { WikiInfo } from '../core/domain/wiki.ts';

const presetDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../presets/review');

/**
 * Review settings of a wiki: the preset named by `settings.review.preset` (default: a preset file
 * named after the wiki id, e.g. `presets/review/dewiki.json`, if there is one), with the wiki's own
 * `settings.review` fields on top. Cached per wiki until the wiki's settings object changes.
 */
export class ReviewPresets {
  readonly #cache = new WeakMap<WikiInfo, ReviewPreset>();
  readonly #files = new Map<string, Record<string, unknown> | undefined>();

  for(wiki: WikiInfo): ReviewPreset {
    let preset = this.#cache.get(wiki);
    if (!preset) {
      const own = (wiki.settings.review ?? {}) as Record<string, unknown>;
      const name = typeof own.preset === 'string' ? own.preset : wiki.id;
      preset = resolvePreset({ ...(this.#file(name) ?? {}), ...own });
      this.#cache.set(wiki, preset);
    }
    return preset;
  }

  /** Names of the preset files shipped with wikiqueue. */
  static available(): string[] {
    return ['enwiki', 'dewiki', 'cswiki'].filter((n) => existsSync(resolve(presetDir, `${n}.json`)));
  }

  #file(name: string): Record<string, unknown> | undefined {
    if (!/^[a-z0-9_-]+$/.test(name)) return undefined;
    if (!this.#files.has(name)) {
      const path = resolve(presetDir, `${name}.json`);
      this.#files.set(
        name,
        existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : undefined,
      );
    }
    return this.#files.get(name);
  }
}
