import { messagePageKey, normalizeMessageKey } from '../domain/message-text.ts';
import { NS_MEDIAWIKI } from '../domain/namespaces.ts';
import type { WikiInfo } from '../domain/wiki.ts';
import { coreSettingsOf } from '../domain/wiki-settings.ts';
import type { PageRepository, RevisionRepository } from '../store/repositories/pages-and-revisions.ts';
import { messageCatalog } from './message-catalog.ts';

/** One interface message of one wiki in one language, as MessageCache resolves it. */
export interface WikiMessage {
  /** The normalized key (MessageCache::normalizeKey). */
  key: string;
  /** The text in force: the wiki's override page, else the default; undefined when neither exists. */
  text: string | undefined;
  /** The text without the wiki's pages (Message::useDatabase(false)). */
  defaultText: string | undefined;
  /** Whether the wiki has a page overriding it in this language. */
  customised: boolean;
}

/** The two repositories message lookup reads; a Store or a transaction's repositories. */
export interface MessagePages {
  pages: PageRepository;
  revisions: RevisionRepository;
}

/**
 * Resolves `keys` for `wiki` in `lang`: the page `MediaWiki:Name` (content language) or
 * `MediaWiki:Name/lang` (another language) overrides the default, which is the catalog's text
 * in `lang` or English (message-catalog.ts). `mainpage` in the content language defaults to the
 * wiki's `mainPage` setting, so that it names the page siteinfo calls the main page.
 * Reads the override pages in two batched queries (page by title, then latest revisions).
 */
export async function readWikiMessages(
  store: MessagePages,
  wiki: WikiInfo,
  keys: readonly string[],
  lang: string,
): Promise<Map<string, WikiMessage>> {
  const catalog = messageCatalog();
  const pageKeyOf = new Map(keys.map((k) => [k, messagePageKey(k, lang, wiki.lang)]));
  const titles = [...new Set(pageKeyOf.values())].map((title) => ({ namespace: NS_MEDIAWIKI, title }));
  const pages = titles.length ? await store.pages.getManyByTitles(wiki.id, titles) : [];
  const revs = pages.length
    ? await store.revisions.getMany(
        wiki.id,
        pages.map((p) => p.latestRevId),
      )
    : new Map();
  const overrides = new Map<string, string>();
  for (const p of pages) {
    const rev = revs.get(p.latestRevId);
    if (rev) overrides.set(p.title, rev.text);
  }
  const out = new Map<string, WikiMessage>();
  for (const name of keys) {
    const key = normalizeMessageKey(name);
    const defaultText =
      key === 'mainpage' && lang === wiki.lang ? coreSettingsOf(wiki).mainPage : catalog.text(key, lang);
    const override = overrides.get(pageKeyOf.get(name)!);
    out.set(name, { key, text: override ?? defaultText, defaultText, customised: override !== undefined });
  }
  return out;
}

/** One message's text in force for `wiki` in its content language (an edit summary, a notification). */
export async function readWikiMessage(
  store: MessagePages,
  wiki: WikiInfo,
  key: string,
): Promise<string | undefined> {
  return (await readWikiMessages(store, wiki, [key], wiki.lang)).get(key)?.text;
}
