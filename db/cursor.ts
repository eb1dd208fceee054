// Large reads as a server-side cursor (DECLARE … FETCH n): one query planned once and read in batches
// from one snapshot, on one connection held for the read — instead of a new query per batch (keyset
// pagination re-plans and re-descends the index every batch, and a row written between two batches
// could land in neither or in both). Used by exports that stream far more rows than fit in memory.
//
// A download lasts as long as its reader takes, so its connection is not taken from the app's pool
// (openReadConnection): a few slow downloads would otherwise hold pool connections the API's requests
// wait for. Each streamed read gets a connection of its own, and a process opens at most a few.
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Db } from './client.js';

// Renders a statement the way the app's client does (db/client.ts: snake_case casing).
const dialect = new PgDialect({ casing: 'snake_case' });

/** A connection of its own for one streamed read (openReadConnection). */
export interface ReadConnection {
  client: pg.Client;
  /** Ends the connection and frees its slot; safe to call more than once. */
  close(): Promise<void>;
}

/** Streamed reads in flight per pool and those waiting for one to end (first come, first served). */
interface Slots {
  open: number;
  waiting: (() => void)[];
}
const slotsByPool = new WeakMap<pg.Pool, Slots>();

function poolOf(db: Db): pg.Pool {
  return (db as unknown as { $client: pg.Pool }).$client;
}

/**
 * Opens a connection outside `db`'s pool (same server, same settings) for one streamed read, once
 * fewer than `max` such reads of this pool are open; waits up to `waitMs` for one to end, then
 * answers null (the caller refuses the request: better a clear "try again" than a queue of downloads
 * each holding a backend). Counted against max_connections beside the pool (README).
 */
export async function openReadConnection(
  db: Db,
  { max, waitMs }: { max: number; waitMs: number },
): Promise<ReadConnection | null> {
  const pool = poolOf(db);
  let slots = slotsByPool.get(pool);
  if (!slots) slotsByPool.set(pool, (slots = { open: 0, waiting: [] }));
  const s = slots;
  if (s.open >= max) {
    const turn = await new Promise<boolean>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        s.waiting.splice(s.waiting.indexOf(wake), 1);
        resolve(false);
      }, waitMs);
      s.waiting.push(wake);
    });
    if (!turn) return null;
  } else {
    s.open++;
  }
  // The slot is ours from here (a woken waiter inherits the slot of the read that ended).
  let freed = false;
  const free = () => {
    if (freed) return;
    freed = true;
    const next = s.waiting.shift();
    if (next) next();
    else s.open--;
  };
  const client = new pg.Client(pool.options);
  // A connection lost between two statements emits `error` on the client; without a listener that
  // ends the process. The read itself fails on its next statement and ends the download.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    free();
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    client,
    close: () =>
      (closing ??= client.end().then(free, (err: unknown) => {
        free();
        throw err;
      })),
  };
}

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
 * JIT threshold, and compiling costs more than it saves for a streamed read). The cursor and its
 * transaction end when the consumer stops iterating (return/throw included); then a connection of
 * the pool goes back to it, and a connection of its own (openReadConnection) is closed.
 */
export async function* cursorBatches<T>(
  source: Db | ReadConnection,
  query: SQL,
  opts: CursorOptions,
): AsyncGenerator<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const own = 'client' in source && 'close' in source ? source : null;
  const client: pg.ClientBase = own ? own.client : await poolOf(source as Db).connect();
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
    if (own)
      await own.close().catch(() => undefined); // closing anyway: a failed goodbye changes nothing
    else (client as pg.PoolClient).release(broken);
  }
}
