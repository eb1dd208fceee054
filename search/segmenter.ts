// The one Chinese segmenter shared by both engines, the document builder and the highlighter.
//
// Index side, a text becomes tokens with character positions (see TOKEN):
//   - CJK character bigrams, so any two-character substring is a token (电池 inside 锂电池), and
//     trigrams, which the postgres engine uses to match longer words without positional checks;
//   - jieba `cutForSearch` words of three or more characters (shorter ones are bigrams already);
//   - Latin/digit words (5g, ai, co2, zl202310123456.7) kept whole, plus their parts and the
//     digits-only forms people type for patent numbers (202310123456.7, 2023101234567).
// Text is NFKC-normalised (full-width → half-width) and lower-cased first; punctuation separates.
// Query side, `parseQuery` turns a user's text into units that must all match: each unit is one
// word and its synonyms. See search/README.md.

import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';
import { expandSynonyms, synonymKeysByLength } from './synonyms.js';

/** Text beyond this many characters is not indexed: positions stay below PostgreSQL's 16,383 limit and time stays bounded. */
export const MAX_INDEXED_CHARS = 16_000;
/** A query is cut to this many characters (after normalisation); longer input is not an error. */
export const MAX_QUERY_CHARS = 100;
/** At most this many units take part in a query; the rest are ignored. */
export const MAX_QUERY_UNITS = 8;
/** Latin/digit tokens longer than this are cut (a 10,000-character "word" is not a word). */
export const MAX_TOKEN_CHARS = 64;

let jieba: Jieba | undefined;
let tfidf: TfIdf | undefined;

/** The jieba instance, loading its dictionary (~250 ms) on first use only. */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

function keywordExtractor(): TfIdf {
  tfidf ??= TfIdf.withDict(idf);
  return tfidf;
}

/** Loads the dictionaries now rather than on the first document or query. */
export function warmUpSegmenter(): void {
  segmenter();
  keywordExtractor();
}

const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const WORD_CLASS = '\\p{Script=Latin}\\p{Script=Greek}\\p{Script=Cyrillic}\\p{Nd}';
// A run is either CJK characters or a Latin/digit word whose parts may be joined by . - _ (pm2.5,
// ti-6al-4v, zl202310123456.7). Everything else (punctuation, spaces, symbols) separates runs.
const RUN_RE = new RegExp(`([${CJK_CLASS}]+)|([${WORD_CLASS}]+(?:[._-][${WORD_CLASS}]+)*)`, 'gu');
const CJK_RE = new RegExp(`^[${CJK_CLASS}]+$`, 'u');
const CONNECTOR_RE = /[._-]/;
const WORDLIKE_RE = new RegExp(`[${CJK_CLASS}${WORD_CLASS}]`, 'u');
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff0-\uffff]/g;
const SURROGATE_RE = /[\ud800-\udfff]/;

/** Full-width → half-width and other compatibility forms (NFKC), lower case, control characters → space. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(CONTROL_RE, ' ');
}

/** Cuts a string to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

export function isCjk(text: string): boolean {
  return CJK_RE.test(text);
}

/** What produced a token (bit flags; a run's last bigram is BIGRAM | FINAL). */
export const TOKEN = {
  /** A one-character CJK run. */
  UNIGRAM: 1,
  BIGRAM: 2,
  /** The last bigram of a CJK run. */
  FINAL: 4,
  TRIGRAM: 8,
  /** A Latin/digit word or one of its forms. */
  WORD: 16,
  /** A jieba search-mode word of three or more characters. */
  JIEBA: 32,
} as const;

/** Tokens as parallel arrays: lexeme, 0-based character (code point) offset, TOKEN flags. */
export interface Analysis {
  lexemes: string[];
  positions: number[];
  flags: number[];
}

/** The tokens shared by both engines as a document's `keywords`: no trigrams (engine-internal). */
export const KEYWORD_TOKENS = TOKEN.UNIGRAM | TOKEN.BIGRAM | TOKEN.WORD | TOKEN.JIEBA;

/** Maps UTF-16 offsets to code point offsets; the identity when the text has no astral characters. */
function codePointIndex(text: string): (utf16: number) => number {
  if (!SURROGATE_RE.test(text)) return (i) => i;
  const map = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    if (!(c >= 0xd800 && c <= 0xdbff && i + 1 < text.length)) cp++;
  }
  map[text.length] = cp;
  return (i) => map[i] ?? cp;
}

function wordForms(word: string): Array<{ lexeme: string; offset: number }> {
  const w = word.length > MAX_TOKEN_CHARS ? word.slice(0, MAX_TOKEN_CHARS) : word;
  const out = [{ lexeme: w, offset: 0 }];
  if (CONNECTOR_RE.test(w)) {
    // ti-6al-4v → ti, 6al, 4v; zl202310123456.7 → zl202310123456, 7; plus the joined form.
    let offset = 0;
    for (const part of w.split(/([._-])/)) {
      if (part.length > 0 && !CONNECTOR_RE.test(part)) out.push({ lexeme: part, offset });
      offset += part.length;
    }
    out.push({ lexeme: w.replace(/[._-]/g, ''), offset: 0 });
  }
  // Letters then a long number (patent, standard or registration numbers: zl2023…, gb50016, iso9001):
  // people also type the number alone, with or without its check digit separator.
  const m = /^(\p{L}+)(\d{4,}(?:[._-]\d+)*)$/u.exec(w);
  if (m?.[1] && m[2]) {
    out.push({ lexeme: m[1], offset: 0 });
    out.push({ lexeme: m[2], offset: m[1].length });
    if (CONNECTOR_RE.test(m[2])) out.push({ lexeme: m[2].replace(/[._-]/g, ''), offset: m[1].length });
  }
  return out;
}

