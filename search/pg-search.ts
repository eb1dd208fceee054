// The postgres engine's search: the query's words looked up in GIN (pg-text-match.ts: minimum
// should match, rarity-weighted coverage, pinyin fallback), then filtering, facet counts and the first ranking stage over the doc values (pg-doc-select.ts),
// the second stage on the best candidates only (pg-ranking.ts), and hits with highlights.

import { highlight, marksOf, snippet } from './highlight.js';
import type { Scorer } from './pg-doc-select.js';
import { rerank, rerankDepth, textScorer } from './pg-ranking.js';
import type { PgIndexReader } from './pg-reader.js';
import { matchText } from './pg-text-match.js';
import { facetsFromCounts, validateQuery } from './query.js';
import type { SearchHit, SearchQuery, SearchResult } from './types.js';

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

export async function searchIndex(reader: PgIndexReader, query: SearchQuery): Promise<SearchResult> {
  const { docValues } = reader;
  const v = validateQuery(query);
  const units = v.plan.units;
  const want = v.offset + v.pageSize;
  let candidates: number[] | null = null;
  let score: Scorer | Float64Array;
  let rankQuery: string | null = null;
  let depth = want;
  if (units.length > 0) {
    const text = await matchText(reader, units, v.sort === 'relevance', v.plan.text);
    candidates = text.candidates;
    await reader.catchUp(candidates);
    if (v.sort === 'relevance') {
      score = textScorer(docValues, text.score);
      rankQuery = text.rankQuery;
      depth = rerankDepth(want);
    } else {
      score = docValues.sortKey(v.sort);
    }
  } else {
    await docValues.sync();
    score = docValues.sortKey(v.sort === 'relevance' ? 'newest' : v.sort);
  }
  const selection = docValues.select(v, candidates, score, depth);
  let ordered = selection.top;
  const rows = await reader.rows(rankQuery === null ? ordered.slice(v.offset, want) : ordered, rankQuery);
  const first = new Map(ordered.map((d) => [d, score instanceof Float64Array ? score[d]! : score(d)]));
  if (rankQuery !== null) ordered = rerank(ordered, first, rows);
  const marks = marksOf(v.plan);
  const hits: SearchHit[] = [];
  for (const d of ordered.slice(v.offset, want)) {
    const r = rows.get(d);
    // A document removed between the lookup and the fetch is simply skipped.
    if (!r) continue;
    hits.push({
      id: r.id,
      kind: r.kind,
      title: r.title,
      summary: r.summary,
      organisationName: r.organisationName,
      field: r.field,
      region: r.region,
      pricingMode: r.pricingMode ?? null,
      transactionTypes: r.transactionTypes ?? [],
      status: r.status,
      maturity: r.maturity ?? null,
      priceFen: r.priceFen === null || r.priceFen === undefined ? null : Number(r.priceFen),
      deadline: iso(r.deadline),
      publishedAt: iso(r.publishedAt),
      inPool: r.inPool === true,
      score: rankQuery === null ? 0 : Math.round((first.get(d)! + (r.rank ?? 0)) * 10_000) / 10_000,
      highlights: { title: highlight(r.title, marks), summary: snippet(r.summary, marks) },
    });
  }
  return {
    hits,
    total: selection.total,
    page: v.page,
    pageSize: v.pageSize,
    facets: facetsFromCounts(selection.counts),
  };
}
