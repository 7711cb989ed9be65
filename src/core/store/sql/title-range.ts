import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * `column` starts with `prefix`, written as an index range (prefix <= column < successor) rather
 * than LIKE, whose case folding and wildcards differ between the databases. Relies on the column's
 * code point ordering (SchemaDialect.codePointOrder).
 */
export function startsWith(column: string, prefix: string): Expression<SqlBool> {
  const ref = sql.ref(column);
  const upper = prefixSuccessor(prefix);
  return upper === undefined
    ? sql<SqlBool>`${ref} >= ${prefix}`
    : sql<SqlBool>`(${ref} >= ${prefix} and ${ref} < ${upper})`;
}

/** The smallest string greater than every string starting with `prefix` (undefined: none). */
function prefixSuccessor(prefix: string): string | undefined {
  const points = [...prefix];
  while (points.length > 0) {
    const code = (points.pop() as string).codePointAt(0) as number;
    if (code < 0x10ffff) {
      const next = code + 1 === 0xd800 ? 0xe000 : code + 1;
      return points.join('') + String.fromCodePoint(next);
    }
  }
  return undefined;
}
