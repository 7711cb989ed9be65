import { restRequest, type Params } from '../api/action-api.ts';
import { ApiError } from '../api/api-error.ts';
import { i18nState } from '../i18n/i18n.ts';
import { session } from '../session/session.ts';
import { apiFor } from '../session/site.ts';
import { IMAGE_TASK_TYPES, isTaskTypeId, type TaskTypeId } from './task-catalog.ts';

/** What a newcomer asks the task feed for (Special:Homepage's filters). */
export interface TaskFilters {
  types: TaskTypeId[];
  topics: string[];
  mode: 'OR' | 'AND';
}

/** GrowthExperiments' preferences for the filters (SuggestedEdits: task types, topics, match mode). */
export const FILTER_PREFERENCES = {
  types: 'growthexperiments-homepage-se-filters',
  topics: 'growthexperiments-homepage-se-ores-topic-filters',
  mode: 'growthexperiments-homepage-se-topic-filters-mode',
} as const;

/** The two preferences without which the server saves a task's edit as a plain edit (README). */
const ACTIVATION_PREFERENCES = [
  'growthexperiments-homepage-enable',
  'growthexperiments-homepage-suggestededits-activated',
] as const;

const STORED_FILTERS = 'wikiqueue-task-filters';

function parseList(value: unknown, valid: (s: unknown) => boolean): string[] | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    const list: unknown = JSON.parse(value);
    return Array.isArray(list) ? list.filter(valid).map(String) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The filters last chosen: the signed-in user's preferences when the server keeps them, else what
 * this browser stored; none chosen means every type and no topic. With `topics` (the wiki's), a
 * stored topic the wiki does not have is left out.
 */
export function loadFilters(topics?: readonly string[]): TaskFilters {
  const isTopic = (t: unknown) => typeof t === 'string' && (topics === undefined || topics.includes(t));
  const options = session.user?.options ?? {};
  let stored: Partial<Record<keyof TaskFilters, unknown>> = {};
  try {
    stored = JSON.parse(localStorage.getItem(STORED_FILTERS) ?? '{}') as typeof stored;
  } catch {
    // Storage off or damaged: the defaults.
  }
  const fromPrefs = Object.hasOwn(options, FILTER_PREFERENCES.types);
  const types = fromPrefs
    ? parseList(options[FILTER_PREFERENCES.types], isTaskTypeId)
    : Array.isArray(stored.types)
      ? stored.types.filter(isTaskTypeId)
      : undefined;
  const chosenTopics = fromPrefs
    ? parseList(options[FILTER_PREFERENCES.topics], isTopic)
    : Array.isArray(stored.topics)
      ? stored.topics.filter(isTopic).map(String)
      : undefined;
  const mode = fromPrefs ? options[FILTER_PREFERENCES.mode] : stored.mode;
  return {
    types: (types ?? []) as TaskTypeId[],
    topics: chosenTopics ?? [],
    mode: mode === 'AND' ? 'AND' : 'OR',
  };
}

/** Keeps the filters: as preferences (action=options) for a signed-in user, and in this browser. */
export async function saveFilters(wiki: string, filters: TaskFilters): Promise<void> {
  try {
    localStorage.setItem(STORED_FILTERS, JSON.stringify(filters));
  } catch {
    // The choice lasts this page.
  }
  const user = session.user;
  if (!user || !Object.hasOwn(user.options, FILTER_PREFERENCES.types)) return;
  const values = {
    [FILTER_PREFERENCES.types]: JSON.stringify(filters.types),
    [FILTER_PREFERENCES.topics]: JSON.stringify(filters.topics),
    [FILTER_PREFERENCES.mode]: filters.mode,
  };
  await apiFor(wiki).post(
    { action: 'options', change: Object.entries(values).map(([k, v]) => `${k}=${v}`) },
    'csrf',
  );
  Object.assign(user.options, values);
}

/**
 * Turns suggested edits on for the signed-in user, as the homepage's start dialog does; the server
 * records an image task's judgement only for users who have them on.
 */
export async function activateSuggestedEdits(wiki: string): Promise<void> {
  const user = session.user;
  if (!user) return;
  const off = ACTIVATION_PREFERENCES.filter((p) => !user.options[p] || user.options[p] === '0');
  if (off.length === 0) return;
  await apiFor(wiki).post({ action: 'options', change: off.map((p) => `${p}=1`) }, 'csrf');
  for (const p of off) user.options[p] = '1';
}

const servers = new Map<string, Promise<string>>();

/** The wiki's own address (siteinfo `server`), which file URLs start with. */
function ownServer(wiki: string): Promise<string> {
  let server = servers.get(wiki);
  if (!server) {
    server = apiFor(wiki)
      .get({ action: 'query', meta: 'siteinfo', siprop: 'general' })
      .then((r) => String((r.query as { general: { server?: string } }).general.server ?? ''));
    server.catch(() => servers.delete(wiki));
    servers.set(wiki, server);
  }
  return server;
}

/**
 * A file URL the server handed out, made relative when it points at this server (its configured
 * address may differ from the one the browser uses), so the page loads it under its CSP.
 */
export async function localMediaUrl(wiki: string, url: string): Promise<string> {
  const server = await ownServer(wiki);
  if (server && url.startsWith(`${server}/`)) return url.slice(server.length);
  if (url.startsWith(`${location.origin}/`)) return url.slice(location.origin.length);
  return url;
}

export interface QualityGate {
  dailyLimit: boolean;
  dailyCount: number;
}

export interface TaskCard {
  pageId: number;
  title: string;
  taskType: TaskTypeId;
  difficulty: string;
  order: number;
  thumbnail?: string;
  /** The start of the article's lead as plain text (prop=extracts), when it has one. */
  extract?: string;
}

export interface TaskPage {
  tasks: TaskCard[];
  totalCount: number;
  qualityGates: Record<string, QualityGate>;
  continue?: Params;
}

/** A card's extract: the lead's first characters, as plain text (TextExtracts' exintro, explaintext). */
const CARD_EXTRACT_CHARS = 160;

/** One page of the feed: generator=growthtasks with each task's lead image thumbnail and extract. */
export async function fetchTasks(
  wiki: string,
  filters: TaskFilters,
  options: { limit?: number; continue?: Params; seed?: string } = {},
): Promise<TaskPage> {
  const result = await apiFor(wiki).get({
    action: 'query',
    generator: 'growthtasks',
    ggttasktypes: filters.types.length > 0 ? filters.types : undefined,
    ggttopics: filters.topics.length > 0 ? filters.topics : undefined,
    ggttopicsmode: filters.topics.length > 1 ? filters.mode : undefined,
    ggtlimit: options.limit ?? 12,
    ggtseed: options.seed,
    prop: 'pageimages|extracts',
    piprop: 'thumbnail',
    pithumbsize: 160,
    exintro: true,
    explaintext: true,
    exchars: CARD_EXTRACT_CHARS,
    ...options.continue,
  });
  const pages = ((result.query as { pages?: Record<string, unknown>[] } | undefined)?.pages ?? []).filter(
    (p) => typeof p.tasktype === 'string' && isTaskTypeId(p.tasktype),
  );
  const tasks = await Promise.all(
    pages.map(async (p) => {
      const thumb = (p.thumbnail as { source?: string } | undefined)?.source;
      const card: TaskCard = {
        pageId: Number(p.pageid),
        title: String(p.title),
        taskType: p.tasktype as TaskTypeId,
        difficulty: String(p.difficulty),
        order: Number(p.order),
      };
      if (thumb) card.thumbnail = await localMediaUrl(wiki, thumb);
      if (typeof p.extract === 'string' && p.extract !== '') card.extract = p.extract;
      return card;
    }),
  );
  tasks.sort((a, b) => a.order - b.order);
  const meta = (result.growthtasks ?? {}) as {
    totalCount?: number;
    qualityGateConfig?: Record<string, QualityGate>;
  };
  const next = result.continue as Params | undefined;
  return {
    tasks,
    totalCount: meta.totalCount ?? tasks.length,
    qualityGates: meta.qualityGateConfig ?? {},
    ...(next ? { continue: next } : {}),
  };
}

/** The image a task suggests, with what the newcomer judges it by (growthimagesuggestiondata). */
export interface SuggestedImage {
  image: string;
  displayFilename: string;
  source: string;
  sectionNumber: number | null;
  sectionTitle: string | null;
  descriptionUrl: string;
  description: string;
  author: string;
  license: string;
  date: string;
  reason: string;
  categories: string[];
  width: number;
  height: number;
  /** A rendition about 640 pixels wide. */
  renditionUrl: string;
}

/**
 * The best image suggested for an article, its metadata and reason in the interface language
 * (`uselang`), and a rendition from the media repository (prop=imageinfo). Null when the article
 * has no usable suggestion any more.
 */
export async function fetchSuggestion(
  wiki: string,
  title: string,
  taskType: string,
): Promise<SuggestedImage | null> {
  const api = apiFor(wiki);
  const result = await api.get({
    action: 'query',
    prop: 'growthimagesuggestiondata',
    titles: title,
    gisdtasktype: taskType,
  });
  const page = ((result.query as { pages?: Record<string, unknown>[] }).pages ?? [])[0];
  const data = (page?.growthimagesuggestiondata as { images: Record<string, unknown>[] }[] | undefined)?.[0];
  const image = data?.images[0];
  if (!image) {
    const errors = page?.growthimagesuggestiondataerrors as { code?: string; text?: string }[] | undefined;
    if (errors?.[0]) throw new ApiError(errors[0].code ?? 'unknown', errors[0].text ?? '');
    return null;
  }
  const m = image.metadata as Record<string, unknown>;
  const info = await api.get({
    action: 'query',
    prop: 'imageinfo',
    titles: `File:${String(image.image)}`,
    iiprop: 'url|size',
    iiurlwidth: 640,
  });
  const ii = (
    ((info.query as { pages?: Record<string, unknown>[] }).pages ?? [])[0]?.imageinfo as
      { thumburl?: string; url?: string }[] | undefined
  )?.[0];
  return {
    image: String(image.image),
    displayFilename: String(image.displayFilename),
    source: String(image.source),
    sectionNumber: typeof image.sectionNumber === 'number' ? image.sectionNumber : null,
    sectionTitle: typeof image.sectionTitle === 'string' ? image.sectionTitle : null,
    descriptionUrl: await localMediaUrl(wiki, String(m.descriptionUrl ?? '')),
    description: String(m.description ?? ''),
    author: String(m.author ?? ''),
    license: String(m.license ?? ''),
    date: String(m.date ?? ''),
    reason: String(m.reason ?? ''),
    categories: Array.isArray(m.categories) ? m.categories.map(String) : [],
    width: Number(m.originalWidth ?? 0),
    height: Number(m.originalHeight ?? 0),
    renditionUrl: await localMediaUrl(wiki, ii?.thumburl ?? ii?.url ?? String(m.thumbUrl ?? '')),
  };
}

export interface Article {
  title: string;
  revid: number;
  html: string;
}

/** The article as the server renders it (action=parse; the server sanitizes the HTML). */
export async function fetchArticle(wiki: string, title: string): Promise<Article> {
  const result = await apiFor(wiki).get({
    action: 'parse',
    page: title,
    prop: 'text|revid|displaytitle',
    redirects: true,
    disableeditsection: true,
  });
  const parse = result.parse as { title: string; revid: number; text: string };
  return { title: parse.title, revid: parse.revid, html: parse.text };
}

/** A rejection reason of the reference (§5.2), and whether it leaves the task to someone else. */
export interface RejectionReason {
  id: string;
  undecided: boolean;
  taskTypes: string[];
}

export async function fetchRejectionReasons(wiki: string): Promise<RejectionReason[]> {
  const body = (await restRequest(
    `/tasks/v0/rejection-reasons/${encodeURIComponent(wiki)}?uselang=${i18nState.language}`,
  )) as { reasons: RejectionReason[] };
  return body.reasons;
}

export interface Judgement {
  accepted: boolean;
  caption: string;
  reasons: string[];
}

export interface SubmissionResult {
  newRevId: number | null;
  logId: number | null;
  lastOfTheDay: boolean;
}

/**
 * Saves the newcomer's judgement the way GrowthExperiments' editor does: an edit with the task's
 * plugin data (the server inserts an accepted image with its caption; a rejection is a null edit).
 */
export async function submitImageTask(
  wiki: string,
  title: string,
  taskType: string,
  image: SuggestedImage,
  judgement: Judgement,
  baseRevId: number,
  summary: string,
): Promise<SubmissionResult> {
  const plugin = `ge-task-${taskType}`;
  const data = {
    taskType,
    filename: image.image,
    accepted: judgement.accepted,
    reasons: judgement.accepted ? [] : judgement.reasons,
    caption: judgement.accepted ? judgement.caption.trim() : '',
    sectionTitle: image.sectionTitle,
    sectionNumber: image.sectionNumber,
  };
  const result = await apiFor(wiki).post(
    {
      action: 'edit',
      title,
      plugins: plugin,
      [`data-${plugin}`]: JSON.stringify(data),
      summary,
      baserevid: baseRevId,
      nocreate: true,
    },
    'csrf',
  );
  const edit = result.edit as {
    result?: string;
    newrevid?: number;
    gelogid?: number;
    gewarnings?: Record<string, boolean>[];
  };
  if (edit.result !== 'Success') throw new ApiError('wikiqueue-edit-failed', edit.result ?? '');
  const lastOfTheDay = (edit.gewarnings ?? []).some((w) =>
    IMAGE_TASK_TYPES.some((t) => w[`ge${t.replace(/-/g, '')}dailytasksexceeded`] === true),
  );
  return { newRevId: edit.newrevid ?? null, logId: edit.gelogid ?? null, lastOfTheDay };
}

/** Tells the server the task cannot be done (the article has an image by now, the section is gone). */
export async function invalidateImageTask(
  wiki: string,
  title: string,
  taskType: string,
  image: SuggestedImage,
): Promise<void> {
  await apiFor(wiki).post(
    {
      action: 'growthinvalidateimagerecommendation',
      tasktype: taskType,
      title,
      filename: image.image,
      sectiontitle: image.sectionTitle ?? undefined,
      sectionnumber: image.sectionNumber ?? undefined,
    },
    'csrf',
  );
}

/** A task type the wiki offers, with the settings a client needs (GET /tasks/v0/task-types). */
export interface TaskTypeConfig {
  id: TaskTypeId;
  difficulty: string;
  maxTasksPerDay?: number;
  minimumCaptionCharacterLength?: number;
}

const taskTypeConfigs = new Map<string, Promise<TaskTypeConfig[]>>();

/** The task types the wiki offers, in its configuration order (fetched once per wiki). */
export function fetchTaskTypes(wiki: string): Promise<TaskTypeConfig[]> {
  let config = taskTypeConfigs.get(wiki);
  if (!config) {
    config = restRequest(`/tasks/v0/task-types/${encodeURIComponent(wiki)}`).then((body) =>
      (body as { taskTypes: TaskTypeConfig[] }).taskTypes.filter((t) => isTaskTypeId(t.id)),
    );
    config.catch(() => taskTypeConfigs.delete(wiki));
    taskTypeConfigs.set(wiki, config);
  }
  return config;
}

/** A group of topics as the wiki names them in the interface language (GET /tasks/v0/topics). */
export interface TopicGroup {
  id: string;
  label: string;
  topics: { id: string; label: string }[];
}

const topicLists = new Map<string, Promise<TopicGroup[]>>();

/** The wiki's topics by group, named and ordered in the interface language (fetched once per language). */
export function fetchTopics(wiki: string): Promise<TopicGroup[]> {
  const lang = i18nState.language;
  const key = `${wiki}|${lang}`;
  let topics = topicLists.get(key);
  if (!topics) {
    topics = restRequest(`/tasks/v0/topics/${encodeURIComponent(wiki)}?uselang=${lang}`).then(
      (body) => (body as { groups: TopicGroup[] }).groups,
    );
    topics.catch(() => topicLists.delete(key));
    topicLists.set(key, topics);
  }
  return topics;
}
