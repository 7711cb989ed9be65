import { toIsoTimestamp, toMwTimestamp } from '../../../domain/clock.ts';
import type { Page, Revision } from '../../../domain/wiki.ts';
import { fail, warning } from '../../../../errors.ts';
import {
  MAX_RESULT_BYTES,
  type ApiRequestContext,
  type ParamValues,
  type QueryModule,
  type QueryOutput,
  type QueryPageSet,
} from '../module.ts';
import { withContent } from '../result-format.ts';
import { formatCommentHtml } from './comment-html.ts';
import { parseContinue } from './continuation.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { formatTitle } from '../../../domain/titles.ts';
import { LIMIT_BIG2, standardLimit, userNameParam } from './param-values.ts';

/** MediaWiki's content-model → default serialization format. */
const contentFormats: Record<string, string> = {
  wikitext: 'text/x-wiki',
  javascript: 'text/javascript',
  css: 'text/css',
  json: 'application/json',
  text: 'text/plain',
  sanitizedcss: 'text/css',
  Scribunto: 'text/plain',
};

/** With content, at most this many revisions per request (ApiQueryRevisionsBase: 50, 500 for apihighlimits). */
const CONTENT_LIMIT = 50;
const CONTENT_LIMIT_HIGH = 500;

/** Parameters that switch prop=revisions into enumeration mode (single page only). */
const enumParams = ['limit', 'startid', 'endid', 'start', 'end', 'dir', 'user', 'excludeuser'] as const;

/**
 * prop=revisions (ApiQueryRevisions), three modes as in MediaWiki:
 * - revids= given: those revisions, by revision id; `rvcontinue` is the next revision id;
 * - enumeration (any of rvlimit/rvstart/rvend/rvstartid/rvendid/rvdir/rvuser/rvexcludeuser; one
 *   page only): the page's history; `rvcontinue` is `timestamp|revid` of the next revision;
 * - otherwise: the latest revision of every page, by page id; `rvcontinue` is the next page id
 *   (content is limited to 50 pages per request, 500 with apihighlimits).
 * With `rvslots` the content is under `slots.main` (`content`, or `*` in formatversion 1);
 * without it the legacy top-level form is used and a deprecation warning is added.
 */
export const revisionsModule: QueryModule = {
  name: 'revisions',
  kind: 'prop',
  prefix: 'rv',
  description: 'Get revision information.',
  params: {
    prop: {
      type: 'enum',
      multi: true,
      description: 'Which properties to get for each revision.',
      values: [
        'ids',
        'flags',
        'timestamp',
        'user',
        'userid',
        'size',
        'slotsize',
        'sha1',
        'slotsha1',
        'contentmodel',
        'comment',
        'parsedcomment',
        'content',
        'tags',
        'roles',
      ],
      default: 'ids|timestamp|flags|comment|user',
    },
    slots: {
      type: 'enum',
      multi: true,
      values: ['main', '*'],
      description: 'Which revision slots to return data for.',
    },
    limit: standardLimit('Limit how many revisions will be returned.', null),
    startid: { type: 'integer', description: "Start enumeration from this revision's timestamp." },
    endid: { type: 'integer', description: "Stop enumeration at this revision's timestamp." },
    start: { type: 'timestamp', description: 'From which revision timestamp to start enumeration.' },
    end: { type: 'timestamp', description: 'Enumerate up to this timestamp.' },
    dir: {
      type: 'enum',
      values: ['newer', 'older'],
      description: 'In which direction to enumerate (default older).',
    },
    user: { type: 'user', description: 'Only include revisions made by user.' },
    excludeuser: { type: 'user', description: 'Exclude revisions made by user.' },
    tag: { type: 'string', description: 'Only list revisions tagged with this tag.' },
    continue: { type: 'string', description: 'When more results are available, use this to continue.' },
  },
  async execute(ctx, params, pages, out) {
    const props = new Set((params.prop as string[] | undefined) ?? []);
    const slots = (params.slots as string[] | undefined) ?? [];
    const legacy = slots.length === 0;
    const wantsContent = props.has('content');
    if (
      legacy &&
      (wantsContent || props.has('contentmodel') || props.has('slotsize') || props.has('slotsha1'))
    ) {
      ctx.warn('revisions', warning('deprecation-revisions-legacy-slots'));
    }
    const render = { ctx, props, legacy };
    const isEnum = enumParams.some((p) => params[p] !== undefined && params[p] !== '');
    const revidMode = pages.revids.size > 0;
    if (isEnum && (revidMode || pages.pages.size > 1)) {
      throw fail(
        'invalidparammix',
        'rvlimit, rvstartid, rvendid, rvdir, rvstart, rvend (with more than one page)',
      );
    }
    const contentCap = ctx.actor.rights.has('apihighlimits') ? CONTENT_LIMIT_HIGH : CONTENT_LIMIT;

    if (revidMode) return byRevids(render, params, pages, out, wantsContent ? contentCap : LIMIT_BIG2);
    if (isEnum) {
      const only = [...pages.pages.values()][0];
      if (only) await enumerate(render, params, only.pageid, out, wantsContent ? contentCap : Infinity);
      return;
    }
    await latest(render, params, pages, out, wantsContent ? contentCap : LIMIT_BIG2);
  },
};

