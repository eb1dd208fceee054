// Large reads as a server-side cursor (DECLARE … FETCH n): one query planned once and read in batches
// from one snapshot, on one connection held for the read — instead of a new query per batch (keyset
// pagination re-plans and re-descends the index every batch, and a row written between two batches
// could land in neither or in both). Used by exports that stream far more rows than fit in memory.
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { Db } from './client.js';

// Renders a statement the way the app's client does (db/client.ts: snake_case casing).
const dialect = new PgDialect({ casing: 'snake_case' });

export interface CursorOptions {
  /** Rows per FETCH (memory is bounded by one batch and whatever the consumer holds). */
  batch: number;
  /**
   * How long the connection may sit idle in the read's transaction (a reader that stops reading
   * without closing): past it PostgreSQL ends the session rather than hold the snapshot (and the
   * pool's connection) for ever. PostgreSQL interval text, e.g. '2min'.
   */
  idleTimeout?: string;
  /**
   * Memory for each sort or hash of the read (PostgreSQL work_mem text, e.g. '64MB'), where the
   * server default would spill a whole-result sort to disk.
   */
  workMem?: string;
}

/**
 * Yields the rows of `query` in batches through a server-side cursor, in a read-only repeatable-read
 * transaction planned for reading every row, with JIT off (a large read's cost estimate crosses the
 * JIT threshold, and compiling costs more than it saves for a streamed read). The cursor and its transaction end when the consumer
 * stops iterating (return/throw included), and the connection goes back to the pool.
 */
export async function* cursorBatches<T>(db: Db, query: SQL, opts: CursorOptions): AsyncGenerator<T[]> {
  const pool = (db as unknown as { $client: pg.Pool }).$client;
  const { sql: text, params } = dialect.sqlToQuery(query);
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin isolation level repeatable read read only');
    await client.query('set local jit = off');
    // Plan for reading every row (what an export does), not for the first tenth of them: the
    // default fraction (0.1) picks a fast-start plan of per-row index look-ups.
    await client.query('set local cursor_tuple_fraction = 1');
    if (opts.idleTimeout) {
      await client.query(`select set_config('idle_in_transaction_session_timeout', $1, true)`, [opts.idleTimeout]);
    }
    if (opts.workMem) await client.query(`select set_config('work_mem', $1, true)`, [opts.workMem]);
    // Parameters are bound to DECLARE like to any statement of the extended protocol.
    await client.query(`declare export_cursor no scroll cursor for ${text}`, params);
    for (;;) {
      const { rows } = await client.query<T & pg.QueryResultRow>(`fetch ${Math.trunc(opts.batch)} from export_cursor`);
      if (rows.length > 0) yield rows;
      if (rows.length < opts.batch) break;
    }
  } finally {
    // Read-only: ending it either way releases the snapshot. A connection that cannot roll back
    // (the server ended the session) is dropped by the pool instead of reused; the read's own error,
    // if any, is the one that propagates.
    await client.query('rollback').catch((err: Error) => {
      broken = err;
    });
    client.release(broken);
  }
}
