/**
 * Splits rows for multi-row statements so that each statement stays under the database's
 * bound-parameter limit (`columnsPerRow` parameters per row).
 */
export function chunkRows<T>(rows: readonly T[], columnsPerRow: number, maxParameters: number): T[][] {
  return chunk(rows, Math.max(1, Math.floor(maxParameters / columnsPerRow)));
}

/** Splits a list of keys for `IN (…)` look-ups. */
export function chunkKeys<T>(keys: readonly T[], size = 10_000): T[][] {
  return chunk(keys, size);
}

/** Splits rows for bulk statements that take them as one parameter (`rowsTable`), `size` each. */
export function chunkList<T>(items: readonly T[], size: number): T[][] {
  return chunk(items, size);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Keeps the last item for each key (a later row in one upsert batch replaces an earlier one). */
export function lastPerKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    byKey.delete(k);
    byKey.set(k, item);
  }
  return [...byKey.values()];
}
