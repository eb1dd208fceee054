// Bringing the index in line with PostgreSQL for given listings: the document builder decides, the
// engine follows. Used by the indexing job (one id) and the reconciler (many).

import type { DbOrTx } from '../db/client.js';
import { loadSearchDocuments } from './document.js';
import type { SearchEngine } from './types.js';

export interface IndexOutcome {
  indexed: string[];
  /** Listings that are not (or no longer) searchable: missing, not public, or classified. */
  removed: string[];
}

export async function indexListings(db: DbOrTx, engine: SearchEngine, ids: readonly string[]): Promise<IndexOutcome> {
  const docs = await loadSearchDocuments(db, ids);
  const upserts = [...docs.values()].filter((d) => d !== null);
  const removed = [...docs.entries()].filter(([, d]) => d === null).map(([id]) => id);
  await engine.upsert(upserts);
  await engine.remove(removed);
  return { indexed: upserts.map((d) => d.id), removed };
}

export async function indexListing(db: DbOrTx, engine: SearchEngine, id: string): Promise<'indexed' | 'removed'> {
  const outcome = await indexListings(db, engine, [id]);
  return outcome.indexed.length > 0 ? 'indexed' : 'removed';
}
