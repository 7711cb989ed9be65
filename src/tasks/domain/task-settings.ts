import { setting, type SettingSchema } from '../../core/domain/settings-schema.ts';
import { TEMPLATE_TASK_TYPES, type TaskTypeId, type TemplateTaskTypeId } from './task-types.ts';
import { topicCategoriesFor, type TopicCategories } from './topic-categories.ts';
import { TOPIC_IDS } from './topics.ts';

/**
 * A wiki's suggested-edits settings (`tasks.*` of `wikiqueue wiki set`), GrowthExperiments'
 * `MediaWiki:GrowthExperimentsSuggestedEdits.json` as typed settings (suggested-edits-reference.md
 * §2.1). Template lists left empty take the wiki language's defaults (`withLanguageDefaults`).
 */
export interface TemplateTypeSettings {
  disabled: boolean;
  /** Maintenance templates (names without prefix) whose articles are tasks of the type. */
  templates: string[];
  excludedTemplates: string[];
  excludedCategories: string[];
}

export interface ImageTypeSettings {
  disabled: boolean;
  /** Submissions per user and local day (accepts and rejects both count). */
  maxTasksPerDay: number;
  /** The shortest caption an accepted image may have, in characters. */
  minimumCaptionCharacterLength: number;
  excludedTemplates: string[];
  excludedCategories: string[];
}

export interface TaskSettings {
  /** Whether the wiki offers suggested edits at all. */
  enabled: boolean;
  types: Record<TemplateTaskTypeId, TemplateTypeSettings> & {
    'image-recommendation': ImageTypeSettings;
    'section-image-recommendation': ImageTypeSettings;
    /** Link recommendations need a model this service does not have: off unless a wiki turns it on. */
    'link-recommendation': { disabled: boolean; maxTasksPerDay: number };
  };
  /** Infobox templates: an article with one is no top-level image task (`hastemplatecollection:infobox`). */
  infoboxTemplates: string[];
  /** Articles edited this recently (seconds) are no tasks. */
  recentEditSeconds: number;
  /**
   * Category → topic mapping for articles without imported topic predictions: topic id → category
   * names (`*` matches any text). All empty: the wiki language's mapping (topic-categories.ts).
   */
  topicCategories: TopicCategories;
}

const names = () => setting.list(setting.string(''), []);

const templateType = (disabled = false): SettingSchema<TemplateTypeSettings> =>
  setting.object<TemplateTypeSettings>({
    disabled: setting.boolean(disabled),
    templates: names(),
    excludedTemplates: names(),
    excludedCategories: names(),
  });

const imageType = (): SettingSchema<ImageTypeSettings> =>
  setting.object<ImageTypeSettings>({
    disabled: setting.boolean(false),
    maxTasksPerDay: setting.number(25, { min: 1, integer: true }),
    minimumCaptionCharacterLength: setting.number(5, { min: 1, integer: true }),
    excludedTemplates: names(),
    excludedCategories: names(),
  });

export const taskSettingsSchema: SettingSchema<TaskSettings> = setting.object<TaskSettings>({
  enabled: setting.boolean(true),
  types: setting.object<TaskSettings['types']>({
    copyedit: templateType(),
    links: templateType(),
    references: templateType(),
    update: templateType(),
    expand: templateType(),
    'image-recommendation': imageType(),
    'section-image-recommendation': imageType(),
    'link-recommendation': setting.object({
      disabled: setting.boolean(true),
      maxTasksPerDay: setting.number(25, { min: 1, integer: true }),
    }),
  }),
  infoboxTemplates: names(),
  recentEditSeconds: setting.number(86_400, { min: 0, integer: true }),
  topicCategories: setting.object<TopicCategories>(Object.fromEntries(TOPIC_IDS.map((id) => [id, names()]))),
});

/**
 * The maintenance templates of each template-based type and the infobox templates, by language
 * (the English, German and Czech Wikipedias' usual ones), used where a wiki names none.
 */
const LANGUAGE_TEMPLATES: Record<string, Record<TemplateTaskTypeId | 'infobox', string[]>> = {
  en: {
    copyedit: ['Copy edit', 'Copyedit', 'Cleanup', 'Tone', 'Grammar'],
    links: ['Underlinked', 'Dead end'],
    references: ['More citations needed', 'Refimprove', 'Unreferenced', 'Citation needed'],
    update: ['Update', 'Outdated', 'Update section'],
    expand: ['Expand section', 'Expand', 'Empty section'],
    infobox: [
      'Infobox',
      'Infobox settlement',
      'Infobox person',
      'Infobox river',
      'Infobox mountain',
      'Taxobox',
      'Speciesbox',
    ],
  },
  de: {
    copyedit: ['Überarbeiten', 'Unverständlich'],
    links: ['Linkwunsch'],
    references: ['Belege fehlen', 'Quellen fehlen'],
    update: ['Veraltet', 'Aktualisieren'],
    expand: ['Lückenhaft', 'Ausbauen'],
    infobox: ['Infobox Ort', 'Infobox Person', 'Infobox Fluss', 'Infobox Berg', 'Taxobox'],
  },
  cs: {
    copyedit: ['Upravit', 'Sloh'],
    links: ['Wikifikovat', 'Málo odkazů'],
    references: ['Neověřeno', 'Bez zdrojů', 'Doplňte zdroj'],
    update: ['Aktualizovat', 'Zastaralé'],
    expand: ['Doplnit', 'Pahýl sekce'],
    infobox: [
      'Infobox - sídlo',
      'Infobox - osoba',
      'Infobox - vodní tok',
      'Infobox - řeka',
      'Infobox - hora',
      'Taxobox',
    ],
  },
};

/** The wiki's settings with its language's template names and topic categories where it names none. */
export function withLanguageDefaults(settings: TaskSettings, lang: string): TaskSettings {
  const d = LANGUAGE_TEMPLATES[lang] ?? LANGUAGE_TEMPLATES.en;
  if (!d) return settings;
  const types = { ...settings.types };
  for (const id of TEMPLATE_TASK_TYPES) {
    if (types[id].templates.length === 0) types[id] = { ...types[id], templates: d[id] };
  }
  return {
    ...settings,
    types,
    infoboxTemplates: settings.infoboxTemplates.length > 0 ? settings.infoboxTemplates : d.infobox,
    topicCategories: topicCategoriesFor(settings.topicCategories, lang),
  };
}

/** The task types a wiki offers (enabled), in configuration order. */
export function enabledTaskTypes(settings: TaskSettings): TaskTypeId[] {
  return (Object.keys(settings.types) as TaskTypeId[]).filter((id) => !settings.types[id].disabled);
}
