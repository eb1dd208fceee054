// Search, suggestions and two-way matching (相关推荐) over the configured engine, and the match
// notifications sent when a listing becomes public. The engine holds derived data only; visibility
// of a listing is always decided from PostgreSQL (getListing), never from the index.
import { sql } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import { emptyPageHelp, hasFilters } from '../../search/index.js';
import type { SearchDocument, SearchEngine, SearchQuery, SearchResult, Suggestion } from '../../search/index.js';
import { MATCHABLE_STATUSES, type MatchHit } from '../../search/types.js';
import type { ServiceContext } from '../../platform/context.js';
import { getListing } from '../listings/reads.js';
import { notify } from '../notifications/service.js';
import { ensureThesaurus } from './thesaurus.js';
import { logZeroResult } from './zero-results.js';

/**
 * A match is "strong" (worth a notification) at this score or above: with the same-field bonus of
 * 0.1, it means the other listing contains at least about half of the weight of the new listing's
 * key terms (0.9 × 0.5 + 0.1 = 0.55). Documented in search/README.md.
 */
export const STRONG_MATCH_SCORE = 0.55;
/** At most this many owners are told about one new listing (the strongest first). */
export const MATCH_NOTIFY_LIMIT = 5;

/**
 * A search with the current thesaurus; when a text query finds nothing, the result says why and what
 * would find something, and the query is logged (normalised) when its words alone find nothing.
 */
export async function searchListings(
  ctx: ServiceContext,
  engine: SearchEngine,
  query: SearchQuery,
): Promise<SearchResult> {
  await ensureThesaurus(ctx.db);
  const result = await engine.search(query);
  if (result.total > 0 || !query.q) return result;
  // Without filters a text query that found nothing is logged while its empty page is worked out (one
  // round trip less to wait for); with filters, only a query whose words find nothing even without
  // them is a thesaurus matter, which the empty page tells.
  const filtered = hasFilters(query);
  const [empty] = await Promise.all([emptyPageHelp(engine, query), filtered ? null : logZeroResult(ctx, query.q)]);
  if (filtered && empty && !empty.filtersOnly) await logZeroResult(ctx, query.q);
  return empty
    ? { ...result, empty: { reason: empty.reason, words: empty.words, alternatives: empty.alternatives } }
    : result;
}

export async function suggestListings(
  ctx: ServiceContext,
  engine: SearchEngine,
  prefix: string,
  limit?: number,
): Promise<Suggestion[]> {
  await ensureThesaurus(ctx.db);
  return engine.suggest(prefix, limit);
}

/**
 * The best listings of the other kind for one listing. Anyone may ask for a public listing; the owner
 * and operators also for its non-public states (a draft looking for partners; the text is only a query, and only public listings come back). Others get
 * LISTING_NOT_FOUND, exactly as for the listing itself.
 */
export async function listingMatches(
  ctx: ServiceContext,
  engine: SearchEngine,
  actor: Actor | null,
  listingId: string,
  limit: number,
): Promise<MatchHit[]> {
  const { listing } = await getListing(ctx.db, actor, listingId);
  return engine.match(
    {
      id: listing.id,
      kind: listing.kind,
      title: listing.title,
      summary: listing.summary,
      description: listing.description,
      field: listing.field,
    },
    { limit },
  );
}

/**
 * Tells the owners of strong matches that `doc` has just become public, once per pair of listings
 * (match_notifications, low id first): the pair row and the notifications commit together, so a
 * re-indexed listing, a second worker or a retried job never announces a pair twice.
 * Returns how many pairs were announced.
 */
export async function notifyStrongMatches(
  ctx: ServiceContext,
  engine: SearchEngine,
  doc: SearchDocument,
): Promise<number> {
  // Only a listing still looking for a counterpart is announced (not one that arrives already matched).
  if (!MATCHABLE_STATUSES[doc.kind].includes(doc.status)) return 0;
  const hits = (await engine.match(doc, { limit: 20 }))
    .filter((h) => h.score >= STRONG_MATCH_SCORE && h.organisationId !== doc.organisationId)
    .slice(0, MATCH_NOTIFY_LIMIT);
  if (hits.length === 0) return 0;
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    let announced = 0;
    for (const hit of hits) {
      const [low, high] = doc.id < hit.id ? [doc.id, hit.id] : [hit.id, doc.id];
      const claimed = await tx.execute(sql`
        insert into match_notifications (low_listing_id, high_listing_id, score)
        values (${low}::uuid, ${high}::uuid, ${Math.round(hit.score * 1000)})
        on conflict do nothing
        returning low_listing_id`);
      if (claimed.rows.length === 0) continue;
      announced++;
      await notify(
        tx,
        { orgIds: [hit.organisationId] },
        'match_found',
        {
          listingTitle: doc.title,
          orgName: doc.organisationName,
          text: `匹配关键词 ${hit.matchedTerms.slice(0, 5).join('、')}`,
          listingId: doc.id,
        },
        at,
        { matchedListingId: hit.id, matchedListingTitle: hit.title, score: hit.score },
      );
    }
    return announced;
  });
}
