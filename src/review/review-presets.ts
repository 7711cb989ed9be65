import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  effectiveSettings,
  mergeSettings,
  readSettings,
  setting,
  settingsOf,
  type ParsedSettings,
  type SettingProblem,
  type SettingSchema,
  type SettingsDeclaration,
} from '../core/domain/settings-schema.ts';
import type { WikiInfo } from '../core/domain/wiki.ts';
import { reviewPresetFields, reviewPresetSchema, type ReviewPreset } from './domain/preset.ts';

const presetDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../presets/review');
const presetFiles = new Map<string, Record<string, unknown> | undefined>();

/**
 * The preset a wiki without a named one falls back to when none is made for it or its language:
 * English Wikipedia's, whose category and template names PageTriage hard-codes.
 */
export const FALLBACK_PRESET = 'enwiki';

/** Why a preset is in force on a wiki. */
export type PresetReason = 'named' | 'wiki' | 'language' | 'default';

/** The preset in force on a wiki and why (`wikiqueue wiki show`). */
export interface PresetChoice {
  /** The preset file's name (`presets/review/{name}.json`). */
  name: string;
  /**
   * `named`: the wiki's `review.preset`; `wiki`: the file named after the wiki id; `language`: the
   * preset made for the wiki's language; `default`: none of those, PageTriage's English defaults.
   */
  reason: PresetReason;
}

/**
 * Which preset a wiki's review settings start from: the one its `review.preset` names, else the
 * file named after the wiki id (`presets/review/dewiki.json`), else the preset whose `language` is
 * the wiki's (the `{lang}wiki` one first), else {@link FALLBACK_PRESET}.
 */
export function choosePreset(wiki: WikiInfo, named: unknown): PresetChoice {
  if (typeof named === 'string' && presetFile(named)) return { name: named, reason: 'named' };
  if (presetFile(wiki.id)) return { name: wiki.id, reason: 'wiki' };
  const byLanguage = availablePresets()
    .filter((n) => presetFile(n)?.language === wiki.lang)
    .sort((a, b) => Number(b === `${wiki.lang}wiki`) - Number(a === `${wiki.lang}wiki`));
  if (byLanguage[0]) return { name: byLanguage[0], reason: 'language' };
  return { name: FALLBACK_PRESET, reason: 'default' };
}

/** The preset in force on `wiki` (its settings in force, the config file's included). */
export function presetChoiceOf(wiki: WikiInfo): PresetChoice {
  const document = effectiveSettings(wiki).review;
  const named =
    typeof document === 'object' && document !== null
      ? (document as Record<string, unknown>).preset
      : undefined;
  return choosePreset(wiki, named);
}

/**
 * Review's typed per-wiki settings (`settings.review`): the preset chosen by {@link choosePreset}
 * with the wiki's own fields on top (merged object by object; lists replace), every field checked
 * by the schema and defaulted by it. A `preset` that names no shipped file is a problem.
 */
export const reviewSettings: SettingsDeclaration<ReviewPreset> = {
  key: 'review',
  schema: setting.object({ ...reviewPresetFields, preset: setting.string('') }) as SettingSchema<unknown>,
  parse(document: unknown, wiki: WikiInfo): ParsedSettings<ReviewPreset> {
    if (
      document !== undefined &&
      (typeof document !== 'object' || document === null || Array.isArray(document))
    )
      return readSettings(reviewPresetSchema, document, 'review', wiki);
    const { preset, ...own } = (document ?? {}) as Record<string, unknown>;
    const problems: SettingProblem[] = [];
    if (preset !== undefined && (typeof preset !== 'string' || !presetFile(preset)))
      problems.push({
        key: 'review.preset',
        problem: `must name a preset (${availablePresets().join(', ')})`,
      });
    const { name } = choosePreset(wiki, preset);
    const { $comment: _, language: __, ...fromFile } = presetFile(name) ?? {};
    const parsed = readSettings(reviewPresetSchema, mergeSettings(fromFile, own), 'review', wiki);
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

let presetNames: string[] | undefined;

function availablePresets(): string[] {
  presetNames ??= existsSync(presetDir)
    ? readdirSync(presetDir)
        .filter((f) => /^[a-z0-9_-]+\.json$/.test(f))
        .map((f) => f.slice(0, -'.json'.length))
        .sort((a, b) => Number(b === FALLBACK_PRESET) - Number(a === FALLBACK_PRESET) || a.localeCompare(b))
    : [];
  return presetNames;
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
