// Query side of the segmenter: `parseQuery` turns a user's text into units that must all match;
// each unit is one word and its synonyms (synonyms.ts). Synonym-table entries are recognised first,
// CJK runs are cut by jieba, lone characters join a neighbour, long words are split into dictionary
// words and function words are dropped. Query text is never rejected. See search/README.md.

import { segmenter } from './jieba.js';
import { expandSynonyms, synonymKeysByLength } from './synonyms.js';
import { normalizeText, RUN_RE, truncate, WORD_CLASS } from './text.js';

/** A query is cut to this many characters (after normalisation); longer input is not an error. */
export const MAX_QUERY_CHARS = 100;
/** At most this many units take part in a query; the rest are ignored. */
export const MAX_QUERY_UNITS = 8;

/** One word of the query: a document must contain the word or one of its synonyms. */
export interface QueryUnit {
  text: string;
  /** The word and its synonyms (normalised): what a document must contain one of. */
  words: string[];
  /** Normalised strings to mark in highlights (the same words). */
  marks: string[];
  /** The last word of an autocomplete prefix: may be incomplete. */
  prefix: boolean;
}

export interface QueryPlan {
  /** The normalised, cut query text. */
  text: string;
  units: QueryUnit[];
}

// Single characters that carry no meaning on their own in a query (的, 和 …); dropped unless alone.
const STOP_CHARS = new Set('的了和与及或在是对等之其也并而着就都又把被为于以从向'.split(''));

// Function words people put in queries (基于深度学习的缺陷检测) that listings need not contain.
const STOP_WORDS = new Set([
  '基于',
  '一种',
  '用于',
  '关于',
  '以及',
  '通过',
  '进行',
  '及其',
  '一个',
  '如何',
  '什么',
  '相关',
  '具有',
  '利用',
  '采用',
  '我们',
  '需要',
  '寻求',
]);

/** The query unit of one normalised word (used for matching terms). */
export function queryUnit(word: string): QueryUnit {
  return makeUnit(word, false);
}

function makeUnit(word: string, prefix: boolean): QueryUnit {
  const words = [word, ...expandSynonyms(word)];
  return { text: word, words, marks: [...words], prefix };
}

/**
 * A long word as the shorter dictionary words that cover it (废水处理 → 废水, 处理), so a query
 * also finds 废水深度处理; the word itself when no such cover exists.
 */
function splitCompound(word: string): string[] {
  const chars = Array.from(word);
  if (chars.length < 4) return [word];
  const subs = segmenter()
    .cutForSearch(word, true)
    .filter((t) => t !== word && Array.from(t).length >= 2);
  const parts: string[] = [];
  let at = 0;
  while (at < word.length) {
    let best = '';
    for (const sub of subs) if (sub.length > best.length && word.startsWith(sub, at)) best = sub;
    if (best === '') return [word];
    parts.push(best);
    at += best.length;
  }
  return parts;
}

/** Splits a CJK run into query words with jieba's precise cut. */
function cjkWords(run: string): string[] {
  const words = segmenter().cut(run, true);
  // A lone character (热 in 热失控) joins its neighbour, so the unit is the substring the user typed.
  const merged: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (Array.from(w).length > 1 || words.length === 1) {
      merged.push(w);
      continue;
    }
    if (STOP_CHARS.has(w)) continue;
    if (i + 1 < words.length) words[i + 1] = w + words[i + 1]!;
    else if (merged.length > 0) merged[merged.length - 1] += w;
    else merged.push(w);
  }
  return merged.flatMap(splitCompound);
}

const LATIN_OR_DIGIT = new RegExp(`[${WORD_CLASS}]`, 'u');

/** Splits text at occurrences of synonym-table entries (whole words only for Latin edges). */
function synonymPieces(text: string): Array<{ text: string; fixed: boolean }> {
  let pieces: Array<{ text: string; fixed: boolean }> = [{ text, fixed: false }];
  for (const key of synonymKeysByLength()) {
    const next: typeof pieces = [];
    for (const piece of pieces) {
      if (piece.fixed) {
        next.push(piece);
        continue;
      }
      let rest = piece.text;
      let from = 0;
      for (;;) {
        const at = rest.indexOf(key, from);
        if (at < 0) break;
        const before = rest[at - 1];
        const after = rest[at + key.length];
        const latinStart = LATIN_OR_DIGIT.test(key[0]!);
        const latinEnd = LATIN_OR_DIGIT.test(key[key.length - 1]!);
        if (
          (latinStart && before && LATIN_OR_DIGIT.test(before)) ||
          (latinEnd && after && LATIN_OR_DIGIT.test(after))
        ) {
          from = at + 1;
          continue;
        }
        if (at > 0) next.push({ text: rest.slice(0, at), fixed: false });
        next.push({ text: key, fixed: true });
        rest = rest.slice(at + key.length);
        from = 0;
      }
      if (rest.length > 0) next.push({ text: rest, fixed: false });
    }
    pieces = next;
  }
  return pieces;
}

/**
 * Turns user input into query units. Never throws on content: hostile or meaningless input yields
 * fewer (or no) units. `prefixLast` lets the last unit be an incomplete word (autocomplete).
 */
export function parseQuery(input: string, options: { prefixLast?: boolean } = {}): QueryPlan {
  const text = truncate(normalizeText(input), MAX_QUERY_CHARS).trim();
  const words: string[] = [];
  for (const piece of synonymPieces(text)) {
    if (piece.fixed) {
      words.push(piece.text);
      continue;
    }
    for (const m of piece.text.matchAll(RUN_RE)) {
      if (m[1] !== undefined) words.push(...cjkWords(m[1]));
      else if (m[2] !== undefined) words.push(m[2]);
    }
  }
  let unique = [...new Set(words)];
  const meaningful = unique.filter((w) => !STOP_WORDS.has(w));
  if (meaningful.length > 0) unique = meaningful;
  unique = unique.slice(0, MAX_QUERY_UNITS);
  const units = unique.map((w, i) => makeUnit(w, options.prefixLast === true && i === unique.length - 1));
  return { text, units };
}
