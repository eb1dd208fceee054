// The postgres engine's in-memory "doc values": the filter, facet and sort columns of every document
// (~40 bytes each), indexed by docno. PostgreSQL's GIN index answers *which documents contain the
// words*; filtering, facet counting, sorting and first-stage ranking of those candidates happen here.
// Measured on the 2-core target machine, a grouping-sets pass over 100k rows costs PostgreSQL ~90 ms
// and ranking every match detoasts its tsvector; the same work over typed arrays takes ~1–3 ms.
//
// The copy follows search.documents without messaging: every row carries the id of the transaction
// that last wrote it (tx xid8) and removals are logged in search.removals. A sync reads what the
// previous sync's snapshot could not see — transactions at or above its xmax and those in progress
// then (its xip list) — so nothing is missed whatever the commit order, and a long transaction
// elsewhere on the server no longer makes every delta re-read the index. A rebuild (table swap) bumps
// search.meta.generation, which forces a full reload.
//
// Filtering, facet counting and picking the best candidates over this copy is pg-doc-select.ts;
// facet value codes are pg-facet-codes.ts.

import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { selectDocs, type Scorer, type Selection } from './pg-doc-select.js';
import { facetCode, SINGLE_FACETS, type SingleFacet } from './pg-facet-codes.js';
import type { ValidQuery } from './query.js';
import type { SearchSort } from './types.js';

/** Removal log entries older than this are purged; a copy idle longer than FULL_RELOAD_AFTER_MS reloads. */
export const REMOVALS_RETENTION = '1 day';
const FULL_RELOAD_AFTER_MS = 60 * 60 * 1000;

/**
 * A sync row: docno, the six single facets, transaction types, in pool, price, published and
 * deadline (epoch ms).
 */
type SyncRow = [
  number,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string[] | null,
  boolean,
  number | null,
  number | null,
  number | null,
];

/** The columns a sync reads, in SyncRow order. */
export const SYNC_COLUMNS = sql`json_build_array(docno, kind, field, region, pricing_mode, status, maturity,
  transaction_types, in_pool, price_fen, (extract(epoch from published_at) * 1000)::float8,
  (extract(epoch from deadline) * 1000)::float8)`;

export class DocValues {
  private capacity = 0;
  private alive = new Uint8Array(0);
  private columns = SINGLE_FACETS.map(() => new Uint8Array(0));
  private transactionMask = new Uint8Array(0);
  private inPool = new Uint8Array(0);
  private price = new Float64Array(0);
  private published = new Float64Array(0);
  private deadline = new Float64Array(0);
  private maxDocno = -1;
  private generation: number | null = null;
  /**
   * What the previous sync could not see: transactions at or above its snapshot's xmax, and those in
   * progress then (its xip). Not "everything from its xmin on": xmin is cluster-wide, so one long
   * transaction anywhere on the server (another database's test, an idle session) kept every delta
   * re-reading the whole index (issue 21: a sentence-mix p95 of 11 s under load).
   */
  private sinceXmax = '0';
  private sinceXip: string[] = [];
  private syncedAt = 0;
  private inFlight: Promise<void> | null = null;
  private dirty = true;
  /** Sort keys per sort, rebuilt after any change (see sortKey). */
  private keyCache = new Map<string, Float64Array>();

  /**
   * @param maxStalenessMs how long a synced copy serves searches before the next sync: writes by
   *   other processes show up in filters and counts within this time (writes through this process's
   *   engine mark the copy stale at once). 0 syncs before every search.
   */
  constructor(
    private readonly db: Db,
    private readonly maxStalenessMs: number,
  ) {}

  /** This process wrote: the next search syncs first. */
  markStale(): void {
    this.dirty = true;
  }

  /** Forgets everything; the next sync reloads in full. */
  invalidate(): void {
    this.generation = null;
  }

