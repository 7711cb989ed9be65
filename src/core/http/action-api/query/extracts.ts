import { fail, warning } from '../../../../errors.ts';
import { NS_FILE } from '../../../domain/namespaces.ts';
import { wikitextContextOf } from '../../../wikis/wikitext-context.ts';
import { resolveContext } from '../../../../wikitext/context.ts';
import { textExtract, type ExtractOptions } from '../../../../wikitext/extract.ts';
import type { QueryModule } from '../module.ts';
import { namespacesOf } from '../request-namespaces.ts';

/** Whole-page extracts are one a request; intro extracts up to 20 (TextExtracts' limits). */
const MAX_EXTRACTS = 20;

/**
 * prop=extracts (the TextExtracts extension's ApiQueryExtracts): an extract of each existing page's
 * latest text (wikitext/extract.ts), in the order of the page set. `exintro` keeps the lead,
 * `explaintext` gives plain text (headings per `exsectionformat`), otherwise paragraphs and
 * headings as simple HTML; `exchars` (1–1200, the word at the cut completed, then "…") or
 * `exsentences` (1–10) shorten it, never both (`invalidparammix`). Without `exintro` one page is
 * answered a request when several are asked (warning `textextracts-limit`), `excontinue` giving the
 * next; File pages get an empty extract (`textextracts-title-in-file-namespace`), as do pages
 * whose content is not wikitext (`textextracts-unsupportedmodel`).
 */
export const extractsModule: QueryModule = {
  name: 'extracts',
  kind: 'prop',
  prefix: 'ex',
  description: 'Returns plain-text or limited HTML extracts of the given pages.',
  params: {
    chars: {
      type: 'integer',
      min: 1,
      max: 1200,
      description: 'How many characters to return. Actual text returned might be slightly longer.',
    },
    sentences: { type: 'integer', min: 1, max: 10, description: 'How many sentences to return.' },
    limit: {
      type: 'limit',
      default: MAX_EXTRACTS,
      min: 1,
      max: MAX_EXTRACTS,
      highMax: MAX_EXTRACTS,
      description: 'How many extracts to return. (Multiple extracts can only be returned if exintro is set.)',
    },
    intro: { type: 'boolean', description: 'Return only content before the first section.' },
    plaintext: { type: 'boolean', description: 'Return extracts as plain text instead of limited HTML.' },
    sectionformat: {
      type: 'enum',
      values: ['plain', 'wiki', 'raw'],
      default: 'wiki',
      description:
        'How to format sections in plaintext mode: plain (no formatting), wiki (== like this ==), raw (\\1\\2level\\2\\1 before the title).',
    },
    continue: { type: 'integer', description: 'When more results are available, use this to continue.' },
  },
  async execute(ctx, params, pages, out) {
    if (params.chars !== undefined && params.sentences !== undefined)
      throw fail('invalidparammix', 'exchars, exsentences');
    const ids = [...pages.pages.keys()];
    if (ids.length === 0) return;
    let limit = params.limit as number;
    if (limit > 1 && params.intro !== true && ids.length > 1) {
      limit = 1;
      ctx.warn('extracts', warning('textextracts-limit', limit));
    }
    const from = (params.continue as number | undefined) ?? 0;
    if (from < 0 || from > ids.length) throw fail('badcontinue');
    const batch = ids.slice(from, from + limit);
    if (from + limit < ids.length) out.setContinue('excontinue', from + limit);

    const options: ExtractOptions = {
      intro: params.intro === true,
      plainText: params.plaintext === true,
      sectionFormat: params.sectionformat as ExtractOptions['sectionFormat'],
      ...(params.chars !== undefined ? { chars: params.chars as number } : {}),
      ...(params.sentences !== undefined ? { sentences: params.sentences as number } : {}),
    };
    const { store } = ctx.services;
    const records = await store.pages.getManyByIds(ctx.wiki.id, batch);
    const texts = await store.revisions.getMany(
      ctx.wiki.id,
      records
        .filter((p) => p.namespace !== NS_FILE && p.contentModel === 'wikitext')
        .map((p) => p.latestRevId),
    );
    const wikitext = resolveContext(wikitextContextOf(namespacesOf(ctx)));
    const byId = new Map(records.map((p) => [p.id, p]));
    let fileAsked = false;
    for (const id of batch) {
      const page = byId.get(id);
      if (!page) continue;
      let extract = '';
      if (page.namespace === NS_FILE) fileAsked = true;
      else if (page.contentModel !== 'wikitext')
        ctx.warn(
          'extracts',
          warning('textextracts-unsupportedmodel', pages.pages.get(id)!.title, page.contentModel),
        );
      else extract = textExtract(texts.get(page.latestRevId)?.text ?? '', wikitext, options);
      out.addPageData(id, { extract });
    }
    if (fileAsked) ctx.warn('extracts', warning('textextracts-title-in-file-namespace'));
  },
};
