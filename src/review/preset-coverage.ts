import { tryParseTitle } from '../core/domain/titles.ts';
import type { Store } from '../core/store/store.ts';
import type { WikiRegistry } from '../core/wikis/wiki-registry.ts';
import { presetChoiceOf, type PresetChoice, type ReviewPresets } from './review-presets.ts';

/** What a wiki lacks of what its review settings name (`wikiqueue wiki show`). */
export interface PresetCoverage {
  preset: PresetChoice;
  missing: {
    /** Tracked or Draft namespaces the wiki does not have. */
    namespaces: number[];
    /**
     * Deletion and AfC categories with neither a category page nor a member: a nomination the
     * wiki makes with another name is never flagged.
     */
    categories: string[];
    /** Templates the toolbar places or counts (tags, citation templates, talk-page notes) without a page. */
    templates: string[];
  };
}

const CATEGORY_NS = 14;
const TEMPLATE_NS = 10;

/**
 * Checks a wiki's review settings against the wiki: which preset is in force and why, and which
 * namespaces, categories and templates it names that the wiki does not have. Reads the store's
 * read model (pages, category links), a few lookups per named item.
 */
export class PresetCoverageCheck {
  constructor(
    private readonly deps: {
      store: Pick<Store, 'pages' | 'links'>;
      wikis: WikiRegistry;
      presets: ReviewPresets;
    },
  ) {}

  async check(wikiId: string): Promise<PresetCoverage> {
    const { info, namespaces } = await this.deps.wikis.load(wikiId);
    const preset = this.deps.presets.for(info);
    const tracked = [
      ...preset.namespaces,
      ...(preset.draftNamespace === null ? [] : [preset.draftNamespace]),
    ];
    const categoryNames = [
      ...Object.values(preset.deletionCategories).flat(),
      ...Object.values(preset.afcCategories).flat(),
    ];
    const templateNames = [
      ...preset.citationTemplates,
      ...preset.maintenanceTags.map((t) => t.tag),
      ...preset.deletionTags.map((t) => t.tag),
      ...Object.values(preset.talkPageNotes),
    ];
    // A category is named without its prefix, as a category link's target: "Wikipedia:Löschkandidat"
    // is the category of that name, not a project page.
    const parse = (name: string, namespace: number) =>
      tryParseTitle(namespace === CATEGORY_NS ? `Category:${name}` : name, namespaces, namespace);
    const missingPages = async (names: string[], namespace: number): Promise<string[]> => {
      const titles = [...new Set(names)].flatMap((name) => {
        const title = parse(name, namespace);
        return title && title.namespace === namespace
          ? [{ name, title: title.dbKey }]
          : [{ name, title: '' }];
      });
      const found = await this.deps.store.pages.getManyByTitles(
        wikiId,
        titles.filter((t) => t.title !== '').map((t) => ({ namespace, title: t.title })),
      );
      const existing = new Set(found.map((p) => p.title));
      return titles.filter((t) => !existing.has(t.title)).map((t) => t.name);
    };
    const categories: string[] = [];
    for (const name of await missingPages(categoryNames, CATEGORY_NS)) {
      const key = parse(name, CATEGORY_NS)?.dbKey;
      if (key === undefined || (await this.deps.store.links.pagesInCategory(wikiId, key, 1)).length === 0)
        categories.push(name);
    }
    return {
      preset: presetChoiceOf(info),
      missing: {
        namespaces: [...new Set(tracked)].filter((ns) => !namespaces.get(ns)),
        categories,
        templates: await missingPages(templateNames, TEMPLATE_NS),
      },
    };
  }
}
