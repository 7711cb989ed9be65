import { DEMO_LANGS, type DemoLang } from './demo-wikis.ts';
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
  /** Arabic name ("أفاريا"). */
  ar: string;
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
    ar: 'أفاريا',
    latin: 'avariensis',
  },
  {
    en: 'Corvania',
    enAdjective: 'Corvanian',
    de: 'Korvanien',
    cs: 'Korvánie',
    csLocative: 'Korvánii',
    ar: 'كورفانيا',
    latin: 'corvanicus',
  },
  {
    en: 'Estmark',
    enAdjective: 'Estmarkian',
    de: 'Estmark',
    cs: 'Estmark',
    csLocative: 'Estmarku',
    ar: 'إستمارك',
    latin: 'estmarkensis',
  },
  {
    en: 'Feldria',
    enAdjective: 'Feldrian',
    de: 'Feldrien',
    cs: 'Feldrie',
    csLocative: 'Feldrii',
    ar: 'فيلدريا',
    latin: 'feldriae',
  },
  {
    en: 'Galvonia',
    enAdjective: 'Galvonian',
    de: 'Galvonien',
    cs: 'Galvonie',
    csLocative: 'Galvonii',
    ar: 'غالفونيا',
    latin: 'galvonicus',
  },
  {
    en: 'Hestria',
    enAdjective: 'Hestrian',
    de: 'Hestrien',
    cs: 'Hestrie',
    csLocative: 'Hestrii',
    ar: 'هستريا',
    latin: 'hestriensis',
  },
  {
    en: 'Morvia',
    enAdjective: 'Morvian',
    de: 'Morvien',
    cs: 'Morvie',
    csLocative: 'Morvii',
    ar: 'مورفيا',
    latin: 'morviae',
  },
  {
    en: 'Silvaria',
    enAdjective: 'Silvarian',
    de: 'Silvarien',
    cs: 'Silvárie',
    csLocative: 'Silvárii',
    ar: 'سيلفاريا',
    latin: 'silvariensis',
  },
];

export function regionName(region: Region, lang: DemoLang): string {
  return region[lang];
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
      const titles = DEMO_LANGS.map((l) => topicTitle(topic, l));
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
  const name = localName(topic, lang);
  switch (topic.kind) {
    case 'river':
      return { en: `${name} River`, de: `${name} (Fluss)`, cs: `${name} (řeka)`, ar: `نهر ${name}` }[lang];
    case 'mountain':
      return { en: `Mount ${name}`, de: `${name} (Berg)`, cs: `${name} (hora)`, ar: `جبل ${name}` }[lang];
    default:
      return name;
  }
}

/**
 * The topic's proper name as a language writes it: the name itself, or in Arabic script for
 * Arabic ({@link arabicScript}); a species keeps its Latin binomial everywhere, as Arabic
 * Wikipedia often titles species.
 */
export function localName(topic: Topic, lang: DemoLang): string {
  return lang === 'ar' && topic.kind !== 'species' ? arabicScript(topic.name) : topic.name;
}

