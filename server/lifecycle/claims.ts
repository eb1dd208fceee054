// The listing window (挂牌期) and claims (摘牌), 措施四. Rules: domain/claims.ts.
//
// The race at the window's end: a claim holds the listing row FOR SHARE and reads the clock only
// after it has the lock; the window-end transition holds it FOR UPDATE. So a claim either commits
// before the transition (and is counted: its time is before the end) or waits for it and then sees
// the listing no longer `listed` — refused with a clear error, never lost, never counted late.
import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { Actor, MemberActor } from '../../domain/actor.js';
import * as rules from '../../domain/claims.js';
import { AppError } from '../../domain/errors.js';
import type { Config } from '../../platform/config.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  auctionParticipants,
  auctions,
  claims,
  listings,
  organisations,
  type Auction,
  type AuctionParticipant,
  type Claim,
  type Listing,
} from '../../db/schema/index.js';
import { createAuction } from '../auctions/service.js';
import { domicileOf, exportControlOf } from '../results/export-control.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { applyTransition, lockListingShared } from '../listings/transitions.js';
import { notify } from '../notifications/service.js';
import { isUniqueViolation, orgName, requireVisible, responseReader, SYSTEM } from './parties.js';

export async function claimListing(ctx: ServiceContext, actor: Actor, listingId: string): Promise<Claim> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await lockListingShared(tx, listingId);
      requireVisible(row, actor);
      // The clock is read under the lock: see the note at the top.
      const now = ctx.now();
      const orgId = actor.type === 'member' ? actor.orgId : null;
      const [existing] = orgId
        ? await tx
            .select({ id: claims.id })
            .from(claims)
            .where(and(eq(claims.listingId, listingId), eq(claims.organisationId, orgId)))
        : [];
      // 措施十五: a claimant registered outside the mainland needs the result's export-control review.
      const claimant =
        actor.type === 'member'
          ? {
              domicile: await domicileOf(tx, actor.orgId),
              exportControlConfirmed: (await exportControlOf(tx, row.resultId)) !== null,
            }
          : { domicile: 'mainland' as const, exportControlConfirmed: false };
      rules.checkClaim(row, actor, now, !!existing, claimant);
      if (actor.type !== 'member' || row.priceFen === null) throw new AppError('INVALID_STATE');
      const [claim] = await tx
        .insert(claims)
        .values({
          listingId,
          organisationId: actor.orgId,
          claimedBy: actor.userId,
          priceFen: row.priceFen,
          createdAt: now,
        })
        .returning();
      await writeAudit(tx, {
        actor,
        action: 'listing.claim',
        targetType: 'listing',
        targetId: listingId,
        beforeStatus: row.status,
        afterStatus: row.status,
        details: { claimId: claim!.id, priceFen: row.priceFen },
        at: now,
      });
      await emit(tx, 'claim.created', { listingId, claimId: claim!.id });
      await notify(
        tx,
        { orgIds: [row.organisationId] },
        'claim_received',
        { listingId, listingTitle: row.title, orgName: await orgName(tx, actor.orgId) },
        now,
        { claimId: claim!.id },
      );
      return claim!;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'claims_listing_org_key')) throw new AppError('ALREADY_CLAIMED');
    throw err;
  }
}

export type ClaimRow = Claim & { organisationName: string };

/** The owner and operators see every claim; an enterprise sees its own. */
export async function listClaims(db: DbOrTx, actor: Actor, listingId: string): Promise<ClaimRow[]> {
  const reader = await responseReader(db, actor, listingId);
  if (reader === 'none') return [];
  const rows = await db
    .select({ claim: claims, organisationName: organisations.name })
    .from(claims)
    .innerJoin(organisations, eq(organisations.id, claims.organisationId))
    .where(
      and(
        eq(claims.listingId, listingId),
        reader.organisationId ? eq(claims.organisationId, reader.organisationId) : undefined,
      ),
    )
    .orderBy(asc(claims.createdAt), asc(claims.id));
  return rows.map((r) => ({ ...r.claim, organisationName: r.organisationName }));
}

/** Creates the `scheduled` auction a window hands over, with its participants and their 竞买号. */
async function createHandOverAuction(
  tx: Tx,
  row: Listing,
  participants: rules.ParticipantPlan[],
  now: Date,
  config: Config,
): Promise<{ auction: Auction; participants: AuctionParticipant[] }> {
  // One way into the auctions table: server/auctions/service.ts createAuction (also announces the auction,
  // so the worker schedules its start and close).
  const terms = rules.handOverTerms(row.priceFen!, now, config.periods);
  const id = await createAuction(tx, {
    listingId: row.id,
    origin: 'window',
    ...terms,
    participants: participants.map((p) => ({
      organisationId: p.organisationId,
      source: p.source,
      displayName: p.name,
      claimId: p.claimId ?? undefined,
    })),
    now,
  });
  const [auction] = await tx.select().from(auctions).where(eq(auctions.id, id));
  const inserted = await tx
    .select()
    .from(auctionParticipants)
    .where(eq(auctionParticipants.auctionId, id))
    .orderBy(asc(auctionParticipants.position));
  return { auction: auction!, participants: inserted };
}

