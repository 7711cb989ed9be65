import { openDumpInput } from './dump-input.ts';
import type { DumpItem, ReadDumpOptions } from '../../../core/imports/dump-types.ts';
import { ExportXmlReader } from './export-xml-reader.ts';

export { DumpFormatError } from './dump-format-error.ts';
export type { DumpPosition } from './dump-format-error.ts';
export type {
  DumpContributor,
  DumpItem,
  DumpPage,
  DumpRevision,
  DumpSiteInfo,
  ReadDumpOptions,
} from '../../../core/imports/dump-types.ts';

/**
 * Streams a MediaWiki XML export (schema 0.3–0.11; plain, gzip or bzip2, told apart by magic
 * bytes) as items: the siteinfo (if the dump has one), then each page as soon as its `</page>`
 * is read, with all its revisions. Memory stays bounded by one page plus one decompressed
 * chunk: input is read only as fast as the consumer pulls items.
 *
 * Malformed, truncated or corrupt input throws DumpFormatError after every page completed
 * before the problem has been yielded. Input that ends right after a complete page without
 * `</mediawiki>` is not an error: it ends with a `warning` item.
 */
export async function* readDump(
  source: string | NodeJS.ReadableStream,
  opts: ReadDumpOptions = {},
): AsyncGenerator<DumpItem> {
  const input = await openDumpInput(source, opts.onBytes);
  const reader = new ExportXmlReader({
    ...(opts.skipPagesUntilId === undefined ? {} : { skipPagesUntilId: opts.skipPagesUntilId }),
    ...(opts.maxTextBytes === undefined ? {} : { maxTextBytes: opts.maxTextBytes }),
  });
  for await (const chunk of input.chunks) {
    reader.write(chunk);
    yield* reader.takeItems();
    if (reader.error) throw reader.error;
  }
  reader.end();
  yield* reader.takeItems();
  if (reader.error) throw reader.error;
}
