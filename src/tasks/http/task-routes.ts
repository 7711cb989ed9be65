import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../../core/core-services.ts';
import { tryParseTitle } from '../../core/domain/titles.ts';
import {
  jsonResponse as json,
  problemResponse as problem,
  type RouteDoc,
} from '../../core/http/rest/openapi.ts';
import { messageCatalog } from '../../core/messages/message-catalog.ts';
import { readWikiMessages } from '../../core/messages/wiki-messages.ts';
import { fail } from '../../errors.ts';
import { IMAGE_TASK_TYPES, isImageTaskType, type ImageTaskType } from '../domain/image-recommendation.ts';
import { enabledTaskTypes } from '../domain/task-settings.ts';
import { TASK_TYPES } from '../domain/task-types.ts';
import {
  reasonLabelKey,
  reasonTaskTypes,
  REJECTION_REASONS,
  UNDECIDED_REASONS,
} from '../domain/rejection-reasons.ts';
import {
  namedTopicGroups,
  topicGroupMessageKey,
  topicMessageKey,
  TOPIC_GROUPS,
  TOPIC_IDS,
} from '../domain/topics.ts';
import type { TasksService } from '../tasks-service.ts';
import { requireWriter, restActor } from '../../core/http/rest/rest-actor.ts';
import { encodeTitleForUrl } from '../../core/http/action-api/query/site-paths.ts';

/** MediaWiki's REST path of the image feedback route (GrowthExperiments' AddImageFeedbackHandler). */
const FEEDBACK_PATH = '/w/rest.php/growthexperiments/v0/suggestions/addimage/feedback/:title';

/** The body of a feedback PUT (§5.5). */
interface FeedbackBody {
  editRevId?: number | null;
  filename?: unknown;
  accepted?: unknown;
  reasons?: unknown[];
  caption?: string;
  sectionTitle?: string | null;
  sectionNumber?: number | null;
  token?: string;
}

// No body at all (an anonymous probe) reaches the handler, which refuses it as anonymous first.
const feedbackBodySchema = {
  type: ['object', 'null'],
  properties: {
    editRevId: { type: ['integer', 'null'], description: 'the edit that added the image (accepted only)' },
    filename: { type: 'string', description: 'the suggested file, without namespace' },
    accepted: { type: 'boolean', description: 'whether the newcomer accepted the image' },
    reasons: { type: 'array', items: { type: 'string' }, description: 'rejection reasons (§5.2)' },
    caption: { type: 'string', description: 'the caption of an accepted image' },
    sectionTitle: { type: ['string', 'null'], description: 'the section heading of a section task' },
    sectionNumber: { type: ['integer', 'null'], description: 'its 1-based number among level-2 sections' },
    token: { type: 'string', description: 'a CSRF token (action=query&meta=tokens)' },
  },
} as const;

const feedbackResultSchema = {
  type: 'object',
  properties: {
    success: { type: 'boolean' },
    logId: { type: 'integer' },
    warnings: { type: 'array', items: { type: 'object', additionalProperties: { type: 'boolean' } } },
  },
} as const;

/**
 * Suggested edits for app developers (issue 13, item 5), as problem-body REST routes:
 * - `GET /tasks/v0/image-suggestion/{wiki}/{title}?tasktype=…&uselang=…`: the recommendation
 *   `prop=growthimagesuggestiondata` gives the page (suggested-edits-reference.md §4.1, §4.4), without
 *   the Action API's envelope. A page without suggestions of the type is
 *   `growthexperiments-no-recommendation-found` (404); a page whose suggestions all had to be
 *   left out answers with the first one's error.
 * - `GET /tasks/v0/rejection-reasons/{wiki}?uselang=…`: the reasons a rejection may give (§5.2),
 *   which of them are "undecided" (the task stays in the pool), which task types offer them, and
 *   their labels in the reader's language.
 * - `GET /tasks/v0/topics/{wiki}?uselang=…`: the topics `list=growthtasks` filters by on the wiki
 *   (§2.4), by group, named and ordered in the reader's language (none where the wiki offers no
 *   suggested edits), as GrowthExperiments' client gets them with its configuration.
 * `uselang` picks the language of the labels and the recommendation's `reason` when i18n/ has it;
 * otherwise, and without it, the wiki's content language is used.
 */
