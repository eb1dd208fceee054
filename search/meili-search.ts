// Search in the Meilisearch engine. Disjunctive facets take one multi-search: the main query, which
// counts the facets without a filter of their own, plus one facet-only query per active facet filter
// that leaves its own filter out. Hits get highlights from highlight.ts, as in the postgres engine.

import type { Filter, MultiSearchQuery, SearchResponse } from 'meilisearch';
import { highlight, marksOf, snippet } from './highlight.js';
import type { MeiliClient } from './meili-client.js';
import { filtersOf, matchingStrategy, pinyinQueryText, queryText } from './meili-query.js';
import { FACET_ATTRIBUTES, HIT_ATTRIBUTES, orNull, str, type Hit } from './meili-schema.js';
import { FACET_VALUES, facetsFromCounts, validateQuery, type ValidQuery } from './query.js';
import type { FacetName, SearchHit, SearchQuery, SearchResult } from './types.js';

export async function searchMeili(meili: MeiliClient, query: SearchQuery): Promise<SearchResult> {
  const v = validateQuery(query);
  const exact = await searchText(meili, v, queryText(v.plan));
  if (exact.total > 0 || v.plan.units.length === 0) return exact;
  // Nothing matched the characters: try the words' pinyin (near-miss and homophone typos).
  const q = pinyinQueryText(v.plan);
  return q === null ? exact : searchText(meili, v, q);
}

async function searchText(meili: MeiliClient, v: ValidQuery, q: string): Promise<SearchResult> {
  const sort =
    v.sort === 'newest'
      ? ['publishedAtTs:desc']
      : v.sort === 'price'
        ? ['priceFen:asc']
        : v.sort === 'deadline'
          ? ['deadlineTs:asc']
          : undefined;
  const active = (Object.entries(v.facetFilters) as Array<[FacetName, string | undefined]>)
    .filter(([, value]) => value !== undefined)
    .map(([name]) => name);
  const activeSet = new Set(active);
  const common = { indexUid: meili.uid, q, matchingStrategy: matchingStrategy(v.plan), locales: ['cmn'] };
  // Disjunctive facets: the main query counts the facets without a filter of their own; each
  // filtered facet is counted by one more query that leaves its own filter out.
  const queries: MultiSearchQuery[] = [
    {
      ...common,
      filter: filtersOf(v) as Filter,
      facets: (Object.keys(FACET_ATTRIBUTES) as FacetName[])
        .filter((n) => !activeSet.has(n))
        .map((n) => FACET_ATTRIBUTES[n]),
      // page/hitsPerPage (not offset/limit) makes totalHits exact rather than estimated.
      page: v.page,
      hitsPerPage: v.pageSize,
      attributesToRetrieve: HIT_ATTRIBUTES,
      showRankingScore: true,
      ...(sort ? { sort } : {}),
    },
    ...active.map((name) => ({
      ...common,
      filter: filtersOf(v, name) as Filter,
      facets: [FACET_ATTRIBUTES[name]],
      page: 1,
      hitsPerPage: 0,
    })),
  ];
  const response = await meili.call(() => meili.client.multiSearch({ queries }));
  const [main, ...others] = response.results as Array<SearchResponse<Hit>>;
  if (!main) throw new Error('Meilisearch returned no result for the main query');
  const distribution: Record<string, Record<string, number>> = { ...(main.facetDistribution ?? {}) };
  others.forEach((r, i) => {
    const attribute = FACET_ATTRIBUTES[active[i]!];
    distribution[attribute] = r.facetDistribution?.[attribute] ?? {};
  });
  const counts = Object.fromEntries(
    (Object.keys(FACET_VALUES) as FacetName[]).map((n) => [
      n,
      new Map(Object.entries(distribution[FACET_ATTRIBUTES[n]] ?? {})),
    ]),
  ) as Record<FacetName, Map<string, number>>;
  const marks = marksOf(v.plan);
  const hits: SearchHit[] = main.hits.map((h) => ({
    id: str(h.id),
    kind: h.kind as SearchHit['kind'],
    title: str(h.title),
    summary: str(h.summary),
    organisationName: str(h.organisationName),
    field: h.field as SearchHit['field'],
    region: h.region as SearchHit['region'],
    pricingMode: orNull<SearchHit['pricingMode']>(h.pricingMode),
    transactionTypes: (h.transactionTypes ?? []) as SearchHit['transactionTypes'],
    status: h.status as SearchHit['status'],
    maturity: orNull<SearchHit['maturity']>(h.maturity),
    priceFen: orNull<number>(h.priceFen),
    deadline: orNull<string>(h.deadline),
    publishedAt: orNull<string>(h.publishedAt),
    inPool: h.inPool === true,
    score: v.sort === 'relevance' ? Number(h._rankingScore ?? 0) : 0,
    highlights: { title: highlight(str(h.title), marks), summary: snippet(str(h.summary), marks) },
  }));
  return {
    hits,
    total: main.totalHits ?? main.estimatedTotalHits ?? hits.length,
    page: v.page,
    pageSize: v.pageSize,
    facets: facetsFromCounts(counts),
  };
}
