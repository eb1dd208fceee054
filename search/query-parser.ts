// Query side of the segmenter: `parseQuery` turns a user's text into units that must all match;
// each unit is one word and its synonyms (synonyms.ts). Synonym-table entries are recognised first,
// CJK runs are cut by jieba, lone characters join a neighbour, long words are split into dictionary
// words and function words are dropped. Query text is never rejected. See search/README.md.

import { segmenter } from './jieba.js';
import { expandSynonyms, synonymKeysByLength, thesaurusGeneration } from './synonyms.js';
import { isCjk, normalizeText, RUN_RE, truncate, WORD_CLASS } from './text.js';

/** A query is cut to this many characters (after normalisation); longer input is not an error. */
export const MAX_QUERY_CHARS = 100;
/** At most this many units take part in a query; the rest are ignored. */
export const MAX_QUERY_UNITS = 12;

/** One word of the query: a document must contain the word or one of its synonyms. */
export interface QueryUnit {
  text: string;
  /** The word and its synonyms (normalised): what a document must contain one of. */
  words: string[];
  /** Normalised strings to mark in highlights (the same words). */
  marks: string[];
  /** The last word of an autocomplete prefix: may be incomplete. */
  prefix: boolean;
}

export interface QueryPlan {
  /** The normalised, cut query text. */
  text: string;
  units: QueryUnit[];
}

// The one documented list of what a query drops (search/README.md, Sentence queries): function
// words and the boilerplate of a sentence (who is asking, that they want or need something, how to
// ask). A query left with none of its words is no query (every listing, newest first), whichever
// engine answers.

/** Single characters that carry no meaning on their own in a query (的, 和, 想 …). */
export const STOP_CHARS = new Set(
  '的了和与及或在是对等之其也并而着就都又把被为于以从向到想要找能会有没吗呢吧啊呀么哪谁该这那个些很太更最还再才只已将让给用做请帮求'.split(
    '',
  ),
);

/** Words a sentence is built from that listings need not contain. */
export const STOP_WORDS = new Set([
  // Function words.
  '基于',
  '一种',
  '用于',
  '关于',
  '以及',
  '通过',
  '进行',
  '及其',
  '一个',
  '一套',
  '一家',
  '一些',
  '具有',
  '利用',
  '采用',
  '相关',
  '方面',
  '以上',
  '以下',
  '之类',
  '等等',
  '或者',
  '还是',
  '并且',
  '而且',
  '但是',
  '因为',
  '所以',
  '如果',
  '可以',
  '可能',
  '能够',
  '是否',
  '能否',
  '能不能',
  '可不可以',
  '有没有',
  '有无',
  '有些',
  '很多',
  '大量',
  '非常',
  '比较',
  '特别',
  '经常',
  '一直',
  '总是',
  '目前',
  '现在',
  '现有',
  '已经',
  '怎么',
  '怎样',
  '怎么办',
  '如何',
  '什么',
  '哪些',
  '哪里',
  '哪个',
  '哪家',
  '哪位',
  '为什么',
  '多少',
  '是不是',
  '这个',
  '那个',
  '这些',
  '那些',
  '这种',
  '那种',
  '里面',
  '其中',
  // Who is asking and what they want.
  '我们',
  '我司',
  '我厂',
  '我单位',
  '我公司',
  '本公司',
  '本单位',
  '我院',
  '我校',
  '我',
  '你们',
  '贵方',
  '大家',
  '想',
  '想要',
  '想找',
  '想做',
  '想用',
  '想给',
  '希望',
  '需要',
  '寻求',
  '寻找',
  '求助',
  '请问',
  '推荐',
  '帮忙',
  '了解',
  '咨询',
  '打算',
  '准备',
  '计划',
  '考虑',
  '有意',
  '愿意',
  '欢迎',
  '谢谢',
  '请',
  '找到',
  '提供',
  '得到',
  '获得',
  '实现',
  '解决',
  '办法',
  '问题',
  '一下',
  '公司',
  '企业',
  '单位',
  // How it goes wrong, in words no listing uses.
  '很大',
  '太大',
  '太高',
  '太低',
  '太多',
  '太快',
  '太慢',
  '不好',
  '不够',
  '不能',
  '不到',
  '不行',
  '严重',
  '容易',
  '厉害',
  '困难',
  '麻烦',
  '全靠',
  '主要',
  '一般',
  '经验',
]);

/** Dropped unless it is the only word left (技术 is in nearly every listing). */
const GENERIC_WORDS = new Set(['技术', '方案', '产品', '项目', '方法']);

function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word) || (Array.from(word).length === 1 && STOP_CHARS.has(word));
}

/**
 * How many of a query's words a listing must hold (minimum should match): all of one or two words,
 * two of three to six, a third (rounded up) of more — so a sentence finds listings about its key
 * terms while a short query stays strict; ranking puts the listings covering most of it first.
 */
export function minimumShouldMatch(units: number): number {
  if (units <= 2) return units;
  if (units === 3) return 2;
  return Math.max(2, Math.ceil(units / 3));
}

/** The query unit of one normalised word (used for matching terms). */
export function queryUnit(word: string): QueryUnit {
  return makeUnit(word, false);
}

function makeUnit(word: string, prefix: boolean): QueryUnit {
  const words = [word, ...expandSynonyms(word)];
  return { text: word, words, marks: [...words], prefix };
}

/**
 * A long word as the shorter dictionary words that cover it (废水处理 → 废水, 处理), so a query
 * also finds 废水深度处理; the word itself when no such cover exists.
 */