export async function registerTaskRoutes(
  app: FastifyInstance,
  core: CoreServices,
  tasks: TasksService,
): Promise<void> {
  const readerLanguage = (uselang: string | undefined, wikiLang: string) =>
    uselang !== undefined && messageCatalog().languages.includes(uselang) ? uselang : wikiLang;

  app.get<{
    Params: { wiki: string; title: string };
    Querystring: { tasktype?: ImageTaskType; uselang?: string };
  }>(
    '/tasks/v0/image-suggestion/:wiki/:title',
    {
      schema: {
        params: {
          type: 'object',
          properties: {
            wiki: { type: 'string', description: 'wiki id, e.g. cswiki' },
            title: { type: 'string', description: 'the article, any form of its title' },
          },
        },
        querystring: {
          type: 'object',
          properties: {
            tasktype: {
              type: 'string',
              enum: [...IMAGE_TASK_TYPES],
              default: 'image-recommendation',
              description: 'the task type: a suggestion for the article, or for one of its sections',
            },
            uselang: { type: 'string', description: 'language of the reason (en, de, cs, ar)' },
          },
        },
        response: { 200: recommendationSchema },
      },
      config: { errorFormat: 'problem', openapi: imageSuggestionDoc },
    },
    async (req) => {
      const wiki = await core.wikis.load(req.params.wiki);
      const parsed = tryParseTitle(req.params.title, wiki.namespaces);
      if (!parsed || parsed.fragment !== '') throw fail('invalidtitle', req.params.title);
      const taskType = req.query.tasktype ?? 'image-recommendation';
      const settings = await tasks.settings(wiki.info.id);
      if (!settings.enabled) throw fail('moduledisabled', 'growthimagesuggestiondata');
      if (!tasks.imageTasksConfigured(wiki.info)) throw fail('not-in-config', taskType);
      const page = await core.store.pages.getByTitle(wiki.info.id, parsed.namespace, parsed.dbKey);
      if (!page) throw fail('missingtitle');
      const result = await tasks.imageRecommendation(
        wiki,
        { id: page.id, namespace: page.namespace, title: page.title },
        taskType,
        readerLanguage(req.query.uselang, wiki.info.lang),
      );
      if (result.ok) return result.recommendation;
      if (result.none) throw fail('growthexperiments-no-recommendation-found', parsed.prefixedText, taskType);
      throw result.errors[0]!;
    },
  );

  app.get<{ Params: { wiki: string }; Querystring: { uselang?: string } }>(
    '/tasks/v0/rejection-reasons/:wiki',
    {
      schema: { ...wikiInReaderLanguage('labels'), response: { 200: reasonsSchema } },
      config: { errorFormat: 'problem', openapi: rejectionReasonsDoc },
    },
    async (req) => {
      const wiki = await core.wikis.load(req.params.wiki);
      const lang = readerLanguage(req.query.uselang, wiki.info.lang);
      const labels = await readWikiMessages(
        core.store,
        wiki.info,
        REJECTION_REASONS.map(reasonLabelKey),
        lang,
      );
      return {
        lang,
        reasons: REJECTION_REASONS.map((id) => ({
          id,
          label: labels.get(reasonLabelKey(id))?.text ?? id,
          undecided: UNDECIDED_REASONS.includes(id),
          taskTypes: reasonTaskTypes(id),
        })),
      };
    },
  );

  app.get<{ Params: { wiki: string }; Querystring: { uselang?: string } }>(
    '/tasks/v0/topics/:wiki',
    {
      schema: { ...wikiInReaderLanguage('names'), response: { 200: topicsSchema } },
      config: { errorFormat: 'problem', openapi: topicsDoc },
    },
    async (req) => {
      const wiki = await core.wikis.load(req.params.wiki);
      const lang = readerLanguage(req.query.uselang, wiki.info.lang);
      if (!(await tasks.settings(wiki.info.id)).enabled) return { lang, groups: [] };
      const names = await readWikiMessages(
        core.store,
        wiki.info,
        [...TOPIC_GROUPS.map(topicGroupMessageKey), ...TOPIC_IDS.map(topicMessageKey)],
        lang,
      );
      return { lang, groups: namedTopicGroups((key) => names.get(key)?.text, lang) };
    },
  );

  app.get<{ Params: { wiki: string } }>(
    '/tasks/v0/task-types/:wiki',
    {
      schema: {
        params: {
          type: 'object',
          properties: { wiki: { type: 'string', description: 'wiki id, e.g. cswiki' } },
        },
        response: { 200: taskTypesSchema },
      },
      config: { errorFormat: 'problem', openapi: taskTypesDoc },
    },
    async (req) => {
      const wiki = await core.wikis.load(req.params.wiki);
      const settings = await tasks.settings(wiki.info.id);
      if (!settings.enabled) return { taskTypes: [] };
      const imageTasks = tasks.imageTasksConfigured(wiki.info);
      return {
        taskTypes: enabledTaskTypes(settings)
          .filter((id) => imageTasks || !isImageTaskType(id))
          .map((id) => {
            const type = settings.types[id] as {
              maxTasksPerDay?: number;
              minimumCaptionCharacterLength?: number;
            };
            return {
              id,
              difficulty: TASK_TYPES[id].difficulty,
              ...(TASK_TYPES[id].qualityGates.includes('dailyLimit') && type.maxTasksPerDay !== undefined
                ? { maxTasksPerDay: type.maxTasksPerDay }
                : {}),
              ...(type.minimumCaptionCharacterLength !== undefined
                ? { minimumCaptionCharacterLength: type.minimumCaptionCharacterLength }
                : {}),
            };
          }),
      };
    },
  );

  // The REST feedback route of GrowthExperiments (§5.5), at MediaWiki's REST path of each wiki.
  for (const [url, wikiOf] of [
    [FEEDBACK_PATH, () => core.config.defaultWiki],
    [`/:wiki${FEEDBACK_PATH}`, (p: { wiki?: string }) => p.wiki ?? core.config.defaultWiki],
  ] as const) {
    app.put<{ Params: { wiki?: string; title: string }; Body: FeedbackBody | undefined }>(
      url,
      {
        schema: {
          params: {
            type: 'object',
            properties: {
              ...(url.startsWith('/:wiki')
                ? { wiki: { type: 'string', description: 'wiki id, e.g. cswiki' } }
                : {}),
              title: { type: 'string', description: 'the article the image was suggested for' },
            },
          },
          body: feedbackBodySchema,
          response: { 200: feedbackResultSchema },
        },
        config: { errorFormat: 'problem', openapi: feedbackDoc(url.startsWith('/:wiki')) },
      },
      async (req) => {
        const wiki = await core.wikis.load(wikiOf(req.params));
        const actor = await restActor(core, req, wiki.info.id);
        const body = req.body ?? {};
        await requireWriter(core, actor, body.token);
        const parsed = tryParseTitle(req.params.title, wiki.namespaces);
        if (!parsed || parsed.fragment !== '') throw fail('invalidtitle', req.params.title);
        const page = await core.store.pages.getByTitle(wiki.info.id, parsed.namespace, parsed.dbKey);
        if (!page) throw fail('rest-nonexistent-title', parsed.prefixedText);
        const editRevId = body.editRevId ?? null;
        if (body.accepted === true && editRevId === null)
          throw fail('growthexperiments-addimage-feedback-accepted-editrevid');
        if (body.accepted === false && editRevId !== null)
          throw fail('growthexperiments-addimage-feedback-rejected-editrevid');
        if (body.accepted === true && (body.caption ?? '') === '')
          throw fail('growthexperiments-addimage-feedback-accepted-caption');
        if (editRevId !== null) {
          const rev = await core.store.revisions.get(wiki.info.id, editRevId);
          if (!rev) throw fail('growthexperiments-addimage-feedback-revid-nonexistent', editRevId);
          if (rev.pageId !== page.id)
            throw fail(
              'growthexperiments-addimage-feedback-invalid-revid-wrong-page',
              editRevId,
              parsed.prefixedText,
            );
        }
        const section = (body.sectionTitle ?? null) !== null || (body.sectionNumber ?? null) !== null;
        const taskType: ImageTaskType = section ? 'section-image-recommendation' : 'image-recommendation';
        const checked = await tasks.imageFeedback.check(wiki, actor, taskType, {
          filename: body.filename,
          accepted: body.accepted,
          reasons: body.reasons ?? [],
          caption: body.caption ?? '',
          sectionTitle: body.sectionTitle ?? null,
          sectionNumber: body.sectionNumber ?? null,
        });
        const uri = `${core.config.server}${wiki.info.id === core.config.defaultWiki ? '' : `/${wiki.info.id}`}/wiki/${encodeTitleForUrl(parsed.prefixedText)}`;
        const outcome = await core.store.transaction(() =>
          tasks.imageFeedback.record(wiki, actor, page, uri, checked, editRevId),
        );
        return { success: true, logId: outcome.logId, warnings: outcome.warnings };
      },
    );
  }
}

