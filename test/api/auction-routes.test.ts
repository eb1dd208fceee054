// Every auction route: the roles it refuses get 401/403 with the error shape and nothing is
// written; bad input gets 400 VALIDATION_FAILED; unknown auctions 404 AUCTION_NOT_FOUND.
import { sql } from 'drizzle-orm';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import type { ServerMessage } from '../../domain/auction-protocol.js';
import { auctionListing, registerBidders, startNow } from '../helpers/auctions.js';
import { Watcher } from '../helpers/live.js';
import {
  as,
  createOperator,
  enterpriseRegistration,
  register,
  verifiedMember,
  type Inject,
  type Session,
} from '../helpers/factories.js';

let t: TestContext;
const s = {} as Record<
  'operator' | 'seller' | 'otherInstitution' | 'bidder' | 'enterprise' | 'unverified' | 'limited',
  Session
>;
let auctionId: string;
/** Bids over HTTP and several websockets (the per-user limit). */
let sharingBidder: Session;
let participantId: string;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await setupTestApp({ AUCTION_START_LEAD: 'PT1H', BID_RATE_LIMIT: '12', REGISTER_RATE_LIMIT: '1000' });
  s.operator = await createOperator(t.app, t.database.db);
  s.seller = await verifiedMember(t.app, s.operator, 'institution');
  s.otherInstitution = await verifiedMember(t.app, s.operator, 'institution');
  s.enterprise = await verifiedMember(t.app, s.operator, 'enterprise');
  s.unverified = await register(t.app, enterpriseRegistration());
  ({ auctionId } = await auctionListing(t.app, s.seller, s.operator));
  const [bidder, limited, sharing] = await registerBidders(t.app, s.operator, auctionId, 3);
  sharingBidder = sharing!;
  s.bidder = bidder!;
  s.limited = limited!;
  participantId = bidder!.participantId;
});
afterAll(() => t.close());

type Who = 'anonymous' | keyof typeof s;
const client = (who: Who): Inject => as(t.app, who === 'anonymous' ? null : s[who]);

const UNAUTH: [number, string] = [401, 'UNAUTHENTICATED'];
const FORBIDDEN: [number, string] = [403, 'FORBIDDEN'];
const WRONG_KIND: [number, string] = [403, 'WRONG_ORG_KIND'];

interface Route {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  url: () => string;
  payload?: unknown;
  refused: Partial<Record<Who, [number, string]>>;
  bad?: Array<{ url?: () => string; payload?: unknown; as: Who; expect?: [number, string] }>;
}

