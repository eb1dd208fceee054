// Two-way matching (相关推荐) in the Meilisearch engine: the source's key terms (matching.ts) as one
// query that drops the weakest terms until enough listings of the other kind match; which terms a
// candidate holds is then read from its `keywords` (key-terms.ts) and scored by matching.ts.

import { keywordsContain } from './key-terms.js';
import type { MeiliClient } from './meili-client.js';
import { quoteFilterValue } from './meili-query.js';
import { HIT_ATTRIBUTES, str, type Hit } from './meili-schema.js';
import { MATCH_CANDIDATES, matchTerms, scoreMatches, type MatchCandidate } from './matching.js';
import { MATCHABLE_STATUSES, type MatchHit, type MatchOptions, type MatchSource } from './types.js';

export async function matchMeili(meili: MeiliClient, source: MatchSource, options: MatchOptions): Promise<MatchHit[]> {
  const kind = options.kind ?? (source.kind === 'supply' ? 'demand' : 'supply');
  const statuses = options.statuses ?? MATCHABLE_STATUSES[kind];
  const limit = Math.min(Math.max(1, options.limit ?? 10), 50);
  const terms = matchTerms(source);
  if (terms.length === 0 || statuses.length === 0) return [];
  const response = await meili.call(() =>
    meili.index.search<Hit>(terms.map((t) => t.keyword).join(' '), {
      // Terms are strongest first; 'last' drops the weakest ones until enough documents match.
      matchingStrategy: 'last',
      filter: [
        `kind = ${quoteFilterValue(kind)}`,
        `status IN [${statuses.map(quoteFilterValue).join(', ')}]`,
        `id != ${quoteFilterValue(source.id)}`,
      ],
      attributesToRetrieve: [...HIT_ATTRIBUTES, 'keywords'],
      locales: ['cmn'],
      limit: MATCH_CANDIDATES,
    }),
  );
  const candidates: MatchCandidate[] = response.hits.map((h) => {
    const keywords = new Set((h.keywords ?? []) as string[]);
    // A term is present when the candidate has it as a word, or has every bigram of it.
    const matched = terms.filter((t) => t.unit.words.some((w) => keywordsContain(keywords, w))).map((t) => t.keyword);
    return {
      id: str(h.id),
      kind: h.kind as MatchHit['kind'],
      title: str(h.title),
      summary: str(h.summary),
      organisationId: str(h.organisationId),
      organisationName: str(h.organisationName),
      field: h.field as MatchHit['field'],
      region: h.region as MatchHit['region'],
      status: h.status as MatchHit['status'],
      matched,
    };
  });
  return scoreMatches(source, terms, candidates, limit);
}