/** A second title that can redirect to the topic's article ("Ashford, Avaria", "C. Hollerith"). */
export function alternativeTitle(topic: Topic, lang: DemoLang): string {
  const name = localName(topic, lang);
  switch (topic.kind) {
    case 'settlement':
      return `${name}${lang === 'ar' ? '،' : ','} ${regionName(topic.region, lang)}`;
    case 'river':
      return { en: `River ${name}`, de: `${name}fluss`, cs: `Řeka ${name}`, ar: `${name} (نهر)` }[lang];
    case 'mountain':
      return { en: `${name} Peak`, de: `${name}spitze`, cs: `Vrch ${name}`, ar: `قمة ${name}` }[lang];
    case 'person': {
      const [given, ...rest] = name.split(' ');
      // Arabic has no capital initials: the surname first, as indexes list people.
      return lang === 'ar'
        ? `${rest.join(' ')}، ${given ?? ''}`
        : `${(given ?? '').charAt(0)}. ${rest.join(' ')}`;
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
    return `${localName(topic, lang)} (${occupationWord(topic.occupation, lang)})`;
  }
  return `${topicTitle(topic, lang).replace(/ \(.*\)$/, '')} (${regionName(topic.region, lang)})`;
}

export function occupationWord(o: Occupation, lang: DemoLang): string {
  const words: Record<Occupation, Record<DemoLang, string>> = {
    painter: { en: 'painter', de: 'Maler', cs: 'malíř', ar: 'رسام' },
    composer: { en: 'composer', de: 'Komponist', cs: 'skladatel', ar: 'ملحن' },
    footballer: { en: 'footballer', de: 'Fußballspieler', cs: 'fotbalista', ar: 'لاعب كرة قدم' },
    politician: { en: 'politician', de: 'Politiker', cs: 'politik', ar: 'سياسي' },
    botanist: { en: 'botanist', de: 'Botaniker', cs: 'botanik', ar: 'عالم نبات' },
    architect: { en: 'architect', de: 'Architekt', cs: 'architekt', ar: 'معماري' },
  };
  return words[o][lang];
}

export function taxonWord(t: Taxon, lang: DemoLang, plural = false): string {
  const words: Record<Taxon, Record<DemoLang, [string, string]>> = {
    beetle: {
      en: ['beetle', 'beetles'],
      de: ['Käferart', 'Käfer'],
      cs: ['brouk', 'Brouci'],
      ar: ['خنفساء', 'خنافس'],
    },
    moth: {
      en: ['moth', 'moths'],
      de: ['Schmetterlingsart', 'Schmetterlinge'],
      cs: ['motýl', 'Motýli'],
      ar: ['عثة', 'عث'],
    },
    orchid: {
      en: ['orchid', 'orchids'],
      de: ['Orchideenart', 'Orchideen'],
      cs: ['orchidej', 'Vstavačovité'],
      ar: ['سحلبية', 'سحلبيات'],
    },
    frog: {
      en: ['frog', 'frogs'],
      de: ['Froschart', 'Froschlurche'],
      cs: ['žába', 'Žáby'],
      ar: ['ضفدع', 'ضفادع'],
    },
  };
  return words[t][lang][plural ? 1 : 0];
}

/** Latin letter groups and the Arabic letters that spell them, longest first (see arabicScript). */
const ARABIC_LETTERS: readonly [string, string][] = [
  ['sch', 'ش'],
  ['sh', 'ش'],
  ['ch', 'تش'],
  ['th', 'ث'],
  ['ph', 'ف'],
  ['ck', 'ك'],
  ['qu', 'كو'],
  ['oo', 'و'],
  ['ee', 'ي'],
  ['ou', 'و'],
  ['a', 'ا'],
  ['á', 'ا'],
  ['b', 'ب'],
  ['c', 'ك'],
  ['d', 'د'],
  ['e', 'ي'],
  ['f', 'ف'],
  ['g', 'غ'],
  ['h', 'ه'],
  ['i', 'ي'],
  ['j', 'ج'],
  ['k', 'ك'],
  ['l', 'ل'],
  ['m', 'م'],
  ['n', 'ن'],
  ['o', 'و'],
  ['ó', 'و'],
  ['p', 'ب'],
  ['q', 'ق'],
  ['r', 'ر'],
  ['s', 'س'],
  ['t', 'ت'],
  ['u', 'و'],
  ['v', 'ف'],
  ['w', 'و'],
  ['x', 'كس'],
  ['y', 'ي'],
  ['z', 'ز'],
];

/** What a word-initial vowel is written as: on an alif with hamza, as Arabic spells foreign names. */
const INITIAL_VOWELS: Readonly<Record<string, string>> = {
  a: 'أ',
  á: 'أ',
  e: 'إ',
  i: 'إ',
  o: 'أو',
  ó: 'أو',
  u: 'أو',
};

/**
 * The demo's fictional names in Arabic script, letter group by letter group ("Ashford" → "أشفورد",
 * "Clara Hollerith" → "كلارا هوليريث"): a doubled letter is written once, a word-initial vowel on
 * an alif with hamza, short vowels as long ones. Deterministic, not a faithful transcription.
 */
export function arabicScript(latin: string): string {
  return latin
    .split(' ')
    .map((word) => {
      const w = word.toLowerCase().replace(/(.)\1/g, '$1');
      let out = '';
      let i = 0;
      if (INITIAL_VOWELS[w.charAt(0)] !== undefined) {
        out = INITIAL_VOWELS[w.charAt(0)]!;
        i = 1;
      }
      while (i < w.length) {
        const match = ARABIC_LETTERS.find(([group]) => w.startsWith(group, i));
        if (match) {
          out += match[1];
          i += match[0].length;
        } else {
          out += w.charAt(i);
          i += 1;
        }
      }
      return out;
    })
    .join(' ');
}
