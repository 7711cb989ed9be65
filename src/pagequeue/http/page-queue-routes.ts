import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CoreServices } from '../../core/core-services.ts';
import type { Actor } from '../../core/domain/actor.ts';
import {
  jsonResponse as json,
  problemResponse as problem,
  type RouteDoc,
} from '../../core/http/rest/openapi.ts';
import { requireWriter, restActor } from '../../core/http/rest/rest-actor.ts';
import { fail } from '../../errors.ts';
import { holderOf, type Holder } from '../domain/holder.ts';
import { parseContinue, parseLimit, DEFAULT_LIMIT, MAX_LIMIT } from '../domain/queue-cursor.ts';
import type { PageQueueService } from '../page-queue-service.ts';

/** The rate-limited action of a request that leases pages (config `rateLimits`). */
export const LEASE_RATE_LIMIT = 'pagequeue-lease';

interface QueueQuery {
  limit?: string;
  continue?: string;
  client?: string;
}

interface ChoiceBody {
  file?: unknown;
  caption?: unknown;
  summary?: unknown;
  token?: unknown;
  client?: unknown;
}

/**
 * The lead-image page queue over REST (image-suggestions-and-page-queue.md §3):
 * `GET /page-queue` (the default wiki) and `GET /{wiki}/page-queue` answer `{"pages": [...]}`
 * with a `continue` while more pages follow; `POST /{wiki}/page-queue/{id}/lead-image` saves a
 * candidate as the page's lead image; `POST /{wiki}/page-queue/{id}/skip` gives the page back.
 * Pages are leased to a logged-in user or to the client id an anonymous app sends
 * (`X-Client-Id` or `client`); errors are problem bodies.
 */
export async function registerPageQueueRoutes(
  app: FastifyInstance,
  core: CoreServices,
  service: PageQueueService,
): Promise<void> {
  const wikiOf = (params: { wiki?: string }) => params.wiki ?? core.config.defaultWiki;
  /** Who the request's pages are leased to, and the actor it comes from. */
  const requester = async (
    req: FastifyRequest,
    wiki: string,
    client: unknown,
  ): Promise<{ actor: Actor; holder: Holder | undefined }> => {
    const actor = await restActor(core, req, wiki);
    const header = req.headers['x-client-id'];
    const holder = holderOf(
      actor.isAnonymous ? undefined : actor.userId,
      typeof header === 'string' ? header : undefined,
      typeof client === 'string' ? client : undefined,
    );
    return { actor, holder };
  };

  for (const url of ['/page-queue', '/:wiki/page-queue']) {
    const perWiki = url.startsWith('/:wiki');
    app.get<{ Params: { wiki?: string }; Querystring: QueueQuery }>(
      url,
      {
        schema: {
          ...(perWiki ? { params: wikiParams } : {}),
          querystring: queueQuerySchema,
          headers: {
            type: 'object',
            properties: {
              'x-client-id': {
                type: 'string',
                description: 'an anonymous app’s client id (leases pages to it)',
              },
            },
          },
          response: { 200: queueSchema },
        },
        config: { errorFormat: 'problem', openapi: queueDoc(perWiki) },
      },
      async (req) => {
        const wiki = (await core.wikis.load(wikiOf(req.params))).info.id;
        const limit = parseLimit(req.query.limit);
        const after = req.query.continue === undefined ? undefined : parseContinue(req.query.continue);
        const { actor, holder } = await requester(req, wiki, req.query.client);
        if (holder !== undefined) await core.rateLimiter.limit(actor, LEASE_RATE_LIMIT);
        return service.next(wiki, { limit, after, holder, address: actor.ip });
      },
    );
  }

  for (const base of ['/page-queue/:id', '/:wiki/page-queue/:id']) {
    const perWiki = base.startsWith('/:wiki');
    app.post<{ Params: { wiki?: string; id: string }; Body: ChoiceBody | undefined }>(
      `${base}/lead-image`,
      {
        schema: {
          params: pageParams(perWiki),
          body: choiceBodySchema,
          response: { 200: choiceResultSchema },
        },
        config: { errorFormat: 'problem', openapi: choiceDoc(perWiki) },
      },
      async (req) => {
        const wiki = (await core.wikis.load(wikiOf(req.params))).info.id;
        const pageId = pageIdParam(req.params.id);
        const body = req.body ?? {};
        const { actor, holder } = await requester(req, wiki, body.client);
        await requireWriter(core, actor, body.token);
        // The edit it makes counts against the edit rate limit, as action=edit's would.
        await core.rateLimiter.limit(actor, 'edit');
        if (typeof body.file !== 'string' || body.file.trim() === '') throw fail('missingparam', 'file');
        const caption = optionalText(body.caption, 'caption');
        const summary = optionalText(body.summary, 'summary');
        // An app that leased the page under its client id and logged in to save keeps its lease.
        const header = req.headers['x-client-id'];
        const asApp = holderOf(
          undefined,
          typeof header === 'string' ? header : undefined,
          typeof body.client === 'string' ? body.client : undefined,
        );
        const saved = await service.chooseLeadImage(actor, wiki, pageId, {
          file: body.file,
          ...(caption === undefined ? {} : { caption }),
          ...(summary === undefined ? {} : { summary }),
          holders: [holder, asApp].filter((h): h is Holder => h !== undefined),
        });
        return { result: 'Success', pageid: pageId, newrevid: saved.newrevid };
      },
    );
    app.post<{ Params: { wiki?: string; id: string }; Body: ChoiceBody | undefined }>(
      `${base}/skip`,
      {
        schema: { params: pageParams(perWiki), body: skipBodySchema, response: { 200: skipResultSchema } },
        config: { errorFormat: 'problem', openapi: skipDoc(perWiki) },
      },
      async (req) => {
        const wiki = (await core.wikis.load(wikiOf(req.params))).info.id;
        const pageId = pageIdParam(req.params.id);
        const body = req.body ?? {};
        const { actor, holder } = await requester(req, wiki, body.client);
        // A session's skip is a write on its behalf: the session's token, as for any write.
        if (!actor.isAnonymous) await requireWriter(core, actor, body.token);
        if (holder === undefined) throw fail('pagequeue-noholder');
        await core.rateLimiter.limit(actor, LEASE_RATE_LIMIT);
        await service.skip(wiki, pageId, holder);
        return { result: 'Success', pageid: pageId };
      },
    );
  }
}

