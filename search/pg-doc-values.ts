// The postgres engine's in-memory "doc values": the filter, facet and sort columns of every document
// (~40 bytes each), indexed by docno. PostgreSQL's GIN index answers *which documents contain the
// words*; filtering, facet counting, sorting and first-stage ranking of those candidates happen here.
// Measured on the 2-core target machine, a grouping-sets pass over 100k rows costs PostgreSQL ~90 ms
// and ranking every match detoasts its tsvector; the same work over typed arrays takes ~1–3 ms.
//
// The copy follows search.documents without messaging: every row carries the id of the transaction
// that last wrote it (tx xid8) and removals are logged in search.removals. A sync reads what changed
// at or after the previous sync's snapshot xmin — every transaction unfinished at that snapshot has an
// id at or above it — so nothing is missed whatever the commit order. A rebuild (table swap) bumps
// search.meta.generation, which forces a full reload.

import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { ValidQuery } from './query.js';
import { FACET_VALUES } from './query.js';
import type { FacetName, SearchSort } from './types.js';

/** Facets with one value per document, in column order. */
export const SINGLE_FACETS = ['kind', 'field', 'region', 'pricingMode', 'status', 'maturity'] as const;
type SingleFacet = (typeof SINGLE_FACETS)[number];

/** Removal log entries older than this are purged; a copy idle longer than FULL_RELOAD_AFTER_MS reloads. */
export const REMOVALS_RETENTION = '1 day';
const FULL_RELOAD_AFTER_MS = 60 * 60 * 1000;
// Transaction types are a bit mask in a byte.
const TRANSACTION_KINDS = FACET_VALUES.transactionType.length;

const codeOf = Object.fromEntries(
  (Object.keys(FACET_VALUES) as FacetName[]).map((name) => [
    name,
    new Map(FACET_VALUES[name].map((v, i) => [v, i + 1])),
  ]),
) as Record<FacetName, Map<string, number>>;

/** The facet value code of a value (0 when unknown). */
export function facetCode(name: FacetName, value: string): number {
  return codeOf[name].get(value) ?? 0;
}

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

export interface Selection {
  /** Documents passing every filter. */
  total: number;
  counts: Record<FacetName, Map<string, number>>;
  /** The best `limit` passing documents by the requested order, best first. */
  top: number[];
}

/** Higher is better; documents without the sorted value come last. */
export type Scorer = (docno: number) => number;

/** Keeps the n largest (key, docno) pairs; ties go to the lower docno. */
class TopN {
  private keys: Float64Array;
  private docs: Int32Array;
  private size = 0;

  constructor(private readonly n: number) {
    this.keys = new Float64Array(Math.max(1, n));
    this.docs = new Int32Array(Math.max(1, n));
  }

  /** True when (a, da) ranks below (b, db). */
  private static worse(a: number, da: number, b: number, db: number): boolean {
    return a < b || (a === b && da > db);
  }

