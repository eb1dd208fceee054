// Which listings a query's words find in the postgres engine, and how well (search/README.md,
// Sentence queries): one GIN lookup per word (its synonyms ORed) in the body and in the title marks;
// a word found nowhere is looked up by its pinyin (near-miss and homophone typos, weighted half);
// a listing must hold `minimumShouldMatch` of the words that exist in the index (all of one or two);
// its first-stage text score is the share of the query it covers weighted by rarity (a BM25-like
// idf) plus the same share in its title.

import { pinyinOf, PINYIN_MARK } from './pinyin.js';
import type { PgIndexReader } from './pg-reader.js';
import { tsqueryOf } from './pg-tsquery.js';
import { quoteLexeme, TITLE_MARK } from './pg-tsvector.js';
import { minimumShouldMatch, parseQuery, queryUnit, type QueryUnit } from './query-parser.js';
import { isCjk } from './text.js';

/** A word matched through its pinyin counts this much of its idf. */
export const PINYIN_WEIGHT = 0.5;

/**
 * In a query of three or more words, a word held by more than this many listings (and 5 % of them)
 * is common: it neither makes a listing a candidate nor counts towards minimum should match (its idf
 * is small anyway), and its postings are not read past the cap — a sentence's everyday words would
 * otherwise make every query read most of the index (Lucene's common-terms idea).
 */
export const COMMON_WORD_MIN = 2_000;

/**
 * How long a word found common stays known as common. A sentence's everyday words (合作, 团队,
 * 成本…) recur from query to query, and a common word's capped lookup still builds the GIN bitmap of
 * every listing holding it (5–15 ms of PostgreSQL a word at 100,000 listings) only for the word to
 * drop out; remembered, it is not looked up again. Which words are common depends on the listings,
 * not on docnos (a rebuild keeps it): a word common minutes ago is common now unless most of its
 * listings left meanwhile, and the memory lasts ten minutes. Only the cap it was seen at or a lower one counts.
 */
export const COMMON_WORD_MEMORY_MS = 10 * 60 * 1000;

/** Per reader: body tsquery → until when it counts as common, and the cap it was found at. */
const commonWords = new WeakMap<PgIndexReader, Map<string, { until: number; cap: number }>>();

function knownCommon(reader: PgIndexReader, query: string, cap: number, now: number): boolean {
  const entry = commonWords.get(reader)?.get(query);
  return entry !== undefined && entry.until > now && entry.cap >= cap;
}

/** The cap a word was found common at, while it is remembered; 0 otherwise. */
function rememberedCap(reader: PgIndexReader, query: string, now: number): number {
  const entry = commonWords.get(reader)?.get(query);
  return entry !== undefined && entry.until > now ? entry.cap : 0;
}

function rememberCommon(reader: PgIndexReader, query: string, cap: number, now: number): void {
  let words = commonWords.get(reader);
  if (!words) commonWords.set(reader, (words = new Map()));
  // Bounded: a flood of distinct common words only costs the lookups they cost before.
  if (words.size >= 10_000) words.clear();
  words.set(query, { until: now + COMMON_WORD_MEMORY_MS, cap });
}

export interface TextMatch {
  /** Docnos holding enough of the query's words. */
  candidates: number[];
  /** First-stage text score of a candidate: body coverage + title coverage, each 0–1. */
  score(docno: number): number;
  /** The words as one OR tsquery, for the second-stage ts_rank_cd. */
  rankQuery: string;
  /** Per unit: matched through its pinyin (no exact match anywhere). */
  fuzzy: boolean[];
  /** Per unit: how many listings hold it (after the pinyin fallback). */
  df: number[];
}

/** The pinyin lookup of a unit that matched nothing, or null when it has no pinyin form. */
function pinyinLexeme(unit: QueryUnit, title: boolean): string | null {
  if (!isCjk(unit.text) || Array.from(unit.text).length < 2) return null;
  const py = pinyinOf(unit.text);
  return py === '' ? null : quoteLexeme((title ? TITLE_MARK : '') + PINYIN_MARK + py);
}

/** Inverse document frequency (BM25's): rare words weigh more. */
function idf(df: number, docs: number): number {
  return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
}

/**
 * The query's words found in the index. When nothing holds them and the words are one typed run of
 * CJK characters (锂电驰 cut as 锂电 + 驰), the run is tried whole by its pinyin (锂电池).
 */
export async function matchText(
  reader: PgIndexReader,
  units: readonly QueryUnit[],
  withTitle: boolean,
  text: string,
): Promise<TextMatch> {
  const first = await matchUnits(reader, units, withTitle);
  if (first.candidates.length > 0 || units.length < 2) return first;
  const whole = units.map((u) => u.text).join('');
  if (!isCjk(whole) || !text.includes(whole) || Array.from(whole).length > 8) return first;
  const again = await matchUnits(reader, [queryUnit(whole)], withTitle);
  return again.candidates.length > 0 && again.fuzzy[0] ? again : first;
}

