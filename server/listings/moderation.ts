// Operators' decisions on listings: approve (an auction-priced listing gets its auction, 措施四 拍卖),
// reject, take down (with the auction and the responders told). Each is recorded as a moderation
// decision beside the transition.
import { sql } from 'drizzle-orm';
import type { OperatorActor } from '../../domain/actor.js';
import type { RejectionReasonCode, TakeDownReasonCode } from '../../domain/constants/listings.js';
import { defaultIncrement } from '../../domain/auctions.js';
import { addDuration, durationMs } from '../../domain/duration.js';
import * as rules from '../../domain/listings.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { moderationDecisions, type Listing } from '../../db/schema/index.js';
import { createAuction, lockOpenAuctions, terminateForTakeDown } from '../auctions/service.js';
import type { ServiceContext } from '../../platform/context.js';
import { notify } from '../notifications/service.js';
import { lockListing, facts, checkContent, applyTransition } from './transitions.js';

async function responderOrgs(tx: DbOrTx, listingId: string): Promise<string[]> {
  const rows = await tx.execute<{ org: string }>(sql`
    select organisation_id as org from claims where listing_id = ${listingId}
    union select organisation_id from objections where listing_id = ${listingId}
    union select organisation_id from proposals where listing_id = ${listingId} and status <> 'withdrawn'`);
  return rows.rows.map((r) => r.org);
}

async function recordDecision(
  tx: Tx,
  listingId: string,
  actor: OperatorActor,
  decision: 'approve' | 'reject' | 'take_down',
  now: Date,
  reason?: { code: string; text: string },
) {
  await tx.insert(moderationDecisions).values({
    listingId,
    decision,
    reasonCode: reason?.code ?? null,
    reasonText: reason?.text ?? null,
    operatorId: actor.userId,
    createdAt: now,
  });
}

export async function approveListing(ctx: ServiceContext, actor: OperatorActor, id: string): Promise<Listing> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await lockListing(tx, id);
    const t = rules.approve(await facts(tx, row), actor, now, ctx.config.periods);
    // The result may have been reclassified while the listing waited for review (措施十五).
    await checkContent(tx, row, row.organisationId);
    await recordDecision(tx, id, actor, 'approve', now);
    const updated = await applyTransition(tx, row, t, actor, now, {
      publishedAt: now,
      rejectionCode: null,
      rejectionText: null,
    });
    await notify(
      tx,
      { orgIds: [row.organisationId] },
      'listing_approved',
      { listingId: id, listingTitle: row.title, to: t.to },
      now,
    );
    if (t.to === 'auction') {
      // A listing priced by auction (措施四 拍卖) gets its auction at approval: start price = the
      // listed price, start after AUCTION_START_LEAD, AUCTION_DURATION of bidding, default increment
      // and no reserve — the seller may set both before the start (PATCH /auctions/:id), and verified
      // enterprises register until then.
      const startsAt = addDuration(now, ctx.config.periods.auctionStartLead);
      await createAuction(tx, {
        listingId: row.id,
        origin: 'direct',
        startPriceFen: row.priceFen!,
        incrementFen: defaultIncrement(row.priceFen!),
        reservePriceFen: null,
        startsAt,
        endsAt: addDuration(startsAt, ctx.config.periods.auctionDuration),
        softCloseMs: durationMs(ctx.config.periods.auctionSoftClose),
        participants: [],
        now,
        actor,
      });
    }
    return updated;
  });
}

export async function rejectListing(
  ctx: ServiceContext,
  actor: OperatorActor,
  id: string,
  reason: { code: RejectionReasonCode; text: string },
): Promise<Listing> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await lockListing(tx, id);
    const t = rules.reject(await facts(tx, row), actor, reason);
    await recordDecision(tx, id, actor, 'reject', now, reason);
    const updated = await applyTransition(tx, row, t, actor, now, {
      rejectionCode: reason.code,
      rejectionText: reason.text,
    });
    await notify(
      tx,
      { orgIds: [row.organisationId] },
      'listing_rejected',
      { listingId: id, listingTitle: row.title, text: reason.text },
      now,
    );
    return updated;
  });
}

export async function takeDownListing(
  ctx: ServiceContext,
  actor: OperatorActor,
  id: string,
  reason: { code: TakeDownReasonCode; text: string },
): Promise<Listing> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    // Auction before listing, the order bids and closes take: a take-down racing a close or a bid
    // waits for it instead of deadlocking with it.
    await lockOpenAuctions(tx, id);
    const row = await lockListing(tx, id);
    const t = rules.takeDown(await facts(tx, row), actor, reason);
    await recordDecision(tx, id, actor, 'take_down', now, reason);
    // A listing in auction takes its auction down with it: no bid after this, no winner.
    if (row.status === 'auction') await terminateForTakeDown(tx, id, actor, now);
    const updated = await applyTransition(tx, row, t, actor, now, {
      rejectionCode: reason.code,
      rejectionText: reason.text,
    });
    await notify(
      tx,
      { orgIds: [row.organisationId] },
      'listing_taken_down',
      { listingId: id, listingTitle: row.title, text: reason.text },
      now,
    );
    // Those who objected, claimed or proposed learn that the procedure they joined has stopped.
    const responders = await responderOrgs(tx, id);
    if (responders.length) {
      await notify(tx, { orgIds: responders }, 'listing_taken_down', { listingId: id, listingTitle: row.title }, now);
    }
    return updated;
  });
}
