import type { DemoLang } from './demo-wikis.ts';
import type { Random } from './random.ts';

/**
 * The fictional world the demo wikis write about: regions, and topics (towns, rivers, mountains,
 * people, species) built from combinable word lists, each with its title in every language.
 */

export interface Region {
  /** English name ("Avaria"), also its adjective base. */
  en: string;
  enAdjective: string;
  de: string;
  cs: string;
  /** Czech locative ("v Avarii"). */
  csLocative: string;
  /** Latin epithet for species ("avariensis"). */
  latin: string;
}

export const REGIONS: readonly Region[] = [
  {
    en: 'Avaria',
    enAdjective: 'Avarian',
    de: 'Avarien',
    cs: 'Avarie',
    csLocative: 'Avarii',
    latin: 'avariensis',
  },
  {
    en: 'Corvania',
    enAdjective: 'Corvanian',
    de: 'Korvanien',
    cs: 'Korvánie',
    csLocative: 'Korvánii',
    latin: 'corvanicus',
  },
  {
    en: 'Estmark',
    enAdjective: 'Estmarkian',
    de: 'Estmark',
    cs: 'Estmark',
    csLocative: 'Estmarku',
    latin: 'estmarkensis',
  },
  {
    en: 'Feldria',
    enAdjective: 'Feldrian',
    de: 'Feldrien',
    cs: 'Feldrie',
    csLocative: 'Feldrii',
    latin: 'feldriae',
  },
  {
    en: 'Galvonia',
    enAdjective: 'Galvonian',
    de: 'Galvonien',
    cs: 'Galvonie',
    csLocative: 'Galvonii',
    latin: 'galvonicus',
  },
  {
    en: 'Hestria',
    enAdjective: 'Hestrian',
    de: 'Hestrien',
    cs: 'Hestrie',
    csLocative: 'Hestrii',
    latin: 'hestriensis',
  },
  {
    en: 'Morvia',
    enAdjective: 'Morvian',
    de: 'Morvien',
    cs: 'Morvie',
    csLocative: 'Morvii',
    latin: 'morviae',
  },
  {
    en: 'Silvaria',
    enAdjective: 'Silvarian',
    de: 'Silvarien',
    cs: 'Silvárie',
    csLocative: 'Silvárii',
    latin: 'silvariensis',
  },
];

export function regionName(region: Region, lang: DemoLang): string {
  return lang === 'en' ? region.en : lang === 'de' ? region.de : region.cs;
}

export type TopicKind = 'settlement' | 'river' | 'mountain' | 'person' | 'species';

export type Occupation = 'painter' | 'composer' | 'footballer' | 'politician' | 'botanist' | 'architect';
export type Taxon = 'beetle' | 'moth' | 'orchid' | 'frog';

export interface Topic {
  /** Unique across the family ("settlement:Ashford"). */
  key: string;
  kind: TopicKind;
  /** Proper name: "Ashford", "Velora", "Clara Hollerith", "Carabus montanus". */
  name: string;
  region: Region;
  /** Population, length in km, elevation in m, or body size in mm (kind-dependent). */
  size: number;
  /** Founded, first mentioned, first ascent, born, or described. */
  year: number;
  occupation: Occupation;
  taxon: Taxon;
}

