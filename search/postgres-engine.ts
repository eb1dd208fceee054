// The embedded engine: tables in their own `search` schema of the same database, so one machine
// needs no extra service. See search/README.md for the design and its measurements; in short:
//   - search.documents: one row per listing with typed filter columns and what a hit shows;
//   - search.terms: the document's tsvector ('simple' configuration, built from the segmenter's
//     lexemes — PostgreSQL's parser never sees the text) under a GIN index. Its heap holds only the
//     docno and a TOAST pointer, so matching reads a few hundred pages for 100k documents;
//   - matching uses only lexeme AND/OR/prefix queries, which GIN answers exactly without rechecking
//     (CJK words of three or more characters are matched by their trigrams);
//   - filters, facet counts, sorting and first-stage ranking run over in-memory doc values
//     (pg-doc-values.ts); ts_rank_cd then re-ranks only the best candidates (pg-ranking.ts).
// User text never reaches to_tsquery: tsquery literals are built from segmenter output with quoted
// lexemes and bound as parameters (pg-tsquery.ts).
//
// This file holds the engine's entry points and its writes; the parts: tables pg-schema.ts,
// lexemes pg-tsvector.ts / pg-tsquery.ts, rows pg-writes.ts, reads pg-reader.ts, search
// pg-search.ts, suggestions pg-suggest.ts, matching pg-match.ts, rebuild pg-rebuild.ts.

import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { DocValues, REMOVALS_RETENTION } from './pg-doc-values.js';
import { matchListings } from './pg-match.js';
import { PgIndexReader } from './pg-reader.js';
import { REBUILD_PARTITION, rebuildLeaseHeld, rebuildTables } from './pg-rebuild.js';
import { DDL } from './pg-schema.js';
import { searchIndex } from './pg-search.js';
import { suggestTitles } from './pg-suggest.js';
import { countWords } from './pg-text-match.js';
import { rowsJson, UUID_RE, WRITE_BATCH, writeStatement } from './pg-writes.js';
import type {
  IndexedEntry,
  MatchHit,
  MatchOptions,
  MatchSource,
  RebuildStats,
  SearchDocument,
  SearchEngine,
  SearchQuery,
  SearchResult,
  Suggestion,
} from './types.js';

export interface PostgresEngineOptions {
  /**
   * How long this process may answer from its in-memory filter/facet columns before re-reading
   * changes (default 1 s). Writes made through this engine instance are always seen at once;
   * writes by other processes (the indexing worker) appear within this time. 0: always re-read.
   */
  maxStalenessMs?: number;
  /** Documents per terms partition a rebuild makes (default 25,000; tests use a few). */
  rebuildPartitionSize?: number;
}

export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;
  private readonly docValues: DocValues;
  private readonly reader: PgIndexReader;
  private readonly partitionSize: number;

  constructor(
    private readonly db: Db,
    options: PostgresEngineOptions = {},
  ) {
    this.docValues = new DocValues(db, options.maxStalenessMs ?? 1_000);
    this.reader = new PgIndexReader(db, this.docValues);
    this.partitionSize = options.rebuildPartitionSize ?? REBUILD_PARTITION;
  }

  async init(): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Several processes may boot at once; one creates, the others then find everything there.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('search.init'))`);
      for (const statement of DDL) await tx.execute(statement);
    });
  }

  async upsert(docs: readonly SearchDocument[]): Promise<void> {
    for (let i = 0; i < docs.length; i += WRITE_BATCH) {
      await this.db.execute(writeStatement(rowsJson(docs.slice(i, i + WRITE_BATCH))));
    }
    this.docValues.markStale();
  }

  async remove(ids: readonly string[]): Promise<void> {
    const valid = ids.filter((id) => UUID_RE.test(id));
    if (valid.length === 0) return;
    // The removal log tells every process's doc values what left (pg-doc-values.ts).
    await this.db.execute(sql`with gone as (
        delete from search.documents where id = any(${sql.param(valid)}::uuid[]) returning docno
      ), terms as (
        delete from search.terms where docno in (select docno from gone)
      ), logged as (
        insert into search.removals (docno) select docno from gone
      )
      delete from search.removals where removed_at < now() - ${REMOVALS_RETENTION}::interval`);
    this.docValues.markStale();
  }

  async indexedVersions(ids: readonly string[]): Promise<Map<string, number>> {
    const valid = ids.filter((id) => UUID_RE.test(id));
    const out = new Map<string, number>();
    if (valid.length === 0) return out;
    const result = await this.db.execute<{ id: string; version: number }>(
      sql`select id, version from search.documents where id = any(${sql.param(valid)}::uuid[])`,
    );
    for (const r of result.rows) out.set(String(r.id), Number(r.version));
    return out;
  }

  async *indexedEntries(batchSize = 5_000): AsyncGenerator<IndexedEntry[]> {
    type Row = { id: string; version: number; in_pool: boolean };
    let after: string | null = null;
    for (;;) {
      const result: { rows: Row[] } = await this.db.execute<Row>(
        after === null
          ? sql`select id, version, in_pool from search.documents order by id limit ${batchSize}`
          : sql`select id, version, in_pool from search.documents where id > ${after}::uuid order by id limit ${batchSize}`,
      );
      if (result.rows.length === 0) return;
      yield result.rows.map((r) => ({ id: String(r.id), version: Number(r.version), inPool: r.in_pool === true }));
      if (result.rows.length < batchSize) return;
      after = String(result.rows[result.rows.length - 1]!.id);
    }
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return searchIndex(this.reader, query);
  }

  /** Capped GIN counts, not searches (pg-text-match.ts `countWords`). */
  wordCounts(words: readonly string[], cap = 1): Promise<number[]> {
    return countWords(this.reader, words, cap);
  }

  suggest(prefix: string, limit = 8): Promise<Suggestion[]> {
    return suggestTitles(this.reader, prefix, limit);
  }

  match(source: MatchSource, options: MatchOptions = {}): Promise<MatchHit[]> {
    return matchListings(this.reader, source, options);
  }

  /** A full rebuild (pg-rebuild.ts): searches read the old tables until the swap. */
  async rebuild(batches: AsyncIterable<readonly SearchDocument[]>): Promise<RebuildStats> {
    await this.init();
    return rebuildTables(this.db, this.docValues, this.partitionSize, batches);
  }

  async rebuildRunning(): Promise<boolean> {
    await this.init();
    return rebuildLeaseHeld(this.db);
  }

  async reset(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`truncate search.documents, search.terms, search.removals`);
      await tx.execute(sql`alter sequence search.docno_seq restart`);
      await tx.execute(sql`update search.meta set generation = generation + 1`);
    });
    this.docValues.invalidate();
  }

  async close(): Promise<void> {
    // The database handle belongs to the caller.
  }
}
