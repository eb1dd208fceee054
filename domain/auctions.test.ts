import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALIAS_PATTERN, aliasFor, MAX_ALIASES } from './auction-aliases.js';
import {
  bidHash,
  canonicalBidText,
  canonicalInstant,
  genesisHash,
  verifyChain,
  type ChainLink,
} from './auction-chain.js';
import {
  decideBid,
  decideClose,
  decideStart,
  DEFAULT_SOFT_CLOSE_MS,
  initialAuctionState,
  isParticipant,
  nextMinimumBid,
  refusalError,
  replayBids,
  reserveMet,
  type AuctionState,
  type AuctionStatus,
  type AuctionTerms,
  type BidInput,
  type BidRecord,
} from './auctions.js';
import { AppError } from './errors.js';

const ID = '7d0e4a52-5c1b-4f0e-9a51-0b8f2d6c3e19';
const SECRET = 'test-alias-secret';
const T0 = Date.parse('2025-03-01T00:00:00.000Z');
const MIN = 60_000;
const W = DEFAULT_SOFT_CLOSE_MS;
const START = 1_000_00;
const INC = 100_00;

const TERMS: AuctionTerms = {
  id: ID,
  startPriceFen: START,
  incrementFen: INC,
  reservePriceFen: null,
  startsAt: new Date(T0),
  endsAt: new Date(T0 + 60 * MIN),
  softCloseMs: W,
};

function liveState(overrides: Partial<AuctionState> = {}): AuctionState {
  return { ...initialAuctionState(TERMS), status: 'live', ...overrides };
}

/** A live auction whose leader p1 bid `price`, through decideBid so the hash head is real. */
function ledBy(price = 1_500_00, overrides: Partial<AuctionState> = {}): AuctionState {
  const d = decideBid(liveState(overrides), {
    participantId: 'p1',
    bidder: 'A1001',
    amountFen: price,
    at: new Date(T0),
  });
  if (!d.accepted) throw new Error(`setup bid refused: ${d.refused.code}`);
  return d.accepted.newState;
}

const ENDS = T0 + 60 * MIN;