interface Render {
  ctx: ApiRequestContext;
  props: Set<string>;
  legacy: boolean;
}

/** The id an `rvcontinue` of the revids and latest-revision modes resumes at (0 without one). */
function continueFromId(params: ParamValues): number {
  const cont = params.continue as string | undefined;
  return cont === undefined ? 0 : (parseContinue(cont, ['int'])[0] as number);
}

async function byRevids(
  r: Render,
  params: ParamValues,
  pages: QueryPageSet,
  out: QueryOutput,
  cap: number,
): Promise<void> {
  const { ctx } = r;
  const from = continueFromId(params);
  const wanted = [...pages.revids.values()]
    .flat()
    .filter((id) => id >= from)
    .sort((a, b) => a - b);
  const pageRows = await pagesById(ctx, [...pages.revids.keys()]);
  const revs: Revision[] = [];
  for (const id of wanted) {
    if (revs.length >= cap) {
      out.setContinue('rvcontinue', id);
      break;
    }
    const rev = await ctx.services.store.revisions.get(ctx.wiki.id, id);
    if (rev) revs.push(rev);
  }
  await emit(r, revs, pageRows, out, (rev) => String(rev.id));
}

async function latest(
  r: Render,
  params: ParamValues,
  pages: QueryPageSet,
  out: QueryOutput,
  cap: number,
): Promise<void> {
  const { ctx } = r;
  const from = continueFromId(params);
  const ids = [...pages.pages.keys()].filter((id) => id >= from).sort((a, b) => a - b);
  const pageRows = await pagesById(ctx, ids);
  const revs: Revision[] = [];
  for (const id of ids) {
    const page = pageRows.get(id);
    if (!page) continue;
    if (revs.length >= cap) {
      out.setContinue('rvcontinue', id);
      break;
    }
    const rev = await ctx.services.store.revisions.get(ctx.wiki.id, page.latestRevId);
    if (rev) revs.push(rev);
  }
  await emit(r, revs, pageRows, out, (rev) => String(rev.pageId));
}