const routes: Route[] = [
  {
    name: 'list auctions',
    method: 'GET',
    url: () => '/api/v1/auctions',
    refused: {},
    bad: [
      { url: () => '/api/v1/auctions?status=bogus', as: 'anonymous' },
      { url: () => '/api/v1/auctions?limit=0', as: 'anonymous' },
    ],
  },
  {
    name: 'my auctions',
    method: 'GET',
    url: () => '/api/v1/my/auctions',
    refused: { anonymous: UNAUTH, operator: FORBIDDEN },
  },
  {
    name: 'read an auction',
    method: 'GET',
    url: () => `/api/v1/auctions/${auctionId}`,
    refused: {},
    bad: [
      { url: () => '/api/v1/auctions/not-a-uuid', as: 'anonymous' },
      { url: () => `/api/v1/auctions/${UNKNOWN}`, as: 'anonymous', expect: [404, 'AUCTION_NOT_FOUND'] },
    ],
  },
  {
    name: "a listing's auction",
    method: 'GET',
    url: () => `/api/v1/auctions/${auctionId}`,
    refused: {},
    bad: [
      { url: () => '/api/v1/listings/x/auction', as: 'anonymous' },
      { url: () => `/api/v1/listings/${UNKNOWN}/auction`, as: 'anonymous', expect: [404, 'AUCTION_NOT_FOUND'] },
    ],
  },
  {
    name: 'set terms',
    method: 'PATCH',
    url: () => `/api/v1/auctions/${auctionId}`,
    payload: { incrementFen: 20_000 },
    refused: { anonymous: UNAUTH, enterprise: FORBIDDEN, bidder: FORBIDDEN, otherInstitution: FORBIDDEN },
    bad: [
      { payload: {}, as: 'seller' },
      { payload: { incrementFen: 0 }, as: 'seller' },
      { payload: { incrementFen: 1.5 }, as: 'seller' },
      { payload: { reservePriceFen: -1 }, as: 'seller' },
      { payload: { incrementFen: '100' }, as: 'seller' },
      { payload: { startPriceFen: 1 }, as: 'seller' },
      {
        url: () => `/api/v1/auctions/${UNKNOWN}`,
        payload: { incrementFen: 100 },
        as: 'seller',
        expect: [404, 'AUCTION_NOT_FOUND'],
      },
    ],
  },
  {
    name: 'register',
    method: 'POST',
    url: () => `/api/v1/auctions/${auctionId}/registrations`,
    refused: {
      anonymous: UNAUTH,
      operator: FORBIDDEN,
      seller: WRONG_KIND,
      otherInstitution: WRONG_KIND,
      unverified: [403, 'ORG_NOT_VERIFIED'],
    },
    bad: [
      { url: () => '/api/v1/auctions/1/registrations', as: 'enterprise' },
      { url: () => `/api/v1/auctions/${UNKNOWN}/registrations`, as: 'enterprise', expect: [404, 'AUCTION_NOT_FOUND'] },
    ],
  },
  {
    name: 'participants',
    method: 'GET',
    url: () => `/api/v1/auctions/${auctionId}/participants`,
    refused: { anonymous: UNAUTH, bidder: FORBIDDEN, enterprise: FORBIDDEN, otherInstitution: FORBIDDEN },
    bad: [
      { url: () => `/api/v1/auctions/${UNKNOWN}/participants`, as: 'operator', expect: [404, 'AUCTION_NOT_FOUND'] },
    ],
  },
  {
    name: 'require a deposit',
    method: 'PUT',
    url: () => `/api/v1/auctions/${auctionId}/deposit`,
    payload: { depositFen: 50_000 },
    refused: { anonymous: UNAUTH, seller: FORBIDDEN, bidder: FORBIDDEN, enterprise: FORBIDDEN },
    bad: [
      { payload: {}, as: 'operator' },
      { payload: { depositFen: 0 }, as: 'operator' },
      { payload: { depositFen: '500' }, as: 'operator' },
      { payload: { depositFen: 100, extra: true }, as: 'operator' },
    ],
  },
  {
    name: 'confirm a deposit',
    method: 'POST',
    url: () => `/api/v1/auctions/${auctionId}/participants/${participantId}/deposit-confirmation`,
    refused: { anonymous: UNAUTH, seller: FORBIDDEN, bidder: FORBIDDEN, enterprise: FORBIDDEN },
    bad: [
      { url: () => `/api/v1/auctions/${auctionId}/participants/x/deposit-confirmation`, as: 'operator' },
      {
        url: () => `/api/v1/auctions/${auctionId}/participants/${UNKNOWN}/deposit-confirmation`,
        as: 'operator',
        expect: [404, 'PARTICIPANT_NOT_FOUND'],
      },
    ],
  },
  {
    name: 'bid',
    method: 'POST',
    url: () => `/api/v1/auctions/${auctionId}/bids`,
    payload: { amount: 1_000_000, idempotencyKey: 'refused-role-key-1' },
    refused: { anonymous: UNAUTH, operator: FORBIDDEN },
    bad: [
      { payload: { amount: 0, idempotencyKey: 'abcdefgh1' }, as: 'bidder' },
      { payload: { amount: 10.5, idempotencyKey: 'abcdefgh2' }, as: 'bidder' },
      { payload: { amount: '1000000', idempotencyKey: 'abcdefgh3' }, as: 'bidder' },
      { payload: { amount: 1_000_000 }, as: 'bidder' },
      { payload: { amount: 1_000_000, idempotencyKey: 'short' }, as: 'bidder' },
      { payload: { amount: 1_000_000, idempotencyKey: 'has spaces in it' }, as: 'bidder' },
      { payload: { amount: 1_000_000, idempotencyKey: 'abcdefgh4', bidder: 'K1000' }, as: 'bidder' },
      {
        url: () => `/api/v1/auctions/${UNKNOWN}/bids`,
        payload: { amount: 1_000_000, idempotencyKey: 'abcdefgh5' },
        as: 'bidder',
        expect: [404, 'AUCTION_NOT_FOUND'],
      },
    ],
  },
  {
    name: 'bids after a seq',
    method: 'GET',
    url: () => `/api/v1/auctions/${auctionId}/bids`,
    refused: {},
    bad: [
      { url: () => `/api/v1/auctions/${auctionId}/bids?afterSeq=-1`, as: 'anonymous' },
      { url: () => `/api/v1/auctions/${auctionId}/bids?limit=5000`, as: 'anonymous' },
      { url: () => `/api/v1/auctions/${UNKNOWN}/bids`, as: 'anonymous', expect: [404, 'AUCTION_NOT_FOUND'] },
    ],
  },
  {
    name: 'record',
    method: 'GET',
    url: () => `/api/v1/auctions/${auctionId}/record`,
    refused: { anonymous: [409, 'AUCTION_NOT_ENDED'] },
    bad: [{ url: () => `/api/v1/auctions/${UNKNOWN}/record`, as: 'anonymous', expect: [404, 'AUCTION_NOT_FOUND'] }],
  },
];

