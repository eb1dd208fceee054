// The machinery of every listing transition (DESIGN §5): locking the row, the facts the domain rules
// decide on, the content checks (措施十五 for a linked result) and applying a transition with its
// audit row and event. The owner's moves (service.ts), moderation (moderation.ts) and the lifecycle
// area (server/lifecycle/) all go through it.
import { and, count, eq, inArray, ne } from 'drizzle-orm';
import { RESULT_HOLDING_STATUSES } from '../../domain/constants/listings.js';
import type { Actor } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import * as rules from '../../domain/listings.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { claims, listings, proposals, results, type Listing } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import { recordListingDecision } from '../dossiers/product-decisions.js';

/**
 * Locks the listing row for a transition: transitions of one listing run one at a time. NO KEY
 * UPDATE, not UPDATE: rows that reference the listing (notifications, bids' audit, claims…) take a
 * KEY SHARE lock on it for their foreign key, and must not queue behind a transition — a bid holding
 * its auction row while notifying about the listing would otherwise deadlock with a take-down.
 */
export async function lockListing(tx: Tx, id: string): Promise<Listing> {
  const [row] = await tx.select().from(listings).where(eq(listings.id, id)).for('no key update');
  if (!row) throw new AppError('LISTING_NOT_FOUND');
  return row;
}

/**
 * Locks the listing row against transitions but not against other responders (FOR SHARE): claims,
 * objections and proposals arrive concurrently, and a deadline transition (FOR UPDATE) waits for the
 * ones already in progress — so each is either counted by it or sees the new status.
 */
export async function lockListingShared(tx: Tx, id: string): Promise<Listing> {
  const [row] = await tx.select().from(listings).where(eq(listings.id, id)).for('share');
  if (!row) throw new AppError('LISTING_NOT_FOUND');
  return row;
}

/** Claims (摘牌) of a supply listing, or live proposals (揭榜) of a demand: either blocks withdrawal. */
async function countResponses(tx: DbOrTx, row: Listing): Promise<number> {
  const [r] =
    row.kind === 'supply'
      ? await tx.select({ n: count() }).from(claims).where(eq(claims.listingId, row.id))
      : await tx
          .select({ n: count() })
          .from(proposals)
          .where(and(eq(proposals.listingId, row.id), ne(proposals.status, 'withdrawn')));
  return r?.n ?? 0;
}

export async function facts(tx: DbOrTx, row: Listing): Promise<rules.ListingFacts> {
  return {
    kind: row.kind,
    status: row.status,
    organisationId: row.organisationId,
    pricingMode: row.pricingMode,
    deadline: row.deadline,
    hasResponses: (await countResponses(tx, row)) > 0,
  };
}

export async function checkContent(tx: DbOrTx, content: rules.ListingContent, ownerOrgId: string): Promise<void> {
  let result: rules.ResultFacts | null = null;
  if (content.resultId) {
    const [row] = await tx
      .select({
        institutionId: results.institutionId,
        securityClass: results.securityClass,
        ownership: results.ownership,
      })
      .from(results)
      .where(eq(results.id, content.resultId));
    // A result of another institution is reported as not owned, not as missing: the owner may
    // simply have picked the wrong one, and its existence is no secret to an institution.
    result = row ?? null;
  }
  rules.checkListingContent(content, ownerOrgId, result);
}

/**
 * One result, one buyer of exclusive rights (domain/listings.ts checkResultAvailable): refuses a
 * listing about to hold its result (submission, a renewed showcase) while another listing of the same
 * result holds exclusive rights. The result row is locked first, so two submissions of one result
 * decide one after the other; the unique index listings_result_exclusive_key backs this up.
 */
export async function checkResultHeld(tx: Tx, row: Listing): Promise<void> {
  if (row.kind !== 'supply' || !row.resultId || !rules.offersExclusiveRights(row)) return;
  await tx.select({ id: results.id }).from(results).where(eq(results.id, row.resultId)).for('update');
  const others = await tx
    .select({
      id: listings.id,
      title: listings.title,
      transactionTypes: listings.transactionTypes,
      licenseScope: listings.licenseScope,
    })
    .from(listings)
    .where(
      and(
        eq(listings.resultId, row.resultId),
        ne(listings.id, row.id),
        inArray(listings.status, [...RESULT_HOLDING_STATUSES]),
      ),
    );
  const holder = others.find((o) => rules.offersExclusiveRights(o)) ?? null;
  rules.checkResultAvailable(row, holder);
}

/** The unique index's refusal, for a race the lock above did not serialise (two results' listings never race). */
export function exclusiveConflict(err: unknown): never {
  const cause = (err as { cause?: { code?: string; constraint?: string } }).cause;
  if (cause?.code === '23505' && cause.constraint === 'listings_result_exclusive_key') {
    throw new AppError('RESULT_EXCLUSIVELY_OFFERED');
  }
  throw err;
}

/** Applies a domain transition to a locked row: status, deadlines, version, audit and outbox, in one transaction. */
export async function applyTransition(
  tx: Tx,
  row: Listing,
  t: rules.Transition,
  actor: Actor,
  now: Date,
  extra: Partial<typeof listings.$inferInsert> = {},
  auditDetails: Record<string, unknown> = {},
): Promise<Listing> {
  const [updated] = await tx
    .update(listings)
    .set({ ...t.deadlines, ...extra, status: t.to, version: row.version + 1, updatedAt: now })
    .where(eq(listings.id, row.id))
    .returning();
  await writeAudit(tx, {
    actor,
    action: `listing.${t.action}`,
    targetType: 'listing',
    targetId: row.id,
    beforeStatus: t.from,
    afterStatus: t.to,
    reason: t.reason ? `${t.reason.code}: ${t.reason.text}` : null,
    details: {
      version: row.version + 1,
      ...Object.fromEntries(Object.entries(t.deadlines).map(([k, v]) => [k, v?.toISOString() ?? null])),
      ...auditDetails,
    },
    at: now,
  });
  await recordListingDecision(
    tx,
    actor,
    { id: row.id, kind: row.kind, pricingMode: updated!.pricingMode, priceFen: updated!.priceFen },
    t,
    auditDetails,
    now,
  );
  await emit(tx, `listing.${t.action}`, {
    listingId: row.id,
    organisationId: row.organisationId,
    kind: row.kind,
    from: t.from,
    to: t.to,
    version: row.version + 1,
    reason: t.reason ?? null,
  });
  return updated!;
}