const nullable = (type: string) => ({ type: [type, 'null'] });

/** The path and query of a wiki's route answered in the reader's language (`what` it names). */
const wikiInReaderLanguage = (what: string) => ({
  params: {
    type: 'object',
    properties: { wiki: { type: 'string', description: 'wiki id, e.g. cswiki' } },
  },
  querystring: {
    type: 'object',
    properties: { uselang: { type: 'string', description: `language of the ${what} (en, de, cs, ar)` } },
  },
});

const imageSchema = {
  type: 'object',
  properties: {
    image: { type: 'string', description: 'file name, DB-key form, no namespace' },
    displayFilename: { type: 'string', description: 'file name with spaces' },
    source: {
      type: 'string',
      enum: [
        'wikidata',
        'wikipedia',
        'commons',
        'wikidata-section-topics',
        'wikidata-section-alignment',
        'wikidata-section-intersection',
      ],
      description: 'why the image is suggested',
    },
    projects: { type: 'array', items: { type: 'string' }, description: 'wikis using the image' },
    metadata: {
      type: 'object',
      properties: {
        descriptionUrl: { type: 'string' },
        thumbUrl: { type: 'string', description: '120 pixels wide (the original when narrower)' },
        fullUrl: { type: 'string' },
        originalWidth: { type: 'integer' },
        originalHeight: { type: 'integer' },
        mustRender: { type: 'boolean' },
        isVectorized: { type: 'boolean' },
        mediaType: { type: 'string' },
        description: { ...nullable('string'), description: 'HTML' },
        author: { ...nullable('string'), description: 'HTML' },
        license: { ...nullable('string'), description: 'short name, HTML' },
        date: { type: 'string', description: 'upload time, YYYY-MM-DD hh:mm:ss UTC' },
        caption: nullable('string'),
        categories: { type: 'array', items: { type: 'string' }, description: 'non-hidden, unprefixed' },
        reason: { type: 'string', description: 'why the image is suggested, in the reader language' },
        contentLanguageName: { type: 'string' },
      },
      additionalProperties: true,
    },
    sectionNumber: { ...nullable('integer'), description: '1-based among level-2 sections' },
    sectionTitle: { ...nullable('string'), description: "the section heading's wikitext" },
  },
};

