import type { FastifyInstance } from 'fastify';
import {
  jsonResponse as json,
  problemResponse as problem,
  type RouteDoc,
  type RouteExample,
} from '../../core/http/rest/openapi.ts';
import { fail } from '../../errors.ts';
import { isWikiId, parsePageId } from '../domain/image-suggestion.ts';
import type { SuggestionsService } from '../suggestions-service.ts';

/**
 * The data gateway's reads (image-suggestions-and-page-queue.md §1), answering `{"rows": [...]}`
 * with the gateway's field names: under `/public/image_suggestions/…`, and under the reference's
 * `/private/image_suggestions/…` paths as aliases, so GrowthExperiments' production adapter works
 * unchanged. An unknown page has no rows (200); an unknown wiki is `nosuchwiki` (404), a wiki id
 * that cannot be one `invalid-wiki-id` (400), a page id that is not a positive integer
 * `badinteger` (400), a title that is not one `invalidtitle` (400), all as problem bodies.
 */
export async function registerImageSuggestionRoutes(
  app: FastifyInstance,
  service: SuggestionsService,
): Promise<void> {
  const byPage = (
    table: string,
    summary: string,
    rowSchema: Record<string, unknown>,
    example: Record<string, unknown>,
    read: (wiki: string, pageId: number) => Promise<unknown[]>,
  ) => {
    for (const prefix of ['/public', '/private'])
      app.get<{ Params: { wiki: string; page_id: string } }>(
        `${prefix}/image_suggestions/${table}/:wiki/:page_id`,
        {
          schema: { params: pageParams, response: { 200: rowsOf(rowSchema) } },
          config: {
            errorFormat: 'problem',
            openapi: doc(prefix, summary, { wiki: 'enwiki', page_id: '1' }, example),
          },
        },
        async (req) => {
          const wiki = wikiParam(req.params.wiki);
          const pageId = parsePageId(req.params.page_id);
          if (pageId === undefined) throw fail('badinteger', 'page_id', req.params.page_id);
          return { rows: await read(wiki, pageId) };
        },
      );
  };
  byPage(
    'suggestions',
    "The suggested images of a page: its newest dataset's rows, by confidence descending",
    suggestionSchema,
    exampleSuggestion,
    (w, p) => service.suggestions(w, p),
  );
  byPage(
    'feedback',
    'What users said of the suggestions of a page (accepted, rejected and why)',
    feedbackSchema,
    exampleFeedback,
    (w, p) => service.feedback(w, p),
  );
  byPage(
    'instanceof_cache',
    "The Wikidata classes (P31) of a page's item, as the generator saw them",
    instanceOfSchema,
    exampleInstanceOf,
    (w, p) => service.instanceOf(w, p),
  );
  for (const prefix of ['/public', '/private'])
    app.get<{ Params: { wiki: string; title: string } }>(
      `${prefix}/image_suggestions/title_cache/:wiki/:title`,
      {
        schema: { params: titleParams, response: { 200: rowsOf(titleSchema) } },
        config: {
          errorFormat: 'problem',
          openapi: doc(
            prefix,
            'The page id and revision of a title (DB-key form), a convenience that is never the source of truth',
            { wiki: 'enwiki', title: 'Example_article' },
            exampleTitle,
          ),
        },
      },
      async (req) => ({ rows: await service.titleCache(wikiParam(req.params.wiki), req.params.title) }),
    );
}

function wikiParam(wiki: string): string {
  if (!isWikiId(wiki)) throw fail('invalid-wiki-id', wiki);
  return wiki;
}

const nullable = (type: string) => ({ type: [type, 'null'] });
const stringList = { type: 'array', items: { type: 'string' } };

const pageParams = {
  type: 'object',
  properties: {
    wiki: { type: 'string', description: 'wiki id, e.g. cswiki' },
    page_id: { type: 'string', description: 'page id (a positive integer)' },
  },
};
const titleParams = {
  type: 'object',
  properties: {
    wiki: { type: 'string', description: 'wiki id, e.g. cswiki' },
    title: { type: 'string', description: 'page title in DB-key form (underscores)' },
  },
};

