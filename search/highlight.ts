// Highlights are returned as segments ({ text, hit }) rather than HTML: the web app renders them as
// React elements, so listing text is never injected as markup. Both engines use this one function,
// so the same query highlights the same words whichever engine answered.

import type { QueryPlan } from './query-parser.js';
import { foldTraditional } from './fold.js';
import { isCjk } from './text.js';

export interface TextSegment {
  text: string;
  /** True when this piece matched the query. */
  hit: boolean;
}

export const ELLIPSIS = '…';
const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]/u;

/** The normalised strings a plan highlights: each unit's word and synonyms. */
export function marksOf(plan: QueryPlan): string[] {
  return [...new Set(plan.units.flatMap((u) => u.marks))];
}

/**
 * Normalises per code point (NFKC + lower case + traditional folding, as the segmenter does) and remembers, for each
 * normalised UTF-16 unit, where its source code point starts and ends in the original text.
 */
function normalizeWithMap(text: string): { normalized: string; from: number[]; to: number[] } {
  let normalized = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = foldTraditional(ch.normalize('NFKC').toLowerCase());
    for (let k = 0; k < n.length; k++) {
      from.push(i);
      to.push(i + ch.length);
    }
    normalized += n;
    i += ch.length;
  }
  return { normalized, from, to };
}

/** Ranges [start, end) of the original text that match any mark, merged and sorted. */
export function matchRanges(text: string, marks: readonly string[]): Array<[number, number]> {
  if (marks.length === 0 || text.length === 0) return [];
  const { normalized, from, to } = normalizeWithMap(text);
  const ranges: Array<[number, number]> = [];
  for (const mark of marks) {
    if (mark.length === 0) continue;
    // Latin/digit words match whole words only: "ai" must not light up inside "detail".
    const wordLike = !isCjk(mark);
    for (let at = normalized.indexOf(mark); at >= 0; at = normalized.indexOf(mark, at + 1)) {
      const end = at + mark.length;
      if (wordLike) {
        const before = normalized[at - 1];
        const after = normalized[end];
        if ((before && LATIN_OR_DIGIT.test(before)) || (after && LATIN_OR_DIGIT.test(after))) continue;
      }
      ranges.push([from[at]!, to[end - 1]!]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

function segmentsOf(text: string, ranges: Array<[number, number]>, start: number, end: number): TextSegment[] {
  const out: TextSegment[] = [];
  let at = start;
  for (const [s, e] of ranges) {
    const a = Math.max(s, start);
    const b = Math.min(e, end);
    if (b <= a) continue;
    if (a > at) out.push({ text: text.slice(at, a), hit: false });
    out.push({ text: text.slice(a, b), hit: true });
    at = b;
  }
  if (at < end) out.push({ text: text.slice(at, end), hit: false });
  return out;
}

/** The whole text, split into matched and unmatched segments. */
export function highlight(text: string, marks: readonly string[]): TextSegment[] {
  return segmentsOf(text, matchRanges(text, marks), 0, text.length);
}

function safeCut(text: string, at: number): number {
  const c = text.charCodeAt(at);
  return c >= 0xdc00 && c <= 0xdfff ? at + 1 : at;
}

/**
 * At most `maxChars` of the text around its first match (its start when nothing matched), with
 * ellipsis segments where it was cut.
 */
export function snippet(text: string, marks: readonly string[], maxChars = 120): TextSegment[] {
  if (text.length <= maxChars) return highlight(text, marks);
  const ranges = matchRanges(text, marks);
  const first = ranges[0]?.[0] ?? 0;
  // Some context before the first match, but never waste the window on it.
  let start = Math.max(0, first - Math.floor(maxChars / 5));
  if (start + maxChars > text.length) start = Math.max(0, text.length - maxChars);
  start = safeCut(text, start);
  const end = safeCut(text, Math.min(text.length, start + maxChars));
  const out = segmentsOf(text, ranges, start, end);
  if (start > 0) out.unshift({ text: ELLIPSIS, hit: false });
  if (end < text.length) out.push({ text: ELLIPSIS, hit: false });
  return out;
}
