// The empty page's offers are counted concurrently, and ranked by total with ties in the order they
// are listed (a dropped word in query order, then corrections, then the filters) — never by which
// count came back first. The engine here is a stand-in whose counts the test answers by hand, so the
// order of the answers is chosen, not left to timing.
import { describe, expect, it } from 'vitest';
import { emptyPageHelp } from '../../search/empty-page.js';
import { warmUpSegmenter } from '../../search/jieba.js';
import { parseQuery } from '../../search/query-parser.js';
import type { SearchEngine, SearchQuery, SearchResult } from '../../search/types.js';

warmUpSegmenter();

function handAnsweredEngine(wordTotals: Record<string, number>) {
  const pending = new Map<string, (total: number) => void>();
  let announce: () => void = () => undefined;
  const engine = {
    wordCounts: async (words: string[]) => words.map((w) => wordTotals[w] ?? 0),
    suggest: async () => [],
    search: (q: SearchQuery) =>
      new Promise<SearchResult>((resolve) => {
        pending.set(q.q ?? '', (total) => resolve({ hits: [], total, page: 1, pageSize: 1, facets: {} as never }));
        announce();
      }),
  } as unknown as SearchEngine;
  /** Resolves once `n` counts are waiting for an answer at the same time. */
  const waiting = (n: number) =>
    new Promise<void>((resolve) => {
      announce = () => pending.size >= n && resolve();
      announce();
    });
  return { engine, pending, waiting };
}

describe('empty page offers', () => {
  const [first, second] = parseQuery('锂电池 机器人').units.map((u) => u.text) as [string, string];

  it.each([
    ['the first offer answers first', [second, first]],
    ['the second offer answers first', [first, second]],
  ])('ranks equal totals in the listed order whichever answers first: %s', async (_, answerOrder) => {
    const { engine, pending, waiting } = handAnsweredEngine({ [first]: 7, [second]: 7 });
    const help = emptyPageHelp(engine, { q: `${first} ${second}` });
    // Both counts are asked before either is answered: they run at once.
    await waiting(2);
    for (const q of answerOrder) pending.get(q)!(7);
    const result = await help;
    expect(result?.reason).toBe(`没有公开项目同时包含：${first}、${second}`);
    expect(result?.alternatives).toEqual([
      { q: second, total: 7, hint: `去掉「${first}」` },
      { q: first, total: 7, hint: `去掉「${second}」` },
    ]);
  });

  it('ranks a larger total first, and leaves out offers that find nothing', async () => {
    const { engine, pending, waiting } = handAnsweredEngine({ [first]: 2, [second]: 9 });
    const help = emptyPageHelp(engine, { q: `${first} ${second}`, region: 'tieling' });
    // The two dropped words and the query without its filters.
    await waiting(3);
    pending.get(first)!(0);
    pending.get(second)!(9);
    pending.get(`${first} ${second}`)!(4);
    const result = await help;
    expect(result?.filtersOnly).toBe(true);
    expect(result?.alternatives).toEqual([
      { q: second, total: 9, hint: `去掉「${first}」` },
      { q: `${first} ${second}`, total: 4, hint: '不限筛选条件', clearFilters: true },
    ]);
  });
});