async function enumerate(
  r: Render,
  params: ParamValues,
  pageId: number,
  out: QueryOutput,
  cap: number,
): Promise<void> {
  const { ctx } = r;
  const wiki = ctx.wiki.id;
  const store = ctx.services.store;
  const dir = (params.dir as string | undefined) === 'newer' ? 'newer' : 'older';
  const older = dir === 'older';
  const requested = (params.limit as number | undefined) ?? 10;
  const limit = Math.min(requested, cap);
  if (cap < Infinity && params.limit !== undefined && requested > cap) {
    ctx.warn(
      'revisions',
      cap === CONTENT_LIMIT
        ? warning('limit-toolarge', 'rvlimit', cap)
        : warning('limit-toolarge-highlimits', 'rvlimit', cap),
    );
  }
  const start = params.start as number | undefined;
  const end = params.end as number | undefined;
  const startId = params.startid as number | undefined;
  const endId = params.endid as number | undefined;
  if (start !== undefined && startId !== undefined) throw fail('invalidparammix', 'rvstart, rvstartid');
  if (end !== undefined && endId !== undefined) throw fail('invalidparammix', 'rvend, rvendid');
  const user = userNameParam(params, 'user');
  const excludeUser = userNameParam(params, 'excludeuser');
  if (user !== undefined && excludeUser !== undefined) throw fail('invalidparammix', 'rvuser, rvexcludeuser');
  const tag = params.tag as string | undefined;
  const withText = r.props.has('content') || r.props.has('sha1');

  let endKey: [number, number] | undefined;
  if (endId !== undefined) {
    const endRev = await store.revisions.get(wiki, endId);
    if (!endRev || endRev.pageId !== pageId) throw fail('nosuchrevid', endId);
    endKey = [endRev.timestamp, endRev.id];
  }
  let position = startId;
  const cont = params.continue as string | undefined;
  if (cont !== undefined) {
    const [, id] = parseContinue(cont, ['string', 'int']) as [string, number];
    position = id;
  } else if (startId !== undefined) {
    const startRev = await store.revisions.get(wiki, startId);
    if (!startRev || startRev.pageId !== pageId) throw fail('nosuchrevid', startId);
  }

  /** Before `a` in enumeration order. */
  const beyond = (ts: number, id: number, bound: [number, number]): boolean =>
    older
      ? ts < bound[0] || (ts === bound[0] && id < bound[1])
      : ts > bound[0] || (ts === bound[0] && id > bound[1]);
  const tagsById = async (revs: Revision[]) =>
    tag === undefined
      ? undefined
      : store.changeTags.forRevisions(
          wiki,
          revs.map((x) => x.id),
        );

  const chosen: Revision[] = [];
  let next: Revision | undefined;
  const batchSize = 500;
  let skipId: number | undefined;
  scan: for (;;) {
    const batch = await store.revisions.listForPage(wiki, pageId, {
      dir,
      limit: batchSize,
      startId: position,
      withText,
    });
    const tags = await tagsById(batch);
    for (const rev of batch) {
      if (rev.id === skipId) continue;
      if (start !== undefined && (older ? rev.timestamp > start : rev.timestamp < start)) continue;
      if (end !== undefined && (older ? rev.timestamp < end : rev.timestamp > end)) break scan;
      if (endKey && beyond(rev.timestamp, rev.id, endKey)) break scan;
      if (user !== undefined && rev.userText !== user) continue;
      if (excludeUser !== undefined && rev.userText === excludeUser) continue;
      if (tags && !(tags.get(rev.id) ?? []).includes(tag as string)) continue;
      if (chosen.length === limit) {
        next = rev;
        break scan;
      }
      chosen.push(rev);
    }
    const last = batch[batch.length - 1];
    if (batch.length < batchSize || !last) break;
    position = last.id;
    skipId = last.id;
  }
  const page = await pagesById(ctx, [pageId]);
  const stoppedAt = await emit(r, chosen, page, out, (rev) => `${toMwTimestamp(rev.timestamp)}|${rev.id}`);
  if (!stoppedAt && next) out.setContinue('rvcontinue', `${toMwTimestamp(next.timestamp)}|${next.id}`);
}

async function pagesById(ctx: ApiRequestContext, ids: number[]): Promise<Map<number, Page>> {
  const rows = ids.length ? await ctx.services.store.pages.getManyByIds(ctx.wiki.id, ids) : [];
  return new Map(rows.map((p) => [p.id, p]));
}

