// Two-way matching (相关推荐) in the postgres engine: one GIN lookup per key term of the source
// (matching.ts), then kind and status from the doc values — which terms a listing contains is known
// without reading its vector. The best candidates by covered weight are scored by matching.ts.

import { matchTerms, scoreMatches, type MatchCandidate } from './matching.js';
import { facetCode } from './pg-facet-codes.js';
import type { HitRow, PgIndexReader } from './pg-reader.js';
import { tsqueryOf } from './pg-tsquery.js';
import { MATCHABLE_STATUSES, type MatchHit, type MatchOptions, type MatchSource } from './types.js';

export async function matchListings(
  reader: PgIndexReader,
  source: MatchSource,
  options: MatchOptions,
): Promise<MatchHit[]> {
  const { docValues } = reader;
  const kind = options.kind ?? (source.kind === 'supply' ? 'demand' : 'supply');
  const statuses = new Set((options.statuses ?? MATCHABLE_STATUSES[kind]).map((s) => facetCode('status', s)));
  const limit = Math.min(Math.max(1, options.limit ?? 10), 50);
  const terms = matchTerms(source);
  if (terms.length === 0 || statuses.size === 0) return [];
  // One GIN lookup per key term; which terms a listing contains is then known without reading it.
  const [, found] = await Promise.all([docValues.sync(), reader.lookup(terms.map((t) => tsqueryOf([t.unit], '&')))]);
  await reader.catchUp(found.flat());
  const kindCode = facetCode('kind', kind);
  const matched = new Map<number, string[]>();
  found.forEach((docnos, i) => {
    for (const d of docnos) {
      if (!docValues.isAlive(d) || docValues.value('kind', d) !== kindCode) continue;
      if (!statuses.has(docValues.value('status', d))) continue;
      const list = matched.get(d);
      if (list) list.push(terms[i]!.keyword);
      else matched.set(d, [terms[i]!.keyword]);
    }
  });
  const fieldCode = facetCode('field', source.field);
  const weightOf = new Map(terms.map((t) => [t.keyword, t.weight]));
  const coverage = (d: number) =>
    matched.get(d)!.reduce((s, t) => s + weightOf.get(t)!, 0) + (docValues.value('field', d) === fieldCode ? 0.01 : 0);
  const best = [...matched.keys()]
    .sort((a, b) => coverage(b) - coverage(a) || (docValues.publishedAt(b) || 0) - (docValues.publishedAt(a) || 0))
    .slice(0, limit + 1);
  const rows = await reader.rows(best, null);
  const candidates: MatchCandidate[] = best
    .map((d) => rows.get(d))
    .filter((r): r is HitRow => r !== undefined && r.id !== source.id)
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      summary: r.summary,
      organisationId: r.organisationId,
      organisationName: r.organisationName,
      field: r.field,
      region: r.region,
      status: r.status,
      matched: matched.get(r.docno) ?? [],
    }));
  return scoreMatches(source, terms, candidates, limit);
}
