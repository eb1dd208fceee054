// Query building for the Meilisearch engine: filters from whitelisted attribute names and quoted
// values only (numbers formatted by us, never copied from input), and the query text — the
// segmenter's units, so Meilisearch looks for the same words as the postgres engine.

import { FACET_ATTRIBUTES } from './meili-schema.js';
import type { ValidQuery } from './query.js';
import type { QueryPlan } from './query-parser.js';
import type { FacetName } from './types.js';

/** A filter value as a Meilisearch string literal: quotes and backslashes escaped. */
export function quoteFilterValue(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function facetFilter(name: FacetName, value: string): string {
  return `${FACET_ATTRIBUTES[name]} = ${quoteFilterValue(value)}`;
}

export function filtersOf(v: ValidQuery, except?: FacetName): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(v.facetFilters) as Array<[FacetName, string | undefined]>) {
    if (value !== undefined && name !== except) out.push(facetFilter(name, value));
  }
  if (v.inPool !== undefined) out.push(`inPool = ${v.inPool ? 'true' : 'false'}`);
  // Integers validated by validateQuery; formatted by us, never copied from input.
  if (v.min !== undefined) out.push(`priceFen >= ${Math.trunc(v.min)}`);
  if (v.max !== undefined) out.push(`priceFen <= ${Math.trunc(v.max)}`);
  return out;
}

/** The query text Meilisearch receives: the segmenter's units, space-separated. */
export function queryText(plan: QueryPlan): string {
  return plan.units.map((u) => u.text).join(' ');
}