/**
 * Appends the revisions to their pages; when the result is full, sets `rvcontinue` to the value of
 * the first revision left out and returns true. A revision larger than a whole result could never
 * be sent: it is given without its content (`textmissing`, and the `truncatedresult` warning), so
 * that every `rvcontinue` moves on.
 */
async function emit(
  r: Render,
  revs: Revision[],
  pages: Map<number, Page>,
  out: QueryOutput,
  continueValue: (rev: Revision) => string,
): Promise<boolean> {
  const tags = r.props.has('tags')
    ? await r.ctx.services.store.changeTags.forRevisions(
        r.ctx.wiki.id,
        revs.map((x) => x.id),
      )
    : new Map<number, string[]>();
  for (const rev of revs) {
    const item = renderRevision(r, rev, pages.get(rev.pageId), tags.get(rev.id) ?? []);
    if (out.appendPageList(rev.pageId, 'revisions', item)) continue;
    if (out.isLargerThanResult(item) && out.appendPageList(rev.pageId, 'revisions', withoutContent(item))) {
      r.ctx.warn('result', warning('truncatedresult', MAX_RESULT_BYTES));
      continue;
    }
    out.setContinue('rvcontinue', continueValue(rev));
    return true;
  }
  return false;
}

/** A rendered revision without its content, flagged `textmissing` where the content was. */
function withoutContent(item: Record<string, unknown>): Record<string, unknown> {
  const { content: _content, ...rest } = item;
  const slots = item.slots as { main: Record<string, unknown> } | undefined;
  if (slots === undefined) return { ...rest, textmissing: true };
  const { content: _slotContent, ...slot } = slots.main;
  return { ...rest, slots: { main: { ...slot, textmissing: true } } };
}

function renderRevision(
  r: Render,
  rev: Revision,
  page: Page | undefined,
  tags: string[],
): Record<string, unknown> {
  const { props, legacy, ctx } = r;
  const model = page?.contentModel ?? 'wikitext';
  const format = contentFormats[model] ?? 'text/plain';
  const item: Record<string, unknown> = {};
  if (props.has('ids')) {
    item.revid = rev.id;
    item.parentid = rev.parentId ?? 0;
  }
  if (props.has('flags')) item.minor = rev.minor;
  if (props.has('user')) {
    item.user = rev.userText;
    if (rev.userId === 0) item.anon = true;
  }
  if (props.has('userid')) item.userid = rev.userId;
  if (props.has('timestamp')) item.timestamp = toIsoTimestamp(rev.timestamp);
  if (props.has('size')) item.size = rev.len;
  if (props.has('sha1')) item.sha1 = rev.sha1;
  if (legacy) {
    if (props.has('contentmodel')) item.contentmodel = model;
    if (props.has('content')) {
      item.contentformat = format;
      item.contentmodel = model;
      item.content = rev.text;
      withContent(item, 'content');
    }
  } else {
    if (props.has('roles')) item.roles = ['main'];
    const slot: Record<string, unknown> = {};
    if (props.has('slotsize')) slot.size = rev.len;
    if (props.has('slotsha1')) slot.sha1 = rev.sha1;
    if (props.has('contentmodel') || props.has('content')) slot.contentmodel = model;
    if (props.has('content')) {
      slot.contentformat = format;
      slot.content = rev.text;
      withContent(slot, 'content');
    }
    if (Object.keys(slot).length > 0) item.slots = { main: slot };
  }
  if (props.has('comment')) item.comment = rev.comment;
  if (props.has('parsedcomment'))
    item.parsedcomment = formatCommentHtml(ctx, rev.comment, page ? titleOf(ctx, page) : undefined);
  if (props.has('tags')) item.tags = tags;
  return item;
}

function titleOf(ctx: ApiRequestContext, page: Page): string {
  return formatTitle(page.namespace, page.title, namespacesOf(ctx));
}
