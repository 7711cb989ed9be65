/**
 * What a file description page on a media repository says about its file, read as Commons'
 * CommonsMetadata extension reads it (from the `{{Information}}` template, the licence templates
 * and the categories): the `commons-desc-page` and `commons-categories` fields of extmetadata.
 */
export interface FileDescription {
  /** The description, as text (an `{{en|1=…}}` wrapper is unwrapped; links become their label). */
  description: string;
  /** The author (Artist), as text. */
  author: string;
  /** The `date` field as written. */
  date: string;
  /** LicenseShortName ("CC BY-SA 4.0"); empty when no known licence template is present. */
  licenseShortName: string;
  /** The licence's template id (`cc-by-sa-4.0`, extmetadata `License`); empty when unknown. */
  license: string;
  /** Categories in DB-key form, in page order, without duplicates. */
  categories: string[];
}

/** Licence templates Commons uses (directly or as `{{self|…}}` parameters), by lowercase name. */
const LICENSES: Readonly<Record<string, string>> = {
  'cc-by-sa-4.0': 'CC BY-SA 4.0',
  'cc-by-sa-3.0': 'CC BY-SA 3.0',
  'cc-by-sa-2.5': 'CC BY-SA 2.5',
  'cc-by-sa-2.0': 'CC BY-SA 2.0',
  'cc-by-4.0': 'CC BY 4.0',
  'cc-by-3.0': 'CC BY 3.0',
  'cc-by-2.0': 'CC BY 2.0',
  'cc-zero': 'CC0',
  cc0: 'CC0',
  'pd-self': 'Public domain',
  'pd-old': 'Public domain',
  'pd-old-70': 'Public domain',
  'pd-old-100': 'Public domain',
  'pd-user': 'Public domain',
  'pd-author': 'Public domain',
  'pd-shape': 'Public domain',
  'pd-textlogo': 'Public domain',
  'pd-us': 'Public domain',
  gfdl: 'GFDL',
};

/** Reads a file description page's wikitext. Unknown or missing parts are empty strings. */
export function readFileDescription(text: string): FileDescription {
  const templates = topLevelTemplates(text);
  const info = templates.find((t) => t.name.toLowerCase() === 'information');
  let license = '';
  for (const t of templates) {
    const name = t.name.toLowerCase();
    const candidates = name === 'self' ? t.positional.map((p) => p.toLowerCase()) : [name];
    license = candidates.find((c) => c in LICENSES) ?? '';
    if (license !== '') break;
  }
  return {
    description: plainText(info?.named.get('description') ?? ''),
    author: plainText(info?.named.get('author') ?? ''),
    date: plainText(info?.named.get('date') ?? ''),
    licenseShortName: LICENSES[license] ?? '',
    license,
    categories: categoriesOf(text),
  };
}

interface Template {
  name: string;
  named: Map<string, string>;
  positional: string[];
}

/** The templates not nested in another template, with their arguments split at top-level pipes. */
function topLevelTemplates(text: string): Template[] {
  const out: Template[] = [];
  let i = 0;
  while ((i = text.indexOf('{{', i)) >= 0) {
    const end = matchingClose(text, i);
    if (end < 0) break;
    out.push(parseTemplate(text.slice(i + 2, end)));
    i = end + 2;
  }
  return out;
}

/** The index of the `}}` closing the `{{` at `open`, or -1. */
function matchingClose(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length - 1; i++) {
    const pair = text.slice(i, i + 2);
    if (pair === '{{') {
      depth++;
      i++;
    } else if (pair === '}}') {
      depth--;
      if (depth === 0) return i;
      i++;
    }
  }
  return -1;
}

function parseTemplate(body: string): Template {
  const parts = splitTopLevel(body);
  const template: Template = { name: (parts[0] ?? '').trim(), named: new Map(), positional: [] };
  for (const part of parts.slice(1)) {
    const eq = part.indexOf('=');
    if (eq > 0 && !/[{[]/.test(part.slice(0, eq)))
      template.named.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    else template.positional.push(part.trim());
  }
  return template;
}

/** Splits at `|` outside nested `{{…}}` and `[[…]]`. */
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const pair = body.slice(i, i + 2);
    if (pair === '{{' || pair === '[[') {
      depth++;
      i++;
    } else if (pair === '}}' || pair === ']]') {
      depth = Math.max(0, depth - 1);
      i++;
    } else if (body[i] === '|' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/**
 * Text of a field value: a language wrapper (`{{en|1=…}}`, `{{de|…}}`) gives its text, links give
 * their label, other templates are dropped.
 */
function plainText(value: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const open = value.indexOf('{{', i);
    const end = open < 0 ? -1 : matchingClose(value, open);
    if (end < 0) {
      out += value.slice(i);
      break;
    }
    out += value.slice(i, open);
    const t = parseTemplate(value.slice(open + 2, end));
    if (/^[a-z]{2,3}(-[a-z]+)?$/.test(t.name)) out += plainText(t.named.get('1') ?? t.positional[0] ?? '');
    i = end + 2;
  }
  return out
    .replace(/\[\[(?:[^|\]]*\|)?([^\]]*)\]\]/g, '$1')
    .replace(/'''?/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function categoriesOf(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(/\[\[\s*[Cc]ategory\s*:\s*([^|\]]+)(?:\|[^\]]*)?\]\]/g)) {
    const name = (m[1] ?? '').trim().replace(/[ _]+/g, '_');
    if (name !== '') seen.add(name.charAt(0).toUpperCase() + name.slice(1));
  }
  return [...seen];
}
