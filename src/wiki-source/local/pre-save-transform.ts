import { englishMonthName } from '../../core/domain/clock.ts';
import {
  NS_MAIN,
  NS_SPECIAL,
  NS_TEMPLATE,
  NS_USER,
  NS_USER_TALK,
  type NamespaceTable,
} from '../../core/domain/namespaces.ts';
import { formatTitle, toDbKey, toDisplayText, tryParseTitle, type Title } from '../../core/domain/titles.ts';
import { messageCatalog } from '../../core/messages/message-catalog.ts';
import type { Repositories } from '../../core/store/store.ts';
import { substituteAll, type TemplateText } from '../../wikitext/substitution.ts';

/**
 * The parts of MediaWiki's pre-save transform (Parser::preSaveTransform, TextContent) the local
 * wiki applies to saved wikitext: line endings become "\n", trailing whitespace is removed, and
 * signatures expand outside comments, <nowiki>, <pre> and <includeonly>-like opaque regions:
 * `~~~` → the user link, `~~~~` → link and date, `~~~~~` → date only.
 * Without a signer (non-wikitext content) only the first two apply.
 * Substitution (`{{subst:…}}`) runs before it, in `substituteTemplates`.
 * Not modelled: the pipe trick, custom signatures from preferences.
 */
export function preSaveTransform(
  text: string,
  signer: { name: string; isAnonymous: boolean } | null,
  namespaces: NamespaceTable,
  now: number,
): string {
  const normalized = text.replace(/\r\n?/g, '\n');
  if (signer === null) return normalized.replace(/\s+$/, '');
  const expanded = mapOutsideOpaque(normalized, (chunk) =>
    chunk.replace(/~{3,5}/g, (tildes) => {
      if (tildes.length === 5) return signatureDate(now);
      const link = userLink(signer, namespaces);
      return tildes.length === 4 ? `${link} ${signatureDate(now)}` : link;
    }),
  );
  return expanded.replace(/\s+$/, '');
}

const OPAQUE = /<!--[\s\S]*?(?:-->|$)|<(nowiki|pre)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;

function mapOutsideOpaque(text: string, f: (chunk: string) => string): string {
  let out = '';
  let pos = 0;
  for (const m of text.matchAll(OPAQUE)) {
    out += f(text.slice(pos, m.index)) + m[0];
    pos = m.index + m[0].length;
  }
  return out + f(text.slice(pos));
}

/** MediaWiki's default signature: `[[User:X|X]] ([[User talk:X|talk]])`, contributions link for IPs. */
function userLink(signer: { name: string; isAnonymous: boolean }, namespaces: NamespaceTable): string {
  const key = toDbKey(signer.name);
  if (signer.isAnonymous) {
    return `[[${formatTitle(NS_SPECIAL, `Contributions/${key}`, namespaces)}|${signer.name}]]`;
  }
  return (
    `[[${formatTitle(NS_USER, key, namespaces)}|${signer.name}]] ` +
    `([[${formatTitle(NS_USER_TALK, key, namespaces)}|talk]])`
  );
}

/** "18:34, 21 November 2026 (UTC)", the signature date of an English-language wiki in UTC. */
export function signatureDate(now: number): string {
  const d = new Date(now * 1000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${hh}:${mm}, ${d.getUTCDate()} ${englishMonthName(now)} ${d.getUTCFullYear()} (UTC)`;
}

const MONTH_KEYS = [
  'january',
  'february',
  'march',
  'april',
  'may_long',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/**
 * The variables `{{subst:…}}` replaces (MediaWiki's magic variables; this wiki's clock is UTC, so
 * the LOCAL ones equal the CURRENT ones), for a save of `title` at `now`; month names in the
 * wiki's language.
 */
export function substitutionVariables(
  title: Title,
  wiki: { sitename: string; lang: string },
  namespaces: NamespaceTable,
  now: number,
): (name: string) => string | undefined {
  const d = new Date(now * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  const month = d.getUTCMonth();
  const pageName = toDisplayText(title.dbKey);
  const values: Record<string, string> = {
    CURRENTYEAR: String(d.getUTCFullYear()),
    CURRENTMONTH: two(month + 1),
    CURRENTMONTH2: two(month + 1),
    CURRENTMONTH1: String(month + 1),
    CURRENTMONTHNAME: messageCatalog().text(MONTH_KEYS[month] as string, wiki.lang) ?? englishMonthName(now),
    CURRENTDAY: String(d.getUTCDate()),
    CURRENTDAY2: two(d.getUTCDate()),
    CURRENTHOUR: two(d.getUTCHours()),
    CURRENTTIME: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`,
    CURRENTTIMESTAMP:
      `${d.getUTCFullYear()}${two(month + 1)}${two(d.getUTCDate())}` +
      `${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`,
    PAGENAME: pageName,
    FULLPAGENAME: formatTitle(title.namespace, title.dbKey, namespaces),
    NAMESPACE: title.namespace === NS_MAIN ? '' : (namespaces.get(title.namespace)?.name ?? ''),
    SITENAME: wiki.sitename,
  };
  for (const key of Object.keys(values)) {
    if (key.startsWith('CURRENT')) values[key.replace('CURRENT', 'LOCAL')] = values[key] as string;
  }
  return (name) => (Object.hasOwn(values, name) ? values[name] : undefined);
}

/**
 * Replaces the text's `{{subst:…}}` and `{{safesubst:…}}` calls (wikitext/substitution.ts) with
 * the current text of the templates, read in the caller's transaction.
 */
export async function substituteTemplates(
  tx: Repositories,
  wiki: { id: string; sitename: string; lang: string },
  namespaces: NamespaceTable,
  title: Title,
  text: string,
  now: number,
): Promise<string> {
  if (!/subst:/i.test(text)) return text;
  return substituteAll(text, substitutionVariables(title, wiki, namespaces, now), async (names) => {
    const wanted = new Map<string, Title | null>();
    for (const name of names) {
      const t = name.startsWith(':')
        ? tryParseTitle(name.slice(1), namespaces, NS_MAIN)
        : tryParseTitle(name, namespaces, NS_TEMPLATE);
      wanted.set(name, t && t.dbKey !== '' ? t : null);
    }
    const titles = [...wanted.values()].filter((t): t is Title => t !== null);
    const pages = await tx.pages.getManyByTitles(
      wiki.id,
      titles.map((t) => ({ namespace: t.namespace, title: t.dbKey })),
    );
    const revisions = await tx.revisions.getMany(
      wiki.id,
      pages.map((p) => p.latestRevId),
    );
    const out = new Map<string, TemplateText>();
    for (const [name, t] of wanted) {
      if (!t) {
        out.set(name, { title: name, text: null });
        continue;
      }
      const page = pages.find((p) => p.namespace === t.namespace && p.title === t.dbKey);
      out.set(name, {
        title: formatTitle(t.namespace, t.dbKey, namespaces),
        text: page ? (revisions.get(page.latestRevId)?.text ?? '') : null,
      });
    }
    return out;
  });
}
