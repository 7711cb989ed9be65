import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  readSettings,
  settingsOf,
  type ParsedSettings,
  type SettingProblem,
  type SettingsDeclaration,
} from '../core/domain/settings-schema.ts';
import type { WikiInfo } from '../core/domain/wiki.ts';
import { reviewPresetSchema, type ReviewPreset } from './domain/preset.ts';

const presetDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../presets/review');
const presetFiles = new Map<string, Record<string, unknown> | undefined>();

/**
 * Review's typed per-wiki settings (`settings.review`): the preset named by its `preset` field
 * (default: the preset file named after the wiki id, e.g. `presets/review/dewiki.json`, if there is
 * one) with the wiki's own fields on top (top-level fields replace the preset's), every field
 * checked by the schema and defaulted by it. A `preset` that names no shipped file is a problem.
 */
export const reviewSettings: SettingsDeclaration<ReviewPreset> = {
  key: 'review',
  parse(document: unknown, wiki: WikiInfo): ParsedSettings<ReviewPreset> {
    if (
      document !== undefined &&
      (typeof document !== 'object' || document === null || Array.isArray(document))
    )
      return readSettings(reviewPresetSchema, document, 'review', wiki);
    const { preset, ...own } = (document ?? {}) as Record<string, unknown>;
    const problems: SettingProblem[] = [];
    let name = wiki.id;
    if (preset !== undefined) {
      if (typeof preset === 'string' && presetFile(preset)) name = preset;
      else
        problems.push({
          key: 'review.preset',
          problem: `must name a preset (${availablePresets().join(', ')})`,
        });
    }
    const { $comment: _, ...fromFile } = presetFile(name) ?? {};
    const parsed = readSettings(reviewPresetSchema, { ...fromFile, ...own }, 'review', wiki);
    return { value: parsed.value, problems: [...problems, ...parsed.problems] };
  },
};

/** Review's settings of each wiki, read through the core's per-wiki settings cache. */
export class ReviewPresets {
  for(wiki: WikiInfo): ReviewPreset {
    return settingsOf(wiki, reviewSettings);
  }

  /** Names of the preset files shipped with wikiqueue. */
  static available(): string[] {
    return availablePresets();
  }
}

function availablePresets(): string[] {
  return ['enwiki', 'dewiki', 'cswiki'].filter((n) => presetFile(n) !== undefined);
}

function presetFile(name: string): Record<string, unknown> | undefined {
  if (!/^[a-z0-9_-]+$/.test(name)) return undefined;
  if (!presetFiles.has(name)) {
    const path = resolve(presetDir, `${name}.json`);
    presetFiles.set(
      name,
      existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : undefined,
    );
  }
  return presetFiles.get(name);
}
