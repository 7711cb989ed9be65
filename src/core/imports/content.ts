import { createHash } from 'node:crypto';
import { NS_MEDIAWIKI, NS_MODULE, NS_USER } from '../domain/namespaces.ts';

/**
 * The content model a new page gets from its title (ContentHandler's defaults): Lua modules,
 * and .js/.css/.json pages in the User and MediaWiki namespaces; wikitext otherwise.
 */
export function contentModelFor(namespace: number, dbKey: string): string {
  if (namespace === NS_MODULE && !dbKey.endsWith('/doc')) return 'Scribunto';
  if (namespace === NS_USER || namespace === NS_MEDIAWIKI) {
    if (dbKey.endsWith('.js')) return 'javascript';
    if (dbKey.endsWith('.css')) return 'css';
    if (dbKey.endsWith('.json')) return 'json';
  }
  return 'wikitext';
}

/** rev_sha1: the SHA-1 of the text in base 36, zero-padded to 31 digits (SlotRecord::base36Sha1). */
export function revisionSha1(text: string): string {
  const hex = createHash('sha1').update(text, 'utf8').digest('hex');
  return BigInt(`0x${hex}`).toString(36).padStart(31, '0');
}

/** rev_len / page_len: the size in UTF-8 bytes. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
