// Auctions for tests: an auction-priced listing approved by the operator (which creates the
// auction, as in production), bidders registered through the API, and a clock moved by rewriting
// the auction's own timestamps (test setup, not a test-only branch in the code under test).
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import { noSignals, type AuctionSignals } from '../../server/auctions/signals.js';
import { closeAuction } from '../../server/auctions/closing.js';
import { startAuction } from '../../server/auctions/timers.js';
import { as, resultBody, supplyBody, verifiedMember, type Session } from './factories.js';

export const START_PRICE = 1_000_000; // 1 万元
export const INCREMENT = 10_000; // 100 元 = 1 % of the start price

export async function auctionListing(
  app: FastifyInstance,
  institution: Session,
  operator: Session,
  overrides: Record<string, unknown> = {},
): Promise<{ listingId: string; auctionId: string }> {
  const inst = as(app, institution);
  const result = await inst({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
  if (result.statusCode !== 201) throw new Error(`result: ${result.body}`);
  const listing = await inst({
    method: 'POST',
    url: '/api/v1/listings',
    payload: supplyBody(result.json().id, { pricingMode: 'auction', priceFen: START_PRICE, ...overrides }),
  });
  if (listing.statusCode !== 201) throw new Error(`listing: ${listing.body}`);
  const listingId = listing.json().id as string;
  await inst({ method: 'POST', url: `/api/v1/listings/${listingId}/submit` });
  const approved = await as(app, operator)({ method: 'POST', url: `/api/v1/operator/listings/${listingId}/approve` });
  if (approved.statusCode !== 200) throw new Error(`approve: ${approved.body}`);
  const auction = await as(app, null)({ method: 'GET', url: `/api/v1/listings/${listingId}/auction` });
  if (auction.statusCode !== 200) throw new Error(`auction: ${auction.body}`);
  return { listingId, auctionId: auction.json().auction.id };
}

/** Registers `n` verified enterprises for the auction; returns their sessions and aliases. */
export async function registerBidders(
  app: FastifyInstance,
  operator: Session,
  auctionId: string,
  n: number,
): Promise<Array<Session & { alias: string; participantId: string }>> {
  const out: Array<Session & { alias: string; participantId: string }> = [];
  for (let i = 0; i < n; i++) {
    const s = await verifiedMember(app, operator, 'enterprise');
    const res = await as(app, s)({ method: 'POST', url: `/api/v1/auctions/${auctionId}/registrations` });
    if (res.statusCode !== 201) throw new Error(`register: ${res.body}`);
    out.push({ ...s, alias: res.json().alias, participantId: res.json().participantId });
  }
  return out;
}

/** Moves the auction's start to just now and its end `durationMs` ahead, then starts it. */
export async function startNow(db: Db, auctionId: string, durationMs: number, signals: AuctionSignals = noSignals) {
  await db.execute(sql`
    with c as (select date_trunc('milliseconds', clock_timestamp()) as t)
    update auctions set starts_at = c.t - interval '1 millisecond',
      initial_ends_at = c.t + ${durationMs} * interval '1 millisecond',
      ends_at = c.t + ${durationMs} * interval '1 millisecond'
    from c where id = ${auctionId}`);
  const r = await startAuction(db, signals, auctionId);
  if (!r.started) throw new Error(`start: ${JSON.stringify(r)}`);
}

/** Moves a live auction's end into the past and closes it. */
export async function endNow(db: Db, auctionId: string, signals: AuctionSignals = noSignals) {
  await setEnd(db, auctionId, -1);
  return closeAuction(db, signals, auctionId);
}

export function bidOf(app: FastifyInstance, s: Session, auctionId: string) {
  return (amount: number, idempotencyKey: string = randomUUID()) =>
    as(app, s)({ method: 'POST', url: `/api/v1/auctions/${auctionId}/bids`, payload: { amount, idempotencyKey } });
}

/** Sets the (scheduled and current) end `fromNowMs` from now: the test's way of letting time pass. */
export async function setEnd(db: Db, auctionId: string, fromNowMs: number) {
  await db.execute(sql`
    with c as (select date_trunc('milliseconds', clock_timestamp()) + ${fromNowMs} * interval '1 millisecond' as t)
    update auctions set initial_ends_at = c.t, ends_at = c.t from c where id = ${auctionId}`);
}
