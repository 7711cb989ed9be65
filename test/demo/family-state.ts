import type { DemoFamily } from '../../src/demo/demo-family.ts';

/** A page as it stands after all of a family's operations (a test's own fold, independent of the wiki). */
export interface FinalPage {
  wiki: string;
  title: string;
  text: string;
  creator: string;
  isRedirect: boolean;
}

const REDIRECT = /^#(REDIRECT|WEITERLEITUNG|PŘESMĚRUJ|تحويل)\s*\[\[/i;

export function pageKey(wiki: string, title: string): string {
  return `${wiki}|${title}`;
}

/** Folds the operations: creations and edits set text, moves rename (leaving a redirect), deletions remove. */
export function finalPages(family: DemoFamily): Map<string, FinalPage> {
  const pages = new Map<string, FinalPage>();
  for (const op of family.operations) {
    if (op.kind === 'edit') {
      const k = pageKey(op.wiki, op.title);
      const existing = pages.get(k);
      pages.set(k, {
        wiki: op.wiki,
        title: op.title,
        text: op.text,
        creator: existing?.creator ?? op.actor,
        isRedirect: REDIRECT.test(op.text),
      });
    } else if (op.kind === 'move') {
      const from = pages.get(pageKey(op.wiki, op.from));
      if (!from) throw new Error(`move of missing page ${op.from}`);
      pages.delete(pageKey(op.wiki, op.from));
      pages.set(pageKey(op.wiki, op.to), { ...from, title: op.to });
      pages.set(pageKey(op.wiki, op.from), {
        wiki: op.wiki,
        title: op.from,
        text: `#REDIRECT [[${op.to}]]`,
        creator: op.actor,
        isRedirect: true,
      });
    } else if (op.kind === 'delete') {
      pages.delete(pageKey(op.wiki, op.title));
    }
  }
  return pages;
}

/** Categories a text puts its page in (any of the demo wikis' prefixes). */
export function categoriesIn(text: string): string[] {
  return [...text.matchAll(/\[\[(?:Category|Kategorie|تصنيف):([^\]|]+)/g)].map((m) => (m[1] ?? '').trim());
}

/** The lead image as PageImages would pick it: the infobox image, else the first file before the first heading. */
export function leadImageOf(text: string): string | null {
  const infobox = /^\|[ \t]*(?:image|Bild|obrázek)[ \t]*=[ \t]*([^\n|]*\S)/m.exec(text);
  if (infobox?.[1]) return infobox[1].trim();
  const lead = text.split(/^==/m)[0] ?? '';
  const file = /\[\[(?:File|Datei|Soubor|ملف):([^|\]]+)/.exec(lead);
  return file?.[1]?.trim() ?? null;
}

export function langlinksIn(text: string): Map<string, string> {
  return new Map(
    [...text.matchAll(/^\[\[(en|de|cs|ar):([^\]]+)\]\]$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
}
