import { NS_FILE, type NamespaceTable } from '../../core/domain/namespaces.ts';
import { tryParseTitle } from '../../core/domain/titles.ts';

/**
 * Image recommendations (suggested-edits-reference.md §4.1, §4.2, §4.6): the rows of the
 * suggestions store turned into GrowthExperiments' `ImageRecommendationData` as its production
 * adapter does, the validator of those rows, and the recommendation object `prop=growthimagesuggestiondata`
 * and the REST route answer with. No I/O.
 */

/** The two task types whose tasks are image recommendations. */
export const IMAGE_TASK_TYPES = ['image-recommendation', 'section-image-recommendation'] as const;
export type ImageTaskType = (typeof IMAGE_TASK_TYPES)[number];
export const isImageTaskType = (s: string): s is ImageTaskType =>
  (IMAGE_TASK_TYPES as readonly string[]).includes(s);

/** Where a suggested image comes from (`ImageRecommendationImage::SOURCE_*`). */
export const IMAGE_SOURCES = [
  'wikidata',
  'wikipedia',
  'commons',
  'wikidata-section-topics',
  'wikidata-section-alignment',
  'wikidata-section-intersection',
] as const;
export type ImageSource = (typeof IMAGE_SOURCES)[number];
export const isImageSource = (s: unknown): s is ImageSource =>
  typeof s === 'string' && (IMAGE_SOURCES as readonly string[]).includes(s);

/** The input alias older services send for `wikidata-section-topics`. */
const SOURCE_ALIASES: Readonly<Record<string, string>> = { 'wikidata-section': 'wikidata-section-topics' };

/** The suggestion store's row as the production adapter reads it (the data gateway's fields). */
export interface GatewayRow {
  id: string;
  image: string | null;
  confidence: number;
  found_on: readonly string[] | null;
  kind: readonly string[];
  section_heading: string | null;
  section_index: number | null;
}

/**
 * `ImageRecommendationData`: one suggested image as the adapter hands it on, untyped as it comes
 * from a service (the validator checks each field).
 */
export interface ImageRecommendationData {
  filename: unknown;
  source: unknown;
  /** Wiki ids using the image, comma-separated. */
  projects: unknown;
  datasetId: unknown;
  sectionNumber: unknown;
  sectionTitle: unknown;
}

/** One image of a recommendation (`ImageRecommendationImage::jsonSerialize`). */
export interface RecommendationImage {
  /** DB key, without the File: prefix. */
  image: string;
  displayFilename: string;
  source: ImageSource;
  projects: string[];
  metadata: Record<string, unknown>;
  /** 1-based among the level-2 sections; null for a top-level suggestion. */
  sectionNumber: number | null;
  /** The heading's wikitext; null for a top-level suggestion. */
  sectionTitle: string | null;
}

/** `ImageRecommendation::toArray`. */
export interface ImageRecommendation {
  titleNamespace: number;
  titleText: string;
  images: RecommendationImage[];
  datasetId: string;
}

/** Kind → source (`ProductionImageRecommendationApiHandler::KIND_TO_SOURCE`); `istype-depicts` has none. */
const KIND_TO_SOURCE: Readonly<Record<string, string>> = {
  'istype-lead-image': 'wikipedia',
  'istype-wikidata-image': 'wikidata',
  'istype-commons-category': 'commons',
  'istype-section-topics': 'wikidata-section-topics',
  'istype-section-topics-p18': 'wikidata-section-topics',
  'istype-section-alignment': 'wikidata-section-alignment',
  // Ignored upstream (T336962): the row fails validation instead of being taken for another source.
  'istype-depicts': 'unknown',
};

/** Whether the adapter knows `kind` (an unknown one is logged and skipped). */
export const isKnownKind = (kind: string): boolean => kind in KIND_TO_SOURCE;

/**
 * The source of a row from its kinds: both section kinds (topics and alignment) make the
 * intersection; else the first known kind, in row order; none known: `wikidata`, or
 * `wikidata-section-topics` for a section suggestion.
 */
export function sourceOfKinds(kinds: readonly string[], section: boolean): string {
  const sources = kinds.flatMap((k) => (isKnownKind(k) ? [KIND_TO_SOURCE[k]!] : []));
  if (sources.includes('wikidata-section-topics') && sources.includes('wikidata-section-alignment'))
    return 'wikidata-section-intersection';
  return sources[0] ?? (section ? 'wikidata-section-topics' : 'wikidata');
}

/** Time of a time-based UUID in 100-ns ticks (v1) or milliseconds (v7), for ordering datasets. */
function datasetOrder(id: string): bigint {
  const hex = id.toLowerCase().replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/.test(hex)) return -1n;
  if (hex[12] === '7') return BigInt(`0x${hex.slice(0, 12)}`) * 10_000n + 122192928000000000n;
  if (hex[12] === '1') return BigInt(`0x${hex.slice(13, 16)}${hex.slice(8, 12)}${hex.slice(0, 8)}`);
  return -1n;
}

