// The one Chinese segmenter shared by both engines, the document builder and the highlighter.
//
// Index side, a text becomes tokens with character positions (see TOKEN):
//   - CJK character bigrams, so any two-character substring is a token (电池 inside 锂电池), and
//     trigrams, which the postgres engine uses to match longer words without positional checks;
//   - jieba `cutForSearch` words of three or more characters (shorter ones are bigrams already);
//   - Latin/digit words (5g, ai, co2, zl202310123456.7) kept whole, plus their parts and the
//     digits-only forms people type for patent numbers (202310123456.7, 2023101234567).
// Text is NFKC-normalised (full-width → half-width) and lower-cased first (text.ts); punctuation
// separates. The query side is query-parser.ts, key terms for matching are key-terms.ts, the jieba
// dictionaries jieba.ts. See search/README.md.

import { segmenter } from './jieba.js';
import { CJK_RE, normalizeText, RUN_RE, truncate } from './text.js';

/** Text beyond this many characters is not indexed: positions stay below PostgreSQL's 16,383 limit and time stays bounded. */
export const MAX_INDEXED_CHARS = 16_000;
/** Latin/digit tokens longer than this are cut (a 10,000-character "word" is not a word). */
export const MAX_TOKEN_CHARS = 64;

const CONNECTOR_RE = /[._-]/;
const SURROGATE_RE = /[\ud800-\udfff]/;

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

/** A CJK run's n-gram tokens: lexeme, code point offset in the run, TOKEN flags. */
interface RunTokens {
  lexemes: string[];
  offsets: number[];
  flags: number[];
}

// A run's n-grams depend on the run alone, and documents repeat their vocabulary: each distinct run
// is cut once (per bigram mode), so its n-gram strings are built and hashed once, not per document.
// Bounded; cleared when full. Long runs seldom repeat and are cut without the cache.
const runCaches = [new Map<string, RunTokens>(), new Map<string, RunTokens>()];
const MAX_CACHED_RUNS = 20_000;
const MAX_CACHED_RUN_CHARS = 24;

function cutRun(run: string, allBigrams: boolean): RunTokens {
  const out: RunTokens = { lexemes: [], offsets: [], flags: [] };
  const chars = SURROGATE_RE.test(run) ? Array.from(run) : run;
  const n = chars.length;
  if (n === 1) {
    out.lexemes.push(chars[0]!);
    out.offsets.push(0);
    out.flags.push(TOKEN.UNIGRAM);
  }
  for (let k = 0; k + 1 < n; k++) {
    const bigram = chars[k]! + chars[k + 1]!;
    if (k + 2 === n) {
      out.lexemes.push(bigram);
      out.offsets.push(k);
      out.flags.push(TOKEN.BIGRAM | TOKEN.FINAL);
    } else {
      if (allBigrams) {
        out.lexemes.push(bigram);
        out.offsets.push(k);
        out.flags.push(TOKEN.BIGRAM);
      }
      out.lexemes.push(bigram + chars[k + 2]!);
      out.offsets.push(k);
      out.flags.push(TOKEN.TRIGRAM);
    }
  }
  return out;
}

function runTokens(run: string, allBigrams: boolean): RunTokens {
  if (run.length > MAX_CACHED_RUN_CHARS) return cutRun(run, allBigrams);
  const cache = runCaches[allBigrams ? 1 : 0]!;
  let tokens = cache.get(run);
  if (tokens === undefined) {
    tokens = cutRun(run, allBigrams);
    if (cache.size >= MAX_CACHED_RUNS) cache.clear();
    cache.set(run, tokens);
  }
  return tokens;
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
      const tokens = runTokens(run, allBigrams);
      for (let k = 0; k < tokens.lexemes.length; k++) {
        lexemes.push(tokens.lexemes[k]!);
        positions.push(start + tokens.offsets[k]!);
        flags.push(tokens.flags[k]!);
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