  offer(key: number, doc: number): void {
    if (this.n === 0) return;
    const { keys, docs } = this;
    if (this.size < this.n) {
      // Sift up in a min-heap ordered by "worse".
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!TopN.worse(key, doc, keys[parent]!, docs[parent]!)) break;
        keys[i] = keys[parent]!;
        docs[i] = docs[parent]!;
        i = parent;
      }
      keys[i] = key;
      docs[i] = doc;
      return;
    }
    if (!TopN.worse(keys[0]!, docs[0]!, key, doc)) return;
    // Replace the root (the worst kept) and sift down.
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      let mk = key;
      let md = doc;
      if (l < this.size && TopN.worse(keys[l]!, docs[l]!, mk, md)) {
        m = l;
        mk = keys[l]!;
        md = docs[l]!;
      }
      if (r < this.size && TopN.worse(keys[r]!, docs[r]!, mk, md)) {
        m = r;
      }
      if (m === i) break;
      keys[i] = keys[m]!;
      docs[i] = docs[m]!;
      i = m;
    }
    keys[i] = key;
    docs[i] = doc;
  }

  /** Best first. */
  sorted(): number[] {
    const out = Array.from({ length: this.size }, (_, i) => i);
    out.sort((a, b) => this.keys[b]! - this.keys[a]! || this.docs[a]! - this.docs[b]!);
    return out.map((i) => this.docs[i]!);
  }
}

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
  private since = '0';
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
    const since = full ? '0' : this.since;
    this.dirty = false;
    const statement = sql`select
      (select generation from search.meta) as generation,
      pg_snapshot_xmin(pg_current_snapshot())::text as xmin,
      (select coalesce(json_agg(${SYNC_COLUMNS}), '[]'::json)
        from search.documents where ${full} or tx >= ${since}::xid8) as changed,
      (select coalesce(json_agg(docno), '[]'::json)
        from search.removals where not ${full} and tx >= ${since}::xid8) as removed`;
    type Row = { generation: number; xmin: string; changed: SyncRow[]; removed: number[] };
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
    this.since = row.xmin;
    this.syncedAt = Date.now();
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

  /**
   * Filters `candidates` (docnos that matched the text in PostgreSQL; null for every document),
   * counts facets and picks the best `limit` by `score`. Each facet is counted under all active
   * facet filters but its own.
   */
  select(v: ValidQuery, candidates: readonly number[] | null, score: Scorer | Float64Array, limit: number): Selection {
    // Active facet filters as parallel arrays; column -1 is the transaction-type bit mask.
    const activeColumn: number[] = [];
    const activeCode: number[] = [];
    let transactionActive = -1;
    for (const [name, value] of Object.entries(v.facetFilters) as Array<[FacetName, string | undefined]>) {
      if (value === undefined) continue;
      const code = facetCode(name, value);
      if (name === 'transactionType') {
        transactionActive = activeColumn.length;
        activeColumn.push(-1);
        activeCode.push(code > 0 ? 1 << (code - 1) : 0);
      } else {
        activeColumn.push(SINGLE_FACETS.indexOf(name as SingleFacet));
        activeCode.push(code);
      }
    }
    const nActive = activeColumn.length;
    const [c0, c1, c2, c3, c4, c5] = this.columns as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    const columns = this.columns;
    const [n0, n1, n2, n3, n4, n5] = SINGLE_FACETS.map((name) => new Int32Array(FACET_VALUES[name].length + 1)) as [
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
    ];
    const facetCounts = [n0, n1, n2, n3, n4, n5];
    const transactionCounts = new Int32Array(TRANSACTION_KINDS);
    const mask = this.transactionMask;
    const alive = this.alive;
    const inPool = this.inPool;
    const price = this.price;
    const wantPool = v.inPool === undefined ? -1 : v.inPool ? 1 : 0;
    const min = v.min ?? -Infinity;
    const max = v.max ?? Infinity;
    const priced = v.min !== undefined || v.max !== undefined;
    const keys = score instanceof Float64Array ? score : null;
    const scorer = score instanceof Float64Array ? null : score;
    const maxDocno = this.maxDocno;
    const top = new TopN(limit);
    let total = 0;
    const count = candidates === null ? maxDocno + 1 : candidates.length;

    for (let i = 0; i < count; i++) {
      const d = candidates === null ? i : candidates[i]!;
      if (d > maxDocno || alive[d] === 0) continue;
      if (wantPool >= 0 && inPool[d] !== wantPool) continue;
      if (priced) {
        const p = price[d]!;
        if (!(p >= min && p <= max)) continue;
      }
      let failed = -1;
      let failures = 0;
      for (let a = 0; a < nActive; a++) {
        const column = activeColumn[a]!;
        const pass = column < 0 ? (mask[d]! & activeCode[a]!) !== 0 : columns[column]![d] === activeCode[a];
        if (!pass) {
          failures++;
          failed = a;
          if (failures > 1) break;
        }
      }
      if (failures > 1) continue;
      if (failures === 0) {
        total++;
        n0[c0[d]!]!++;
        n1[c1[d]!]!++;
        n2[c2[d]!]!++;
        n3[c3[d]!]!++;
        n4[c4[d]!]!++;
        n5[c5[d]!]!++;
        const m = mask[d]!;
        if (m !== 0) for (let b = 0; b < TRANSACTION_KINDS; b++) if (m & (1 << b)) transactionCounts[b]!++;
        top.offer(keys ? keys[d]! : scorer!(d), d);
        continue;
      }
      // Fails exactly one filter: counts only towards that filter's own facet.
      if (failed === transactionActive) {
        const m = mask[d]!;
        for (let b = 0; b < TRANSACTION_KINDS; b++) if (m & (1 << b)) transactionCounts[b]!++;
      } else {
        const c = activeColumn[failed]!;
        facetCounts[c]![columns[c]![d]!]!++;
      }
    }

    const counts = Object.fromEntries(
      (Object.keys(FACET_VALUES) as FacetName[]).map((n) => [n, new Map<string, number>()]),
    ) as Record<FacetName, Map<string, number>>;
    SINGLE_FACETS.forEach((name, c) => {
      FACET_VALUES[name].forEach((value, i) => counts[name].set(value, facetCounts[c]![i + 1]!));
    });
    FACET_VALUES.transactionType.forEach((value, b) => counts.transactionType.set(value, transactionCounts[b]!));
    return { total, counts, top: top.sorted() };
  }
}
