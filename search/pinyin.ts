// Pinyin of words (pinyin-pro), for near-miss queries and autocomplete: a query word whose
// characters match nothing is looked up by its toneless pinyin (锂电驰 → lidianchi → 锂电池), and
// suggestions match full pinyin and initials (dianchi, dc → 电池…). A word's pinyin is its
// characters' most common readings joined, each character converted once and cached: the index and
// the query spell a word the same way, which is all matching needs, and indexing stays cheap.

import { pinyin } from 'pinyin-pro';
import { segmenter } from './jieba.js';
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

// Words recur across documents (and a title's three-character windows across titles): each is
// spelled once. Bounded; cleared when full.
const words = new Map<string, string>();
const MAX_WORDS = 200_000;

/** Toneless full pinyin of a CJK word (锂电池 → lidianchi); '' when a character has no reading. */
export function pinyinOf(word: string): string {
  let out = words.get(word);
  if (out !== undefined) return out;
  out = '';
  for (const ch of word) {
    const r = reading(ch);
    if (r === '') {
      out = '';
      break;
    }
    out += r;
  }
  if (words.size >= MAX_WORDS) words.clear();
  words.set(word, out);
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

/** Pinyin of a document's words: full pinyin of the head's words, and of the title's words and initials. */
export interface HeadPinyin {
  body: Set<string>;
  title: Set<string>;
  initials: Set<string>;
}

/**
 * The pinyin of the words of a normalised document's title and summary (its first `headLength`
 * characters; the title its first `titleLength`): jieba search-mode words of two or more characters,
 * plus every three characters of the title (its key words may be ones jieba does not know, 石墨烯).
 */
export function headPinyin(text: string, titleLength: number, headLength: number): HeadPinyin {
  const out: HeadPinyin = { body: new Set(), title: new Set(), initials: new Set() };
  if (headLength === 0) return out;
  const head = text.slice(0, headLength);
  const title = Array.from(text.slice(0, titleLength));
  for (let k = 0; k + 3 <= title.length; k++) {
    const full = pinyinOf(title[k]! + title[k + 1]! + title[k + 2]!);
    if (full !== '') {
      out.body.add(full);
      out.title.add(full);
    }
  }
  let at = 0;
  for (const word of headWords(head)) {
    const full = pinyinOf(word);
    if (full === '') continue;
    out.body.add(full);
    const found = head.indexOf(word, Math.max(0, at - 8));
    if (found >= 0) at = found;
    if (found >= 0 && found < titleLength) {
      out.title.add(full);
      out.initials.add(initialsOf(word));
    }
  }
  return out;
}

// jieba cuts a text block by block — runs of Han characters, letters, digits and + # & . _ % -,
// everything else splits them — and each block on its own. So the head is split here at characters
// no block holds (spaces, other punctuation) and each piece's words are looked up: titles and
// summaries repeat their phrases, and each distinct piece goes through jieba once. Same words, same
// order as one call on the whole head. Bounded; cleared when full.
const SEPARATORS_RE = /[\s,;:!?'"()[\]{}<>/\\|~`@^*=$。、，；：！？「」『』《》〈〉【】（）…—·]+/u;
const pieceWords = new Map<string, readonly string[]>();
const MAX_PIECES = 20_000;

/** jieba's search-mode words of a head of two or more CJK characters, in order. */
export function headWords(head: string): string[] {
  const out: string[] = [];
  for (const piece of head.split(SEPARATORS_RE)) {
    if (piece.length < 2) continue;
    let words = pieceWords.get(piece);
    if (words === undefined) {
      words = segmenter()
        .cutForSearch(piece, true)
        .filter((word) => word.length >= 2 && isCjk(word));
      if (pieceWords.size >= MAX_PIECES) pieceWords.clear();
      pieceWords.set(piece, words);
    }
    for (const word of words) out.push(word);
  }
  return out;
}
