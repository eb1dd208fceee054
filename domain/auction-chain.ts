// The hash chain of an auction's bid log (DESIGN §5, §9): the published format every accepted bid
// is hashed in, and its verifier. Apart from the bid rules (auctions.ts), which link each accepted
// bid into it, because it is a format anyone re-computes from the published record, not a rule.
import { createHash } from 'node:crypto';

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

/** A positive whole number of 分: what the chain accepts as amountFen, and the bid rules as an amount. */
export function isAmount(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0;
}

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
