// Text basics shared by the segmenter, the query parser, the highlighter and the engines: NFKC
// normalisation, safe truncation and the split of a text into script runs (CJK characters, or a
// Latin/digit word whose parts may be joined by . - _). Everything else separates runs.

import { foldTraditional } from './fold.js';

export const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
export const WORD_CLASS = '\\p{Script=Latin}\\p{Script=Greek}\\p{Script=Cyrillic}\\p{Nd}';
// A run is either CJK characters or a Latin/digit word whose parts may be joined by . - _ (pm2.5,
// ti-6al-4v, zl202310123456.7). Everything else (punctuation, spaces, symbols) separates runs.
export const RUN_RE = new RegExp(`([${CJK_CLASS}]+)|([${WORD_CLASS}]+(?:[._-][${WORD_CLASS}]+)*)`, 'gu');
export const CJK_RE = new RegExp(`^[${CJK_CLASS}]+$`, 'u');
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff0-\uffff]/g;

/**
 * Full-width → half-width and other compatibility forms (NFKC), lower case, control characters →
 * space, traditional characters → simplified (fold.ts).
 */
export function normalizeText(text: string): string {
  return foldTraditional(text.normalize('NFKC').toLowerCase().replace(CONTROL_RE, ' '));
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

/** A word's script runs: 3d打印 → 3d, 打印 (a document holds them as separate tokens). */
export function splitRuns(word: string): string[] {
  return [...word.matchAll(RUN_RE)].map((m) => m[0]);
}
