import type { NamespaceTable } from '../core/domain/namespaces.ts';
import {
  COMMON_INTERWIKI_PREFIXES,
  isDefaultInterwikiPrefix,
  WIKIPEDIA_LANGUAGE_CODES,
} from '../core/domain/interwiki.ts';
import { DEFAULT_REDIRECT_WORDS } from './magic-words.ts';
import { EXTENSION_TAGS } from './preprocess.ts';
import type { TitleParseOptions } from '../core/domain/titles.ts';

/** What analysis needs to know about the wiki the text comes from. Treat it as immutable. */
export interface WikitextContext {
  /** Localized names and aliases (Kategorie/Category, Datei/Bild/File/Image, Soubor...). */
  namespaces: NamespaceTable;
  /**
   * Templates that count as references for PageTriage's `reference` tag (review-queue-reference.md
   * §1.6), matched like PageTriage: `{{` + name as a case-insensitive prefix, space = underscore.
   * Default: the enwiki pair `['sfn', 'harvnb']`.
   */
  citationTemplates?: readonly string[];
  /**
   * Infobox parameters naming the lead image, most preferred first; compared case-insensitively,
   * space = underscore.
   */
  infoboxImageParams?: readonly string[];
  /** Template name prefixes (case-insensitive) that make a template an infobox. */
  infoboxTemplatePrefixes?: readonly string[];
  /** Whether `<gallery>` is an extension tag on this wiki (default true). */
  galleryTags?: boolean;
  /** Extra redirect magic words, added to the built-in multilingual list. */
  redirectWords?: readonly string[];
  /** Language codes that make `[[xx:Title]]` an interlanguage link (default: the Wikipedias). */
  interwikiLanguages?: ReadonlySet<string>;
  /** Other interwiki prefixes (`wikt`, `commons`...); such links are not local page links. */
  interwikiPrefixes?: ReadonlySet<string>;
  /**
   * Localized magic words of the wiki (`SEITENNAME`, `#wenn`), matched case-sensitively: as a variable
   * when alone, as a parser function before a colon. English ones are built in.
   */
  magicWords?: readonly string[];
}

export const DEFAULT_CITATION_TEMPLATES: readonly string[] = ['sfn', 'harvnb'];

/**
 * Parameters that hold the main image in infoboxes across Wikipedias, in order of preference (an
 * infobox's lead image is its most preferred parameter that names a file). Flags, seals and
 * signatures are left out on purpose: they are not what PageImages would pick.
 */
export const DEFAULT_INFOBOX_IMAGE_PARAMS: readonly string[] = [
  'image',
  'image1',
  'image name',
  'imagename',
  'image file',
  'img',
  'logo',
  'photo',
  'picture',
  'cover',
  'static image name',
  'image skyline',
  'bild',
  'foto',
  'abbildung',
  'obrázek',
  'imagen',
  'immagine',
  'imagem',
  'afbeelding',
  'изображение',
  'фото',
  'зображення',
  'zdjęcie',
  'grafika',
  'kuva',
  'bilde',
  'resim',
  'görsel',
  '画像',
  'hình',
  'hình ảnh',
  'ছবি',
  'চিত্র',
  'εικόνα',
  'պատկեր',
  'चित्र',
  'صورة',
  'تصویر',
  'תמונה',
  '图像',
  '圖像',
  // Maps last: PageImages picks a map when the infobox shows nothing else.
  'image map',
  'map image',
  'karte',
  'mapa',
  'карта',
];

export const DEFAULT_INFOBOX_TEMPLATE_PREFIXES: readonly string[] = [
  'Infobox',
  'Info box',
  'Taxobox',
  'Automatic taxobox',
  'Speciesbox',
  'Infokasten',
  'Infoboks',
  'Infokaste',
  'Ficha de',
  'Info/',
  'Faktamall',
  'Bilgi kutusu',
  'Карточка',
  'Картка',
  'Універсальна картка',
  '基礎情報',
  'Thông tin',
  'Hộp thông tin',
  'তথ্যছক',
  'Πληροφορίες',
  'Κουτί πληροφοριών',
  'Տեղեկաքարտ',
  'माहितीचौकट',
  'صندوق معلومات',
  'جعبه اطلاعات',
];

