// Before the start (issue 6 §1): registration for an auction-priced listing's auction, the seller's
// terms (increment, hidden reserve) and the operators' deposits (保证金).
import { and, eq, sql } from 'drizzle-orm';
import type { Actor, MemberActor, OperatorActor } from '../../domain/actor.js';
import { aliasFor } from '../../domain/auction-aliases.js';
import { initialAuctionState } from '../../domain/auctions.js';
import { AppError } from '../../domain/errors.js';
import { checkExportControlGate } from '../../domain/export-control.js';
import { auctionParticipants, auctions, listings, organisations } from '../../db/schema/index.js';
import { domicileOf, exportControlOf } from '../results/export-control.js';
import { writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { notify } from '../notifications/service.js';
import { lockAuction, clock, stateOf, sellerOf, isSellerOrOperator } from './locking.js';

/**
 * A verified enterprise other than the seller registers for an auction-priced listing's auction
 * before it starts (issue 6 §1). Window hand-overs take their claimants only.
 */
export async function register(ctx: ServiceContext, actor: MemberActor, auctionId: string) {
  if (actor.orgKind !== 'enterprise') throw new AppError('WRONG_ORG_KIND');
  if (actor.orgVerification !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
  return ctx.db.transaction(async (tx) => {
    const row = await lockAuction(tx, auctionId);
    const now = await clock(tx);
    if (row.origin !== 'direct' || row.status !== 'scheduled' || now >= row.startsAt) {
      throw new AppError('AUCTION_REGISTRATION_CLOSED');
    }
    const seller = await sellerOf(tx, row.listingId);
    if (seller.organisationId === actor.orgId) throw new AppError('SELLER_CANNOT_BID');
    // 措施十五: a bidder registered outside the mainland needs the result's export-control review first.
    const [listing] = await tx
      .select({ resultId: listings.resultId })
      .from(listings)
      .where(eq(listings.id, row.listingId));
    checkExportControlGate(
      'auction_registration',
      await domicileOf(tx, actor.orgId),
      (await exportControlOf(tx, listing?.resultId ?? null)) !== null,
    );
    const [existing] = await tx
      .select({ id: auctionParticipants.id })
      .from(auctionParticipants)
      .where(and(eq(auctionParticipants.auctionId, auctionId), eq(auctionParticipants.organisationId, actor.orgId)));
    if (existing) throw new AppError('AUCTION_ALREADY_REGISTERED');
    // Positions are gapless because the auction row is locked while we count.
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(auctionParticipants)
      .where(eq(auctionParticipants.auctionId, auctionId));
    const [org] = await tx
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, actor.orgId));
    const [p] = await tx
      .insert(auctionParticipants)
      .values({
        auctionId,
        organisationId: actor.orgId,
        displayName: org?.name ?? '',
        source: 'registration',
        position: n,
        alias: aliasFor(auctionId, n, row.aliasSecret),
        depositRequired: row.depositFen !== null,
        depositFen: row.depositFen,
        registeredBy: actor.userId,
        createdAt: now,
      })
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'auction.register',
      targetType: 'auction',
      targetId: auctionId,
      details: { participantId: p!.id },
      at: now,
    });
    // The organisation's inbox keeps its 竞买号 and the start time (its colleagues bid with it too).
    await notify(
      tx,
      { orgIds: [actor.orgId] },
      'auction_scheduled',
      {
        listingId: row.listingId,
        listingTitle: seller.title,
        alias: p!.alias,
        priceFen: row.startPriceFen,
        at: row.startsAt,
      },
      now,
      { auctionId },
    );
    return p!;
  });
}

export interface TermsPatch {
  incrementFen?: number;
  reservePriceFen?: number | null;
}

/**
 * The seller or an operator sets the increment and the hidden reserve (保留价) while the auction is
 * still scheduled; once bidding starts the terms are fixed. Listings approved into auction get the
 * defaults (increment 1 % of the start price, no reserve), so this is where a seller sets its own.
 */
export async function updateTerms(ctx: ServiceContext, actor: Actor, auctionId: string, patch: TermsPatch) {
  return ctx.db.transaction(async (tx) => {
    const row = await lockAuction(tx, auctionId);
    const seller = await sellerOf(tx, row.listingId);
    if (!isSellerOrOperator(actor, seller.organisationId)) throw new AppError('FORBIDDEN');
    const now = await clock(tx);
    if (row.status !== 'scheduled' || now >= row.startsAt) throw new AppError('AUCTION_TERMS_LOCKED');
    const next = {
      incrementFen: patch.incrementFen ?? row.incrementFen,
      reservePriceFen: patch.reservePriceFen === undefined ? row.reservePriceFen : patch.reservePriceFen,
    };
    // Same checks as at creation.
    initialAuctionState({ ...stateOf(row), ...next, endsAt: row.initialEndsAt });
    await tx
      .update(auctions)
      .set({ ...next, updatedAt: now })
      .where(eq(auctions.id, auctionId));
    await writeAudit(tx, {
      actor,
      action: 'auction.terms',
      targetType: 'auction',
      targetId: auctionId,
      details: {
        incrementFen: { from: row.incrementFen, to: next.incrementFen },
        // The reserve is secret from bidders but not from the audit trail.
        reservePriceFen: { from: row.reservePriceFen, to: next.reservePriceFen },
      },
      at: now,
    });
  });
}

/** An operator requires a deposit (保证金) of every participant, or lifts the requirement, before the start. */
export async function setDeposit(
  ctx: ServiceContext,
  actor: OperatorActor,
  auctionId: string,
  depositFen: number | null,
) {
  return ctx.db.transaction(async (tx) => {
    const row = await lockAuction(tx, auctionId);
    const now = await clock(tx);
    if (row.status !== 'scheduled' || now >= row.startsAt) throw new AppError('AUCTION_TERMS_LOCKED');
    await tx.update(auctions).set({ depositFen, updatedAt: now }).where(eq(auctions.id, auctionId));
    await tx
      .update(auctionParticipants)
      .set({ depositRequired: depositFen !== null, depositFen })
      .where(eq(auctionParticipants.auctionId, auctionId));
    await writeAudit(tx, {
      actor,
      action: 'auction.deposit_required',
      targetType: 'auction',
      targetId: auctionId,
      details: { from: row.depositFen, to: depositFen },
      at: now,
    });
  });
}

/** An operator confirms that a participant's deposit arrived; from then on it may bid. */
export async function confirmDeposit(
  ctx: ServiceContext,
  actor: OperatorActor,
  auctionId: string,
  participantId: string,
) {
  return ctx.db.transaction(async (tx) => {
    const row = await lockAuction(tx, auctionId);
    const now = await clock(tx);
    if (row.status !== 'scheduled' && row.status !== 'live')
      throw new AppError('INVALID_STATE', { status: row.status });
    const [p] = await tx
      .select()
      .from(auctionParticipants)
      .where(and(eq(auctionParticipants.id, participantId), eq(auctionParticipants.auctionId, auctionId)));
    if (!p) throw new AppError('PARTICIPANT_NOT_FOUND');
    if (!p.depositRequired) throw new AppError('INVALID_STATE', { reason: 'deposit_not_required' });
    if (p.depositConfirmedAt) return p;
    const [updated] = await tx
      .update(auctionParticipants)
      .set({ depositConfirmedAt: now, depositConfirmedBy: actor.userId })
      .where(eq(auctionParticipants.id, participantId))
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'auction.deposit_confirmed',
      targetType: 'auction',
      targetId: auctionId,
      details: { participantId, depositFen: p.depositFen },
      at: now,
    });
    return updated!;
  });
}
