// Facet value codes of the postgres engine's doc values: every facet value is a small integer (its
// index in FACET_VALUES, plus one; 0 is "none or unknown"), so a column fits in a byte. Shared by
// the doc values (pg-doc-values.ts), selection (pg-doc-select.ts) and matching (pg-match.ts).

import { FACET_VALUES } from './query.js';
import type { FacetName } from './types.js';

/** Facets with one value per document, in column order. */
export const SINGLE_FACETS = ['kind', 'field', 'region', 'pricingMode', 'status', 'maturity'] as const;
export type SingleFacet = (typeof SINGLE_FACETS)[number];

// Transaction types are a bit mask in a byte.
export const TRANSACTION_KINDS = FACET_VALUES.transactionType.length;

const codeOf = Object.fromEntries(
  (Object.keys(FACET_VALUES) as FacetName[]).map((name) => [
    name,
    new Map(FACET_VALUES[name].map((v, i) => [v, i + 1])),
  ]),
) as Record<FacetName, Map<string, number>>;

/** The facet value code of a value (0 when unknown). */
export function facetCode(name: FacetName, value: string): number {
  return codeOf[name].get(value) ?? 0;
}