describe('decideBid: every refusal and acceptance', () => {
  interface Row {
    name: string;
    state: AuctionState;
    who?: string;
    amount: number;
    at: number;
    code?: string;
    details?: Record<string, unknown>;
    /** For accepted bids: the expected endsAt afterwards (ms) and whether it moved. */
    endsAt?: number;
    extended?: boolean;
  }
  const open = liveState();
  const led = ledBy();
  const rows: Row[] = [
    // status
    {
      name: 'scheduled, inside the time window',
      state: liveState({ status: 'scheduled' }),
      amount: START,
      at: T0 + MIN,
      code: 'AUCTION_NOT_STARTED',
    },
    {
      name: 'scheduled, before start',
      state: liveState({ status: 'scheduled' }),
      amount: START,
      at: T0 - 1,
      code: 'AUCTION_NOT_STARTED',
    },
    {
      name: 'closed, before the end',
      state: liveState({ status: 'closed' }),
      amount: START,
      at: T0 + MIN,
      code: 'AUCTION_ENDED',
    },
    {
      name: 'closed, after the end',
      state: liveState({ status: 'closed' }),
      amount: START,
      at: ENDS + 1,
      code: 'AUCTION_ENDED',
    },
    { name: 'unsold', state: liveState({ status: 'unsold' }), amount: START, at: T0 + MIN, code: 'AUCTION_ENDED' },
    // timing while live
    {
      name: 'live, 1 ms before start',
      state: open,
      amount: START,
      at: T0 - 1,
      code: 'AUCTION_NOT_STARTED',
      details: { startsAt: new Date(T0).toISOString() },
    },
    { name: 'live, exactly at start', state: open, amount: START, at: T0, endsAt: ENDS, extended: false },
    {
      name: 'live, exactly at the end is late',
      state: open,
      amount: START,
      at: ENDS,
      code: 'AUCTION_ENDED',
      details: { endsAt: new Date(ENDS).toISOString() },
    },
    { name: 'live, 1 ms after the end', state: open, amount: START, at: ENDS + 1, code: 'AUCTION_ENDED' },
    {
      name: 'live, long after the end (close not yet run)',
      state: led,
      who: 'p2',
      amount: 9_999_00,
      at: ENDS + 60 * MIN,
      code: 'AUCTION_ENDED',
    },
    {
      name: '1 ms before the end extends to at + window',
      state: open,
      amount: START,
      at: ENDS - 1,
      endsAt: ENDS - 1 + W,
      extended: true,
    },
    {
      name: 'exactly a window left: not inside, no extension',
      state: open,
      amount: START,
      at: ENDS - W,
      endsAt: ENDS,
      extended: false,
    },
    {
      name: 'a window minus 1 ms left: extends by 1 ms',
      state: open,
      amount: START,
      at: ENDS - W + 1,
      endsAt: ENDS + 1,
      extended: true,
    },
    {
      name: 'a window plus 1 ms left: no extension',
      state: open,
      amount: START,
      at: ENDS - W - 1,
      endsAt: ENDS,
      extended: false,
    },
    {
      name: 'soft close off (0 ms): last-ms bid does not extend',
      state: liveState({ softCloseMs: 0 }),
      amount: START,
      at: ENDS - 1,
      endsAt: ENDS,
      extended: false,
    },
    {
      name: 'extension counts from an already extended end',
      state: liveState({ endsAt: new Date(ENDS + 2 * MIN) }),
      amount: START,
      at: ENDS + 2 * MIN - 1000,
      endsAt: ENDS + 2 * MIN - 1000 + W,
      extended: true,
    },
    // amount, first bid
    {
      name: 'first bid 1 分 below the start price',
      state: open,
      amount: START - 1,
      at: T0 + MIN,
      code: 'BID_TOO_LOW',
      details: { minimumFen: START },
    },
    { name: 'first bid at the start price', state: open, amount: START, at: T0 + MIN, endsAt: ENDS, extended: false },
    {
      name: 'first bid off the increment grid',
      state: open,
      amount: START + 1,
      at: T0 + MIN,
      endsAt: ENDS,
      extended: false,
    },
    // amount, later bids
    {
      name: 'later bid 1 分 below current + increment',
      state: led,
      who: 'p2',
      amount: 1_500_00 + INC - 1,
      at: T0 + MIN,
      code: 'BID_TOO_LOW',
      details: { minimumFen: 1_500_00 + INC },
    },
    { name: 'later bid equal to current', state: led, who: 'p2', amount: 1_500_00, at: T0 + MIN, code: 'BID_TOO_LOW' },
    {
      name: 'later bid below the start price',
      state: led,
      who: 'p2',
      amount: START - 1,
      at: T0 + MIN,
      code: 'BID_TOO_LOW',
    },
    {
      name: 'later bid at current + increment',
      state: led,
      who: 'p2',
      amount: 1_500_00 + INC,
      at: T0 + MIN,
      endsAt: ENDS,
      extended: false,
    },
    {
      name: 'later bid jumping several steps, off grid',
      state: led,
      who: 'p2',
      amount: 1_500_00 + 7 * INC + 3,
      at: T0 + MIN,
      endsAt: ENDS,
      extended: false,
    },
    {
      name: 'later bid in the last second extends',
      state: led,
      who: 'p2',
      amount: 1_500_00 + INC,
      at: ENDS - 1000,
      endsAt: ENDS - 1000 + W,
      extended: true,
    },
    // malformed amounts
    {
      name: 'zero amount',
      state: open,
      amount: 0,
      at: T0 + MIN,
      code: 'VALIDATION_FAILED',
      details: { field: 'amountFen' },
    },
    { name: 'negative amount', state: open, amount: -START, at: T0 + MIN, code: 'VALIDATION_FAILED' },
    { name: 'fractional 分', state: open, amount: START + 0.5, at: T0 + MIN, code: 'VALIDATION_FAILED' },
    { name: 'NaN amount', state: open, amount: Number.NaN, at: T0 + MIN, code: 'VALIDATION_FAILED' },
    {
      name: 'amount beyond safe integers',
      state: open,
      amount: Number.MAX_SAFE_INTEGER + 1,
      at: T0 + MIN,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'invalid arrival time',
      state: open,
      amount: START,
      at: Number.NaN,
      code: 'VALIDATION_FAILED',
      details: { field: 'at' },
    },
    // leader
    {
      name: 'leader outbidding itself',
      state: led,
      who: 'p1',
      amount: 1_500_00 + INC,
      at: T0 + MIN,
      code: 'ALREADY_LEADING',
    },
    {
      name: 'leader outbidding itself by a lot',
      state: led,
      who: 'p1',
      amount: 9_999_00,
      at: T0 + MIN,
      code: 'ALREADY_LEADING',
    },
    // precedence between rules
    {
      name: 'leader with a too-low bid: told it leads',
      state: led,
      who: 'p1',
      amount: 1,
      at: T0 + MIN,
      code: 'ALREADY_LEADING',
    },
    {
      name: 'leader bidding late: told it ended',
      state: led,
      who: 'p1',
      amount: 9_999_00,
      at: ENDS,
      code: 'AUCTION_ENDED',
    },
    { name: 'too low and late: told it ended', state: led, who: 'p2', amount: 1, at: ENDS, code: 'AUCTION_ENDED' },
    {
      name: 'too low while scheduled: told not started',
      state: liveState({ status: 'scheduled' }),
      amount: 1,
      at: T0 + MIN,
      code: 'AUCTION_NOT_STARTED',
    },
    {
      name: 'malformed amount after the end: malformed first',
      state: liveState({ status: 'closed' }),
      amount: 0,
      at: ENDS + 1,
      code: 'VALIDATION_FAILED',
    },
  ];

  it.each(rows)('$name', (row) => {
    const before = structuredClone(row.state);
    const bid: BidInput = {
      participantId: row.who ?? 'p2',
      bidder: 'B2002',
      amountFen: row.amount,
      at: new Date(row.at),
    };
    const d = decideBid(row.state, bid);
    expect(row.state).toEqual(before); // decisions never mutate their input
    if (row.code !== undefined) {
      expect(d.accepted).toBeUndefined();
      expect(d.refused?.code).toBe(row.code);
      if (row.details) expect(d.refused?.details).toEqual(row.details);
      return;
    }
    if (!d.accepted) throw new Error(`refused: ${d.refused.code}`);
    const { newState, record, extendedTo } = d.accepted;
    expect(newState).toEqual({
      ...row.state,
      currentPriceFen: row.amount,
      leaderParticipantId: bid.participantId,
      endsAt: new Date(row.endsAt ?? -1),
      seq: row.state.seq + 1,
      hashHead: record.hash,
    });
    expect(extendedTo).toEqual(row.extended ? new Date(row.endsAt ?? -1) : null);
    expect(record).toEqual({
      seq: row.state.seq + 1,
      participantId: bid.participantId,
      bidder: 'B2002',
      amountFen: row.amount,
      at: new Date(row.at),
      prevHash: row.state.hashHead,
      hash: bidHash(row.state.hashHead, {
        auctionId: ID,
        seq: row.state.seq + 1,
        bidder: 'B2002',
        amountFen: row.amount,
        at: new Date(row.at),
      }),
    });
  });

  it('refusals become AppErrors with the user-facing messages of the auction room', () => {
    const cases: [AuctionState, BidInput, string, number][] = [
      [ledBy(), { participantId: 'p2', bidder: 'B', amountFen: 1, at: new Date(T0) }, '出价过低', 409],
      [ledBy(), { participantId: 'p1', bidder: 'A', amountFen: 9_999_00, at: new Date(T0) }, '您已是最高出价者', 409],
      [ledBy(), { participantId: 'p2', bidder: 'B', amountFen: 9_999_00, at: new Date(ENDS) }, '拍卖已结束', 409],
      [
        liveState({ status: 'scheduled' }),
        { participantId: 'p2', bidder: 'B', amountFen: START, at: new Date(T0) },
        '拍卖尚未开始',
        409,
      ],
    ];
    for (const [state, bid, message, status] of cases) {
      const d = decideBid(state, bid);
      if (!d.refused) throw new Error('accepted');
      const err = refusalError(d.refused);
      expect(err).toBeInstanceOf(AppError);
      expect([err.code, err.message, err.status]).toEqual([d.refused.code, message, status]);
      expect(err.details).toEqual(d.refused.details);
    }
  });

  it('a refused bid leaves nothing to store but the refusal; an accepted one chains to the head', () => {
    const first = decideBid(liveState(), { participantId: 'p1', bidder: 'A', amountFen: START, at: new Date(T0 + 1) });
    expect(first.accepted?.record.prevHash).toBe(genesisHash(ID));
    const s1 = first.accepted?.newState as AuctionState;
    const second = decideBid(s1, { participantId: 'p2', bidder: 'B', amountFen: START + INC, at: new Date(T0 + 2) });
    expect(second.accepted?.record.prevHash).toBe(s1.hashHead);
    expect(second.accepted?.newState.seq).toBe(2);
  });
});

