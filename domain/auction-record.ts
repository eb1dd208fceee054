// Verifying a published auction record (issue 6 §5): the hash chain recomputed link by link, and the
// bid rules replayed from the published terms — each bid at or above the minimum, never by the
// leader, before the end then in force, and every soft-close extension exactly as the rule says.
// Pure; scripts/auction-verify.ts feeds it the database or a downloaded record file.
import { initialAuctionState, replayBids, type BidInput } from './auctions.js';
import { verifyChain } from './auction-chain.js';

export interface RecordTerms {
  id: string;
  startPriceFen: number;
  incrementFen: number;
  reservePriceFen: number | null;
  startsAt: string;
  initialEndsAt: string;
  endsAt: string;
  softCloseMs: number;
  hashHead: string;
  status: string;
  currentPriceFen: number | null;
  winner: string | null;
}

export interface RecordBid {
  seq: number;
  bidder: string;
  amount: number;
  at: string;
  endsAt: string;
  hash: string;
}

export type RecordVerdict = { ok: true; count: number; head: string } | { ok: false; atSeq: number; reason: string };

export function verifyRecord(terms: RecordTerms, bids: readonly RecordBid[]): RecordVerdict {
  const chain = verifyChain(
    terms.id,
    bids.map((b) => ({ seq: b.seq, bidder: b.bidder, amountFen: b.amount, at: b.at, hash: b.hash })),
    terms.hashHead,
  );
  if (!chain.ok) return { ok: false, atSeq: chain.atSeq, reason: chain.reason };

  let state;
  try {
    state = {
      ...initialAuctionState({
        id: terms.id,
        startPriceFen: terms.startPriceFen,
        incrementFen: terms.incrementFen,
        reservePriceFen: terms.reservePriceFen,
        startsAt: new Date(terms.startsAt),
        endsAt: new Date(terms.initialEndsAt),
        softCloseMs: terms.softCloseMs,
      }),
      status: 'live' as const,
    };
  } catch {
    return { ok: false, atSeq: 0, reason: 'terms_malformed' };
  }
  // Aliases are one-to-one with participants in an auction, so the alias stands in for the bidder.
  for (const bid of bids) {
    const input: BidInput = {
      participantId: bid.bidder,
      bidder: bid.bidder,
      amountFen: bid.amount,
      at: new Date(bid.at),
    };
    const replayed = replayBids(state, [input]);
    if (!replayed.ok) return { ok: false, atSeq: bid.seq, reason: `rule:${replayed.refusal.code}` };
    state = replayed.state;
    if (state.endsAt.toISOString() !== new Date(bid.endsAt).toISOString()) {
      return { ok: false, atSeq: bid.seq, reason: 'end_mismatch' };
    }
  }
  if (state.endsAt.toISOString() !== new Date(terms.endsAt).toISOString()) {
    return { ok: false, atSeq: bids.length, reason: 'final_end_mismatch' };
  }
  if ((terms.currentPriceFen ?? null) !== state.currentPriceFen) {
    return { ok: false, atSeq: bids.length, reason: 'final_price_mismatch' };
  }
  if (terms.status === 'closed' && terms.winner !== (bids.at(-1)?.bidder ?? null)) {
    return { ok: false, atSeq: bids.length, reason: 'winner_mismatch' };
  }
  return { ok: true, count: bids.length, head: chain.head };
}
