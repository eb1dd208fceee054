// A helpful empty page (issue 21), the same for both engines: when a query finds nothing, say why
// (no listing holds a word; no listing holds the words together; the filters leave nothing) and
// offer the nearest queries that would find something — the query without one of its words, the
// words without the filters. Each offer is a real search of the same engine, counted.

import { parseQuery } from './query-parser.js';
import type { EmptyPageHelp, SearchEngine, SearchQuery } from './types.js';

/** At most this many words are tried one by one (each try is one search). */
const MAX_TRIED_WORDS = 6;
const MAX_ALTERNATIVES = 3;

function hasFilters(query: SearchQuery): boolean {
  return Object.entries(query).some(([k, v]) => v !== undefined && !['q', 'page', 'pageSize', 'sort'].includes(k));
}

async function count(engine: SearchEngine, query: SearchQuery): Promise<number> {
  return (await engine.search({ ...query, page: 1, pageSize: 1 })).total;
}

/** Why `query` (which found nothing) found nothing, and what would find something. */
export async function emptyPageHelp(engine: SearchEngine, query: SearchQuery): Promise<EmptyPageHelp | null> {
  const plan = parseQuery(query.q ?? '');
  const words = plan.units.map((u) => u.text);
  if (words.length === 0) return null;
  const filtered = hasFilters(query);
  const base: SearchQuery = { ...query, page: 1 };
  const alternatives: EmptyPageHelp['alternatives'] = [];
  const tried = words.slice(0, MAX_TRIED_WORDS);
  const alone = await Promise.all(tried.map((w) => count(engine, { ...base, q: w })));
  const missing = tried.filter((_, i) => alone[i] === 0);
  if (words.length >= 2) {
    const dropped = await Promise.all(
      tried.map((w) => {
        const q = words.filter((x) => x !== w).join(' ');
        return count(engine, { ...base, q }).then((total) => ({ q, total, hint: `去掉「${w}」` }));
      }),
    );
    alternatives.push(...dropped.filter((d) => d.total > 0));
  }
  if (filtered) {
    const total = await count(engine, { q: query.q ?? '' });
    if (total > 0) alternatives.push({ q: query.q ?? '', total, hint: '不限筛选条件', clearFilters: true });
  }
  alternatives.sort((a, b) => b.total - a.total);
  const reason =
    missing.length > 0
      ? `没有公开项目包含：${missing.join('、')}`
      : words.length >= 2
        ? `没有公开项目同时包含：${words.join('、')}`
        : filtered
          ? '当前筛选条件下没有匹配的项目'
          : `没有公开项目包含：${words[0]}`;
  return { reason, words, alternatives: alternatives.slice(0, MAX_ALTERNATIVES) };
}
