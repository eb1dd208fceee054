// Key terms for two-way matching (相关推荐, matching.ts): a listing's most characteristic words
// (TF-IDF over jieba's dictionary), and whether a document's `keywords` hold a word (the Meilisearch
// engine checks its candidates with it).

import { keywordExtractor, segmenter } from './jieba.js';
import { MAX_INDEXED_CHARS } from './segmenter.js';
import { CJK_CLASS, isCjk, normalizeText, splitRuns, truncate, WORD_CLASS } from './text.js';

const WORDLIKE_RE = new RegExp(`[${CJK_CLASS}${WORD_CLASS}]`, 'u');

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