  private grow(docno: number): void {
    if (docno < this.capacity) return;
    let capacity = Math.max(1024, this.capacity);
    while (capacity <= docno) capacity *= 2;
    const u8 = (a: Uint8Array) => {
      const b = new Uint8Array(capacity);
      b.set(a);
      return b;
    };
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(capacity).fill(NaN);
      b.set(a);
      return b;
    };
    this.alive = u8(this.alive);
    this.columns = this.columns.map(u8);
    this.transactionMask = u8(this.transactionMask);
    this.inPool = u8(this.inPool);
    this.price = f64(this.price);
    this.published = f64(this.published);
    this.deadline = f64(this.deadline);
    this.capacity = capacity;
  }

  private clear(): void {
    this.capacity = 0;
    this.alive = new Uint8Array(0);
    this.columns = SINGLE_FACETS.map(() => new Uint8Array(0));
    this.transactionMask = new Uint8Array(0);
    this.inPool = new Uint8Array(0);
    this.price = new Float64Array(0);
    this.published = new Float64Array(0);
    this.deadline = new Float64Array(0);
    this.maxDocno = -1;
  }

  private apply(row: SyncRow): void {
    const docno = Number(row[0]);
    this.grow(docno);
    SINGLE_FACETS.forEach((name, i) => {
      const value = row[i + 1] as string | null;
      this.columns[i]![docno] = value === null ? 0 : facetCode(name, value);
    });
    let mask = 0;
    for (const t of row[7] ?? []) {
      const code = facetCode('transactionType', t);
      if (code > 0) mask |= 1 << (code - 1);
    }
    this.transactionMask[docno] = mask;
    this.inPool[docno] = row[8] === true ? 1 : 0;
    const num = (v: number | null) => (v === null || v === undefined ? NaN : Number(v));
    this.price[docno] = num(row[9]);
    this.published[docno] = num(row[10]);
    this.deadline[docno] = num(row[11]);
    this.alive[docno] = 1;
    if (docno > this.maxDocno) this.maxDocno = docno;
  }

  /**
   * Brings the copy up to date unless it was synced within maxStalenessMs and this process has not
   * written since (one statement; concurrent callers share it).
   */
  sync(): Promise<void> {
    // A sync already running may have started before this process's latest write: then run another.
    if (this.inFlight) return this.dirty ? this.inFlight.then(() => this.sync()) : this.inFlight;
    if (!this.dirty && this.generation !== null && Date.now() - this.syncedAt < this.maxStalenessMs) {
      return Promise.resolve();
    }
    this.inFlight = this.doSync()
      .catch((err: unknown) => {
        this.dirty = true;
        throw err;
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  private async doSync(): Promise<void> {
    const full = this.generation === null || Date.now() - this.syncedAt > FULL_RELOAD_AFTER_MS;
    const xmax = full ? '0' : this.sinceXmax;
    const xip = sql`${sql.param(full ? [] : this.sinceXip)}::xid8[]`;
    this.dirty = false;
    const unseen = sql`(tx >= ${xmax}::xid8 or tx = any(${xip}))`;
    const statement = sql`with s as (select pg_current_snapshot() as snap)
      select
      (select generation from search.meta) as generation,
      pg_snapshot_xmax(s.snap)::text as xmax,
      (select coalesce(array_agg(x::text), '{}') from pg_snapshot_xip(s.snap) x) as xip,
      (select coalesce(json_agg(${SYNC_COLUMNS}), '[]'::json)
        from search.documents where ${full} or ${unseen}) as changed,
      (select coalesce(json_agg(docno), '[]'::json)
        from search.removals where not ${full} and ${unseen}) as removed
      from s`;
    type Row = { generation: number; xmax: string; xip: string[]; changed: SyncRow[]; removed: number[] };
    // A full reload reads every row: with JIT off, as compiling would cost more than it saves. A
    // delta is an index range scan, far below jit_above_cost: one round trip.
    const result = full
      ? await this.db.transaction(async (tx) => {
          await tx.execute(sql`set local jit = off`);
          return tx.execute<Row>(statement);
        })
      : await this.db.execute<Row>(statement);
    const row = result.rows[0]!;
    if (!full && row.generation !== this.generation) {
      // The tables were swapped by a rebuild since the last sync: start over.
      this.generation = null;
      return this.doSync();
    }
    if (full) this.clear();
    if (row.changed.length > 0 || row.removed.length > 0 || full) this.keyCache.clear();
    for (const r of row.changed) this.apply(r);
    for (const docno of row.removed) if (docno < this.capacity) this.alive[docno] = 0;
    this.generation = row.generation;
    this.sinceXmax = row.xmax;
    this.sinceXip = row.xip;
    this.syncedAt = Date.now();
  }

  /** Documents the copy knows (an upper bound: removed docnos are not reused). */
  docCount(): number {
    return this.maxDocno + 1;
  }

  isAlive(docno: number): boolean {
    return docno <= this.maxDocno && this.alive[docno] === 1;
  }

  value(name: SingleFacet, docno: number): number {
    return this.columns[SINGLE_FACETS.indexOf(name)]![docno] ?? 0;
  }

  publishedAt(docno: number): number {
    return this.published[docno] ?? NaN;
  }

  /** The order key of a sort, per docno, higher first; missing values are -Infinity. */
  sortKey(sort: Exclude<SearchSort, 'relevance'>): Float64Array {
    const source = sort === 'newest' ? this.published : sort === 'price' ? this.price : this.deadline;
    const sign = sort === 'newest' ? 1 : -1;
    let keys = this.keyCache.get(sort);
    if (!keys || keys.length !== this.capacity) {
      keys = new Float64Array(this.capacity);
      for (let d = 0; d < this.capacity; d++) {
        const v = source[d]!;
        keys[d] = Number.isNaN(v) ? -Infinity : sign * v;
      }
      this.keyCache.set(sort, keys);
    }
    return keys;
  }

  /** Filters, counts facets and picks the best `limit` (pg-doc-select.ts) over the current copy. */
  select(v: ValidQuery, candidates: readonly number[] | null, score: Scorer | Float64Array, limit: number): Selection {
    const { alive, columns, transactionMask, inPool, price, maxDocno } = this;
    return selectDocs({ alive, columns, transactionMask, inPool, price, maxDocno }, v, candidates, score, limit);
  }
}