/**
 * The production adapter's rows → data (`ProductionImageRecommendationApiHandler::getSuggestionDataFromApiResponse`):
 * sorted newest dataset first, then by confidence descending; only the rows of the first row's
 * dataset; a row with a section heading belongs to the section type, one without to the top-level
 * type, and the other type's rows are skipped. `found_on` is joined with commas (null: "").
 */
export function recommendationDataFromRows(
  rows: readonly GatewayRow[],
  taskType: ImageTaskType,
): ImageRecommendationData[] {
  if (rows.length === 0) return [];
  const sorted = [...rows].sort((a, b) => {
    const da = datasetOrder(a.id);
    const db = datasetOrder(b.id);
    if (da !== db) return da > db ? -1 : 1;
    return b.confidence - a.confidence;
  });
  const dataset = sorted[0]!.id;
  const section = taskType === 'section-image-recommendation';
  return sorted
    .filter((r) => r.id === dataset && (r.section_heading !== null) === section)
    .map((r) => ({
      filename: r.image,
      source: sourceOfKinds(r.kind, section),
      projects: (r.found_on ?? []).join(','),
      datasetId: r.id,
      sectionNumber: r.section_index,
      sectionTitle: r.section_heading,
    }));
}

/**
 * `ImageRecommendationData::getFormattedProjects`: the comma-separated list split, each entry
 * stripped of characters outside `[a-zA-Z0-9_-]`; null or "" is no project.
 */
export function formattedProjects(projects: string | null): string[] {
  if (projects === null || projects === '') return [];
  return projects.split(',').map((p) => p.replace(/[^a-zA-Z0-9_-]/g, ''));
}

/** What a validated row carries: its fields typed, the file name normalized to a DB key. */
export interface ValidRecommendationData {
  filename: string;
  source: ImageSource;
  projects: string[];
  datasetId: string;
  sectionNumber: number | null;
  sectionTitle: string | null;
}

const stripHtml = (s: string): string => s.replace(/<[^>]*>/g, '');

/** PHP's get_debug_type-like name of a value, as the validator's messages show it. */
function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'boolean';
  return typeof v;
}

/**
 * `ImageRecommendationDataValidator::validate`: the first failing check's message (HTML stripped),
 * or the typed data. `title` is the page's prefixed title the messages name.
 */
export function validateRecommendationData(
  data: ImageRecommendationData,
  title: string,
  namespaces: NamespaceTable,
): { ok: true; data: ValidRecommendationData } | { ok: false; message: string } {
  const bad = (message: string) => ({ ok: false as const, message: stripHtml(message) });
  const { filename, projects, datasetId, sectionNumber, sectionTitle } = data;
  const file = typeof filename === 'string' ? tryParseTitle(filename, namespaces, NS_FILE) : null;
  if (typeof filename !== 'string' || !file || file.namespace !== NS_FILE || file.fragment !== '')
    return bad(
      `Invalid filename format for ${title}: ${typeof filename === 'string' ? filename : `[type] ${typeName(filename)}`}`,
    );
  const source = typeof data.source === 'string' ? (SOURCE_ALIASES[data.source] ?? data.source) : data.source;
  if (!isImageSource(source)) return bad(`Invalid source type for ${title}: ${String(data.source)}`);
  if (typeof projects !== 'string') return bad(`Invalid projects format for ${title}`);
  if (typeof datasetId !== 'string') return bad(`Invalid datasetId format for ${title}`);
  if (sectionNumber !== null && !(typeof sectionNumber === 'number' && Number.isInteger(sectionNumber)))
    return bad(`Invalid section number for ${title}`);
  if (sectionTitle !== null && typeof sectionTitle !== 'string')
    return bad(`Invalid section title for ${title}`);
  return {
    ok: true,
    data: {
      filename: file.dbKey,
      source,
      projects: formattedProjects(projects),
      datasetId,
      sectionNumber,
      sectionTitle,
    },
  };
}

/** One image of a recommendation from validated data and its file's metadata. */
export function recommendationImage(
  data: ValidRecommendationData,
  metadata: Record<string, unknown>,
): RecommendationImage {
  return {
    image: data.filename,
    displayFilename: data.filename.replace(/_/g, ' '),
    source: data.source,
    projects: data.projects,
    metadata,
    sectionNumber: data.sectionNumber,
    sectionTitle: data.sectionTitle,
  };
}

/**
 * Why a suggested file is not kept (`ServiceImageRecommendationProvider`'s checks): narrower than
 * MIN_IMAGE_WIDTH, or of a media type other than a bitmap or a drawing.
 */
export function imageFileProblem(file: {
  width: number;
  mediaType: string;
}): { problem: 'too-narrow'; width: number } | { problem: 'media-type'; mediaType: string } | undefined {
  if (file.width < MIN_IMAGE_WIDTH) return { problem: 'too-narrow', width: file.width };
  if (!(VALID_MEDIA_TYPES as readonly string[]).includes(file.mediaType))
    return { problem: 'media-type', mediaType: file.mediaType };
  return undefined;
}

export const MIN_IMAGE_WIDTH = 100;
export const VALID_MEDIA_TYPES = ['BITMAP', 'DRAWING'] as const;
/** Images kept per recommendation (`maxSuggestionsToProcess`). */
export const MAX_SUGGESTIONS_TO_PROCESS = 1;