async function matchUnits(reader: PgIndexReader, units: readonly QueryUnit[], withTitle: boolean): Promise<TextMatch> {
  const n = units.length;
  const body = units.map((u) => tsqueryOf([u], '&'));
  const title = withTitle ? units.map((u) => tsqueryOf([u], '&', true)) : [];
  await reader.docValues.sync();
  const cap = n >= 3 ? Math.max(COMMON_WORD_MIN, Math.ceil(reader.docValues.docCount() * 0.05)) : null;
  const now = Date.now();
  // Words known to be common are not looked up (their postings would be dropped below anyway).
  const skip = new Set<number>();
  if (cap !== null) body.forEach((q, i) => knownCommon(reader, q, cap, now) && skip.add(i));
  const queries = [...body, ...title];
  const asked = queries.flatMap((_, k) => (skip.has(k % n) ? [] : [k]));
  const answers = await reader.lookup(
    asked.map((k) => queries[k]!),
    cap,
  );
  const found: number[][] = queries.map(() => []);
  asked.forEach((k, j) => (found[k] = answers[j]!));
  const common = new Set<number>(skip);
  if (cap !== null) {
    // Common words drop out (unless every word is common: then the listings holding them all).
    body.forEach((q, i) => {
      if (skip.has(i) || found[i]!.length < cap) return;
      common.add(i);
      rememberCommon(reader, q, cap, now);
    });
    if (common.size === n) {
      const [all = []] = await reader.lookup([tsqueryOf(units, '&')]);
      return {
        candidates: all,
        score: () => 1,
        rankQuery: body.join(' | '),
        fuzzy: units.map(() => false),
        df: units.map(() => cap),
      };
    }
    for (const i of common) {
      found[i] = [];
      if (withTitle) found[n + i] = [];
    }
  }
  const bodyHits = found.slice(0, n);
  const titleHits = withTitle ? found.slice(n) : units.map(() => []);
  const fuzzy = units.map(() => false);
  const missing = units.flatMap((u, i) =>
    bodyHits[i]!.length === 0 && !common.has(i) && pinyinLexeme(u, false) ? [i] : [],
  );
  const rankParts = body.map((q) => `(${q})`);
  if (missing.length > 0) {
    const queries = [
      ...missing.map((i) => pinyinLexeme(units[i]!, false)!),
      ...(withTitle ? missing.map((i) => pinyinLexeme(units[i]!, true)!) : []),
    ];
    const again = await reader.lookup(queries);
    missing.forEach((i, k) => {
      if (again[k]!.length === 0) return;
      fuzzy[i] = true;
      bodyHits[i] = again[k]!;
      if (withTitle) titleHits[i] = again[missing.length + k]!;
      rankParts[i] = queries[k]!;
    });
  }
  const df = bodyHits.map((h) => h.length);
  const docs = Math.max(reader.docValues.docCount(), ...df, 1);
  const weights = df.map((f, i) => (f === 0 ? 0 : idf(f, docs) * (fuzzy[i] ? PINYIN_WEIGHT : 1)));
  const total = weights.reduce((a, b) => a + b, 0);
  const active = df.filter((f) => f > 0).length;
  const rankQuery = rankParts.filter((_, i) => df[i]! > 0).join(' | ') || body.join(' | ');
  // One or two words: all of them, found exactly or by pinyin. More: enough of those that exist.
  const need = n <= 2 ? n : minimumShouldMatch(active);
  if (active < need || active === 0) {
    return { candidates: [], score: () => 0, rankQuery, fuzzy, df };
  }
  let max = -1;
  for (const hits of bodyHits) for (const d of hits) if (d > max) max = d;
  const count = new Uint8Array(max + 1);
  const cover = new Float64Array(max + 1);
  const inTitle = new Float64Array(max + 1);
  bodyHits.forEach((hits, i) => {
    for (const d of hits) {
      count[d]!++;
      cover[d]! += weights[i]!;
    }
  });
  titleHits.forEach((hits, i) => {
    for (const d of hits) if (d <= max) inTitle[d]! += weights[i]!;
  });
  const candidates: number[] = [];
  for (let d = 0; d <= max; d++) if (count[d]! >= need) candidates.push(d);
  const norm = total > 0 ? total : 1;
  return {
    candidates,
    score: (d) => (d <= max ? (cover[d]! + inTitle[d]!) / norm : 0),
    rankQuery,
    fuzzy,
    df,
  };
}

/**
 * How many listings each word finds alone (`SearchEngine.wordCounts`), counted up to `cap`: the
 * word parsed as a query (its synonyms ORed; a word the parser cuts in parts needs all of them), one
 * statement of capped GIN counts, then the pinyin of the words found nowhere — as the search does.
 * A word remembered as common (held by at least the cap it was found at, see COMMON_WORD_MEMORY_MS)
 * is not looked up at all when that cap reaches `cap`. No docno lists, doc values, facets or ranking: the empty page used to
 * run a full search per word, and an everyday word's made it read most of the index.
 */
export async function countWords(reader: PgIndexReader, words: readonly string[], cap = 1): Promise<number[]> {
  const limit = Math.max(1, Math.trunc(cap));
  const plans = words.map((w) => parseQuery(w).units);
  const queries = plans.map((units) => (units.length === 0 ? null : tsqueryOf(units, '&')));
  const now = Date.now();
  // Remembered as common at a cap of at least `limit`: held by `limit` listings or more.
  const counts = queries.map((q) => (q !== null && rememberedCap(reader, q, now) >= limit ? limit : 0));
  const ask = queries.flatMap((q, i) => (q !== null && counts[i] === 0 ? [i] : []));
  const exact = await reader.count(
    ask.map((i) => queries[i]!),
    limit,
  );
  ask.forEach((i, k) => (counts[i] = exact[k]!));
  // Nothing holds it exactly: its pinyin (a word the parser cut in parts, 锂电 + 驰, tried whole).
  const fuzzy = ask.flatMap((i) => {
    const units = plans[i]!;
    const unit = units.length === 1 ? units[0]! : queryUnit(units.map((u) => u.text).join(''));
    const lexeme = counts[i] === 0 ? pinyinLexeme(unit, false) : null;
    return lexeme === null ? [] : [{ i, lexeme }];
  });
  const again = await reader.count(
    fuzzy.map((f) => f.lexeme),
    limit,
  );
  fuzzy.forEach((f, k) => (counts[f.i] = again[k]!));
  return counts;
}
