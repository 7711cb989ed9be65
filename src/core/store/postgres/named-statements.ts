import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * Statements the store sends again and again go to PostgreSQL as named (prepared) statements, so
 * that each connection parses and analyses a text once instead of at every request; PostgreSQL
 * may then also reuse a generic plan (plan_cache_mode "auto") where it costs no more than a
 * custom one. Kysely sends every statement unnamed, so the pool's clients are taught to name them.
 *
 * A text is named from its second use on (a one-off costs no server memory) and only when it is
 * plain data manipulation (DDL and transaction control stay unnamed). The names are a hash of the
 * text, so every connection agrees on them. At most `maxNamed` texts are named; the rest stay
 * unnamed, so statements built with a varying shape cannot grow each connection's cache without
 * bound; texts over 20,000 characters (multi-row writes) are never named.
 *
 * A prepared statement whose result shape a schema change altered (another instance migrating)
 * fails with "cached plan must not change result type". Its text then gets a new name, which every
 * connection prepares afresh, and the query runs once more, unnamed: outside a transaction the
 * change costs no failed request (inside one, the transaction fails with the original error).
 */
export interface NamedStatementOptions {
  /** How many distinct texts may be named (per process); default 2,000. */
  maxNamed?: number;
}

const NAMEABLE = /^\s*(select|insert|update|delete|with)\b/i;
/**
 * A text longer than this is never named nor remembered: a multi-row insert (tens of KB, its row
 * count varying from one use to the next) would fill `seen` with megabytes of texts used once.
 */
const MAX_NAMED_CHARS = 20_000;
const CACHED_PLAN_CHANGED = '0A000';

export function namingPool(pool: pg.Pool, options: NamedStatementOptions = {}): PostgresPool {
  const maxNamed = options.maxNamed ?? 2000;
  /** Uses of each text seen so far (until named), and the names given. */
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  const taught = new WeakSet<pg.PoolClient>();
  let generation = 0;

  const nameOf = (text: string): string | undefined => {
    const name = names.get(text);
    if (name !== undefined || names.size >= maxNamed || text.length > MAX_NAMED_CHARS || !NAMEABLE.test(text))
      return name;
    const uses = (seen.get(text) ?? 0) + 1;
    if (uses < 2) {
      if (seen.size >= maxNamed * 4) seen.clear();
      seen.set(text, uses);
      return undefined;
    }
    seen.delete(text);
    const given = `wq_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, given);
    return given;
  };
  const rename = (text: string): void => {
    const name = names.get(text);
    if (name !== undefined) names.set(text, `${name.replace(/_g\d+$/, '')}_g${++generation}`);
  };

  const teach = (client: pg.PoolClient): void => {
    if (taught.has(client)) return;
    taught.add(client);
    const plain = client.query.bind(client) as (config: unknown, values?: unknown) => Promise<unknown>;
    const query = async (text: unknown, values?: unknown): Promise<unknown> => {
      const name = typeof text === 'string' ? nameOf(text) : undefined;
      if (name === undefined) return plain(text, values);
      try {
        return await plain({ name, text, values });
      } catch (err) {
        if ((err as { code?: string }).code !== CACHED_PLAN_CHANGED) throw err;
        rename(text as string);
        try {
          return await plain(text, values);
        } catch {
          throw err;
        }
      }
    };
    client.query = query as typeof client.query;
  };

  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      teach(client);
      return client as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}
