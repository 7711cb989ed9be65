import { fail } from '../../../../errors.ts';
import { fillMessageArgs, normalizeMessageKey, transformMessage } from '../../../domain/message-text.ts';
import { NS_MEDIAWIKI } from '../../../domain/namespaces.ts';
import { tryParseTitle } from '../../../domain/titles.ts';
import { messageCatalog } from '../../../messages/message-catalog.ts';
import { readWikiMessages } from '../../../messages/wiki-messages.ts';
import type { ApiRequestContext, QueryModule } from '../module.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { withContent } from '../result-format.ts';

/** Language::isValidCode, narrowed to the letters, digits and hyphens real codes use. */
const LANGUAGE_CODE = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

/** How many MediaWiki-namespace pages `amincludelocal` reads at most. */
const LOCAL_MESSAGE_PAGES = 5000;

/**
 * meta=allmessages (ApiQueryAllMessages): interface messages of the wiki in one language — the
 * service's catalog (i18n/*.json) overridden by the wiki's MediaWiki-namespace pages
 * (wiki-messages.ts). `*` lists every catalog key (and, with `amincludelocal`, every
 * MediaWiki-namespace page of the content language). A name nobody defines is `missing`.
 * `$1…` are filled from `amargs` always; `amenableparser` also expands the magic words and parser
 * functions (message-text.ts). When the result is full, `amfrom` continues at the next name.
 */
export const allmessagesModule: QueryModule = {
  name: 'allmessages',
  kind: 'meta',
  prefix: 'am',
  description: 'Return messages from this site.',
  params: {
    messages: {
      type: 'string',
      multi: true,
      default: '*',
      description: 'Which messages to output. * (default) means all messages.',
    },
    prop: { type: 'enum', multi: true, values: ['default'], description: 'Which properties to get.' },
    enableparser: {
      type: 'boolean',
      description:
        'Set to enable parser, will preprocess the wikitext of message (substitute magic words, etc.).',
    },
    nocontent: {
      type: 'boolean',
      description: 'If set, do not include the content of the messages in the output.',
    },
    includelocal: {
      type: 'boolean',
      description:
        'Also include local messages, i.e. pages in the MediaWiki namespace that are not messages of the software. Only with messages=*.',
    },
    args: { type: 'string', multi: true, description: 'Arguments to be substituted into message.' },
    filter: { type: 'string', description: 'Return only messages with names that contain this string.' },
    customised: {
      type: 'enum',
      values: ['all', 'modified', 'unmodified'],
      default: 'all',
      description: 'Return only messages in this customisation state.',
    },
    lang: { type: 'string', description: 'Return messages in this language.' },
    from: { type: 'string', description: 'Return messages starting at this message.' },
    to: { type: 'string', description: 'Return messages ending at this message.' },
    title: {
      type: 'string',
      description: 'Page name to use as context when parsing message (for amenableparser option).',
    },
    prefix: { type: 'string', description: 'Return messages with this prefix.' },
  },
  async execute(ctx, params, _pages, out) {
    const lang = (params.lang as string | undefined) ?? ctx.wiki.lang;
    if (!LANGUAGE_CODE.test(lang)) throw fail('invalidlang', 'amlang');
    const ns = namespacesOf(ctx);
    let pagename = 'API';
    if (params.enableparser === true && params.title !== undefined) {
      const t = tryParseTitle(params.title as string, ns);
      if (!t) throw fail('invalidtitle', params.title as string);
      pagename = t.text;
    }
    const requested = (params.messages as string[] | undefined) ?? ['*'];
    let names = requested.includes('*') ? await allNames(ctx, params.includelocal === true) : requested;

    const prefix = params.prefix as string | undefined;
    if (prefix !== undefined) names = names.filter((n) => n.startsWith(prefix));
    const filter = params.filter as string | undefined;
    if (filter !== undefined) names = names.filter((n) => n.includes(filter));

    const from = params.from as string | undefined;
    const to = params.to as string | undefined;
    if (from !== undefined) {
      const at = names.indexOf(from);
      names = at < 0 ? [] : names.slice(at);
    }
    if (to !== undefined) {
      const end = names.findIndex((n) => n > to);
      if (end >= 0) names = names.slice(0, end);
    }

    const messages = await readWikiMessages(ctx.services.store, ctx.wiki, names, lang);
    const customised = params.customised as string;
    const args = (params.args as string[] | undefined) ?? [];
    const withDefault = ((params.prop as string[] | undefined) ?? []).includes('default');
    const catalog = messageCatalog();
    out.setQueryValue('allmessages', []);
    for (const name of names) {
      const m = messages.get(name)!;
      if (customised !== 'all' && m.customised !== (customised === 'modified')) continue;
      const item: Record<string, unknown> = { name, normalizedname: m.key };
      if (customised === 'modified') item.customised = true;
      if (m.text === undefined) {
        item.missing = true;
      } else {
        const text = render(m.text, args, params.enableparser === true, {
          sitename: ctx.wiki.sitename,
          pagename,
          lang,
          lookup: (key) => messages.get(key)?.text ?? catalog.text(key, lang),
        });
        if (params.nocontent !== true) {
          item.content = text;
          withContent(item, 'content');
        }
        if (withDefault) {
          if (m.defaultText === undefined) item.defaultmissing = true;
          else if (m.defaultText !== text) item.default = m.defaultText;
        }
      }
      if (!out.appendQueryList('allmessages', item)) {
        out.setContinue('amfrom', name);
        return;
      }
    }
  },
};

function render(
  text: string,
  args: readonly string[],
  parse: boolean,
  ctx: Parameters<typeof transformMessage>[1],
): string {
  const filled = fillMessageArgs(text, args);
  return parse ? transformMessage(filled, ctx) : filled;
}

/**
 * Every catalog key, with `includelocal` also the lower-cased names of the content language's
 * MediaWiki-namespace pages (not the `/lang` subpages), sorted by code point.
 */
async function allNames(ctx: ApiRequestContext, includeLocal: boolean): Promise<string[]> {
  const names = new Set(messageCatalog().keys);
  if (includeLocal) {
    const pages = await ctx.services.store.pages.list(ctx.wiki.id, {
      namespace: NS_MEDIAWIKI,
      dir: 'ascending',
      limit: LOCAL_MESSAGE_PAGES,
    });
    for (const p of pages) if (!p.title.includes('/')) names.add(normalizeMessageKey(p.title));
  }
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
