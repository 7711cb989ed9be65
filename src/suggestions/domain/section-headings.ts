/**
 * Which level-2 section headings of different language editions are the same section: the
 * alignment a section-level suggestion needs (kind `istype-section-alignment`). Production takes
 * it from a section-alignment dataset; wikiqueue ships the common article sections of the
 * languages it has presets for, and a wiki adds its own groups (`suggestions.sectionHeadings`).
 * Headings compare case-folded, with spaces and underscores alike; identical headings always align.
 */

/** Each group: equivalent headings, any language. */
const SHIPPED_GROUPS: readonly (readonly string[])[] = [
  ['History', 'Geschichte', 'Historie', 'Dějiny'],
  ['Geography', 'Geographie', 'Geografie', 'Lage', 'Poloha', 'Geografie a poloha'],
  ['Economy', 'Wirtschaft', 'Ekonomika', 'Hospodářství'],
  ['Culture', 'Kultur', 'Kultura'],
  ['Climate', 'Klima', 'Podnebí'],
  ['Demographics', 'Population', 'Bevölkerung', 'Einwohner', 'Obyvatelstvo'],
  ['Architecture', 'Architektur', 'Architektura'],
  ['Transport', 'Verkehr', 'Doprava'],
  ['Education', 'Bildung', 'Školství', 'Vzdělávání'],
  ['Sights', 'Landmarks', 'Sehenswürdigkeiten', 'Pamětihodnosti'],
  ['Life', 'Biography', 'Leben', 'Biografie', 'Život', 'Životopis'],
  ['Early life', 'Jugend', 'Frühe Jahre', 'Mládí', 'Dětství a mládí'],
  ['Career', 'Karriere', 'Laufbahn', 'Kariéra'],
  ['Personal life', 'Privatleben', 'Privates', 'Osobní život'],
  ['Death', 'Tod', 'Smrt', 'Úmrtí'],
  ['Legacy', 'Nachwirkung', 'Rezeption', 'Odkaz'],
  ['Works', 'Werke', 'Dílo'],
  ['Description', 'Beschreibung', 'Merkmale', 'Popis'],
  ['Distribution', 'Distribution and habitat', 'Verbreitung', 'Rozšíření'],
  ['Habitat', 'Lebensraum', 'Stanoviště', 'Biotop'],
  ['Ecology', 'Behaviour', 'Behavior', 'Ökologie', 'Lebensweise', 'Ekologie', 'Chování'],
  ['Course', 'Verlauf', 'Průběh toku', 'Tok'],
  ['Geology', 'Geologie'],
  ['Etymology', 'Name', 'Etymologie', 'Název', 'Jméno'],
];

export const normalizeHeading = (heading: string): string =>
  heading.replace(/_/g, ' ').replace(/\s+/g, ' ').trim().toLocaleLowerCase('und');

/** Looks up which headings align. */
export class SectionAlignment {
  readonly #group = new Map<string, number>();

  constructor(extraGroups: readonly (readonly string[])[] = []) {
    [...SHIPPED_GROUPS, ...extraGroups].forEach((group, g) => {
      for (const heading of group) {
        const key = normalizeHeading(heading);
        // A heading in two groups keeps its first: shipped groups come before a wiki's own.
        if (!this.#group.has(key)) this.#group.set(key, g);
      }
    });
  }

  /** Keys computed so far, by heading as written (articles repeat the same few headings). */
  readonly #keys = new Map<string, string>();

  /** The key two aligned headings share: the group, or the heading itself. */
  key(heading: string): string {
    let key = this.#keys.get(heading);
    if (key === undefined) {
      const normalized = normalizeHeading(heading);
      const group = this.#group.get(normalized);
      key = group === undefined ? `=${normalized}` : `#${group}`;
      if (this.#keys.size < 100_000) this.#keys.set(heading, key);
    }
    return key;
  }

  aligned(a: string, b: string): boolean {
    return this.key(a) === this.key(b);
  }
}