function pageIdParam(raw: string): number {
  if (!/^[1-9][0-9]{0,15}$/.test(raw) || !Number.isSafeInteger(Number(raw)))
    throw fail('badinteger', 'id', raw);
  return Number(raw);
}

function optionalText(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw fail('badvalue', name, JSON.stringify(value));
  return value;
}

const wikiParams = {
  type: 'object',
  properties: { wiki: { type: 'string', description: 'wiki id, e.g. cswiki' } },
};

const pageParams = (perWiki: boolean) => ({
  type: 'object',
  properties: {
    ...(perWiki ? wikiParams.properties : {}),
    id: { type: 'string', description: 'the page id of a queued page' },
  },
});

const queueQuerySchema = {
  type: 'object',
  properties: {
    limit: { type: 'string', description: `pages to return, 1–${MAX_LIMIT} (default ${DEFAULT_LIMIT})` },
    continue: { type: 'string', description: 'where to go on: the `continue` of the previous response' },
    client: { type: 'string', description: 'an anonymous app’s client id, as the X-Client-Id header' },
  },
};

const representationSchema = {
  type: 'object',
  description: 'the preferred (medium) rendition',
  properties: {
    mediatype: { type: 'string' },
    width: { type: 'integer' },
    height: { type: 'integer' },
    size: { type: ['integer', 'null'], description: 'bytes; null for a scaled rendition' },
    url: { type: 'string' },
  },
  required: ['mediatype', 'width', 'height', 'size', 'url'],
};

const fileSchema = {
  type: 'object',
  properties: {
    title: { type: 'string', description: 'file name, without namespace' },
    license: { type: 'string', description: 'licence short name ("CC BY-SA 4.0"); empty when unknown' },
    preferred: representationSchema,
  },
  required: ['title', 'license', 'preferred'],
};

const queueSchema = {
  type: 'object',
  properties: {
    pages: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          title: { type: 'string', description: 'title as text, with namespace' },
          key: { type: 'string', description: 'title in DB-key form, with namespace' },
          lead_image_candidates: { type: 'array', minItems: 1, items: fileSchema },
        },
        required: ['id', 'title', 'key', 'lead_image_candidates'],
      },
    },
    continue: { type: 'string', description: 'present while more pages follow' },
  },
  required: ['pages'],
};

