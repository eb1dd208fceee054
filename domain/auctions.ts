// The auction rules of DESIGN.md §5 (拍卖 / 竞价, one of the three pricing routes of 措施四:
// 协议定价、在技术市场挂牌交易、拍卖等方式确定价格). Pure: callers pass the auction row, the bid and the
// server's clock, and get back the new row, the bid record to insert and whether the end moved — or
// a typed refusal. The timer workers, the other auction writes and the verify CLI apply these
// functions; bids are decided inside PostgreSQL by place_bid (migration 0007), which must keep to
// decideBid here — test/api/place-bid.test.ts holds it to this model on random bid sequences.
//
// Refusals are returned, not thrown: a refused bid is an ordinary outcome that the caller stores
// against its idempotency key and answers again on retry. `refusalError` turns one into an AppError.
//
// The clock. "The server's arrival time decides" (DESIGN §5): `at` is the one server timestamp the
// caller takes for the bid. For the late-bid rule and the guarded close (`status = 'live' AND
// ends_at <= now()`) to agree, take it *after* locking the auction row (PostgreSQL
// `clock_timestamp()`, not `now()`, which is the transaction's start) and at millisecond precision,
// because that is what the hash chain records (JS Date, `toISOString()`).
//
// The hash chain itself is in auction-chain.ts, the 竞买号 in auction-aliases.ts.

import { bidHash, genesisHash, isAmount } from './auction-chain.js';
import type { AuctionStatus, CloseResult } from './auction-protocol.js';
import { AppError, type ErrorCode } from './errors.js';

export {
  AUCTION_ORIGINS,
  AUCTION_PARTICIPANT_SOURCES,
  AUCTION_STATUSES,
  AUCTION_STATUS_LABELS,
  CLOSE_RESULTS,
  CLOSE_RESULT_LABELS,
  type AuctionOrigin,
  type AuctionParticipantSource,
  type AuctionStatus,
  type CloseResult,
} from './auction-protocol.js';

/**
 * The default bid increment: 1 % of the start price, rounded up to whole 元 (100 分), at least 1 元 —
 * the usual step of technology-exchange auctions. Sellers and operators may change it before the start.
 */
export function defaultIncrement(startPriceFen: number): number {
  return Math.max(100, Math.ceil(startPriceFen / 100 / 100) * 100);
}

/** DESIGN §5: auction → matched (a winner) | unsold (no bid, or the reserve not met). */
export function listingStatusAfterClose(result: CloseResult): 'matched' | 'unsold' {
  return result === 'sold' ? 'matched' : 'unsold';
}

// DESIGN §5: the soft-close ("延时") rule of China's online judicial auctions — a bid in the last five
// minutes extends the end to five minutes after that bid, so nobody wins by sniping the last second.
export const DEFAULT_SOFT_CLOSE = 'PT5M';
export const DEFAULT_SOFT_CLOSE_MS = 5 * 60_000;

/** What is fixed when an auction is created. Amounts are integer 分. */
export interface AuctionTerms {
  id: string;
  startPriceFen: number;
  incrementFen: number;
  /** Hidden reserve (保留价); null = no reserve. Never shown to bidders. */
  reservePriceFen: number | null;
  startsAt: Date;
  endsAt: Date;
  softCloseMs: number;
}

/** The auction row as the rules see it. */
export interface AuctionState extends AuctionTerms {
  status: AuctionStatus;
  /** The leading bid, null until the first accepted bid. */
  currentPriceFen: number | null;
  /** The participant holding the leading bid. After close it is the final high bidder, who is the winner only if the status is `closed`. */
  leaderParticipantId: string | null;
  /** Number of accepted bids = seq of the last one (gapless from 1). */
  seq: number;
  /** Hash of the last accepted bid, or `genesisHash(id)` before the first. */
  hashHead: string;
}

export interface BidInput {
  participantId: string;
  /** The participant's 竞买号 in this auction (`aliasFor`); it is what the public hash chain records. */
  bidder: string;
  amountFen: number;
  /** Server time at which the bid is decided (see the clock note at the top). */
  at: Date;
}

/** One row of the bid log, as inserted. */
export interface BidRecord {
  seq: number;
  participantId: string;
  bidder: string;
  amountFen: number;
  at: Date;
  prevHash: string;
  hash: string;
}

