// Query building for the Meilisearch engine: filters from whitelisted attribute names and quoted
// values only (numbers formatted by us, never copied from input), and the query text — the
// segmenter's units, so Meilisearch looks for the same words as the postgres engine.

import { FACET_ATTRIBUTES } from './meili-schema.js';
import { pinyinOf } from './pinyin.js';
import { isCjk } from './text.js';
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

/**
 * Minimum should match in Meilisearch's terms (query-parser.ts `minimumShouldMatch`): every word of
 * one or two, else `frequency` — the most common words may be left out, the rarest are kept.
 */
export function matchingStrategy(plan: QueryPlan): 'all' | 'frequency' {
  return plan.units.length <= 2 ? 'all' : 'frequency';
}

/**
 * The query again in pinyin, for a search that found nothing (pinyin.ts): each CJK word of two or
 * more characters as its pinyin, which the documents' `pinyin` attribute holds; null when no word
 * has a pinyin form.
 */
export function pinyinQueryText(plan: QueryPlan): string | null {
  let changed = false;
  const whole = plan.units.map((u) => u.text).join('');
  // One typed run cut in two by a typo (锂电 + 驰) is tried whole, as the postgres engine does.
  const units =
    plan.units.length > 1 && isCjk(whole) && plan.text.includes(whole) ? [whole] : plan.units.map((u) => u.text);
  const words = units.map((w) => {
    const py = isCjk(w) && Array.from(w).length >= 2 ? pinyinOf(w) : '';
    if (py === '') return w;
    changed = true;
    return py;
  });
  return changed ? words.join(' ') : null;
}