const suggestionSchema = {
  type: 'object',
  properties: {
    wiki: { type: 'string' },
    page_id: { type: 'integer' },
    id: { type: 'string', description: 'dataset: a time-based UUID, one per generator run' },
    image: { type: 'string', description: 'file name, DB-key form, no namespace' },
    origin_wiki: { type: 'string' },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    found_on: { type: ['array', 'null'], items: { type: 'string' } },
    kind: stringList,
    page_rev: nullable('integer'),
    section_heading: nullable('string'),
    section_index: nullable('integer'),
    page_qid: nullable('string'),
  },
  required: ['wiki', 'page_id', 'id', 'image', 'origin_wiki', 'confidence', 'found_on', 'kind'],
};
const feedbackSchema = {
  type: 'object',
  properties: {
    wiki: { type: 'string' },
    page_id: { type: 'integer' },
    filename: { type: 'string' },
    id: { type: 'string' },
    origin_wiki: { type: 'string' },
    user_id: { type: 'integer' },
    is_accepted: { type: 'boolean' },
    is_rejected: { type: 'boolean' },
    rejection_reasons: stringList,
  },
};
const titleSchema = {
  type: 'object',
  properties: {
    wiki: { type: 'string' },
    title: { type: 'string' },
    page_id: { type: 'integer' },
    page_rev: { type: 'integer' },
  },
};
const instanceOfSchema = {
  type: 'object',
  properties: {
    wiki: { type: 'string' },
    page_id: { type: 'integer' },
    page_rev: { type: 'integer' },
    instance_of: stringList,
  },
};
const rowsOf = (row: Record<string, unknown>) => ({
  description: 'the rows ([] for a page with none)',
  type: 'object',
  properties: { rows: { type: 'array', items: row } },
  required: ['rows'],
});

/**
 * The examples' rows: what test/http/rest/openapi-examples.test.ts stores before it runs them
 * (suggestionExamples), and the shapes the answers must have.
 */
export const exampleSuggestion = {
  wiki: 'enwiki',
  page_id: 1,
  id: '644c90bc-ba40-11ec-ba4c-f0d4e2e69820',
  image: 'Example.jpg',
  origin_wiki: 'commonswiki',
  confidence: 0.8,
  found_on: ['dewiki'],
  kind: ['istype-lead-image'],
  page_rev: 1,
  section_heading: null,
  section_index: null,
  page_qid: 'Q1',
};
export const exampleFeedback = {
  wiki: 'enwiki',
  page_id: 1,
  filename: 'Example.jpg',
  id: '0190a8b0-0000-7000-8000-000000000001',
  origin_wiki: 'commonswiki',
  user_id: 1,
  is_accepted: false,
  is_rejected: true,
  rejection_reasons: ['notrelevant'],
};
export const exampleTitle = { wiki: 'enwiki', title: 'Example_article', page_id: 1, page_rev: 1 };
export const exampleInstanceOf = { wiki: 'enwiki', page_id: 1, page_rev: 1, instance_of: ['Q5'] };

function doc(
  prefix: string,
  summary: string,
  params: Record<string, string>,
  row: Record<string, unknown>,
): RouteDoc {
  const examples: RouteExample[] = [
    { title: 'the stored rows', request: { params }, response: json(200, { rows: [row] }) },
    {
      title: 'a page with nothing stored',
      request: {
        params: { ...params, ...('page_id' in params ? { page_id: '999999' } : { title: 'No_such_page' }) },
      },
      response: json(200, { rows: [] }),
    },
    {
      title: 'a wiki this service does not serve',
      request: { params: { ...params, wiki: 'nosuchwiki' } },
      response: problem(404, 'nosuchwiki'),
    },
    {
      title: 'a malformed path',
      request: { params: { ...params, ...('page_id' in params ? { page_id: 'abc' } : { title: 'A|B' }) } },
      response: problem(400, 'page_id' in params ? 'badinteger' : 'invalidtitle'),
    },
  ];
  return {
    summary: prefix === '/private' ? `${summary} (the reference's path; same as /public)` : summary,
    tags: ['image suggestions'],
    responses: {
      '400': {
        description: 'a malformed wiki id, page id or title',
        contentType: 'application/problem+json',
      },
      '404': { description: 'no such wiki', contentType: 'application/problem+json' },
    },
    'x-amples': prefix === '/private' ? examples.slice(0, 1) : examples,
  };
}