export type AuctionRefusalCode = Extract<
  ErrorCode,
  | 'VALIDATION_FAILED'
  | 'DEPOSIT_NOT_CONFIRMED'
  | 'INVALID_STATE'
  | 'AUCTION_NOT_STARTED'
  | 'AUCTION_ENDED'
  | 'AUCTION_NOT_ENDED'
  | 'ALREADY_LEADING'
  | 'BID_TOO_LOW'
  | 'NOT_A_PARTICIPANT'
>;

export interface Refusal {
  code: AuctionRefusalCode;
  details: Record<string, unknown>;
}

/** Either `accepted` or `refused` is set; `if (d.refused)` narrows. */
export type Decision<T> = { accepted: T; refused?: undefined } | { accepted?: undefined; refused: Refusal };

export interface AcceptedBid {
  newState: AuctionState;
  record: BidRecord;
  /** The new end when this bid fell inside the soft-close window, else null. */
  extendedTo: Date | null;
}

export interface ClosedAuction {
  newState: AuctionState;
  result: CloseResult;
  winnerParticipantId: string | null;
  /** The hammer price when sold, else null. */
  priceFen: number | null;
}

function refuse(code: AuctionRefusalCode, details: Record<string, unknown> = {}): { refused: Refusal } {
  return { refused: { code, details } };
}

export function refusalError(refusal: Refusal): AppError {
  return new AppError(refusal.code, refusal.details);
}

/**
 * Checks the terms an auction is created with and returns its initial (scheduled) state.
 * Throws AppError VALIDATION_FAILED naming the field.
 */
export function initialAuctionState(terms: AuctionTerms): AuctionState {
  const bad = (field: string) => new AppError('VALIDATION_FAILED', { field });
  if (!isAmount(terms.startPriceFen)) throw bad('startPriceFen');
  if (!isAmount(terms.incrementFen)) throw bad('incrementFen');
  if (terms.reservePriceFen !== null && !(Number.isSafeInteger(terms.reservePriceFen) && terms.reservePriceFen >= 0)) {
    throw bad('reservePriceFen');
  }
  if (!Number.isSafeInteger(terms.softCloseMs) || terms.softCloseMs < 0) throw bad('softCloseMs');
  if (!(terms.endsAt.getTime() > terms.startsAt.getTime())) throw bad('endsAt');
  if (terms.id.length === 0 || /[|\r\n]/.test(terms.id)) throw bad('id');
  return {
    ...terms,
    status: 'scheduled',
    currentPriceFen: null,
    leaderParticipantId: null,
    seq: 0,
    hashHead: genesisHash(terms.id),
  };
}

/** The lowest amount the next bid may have: the start price first, then current + increment. */
export function nextMinimumBid(
  state: Pick<AuctionState, 'startPriceFen' | 'incrementFen' | 'currentPriceFen'>,
): number {
  return state.currentPriceFen === null ? state.startPriceFen : state.currentPriceFen + state.incrementFen;
}

/** Participants are the registered (and, where required, deposit-confirmed) bidders; the caller loads them. */
export function isParticipant(participants: ReadonlySet<string>, participantId: string): boolean {
  return participants.has(participantId);
}

/** Met when there is a leading bid and it reaches the reserve (no reserve: any bid meets it). */
export function reserveMet(state: Pick<AuctionState, 'currentPriceFen' | 'reservePriceFen'>): boolean {
  if (state.currentPriceFen === null) return false;
  return state.reservePriceFen === null || state.currentPriceFen >= state.reservePriceFen;
}

/**
 * Decides one bid. Order of checks (the first broken rule is the answer): amount well-formed,
 * auction live and `startsAt <= at < endsAt` (a bid at exactly endsAt is late), bidder not already
 * leading, amount ≥ nextMinimumBid. Bids need not sit on an increment step: any whole 分 at or above
 * the minimum is accepted, which is what the issue and the bid-log invariant (each amount ≥ previous +
 * increment) state. Whether the bidder is a participant is checked by the caller before this.
 */