/**
 * Segments already-normalised text into positioned tokens (see the file comment). Positions are
 * code point offsets: consecutive n-grams of a CJK run sit at consecutive positions.
 */
export function analyzeNormalized(text: string, options: { jieba?: boolean; allBigrams?: boolean } = {}): Analysis {
  const allBigrams = options.allBigrams !== false;
  const lexemes: string[] = [];
  const positions: number[] = [];
  const flags: number[] = [];
  const cpAt = codePointIndex(text);
  let hasCjk = false;
  for (const m of text.matchAll(RUN_RE)) {
    const start = cpAt(m.index);
    const run = m[1];
    if (run !== undefined) {
      hasCjk = true;
      const chars = SURROGATE_RE.test(run) ? Array.from(run) : run;
      const n = chars.length;
      if (n === 1) {
        lexemes.push(chars[0]!);
        positions.push(start);
        flags.push(TOKEN.UNIGRAM);
      }
      for (let k = 0; k + 1 < n; k++) {
        const bigram = chars[k]! + chars[k + 1]!;
        if (k + 2 === n) {
          lexemes.push(bigram);
          positions.push(start + k);
          flags.push(TOKEN.BIGRAM | TOKEN.FINAL);
        } else {
          if (allBigrams) {
            lexemes.push(bigram);
            positions.push(start + k);
            flags.push(TOKEN.BIGRAM);
          }
          lexemes.push(bigram + chars[k + 2]!);
          positions.push(start + k);
          flags.push(TOKEN.TRIGRAM);
        }
      }
    } else if (m[2] !== undefined) {
      for (const f of wordForms(m[2])) {
        lexemes.push(f.lexeme);
        positions.push(start + f.offset);
        flags.push(TOKEN.WORD);
      }
    }
  }
  if (hasCjk && options.jieba !== false) {
    // jieba's search-mode words of three or more characters. Tokens come in text order, each word
    // after its sub-words, so searching from a little before the previous token finds each one's
    // place; a rare misplacement only nudges ranking, never matching (n-grams carry exact positions).
    let last = 0;
    for (const token of segmenter().cutForSearch(text, true)) {
      if (token.length < 3 || !CJK_RE.test(token)) continue;
      const at = text.indexOf(token, Math.max(0, last - 8));
      if (at < 0) continue;
      lexemes.push(token);
      positions.push(cpAt(at));
      flags.push(TOKEN.JIEBA);
      last = at;
    }
  }
  return { lexemes, positions, flags };
}

/** The unique lexemes of an analysis whose flags intersect `mask`, in first-seen order. */
export function lexemesOf(analysis: Analysis, mask: number = KEYWORD_TOKENS): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < analysis.lexemes.length; i++) {
    if (analysis.flags[i]! & mask) seen.add(analysis.lexemes[i]!);
  }
  return [...seen];
}

/** Normalises, caps and segments a text into keywords (jieba words, CJK bigrams, Latin/digit words). */
export function tokenize(text: string): string[] {
  return lexemesOf(analyzeNormalized(truncate(normalizeText(text), MAX_INDEXED_CHARS)));
}

// ---------------------------------------------------------------------------------------------
// Queries

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

/**
 * Whether a document's `keywords` hold a word: as a token, or (for longer CJK words) every one of
 * its bigrams; a mixed word (3d打印) needs each of its script runs.
 */
export function keywordsContain(keywords: ReadonlySet<string>, word: string): boolean {
  if (keywords.has(word)) return true;
  const runs = splitRuns(word);
  if (runs.length > 1) return runs.every((r) => keywordsContain(keywords, r));
  if (!isCjk(word) || Array.from(word).length < 3) return false;
  return bigramsOf(word).every((b) => keywords.has(b));
}

function bigramsOf(word: string): string[] {
  const chars = Array.from(word);
  const out: string[] = [];
  for (let k = 0; k + 1 < chars.length; k++) out.push(chars[k]! + chars[k + 1]!);
  return out;
}

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

/** A word's script runs: 3d打印 → 3d, 打印 (a document holds them as separate tokens). */
export function splitRuns(word: string): string[] {
  return [...word.matchAll(RUN_RE)].map((m) => m[0]);
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

/**
 * The most characteristic words of a text (TF-IDF over jieba's dictionary), for matching a listing
 * against listings of the other kind. Weights are relative.
 */
export function extractKeywords(
  text: string,
  topK: number,
  exclude: ReadonlySet<string> = new Set(),
): Array<{ keyword: string; weight: number }> {
  const normalized = truncate(normalizeText(text), MAX_INDEXED_CHARS);
  const seen = new Set<string>();
  const out: Array<{ keyword: string; weight: number }> = [];
  for (const k of keywordExtractor().extractKeywords(segmenter(), normalized, topK * 3)) {
    const keyword = k.keyword.trim();
    if (exclude.has(keyword)) continue;
    // Single characters and bare numbers make poor matching terms.
    if (Array.from(keyword).length < 2 || /^\d+$/.test(keyword) || seen.has(keyword)) continue;
    if (!WORDLIKE_RE.test(keyword)) continue;
    seen.add(keyword);
    out.push({ keyword, weight: k.weight });
    if (out.length >= topK) break;
  }
  return out;
}
