// Auction reads. Everyone sees an auction by its 竞买号 only (DESIGN §9); the identities behind the
// aliases are shown to operators and the seller after the close, and the reserve amount to the
// seller and operators only (and to everyone in the record once the auction is over).
import { and, asc, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type {
  AuctionParticipantSource,
  AuctionViewer,
  PublicAuction,
  PublicBid,
} from '../../domain/auction-protocol.js';
import { isAuctionOver } from '../../domain/auction-protocol.js';
import type { RecordBid, RecordTerms } from '../../domain/auction-record.js';
import { genesisHash } from '../../domain/auction-chain.js';
import { nextMinimumBid, type AuctionStatus } from '../../domain/auctions.js';
import { AppError } from '../../domain/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { auctionParticipants, auctions, bids, listings, organisations, type Auction } from '../../db/schema/index.js';

const leader = sql<
  string | null
>`(select p.alias from auction_participants p where p.id = ${auctions.leaderParticipantId})`;
const winner = sql<
  string | null
>`(select p.alias from auction_participants p where p.id = ${auctions.winnerParticipantId})`;
const participantCount = sql<number>`(select count(*)::int from auction_participants p where p.auction_id = ${auctions.id})`;

// 措施十五: an auction of a listing whose result is 涉密 is shown to its seller and operators only.
const classified = sql<boolean>`exists (select 1 from results r where r.id = ${listings.resultId} and r.security_class = 'classified')`;

const withPublic = {
  classified,
  auction: auctions,
  listingTitle: listings.title,
  sellerOrgId: listings.organisationId,
  sellerName: organisations.name,
  leader,
  winner,
  participantCount,
};

async function loadAuctions(db: DbOrTx, where: ReturnType<typeof eq> | undefined, limit = 1) {
  return db
    .select(withPublic)
    .from(auctions)
    .innerJoin(listings, eq(listings.id, auctions.listingId))
    .innerJoin(organisations, eq(organisations.id, listings.organisationId))
    .where(where)
    .orderBy(desc(auctions.createdAt))
    .limit(limit);
}

type Loaded = Awaited<ReturnType<typeof loadAuctions>>[number];

export function publicAuction(
  r: Pick<Loaded, 'auction' | 'listingTitle' | 'leader' | 'winner' | 'participantCount'>,
): PublicAuction {
  const a = r.auction;
  return {
    id: a.id,
    listingId: a.listingId,
    listingTitle: r.listingTitle,
    origin: a.origin,
    status: a.status,
    startPriceFen: a.startPriceFen,
    incrementFen: a.incrementFen,
    hasReserve: a.reservePriceFen !== null,
    depositFen: a.depositFen,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    softCloseMs: a.softCloseMs,
    currentPriceFen: a.currentPriceFen,
    leader: r.leader,
    nextMinimumFen: nextMinimumBid(a),
    seq: a.seq,
    hashHead: a.hashHead,
    participantCount: r.participantCount,
    result: a.result,
    winner: r.winner,
    closedAt: a.closedAt?.toISOString() ?? null,
  };
}

export interface AuctionDetail {
  auction: PublicAuction;
  seller: { organisationId: string; name: string };
  /** The viewer's own participation, for a member of a participating organisation. */
  you: AuctionViewer | null;
  /** What the seller and operators see besides: the reserve. */
  privileged: { reservePriceFen: number | null } | null;
  isSeller: boolean;
}

function isOver(status: AuctionStatus): boolean {
  return isAuctionOver(status);
}

export async function viewerOf(db: DbOrTx, actor: Actor | null, auctionId: string): Promise<AuctionViewer | null> {
  if (actor?.type !== 'member') return null;
  const [p] = await db
    .select()
    .from(auctionParticipants)
    .where(and(eq(auctionParticipants.auctionId, auctionId), eq(auctionParticipants.organisationId, actor.orgId)));
  return p
    ? {
        participantId: p.id,
        alias: p.alias,
        depositRequired: p.depositRequired,
        depositConfirmed: p.depositConfirmedAt !== null,
      }
    : null;
}

function privilegeOf(actor: Actor | null, sellerOrgId: string): { isSeller: boolean; privileged: boolean } {
  const isSeller = actor?.type === 'member' && actor.orgId === sellerOrgId;
  return { isSeller, privileged: isSeller || actor?.type === 'operator' };
}

/** `internal`: the live rooms' own reads (heartbeat, snapshot), which must see every auction. */
export async function getAuction(
  db: DbOrTx,
  actor: Actor | null,
  id: string,
  opts: { internal?: boolean } = {},
): Promise<AuctionDetail> {
  const [r] = await loadAuctions(db, eq(auctions.id, id));
  if (!r || (!opts.internal && hidden(actor, r))) throw new AppError('AUCTION_NOT_FOUND');
  return detailOf(db, actor, r);
}

/** 措施十五: nobody but the seller and operators sees an auction of a 涉密 result, bidders included. */
function hidden(actor: Actor | null, r: Pick<Loaded, 'classified' | 'sellerOrgId'>): boolean {
  return r.classified && !privilegeOf(actor, r.sellerOrgId).privileged;
}

async function detailOf(db: DbOrTx, actor: Actor | null, r: Loaded): Promise<AuctionDetail> {
  const { isSeller, privileged } = privilegeOf(actor, r.sellerOrgId);
  return {
    auction: publicAuction(r),
    seller: { organisationId: r.sellerOrgId, name: r.sellerName },
    you: await viewerOf(db, actor, r.auction.id),
    privileged: privileged ? { reservePriceFen: r.auction.reservePriceFen } : null,
    isSeller,
  };
}

/** The latest auction of a listing (the room linked from the listing page). */
export async function auctionOfListing(db: DbOrTx, actor: Actor | null, listingId: string): Promise<AuctionDetail> {
  const [r] = await loadAuctions(db, eq(auctions.listingId, listingId));
  if (!r || hidden(actor, r)) throw new AppError('AUCTION_NOT_FOUND');
  return detailOf(db, actor, r);
}

/** Public list of auctions, soonest ending first for live ones. */
export async function listAuctions(db: DbOrTx, status: AuctionStatus | undefined, limit: number) {
  const rows = await db
    .select(withPublic)
    .from(auctions)
    .innerJoin(listings, eq(listings.id, auctions.listingId))
    .innerJoin(organisations, eq(organisations.id, listings.organisationId))
    .where(and(status ? eq(auctions.status, status) : undefined, sql`not ${classified}`))
    .orderBy(asc(auctions.endsAt))
    .limit(limit);
  return rows.map(publicAuction);
}

/** Auctions the viewer's organisation sells or takes part in. */
export async function myAuctions(db: DbOrTx, orgId: string) {
  const rows = await db
    .select(withPublic)
    .from(auctions)
    .innerJoin(listings, eq(listings.id, auctions.listingId))
    .innerJoin(organisations, eq(organisations.id, listings.organisationId))
    .where(
      or(
        eq(listings.organisationId, orgId),
        inArray(
          auctions.id,
          db
            .select({ id: auctionParticipants.auctionId })
            .from(auctionParticipants)
            .where(eq(auctionParticipants.organisationId, orgId)),
        ),
      ),
    )
    .orderBy(desc(auctions.createdAt))
    .limit(100);
  return rows
    .filter((r) => !r.classified || r.sellerOrgId === orgId)
    .map((r) => ({
      ...publicAuction(r),
      role: r.sellerOrgId === orgId ? ('seller' as const) : ('bidder' as const),
    }));
}

export function publicBid(b: {
  seq: number;
  bidder: string;
  amountFen: number;
  at: Date;
  endsAt: Date;
  hash: string;
}): PublicBid {
  return {
    seq: b.seq,
    bidder: b.bidder,
    amount: b.amountFen,
    at: b.at.toISOString(),
    endsAt: b.endsAt.toISOString(),
    hash: b.hash,
  };
}

const bidColumns = {
  seq: bids.seq,
  bidder: bids.bidder,
  amountFen: bids.amountFen,
  at: bids.at,
  endsAt: bids.endsAt,
  hash: bids.hash,
};

/** Accepted bids after `afterSeq`, in seq order (the resume path of DESIGN §9). */
export async function bidsAfter(db: DbOrTx, auctionId: string, afterSeq: number, limit: number): Promise<PublicBid[]> {
  const rows = await db
    .select(bidColumns)
    .from(bids)
    .where(and(eq(bids.auctionId, auctionId), gt(bids.seq, afterSeq)))
    .orderBy(asc(bids.seq))
    .limit(limit);
  return rows.map(publicBid);
}

/** The last `n` bids, oldest first (what a snapshot carries). */
export async function recentBids(db: DbOrTx, auctionId: string, n: number): Promise<PublicBid[]> {
  const rows = await db
    .select(bidColumns)
    .from(bids)
    .where(eq(bids.auctionId, auctionId))
    .orderBy(desc(bids.seq))
    .limit(n);
  return rows.reverse().map(publicBid);
}

export async function requireAuction(db: DbOrTx, id: string): Promise<Auction> {
  const [a] = await db.select().from(auctions).where(eq(auctions.id, id));
  if (!a) throw new AppError('AUCTION_NOT_FOUND');
  return a;
}

export interface ParticipantView {
  id: string;
  /** 竞买号: shown to the seller always; to operators after the close (before it they see organisations, to confirm deposits). */
  alias: string | null;
  /** The organisation: shown to operators always; to the seller after the close. */
  organisationId: string | null;
  displayName: string | null;
  source: AuctionParticipantSource;
  depositRequired: boolean;
  depositFen: number | null;
  depositConfirmedAt: Date | null;
}

/**
 * Participants for the seller and operators (issue 6 §6). Before the close nobody sees which
 * organisation is behind which 竞买号: operators see organisations (they confirm deposits), the seller
 * sees aliases; after the close both see both (DESIGN §9).
 */
export async function participantsView(db: DbOrTx, actor: Actor, auctionId: string): Promise<ParticipantView[]> {
  const a = await requireAuction(db, auctionId);
  const [l] = await db.select({ org: listings.organisationId }).from(listings).where(eq(listings.id, a.listingId));
  const { isSeller, privileged } = privilegeOf(actor, l!.org);
  if (!privileged) throw new AppError('FORBIDDEN');
  const over = isOver(a.status);
  const rows = await db
    .select()
    .from(auctionParticipants)
    .where(eq(auctionParticipants.auctionId, auctionId))
    .orderBy(over || isSeller ? asc(auctionParticipants.alias) : asc(auctionParticipants.displayName));
  return rows.map((p) => ({
    id: p.id,
    alias: over || isSeller ? p.alias : null,
    organisationId: over || !isSeller ? p.organisationId : null,
    displayName: over || !isSeller ? p.displayName : null,
    source: p.source,
    depositRequired: p.depositRequired,
    depositFen: p.depositFen,
    depositConfirmedAt: p.depositConfirmedAt,
  }));
}

export interface AuctionRecord {
  auction: PublicAuction & {
    reservePriceFen: number | null;
    initialEndsAt: string;
    genesisHash: string;
    priceFen: number | null;
  };
  bids: Array<PublicBid & { prevHash: string; hash: string }>;
  /** 竞买号 → organisation, for operators and the seller only. */
  identities: Array<{ alias: string; organisationId: string | null; displayName: string }> | null;
}

/**
 * The full bid log with its hash chain, published after the close (issue 6 §5): anyone can
 * recompute every hash (`npm run auction:verify`), and replay the rules from the published terms.
 */
export async function auctionRecord(db: DbOrTx, actor: Actor | null, id: string): Promise<AuctionRecord> {
  const [r] = await loadAuctions(db, eq(auctions.id, id));
  if (!r || hidden(actor, r)) throw new AppError('AUCTION_NOT_FOUND');
  if (!isOver(r.auction.status)) throw new AppError('AUCTION_NOT_ENDED', { endsAt: r.auction.endsAt.toISOString() });
  const rows = await db.select().from(bids).where(eq(bids.auctionId, id)).orderBy(asc(bids.seq));
  const { privileged } = privilegeOf(actor, r.sellerOrgId);
  const identities = privileged
    ? await db
        .select({
          alias: auctionParticipants.alias,
          organisationId: auctionParticipants.organisationId,
          displayName: auctionParticipants.displayName,
        })
        .from(auctionParticipants)
        .where(eq(auctionParticipants.auctionId, id))
        .orderBy(asc(auctionParticipants.alias))
    : null;
  return {
    auction: {
      ...publicAuction(r),
      reservePriceFen: r.auction.reservePriceFen,
      initialEndsAt: r.auction.initialEndsAt.toISOString(),
      genesisHash: genesisHash(id),
      priceFen: r.auction.result === 'sold' ? r.auction.currentPriceFen : null,
    },
    bids: rows.map((b) => ({ ...publicBid(b), prevHash: b.prevHash, hash: b.hash })),
    identities,
  };
}

/**
 * The auction's terms and its whole bid log as stored, in any status: what `npm run auction:verify`
 * checks against the database (domain/auction-record.ts).
 */
export async function storedRecord(db: DbOrTx, id: string): Promise<{ terms: RecordTerms; bids: RecordBid[] }> {
  const [r] = await loadAuctions(db, eq(auctions.id, id));
  if (!r) throw new AppError('AUCTION_NOT_FOUND');
  const a = r.auction;
  const rows = await db.select(bidColumns).from(bids).where(eq(bids.auctionId, id)).orderBy(asc(bids.seq));
  return {
    terms: {
      id: a.id,
      startPriceFen: a.startPriceFen,
      incrementFen: a.incrementFen,
      reservePriceFen: a.reservePriceFen,
      startsAt: a.startsAt.toISOString(),
      initialEndsAt: a.initialEndsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      softCloseMs: a.softCloseMs,
      hashHead: a.hashHead,
      status: a.status,
      currentPriceFen: a.currentPriceFen,
      winner: r.winner,
    },
    bids: rows.map(publicBid),
  };
}
