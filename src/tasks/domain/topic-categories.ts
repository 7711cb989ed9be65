import { TOPIC_IDS } from './topics.ts';

/**
 * A wiki's category → topic mapping (`tasks.topicCategories`): for each topic id, the names of
 * categories (without prefix) whose articles are about it. A name may hold `*`, which stands for
 * any text ("Rivers of *"). An article gets every topic one of its categories names, at weight 1.
 * A wiki that names no category at all takes its language's mapping below.
 */
export type TopicCategories = Record<string, string[]>;

/** The weight a topic found from categories gets (an imported prediction has its own). */
export const CATEGORY_TOPIC_WEIGHT = 1;

/** The regions of the demo's world, in each language's category wording (src/demo/topics.ts). */
const DEMO_REGIONS = {
  en: ['Avaria', 'Corvania', 'Estmark', 'Feldria', 'Galvonia', 'Hestria', 'Morvia', 'Silvaria'],
  enAdjectives: [
    'Avarian',
    'Corvanian',
    'Estmarkian',
    'Feldrian',
    'Galvonian',
    'Hestrian',
    'Morvian',
    'Silvarian',
  ],
  de: ['Avarien', 'Korvanien', 'Estmark', 'Feldrien', 'Galvonien', 'Hestrien', 'Morvien', 'Silvarien'],
  csLocative: ['Avarii', 'Korvánii', 'Estmarku', 'Feldrii', 'Galvonii', 'Hestrii', 'Morvii', 'Silvárii'],
};

/**
 * The mapping of the English, German and Czech Wikipedias' usual category schemes for places,
 * people and species, with the demo world's regions as European places (its articles read like
 * central Europe's).
 */
const LANGUAGE_TOPIC_CATEGORIES: Record<string, TopicCategories> = {
  en: {
    europe: [
      ...DEMO_REGIONS.en.flatMap((r) => [`* in ${r}`, `* of ${r}`]),
      ...DEMO_REGIONS.enAdjectives.map((a) => `${a} *`),
      '* in Europe',
      '* of Europe',
      'European *',
    ],
    'earth-and-environment': ['Rivers of *', 'Mountains of *', 'Lakes of *', 'Islands of *'],
    biography: ['* births', '* deaths', 'Living people'],
    art: ['* painters', '* sculptors'],
    music: ['* composers', '* musicians', '* singers'],
    sports: ['* footballers', '* athletes'],
    'politics-and-government': ['* politicians'],
    architecture: ['* architects'],
    biology: [
      '* botanists',
      '* biologists',
      'Beetles of *',
      'Moths of *',
      'Orchids of *',
      'Frogs of *',
      'Taxa described in *',
      'Taxa named by *',
    ],
  },
  de: {
    europe: [...DEMO_REGIONS.de.flatMap((r) => [`* in ${r}`, `* (${r})`]), '* in Europa', '* (Europa)'],
    'earth-and-environment': ['Fluss in *', 'Berg in *', 'See in *', 'Insel *'],
    biography: ['Geboren *', 'Gestorben *', 'Person (*)'],
    art: ['Maler (*)', 'Bildhauer (*)'],
    music: ['Komponist (*)', 'Musiker (*)', 'Sänger'],
    sports: ['Fußballspieler (*)', 'Sportler (*)'],
    'politics-and-government': ['Politiker (*)'],
    architecture: ['Architekt (*)'],
    biology: ['Botaniker (*)', 'Biologe (*)', 'Käfer', 'Schmetterlinge', 'Orchideen', 'Froschlurche'],
  },
  cs: {
    europe: [...DEMO_REGIONS.csLocative.map((r) => `* v ${r}`), '* v Evropě'],
    'earth-and-environment': ['Řeky v *', 'Hory a kopce v *', 'Jezera v *', 'Ostrovy v *'],
    biography: ['Narození v roce *', 'Úmrtí v roce *', 'Narození *', 'Úmrtí *'],
    art: ['Malíři *', 'Sochaři *'],
    music: ['Hudební skladatelé *', 'Hudebníci *'],
    sports: ['Fotbalisté *', 'Sportovci *'],
    'politics-and-government': ['Politici *'],
    architecture: ['Architekti *'],
    biology: ['Botanici *', 'Brouci', 'Motýli', 'Vstavačovité', 'Žáby'],
  },
};

/** The mapping in force: the wiki's own if it names any category, else its language's (English's). */
export function topicCategoriesFor(configured: TopicCategories, lang: string): TopicCategories {
  if (Object.values(configured).some((names) => names.length > 0)) return configured;
  return LANGUAGE_TOPIC_CATEGORIES[lang] ?? LANGUAGE_TOPIC_CATEGORIES.en ?? {};
}

/** A mapping compiled for matching many pages' categories. */
export interface CategoryMatcher {
  /** The topics of a page with these categories (DB keys or display names), in TOPIC_IDS order. */
  topicsOf(categories: readonly string[]): string[];
}

const normalize = (name: string) => name.replace(/_/g, ' ').trim();

export function compileTopicCategories(mapping: TopicCategories): CategoryMatcher {
  const exact = new Map<string, Set<string>>();
  const patterns: { topic: string; re: RegExp }[] = [];
  for (const topic of TOPIC_IDS) {
    for (const raw of mapping[topic] ?? []) {
      const name = normalize(raw);
      if (name === '') continue;
      if (!name.includes('*')) {
        let set = exact.get(name);
        if (!set) exact.set(name, (set = new Set()));
        set.add(topic);
      } else {
        const source = name
          .split('*')
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*');
        patterns.push({ topic, re: new RegExp(`^${source}$`, 'u') });
      }
    }
  }
  return {
    topicsOf(categories) {
      const found = new Set<string>();
      for (const raw of categories) {
        const name = normalize(raw);
        for (const topic of exact.get(name) ?? []) found.add(topic);
        for (const p of patterns) if (p.re.test(name)) found.add(p.topic);
      }
      return TOPIC_IDS.filter((id) => found.has(id));
    },
  };
}