const recommendationSchema = {
  description: 'the image recommendation (ImageRecommendation::toArray)',
  type: 'object',
  properties: {
    titleNamespace: { type: 'integer' },
    titleText: { type: 'string' },
    images: { type: 'array', items: imageSchema },
    datasetId: { type: 'string' },
  },
  required: ['titleNamespace', 'titleText', 'images', 'datasetId'],
};

const reasonsSchema = {
  description: 'the rejection reasons, in the order a client lists them',
  type: 'object',
  properties: {
    lang: { type: 'string', description: 'the language of the labels' },
    reasons: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', description: 'the value of `reasons` in a submission' },
          label: { type: 'string' },
          undecided: {
            type: 'boolean',
            description: 'the newcomer could not judge the image: a rejection with only these keeps the task',
          },
          taskTypes: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
  required: ['lang', 'reasons'],
};

const problems = {
  '400': { description: 'a malformed title or parameter', contentType: 'application/problem+json' },
  '404': { description: 'no such wiki, page or suggestion', contentType: 'application/problem+json' },
};

/** The examples run against the app that test/http/rest/openapi-examples.test.ts sets up. */
const imageSuggestionDoc: RouteDoc = {
  summary:
    'The image suggested for an article (or one of its sections), with the file metadata and the reason',
  tags: ['suggested edits'],
  responses: {
    ...problems,
    '422': {
      description: 'the suggested file is too narrow or no image',
      contentType: 'application/problem+json',
    },
  },
  'x-amples': [
    {
      title: 'a suggestion for the article',
      request: {
        params: { wiki: 'enwiki', title: 'Example_article' },
        query: { tasktype: 'image-recommendation', uselang: 'de' },
      },
      response: json(200, {
        titleNamespace: 0,
        titleText: 'Example article',
        images: [
          {
            image: 'Example.jpg',
            displayFilename: 'Example.jpg',
            source: 'wikipedia',
            projects: ['dewiki'],
            metadata: {
              descriptionUrl: '/File:Example.jpg$/',
              thumbUrl: '/.+/',
              fullUrl: '/Example.jpg$/',
              originalWidth: 400,
              originalHeight: 300,
              mustRender: false,
              isVectorized: false,
              mediaType: 'BITMAP',
              categories: ['Pictures'],
              reason: '/Deutsch/',
              contentLanguageName: 'Englisch',
            },
            sectionNumber: null,
            sectionTitle: null,
          },
        ],
        datasetId: '/.+/',
      }),
    },
    {
      title: 'an article without a suggestion for a section',
      request: {
        params: { wiki: 'enwiki', title: 'Example_article' },
        query: { tasktype: 'section-image-recommendation' },
      },
      response: problem(404, 'growthexperiments-no-recommendation-found'),
    },
    {
      title: 'a page that does not exist',
      request: { params: { wiki: 'enwiki', title: 'No_such_page' } },
      response: problem(404, 'missingtitle'),
    },
    {
      title: 'a wiki this service does not serve',
      request: { params: { wiki: 'nosuchwiki', title: 'Example_article' } },
      response: problem(404, 'nosuchwiki'),
    },
    {
      title: 'a malformed title',
      request: { params: { wiki: 'enwiki', title: 'A|B' } },
      response: problem(400, 'invalidtitle'),
    },
  ],
};

const taskTypesSchema = {
  description: 'the task types the wiki offers, in configuration order, with the settings a client needs',
  type: 'object',
  properties: {
    taskTypes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', description: 'the value of `tasktypes` in list=growthtasks' },
          difficulty: { type: 'string', enum: ['easy', 'medium', 'hard'] },
          maxTasksPerDay: {
            type: 'integer',
            description: 'types with a daily limit: how many a user may do in a day (their local day)',
          },
          minimumCaptionCharacterLength: {
            type: 'integer',
            description: 'image types: the shortest caption an accepted image may have, in characters',
          },
        },
        required: ['id', 'difficulty'],
      },
    },
  },
  required: ['taskTypes'],
};

