// Bringing the index in line with PostgreSQL for given listings: the document builder decides, the
// engine follows. Used by the indexing job (one id), the reconciler (what lags) and the reindex
// script (everything).

import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { PUBLIC_LISTING_STATUSES } from '../domain/constants/listings.js';
import { AppError } from '../domain/errors.js';
import { allSearchDocuments, IN_POOL, loadSearchDocuments } from './document.js';
import type { IndexedEntry, RebuildStats, SearchDocument, SearchEngine } from './types.js';

export interface IndexOutcome {
  indexed: string[];
  /** Listings that are not (or no longer) searchable: missing, not public, or classified. */
  removed: string[];
  /**
   * Documents written that were not in the index before: the listing has just become public (or
   * came back). Two-way match notifications start from these.
   */
  added: SearchDocument[];
}

/**
 * Called with the documents about to enter the index for the first time, before they are written:
 * if it throws, nothing is written, so a retry sees them as new again (at-least-once; the
 * match-notification hook is idempotent per pair).
 */
export type OnAdded = (docs: SearchDocument[]) => Promise<void>;

export async function indexListings(
  db: DbOrTx,
  engine: SearchEngine,
  ids: readonly string[],
  onAdded?: OnAdded,
): Promise<IndexOutcome> {
  const unique = [...new Set(ids)];
  const [docs, before] = await Promise.all([loadSearchDocuments(db, unique), engine.indexedVersions(unique)]);
  const upserts = [...docs.values()].filter((d) => d !== null);
  const removed = [...docs.entries()].filter(([, d]) => d === null).map(([id]) => id);
  const added = upserts.filter((d) => !before.has(d.id));
  if (added.length && onAdded) await onAdded(added);
  await engine.upsert(upserts);
  await engine.remove(removed);
  return { indexed: upserts.map((d) => d.id), removed, added };
}

export async function indexListing(db: DbOrTx, engine: SearchEngine, id: string): Promise<'indexed' | 'removed'> {
  const outcome = await indexListings(db, engine, [id]);
  return outcome.indexed.length > 0 ? 'indexed' : 'removed';
}

/** Rebuilds the whole index from PostgreSQL (`onBatch` sees each batch's size, for progress). */
export async function reindexAll(
  db: DbOrTx,
  engine: SearchEngine,
  onBatch?: (count: number) => void,
): Promise<RebuildStats> {
  async function* batches() {
    for await (const batch of allSearchDocuments(db)) {
      yield batch;
      onBatch?.(batch.length);
    }
  }
  return engine.rebuild(batches());
}

/** How many listings a full reindex would visit (every public listing; classified ones are skipped). */
export async function countPublicListings(db: DbOrTx): Promise<number> {
  const r = await db.execute<{ n: string }>(
    sql`select count(*) as n from listings where status = any(${sql.param([...PUBLIC_LISTING_STATUSES])}::text[])`,
  );
  return Number(r.rows[0]?.n ?? 0);
}

export interface ReconcileOutcome extends IndexOutcome {
  /** Listings whose indexed version was below the listing's (or pool flag differed), or that were missing. */
  lagging: number;
  /** Indexed ids that should not be there (left public states, classified, deleted). */
  stale: number;
  /** The index was empty while PostgreSQL has public listings (and `rebuildIfEmpty`): it was rebuilt instead. */
  rebuilt: boolean;
  /** Another process's rebuild was running: nothing was compared or written (the next run will). */
  deferred: boolean;
  ms: number;
}

const RECONCILE_BATCH = 1_000;

/**
 * Compares the index with PostgreSQL and repairs the difference: listings whose indexed version lags
 * (or that are missing) are re-indexed, indexed ids that are no longer searchable are removed. A
 * crash between a commit and its indexing job therefore loses nothing.
 *
 * With `rebuildIfEmpty` (the worker's boot), an empty index next to public listings (first start, a
 * new engine, the demo seed) is rebuilt rather than reconciled: in one bulk pass, and without
 * treating every listing as newly public. Periodic runs never do that: an index that is empty only
 * because the first listing was approved a moment ago must still announce that listing's matches.
 *
 * While a rebuild runs (another worker's boot, `npm run search:reindex`) the run is deferred: its
 * writes would be lost at the rebuild's swap, and an index still empty behind a first rebuild would
 * make every public listing look new and announce its matches.
 */
export async function reconcileIndex(
  db: DbOrTx,
  engine: SearchEngine,
  opts: { onAdded?: OnAdded; rebuildIfEmpty?: boolean } = {},
): Promise<ReconcileOutcome> {
  const { onAdded } = opts;
  const started = Date.now();
  const empty: IndexOutcome = { indexed: [], removed: [], added: [] };
  const deferred = () => ({ ...empty, lagging: 0, stale: 0, rebuilt: false, deferred: true, ms: Date.now() - started });
  if (await engine.rebuildRunning?.()) return deferred();
  const indexed = new Map<string, IndexedEntry>();
  for await (const batch of engine.indexedEntries()) for (const e of batch) indexed.set(e.id, e);
  // What should be searchable, with versions: public listings, less supply without a public-facing
  // result (措施十五: classified never; a reclassified result does not bump the listing's version,
  // so its document is found here as "should not be there").
  // (IN_POOL names the tables, so they are not aliased here.)
  const rows = await db.execute<{ id: string; version: number; in_pool: boolean }>(
    sql`select listings.id, listings.version, ${IN_POOL} as in_pool
      from listings left join results on results.id = listings.result_id
      where listings.status = any(${sql.param([...PUBLIC_LISTING_STATUSES])}::text[])
        and (listings.kind = 'demand' or (results.id is not null and results.security_class <> 'classified'))`,
  );
  if (opts.rebuildIfEmpty && indexed.size === 0 && rows.rows.length > 0) {
    try {
      const stats = await reindexAll(db, engine);
      return { ...empty, lagging: stats.indexed, stale: 0, rebuilt: true, deferred: false, ms: Date.now() - started };
    } catch (err) {
      // Another process took the rebuild lease first (two workers booting together): it fills the index.
      if (err instanceof AppError && err.code === 'INVALID_STATE' && (await engine.rebuildRunning?.()))
        return deferred();
      throw err;
    }
  }
  const publicIds = new Set<string>();
  const lagging: string[] = [];
  for (const r of rows.rows) {
    const id = String(r.id);
    publicIds.add(id);
    const entry = indexed.get(id);
    // A pool inclusion or removal (措施五) changes the document without a new listing version.
    if (!entry || entry.version < Number(r.version) || entry.inPool !== (r.in_pool === true)) lagging.push(id);
  }
  // Indexed but no longer public: the builder returns null for them, so indexListings removes them.
  const stale = [...indexed.keys()].filter((id) => !publicIds.has(id));
  const outcome: IndexOutcome = { ...empty };
  const todo = [...lagging, ...stale];
  for (let i = 0; i < todo.length; i += RECONCILE_BATCH) {
    const o = await indexListings(db, engine, todo.slice(i, i + RECONCILE_BATCH), onAdded);
    outcome.indexed.push(...o.indexed);
    outcome.removed.push(...o.removed);
    outcome.added.push(...o.added);
  }
  return {
    ...outcome,
    lagging: lagging.length,
    stale: stale.length,
    rebuilt: false,
    deferred: false,
    ms: Date.now() - started,
  };
}
