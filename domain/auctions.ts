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

import { createHash, createHmac } from 'node:crypto';
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

function isAmount(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0;
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

// ---- Hash chain ----------------------------------------------------------------------------------
//
// Every accepted bid carries hash = SHA-256 over a canonical line, chained to the previous bid, so
// the published bid log can be recomputed by anyone (`npm run auction:verify <id>`, or a shell):
//
//   genesis     = sha256_hex("jiebang-auction:" + auctionId)
//   hash(seq n) = sha256_hex("jiebang-bid/v1|" + prevHash + "|" + auctionId + "|" + seq + "|"
//                            + bidder + "|" + amountFen + "|" + at)
//
// where prevHash is the hash of bid n-1 (genesis for n = 1); seq and amountFen are base-10 integers
// without sign or leading zeros (amountFen in 分); bidder is the 竞买号 (e.g. "K3857"), not the
// participant's identity; at is the arrival time in UTC with milliseconds exactly as
// Date.prototype.toISOString() prints it ("2025-03-01T02:04:05.123Z"); text is UTF-8; the hex is
// lower case. No field may contain "|" or a line break. Example:
//
//   printf '%s' 'jiebang-bid/v1|<prevHash>|<auctionId>|1|K3857|1000000|2025-03-01T02:04:05.123Z' | sha256sum

const HASH_VERSION = 'jiebang-bid/v1';
const HEX64 = /^[0-9a-f]{64}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export interface HashedBidFields {
  auctionId: string;
  seq: number;
  bidder: string;
  amountFen: number;
  /** A Date, or a string already in the canonical `toISOString()` form. */
  at: Date | string;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function checkField(value: string, name: string): void {
  if (value.length === 0 || /[|\r\n]/.test(value))
    throw new RangeError(`${name} must be non-empty without "|" or line breaks`);
}

/** The canonical `at` text: toISOString() of a Date; a string must already be in exactly that form. */
export function canonicalInstant(at: Date | string): string {
  if (typeof at === 'string') {
    if (!ISO_MS.test(at) || Number.isNaN(Date.parse(at)) || new Date(at).toISOString() !== at) {
      throw new RangeError('at must be an ISO-8601 UTC instant with milliseconds, as toISOString() prints it');
    }
    return at;
  }
  if (Number.isNaN(at.getTime())) throw new RangeError('at is an invalid Date');
  return at.toISOString();
}

/** The chain's starting point for an auction: the prevHash of bid 1 and the hash head before any bid. */
export function genesisHash(auctionId: string): string {
  checkField(auctionId, 'auctionId');
  return sha256Hex(`jiebang-auction:${auctionId}`);
}

/** The exact text that is hashed (see the comment above); exported so verifiers can show it. */
export function canonicalBidText(prevHash: string, bid: HashedBidFields): string {
  if (!HEX64.test(prevHash)) throw new RangeError('prevHash must be 64 lower-case hex digits');
  checkField(bid.auctionId, 'auctionId');
  checkField(bid.bidder, 'bidder');
  if (!Number.isSafeInteger(bid.seq) || bid.seq < 1) throw new RangeError('seq must be a positive integer');
  if (!isAmount(bid.amountFen)) throw new RangeError('amountFen must be a positive integer');
  const at = canonicalInstant(bid.at);
  return [HASH_VERSION, prevHash, bid.auctionId, String(bid.seq), bid.bidder, String(bid.amountFen), at].join('|');
}

export function bidHash(prevHash: string, bid: HashedBidFields): string {
  return sha256Hex(canonicalBidText(prevHash, bid));
}

export interface ChainLink {
  seq: number;
  bidder: string;
  amountFen: number;
  at: Date | string;
  hash: string;
}

export type ChainVerdict =
  | { ok: true; head: string; count: number }
  | { ok: false; atSeq: number; reason: 'seq_gap' | 'malformed' | 'hash_mismatch' | 'head_mismatch' };

/**
 * Recomputes the chain of a bid log given in seq order. Fails at the first bid whose seq is not the
 * next one, whose fields are not in canonical form, or whose stored hash differs from the recomputed
 * one; so a change to any field of bid n fails at n. Pass `expectedHead` (the auction's published
 * hash head) to also catch a log rewritten from some bid onwards, or truncated.
 */
export function verifyChain(auctionId: string, bids: readonly ChainLink[], expectedHead?: string): ChainVerdict {
  let prev: string;
  try {
    prev = genesisHash(auctionId);
  } catch {
    return { ok: false, atSeq: 0, reason: 'malformed' };
  }
  for (const [i, bid] of bids.entries()) {
    const seq = i + 1;
    if (bid.seq !== seq) return { ok: false, atSeq: seq, reason: 'seq_gap' };
    let computed: string;
    try {
      computed = bidHash(prev, { auctionId, seq, bidder: bid.bidder, amountFen: bid.amountFen, at: bid.at });
    } catch {
      return { ok: false, atSeq: seq, reason: 'malformed' };
    }
    if (computed !== bid.hash) return { ok: false, atSeq: seq, reason: 'hash_mismatch' };
    prev = computed;
  }
  if (expectedHead !== undefined && expectedHead !== prev) {
    return { ok: false, atSeq: bids.length, reason: 'head_mismatch' };
  }
  return { ok: true, head: prev, count: bids.length };
}

// ---- Bidder aliases (竞买号) -----------------------------------------------------------------------
//
// DESIGN §9: bidders are shown by a per-auction alias, revealed only to operators and the seller
// after close. An alias is a letter and four digits, like the 竞买号 of judicial auctions ("K3857").
// It is a keyed pseudorandom permutation of the participant's registration index, so within one
// auction aliases never collide, the same bidder gets unrelated aliases in different auctions, and
// without the secret nobody — in particular not the seller, who saw the claims arrive in order — can
// map an alias back to a registration. The secret is a server-side value (configuration) or a random
// salt stored with the auction; it is never published.

const ALIAS_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // no I or O: they read as 1 and 0
const ALIAS_NUMBERS = 9000; // 1000–9999
export const MAX_ALIASES = ALIAS_LETTERS.length * ALIAS_NUMBERS; // 216,000 per auction
export const ALIAS_PATTERN = /^[A-HJ-NP-Z][1-9]\d{3}$/;

const FEISTEL_HALF_BITS = 9; // an 18-bit block (262,144 ≥ MAX_ALIASES), cycle-walked into range
const FEISTEL_ROUNDS = 8;

function feistel(x: number, round: (r: number, half: number) => number): number {
  const mask = (1 << FEISTEL_HALF_BITS) - 1;
  let left = x >> FEISTEL_HALF_BITS;
  let right = x & mask;
  for (let r = 0; r < FEISTEL_ROUNDS; r++) {
    [left, right] = [right, left ^ (round(r, right) & mask)];
  }
  return (left << FEISTEL_HALF_BITS) | right;
}

/** The 竞买号 of the participant registered `index`-th (0-based) in an auction. */
export function aliasFor(auctionId: string, index: number, secret: string): string {
  if (!Number.isSafeInteger(index) || index < 0 || index >= MAX_ALIASES) {
    throw new RangeError(`alias index must be an integer in [0, ${MAX_ALIASES})`);
  }
  const round = (r: number, half: number) =>
    createHmac('sha256', secret).update(`jiebang-alias|${auctionId}|${r}|${half}`).digest().readUInt16BE(0);
  let code = index;
  do code = feistel(code, round);
  while (code >= MAX_ALIASES);
  return `${ALIAS_LETTERS[Math.floor(code / ALIAS_NUMBERS)]}${1000 + (code % ALIAS_NUMBERS)}`;
}