const TOWN_HEADS = [
  'Ash',
  'Bram',
  'Brook',
  'Cal',
  'Col',
  'Dun',
  'Elm',
  'Fair',
  'Fern',
  'Glen',
  'Gold',
  'Green',
  'Hal',
  'Hart',
  'Hazel',
  'High',
  'Holm',
  'Kel',
  'Kings',
  'Lang',
  'Lind',
  'Marl',
  'Mill',
  'Nor',
  'Oak',
  'Pen',
  'Red',
  'Ros',
  'Rush',
  'Salt',
  'Shel',
  'Stan',
  'Stone',
  'Thorn',
  'Wal',
  'Wes',
  'Whit',
  'Wick',
  'Wil',
  'Wolf',
];
const TOWN_TAILS = [
  'ford',
  'ton',
  'bury',
  'field',
  'wick',
  'ham',
  'stead',
  'mouth',
  'bridge',
  'by',
  'dale',
  'worth',
  'ley',
  'minster',
  'wood',
  'haven',
  'burgh',
  'combe',
  'gate',
  'moor',
];
const SYLLABLES = [
  'va',
  'lo',
  'ra',
  'ke',
  'sti',
  'mar',
  'den',
  'ol',
  've',
  'tra',
  'ni',
  'sa',
  'bel',
  'kor',
  'dru',
  'en',
  'vis',
  'ta',
  'mo',
  'ry',
  'gal',
  'zen',
  'ha',
  'li',
  'ost',
  'per',
  'ul',
  'ma',
  'vel',
  'an',
];
const GIVEN_NAMES = [
  'Clara',
  'Anton',
  'Berta',
  'Emil',
  'Greta',
  'Hugo',
  'Ida',
  'Jakob',
  'Klara',
  'Lorenz',
  'Marta',
  'Oskar',
  'Paula',
  'Rudolf',
  'Sofia',
  'Theodor',
  'Vera',
  'Walter',
  'Agnes',
  'Felix',
  'Helena',
  'Konrad',
  'Luise',
  'Matthias',
  'Nora',
  'Otto',
  'Rosa',
  'Simon',
  'Tereza',
  'Viktor',
];
const SURNAME_HEADS = [
  'Holler',
  'Kessel',
  'Brenn',
  'Falk',
  'Grau',
  'Hart',
  'Lind',
  'Morg',
  'Nord',
  'Reich',
  'Stein',
  'Wald',
  'Adler',
  'Bauer',
  'Dorn',
  'Eber',
  'Fried',
  'Horn',
  'Kranz',
  'Lang',
];
const SURNAME_TAILS = ['ith', 'mann', 'er', 'ov', 'ek', 'ner', 'berg', 'ler', 'stedt', 'ski', 'ová', 'hoff'];
const GENERA: Record<Taxon, readonly string[]> = {
  beetle: [
    'Carabus',
    'Cicindela',
    'Dorcus',
    'Nicrophorus',
    'Cetonia',
    'Agrilus',
    'Otiorhynchus',
    'Bembidion',
  ],
  moth: ['Zygaena', 'Eupithecia', 'Agrotis', 'Catocala', 'Idaea', 'Cosmia', 'Noctua', 'Hepialus'],
  orchid: ['Ophrys', 'Dactylorhiza', 'Epipactis', 'Orchis', 'Cephalanthera', 'Platanthera', 'Anacamptis'],
  frog: ['Rana', 'Hyla', 'Bombina', 'Pelobates', 'Pelophylax', 'Alytes', 'Discoglossus'],
};
const EPITHETS = [
  'montanus',
  'silvaticus',
  'minor',
  'major',
  'aureus',
  'obscurus',
  'rufipes',
  'viridis',
  'nigrita',
  'alpinus',
  'elegans',
  'pallidus',
  'maculatus',
  'borealis',
  'fluvialis',
  'simplex',
  'varians',
  'gracilis',
];
export const OCCUPATIONS: readonly Occupation[] = [
  'painter',
  'composer',
  'footballer',
  'politician',
  'botanist',
  'architect',
];
const TAXA: readonly Taxon[] = ['beetle', 'moth', 'orchid', 'frog'];
const KINDS: readonly TopicKind[] = [
  'settlement',
  'settlement',
  'river',
  'mountain',
  'person',
  'person',
  'species',
];

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function syllableName(rng: Random): string {
  const parts = rng.int(2, 3);
  let s = '';
  for (let i = 0; i < parts; i++) s += rng.pick(SYLLABLES);
  return capitalize(s);
}

/**
 * Draws topics with unique keys and unique titles in every language; after `maxTries` clashes in a
 * row a name gets a region qualifier so the supply never runs dry.
 */
export class TopicSource {
  readonly #rng: Random;
  readonly #keys = new Set<string>();
  readonly #titles = new Set<string>();

  constructor(rng: Random) {
    this.#rng = rng;
  }

  /** Reserves a title in all languages (hub pages, drafts) so no topic takes it. */
  reserve(title: string): void {
    this.#titles.add(title);
  }