const choiceBodySchema = {
  type: ['object', 'null'],
  properties: {
    file: { type: 'string', description: 'one of the page’s candidates (with or without namespace)' },
    caption: {
      type: 'string',
      maxLength: 1000,
      description: 'the image’s caption, plain text (none: a thumbnail without one)',
    },
    summary: { type: 'string', maxLength: 500, description: 'the edit summary' },
    token: { type: 'string', description: 'a CSRF token (action=query&meta=tokens)' },
    client: { type: 'string', description: 'the client id the page was leased to before logging in, if any' },
  },
};

const skipBodySchema = {
  type: ['object', 'null'],
  properties: {
    token: { type: 'string', description: 'a CSRF token, for a logged-in user' },
    client: { type: 'string', description: 'an anonymous app’s client id (or the X-Client-Id header)' },
  },
};

const choiceResultSchema = {
  type: 'object',
  properties: { result: { type: 'string' }, pageid: { type: 'integer' }, newrevid: { type: 'integer' } },
};
const skipResultSchema = {
  type: 'object',
  properties: { result: { type: 'string' }, pageid: { type: 'integer' } },
};

/** An example value that is a positive integer. */
const POSITIVE = '/^[1-9][0-9]*$/';

/** The page the examples show queued: test/http/rest/openapi-examples.test.ts queues it. */
export const EXAMPLE_QUEUE_WIKI = 'enwiki';

function queueDoc(perWiki: boolean): RouteDoc {
  const params = perWiki ? { wiki: EXAMPLE_QUEUE_WIKI } : undefined;
  return {
    summary: perWiki
      ? 'The articles of a wiki that need a lead image, most important first, with their candidates'
      : 'The articles of the default wiki that need a lead image, most important first, with their candidates',
    description:
      'Leases the pages returned to a logged-in user, or to an anonymous app that sends a client id, for the wiki’s lease time (pagequeue.leaseMinutes, 5 by default): no one else gets them meanwhile. Follow `continue` to go through the whole queue.',
    tags: ['page queue'],
    'x-amples': [
      {
        title: 'the first page of the queue',
        request: { ...(params ? { params } : {}), query: { limit: '1' } },
        response: json(200, {
          pages: [
            {
              id: POSITIVE,
              title: '/.+/',
              key: '/.+/',
              lead_image_candidates: [
                {
                  title: '/.+/',
                  license: '/.*/',
                  preferred: { mediatype: 'BITMAP', width: POSITIVE, height: POSITIVE, url: '/.+/' },
                },
              ],
            },
          ],
        }),
      },
      {
        title: 'a limit out of range',
        request: { ...(params ? { params } : {}), query: { limit: '500' } },
        response: problem(400, 'pagequeue-badlimit'),
      },
      {
        title: 'a continue value no response gave',
        request: { ...(params ? { params } : {}), query: { continue: 'next' } },
        response: problem(400, 'pagequeue-badcontinue'),
      },
      ...(perWiki
        ? [
            {
              title: 'a wiki this service does not serve',
              request: { params: { wiki: 'nosuchwiki' } },
              response: problem(404, 'nosuchwiki'),
            },
          ]
        : []),
    ],
  };
}

function choiceDoc(perWiki: boolean): RouteDoc {
  return {
    summary:
      'Saves one of a queued page’s candidates as its lead image (an edit) and takes the page out of the queue',
    tags: ['page queue'],
    'x-amples': [
      {
        title: 'an anonymous request',
        request: { params: { ...(perWiki ? { wiki: EXAMPLE_QUEUE_WIKI } : {}), id: '1' } },
        response: {
          ...problem(401, 'rest-permission-denied-anon'),
          body: postProblem(401, 'rest-permission-denied-anon'),
        },
      },
    ],
  };
}

function skipDoc(perWiki: boolean): RouteDoc {
  return {
    summary:
      'Gives a queued page back: the lease ends and the page is not offered to the requester again for a day',
    tags: ['page queue'],
    'x-amples': [
      {
        title: 'a skip by no one (no session, no client id)',
        request: { params: { ...(perWiki ? { wiki: EXAMPLE_QUEUE_WIKI } : {}), id: '1' } },
        response: { ...problem(400, 'pagequeue-noholder'), body: postProblem(400, 'pagequeue-noholder') },
      },
    ],
  };
}

const postProblem = (status: number, type: string) => ({
  status,
  type,
  title: '/.+/',
  detail: '/.+/',
  method: 'POST',
  uri: '/.+/',
});
