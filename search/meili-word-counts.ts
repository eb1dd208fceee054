// "Does this word occur, and how often?" in the Meilisearch engine (SearchEngine.wordCounts, for the
// empty page): one multi-search with one hitless query per word — `limit: 0` asks for no documents
// and no facets, and answers `estimatedTotalHits` (offset/limit pagination, documented as the cheap
// one; page/hitsPerPage would count exhaustively) — then the words found nowhere again in pinyin, as
// a search does (meili-search.ts). Meilisearch offers no term-statistics route; its index stats give
// documents per field, not per word.

import type { MultiSearchQuery, SearchResponse } from 'meilisearch';
import type { MeiliClient } from './meili-client.js';
import { matchingStrategy, pinyinQueryText, queryText } from './meili-query.js';
import { parseQuery, type QueryPlan } from './query-parser.js';

/** The hitless query that counts the listings `text` finds (the words of `plan`, or their pinyin). */
export function wordCountQuery(indexUid: string, plan: QueryPlan, text: string): MultiSearchQuery {
  return { indexUid, q: text, matchingStrategy: matchingStrategy(plan), locales: ['cmn'], limit: 0 };
}

async function totals(meili: MeiliClient, queries: MultiSearchQuery[]): Promise<number[]> {
  if (queries.length === 0) return [];
  const response = await meili.call(() => meili.client.multiSearch({ queries }));
  return (response.results as SearchResponse[]).map((r) => r.estimatedTotalHits ?? r.totalHits ?? 0);
}

export async function wordCountsMeili(meili: MeiliClient, words: readonly string[], cap = 1): Promise<number[]> {
  const limit = Math.max(1, Math.trunc(cap));
  const plans = words.map((w) => parseQuery(w));
  const counts = plans.map(() => 0);
  const ask = plans.flatMap((p, i) => (p.units.length > 0 ? [i] : []));
  const exact = await totals(
    meili,
    ask.map((i) => wordCountQuery(meili.uid, plans[i]!, queryText(plans[i]!))),
  );
  ask.forEach((i, k) => (counts[i] = Math.min(limit, exact[k]!)));
  const fuzzy = ask.flatMap((i) => {
    const text = counts[i] === 0 ? pinyinQueryText(plans[i]!) : null;
    return text === null ? [] : [{ i, text }];
  });
  const again = await totals(
    meili,
    fuzzy.map((f) => wordCountQuery(meili.uid, plans[f.i]!, f.text)),
  );
  fuzzy.forEach((f, k) => (counts[f.i] = Math.min(limit, again[k]!)));
  return counts;
}
