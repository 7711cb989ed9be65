import { createHash } from 'node:crypto';
import { formatTitle } from '../../../domain/titles.ts';
import { fail } from '../../../../errors.ts';
import { titleOrPageId } from '../action-targets.ts';
import type { EditParams } from '../../../../wiki-source/wiki-source.ts';
import { readPluginData, type EditPlugin, type PreparedEditPlugin } from '../edit-plugins.ts';
import { mergeThreeWay } from '../../../domain/three-way-merge.ts';
import type { ApiModule, ApiRequestContext } from '../module.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { deprecatedWatchParams, readWatchlistRequest, watchlistParams } from './watchlist-params.ts';

/**
 * action=edit (ApiEditPage) through the wiki's source. The API layer resolves `pageid`, `redirect`
 * and `undo`/`undoafter` into a title and a text (reading the source), checks `md5`, and hands the
 * rest to the source's `edit`, which checks rights, protection, blocks and edit conflicts (a stale `baserevid` or
 * `basetimestamp` whose change cannot be merged is `editconflict`).
 *
 * `plugins` with `data-<plugin>` (VisualEditor's save payload, edit-plugins.ts): each plugin checks
 * its data before the save (a bad one saves nothing) and records its part in the edit's
 * transaction, adding its fields to the result.
 */
export const createEditModule = (plugins: readonly EditPlugin[]): ApiModule => ({
  name: 'edit',
  description: 'Create and edit pages.',
  mustBePosted: true,
  needsToken: 'csrf',
  isWrite: true,
  rateLimit: 'edit',
  params: {
    title: { type: 'title', description: 'Title of the page to edit. Cannot be used together with pageid.' },
    pageid: {
      type: 'integer',
      description: 'Page ID of the page to edit. Cannot be used together with title.',
    },
    section: {
      type: 'string',
      description: 'Section identifier. 0 for the top section, new for a new section.',
    },
    sectiontitle: { type: 'string', description: 'The title for a new section when using section=new.' },
    text: { type: 'text', description: 'Page content.' },
    summary: { type: 'string', description: 'Edit summary.' },
    tags: { type: 'tags', multi: true, description: 'Change tags to apply to the revision.' },
    minor: { type: 'boolean', description: 'Mark this edit as a minor edit.' },
    notminor: { type: 'boolean', description: 'Do not mark this edit as a minor edit.' },
    bot: { type: 'boolean', description: 'Mark this edit as a bot edit (needs the bot right).' },
    baserevid: { type: 'integer', description: 'ID of the base revision, used to detect edit conflicts.' },
    basetimestamp: {
      type: 'timestamp',
      description: 'Timestamp of the base revision, used to detect edit conflicts.',
    },
    starttimestamp: {
      type: 'timestamp',
      description: 'Timestamp when the editing process began, used to detect edit conflicts.',
    },
    recreate: {
      type: 'boolean',
      description: 'Override any errors about the page having been deleted in the meantime.',
    },
    createonly: { type: 'boolean', description: "Don't edit the page if it exists already." },
    nocreate: { type: 'boolean', description: "Throw an error if the page doesn't exist." },
    ...deprecatedWatchParams,
    ...watchlistParams,
    md5: {
      type: 'string',
      description:
        'The MD5 hash of the text parameter, or the prependtext and appendtext parameters concatenated.',
    },
    prependtext: {
      type: 'text',
      description: 'Add this text to the beginning of the page or section. Overrides text.',
    },
    appendtext: {
      type: 'text',
      description: 'Add this text to the end of the page or section. Overrides text.',
    },
    undo: {
      type: 'integer',
      min: 0,
      description: 'Undo this revision. Overrides text, prependtext and appendtext.',
    },
    undoafter: { type: 'integer', min: 0, description: 'Undo all revisions from undo to this one.' },
    redirect: { type: 'boolean', description: 'Automatically resolve redirects.' },
    contentformat: {
      type: 'enum',
      values: ['text/x-wiki', 'text/javascript', 'application/json', 'text/css', 'text/plain'],
      description: 'Content serialization format used for the input text.',
    },
    contentmodel: {
      type: 'enum',
      values: ['wikitext', 'javascript', 'json', 'css', 'text'],
      description: 'Content model of the new content.',
    },
    returnto: { type: 'title', description: 'Accepted; there is no web interface to return to.' },
    returntoquery: { type: 'string', default: '', description: 'Accepted and ignored.' },
    returntoanchor: { type: 'string', default: '', description: 'Accepted and ignored.' },
    captchaword: { type: 'string', description: 'Answer to the CAPTCHA (there are none).' },
    captchaid: { type: 'string', description: 'CAPTCHA ID from previous request (there are none).' },
    plugins: {
      type: 'enum',
      multi: true,
      values: plugins.map((p) => p.name),
      description: 'Edit plugins taking part in this edit; each reads its JSON from data-<plugin>.',
    },
    ...Object.fromEntries(
      plugins.map((p) => [`data-${p.name}`, { type: 'text', description: `JSON data of ${p.description}` }]),
    ),
  },
  async execute(ctx, params) {
    const watching = readWatchlistRequest(ctx, params);
    let title = await titleOrPageId(ctx, params);
    if (params.redirect) title = await followRedirect(ctx, title);

    const edit: EditParams = {
      title,
      summary: params.summary as string | undefined,
      section: params.section as string | undefined,
      sectionTitle: params.sectiontitle as string | undefined,
      minor: params.minor === true && params.notminor !== true,
      bot: params.bot === true,
      createOnly: params.createonly === true,
      noCreate: params.nocreate === true,
      recreate: params.recreate === true,
      baseRevId: params.baserevid as number | undefined,
      baseTimestamp: params.basetimestamp as number | undefined,
      startTimestamp: params.starttimestamp as number | undefined,
      tags: (params.tags as string[] | undefined) ?? [],
    };
    if (params.text !== undefined) edit.text = params.text as string;
    const prepared: PreparedEditPlugin[] = [];
    for (const name of (params.plugins as string[] | undefined) ?? []) {
      const plugin = plugins.find((p) => p.name === name) as EditPlugin;
      prepared.push(await plugin.prepare(ctx, readPluginData(ctx, plugin), edit));
    }
    if (params.undo !== undefined) {
      const undone = await undoText(
        ctx,
        title,
        params.undo as number,
        params.undoafter as number | undefined,
      );
      edit.text = undone.text;
      edit.baseRevId = undone.baseRevId;
      edit.summary ??= undone.summary;
    } else if (params.appendtext !== undefined || params.prependtext !== undefined) {
      edit.appendText = params.appendtext as string | undefined;
      edit.prependText = params.prependtext as string | undefined;
      checkMd5(params.md5, `${edit.prependText ?? ''}${edit.appendText ?? ''}`);
    } else {
      if (edit.text === undefined)
        throw fail('missingparam-one-of', '"text", "appendtext", "prependtext", "undo"');
      // The client's text, not what a plugin made of it.
      if (params.text !== undefined) checkMd5(params.md5, params.text as string);
    }
    const added: Record<string, unknown> = {};
    const result = await ctx.services.wikiSources.for(ctx.wiki.id).edit(ctx.actor, edit, {
      afterSave: async (saved) => {
        for (const p of prepared) Object.assign(added, await p.afterSave(saved));
      },
    });
    await watching.apply(result.title, { existed: !('new' in result && result.new === true) });
    return { body: { ...result, ...added } };
  },
});

