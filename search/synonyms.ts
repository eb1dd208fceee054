// Synonyms, applied at QUERY time only (both engines): a query word also matches the other words
// of its thesaurus entries. The table is the domain thesaurus (thesaurus-data.ts, ≥ 300 entries
// across the 14 fields) as the operators keep it in the database (`setThesaurusEntries`, loaded by
// the search service): query-time expansion means an edit needs no reindex. The Meilisearch engine
// sends the same table as the index's `synonyms` setting. Words are normalised as the segmenter
// normalises text (NFKC, lower case, traditional → simplified).

import { THESAURUS_SOURCE } from './thesaurus-data.js';
import { normalizeText } from './text.js';

/** One thesaurus entry: words that find each other, or (oneWay) a word that also finds the rest. */
export interface ThesaurusEntry {
  words: string[];
  /** When true, only words[0] expands (to the others); the others do not find it. */
  oneWay: boolean;
}

/** Parses `a|b|c` (each finds the others) or `a>b|c` (a finds b and c). */
export function parseThesaurusLine(line: string): ThesaurusEntry | null {
  const oneWay = line.includes('>');
  const [head = '', tail = ''] = oneWay ? line.split('>', 2) : ['', line];
  const words = [...(oneWay ? [head] : []), ...tail.split('|')]
    .map((w) => normalizeText(w).trim().replace(/\s+/g, ' '))
    .filter((w) => w.length > 0);
  const unique = [...new Set(words)];
  return unique.length >= 2 ? { words: unique, oneWay } : null;
}

/** The built-in thesaurus, parsed. */
export function builtInThesaurus(): ThesaurusEntry[] {
  return Object.values(THESAURUS_SOURCE).flatMap((block) =>
    block
      .split('\n')
      .map((l) => parseThesaurusLine(l.trim()))
      .filter((e): e is ThesaurusEntry => e !== null),
  );
}

let byWord = new Map<string, string[]>();
let keysByLength: string[] = [];
let generation = 0;

/** Changes whenever the table is replaced (what was expanded with the old one is stale). */
export function thesaurusGeneration(): number {
  return generation;
}

function load(entries: readonly ThesaurusEntry[]): void {
  const map = new Map<string, Set<string>>();
  const add = (word: string, others: readonly string[]) => {
    let set = map.get(word);
    if (!set) map.set(word, (set = new Set()));
    for (const o of others) if (o !== word) set.add(o);
  };
  for (const { words, oneWay } of entries) {
    if (oneWay) add(words[0]!, words.slice(1));
    else for (const w of words) add(w, words);
  }
  byWord = new Map([...map].map(([k, v]) => [k, [...v]]));
  keysByLength = [...byWord.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  generation++;
}

load(builtInThesaurus());

/**
 * Replaces the whole table (takes effect at once, no re-index): the operators' current entries,
 * loaded from the database (server/search/thesaurus.ts), which the migration seeded from the data
 * file. Until a process has loaded them it expands with the data file's entries.
 */
export function setThesaurusEntries(entries: readonly ThesaurusEntry[]): void {
  load(entries);
}

/** Words of entries whose words contain `word` or are contained in it (for the empty page's offers). */
export function thesaurusNeighbours(word: string, limit = 3): string[] {
  if (Array.from(word).length < 2) return [];
  const out: string[] = [];
  for (const key of keysByLength) {
    if (key === word || Array.from(key).length < 2) continue;
    if (key.includes(word) || word.includes(key)) out.push(key);
    if (out.length >= limit * 4) break;
  }
  // Closest first: the smallest difference in length.
  const len = Array.from(word).length;
  return out
    .sort((a, b) => Math.abs(Array.from(a).length - len) - Math.abs(Array.from(b).length - len))
    .slice(0, limit);
}

/** The other words `word` also finds (none when it is in no entry). */
export function expandSynonyms(word: string): readonly string[] {
  return byWord.get(word) ?? [];
}

/** Every word of the table, longest first (so 新能源汽车 is found before shorter entries). */
export function synonymKeysByLength(): readonly string[] {
  return keysByLength;
}

/** Number of words with expansions (for the docs and tests). */
export function thesaurusSize(): { entries: number; words: number } {
  return { entries: builtInThesaurus().length, words: byWord.size };
}

/** The table in Meilisearch's `synonyms` setting shape (a word maps to what it also finds). */
export function meilisearchSynonyms(): Record<string, string[]> {
  return Object.fromEntries([...byWord.entries()].map(([k, v]) => [k, [...v]]));
}