async function writes(): Promise<number> {
  const r = await t.database.db.execute<{ n: number }>(sql`
    select (select count(*) from audit_log)::int + (select count(*) from bids)::int
         + (select count(*) from bid_refusals)::int + (select count(*) from auction_participants)::int as n`);
  return r.rows[0]!.n;
}

describe.each(routes)('$method $name', (route) => {
  for (const [who, [status, code]] of Object.entries(route.refused) as Array<[Who, [number, string]]>) {
    it(`refuses ${who} with ${status} ${code} and writes nothing`, async () => {
      const before = await writes();
      const res = await client(who)({ method: route.method, url: route.url(), payload: route.payload });
      expect(res.statusCode).toBe(status);
      expect(res.json()).toMatchObject({ error: { code, message: expect.any(String) }, requestId: expect.any(String) });
      expect(await writes()).toBe(before);
    });
  }
  for (const [i, bad] of (route.bad ?? []).entries()) {
    const [status, code] = bad.expect ?? [400, 'VALIDATION_FAILED'];
    it(`answers bad input #${i + 1} with ${status} ${code}`, async () => {
      const before = await writes();
      const res = await client(bad.as)({
        method: route.method,
        url: (bad.url ?? route.url)(),
        payload: bad.payload ?? route.payload,
      });
      expect(res.statusCode).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(await writes()).toBe(before);
    });
  }
});

describe('bids', () => {
  it('need the CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/auctions/${auctionId}/bids`,
      headers: { cookie: `jb_sid=${s.bidder.cookie}` },
      payload: { amount: 1_000_000, idempotencyKey: 'csrf-check-0001' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_TOKEN_INVALID');
  });

  it('are rate-limited per user', async () => {
    await startNow(t.database.db, auctionId, 60_000);
    const codes: number[] = [];
    for (let i = 0; i < 14; i++) {
      const res = await client('limited')({
        method: 'POST',
        url: `/api/v1/auctions/${auctionId}/bids`,
        payload: { amount: 1, idempotencyKey: `rate-limit-${i}-xxxx` },
      });
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().error.code).toBe('RATE_LIMITED');
    }
    expect(codes.slice(0, 12).every((c) => c === 409)).toBe(true);
    expect(codes.slice(12)).toEqual([429, 429]);
    // Another bidder is not held back by it.
    const other = await client('bidder')({
      method: 'POST',
      url: `/api/v1/auctions/${auctionId}/bids`,
      payload: { amount: 1, idempotencyKey: 'rate-limit-other' },
    });
    expect(other.statusCode).toBe(409);
  });

  it('share one per-user limit between HTTP and every websocket (N sockets do not get N times the rate)', async () => {
    // The auction runs since the test above.
    if (!t.app.server.listening) await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as { port: number };
    const fresh = sharingBidder;
    const sockets = [0, 1, 2].map(
      () => new Watcher(`ws://127.0.0.1:${port}/api/v1/auctions/${auctionId}/live`, fresh.cookie),
    );
    try {
      for (const w of sockets) await w.connect();
      // 12 a window: 5 over HTTP, then 3 sockets × 4 attempts — only 7 more may pass.
      for (let i = 0; i < 5; i++) {
        const res = await as(
          t.app,
          fresh!,
        )({
          method: 'POST',
          url: `/api/v1/auctions/${auctionId}/bids`,
          payload: { amount: 1, idempotencyKey: `shared-limit-http-${i}` },
        });
        expect(res.statusCode).toBe(409);
      }
      const keys = sockets.flatMap((w, n) => [0, 1, 2, 3].map((i) => ({ w, key: `shared-limit-ws-${n}-${i}` })));
      for (const { w, key } of keys) w.send({ type: 'bid', amount: 1, idempotencyKey: key });
      const results = await Promise.all(
        keys.map(
          ({ w, key }) =>
            w.waitFor((m) => m.type === 'bidResult' && m.idempotencyKey === key) as Promise<
              Extract<ServerMessage, { type: 'bidResult' }>
            >,
        ),
      );
      const limited = results.filter((r) => !r.accepted && r.error.code === 'RATE_LIMITED');
      expect(limited).toHaveLength(keys.length - 7);
    } finally {
      for (const w of sockets) w.ws?.close();
    }
  });
});

describe('the live room', () => {
  it('refuses a malformed auction id before upgrading', async () => {
    if (!t.app.server.listening) await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as { port: number };
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/auctions/nope/live`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => reject(new Error('upgraded')));
      ws.on('error', reject);
    });
    expect(status).toBe(400);
  });
});