/**
 * Timer: the listing window is over. The caller holds the listing FOR UPDATE and has checked that it
 * is still `listed` and the deadline passed. Applies the window-end table of domain/claims.ts.
 */
export async function closeWindow(tx: Tx, row: Listing, now: Date, config: Config): Promise<Listing> {
  const stored = await tx
    .select({
      id: claims.id,
      organisationId: claims.organisationId,
      organisationName: organisations.name,
      createdAt: claims.createdAt,
    })
    .from(claims)
    .innerJoin(organisations, eq(organisations.id, claims.organisationId))
    .where(eq(claims.listingId, row.id));
  const d = rules.decideWindowEnd(row, stored, now);
  const claimantOrgs = stored.map((c) => c.organisationId);
  const base = { listingId: row.id, listingTitle: row.title };

  if (d.outcome === 'expired') {
    const updated = await applyTransition(tx, row, d.transition, SYSTEM, now, {}, { countedClaims: 0 });
    await notify(tx, { orgIds: [row.organisationId] }, 'window_ended', { ...base, to: 'expired' }, now);
    return updated;
  }

  if (d.outcome === 'matched') {
    const updated = await applyTransition(
      tx,
      row,
      d.transition,
      SYSTEM,
      now,
      {
        matchedOrgId: d.match.orgId,
        matchedName: d.match.name,
        matchedPriceFen: d.match.priceFen,
        matchedAt: now,
        matchRoute: d.match.route,
      },
      { countedClaims: d.countedClaims, matchRoute: d.match.route },
    );
    await notify(
      tx,
      { orgIds: [row.organisationId, d.match.orgId, row.counterpartyOrgId, ...claimantOrgs] },
      'window_ended',
      { ...base, to: 'matched', route: d.match.route, orgName: d.match.name, priceFen: d.match.priceFen },
      now,
    );
    return updated;
  }

  const { auction, participants } = await createHandOverAuction(tx, row, d.participants, now, config);
  const updated = await applyTransition(
    tx,
    row,
    d.transition,
    SYSTEM,
    now,
    {},
    { countedClaims: d.countedClaims, auctionId: auction.id, participants: participants.length },
  );
  // createAuction has emitted `auction.scheduled`, which schedules the start and close jobs.
  await notify(
    tx,
    { orgIds: [row.organisationId] },
    'window_ended',
    { ...base, to: 'auction', count: participants.length, priceFen: auction.startPriceFen, at: auction.startsAt },
    now,
    { auctionId: auction.id },
  );
  // Each bidder learns its own 竞买号; the others' stay hidden (DESIGN §9).
  for (const p of participants) {
    if (!p.organisationId) continue;
    await notify(
      tx,
      { orgIds: [p.organisationId] },
      'auction_scheduled',
      { ...base, alias: p.alias, priceFen: auction.startPriceFen, at: auction.startsAt },
      now,
      { auctionId: auction.id },
    );
  }
  return updated;
}

/** The auction a listing was handed over to, if any (the live-auction issue extends this). */
export async function handOverAuction(
  db: DbOrTx,
  listingId: string,
): Promise<{ auction: Auction; participants: AuctionParticipant[] } | null> {
  const [auction] = await db
    .select()
    .from(auctions)
    .where(eq(auctions.listingId, listingId))
    .orderBy(asc(auctions.createdAt))
    .limit(1);
  if (!auction) return null;
  const participants = await db
    .select()
    .from(auctionParticipants)
    .where(eq(auctionParticipants.auctionId, auction.id))
    .orderBy(asc(auctionParticipants.position));
  return { auction, participants };
}

const listingRefColumns = {
  id: listings.id,
  title: listings.title,
  status: listings.status,
  deadline: listings.deadline,
  listingEndsAt: listings.listingEndsAt,
};

export async function myClaims(db: DbOrTx, actor: MemberActor, page: number, pageSize: number) {
  const where = eq(claims.organisationId, actor.orgId);
  const [rows, [total]] = await Promise.all([
    db
      .select({ claim: claims, organisationName: organisations.name, listing: listingRefColumns })
      .from(claims)
      .innerJoin(organisations, eq(organisations.id, claims.organisationId))
      .innerJoin(listings, eq(listings.id, claims.listingId))
      .where(where)
      .orderBy(desc(claims.createdAt), desc(claims.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(claims).where(where),
  ]);
  return {
    items: rows.map((r) => ({ ...r.claim, organisationName: r.organisationName, listing: r.listing })),
    total: total?.n ?? 0,
  };
}
