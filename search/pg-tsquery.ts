// Query side of the postgres engine's lexemes: a query's units (query-parser.ts) as a tsquery
// literal in the index's terms (pg-tsvector.ts). Only lexeme AND/OR/prefix queries, which GIN
// answers exactly without rechecking a vector; CJK words of three or more characters match by their
// trigrams. User text never reaches to_tsquery: lexemes are quoted and the literal is bound as a
// parameter.

import { quoteLexeme, TITLE_MARK } from './pg-tsvector.js';
import type { QueryUnit } from './query-parser.js';
import { isCjk, splitRuns } from './text.js';

/**
 * The tsquery of one word, in the index's terms: one or two CJK characters match as a prefix of
 * the n-gram tokens, three as a trigram, longer words as all their trigrams; other words exactly.
 */
function wordQuery(word: string, prefix: boolean, mark: string): string {
  const runs = splitRuns(word);
  if (runs.length > 1)
    return `(${runs.map((r, i) => wordQuery(r, prefix && i === runs.length - 1, mark)).join(' & ')})`;
  if (!isCjk(word)) return `${quoteLexeme(mark + word)}${prefix ? ':*' : ''}`;
  const chars = Array.from(word);
  if (chars.length <= 2) return `${quoteLexeme(mark + word)}:*`;
  if (chars.length === 3) return quoteLexeme(mark + word);
  const trigrams: string[] = [];
  for (let k = 0; k + 3 <= chars.length; k++) trigrams.push(quoteLexeme(mark + chars.slice(k, k + 3).join('')));
  return `(${trigrams.join(' & ')})`;
}

function unitQuery(unit: QueryUnit, mark: string): string {
  return `(${unit.words.map((w, i) => wordQuery(w, unit.prefix && i === 0, mark)).join(' | ')})`;
}

/** A tsquery literal over the body (or, with `title`, the title marks); units joined by `op`. */
export function tsqueryOf(units: readonly QueryUnit[], op: '&' | '|', title = false): string {
  return units.map((u) => unitQuery(u, title ? TITLE_MARK : '')).join(` ${op} `);
}
