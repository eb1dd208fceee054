// Medians and 90th percentiles of "days from listing to conversion" (措施十三 效率). The summary tables
// keep a histogram (days → count) per cell, so any roll-up of cells is a sum of histograms and its
// quantiles are exact. Definition (nearest rank): the q-quantile of n sorted values is the value at
// rank ⌈q·n⌉ (1-based); the median of 1, 2, 3, 4 is 2, its p90 is 4. No value: null.

/** A histogram: value → how many times it occurs. */
export type Histogram = ReadonlyMap<number, number>;

/** Nearest-rank quantile (0 < q ≤ 1) of the values a histogram holds; null when it holds none. */
export function quantile(histogram: Histogram, q: number): number | null {
  if (!(q > 0 && q <= 1)) throw new RangeError(`quantile ${q} outside (0, 1]`);
  const entries = [...histogram.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (const [value, n] of entries) {
    seen += n;
    if (seen >= rank) return value;
  }
  return entries[entries.length - 1]![0];
}

/** Adds histograms together. */
export function mergeHistograms(histograms: Iterable<Histogram>): Map<number, number> {
  const merged = new Map<number, number>();
  for (const h of histograms) for (const [value, n] of h) merged.set(value, (merged.get(value) ?? 0) + n);
  return merged;
}

/** The histogram of a list of values. */
export function histogramOf(values: Iterable<number>): Map<number, number> {
  const h = new Map<number, number>();
  for (const v of values) h.set(v, (h.get(v) ?? 0) + 1);
  return h;
}