const topicsSchema = {
  description: 'the topics of the task feed, by group, in the order a client lists them',
  type: 'object',
  properties: {
    lang: { type: 'string', description: 'the language of the names' },
    groups: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', enum: [...TOPIC_GROUPS] },
          label: { type: 'string' },
          topics: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string', description: 'the value of `topics` in list=growthtasks' },
                label: { type: 'string' },
              },
              required: ['id', 'label'],
            },
          },
        },
        required: ['id', 'label', 'topics'],
      },
    },
  },
  required: ['lang', 'groups'],
};

const topicsDoc: RouteDoc = {
  summary: 'The topics the task feed filters by, by group, named in the reader language',
  tags: ['suggested edits'],
  responses: { '404': { description: 'no such wiki', contentType: 'application/problem+json' } },
  'x-amples': [
    {
      title: 'the topics in German',
      request: { params: { wiki: 'enwiki' }, query: { uselang: 'de' } },
      response: json(200, {
        lang: 'de',
        groups: TOPIC_GROUPS.map((id) => ({ id, label: '/.+/' })),
      }),
    },
    {
      title: 'a wiki this service does not serve',
      request: { params: { wiki: 'nosuchwiki' } },
      response: problem(404, 'nosuchwiki'),
    },
  ],
};

/**
 * The client configuration GrowthExperiments' suggested-edits module gets with its code (the
 * task types' JSON): which types the wiki offers, their difficulty and limits.
 */
