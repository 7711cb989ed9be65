import type { CoreServices } from '../core/core-services.ts';
import { NS_CATEGORY } from '../core/domain/namespaces.ts';
import { toIsoTimestamp } from '../core/domain/clock.ts';
import { fillMessageArgs, transformMessage } from '../core/domain/message-text.ts';
import { formatTitle } from '../core/domain/titles.ts';
import type { MediaFile, WikiInfo } from '../core/domain/wiki.ts';
import { encodeTitleForUrl } from '../core/http/action-api/query/site-paths.ts';
import { readWikiMessages } from '../core/messages/wiki-messages.ts';
import type { LoadedWiki } from '../core/wikis/wiki-registry.ts';
import { fail, type WikiqueueError } from '../errors.ts';
import type { SuggestionsService } from '../suggestions/suggestions-service.ts';
import {
  imageFileProblem,
  MAX_SUGGESTIONS_TO_PROCESS,
  MIN_IMAGE_WIDTH,
  recommendationDataFromRows,
  recommendationImage,
  validateRecommendationData,
  VALID_MEDIA_TYPES,
  type ImageRecommendation,
  type ImageTaskType,
  type RecommendationImage,
} from './domain/image-recommendation.ts';
import { languageList, languageName, reasonOf, type ReasonMessage } from './domain/image-reason.ts';

/** The page a recommendation is asked for (it exists). */
export interface RecommendationPage {
  id: number;
  namespace: number;
  /** DB key. */
  title: string;
}

/**
 * A page's recommendation, or why there is none: `none` when the store has no suggestion of the
 * type for the page (not an error a client is shown), else the errors of every suggestion tried.
 */
export type RecommendationResult =
  | { ok: true; recommendation: ImageRecommendation }
  | { ok: false; none: true; errors: [] }
  | { ok: false; none: false; errors: WikiqueueError[] };

/** The width of the thumbnail a recommendation shows (`thumbUrl`). */
export const THUMB_WIDTH = 120;

/**
 * `ServiceImageRecommendationProvider` with the production adapter over the suggestions
 * subsystem's store, and `ImageRecommendationMetadataProvider` over the core media repository
 * (suggested-edits-reference.md §4.3, §4.4, §4.6). `lang` is the language of the human-readable
 * `reason` and `contentLanguageName`.
 */
export class ImageRecommendationProvider {
  constructor(
    private readonly core: CoreServices,
    private readonly suggestions: SuggestionsService,
  ) {}

  /**
   * Walks the page's suggestions of the type (newest dataset, by confidence) until
   * MAX_SUGGESTIONS_TO_PROCESS images are kept: each row validated, its file looked up on the
   * wiki's media repository, refused when too narrow or of the wrong media type, then given its
   * metadata; the errors of rows left out are returned only when nothing is kept.
   */
  async get(
    wiki: LoadedWiki,
    page: RecommendationPage,
    taskType: ImageTaskType,
    lang: string,
  ): Promise<RecommendationResult> {
    const rows = await this.suggestions.suggestions(wiki.info.id, page.id);
    const data = recommendationDataFromRows(rows, taskType);
    if (data.length === 0) return { ok: false, none: true, errors: [] };
    const prefixed = formatPrefixed(wiki, page);
    const errors: WikiqueueError[] = [];
    const images: RecommendationImage[] = [];
    let datasetId = '';
    for (const row of data) {
      if (images.length >= MAX_SUGGESTIONS_TO_PROCESS) break;
      const valid = validateRecommendationData(row, prefixed, wiki.namespaces);
      if (!valid.ok) {
        errors.push(fail('growthexperiments-invalid-recommendation-data', valid.message));
        continue;
      }
      const file = await this.#file(wiki.info, valid.data.filename);
      if (!file) {
        errors.push(fail('growthexperiments-image-file-not-found', valid.data.filename));
        continue;
      }
      const problem = imageFileProblem(file);
      if (problem?.problem === 'too-narrow') {
        errors.push(
          fail('growthexperiments-image-too-narrow', file.name, prefixed, problem.width, MIN_IMAGE_WIDTH),
        );
        continue;
      }
      if (problem?.problem === 'media-type') {
        errors.push(
          fail(
            'growthexperiments-image-invalid-media-type',
            file.name,
            prefixed,
            problem.mediaType,
            VALID_MEDIA_TYPES.join(', '),
          ),
        );
        continue;
      }
      const reason = reasonOf(valid.data.source, valid.data.projects, wiki.info.lang, lang);
      images.push(recommendationImage(valid.data, await this.metadata(wiki.info, file, reason, lang)));
      datasetId = valid.data.datasetId;
    }
    if (images.length === 0) return { ok: false, none: false, errors };
    return {
      ok: true,
      recommendation: {
        titleNamespace: page.namespace,
        titleText: page.title.replace(/_/g, ' '),
        images,
        datasetId,
      },
    };
  }

