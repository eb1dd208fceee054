// Reads of the postgres engine's index shared by search, suggestions and matching: GIN lookups of
// tsqueries (pg-tsquery.ts), hit rows by docno (with the second-stage rank, pg-ranking.ts), and the
// doc values (pg-doc-values.ts) that follow the tables, caught up at once when a lookup finds a
// document they do not know yet.

import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { DocValues } from './pg-doc-values.js';
import { rankExpression } from './pg-ranking.js';
import type { SearchHit } from './types.js';

/** The hit columns of search.documents `d` as one JSON object. */
const HIT_JSON = sql`json_build_object('docno', d.docno, 'id', d.id, 'kind', d.kind, 'title', d.title,
  'summary', d.summary, 'organisationId', d.organisation_id, 'organisationName', d.organisation_name,
  'field', d.field, 'region', d.region, 'pricingMode', d.pricing_mode, 'transactionTypes', d.transaction_types,
  'status', d.status, 'maturity', d.maturity, 'priceFen', d.price_fen, 'deadline', d.deadline,
  'publishedAt', d.published_at, 'inPool', d.in_pool)`;

export type HitRow = Omit<SearchHit, 'highlights' | 'score'> & { docno: number; organisationId: string; rank?: number };

function int8Array(values: readonly number[]): SQL {
  return sql`${sql.param([...values])}::int8[]`;
}

function docnoList(value: string | null | undefined): number[] {
  return value ? value.split(',').map(Number) : [];
}

export class PgIndexReader {
  constructor(
    readonly db: Db,
    readonly docValues: DocValues,
  ) {}

  /** A match the doc values do not know yet was written by another process moments ago: sync now. */
  async catchUp(docnos: readonly number[]): Promise<void> {
    if (docnos.some((d) => !this.docValues.isAlive(d))) {
      this.docValues.markStale();
      await this.docValues.sync();
    }
  }

  /** Docnos matching each tsquery (one statement, GIN lookups only); at most `cap` each when given. */
  async lookup(queries: readonly string[], cap: number | null = null): Promise<number[][]> {
    if (queries.length === 0) return [];
    // GIN only (search.match_docnos, pg-schema.ts): for a common word (a sentence's 合作, 最近) the
    // planner estimated a sequential scan cheaper — under `limit cap` or not — and that scan
    // detoasts every vector (they live out of line): 0.85 s for one capped word against 0.04 s
    // through the GIN index, measured with EXPLAIN ANALYZE at 100,000 listings under load (issue 21,
    // bench:search's sentence mix). Index lookups stay far below jit_above_cost: JIT never compiles them.
    const limit = cap === null ? null : Math.max(1, Math.trunc(cap));
    const row = await this.one(
      sql`select ${sql.join(
        queries.map((q, i) => sql`search.match_docnos(${q}::tsquery, ${limit}::int8) as ${sql.raw(`m${i}`)}`),
        sql`, `,
      )}`,
    );
    return queries.map((_, i) => docnoList(row[`m${i}`] as string | null | undefined));
  }

  /**
   * How many documents match each tsquery, counted up to `cap` (one statement, GIN only,
   * search.count_matches). No docno list is built or sent: a word most listings hold costs its GIN
   * bitmap and `cap` heap rows, where `lookup` ships and parses every docno.
   */
  async count(queries: readonly string[], cap: number): Promise<number[]> {
    if (queries.length === 0) return [];
    const limit = Math.max(1, Math.trunc(cap));
    const row = await this.one(
      sql`select ${sql.join(
        queries.map((q, i) => sql`search.count_matches(${q}::tsquery, ${limit}::int8) as ${sql.raw(`m${i}`)}`),
        sql`, `,
      )}`,
    );
    return queries.map((_, i) => Number(row[`m${i}`] ?? 0));
  }

  private async one(statement: SQL): Promise<Record<string, unknown>> {
    return (await this.db.execute<Record<string, unknown>>(statement)).rows[0] ?? {};
  }

  /** Hit rows by docno, with ts_rank_cd against `rankQuery` when given. */
  async rows(docnos: readonly number[], rankQuery: string | null): Promise<Map<number, HitRow>> {
    if (docnos.length === 0) return new Map();
    const rank = rankExpression(rankQuery);
    const result = await this.db.execute<{ hit: HitRow; rank: number | null }>(
      sql`select ${HIT_JSON} as hit, ${rank} as rank from search.documents d where d.docno = any(${int8Array(docnos)})`,
    );
    return new Map(
      result.rows.map((r) => [Number(r.hit.docno), { ...r.hit, docno: Number(r.hit.docno), rank: r.rank ?? 0 }]),
    );
  }
}
