// 措施四 + 措施十四: an institution's own disclosure page (本单位公示) — every agreed-price notice it
// has run, current and past, with its outcome, so the notice is also the institution's own record.
// Public: what the notice board showed while it ran (title, result, proposed price, proposed
// transferee, end) plus the outcome; never contact details, objection texts or objectors' names.
import { and, count, desc, eq, isNotNull, notInArray, sql } from 'drizzle-orm';
import type { ListingStatus } from '../../domain/constants/listings.js';
import { AppError } from '../../domain/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { listings, objections, organisations, results } from '../../db/schema/index.js';

/** What a notice led to, read from the listing's state now. */
export const DISCLOSURE_OUTCOMES = [
  'running',
  'objection_review',
  'concluded',
  'listed',
  'withdrawn',
  'ended',
] as const;
export type DisclosureOutcome = (typeof DISCLOSURE_OUTCOMES)[number];

export function disclosureOutcome(status: ListingStatus): DisclosureOutcome {
  switch (status) {
    case 'notice':
      return 'running';
    case 'objection_review':
      return 'objection_review';
    case 'matched':
    case 'converted':
      return 'concluded';
    case 'listed':
    case 'auction':
    case 'unsold':
      return 'listed';
    case 'withdrawn':
      return 'withdrawn';
    default:
      return 'ended';
  }
}

export interface DisclosureEntry {
  listingId: string;
  title: string;
  resultTitle: string | null;
  proposedPriceFen: number | null;
  counterpartyName: string | null;
  noticeRound: number;
  noticeEndsAt: Date | null;
  publishedAt: Date | null;
  status: ListingStatus;
  objectionsFiled: number;
  objectionsStanding: number;
}

// Listings that never reached the public board are not disclosed.
const NEVER_PUBLIC: ListingStatus[] = ['draft', 'pending_review', 'rejected'];

export async function institutionDisclosure(
  db: DbOrTx,
  orgId: string,
  page: number,
  pageSize: number,
): Promise<{ organisation: { id: string; name: string }; items: DisclosureEntry[]; total: number }> {
  const [org] = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.id, orgId), eq(organisations.kind, 'institution')));
  if (!org) throw new AppError('ORG_NOT_FOUND');
  const where = and(
    eq(listings.organisationId, orgId),
    eq(listings.pricingMode, 'negotiated'),
    isNotNull(listings.noticeEndsAt),
    notInArray(listings.status, NEVER_PUBLIC),
    // 措施十五: a classified result never shows on a public surface, past notices included.
    sql`not exists (select 1 from results r where r.id = ${listings.resultId} and r.security_class = 'classified')`,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        listingId: listings.id,
        title: listings.title,
        resultTitle: results.title,
        proposedPriceFen: listings.priceFen,
        counterpartyName: listings.counterpartyName,
        noticeRound: listings.noticeRound,
        noticeEndsAt: listings.noticeEndsAt,
        publishedAt: listings.publishedAt,
        status: listings.status,
        // Objections filed by other organisations (internal ones are the institution's own business).
        objectionsFiled: sql<number>`(select count(*)::int from ${objections} o where o.listing_id = ${listings.id} and not o.internal)`,
        objectionsStanding: sql<number>`(select count(*)::int from ${objections} o where o.listing_id = ${listings.id} and not o.internal and o.status = 'standing' and o.notice_round = ${listings.noticeRound})`,
      })
      .from(listings)
      .leftJoin(results, eq(results.id, listings.resultId))
      .where(where)
      .orderBy(desc(listings.noticeEndsAt), desc(listings.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(listings).where(where),
  ]);
  return { organisation: org, items: rows as DisclosureEntry[], total: total?.n ?? 0 };
}