/** A context with defaults applied and lookup structures built, cached per context object. */
export interface ResolvedContext {
  namespaces: NamespaceTable;
  citationPatterns: RegExp[];
  /** Normalized infobox image parameter name → preference (0 = best). */
  infoboxImageParams: ReadonlyMap<string, number>;
  infoboxPrefixes: readonly string[];
  /** First letters of the infobox prefixes, lowercase: a quick rejection for other templates. */
  infoboxInitials: ReadonlySet<string>;
  extensionTags: ReadonlySet<string>;
  redirectWords: readonly string[];
  languages: ReadonlySet<string>;
  isInterwiki: (prefix: string) => boolean;
  /** Title options for wikilink targets (interwiki-aware). */
  linkTitles: TitleParseOptions;
  mainIsCaseSensitive: boolean;
  magicWords: ReadonlySet<string>;
}

const resolved = new WeakMap<WikitextContext, ResolvedContext>();

export function resolveContext(ctx: WikitextContext): ResolvedContext {
  let r = resolved.get(ctx);
  if (r) return r;
  const languages = ctx.interwikiLanguages ?? WIKIPEDIA_LANGUAGE_CODES;
  const prefixes = ctx.interwikiPrefixes ?? COMMON_INTERWIKI_PREFIXES;
  const tags = new Set(EXTENSION_TAGS);
  if (ctx.galleryTags === false) tags.delete('gallery');
  const words = [...DEFAULT_REDIRECT_WORDS, ...(ctx.redirectWords ?? [])];
  const isInterwiki =
    ctx.interwikiLanguages === undefined && ctx.interwikiPrefixes === undefined
      ? isDefaultInterwikiPrefix
      : (prefix: string) => languages.has(prefix) || prefixes.has(prefix);
  const infoboxPrefixes = (ctx.infoboxTemplatePrefixes ?? DEFAULT_INFOBOX_TEMPLATE_PREFIXES).map((p) =>
    p.replace(/_/g, ' ').toLowerCase(),
  );
  r = {
    namespaces: ctx.namespaces,
    citationPatterns: (ctx.citationTemplates ?? DEFAULT_CITATION_TEMPLATES).map(citationPattern),
    infoboxImageParams: preferenceMap(
      (ctx.infoboxImageParams ?? DEFAULT_INFOBOX_IMAGE_PARAMS).map(normalizeParamName),
    ),
    infoboxPrefixes,
    infoboxInitials: new Set(infoboxPrefixes.map((p) => p.charAt(0))),
    extensionTags: tags,
    // Longest first, as MediaWiki's MagicWord regex tries synonyms.
    redirectWords: [...new Set(words)].sort((a, b) => b.length - a.length),
    languages,
    isInterwiki,
    linkTitles: { isInterwiki },
    mainIsCaseSensitive: ctx.namespaces.get(0)?.case === 'case-sensitive',
    magicWords: new Set(ctx.magicWords ?? []),
  };
  resolved.set(ctx, r);
  return r;
}

/** Infobox parameter names compare case-insensitively with spaces and underscores equivalent. */
function normalizeParamName(name: string): string {
  return name
    .replace(/[_\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

function preferenceMap(names: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  names.forEach((name, i) => {
    if (!map.has(name)) map.set(name, i);
  });
  return map;
}

function citationPattern(name: string): RegExp {
  const escaped = name
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/[ _]+/g, '[ _]+');
  return new RegExp(`\\{\\{${escaped}`, 'i');
}

/** Whether a template title (display form, ns 10) names an infobox. */
export function isInfoboxTitle(title: string, ctx: ResolvedContext): boolean {
  if (!ctx.infoboxInitials.has(title.charAt(0).toLowerCase())) return false;
  const lower = title.toLowerCase();
  for (const prefix of ctx.infoboxPrefixes) if (lower.startsWith(prefix)) return true;
  return false;
}
