// Wikitext contexts for tests: English, German, Czech and Arabic Wikipedia namespace names (from siteinfo).
import {
  NamespaceTable,
  defaultNamespaces,
  type NamespaceInfo,
} from '../../../src/core/domain/namespaces.ts';
import type { WikitextContext } from '../../../src/wikitext/analyze.ts';

function localized(names: Record<number, [string, ...string[]]>): NamespaceTable {
  return new NamespaceTable(
    defaultNamespaces().map((ns): NamespaceInfo => {
      const local = names[ns.id];
      if (!local) return ns;
      const [name, ...aliases] = local;
      return { ...ns, name, aliases: [...ns.aliases, ...aliases] };
    }),
  );
}

export function enwiki(overrides: Partial<WikitextContext> = {}): WikitextContext {
  return { namespaces: new NamespaceTable(defaultNamespaces()), ...overrides };
}

export function dewiki(overrides: Partial<WikitextContext> = {}): WikitextContext {
  const namespaces = localized({
    [-2]: ['Medium'],
    [-1]: ['Spezial'],
    1: ['Diskussion'],
    2: ['Benutzer', 'Benutzerin'],
    4: ['Wikipedia'],
    6: ['Datei', 'Bild'],
    10: ['Vorlage'],
    12: ['Hilfe'],
    14: ['Kategorie'],
    828: ['Modul'],
  });
  return { namespaces, ...overrides };
}

export function cswiki(overrides: Partial<WikitextContext> = {}): WikitextContext {
  const namespaces = localized({
    [-2]: ['Média'],
    [-1]: ['Speciální'],
    2: ['Uživatel', 'Uživatelka'],
    4: ['Wikipedie'],
    6: ['Soubor', 'Obrázek'],
    10: ['Šablona'],
    14: ['Kategorie'],
    828: ['Modul'],
  });
  return { namespaces, ...overrides };
}

export function arwiki(overrides: Partial<WikitextContext> = {}): WikitextContext {
  const namespaces = localized({
    [-2]: ['ميديا', 'وسائط'],
    [-1]: ['خاص'],
    2: ['مستخدم', 'مستخدمة'],
    4: ['ويكيبيديا'],
    6: ['ملف', 'صورة'],
    10: ['قالب'],
    14: ['تصنيف'],
    828: ['وحدة'],
  });
  return { namespaces, ...overrides };
}
