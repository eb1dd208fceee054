// Relevance ranking of the postgres engine, in two stages (search/README.md, Ranking):
//   1. over every match, in the process: the share of the query's words (weighted by rarity) the
//      listing holds, plus the same share in its title (pg-text-match.ts), plus recency;
//   2. for the best candidates only, ts_rank_cd of their vectors (weights D 0.05, C 0.2, B 0.4,
//      A 1.0, normalised to 0–1), added to the first-stage score.

import { sql, type SQL } from 'drizzle-orm';
import type { Scorer } from './pg-doc-select.js';
import type { DocValues } from './pg-doc-values.js';

/** Candidates re-ranked by ts_rank_cd: at least this many, and twice the requested depth. */
export const RERANK_MIN = 50;

/** Candidates the second stage re-ranks for a page ending at hit `want`. */
export function rerankDepth(want: number): number {
  return Math.max(RERANK_MIN, 2 * want);
}

/** First stage: the text score (coverage of the query, in the body and in the title), then recency. */
export function textScorer(docValues: DocValues, text: (docno: number) => number): Scorer {
  const now = Date.now();
  return (d) => text(d) + recency(docValues.publishedAt(d), now);
}

/** The second-stage rank of search.documents `d` against `rankQuery` (null: no ranking). */
export function rankExpression(rankQuery: string | null): SQL {
  return rankQuery === null
    ? sql`null`
    : sql`(select ts_rank_cd('{0.05,0.2,0.4,1.0}', t.tsv, ${rankQuery}::tsquery, 32)
            from search.terms t where t.docno = d.docno)`;
}

/** Second stage: ts_rank_cd (title > summary/owner/result > description > labels) added. */
export function rerank(
  ordered: readonly number[],
  first: ReadonlyMap<number, number>,
  rows: ReadonlyMap<number, { rank?: number }>,
): number[] {
  const total = (d: number) => first.get(d)! + (rows.get(d)?.rank ?? 0);
  return [...ordered].sort((a, b) => total(b) - total(a) || a - b);
}

/** 0.15 for a listing published now, halving over about half a year. */
function recency(publishedAt: number, now: number): number {
  if (Number.isNaN(publishedAt)) return 0;
  const days = Math.max(0, now - publishedAt) / 86_400_000;
  return 0.15 / (1 + days / 180);
}