const taskTypesDoc: RouteDoc = {
  summary: 'The task types a wiki offers, with their difficulty, daily limit and caption minimum',
  tags: ['suggested edits'],
  responses: { '404': { description: 'no such wiki', contentType: 'application/problem+json' } },
  'x-amples': [
    {
      title: 'the task types of a wiki',
      request: { params: { wiki: 'enwiki' } },
      response: json(200, {
        taskTypes: [
          { id: 'copyedit', difficulty: 'easy' },
          { id: 'links', difficulty: 'easy' },
          { id: 'references', difficulty: 'medium' },
          { id: 'update', difficulty: 'medium' },
          { id: 'expand', difficulty: 'hard' },
          {
            id: 'image-recommendation',
            difficulty: 'medium',
            maxTasksPerDay: 25,
            minimumCaptionCharacterLength: 5,
          },
          {
            id: 'section-image-recommendation',
            difficulty: 'medium',
            maxTasksPerDay: 25,
            minimumCaptionCharacterLength: 5,
          },
        ],
      }),
    },
    {
      title: 'a wiki this service does not serve',
      request: { params: { wiki: 'nosuchwiki' } },
      response: problem(404, 'nosuchwiki'),
    },
  ],
};

const rejectionReasonsDoc: RouteDoc = {
  summary: 'The reasons a newcomer may give for rejecting a suggested image, labelled in their language',
  tags: ['suggested edits'],
  responses: { '404': { description: 'no such wiki', contentType: 'application/problem+json' } },
  'x-amples': [
    {
      title: 'the reasons in Czech',
      request: { params: { wiki: 'enwiki' }, query: { uselang: 'cs' } },
      response: json(200, {
        lang: 'cs',
        reasons: REJECTION_REASONS.map((id) => ({
          id,
          label: '/.+/',
          undecided: UNDECIDED_REASONS.includes(id),
          taskTypes: reasonTaskTypes(id),
        })),
      }),
    },
    {
      title: "the reasons in the wiki's language",
      request: { params: { wiki: 'enwiki' } },
      response: json(200, { lang: 'en', reasons: REJECTION_REASONS.map((id) => ({ id, label: '/.+/' })) }),
    },
    {
      title: 'a wiki this service does not serve',
      request: { params: { wiki: 'nosuchwiki' } },
      response: problem(404, 'nosuchwiki'),
    },
  ],
};

/** The feedback route's document: an anonymous call is refused (the examples run without a session). */
function feedbackDoc(perWiki: boolean): RouteDoc {
  return {
    summary:
      'Record what a newcomer made of a suggested image (accepted with its edit, or rejected with reasons)',
    description:
      'A named user with a CSRF token in the body. An accept names the edit that added the image (editRevId) and its caption; a rejection has no edit. Section tasks give sectionTitle and sectionNumber. Answers the log id and the warnings of the last task of the day.',
    tags: ['suggested edits'],
    responses: {
      '400': { description: 'a bad submission (catalogued code)', contentType: 'application/problem+json' },
      '401': { description: 'not logged in', contentType: 'application/problem+json' },
      '404': { description: 'no such page or wiki', contentType: 'application/problem+json' },
      '429': { description: 'the daily limit is reached', contentType: 'application/problem+json' },
    },
    'x-amples': [
      {
        title: 'an anonymous submission is refused',
        request: { params: { ...(perWiki ? { wiki: 'enwiki' } : {}), title: 'Example_article' } },
        response: {
          status: 401,
          headers: { 'content-type': 'application/problem+json' },
          body: {
            status: 401,
            type: 'rest-permission-denied-anon',
            title: '/.+/',
            detail: '/.+/',
            method: 'PUT',
            uri: '/.+/',
          },
        },
      },
    ],
  };
}
