// Autocomplete in the Meilisearch engine: the typed words (the last one a prefix) searched in the
// title, keywords and pinyin (dianchi, dc → 电池), keeping only titles that show the typed words, one per distinct title.

import { AppError } from '../domain/errors.js';
import { highlight, marksOf } from './highlight.js';
import type { MeiliClient } from './meili-client.js';
import { queryText } from './meili-query.js';
import { str, type Hit } from './meili-schema.js';
import { looksLikePinyin } from './pinyin.js';
import { parseQuery } from './query-parser.js';
import type { Suggestion } from './types.js';

export async function suggestMeili(meili: MeiliClient, prefix: string, limit: number): Promise<Suggestion[]> {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 20) {
    throw new AppError('VALIDATION_FAILED', { param: 'limit' }, '建议条数须为 1 到 20 之间的整数');
  }
  const plan = parseQuery(prefix, { prefixLast: true });
  if (plan.units.length === 0) return [];
  const response = await meili.call(() =>
    meili.index.search<Hit>(queryText(plan), {
      attributesToSearchOn: ['title', 'keywords', 'pinyin'],
      attributesToRetrieve: ['id', 'kind', 'title'],
      matchingStrategy: 'all',
      locales: ['cmn'],
      limit: limit * 2,
    }),
  );
  const marks = marksOf(plan);
  // Letters only may be pinyin or initials of title words: those titles show no typed letters.
  const byPinyin = looksLikePinyin(plan.text);
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const h of response.hits) {
    const title = str(h.title);
    // keywords cover the whole text; a suggestion must show the typed words in its title.
    if (seen.has(title) || (!byPinyin && marks.length > 0 && !highlight(title, marks).some((s) => s.hit))) continue;
    seen.add(title);
    out.push({ id: str(h.id), kind: h.kind as Suggestion['kind'], title, highlight: highlight(title, marks) });
    if (out.length >= limit) break;
  }
  return out;
}
