// Index side of the postgres engine's lexemes: the tsvector of a document, built from the
// segmenter's tokens with positions and weights (A title, B summary/owner/result/IP, C description,
// D labels) plus positionless title and pinyin marks — as entries, written as a text literal by
// upserts and in binary by a rebuild's COPY (pg-copy.ts). PostgreSQL's text parser never sees the
// text: lexemes are quoted here, and the tsquery side (pg-tsquery.ts) spells its words the same way.

import { analyzeDocumentOnce, type TextWeight } from './document.js';
import { headPinyin, INITIALS_MARK, PINYIN_MARK } from './pinyin.js';
import { TOKEN } from './segmenter.js';
import type { SearchDocument } from './types.js';

// tsvector limits: positions above 16,383 collapse and a lexeme keeps at most 256 positions.
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;
/** Title lexemes are indexed a second time with this mark, so "in the title" is an index lookup. */
export const TITLE_MARK = '^';

// Tokens the postgres engine indexes: trigrams, each run's last bigram (with trigrams, every
// two-character substring is then a prefix of some token), one-character runs and Latin/digit
// words. (jieba's words would add nothing: every CJK word is found through its n-grams.)
const INDEXED = TOKEN.TRIGRAM | TOKEN.FINAL | TOKEN.UNIGRAM | TOKEN.WORD;
const TITLE_INDEXED = TOKEN.TRIGRAM | TOKEN.FINAL | TOKEN.UNIGRAM | TOKEN.WORD;

export function quoteLexeme(lexeme: string): string {
  // The segmenter emits letters, digits and . - _ only; the escaping is for safety, not for use.
  if (!lexeme.includes("'") && !lexeme.includes('\\')) return `'${lexeme}'`;
  return `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

const WEIGHT_RANK: Record<TextWeight, number> = { D: 0, C: 1, B: 2, A: 3 };
const WEIGHT_SUFFIX = ['', 'C', 'B', 'A'];

/**
 * A lexeme's positions as PostgreSQL stores them (WordEntryPos: weight << 14 | position): one
 * number for a lexeme found once (most of them: no array to allocate), an ascending list of at most
 * 256 otherwise, null for a positionless mark.
 */
export type EntryPositions = number | number[] | null;

/**
 * A document's tsvector as entries: each lexeme with its positions (EntryPositions). Both
 * serialisations below (the text literal of upserts, the binary COPY form of a rebuild) are built
 * from these, so they describe the same vector.
 */
export function tsvectorEntries(doc: SearchDocument): Map<string, EntryPositions> {
  const { lexemes, positions, flags, weights, titleLength, headLength, text } = analyzeDocumentOnce(doc);
  // Filled with position codes (position * 4 + weight rank), then turned into WordEntryPos in place.
  const entries = new Map<string, EntryPositions>();
  const titleMarks: string[] = [];
  for (let i = 0; i < lexemes.length; i++) {
    const flag = flags[i]!;
    if (!(flag & INDEXED)) continue;
    const lexeme = lexemes[i]!;
    const code = Math.min(positions[i]! + 1, MAX_POSITION) * 4 + WEIGHT_RANK[weights[i]!];
    const found = entries.get(lexeme);
    if (found === undefined) entries.set(lexeme, code);
    else if (typeof found === 'number') {
      entries.set(lexeme, [found, code]);
    } else found!.push(code);
    if (positions[i]! < titleLength && flag & TITLE_INDEXED) titleMarks.push(TITLE_MARK + lexeme);
  }
  for (const [lexeme, found] of entries) {
    if (typeof found === 'number') {
      entries.set(lexeme, wordEntryPos(found));
      continue;
    }
    const codes = found!;
    // Tokens come in text order, so codes are nearly always sorted already.
    for (let i = 1; i < codes.length; i++) {
      if (codes[i]! < codes[i - 1]!) {
        codes.sort((x, y) => x - y);
        break;
      }
    }
    let kept = 0;
    for (let i = 0; i < codes.length && kept < MAX_POSITIONS_PER_LEXEME; i++) {
      // Sorted codes: of several weights at one position, the highest comes last.
      if (i + 1 < codes.length && codes[i + 1]! >> 2 === codes[i]! >> 2) continue;
      codes[kept++] = wordEntryPos(codes[i]!);
    }
    codes.length = kept;
  }
  for (const mark of titleMarks) if (!entries.has(mark)) entries.set(mark, null);
  for (const lexeme of pinyinLexemes(text, titleLength, headLength))
    if (!entries.has(lexeme)) entries.set(lexeme, null);
  return entries;
}

/** position * 4 + weight rank → PostgreSQL's WordEntryPos (weight in the top two bits). */
function wordEntryPos(code: number): number {
  return ((code & 3) << 14) | (code >> 2);
}

/** The tsvector literal of a document: weighted, positioned tokens plus positionless marks. */
export function tsvectorOf(doc: SearchDocument): string {
  const parts: string[] = [];
  for (const [lexeme, found] of tsvectorEntries(doc)) {
    if (found === null) {
      parts.push(quoteLexeme(lexeme));
      continue;
    }
    const list = typeof found === 'number' ? [found] : found;
    let out = '';
    for (let i = 0; i < list.length; i++) {
      const wep = list[i]!;
      out += `${i === 0 ? '' : ','}${wep & 0x3fff}${WEIGHT_SUFFIX[wep >> 14]}`;
    }
    parts.push(`${quoteLexeme(lexeme)}:${out}`);
  }
  return parts.join(' ');
}

/**
 * Positionless pinyin lexemes of the title's and summary's words (pinyin.ts `headPinyin`):
 * `~lidianchi` for the near-miss lookup, and in the title also `^~lidianchi` and `^=ldc` for
 * autocomplete by pinyin and initials.
 */
function pinyinLexemes(text: string, titleLength: number, headLength: number): string[] {
  const { body, title, initials } = headPinyin(text, titleLength, headLength);
  return [
    ...[...body].map((p) => PINYIN_MARK + p),
    ...[...title].map((p) => TITLE_MARK + PINYIN_MARK + p),
    ...[...initials].map((p) => TITLE_MARK + INITIALS_MARK + p),
  ];
}