describe('participants, minimum bid and reserve', () => {
  it('isParticipant is set membership', () => {
    const set = new Set(['p1', 'p2']);
    expect([isParticipant(set, 'p1'), isParticipant(set, 'p3'), isParticipant(new Set(), 'p1')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it.each([
    { current: null, expected: START },
    { current: START, expected: START + INC },
    { current: START + 37, expected: START + 37 + INC },
  ])('nextMinimumBid with current $current is $expected', ({ current, expected }) => {
    expect(nextMinimumBid(liveState({ currentPriceFen: current }))).toBe(expected);
  });

  it.each([
    { current: null, reserve: null, met: false },
    { current: null, reserve: 0, met: false },
    { current: 100, reserve: null, met: true },
    { current: 100, reserve: 0, met: true },
    { current: 100, reserve: 99, met: true },
    { current: 100, reserve: 100, met: true },
    { current: 100, reserve: 101, met: false },
  ])('reserveMet(current $current, reserve $reserve) = $met', ({ current, reserve, met }) => {
    expect(reserveMet({ currentPriceFen: current, reservePriceFen: reserve })).toBe(met);
  });
});

describe('initialAuctionState', () => {
  it('starts scheduled, without bids, at the genesis hash', () => {
    expect(initialAuctionState(TERMS)).toEqual({
      ...TERMS,
      status: 'scheduled',
      currentPriceFen: null,
      leaderParticipantId: null,
      seq: 0,
      hashHead: genesisHash(ID),
    });
  });

  it.each([
    { field: 'startPriceFen', patch: { startPriceFen: 0 } },
    { field: 'startPriceFen', patch: { startPriceFen: 10.5 } },
    { field: 'incrementFen', patch: { incrementFen: 0 } },
    { field: 'incrementFen', patch: { incrementFen: -1 } },
    { field: 'reservePriceFen', patch: { reservePriceFen: -1 } },
    { field: 'reservePriceFen', patch: { reservePriceFen: 1.5 } },
    { field: 'softCloseMs', patch: { softCloseMs: -1 } },
    { field: 'endsAt', patch: { endsAt: new Date(T0) } },
    { field: 'endsAt', patch: { endsAt: new Date(T0 - 1) } },
    { field: 'id', patch: { id: '' } },
    { field: 'id', patch: { id: 'a|b' } },
  ] as { field: string; patch: Partial<AuctionTerms> }[])('refuses bad $field', ({ field, patch }) => {
    const run = () => initialAuctionState({ ...TERMS, ...patch });
    expect(run).toThrow(AppError);
    try {
      run();
    } catch (e) {
      expect([(e as AppError).code, (e as AppError).details]).toEqual(['VALIDATION_FAILED', { field }]);
    }
  });

  it('accepts a reserve of 0, a reserve below the start price and soft close off', () => {
    expect(() => initialAuctionState({ ...TERMS, reservePriceFen: 0 })).not.toThrow();
    expect(() => initialAuctionState({ ...TERMS, reservePriceFen: START - 1 })).not.toThrow();
    expect(() => initialAuctionState({ ...TERMS, softCloseMs: 0 })).not.toThrow();
  });
});

describe('decideStart', () => {
  const scheduled = initialAuctionState(TERMS);
  it.each([
    { name: 'scheduled, 1 ms early', state: scheduled, now: T0 - 1, code: 'AUCTION_NOT_STARTED' },
    { name: 'scheduled, exactly at start', state: scheduled, now: T0 },
    { name: 'scheduled, late start job', state: scheduled, now: T0 + 5 * MIN },
    { name: 'scheduled, start job after the end', state: scheduled, now: ENDS + MIN },
    { name: 'already live (job fired twice)', state: liveState(), now: T0 + 1, code: 'INVALID_STATE' },
    { name: 'closed', state: liveState({ status: 'closed' }), now: ENDS, code: 'INVALID_STATE' },
    { name: 'unsold', state: liveState({ status: 'unsold' }), now: ENDS, code: 'INVALID_STATE' },
  ])('$name', ({ state, now, code }) => {
    const d = decideStart(state, new Date(now));
    if (code) {
      expect(d.refused?.code).toBe(code);
    } else {
      expect(d.accepted?.newState).toEqual({ ...state, status: 'live' });
    }
  });

  it('an auction whose start job ran after its end closes unsold', () => {
    const started = decideStart(initialAuctionState(TERMS), new Date(ENDS + MIN)).accepted?.newState as AuctionState;
    expect(
      decideBid(started, { participantId: 'p1', bidder: 'A', amountFen: START, at: new Date(ENDS + MIN) }).refused
        ?.code,
    ).toBe('AUCTION_ENDED');
    expect(decideClose(started, new Date(ENDS + MIN)).accepted?.result).toBe('no_bids');
  });
});

describe('decideClose', () => {
  const sold = (state: AuctionState, price: number) => ({
    newState: { ...state, status: 'closed' },
    result: 'sold',
    winnerParticipantId: 'p1',
    priceFen: price,
  });
  const unsold = (state: AuctionState, result: string) => ({
    newState: { ...state, status: 'unsold' },
    result,
    winnerParticipantId: null,
    priceFen: null,
  });
  const P = 1_500_00;
  const rows: {
    name: string;
    state: AuctionState;
    now: number;
    code?: string;
    expected?: (s: AuctionState) => unknown;
  }[] = [
    { name: 'scheduled', state: initialAuctionState(TERMS), now: ENDS, code: 'INVALID_STATE' },
    { name: 'live, 1 ms before the end', state: ledBy(), now: ENDS - 1, code: 'AUCTION_NOT_ENDED' },
    { name: 'live, no bids', state: liveState(), now: ENDS, expected: (s) => unsold(s, 'no_bids') },
    {
      name: 'no bids, reserve null',
      state: liveState({ reservePriceFen: null }),
      now: ENDS + MIN,
      expected: (s) => unsold(s, 'no_bids'),
    },
    { name: 'bid, no reserve', state: ledBy(P), now: ENDS, expected: (s) => sold(s, P) },
    { name: 'bid, reserve 0', state: ledBy(P, { reservePriceFen: 0 }), now: ENDS, expected: (s) => sold(s, P) },
    {
      name: 'bid exactly at the reserve',
      state: ledBy(P, { reservePriceFen: P }),
      now: ENDS,
      expected: (s) => sold(s, P),
    },
    {
      name: 'bid 1 分 under the reserve',
      state: ledBy(P, { reservePriceFen: P + 1 }),
      now: ENDS,
      expected: (s) => unsold(s, 'reserve_not_met'),
    },
    {
      name: 'reserve below the start price',
      state: ledBy(START, { reservePriceFen: START - 1 }),
      now: ENDS,
      expected: (s) => sold(s, START),
    },
    { name: 'late close job', state: ledBy(P), now: ENDS + 3 * MIN, expected: (s) => sold(s, P) },
  ];
  it.each(rows)('$name', ({ state, now, code, expected }) => {
    const d = decideClose(state, new Date(now));
    if (code) expect(d.refused?.code).toBe(code);
    else expect(d.accepted).toEqual(expected?.(state));
  });

  it('is refused once closed or unsold, so a repeated close job is a no-op', () => {
    const closed = decideClose(ledBy(), new Date(ENDS)).accepted?.newState as AuctionState;
    const noBids = decideClose(liveState(), new Date(ENDS)).accepted?.newState as AuctionState;
    expect(decideClose(closed, new Date(ENDS + 1)).refused).toEqual({
      code: 'INVALID_STATE',
      details: { status: 'closed' },
    });
    expect(decideClose(noBids, new Date(ENDS + 1)).refused).toEqual({
      code: 'INVALID_STATE',
      details: { status: 'unsold' },
    });
  });

  it('waits for an extended end', () => {
    const d = decideBid(ledBy(), { participantId: 'p2', bidder: 'B', amountFen: 2_000_00, at: new Date(ENDS - 1000) });
    const s = d.accepted?.newState as AuctionState;
    expect(decideClose(s, new Date(ENDS)).refused?.code).toBe('AUCTION_NOT_ENDED');
    expect(decideClose(s, new Date(ENDS - 1000 + W)).accepted?.winnerParticipantId).toBe('p2');
  });
});

describe('hash chain', () => {
  it('pins the documented canonical form with a test vector', () => {
    const genesis = 'f99ea2d180d73695f763e4950cb355970d7e0a37d5db0a406f0ccf9d11e3bd20';
    expect(genesisHash(ID)).toBe(genesis); // printf '%s' 'jiebang-auction:<id>' | sha256sum
    const bid = { auctionId: ID, seq: 1, bidder: 'K3857', amountFen: 1_000_000, at: '2025-03-01T02:04:05.123Z' };
    expect(canonicalBidText(genesis, bid)).toBe(
      `jiebang-bid/v1|${genesis}|${ID}|1|K3857|1000000|2025-03-01T02:04:05.123Z`,
    );
    expect(bidHash(genesis, bid)).toBe('98b942853af7e0cfd295ff8f2c4d2707d63a657f0b3b1c0d530cf73033296543');
    expect(bidHash(genesis, { ...bid, at: new Date('2025-03-01T10:04:05.123+08:00') })).toBe(bidHash(genesis, bid));
  });

  it.each([
    ['2025-03-01T02:04:05Z', 'no milliseconds'],
    ['2025-03-01T02:04:05.123456Z', 'microseconds'],
    ['2025-03-01T10:04:05.123+08:00', 'an offset'],
    ['2025-02-30T00:00:00.000Z', 'an impossible date'],
    ['', 'empty'],
  ])('canonicalInstant refuses %s (%s)', (text) => {
    expect(() => canonicalInstant(text)).toThrow(RangeError);
  });

  it('canonicalInstant refuses an invalid Date', () => {
    expect(() => canonicalInstant(new Date(Number.NaN))).toThrow(RangeError);
  });

  it.each([
    ['prevHash not hex', 'XYZ', {}],
    ['prevHash upper case', genesisHash(ID).toUpperCase(), {}],
    ['bidder with |', null, { bidder: 'K|1' }],
    ['bidder with a line break', null, { bidder: 'K\n1' }],
    ['empty bidder', null, { bidder: '' }],
    ['auctionId with |', null, { auctionId: 'a|b' }],
    ['seq 0', null, { seq: 0 }],
    ['amount 0', null, { amountFen: 0 }],
    ['fractional amount', null, { amountFen: 1.5 }],
  ] as [string, string | null, object][])('bidHash refuses %s', (_name, prev, patch) => {
    const bid = { auctionId: ID, seq: 1, bidder: 'K3857', amountFen: 100, at: new Date(T0), ...patch };
    expect(() => bidHash(prev ?? genesisHash(ID), bid)).toThrow(RangeError);
  });

  it('an empty log verifies to the genesis hash; an expected head it does not reach fails', () => {
    expect(verifyChain(ID, [])).toEqual({ ok: true, head: genesisHash(ID), count: 0 });
    expect(verifyChain(ID, [], 'f'.repeat(64))).toEqual({ ok: false, atSeq: 0, reason: 'head_mismatch' });
    expect(verifyChain('', [])).toEqual({ ok: false, atSeq: 0, reason: 'malformed' });
  });

  it('catches a truncated log, a reordered log and a record of another auction', () => {
    const { records, state } = runScripted();
    expect(verifyChain(ID, records, state.hashHead)).toEqual({ ok: true, head: state.hashHead, count: records.length });
    expect(verifyChain(ID, records.slice(0, -1), state.hashHead)).toMatchObject({ ok: false, reason: 'head_mismatch' });
    expect(verifyChain(ID, records.slice(0, -1))).toMatchObject({ ok: true });
    const swapped = [records[1], records[0], ...records.slice(2)] as BidRecord[];
    expect(verifyChain(ID, swapped)).toEqual({ ok: false, atSeq: 1, reason: 'seq_gap' });
    expect(verifyChain('another-auction', records)).toEqual({ ok: false, atSeq: 1, reason: 'hash_mismatch' });
    // The public record carries `at` as text; it verifies the same.
    const published: ChainLink[] = records.map((r) => ({ ...r, at: r.at.toISOString() }));
    expect(verifyChain(ID, published, state.hashHead)).toMatchObject({ ok: true });
    const badText = published.map((r, i) => (i === 2 ? { ...r, at: (r.at as string).replace('Z', '+00:00') } : r));
    expect(verifyChain(ID, badText)).toEqual({ ok: false, atSeq: 3, reason: 'malformed' });
  });

  /** Four bids, alternating p1/p2, the last inside the soft-close window. */
  function runScripted(): { records: BidRecord[]; state: AuctionState } {
    let state = liveState();
    const records: BidRecord[] = [];
    const script: [string, number, number][] = [
      ['p1', START, T0 + MIN],
      ['p2', START + INC, T0 + 2 * MIN],
      ['p1', START + 3 * INC, T0 + 3 * MIN],
      ['p2', START + 4 * INC, ENDS - 10],
    ];
    for (const [who, amountFen, at] of script) {
      const d = decideBid(state, {
        participantId: who,
        bidder: who === 'p1' ? 'A1111' : 'B2222',
        amountFen,
        at: new Date(at),
      });
      if (!d.accepted) throw new Error(d.refused.code);
      records.push(d.accepted.record);
      state = d.accepted.newState;
    }
    return { records, state };
  }
});

describe('aliasFor (竞买号)', () => {
  it('is a letter and four digits, deterministic, and never repeats within an auction', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const alias = aliasFor(ID, i, SECRET);
      expect(alias).toMatch(ALIAS_PATTERN);
      seen.add(alias);
    }
    expect(seen.size).toBe(10_000);
    expect(aliasFor(ID, 7, SECRET)).toBe(aliasFor(ID, 7, SECRET));
  });

  it('differs between auctions and between secrets, so aliases cannot be linked or predicted', () => {
    const first = (id: string, secret: string) => Array.from({ length: 20 }, (_, i) => aliasFor(id, i, secret)).join();
    expect(first(ID, SECRET)).not.toBe(first('another-auction', SECRET));
    expect(first(ID, SECRET)).not.toBe(first(ID, 'another-secret'));
  });

  it.each([-1, MAX_ALIASES, 1.5, Number.NaN])('refuses index %s', (index) => {
    expect(() => aliasFor(ID, index, SECRET)).toThrow(RangeError);
  });
});

// ---- Property-based: decideBid against a reference model ---------------------------------------------

/** A deliberately plain restatement of DESIGN §5 over numbers (ms and 分). */
interface Model {
  status: AuctionStatus;
  start: number;
  inc: number;
  startsAt: number;
  endsAt: number;
  window: number;
  price: number | null;
  leader: string | null;
  accepted: number;
}

function modelBid(m: Model, who: string, amount: number, at: number): { outcome: string; next: Model } {
  const no = (outcome: string) => ({ outcome, next: m });
  if (!Number.isSafeInteger(amount) || amount <= 0) return no('VALIDATION_FAILED');
  if (m.status === 'scheduled') return no('AUCTION_NOT_STARTED');
  if (m.status !== 'live') return no('AUCTION_ENDED');
  if (at < m.startsAt) return no('AUCTION_NOT_STARTED');
  if (at >= m.endsAt) return no('AUCTION_ENDED');
  if (who === m.leader) return no('ALREADY_LEADING');
  const minimum = m.price === null ? m.start : m.price + m.inc;
  if (amount < minimum) return no('BID_TOO_LOW');
  const timeLeft = m.endsAt - at;
  return {
    outcome: 'accepted',
    next: {
      ...m,
      price: amount,
      leader: who,
      endsAt: timeLeft < m.window ? at + m.window : m.endsAt,
      accepted: m.accepted + 1,
    },
  };
}

type TimeIntent = { kind: 'gap'; ms: number } | { kind: 'nearEnd'; ms: number } | { kind: 'beforeStart'; ms: number };
type AmountIntent = { kind: 'nearMin'; delta: number } | { kind: 'absolute'; fen: number };
interface Intent {
  who: number;
  time: TimeIntent;
  amount: AmountIntent;
}

const BIDDERS = 4;
interface GenTerms {
  startPriceFen: number;
  incrementFen: number;
  reservePriceFen: number | null;
  durationMs: number;
  softCloseMs: number;
}
const termsArb: fc.Arbitrary<GenTerms> = fc.record({
  startPriceFen: fc.integer({ min: 1, max: 10_000_000 }),
  incrementFen: fc.integer({ min: 1, max: 100_000 }),
  reservePriceFen: fc.option(fc.integer({ min: 0, max: 20_000_000 }), { nil: null }),
  durationMs: fc.integer({ min: 1, max: 2 * 3600_000 }),
  softCloseMs: fc.oneof(fc.constantFrom(0, 1, 1000, DEFAULT_SOFT_CLOSE_MS), fc.integer({ min: 0, max: 15 * MIN })),
});
const intentArb: fc.Arbitrary<Intent> = fc.record({
  who: fc.integer({ min: 0, max: BIDDERS - 1 }),
  time: fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({ kind: fc.constant('gap' as const), ms: fc.integer({ min: -2000, max: 10 * MIN }) }),
    },
    // Right around the end in force: exactly at it, just before and after, at the window's edge.
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('nearEnd' as const),
        ms: fc.oneof(fc.constantFrom(0, 1, -1, 2), fc.integer({ min: -20 * MIN, max: 2000 })),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('beforeStart' as const), ms: fc.integer({ min: 1, max: MIN }) }),
    },
  ),
  amount: fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({ kind: fc.constant('nearMin' as const), delta: fc.integer({ min: -3, max: 3 }) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('absolute' as const), fen: fc.integer({ min: -10, max: 30_000_000 }) }),
    },
  ),
});

