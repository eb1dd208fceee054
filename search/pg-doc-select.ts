// Selection over the doc values: filters the documents that matched the text (or all of them),
// counts facets — each under every active filter but its own, so the sidebar shows what choosing
// another value would give — and keeps the best `limit` by the first-stage score or sort key. One
// pass over typed arrays; see pg-doc-values.ts for why this runs in the process.

import { facetCode, SINGLE_FACETS, TRANSACTION_KINDS, type SingleFacet } from './pg-facet-codes.js';
import { TopN } from './pg-top-n.js';
import { FACET_VALUES, type ValidQuery } from './query.js';
import type { FacetName } from './types.js';

export interface Selection {
  /** Documents passing every filter. */
  total: number;
  counts: Record<FacetName, Map<string, number>>;
  /** The best `limit` passing documents by the requested order, best first. */
  top: number[];
}

/** Higher is better; documents without the sorted value come last. */
export type Scorer = (docno: number) => number;

/** The arrays a selection reads: DocValues hands out its current ones (pg-doc-values.ts). */
export interface DocColumns {
  alive: Uint8Array;
  /** The single facets' value codes, in SINGLE_FACETS order. */
  columns: Uint8Array[];
  transactionMask: Uint8Array;
  inPool: Uint8Array;
  price: Float64Array;
  maxDocno: number;
}

/**
 * Filters `candidates` (docnos that matched the text in PostgreSQL; null for every document),
 * counts facets and picks the best `limit` by `score`. Each facet is counted under all active
 * facet filters but its own.
 */
export function selectDocs(
  values: DocColumns,
  v: ValidQuery,
  candidates: readonly number[] | null,
  score: Scorer | Float64Array,
  limit: number,
): Selection {
  // Active facet filters as parallel arrays; column -1 is the transaction-type bit mask.
  const activeColumn: number[] = [];
  const activeCode: number[] = [];
  let transactionActive = -1;
  for (const [name, value] of Object.entries(v.facetFilters) as Array<[FacetName, string | undefined]>) {
    if (value === undefined) continue;
    const code = facetCode(name, value);
    if (name === 'transactionType') {
      transactionActive = activeColumn.length;
      activeColumn.push(-1);
      activeCode.push(code > 0 ? 1 << (code - 1) : 0);
    } else {
      activeColumn.push(SINGLE_FACETS.indexOf(name as SingleFacet));
      activeCode.push(code);
    }
  }
  const nActive = activeColumn.length;
  const [c0, c1, c2, c3, c4, c5] = values.columns as [
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
  ];
  const columns = values.columns;
  const [n0, n1, n2, n3, n4, n5] = SINGLE_FACETS.map((name) => new Int32Array(FACET_VALUES[name].length + 1)) as [
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
  ];
  const facetCounts = [n0, n1, n2, n3, n4, n5];
  const transactionCounts = new Int32Array(TRANSACTION_KINDS);
  const mask = values.transactionMask;
  const alive = values.alive;
  const inPool = values.inPool;
  const price = values.price;
  const wantPool = v.inPool === undefined ? -1 : v.inPool ? 1 : 0;
  const min = v.min ?? -Infinity;
  const max = v.max ?? Infinity;
  const priced = v.min !== undefined || v.max !== undefined;
  const keys = score instanceof Float64Array ? score : null;
  const scorer = score instanceof Float64Array ? null : score;
  const maxDocno = values.maxDocno;
  const top = new TopN(limit);
  let total = 0;
  const count = candidates === null ? maxDocno + 1 : candidates.length;

  for (let i = 0; i < count; i++) {
    const d = candidates === null ? i : candidates[i]!;
    if (d > maxDocno || alive[d] === 0) continue;
    if (wantPool >= 0 && inPool[d] !== wantPool) continue;
    if (priced) {
      const p = price[d]!;
      if (!(p >= min && p <= max)) continue;
    }
    let failed = -1;
    let failures = 0;
    for (let a = 0; a < nActive; a++) {
      const column = activeColumn[a]!;
      const pass = column < 0 ? (mask[d]! & activeCode[a]!) !== 0 : columns[column]![d] === activeCode[a];
      if (!pass) {
        failures++;
        failed = a;
        if (failures > 1) break;
      }
    }
    if (failures > 1) continue;
    if (failures === 0) {
      total++;
      n0[c0[d]!]!++;
      n1[c1[d]!]!++;
      n2[c2[d]!]!++;
      n3[c3[d]!]!++;
      n4[c4[d]!]!++;
      n5[c5[d]!]!++;
      const m = mask[d]!;
      if (m !== 0) for (let b = 0; b < TRANSACTION_KINDS; b++) if (m & (1 << b)) transactionCounts[b]!++;
      top.offer(keys ? keys[d]! : scorer!(d), d);
      continue;
    }
    // Fails exactly one filter: counts only towards that filter's own facet.
    if (failed === transactionActive) {
      const m = mask[d]!;
      for (let b = 0; b < TRANSACTION_KINDS; b++) if (m & (1 << b)) transactionCounts[b]!++;
    } else {
      const c = activeColumn[failed]!;
      facetCounts[c]![columns[c]![d]!]!++;
    }
  }

  const counts = Object.fromEntries(
    (Object.keys(FACET_VALUES) as FacetName[]).map((n) => [n, new Map<string, number>()]),
  ) as Record<FacetName, Map<string, number>>;
  SINGLE_FACETS.forEach((name, c) => {
    FACET_VALUES[name].forEach((value, i) => counts[name].set(value, facetCounts[c]![i + 1]!));
  });
  FACET_VALUES.transactionType.forEach((value, b) => counts.transactionType.set(value, transactionCounts[b]!));
  return { total, counts, top: top.sorted() };
}