async function followRedirect(ctx: ApiRequestContext, title: string): Promise<string> {
  const current = await ctx.services.wikiSources.for(ctx.wiki.id).getPageText(title);
  if (!current?.page.isRedirect) return title;
  const { id } = current.page;
  const target = (await ctx.services.store.redirects.getMany(ctx.wiki.id, [id])).get(id);
  if (!target || target.interwiki !== '') return title;
  return formatTitle(target.namespace, target.title, namespacesOf(ctx));
}

function checkMd5(md5: unknown, text: string): void {
  if (typeof md5 !== 'string' || md5 === '') return;
  const actual = createHash('md5').update(text, 'utf8').digest('hex');
  if (actual !== md5.toLowerCase()) throw fail('badmd5');
}

/**
 * The text that undoes revisions undoafter+1 … undo (ApiEditPage with undo): the change from
 * `undoafter` (default: the parent of `undo`) to `undo` is taken back from the current text by a
 * three-way merge; overlapping later edits make it `undofailure`.
 */
async function undoText(
  ctx: ApiRequestContext,
  title: string,
  undo: number,
  undoAfter: number | undefined,
): Promise<{ text: string; baseRevId: number; summary: string }> {
  const source = ctx.services.wikiSources.for(ctx.wiki.id);
  const current = await source.getPageText(title);
  const undoRev = await source.getRevision(undo);
  if (!current || !undoRev || undoRev.pageId !== current.page.id) throw fail('nosuchrevid', undo);
  const afterId = undoAfter ?? undoRev.parentId ?? 0;
  const afterRev = afterId > 0 ? await source.getRevision(afterId) : undefined;
  if (afterId > 0 && (!afterRev || afterRev.pageId !== current.page.id)) throw fail('nosuchrevid', afterId);
  const merged = mergeThreeWay(undoRev.text, afterRev?.text ?? '', current.text);
  if (merged === null) throw fail('undofailure');
  const who = undoRev.userText;
  return {
    text: merged,
    baseRevId: current.page.latestRevId,
    summary: `Undo revision ${undo} by [[Special:Contributions/${who}|${who}]] ([[User talk:${who}|talk]])`,
  };
}
