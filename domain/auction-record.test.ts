import { describe, expect, it } from 'vitest';
import { verifyRecord, type RecordBid, type RecordTerms } from './auction-record.js';
import { bidHash, genesisHash } from './auction-chain.js';

const id = 'a1b2c3d4-0000-4000-8000-000000000001';
const t0 = Date.parse('2026-03-01T02:00:00.000Z');

function chain(bids: Array<{ bidder: string; amount: number; atMs: number; endsAtMs: number }>): RecordBid[] {
  let prev = genesisHash(id);
  return bids.map((b, i) => {
    const at = new Date(b.atMs).toISOString();
    const hash = bidHash(prev, { auctionId: id, seq: i + 1, bidder: b.bidder, amountFen: b.amount, at });
    prev = hash;
    return { seq: i + 1, bidder: b.bidder, amount: b.amount, at, endsAt: new Date(b.endsAtMs).toISOString(), hash };
  });
}

function terms(bids: RecordBid[], over: Partial<RecordTerms> = {}): RecordTerms {
  return {
    id,
    startPriceFen: 1000,
    incrementFen: 100,
    reservePriceFen: null,
    startsAt: new Date(t0).toISOString(),
    initialEndsAt: new Date(t0 + 600_000).toISOString(),
    endsAt: bids.at(-1)?.endsAt ?? new Date(t0 + 600_000).toISOString(),
    softCloseMs: 300_000,
    hashHead: bids.at(-1)?.hash ?? genesisHash(id),
    status: 'closed',
    currentPriceFen: bids.at(-1)?.amount ?? null,
    winner: bids.at(-1)?.bidder ?? null,
    ...over,
  };
}

describe('verifyRecord', () => {
  const end = t0 + 600_000;
  const honest = chain([
    { bidder: 'A1000', amount: 1000, atMs: t0 + 1000, endsAtMs: end },
    { bidder: 'B2000', amount: 1100, atMs: t0 + 2000, endsAtMs: end },
    // 100 s before the end: inside the 5-minute window, the end moves to at + 5 min.
    { bidder: 'A1000', amount: 1250, atMs: end - 100_000, endsAtMs: end - 100_000 + 300_000 },
  ]);

  it('accepts an honest record', () => {
    expect(verifyRecord(terms(honest), honest)).toMatchObject({ ok: true, count: 3 });
  });

  it('catches a correctly hashed bid that broke a rule', () => {
    const low = chain([
      { bidder: 'A1000', amount: 1000, atMs: t0 + 1000, endsAtMs: end },
      { bidder: 'B2000', amount: 1050, atMs: t0 + 2000, endsAtMs: end },
    ]);
    expect(verifyRecord(terms(low), low)).toEqual({ ok: false, atSeq: 2, reason: 'rule:BID_TOO_LOW' });
    const self = chain([
      { bidder: 'A1000', amount: 1000, atMs: t0 + 1000, endsAtMs: end },
      { bidder: 'A1000', amount: 1100, atMs: t0 + 2000, endsAtMs: end },
    ]);
    expect(verifyRecord(terms(self), self)).toEqual({ ok: false, atSeq: 2, reason: 'rule:ALREADY_LEADING' });
  });

  it('catches a wrong extension and a wrong winner', () => {
    const noExtension = chain([{ bidder: 'A1000', amount: 1000, atMs: end - 1000, endsAtMs: end }]);
    expect(verifyRecord(terms(noExtension), noExtension)).toEqual({ ok: false, atSeq: 1, reason: 'end_mismatch' });
    expect(verifyRecord(terms(honest, { winner: 'B2000' }), honest)).toMatchObject({
      ok: false,
      reason: 'winner_mismatch',
    });
  });

  it('catches a truncated log through the hash head', () => {
    expect(verifyRecord(terms(honest), honest.slice(0, 2))).toMatchObject({ ok: false, reason: 'head_mismatch' });
  });
});
