import { englishMonthName } from '../../core/domain/clock.ts';
import { NS_SPECIAL, NS_USER, NS_USER_TALK, type NamespaceTable } from '../../core/domain/namespaces.ts';
import { formatTitle, toDbKey } from '../../core/domain/titles.ts';

/**
 * The parts of MediaWiki's pre-save transform (Parser::preSaveTransform, TextContent) the local
 * wiki applies to saved wikitext: line endings become "\n", trailing whitespace is removed, and
 * signatures expand outside comments, <nowiki>, <pre> and <includeonly>-like opaque regions:
 * `~~~` → the user link, `~~~~` → link and date, `~~~~~` → date only.
 * Without a signer (non-wikitext content) only the first two apply.
 * Not modelled: subst:, the pipe trick, custom signatures from preferences.
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