  next(kind?: TopicKind): Topic {
    const rng = this.#rng;
    for (let attempt = 0; ; attempt++) {
      const k = kind ?? rng.pick(KINDS);
      const region = rng.pick(REGIONS);
      const taxon = rng.pick(TAXA);
      let name: string;
      switch (k) {
        case 'settlement':
          name = rng.pick(TOWN_HEADS) + rng.pick(TOWN_TAILS);
          if (attempt > 3) name = `${name} ${rng.pick(['Upper', 'Lower', 'Great', 'Little', 'New', 'Old'])}`;
          break;
        case 'river':
        case 'mountain':
          name = syllableName(rng);
          break;
        case 'person':
          name = `${rng.pick(GIVEN_NAMES)} ${rng.pick(SURNAME_HEADS)}${rng.pick(SURNAME_TAILS)}`;
          if (attempt > 3) name = `${name.split(' ')[0]} ${syllableName(rng)}${rng.pick(SURNAME_TAILS)}`;
          break;
        case 'species':
          name = `${rng.pick(GENERA[taxon])} ${attempt > 3 ? region.latin : rng.pick(EPITHETS)}`;
          if (attempt > 6) name = `${rng.pick(GENERA[taxon])} ${syllableName(rng).toLowerCase()}us`;
          break;
      }
      const topic: Topic = {
        key: `${k}:${name}`,
        kind: k,
        name,
        region,
        size: sizeFor(k, rng),
        year: yearFor(k, rng),
        occupation: rng.pick(OCCUPATIONS),
        taxon,
      };
      const titles = (['en', 'de', 'cs'] as const).map((l) => topicTitle(topic, l));
      if (this.#keys.has(topic.key) || titles.some((t) => this.#titles.has(t))) continue;
      this.#keys.add(topic.key);
      for (const t of titles) this.#titles.add(t);
      return topic;
    }
  }
}

function sizeFor(kind: TopicKind, rng: Random): number {
  switch (kind) {
    case 'settlement':
      return rng.chance(0.7) ? rng.int(300, 9000) : rng.int(9000, 250000);
    case 'river':
      return rng.int(12, 640);
    case 'mountain':
      return rng.int(600, 4200);
    case 'person':
      return 0;
    case 'species':
      return rng.int(4, 90);
  }
}

function yearFor(kind: TopicKind, rng: Random): number {
  switch (kind) {
    case 'settlement':
      return rng.int(900, 1850);
    case 'river':
      return rng.int(1100, 1700);
    case 'mountain':
      return rng.int(1786, 1960);
    case 'person':
      return rng.int(1820, 1995);
    case 'species':
      return rng.int(1758, 2015);
  }
}

/** The article title of a topic in one language. */
export function topicTitle(topic: Topic, lang: DemoLang): string {
  switch (topic.kind) {
    case 'river':
      return lang === 'en'
        ? `${topic.name} River`
        : lang === 'de'
          ? `${topic.name} (Fluss)`
          : `${topic.name} (řeka)`;
    case 'mountain':
      return lang === 'en'
        ? `Mount ${topic.name}`
        : lang === 'de'
          ? `${topic.name} (Berg)`
          : `${topic.name} (hora)`;
    default:
      return topic.name;
  }
}

/** A second title that can redirect to the topic's article ("Ashford, Avaria", "C. Hollerith"). */
export function alternativeTitle(topic: Topic, lang: DemoLang): string {
  switch (topic.kind) {
    case 'settlement':
      return `${topic.name}, ${regionName(topic.region, lang)}`;
    case 'river':
      return lang === 'en'
        ? `River ${topic.name}`
        : lang === 'de'
          ? `${topic.name}fluss`
          : `Řeka ${topic.name}`;
    case 'mountain':
      return lang === 'en'
        ? `${topic.name} Peak`
        : lang === 'de'
          ? `${topic.name}spitze`
          : `Vrch ${topic.name}`;
    case 'person': {
      const [given, ...rest] = topic.name.split(' ');
      return `${(given ?? '').charAt(0)}. ${rest.join(' ')}`;
    }
    case 'species': {
      const [genus, epithet] = topic.name.split(' ');
      return `${(genus ?? '').charAt(0)}. ${epithet ?? ''}`;
    }
  }
}

/** A qualified title for moves ("Ashford (Avaria)"). */
export function qualifiedTitle(topic: Topic, lang: DemoLang): string {
  if (topic.kind === 'person') {
    return `${topic.name} (${occupationWord(topic.occupation, lang)})`;
  }
  return `${topicTitle(topic, lang).replace(/ \(.*\)$/, '')} (${regionName(topic.region, lang)})`;
}

export function occupationWord(o: Occupation, lang: DemoLang): string {
  const words: Record<Occupation, [string, string, string]> = {
    painter: ['painter', 'Maler', 'malíř'],
    composer: ['composer', 'Komponist', 'skladatel'],
    footballer: ['footballer', 'Fußballspieler', 'fotbalista'],
    politician: ['politician', 'Politiker', 'politik'],
    botanist: ['botanist', 'Botaniker', 'botanik'],
    architect: ['architect', 'Architekt', 'architekt'],
  };
  return words[o][lang === 'en' ? 0 : lang === 'de' ? 1 : 2];
}

export function taxonWord(t: Taxon, lang: DemoLang, plural = false): string {
  const words: Record<Taxon, [string, string, string, string, string, string]> = {
    beetle: ['beetle', 'beetles', 'Käferart', 'Käfer', 'brouk', 'Brouci'],
    moth: ['moth', 'moths', 'Schmetterlingsart', 'Schmetterlinge', 'motýl', 'Motýli'],
    orchid: ['orchid', 'orchids', 'Orchideenart', 'Orchideen', 'orchidej', 'Vstavačovité'],
    frog: ['frog', 'frogs', 'Froschart', 'Froschlurche', 'žába', 'Žáby'],
  };
  const w = words[t];
  const i = (lang === 'en' ? 0 : lang === 'de' ? 2 : 4) + (plural ? 1 : 0);
  return w[i] as string;
}
