import type { DemoRole, DemoUser } from './demo-family.ts';
import type { DemoLang } from './demo-wikis.ts';
import type { Random } from './random.ts';

const DAY = 86400;
const YEAR = 365 * DAY;

const GIVEN: Record<DemoLang, readonly string[]> = {
  en: [
    'Alice',
    'Ben',
    'Clara',
    'Daniel',
    'Eva',
    'Felix',
    'Grace',
    'Henry',
    'Isla',
    'Jonas',
    'Kate',
    'Leo',
    'Maya',
    'Noah',
    'Olivia',
    'Peter',
    'Ruth',
    'Sam',
    'Tara',
    'Victor',
  ],
  de: [
    'Anna',
    'Bernd',
    'Claudia',
    'Dieter',
    'Elke',
    'Frank',
    'Gisela',
    'Hans',
    'Ingrid',
    'Jürgen',
    'Katrin',
    'Lukas',
    'Monika',
    'Norbert',
    'Petra',
    'Ralf',
    'Sabine',
    'Thomas',
    'Ute',
    'Wolfgang',
  ],
  cs: [
    'Anna',
    'Bohumil',
    'Dana',
    'Eliška',
    'František',
    'Hana',
    'Jan',
    'Jana',
    'Jiří',
    'Karel',
    'Lenka',
    'Marie',
    'Martin',
    'Petr',
    'Radek',
    'Šárka',
    'Tomáš',
    'Věra',
    'Zdeněk',
    'Zuzana',
  ],
  ar: [
    'أحمد',
    'أمل',
    'إيمان',
    'بلال',
    'جميلة',
    'حسن',
    'خالد',
    'ريم',
    'زينب',
    'سارة',
    'سعيد',
    'سلمى',
    'طارق',
    'عائشة',
    'علي',
    'عمر',
    'فاطمة',
    'ليلى',
    'مريم',
    'يوسف',
  ],
};
const ADJECTIVES = [
  'Quiet',
  'Amber',
  'Brisk',
  'Copper',
  'Dusty',
  'Early',
  'Gentle',
  'Hollow',
  'Iron',
  'Jolly',
  'Lunar',
  'Misty',
  'Noble',
  'Pale',
  'Rapid',
  'Silver',
  'Tidy',
  'Velvet',
  'Wild',
  'Young',
];
const NOUNS = [
  'Heron',
  'Otter',
  'Maple',
  'Falcon',
  'Badger',
  'Willow',
  'Comet',
  'Harbor',
  'Lantern',
  'Meadow',
  'Pebble',
  'Raven',
  'Sparrow',
  'Thistle',
  'Walrus',
  'Fox',
  'Birch',
  'Kestrel',
];
const SURNAMES: Record<DemoLang, readonly string[]> = {
  en: ['Brook', 'Carter', 'Ellis', 'Fletcher', 'Hughes', 'Marsh', 'Porter', 'Reed', 'Shaw', 'Turner'],
  de: ['Becker', 'Fischer', 'Hoffmann', 'Krüger', 'Lehmann', 'Meyer', 'Schulz', 'Vogel', 'Wagner', 'Zimmer'],
  cs: ['Dvořák', 'Horák', 'Kučera', 'Marek', 'Novák', 'Pokorný', 'Růžička', 'Svoboda', 'Veselý', 'Zeman'],
  ar: ['الحسيني', 'البغدادي', 'التونسي', 'الحداد', 'الخطيب', 'السالم', 'الشامي', 'العلي', 'المصري', 'النجار'],
};

/** How many accounts of each role a content wiki gets for `pages` articles. */
export function castSize(pages: number): Record<Exclude<DemoRole, 'uploader' | 'copyviobot'>, number> {
  return {
    admin: 2 + Math.floor(pages / 500),
    patroller: 3 + Math.floor(pages / 300),
    autopatrolled: 2 + Math.floor(pages / 300),
    bot: 2,
    experienced: 3 + Math.floor(pages / 60),
    learner: 4 + Math.floor(pages / 40),
    newcomer: 6 + Math.floor(pages / 12),
    vandal: 1,
  };
}

/** Generates unique, valid account names for one wiki. */
export class UserNamer {
  readonly #taken = new Set<string>();

  constructor(
    private readonly rng: Random,
    private readonly lang: DemoLang,
  ) {}

  take(name: string): string {
    this.#taken.add(name);
    return name;
  }

  next(): string {
    const rng = this.rng;
    for (let attempt = 0; ; attempt++) {
      let name: string;
      switch (rng.int(0, 3)) {
        case 0:
          name = `${rng.pick(ADJECTIVES)}${rng.pick(NOUNS)}`;
          break;
        case 1:
          name = `${rng.pick(ADJECTIVES)}${rng.pick(NOUNS)}${rng.int(1, 99)}`;
          break;
        case 2:
          name = `${rng.pick(GIVEN[this.lang])} ${rng.pick(SURNAMES[this.lang])}`;
          break;
        default:
          name = `${rng.pick(GIVEN[this.lang])}${rng.pick(SURNAMES[this.lang]).slice(0, 1)}${rng.int(1960, 2009)}`;
      }
      if (attempt > 20) name = `${name} ${attempt}`;
      if (!this.#taken.has(name)) return this.take(name);
    }
  }
}

/** Groups, registration and prior edit count for a role (window = the replayed 60 days). */
export function makeUser(
  rng: Random,
  wiki: string,
  name: string,
  role: DemoRole,
  window: { start: number; now: number },
): DemoUser {
  const { start, now } = window;
  const old = () => now - rng.int(2 * YEAR, 14 * YEAR);
  switch (role) {
    case 'admin':
      return { wiki, name, role, groups: ['sysop'], registration: old(), priorEdits: rng.int(8000, 90000) };
    case 'patroller':
      return {
        wiki,
        name,
        role,
        groups: ['patroller'],
        registration: old(),
        priorEdits: rng.int(2000, 30000),
      };
    case 'autopatrolled':
      return {
        wiki,
        name,
        role,
        groups: ['autopatrolled'],
        registration: old(),
        priorEdits: rng.int(3000, 20000),
      };
    case 'bot':
      return { wiki, name, role, groups: ['bot'], registration: old(), priorEdits: rng.int(20000, 400000) };
    case 'copyviobot':
      return {
        wiki,
        name,
        role,
        groups: ['bot', 'copyviobot'],
        registration: old(),
        priorEdits: rng.int(5000, 50000),
      };
    case 'experienced':
      return {
        wiki,
        name,
        role,
        groups: [],
        registration: now - rng.int(YEAR, 12 * YEAR),
        priorEdits: rng.int(600, 15000),
      };
    case 'uploader':
      return {
        wiki,
        name,
        role,
        groups: [],
        registration: now - rng.int(YEAR, 10 * YEAR),
        priorEdits: rng.int(600, 40000),
      };
    case 'learner':
      return {
        wiki,
        name,
        role,
        groups: [],
        registration: now - rng.int(40 * DAY, 2 * YEAR),
        priorEdits: rng.int(15, 300),
      };
    case 'newcomer':
      return { wiki, name, role, groups: [], registration: rng.int(start, now - DAY), priorEdits: 0 };
    case 'vandal':
      return {
        wiki,
        name,
        role,
        groups: [],
        registration: rng.int(start + 5 * DAY, now - 10 * DAY),
        priorEdits: 0,
      };
  }
}
