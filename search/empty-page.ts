// A helpful empty page (issue 21), the same for both engines: when a query finds nothing, say why
// (no listing holds a word; no listing holds the words together; the filters leave nothing) and
// offer the nearest queries that would find something — the query without one of its words, a word
// replaced by a thesaurus neighbour (an entry's word containing it or contained in it), a word
// replaced by the title word that sounds the same (its pinyin), the words without the filters.
// Each offer is a real search of the same engine, counted. Which words occur at all is asked with
// the engine's cheap `wordCounts` (no filters, no facets, no ranking), not one search per word: a
// sentence that found nothing made up to six such searches, and an everyday word's read most of
// the index (bench:search's sentence mix through the API, issue 21).

import { pinyinOf } from './pinyin.js';
import { parseQuery } from './query-parser.js';
import { thesaurusNeighbours } from './synonyms.js';
import { isCjk } from './text.js';
import type { EmptyPageHelp, SearchEngine, SearchQuery } from './types.js';

/** At most this many words are tried one by one (each try is one search). */
const MAX_TRIED_WORDS = 6;
/** Missing words offered a neighbour or a pinyin correction (each costs a few searches). */
const MAX_CORRECTED_WORDS = 2;
const MAX_ALTERNATIVES = 4;

type Alternative = EmptyPageHelp['alternatives'][number];

/** Whether a query has anything besides its text, page, size and order. */
export function hasFilters(query: SearchQuery): boolean {
  return Object.entries(query).some(([k, v]) => v !== undefined && !['q', 'page', 'pageSize', 'sort'].includes(k));
}

/**
 * How many listings a query finds. Only the total is wanted, which no sort changes: sorted by date,
 * the postgres engine skips the title lookups and the second-stage ranking of 50 candidates (each
 * reading a vector) that relevance costs — a sentence's empty page makes up to eight of these.
 */
async function count(engine: SearchEngine, query: SearchQuery): Promise<number> {
  return (await engine.search({ ...query, page: 1, pageSize: 1, sort: 'newest' })).total;
}

/** A title word that sounds like `word` (same toneless pinyin), from the suggestions for its pinyin. */
async function soundsLike(engine: SearchEngine, word: string): Promise<string | null> {
  const chars = Array.from(word);
  if (chars.length < 2 || !isCjk(word)) return null;
  const py = pinyinOf(word);
  if (py === '') return null;
  for (const s of await engine.suggest(py, 5)) {
    const title = Array.from(s.title);
    for (let i = 0; i + chars.length <= title.length; i++) {
      const candidate = title.slice(i, i + chars.length).join('');
      if (candidate !== word && pinyinOf(candidate) === py) return candidate;
    }
  }
  return null;
}

/** Why `query` (which found nothing) found nothing, and what would find something. */
export async function emptyPageHelp(
  engine: SearchEngine,
  query: SearchQuery,
): Promise<(EmptyPageHelp & { filtersOnly: boolean }) | null> {
  const plan = parseQuery(query.q ?? '');
  const words = plan.units.map((u) => u.text);
  if (words.length === 0) return null;
  const filtered = hasFilters(query);
  const base: SearchQuery = { ...query, page: 1 };
  // Offers are counted concurrently (each is a round trip; an API sentence waited for them one after
  // another) and ranked by total, ties in the order they are listed here (`order`), not by which
  // count came back first.
  const offered: (Alternative & { order: number })[] = [];
  const counted = new Set<string>();
  const offer = async (q: string, hint: string, order: number) => {
    if (counted.has(q)) return;
    counted.add(q);
    const total = await count(engine, { ...base, q });
    if (total > 0) offered.push({ q, total, hint, order });
  };
  const tried = words.slice(0, MAX_TRIED_WORDS);
  // In the whole index: a word the filters exclude is not missing, the filters are the matter.
  const alone = await engine.wordCounts(tried);
  const missing = tried.filter((_, i) => alone[i] === 0);
  const present = tried.filter((_, i) => alone[i]! > 0);
  const offers: Promise<void>[] = [];
  if (words.length >= 3) {
    // A sentence already needs only some of its words (minimum should match): dropping one rarely
    // helps, so one search with the words that exist replaces a search per word (bench: the API's
    // sentence mix spent most of its tail here).
    if (present.length > 0 && present.length < words.length) {
      offers.push(offer(present.join(' '), `只保留「${present.join('、')}」`, 0));
    }
  } else if (words.length === 2) {
    offers.push(...tried.map((w, i) => offer(words.filter((x) => x !== w).join(' '), `去掉「${w}」`, 1 + i)));
  }
  // A missing word replaced by a thesaurus neighbour, or by the title word that sounds the same.
  const replace = (w: string, by: string) => words.map((x) => (x === w ? by : x)).join(' ');
  offers.push(
    ...missing.slice(0, MAX_CORRECTED_WORDS).map(async (w, i) => {
      const at = 100 * (i + 1);
      await Promise.all([
        ...thesaurusNeighbours(w).map((n, j) => offer(replace(w, n), `近义词「${n}」`, at + j)),
        soundsLike(engine, w).then(async (heard) => {
          if (heard) await offer(replace(w, heard), `您是不是要找「${heard}」`, at + 99);
        }),
      ]);
    }),
  );
  let filtersOnly = false;
  if (filtered) {
    offers.push(
      count(engine, { q: query.q ?? '' }).then((total) => {
        if (total === 0) return;
        filtersOnly = true;
        offered.push({ q: query.q ?? '', total, hint: '不限筛选条件', clearFilters: true, order: 1_000 });
      }),
    );
  }
  await Promise.all(offers);
  const alternatives: Alternative[] = offered
    .sort((a, b) => b.total - a.total || a.order - b.order)
    .map(({ order: _, ...a }) => a);
  const reason =
    missing.length > 0
      ? `没有公开项目包含：${missing.join('、')}`
      : filtersOnly
        ? '当前筛选条件下没有匹配的项目'
        : words.length >= 2
          ? `没有公开项目同时包含：${words.join('、')}`
          : `没有公开项目包含：${words[0]}`;
  return { reason, words, alternatives: alternatives.slice(0, MAX_ALTERNATIVES), filtersOnly };
}