interface Run {
  initial: AuctionState;
  final: AuctionState;
  records: BidRecord[];
  acceptedInputs: BidInput[];
}

/** Applies the intents to both decideBid and the model, checking agreement and invariants bid by bid. */
function runAuction(t: GenTerms, intents: Intent[]): Run {
  const terms: AuctionTerms = {
    id: ID,
    startPriceFen: t.startPriceFen,
    incrementFen: t.incrementFen,
    reservePriceFen: t.reservePriceFen,
    startsAt: new Date(T0),
    endsAt: new Date(T0 + t.durationMs),
    softCloseMs: t.softCloseMs,
  };
  const initial = decideStart(initialAuctionState(terms), new Date(T0)).accepted?.newState as AuctionState;
  let state = initial;
  let model: Model = {
    status: 'live',
    start: t.startPriceFen,
    inc: t.incrementFen,
    startsAt: T0,
    endsAt: T0 + t.durationMs,
    window: t.softCloseMs,
    price: null,
    leader: null,
    accepted: 0,
  };
  const aliases = Array.from({ length: BIDDERS }, (_, i) => aliasFor(ID, i, SECRET));
  const records: BidRecord[] = [];
  const acceptedInputs: BidInput[] = [];
  let lastAt = T0;

  for (const intent of intents) {
    const at =
      intent.time.kind === 'gap'
        ? lastAt + intent.time.ms
        : intent.time.kind === 'nearEnd'
          ? model.endsAt + intent.time.ms
          : T0 - intent.time.ms;
    lastAt = at;
    const minimum = model.price === null ? model.start : model.price + model.inc;
    const amountFen =
      intent.amount.kind === 'nearMin'
        ? minimum + intent.amount.delta * Math.max(1, Math.floor(model.inc / 2))
        : intent.amount.fen;
    const who = `p${intent.who}`;
    const bid: BidInput = { participantId: who, bidder: aliases[intent.who] as string, amountFen, at: new Date(at) };

    const expected = modelBid(model, who, amountFen, at);
    const d = decideBid(state, bid);
    expect(d.accepted ? 'accepted' : d.refused.code).toBe(expected.outcome);

    if (d.accepted) {
      const { newState, record, extendedTo } = d.accepted;
      const prev = state;
      // Amounts strictly increase by at least the increment; the first is at least the start price.
      expect(amountFen).toBeGreaterThanOrEqual(
        prev.currentPriceFen === null ? prev.startPriceFen : prev.currentPriceFen + prev.incrementFen,
      );
      // Every accepted bid arrived inside [startsAt, endsAt in force at its arrival).
      expect(at).toBeGreaterThanOrEqual(prev.startsAt.getTime());
      expect(at).toBeLessThan(prev.endsAt.getTime());
      // No accepted bid by the leader of the moment.
      expect(who).not.toBe(prev.leaderParticipantId);
      // Soft close: inside the window the end becomes at + window, otherwise it stays; it never shrinks.
      if (prev.endsAt.getTime() - at < prev.softCloseMs) {
        expect(newState.endsAt.getTime()).toBe(at + prev.softCloseMs);
        expect(extendedTo).toEqual(newState.endsAt);
      } else {
        expect(newState.endsAt).toEqual(prev.endsAt);
        expect(extendedTo).toBeNull();
      }
      expect(newState.endsAt.getTime()).toBeGreaterThanOrEqual(prev.endsAt.getTime());
      // Leader and price are the last accepted bid; seq is gapless.
      expect([newState.leaderParticipantId, newState.currentPriceFen, newState.seq]).toEqual([
        who,
        amountFen,
        prev.seq + 1,
      ]);
      expect([record.seq, record.prevHash, record.hash]).toEqual([newState.seq, prev.hashHead, newState.hashHead]);
      records.push(record);
      acceptedInputs.push(bid);
      state = newState;
    }
    model = expected.next;
    expect({
      price: state.currentPriceFen,
      leader: state.leaderParticipantId,
      endsAt: state.endsAt.getTime(),
      seq: state.seq,
    }).toEqual({ price: model.price, leader: model.leader, endsAt: model.endsAt, seq: model.accepted });
  }
  return { initial, final: state, records, acceptedInputs };
}