export function decideBid(state: AuctionState, bid: BidInput): Decision<AcceptedBid> {
  if (!isAmount(bid.amountFen)) return refuse('VALIDATION_FAILED', { field: 'amountFen' });
  const at = bid.at.getTime();
  if (Number.isNaN(at)) return refuse('VALIDATION_FAILED', { field: 'at' });
  switch (state.status) {
    case 'scheduled':
      return refuse('AUCTION_NOT_STARTED', { startsAt: state.startsAt.toISOString() });
    case 'closed':
    case 'unsold':
      return refuse('AUCTION_ENDED', { endsAt: state.endsAt.toISOString() });
    case 'live':
      break;
  }
  if (at < state.startsAt.getTime()) return refuse('AUCTION_NOT_STARTED', { startsAt: state.startsAt.toISOString() });
  const endsAt = state.endsAt.getTime();
  if (at >= endsAt) return refuse('AUCTION_ENDED', { endsAt: state.endsAt.toISOString() });
  if (state.leaderParticipantId === bid.participantId) return refuse('ALREADY_LEADING');
  const minimumFen = nextMinimumBid(state);
  if (bid.amountFen < minimumFen) return refuse('BID_TOO_LOW', { minimumFen });

  // Soft close (DESIGN §5): less than the window left → the end becomes bid time + window. Since
  // endsAt - at < window, the new end is always later: the end never moves earlier.
  const extended = endsAt - at < state.softCloseMs ? new Date(at + state.softCloseMs) : null;
  const seq = state.seq + 1;
  const hash = bidHash(state.hashHead, {
    auctionId: state.id,
    seq,
    bidder: bid.bidder,
    amountFen: bid.amountFen,
    at: bid.at,
  });
  return {
    accepted: {
      newState: {
        ...state,
        currentPriceFen: bid.amountFen,
        leaderParticipantId: bid.participantId,
        endsAt: extended ?? state.endsAt,
        seq,
        hashHead: hash,
      },
      record: {
        seq,
        participantId: bid.participantId,
        bidder: bid.bidder,
        amountFen: bid.amountFen,
        at: new Date(at),
        prevHash: state.hashHead,
        hash,
      },
      extendedTo: extended,
    },
  };
}

/** scheduled → live, once `now ≥ startsAt`. Safe to call again: a live auction is refused with INVALID_STATE. */
export function decideStart(state: AuctionState, now: Date): Decision<{ newState: AuctionState }> {
  if (state.status !== 'scheduled') return refuse('INVALID_STATE', { status: state.status });
  if (now.getTime() < state.startsAt.getTime()) {
    return refuse('AUCTION_NOT_STARTED', { startsAt: state.startsAt.toISOString() });
  }
  return { accepted: { newState: { ...state, status: 'live' } } };
}

/**
 * live → closed (sold to the leader) | unsold, once `now ≥ endsAt` — the same condition as the guarded
 * update `status = 'live' AND ends_at <= now()`, so a close fired twice closes once. An auction whose
 * start job never ran is started first (decideStart) and then closed; it has no bids, so it is unsold.
 */
export function decideClose(state: AuctionState, now: Date): Decision<ClosedAuction> {
  if (state.status !== 'live') return refuse('INVALID_STATE', { status: state.status });
  if (now.getTime() < state.endsAt.getTime()) {
    return refuse('AUCTION_NOT_ENDED', { endsAt: state.endsAt.toISOString() });
  }
  if (reserveMet(state)) {
    return {
      accepted: {
        newState: { ...state, status: 'closed' },
        result: 'sold',
        winnerParticipantId: state.leaderParticipantId,
        priceFen: state.currentPriceFen,
      },
    };
  }
  return {
    accepted: {
      newState: { ...state, status: 'unsold' },
      result: state.currentPriceFen === null ? 'no_bids' : 'reserve_not_met',
      winnerParticipantId: null,
      priceFen: null,
    },
  };
}

/**
 * scheduled | live → unsold (`taken_down`) when an operator takes the listing down (DESIGN §5: any
 * public state → taken_down): the auction stops at once, with no winner, whatever its end.
 */
export function decideTerminate(state: AuctionState): Decision<{ newState: AuctionState }> {
  if (state.status !== 'scheduled' && state.status !== 'live') {
    return refuse('INVALID_STATE', { status: state.status });
  }
  return { accepted: { newState: { ...state, status: 'unsold' } } };
}

/**
 * Applies recorded bids to an auction's initial live state, refusing at the first bid the rules
 * would not have accepted. With the bidder alias as participantId (aliases are one-to-one with
 * participants in an auction) this checks a public record without knowing who bid.
 */
export function replayBids(
  initial: AuctionState,
  bids: readonly BidInput[],
): { ok: true; state: AuctionState } | { ok: false; atSeq: number; refusal: Refusal } {
  let state = initial;
  for (const bid of bids) {
    const d = decideBid(state, bid);
    if (d.refused) return { ok: false, atSeq: state.seq + 1, refusal: d.refused };
    state = d.accepted.newState;
  }
  return { ok: true, state };
}