function splitCompound(word: string): string[] {
  const chars = Array.from(word);
  if (chars.length < 4) return [word];
  const subs = segmenter()
    .cutForSearch(word, true)
    .filter((t) => t !== word && Array.from(t).length >= 2);
  const parts: string[] = [];
  let at = 0;
  while (at < word.length) {
    let best = '';
    for (const sub of subs) if (sub.length > best.length && word.startsWith(sub, at)) best = sub;
    if (best === '') return [word];
    parts.push(best);
    at += best.length;
  }
  return parts;
}

const LATIN_OR_DIGIT = new RegExp(`[${WORD_CLASS}]`, 'u');

/** A query this long (characters, after normalisation) is read as a sentence. */
const SENTENCE_CHARS = 12;

/** Splits a CJK run into query words with jieba's precise cut. */
function cjkWords(run: string, sentence: boolean): string[] {
  const words = segmenter().cut(run, true);
  // A lone character (热 in 热失控) joins its neighbour, so the unit is the substring the user typed;
  // in a sentence a lone character is mostly a verb or an adjective (种水稻, 产量低) and is dropped.
  const merged: string[] = [];
  const lone = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (Array.from(w).length > 1 || words.length === 1) {
      merged.push(w);
      continue;
    }
    if (STOP_CHARS.has(w)) continue;
    if (sentence && !(i + 1 < words.length && Array.from(words[i + 1]!).length === 1)) {
      // In a sentence only a run of lone characters (置 钉 → 置钉) stays together.
      if (merged.length > 0 && lone.has(merged.length - 1)) merged[merged.length - 1] += w;
      continue;
    }
    if (sentence) {
      merged.push(w);
      lone.add(merged.length - 1);
      continue;
    }
    if (i + 1 < words.length) words[i + 1] = w + words[i + 1]!;
    else if (merged.length > 0) merged[merged.length - 1] += w;
    else merged.push(w);
  }
  return merged.flatMap(splitCompound);
}

/** Splits text at occurrences of synonym-table entries (whole words only for Latin edges). */
function synonymPieces(text: string): Array<{ text: string; fixed: boolean }> {
  let pieces: Array<{ text: string; fixed: boolean }> = [{ text, fixed: false }];
  for (const key of synonymKeysByLength()) {
    const next: typeof pieces = [];
    for (const piece of pieces) {
      if (piece.fixed) {
        next.push(piece);
        continue;
      }
      let rest = piece.text;
      let from = 0;
      for (;;) {
        const at = rest.indexOf(key, from);
        if (at < 0) break;
        const before = rest[at - 1];
        const after = rest[at + key.length];
        const latinStart = LATIN_OR_DIGIT.test(key[0]!);
        const latinEnd = LATIN_OR_DIGIT.test(key[key.length - 1]!);
        if (
          (latinStart && before && LATIN_OR_DIGIT.test(before)) ||
          (latinEnd && after && LATIN_OR_DIGIT.test(after))
        ) {
          from = at + 1;
          continue;
        }
        if (at > 0) next.push({ text: rest.slice(0, at), fixed: false });
        next.push({ text: key, fixed: true });
        rest = rest.slice(at + key.length);
        from = 0;
      }
      if (rest.length > 0) next.push({ text: rest, fixed: false });
    }
    pieces = next;
  }
  return pieces;
}

/**
 * Turns user input into query units. Never throws on content: hostile or meaningless input yields
 * fewer (or no) units. `prefixLast` lets the last unit be an incomplete word (autocomplete).
 */
export function parseQuery(input: string, options: { prefixLast?: boolean } = {}): QueryPlan {
  // One request parses the same text several times (the search, its empty page, the zero-result
  // log; the bench's sentences ~0.1–0.5 ms each): plans are kept per text and thesaurus, and are
  // never modified by their readers. Bounded; cleared when full or when the thesaurus changes.
  if (input.length > MAX_PLANNED_INPUT) return parse(input, options);
  if (plansGeneration !== thesaurusGeneration()) {
    plans.clear();
    plansGeneration = thesaurusGeneration();
  }
  const key = `${options.prefixLast === true ? 1 : 0}${input}`;
  let plan = plans.get(key);
  if (plan === undefined) {
    plan = parse(input, options);
    if (plans.size >= MAX_PLANS) plans.clear();
    plans.set(key, plan);
  }
  return plan;
}

const plans = new Map<string, QueryPlan>();
const MAX_PLANS = 1_000;
const MAX_PLANNED_INPUT = 4 * MAX_QUERY_CHARS;
let plansGeneration = -1;

function parse(input: string, options: { prefixLast?: boolean }): QueryPlan {
  const text = truncate(normalizeText(input), MAX_QUERY_CHARS).trim();
  const sentence = Array.from(text).length >= SENTENCE_CHARS;
  const words: string[] = [];
  for (const piece of synonymPieces(text)) {
    if (piece.fixed) {
      words.push(piece.text);
      continue;
    }
    for (const m of piece.text.matchAll(RUN_RE)) {
      if (m[1] !== undefined) words.push(...cjkWords(m[1], sentence));
      else if (m[2] !== undefined) words.push(m[2]);
    }
  }
  let unique = [...new Set(words)].filter(
    (w) => !isStopWord(w) && !(sentence && Array.from(w).length === 1 && isCjk(w)),
  );
  const specific = unique.filter((w) => !GENERIC_WORDS.has(w));
  if (specific.length > 0) unique = specific;
  unique = unique.slice(0, MAX_QUERY_UNITS);
  const units = unique.map((w, i) => makeUnit(w, options.prefixLast === true && i === unique.length - 1));
  return { text, units };
}
