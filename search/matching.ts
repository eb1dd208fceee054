// Two-way matching (相关推荐): a listing's key terms become an any-term query against listings of the
// other kind; candidates are then scored by how much of the source's key-term weight they contain.
// Shared by both engines so that a score means the same thing whichever engine answered.

import { extractKeywords } from './key-terms.js';
import { queryUnit, type QueryUnit } from './query-parser.js';
import type { MatchHit, SearchDocument } from './types.js';

/** Candidates fetched (by engine rank) before match scores are computed. */
export const MATCH_CANDIDATES = 50;
/** Key terms of a listing used to find its matches. */
export const MATCH_TERMS = 12;
/** Share of the score that comes from key-term coverage; the rest is a same-field bonus. */
const COVERAGE_SHARE = 0.9;

export interface MatchTerm {
  keyword: string;
  weight: number;
  unit: QueryUnit;
}

export type MatchCandidate = Omit<MatchHit, 'score' | 'matchedTerms'> & {
  /** Key terms (MatchTerm.keyword) the candidate contains, in any order. */
  matched: string[];
};

// Words every listing uses (a need, a solution, a team): they say nothing about what matches what.
const GENERIC_WORDS = new Set(
  (
    '技术 需求 方案 寻求 研究 开发 研发 应用 实现 提升 提高 降低 采用 基于 合作 团队 企业 项目 提供 能力 ' +
    '希望 需要 问题 适用 适用于 用于 具有 进行 以及 我司 我单位 欢迎 揭榜 解决 成果 关键 工艺 系统 方法 ' +
    '产品 性能 国内 领先 水平 支持 要求 实际 相关 全面 有效 显著 优化 征集 求购 合作伙伴'
  ).split(' '),
);

/** The source listing's key terms, strongest first (TF-IDF; the title counts twice). */
export function matchTerms(source: Pick<SearchDocument, 'title' | 'summary' | 'description'>): MatchTerm[] {
  const text = `${source.title}\n${source.title}\n${source.summary}\n${source.description}`;
  return extractKeywords(text, MATCH_TERMS, GENERIC_WORDS).map((k) => ({ ...k, unit: queryUnit(k.keyword) }));
}

/** Scores candidates (kept in engine order on ties) and returns the best `limit` with any term matched. */
export function scoreMatches(
  source: Pick<SearchDocument, 'field'>,
  terms: readonly MatchTerm[],
  candidates: readonly MatchCandidate[],
  limit: number,
): MatchHit[] {
  const totalWeight = terms.reduce((s, t) => s + t.weight, 0) || 1;
  const weightOf = new Map(terms.map((t) => [t.keyword, t.weight]));
  const order = new Map(terms.map((t, i) => [t.keyword, i]));
  return candidates
    .map((c, rank) => {
      const matchedTerms = [...new Set(c.matched)]
        .filter((t) => weightOf.has(t))
        .sort((a, b) => order.get(a)! - order.get(b)!);
      const coverage = matchedTerms.reduce((s, t) => s + weightOf.get(t)!, 0) / totalWeight;
      const score = Math.min(1, COVERAGE_SHARE * coverage + (c.field === source.field ? 1 - COVERAGE_SHARE : 0));
      const { matched: _matched, ...rest } = c;
      return { rank, hit: { ...rest, score: Math.round(score * 1000) / 1000, matchedTerms } };
    })
    .filter((m) => m.hit.matchedTerms.length > 0)
    .sort((a, b) => b.hit.score - a.hit.score || a.rank - b.rank)
    .slice(0, limit)
    .map((m) => m.hit);
}