const intentsArb = fc.array(intentArb, { maxLength: 60 });

describe('properties', () => {
  it('decideBid agrees with the reference model and keeps every invariant', () => {
    fc.assert(
      fc.property(termsArb, intentsArb, (t, intents) => {
        runAuction(t, intents);
      }),
      { numRuns: 400 },
    );
  });

  it('the close decides a winner iff there is a bid that meets the reserve, and only at the end in force', () => {
    fc.assert(
      fc.property(termsArb, intentsArb, (t, intents) => {
        const { final } = runAuction(t, intents);
        expect(decideClose(final, new Date(final.endsAt.getTime() - 1)).refused?.code).toBe('AUCTION_NOT_ENDED');
        const d = decideClose(final, final.endsAt);
        if (!d.accepted) throw new Error(d.refused.code);
        const hasBid = final.seq > 0;
        const met = hasBid && (t.reservePriceFen === null || (final.currentPriceFen as number) >= t.reservePriceFen);
        expect(d.accepted.newState.status).toBe(met ? 'closed' : 'unsold');
        expect(d.accepted.result).toBe(met ? 'sold' : hasBid ? 'reserve_not_met' : 'no_bids');
        expect(d.accepted.winnerParticipantId).toBe(met ? final.leaderParticipantId : null);
        expect(d.accepted.priceFen).toBe(met ? final.currentPriceFen : null);
        // After the close no bid is accepted and no second close happens.
        const after = d.accepted.newState;
        expect(decideClose(after, new Date(after.endsAt.getTime() + 1)).refused?.code).toBe('INVALID_STATE');
        expect(
          decideBid(after, {
            participantId: 'late',
            bidder: 'Z9999',
            amountFen: 1e12,
            at: new Date(after.endsAt.getTime() - 1),
          }).refused?.code,
        ).toBe('AUCTION_ENDED');
      }),
      { numRuns: 200 },
    );
  });

  it('the accepted bids form a hash chain that verifies and replays to the same state', () => {
    fc.assert(
      fc.property(termsArb, intentsArb, (t, intents) => {
        const { initial, final, records, acceptedInputs } = runAuction(t, intents);
        expect(verifyChain(ID, records, final.hashHead)).toEqual({
          ok: true,
          head: final.hashHead,
          count: records.length,
        });
        expect(replayBids(initial, acceptedInputs)).toEqual({ ok: true, state: final });
        // The public record has aliases only; replaying it with aliases as identities gives the same prices and ends.
        const byAlias = acceptedInputs.map((b) => ({ ...b, participantId: b.bidder }));
        const replayed = replayBids(initial, byAlias);
        expect(replayed.ok && [replayed.state.currentPriceFen, replayed.state.endsAt, replayed.state.hashHead]).toEqual(
          [final.currentPriceFen, final.endsAt, final.hashHead],
        );
      }),
      { numRuns: 200 },
    );
  });

  it('tampering with any field of any bid breaks verification at that seq', () => {
    const fieldArb = fc.constantFrom('seq', 'bidder', 'amountFen', 'at', 'hash');
    fc.assert(
      fc.property(
        termsArb,
        intentsArb,
        fc.nat(),
        fieldArb,
        fc.integer({ min: 1, max: 1_000_000 }),
        (t, intents, pick, field, k) => {
          const { records, final } = runAuction(t, intents);
          fc.pre(records.length > 0);
          const i = pick % records.length;
          const original = records[i] as BidRecord;
          const tampered: BidRecord = { ...original };
          switch (field) {
            case 'seq':
              tampered.seq = original.seq + k;
              break;
            case 'bidder':
              tampered.bidder = original.bidder === 'Z9999' ? 'Z9998' : 'Z9999';
              break;
            case 'amountFen':
              tampered.amountFen = original.amountFen + (k % 2 === 0 || original.amountFen <= k ? k : -k);
              break;
            case 'at':
              tampered.at = new Date(original.at.getTime() + (k % 2 === 0 ? k : -k));
              break;
            case 'hash':
              tampered.hash = (original.hash[0] === '0' ? '1' : '0') + original.hash.slice(1);
              break;
          }
          const log = records.map((r, j) => (j === i ? tampered : r));
          expect(verifyChain(ID, log, final.hashHead)).toEqual({
            ok: false,
            atSeq: original.seq,
            reason: field === 'seq' ? 'seq_gap' : 'hash_mismatch',
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('no bid is ever accepted unless the auction is live', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<AuctionStatus>('scheduled', 'closed', 'unsold'),
        fc.integer({ min: -10 * MIN, max: 80 * MIN }),
        fc.integer({ min: 1, max: 1e9 }),
        (status, offset, amountFen) => {
          const d = decideBid(liveState({ status }), {
            participantId: 'p',
            bidder: 'A1000',
            amountFen,
            at: new Date(T0 + offset),
          });
          expect(d.refused?.code).toBe(status === 'scheduled' ? 'AUCTION_NOT_STARTED' : 'AUCTION_ENDED');
        },
      ),
    );
  });
});