  /**
   * The metadata of a suggested file (`ImageRecommendationMetadataProvider::getMetadata`): its
   * URLs and sizes, a 120-pixel thumbnail, the description page's description, author, licence
   * and date (the upload time, extmetadata's DateTime), its non-hidden categories, the caption
   * (null: no structured-data labels here), the reason, and the content language's name.
   */
  async metadata(
    wiki: WikiInfo,
    file: MediaFile,
    reason: ReasonMessage,
    lang: string,
  ): Promise<Record<string, unknown>> {
    const thumb = this.core.media.thumbnail(file, { width: THUMB_WIDTH });
    const vector = file.mediaType === 'DRAWING';
    return {
      descriptionUrl: this.#descriptionUrl(file),
      thumbUrl: thumb.url,
      fullUrl: file.url,
      originalWidth: file.width,
      originalHeight: file.height,
      // File::mustRender: a browser cannot show SVG or TIFF as they are.
      mustRender: vector || file.mime === 'image/tiff',
      isVectorized: vector,
      mediaType: file.mediaType,
      description: html(file.description),
      author: html(file.author),
      license: html(file.license),
      date: toIsoTimestamp(file.timestamp).replace('T', ' ').replace('Z', ''),
      caption: null,
      categories: (await this.#visibleCategories(file)).map((c) => c.replace(/_/g, ' ')),
      reason: await this.#renderReason(wiki, reason, lang),
      contentLanguageName: languageName(wiki.lang, lang) ?? wiki.lang,
    };
  }

  async #file(wiki: WikiInfo, name: string): Promise<MediaFile | undefined> {
    const repository = this.core.media.repositoryOf(wiki);
    if (!repository) return undefined;
    return (await this.core.media.getFiles(repository.repo, [name])).get(name);
  }

  /** The file's categories on its repository without the hidden ones (`__HIDDENCAT__`). */
  async #visibleCategories(file: MediaFile): Promise<string[]> {
    if (file.categories.length === 0) return [];
    const pages = await this.core.store.pages.getManyByTitles(
      file.repo,
      file.categories.map((title) => ({ namespace: NS_CATEGORY, title })),
    );
    const props = await this.core.store.links.pageProps(
      file.repo,
      pages.map((p) => p.id),
      ['hiddencat'],
    );
    const hidden = new Set(pages.filter((p) => props.get(p.id)?.hiddencat !== undefined).map((p) => p.title));
    return file.categories.filter((c) => !hidden.has(c));
  }

  #descriptionUrl(file: MediaFile): string {
    const { server, defaultWiki } = this.core.config;
    const path = file.repo === defaultWiki ? '/wiki/' : `/${file.repo}/wiki/`;
    return `${server}${path}${encodeTitleForUrl(`File:${file.name}`)}`;
  }

  /** The reason in `lang`: the wiki's MediaWiki: page of the message if it has one, else i18n/. */
  async #renderReason(wiki: WikiInfo, reason: ReasonMessage, lang: string): Promise<string> {
    const othersKey = 'growthexperiments-addimage-reason-others';
    const texts = await readWikiMessages(this.core.store, wiki, [reason.key, othersKey], lang);
    const render = (key: string, params: readonly string[]) =>
      transformMessage(fillMessageArgs(texts.get(key)?.text ?? `⧼${key}⧽`, params), {
        sitename: wiki.sitename,
        pagename: '',
        lang,
      });
    const params = [...reason.params];
    if (reason.languages) {
      const { names, others } = reason.languages;
      params.push(languageList(names, lang, others > 0 ? render(othersKey, [String(others)]) : undefined));
    }
    return render(reason.key, params);
  }
}

const formatPrefixed = (wiki: LoadedWiki, page: RecommendationPage): string =>
  formatTitle(page.namespace, page.title, wiki.namespaces);

/** extmetadata-style HTML of a stored text value (escaped); null when there is none. */
function html(text: string): string | null {
  if (text === '') return null;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
