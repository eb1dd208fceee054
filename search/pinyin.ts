// Pinyin of words (pinyin-pro), for near-miss queries and autocomplete: a query word whose
// characters match nothing is looked up by its toneless pinyin (锂电驰 → lidianchi → 锂电池), and
// suggestions match full pinyin and initials (dianchi, dc → 电池…). A word's pinyin is its
// characters' most common readings joined, each character converted once and cached: the index and
// the query spell a word the same way, which is all matching needs, and indexing stays cheap.

import { pinyin } from 'pinyin-pro';
import { isCjk } from './text.js';

/** Lexeme prefixes in the postgres index: full pinyin of a word, and its initials (titles only). */
export const PINYIN_MARK = '~';
export const INITIALS_MARK = '=';

const readings = new Map<string, string>();

function reading(ch: string): string {
  let r = readings.get(ch);
  if (r === undefined) {
    r = pinyin(ch, { toneType: 'none', type: 'array', v: true })[0] ?? '';
    // pinyin-pro returns a character it does not know as itself: no reading.
    if (r === ch || !/^[a-z]+$/.test(r)) r = '';
    readings.set(ch, r);
  }
  return r;
}

/** Toneless full pinyin of a CJK word (锂电池 → lidianchi); '' when a character has no reading. */
export function pinyinOf(word: string): string {
  let out = '';
  for (const ch of word) {
    const r = reading(ch);
    if (r === '') return '';
    out += r;
  }
  return out;
}

/** Initials of a CJK word (电池 → dc); '' when a character has no reading. */
export function initialsOf(word: string): string {
  let out = '';
  for (const ch of word) {
    const r = reading(ch);
    if (r === '') return '';
    out += r[0];
  }
  return out;
}

/** Whether a query could be typed pinyin (letters only, 2–40): then suggestions also try it as pinyin. */
export function looksLikePinyin(text: string): boolean {
  return /^[a-z]{2,40}$/.test(text) && !isCjk(text);
}
