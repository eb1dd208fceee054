// Autocomplete for the postgres engine: titles holding every typed word (the last one as a
// prefix), or whose words' pinyin or initials start with typed letters (dianchi, dc → 电池), found
// through the title marks in GIN, most recent first, those starting with what was
// typed ahead of the rest, one per distinct title.

import { AppError } from '../domain/errors.js';
import { highlight, marksOf } from './highlight.js';
import type { HitRow, PgIndexReader } from './pg-reader.js';
import { tsqueryOf } from './pg-tsquery.js';
import { quoteLexeme, TITLE_MARK } from './pg-tsvector.js';
import { INITIALS_MARK, looksLikePinyin, PINYIN_MARK } from './pinyin.js';
import { parseQuery } from './query-parser.js';
import { normalizeText } from './text.js';
import type { Suggestion } from './types.js';

export async function suggestTitles(reader: PgIndexReader, prefix: string, limit: number): Promise<Suggestion[]> {
  const { docValues } = reader;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 20) {
    throw new AppError('VALIDATION_FAILED', { param: 'limit' }, '建议条数须为 1 到 20 之间的整数');
  }
  const plan = parseQuery(prefix, { prefixLast: true });
  if (plan.units.length === 0) return [];
  // Letters only may be pinyin (dianchi) or initials (dc) of title words (pinyin.ts).
  const pinyin = looksLikePinyin(plan.text)
    ? `${quoteLexeme(TITLE_MARK + PINYIN_MARK + plan.text)}:* | ${quoteLexeme(TITLE_MARK + INITIALS_MARK + plan.text)}:*`
    : null;
  const queries = [tsqueryOf(plan.units, '&', true), ...(pinyin ? [pinyin] : [])];
  const [lookups] = await Promise.all([reader.lookup(queries), docValues.sync()]);
  const found = [...new Set(lookups.flat())];
  await reader.catchUp(found);
  // Most recent first among the titles that contain the words.
  const top = [...found]
    .filter((d) => docValues.isAlive(d))
    .sort((a, b) => (docValues.publishedAt(b) || 0) - (docValues.publishedAt(a) || 0) || a - b)
    .slice(0, limit * 3);
  const rows = await reader.rows(top, null);
  const marks = marksOf(plan);
  const typed = normalizeText(plan.text);
  const titles = top
    .map((d) => rows.get(d))
    .filter((r): r is HitRow => r !== undefined)
    // Titles starting with what was typed come first.
    .sort(
      (a, b) => Number(normalizeText(b.title).startsWith(typed)) - Number(normalizeText(a.title).startsWith(typed)),
    );
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const r of titles) {
    if (seen.has(r.title)) continue;
    seen.add(r.title);
    out.push({ id: r.id, kind: r.kind, title: r.title, highlight: highlight(r.title, marks) });
    if (out.length >= limit) break;
  }
  return out;
}
