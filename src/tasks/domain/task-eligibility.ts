import type { TaskSettings } from './task-settings.ts';
import { TEMPLATE_TASK_TYPES, type TaskTypeId } from './task-types.ts';

/**
 * Which task types a page is a task of (suggested-edits-reference.md §2.2–2.3), from facts read
 * beforehand. Only articles (namespace 0, not redirects) are tasks; never disambiguation pages,
 * pages with an edit protection in force (the reference's ProtectionFilter) or pages edited within
 * `recentEditSeconds` (someone is working on them). Template-based types: the page transcludes one
 * of the type's templates. Image types: the page carries the suggestion tag — `image-recommendation`
 * only without an infobox template, `section-image-recommendation` only without a top-level
 * recommendation (T329396). A type's excluded templates and categories exclude the page from it.
 */
export interface PageTaskFacts {
  namespace: number;
  isRedirect: boolean;
  disambiguation: boolean;
  protected: boolean;
  /** Unix seconds of the latest revision. */
  lastEdit: number;
  /** Template DB keys (no prefix). */
  templates: ReadonlySet<string>;
  /** Category DB keys (no prefix). */
  categories: ReadonlySet<string>;
  /** The page's image suggestion tags. */
  suggestionTags: ReadonlySet<string>;
}

const key = (name: string) => {
  const k = name.trim().replace(/ /g, '_');
  return k.charAt(0).toUpperCase() + k.slice(1);
};
const anyIn = (names: readonly string[], set: ReadonlySet<string>) => names.some((n) => set.has(key(n)));

export function taskTypesOf(page: PageTaskFacts, settings: TaskSettings, now: number): TaskTypeId[] {
  if (page.namespace !== 0 || page.isRedirect || page.disambiguation || page.protected) return [];
  if (now - page.lastEdit < settings.recentEditSeconds) return [];
  const out: TaskTypeId[] = [];
  const excluded = (t: { excludedTemplates: string[]; excludedCategories: string[] }) =>
    anyIn(t.excludedTemplates, page.templates) || anyIn(t.excludedCategories, page.categories);
  for (const id of TEMPLATE_TASK_TYPES) {
    const t = settings.types[id];
    if (!t.disabled && anyIn(t.templates, page.templates) && !excluded(t)) out.push(id);
  }
  const image = settings.types['image-recommendation'];
  const hasImageTag = page.suggestionTags.has('recommendation.image');
  if (!image.disabled && hasImageTag && !anyIn(settings.infoboxTemplates, page.templates) && !excluded(image))
    out.push('image-recommendation');
  const section = settings.types['section-image-recommendation'];
  if (
    !section.disabled &&
    page.suggestionTags.has('recommendation.image_section') &&
    !hasImageTag &&
    !excluded(section)
  )
    out.push('section-image-recommendation');
  return out;
}

/** When a page excluded for a recent edit becomes a task candidate again (Unix seconds), if it is. */
export function recentEditEnds(page: PageTaskFacts, settings: TaskSettings, now: number): number | undefined {
  const end = page.lastEdit + settings.recentEditSeconds;
  return end > now ? end : undefined;
}
