/** Where in the (uncompressed) input a problem was found. Line is 1-based, column 1-based. */
export interface DumpPosition {
  line: number;
  column: number;
  /** Uncompressed byte offset, when known. */
  byteOffset?: number;
}

/**
 * The input is not a readable MediaWiki XML export: malformed or truncated XML, an unsupported
 * root element, a field that cannot be parsed, or corrupt compressed data. The message names
 * the position ("malformed XML at line 12, column 3 (byte 401): unexpected close tag </page>").
 * Pages completed before the problem have already been yielded when this is thrown.
 */
export class DumpFormatError extends Error {
  override readonly name = 'DumpFormatError';

  constructor(
    message: string,
    readonly position?: DumpPosition,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** "line 12, column 3 (byte 401)" */
export function describePosition(pos: DumpPosition): string {
  const byte = pos.byteOffset === undefined ? '' : ` (byte ${pos.byteOffset})`;
  return `line ${pos.line}, column ${pos.column}${byte}`;
}
