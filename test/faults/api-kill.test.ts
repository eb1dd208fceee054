// Fault: two api instances serve one live auction (a child process `start.ts api` and this file's
// in-process app, one private Redis, one database); bids stream in through both, and the child is
// killed with SIGKILL mid-stream. Watchers on the survivor keep receiving every bid in seq order
// with no gap; a watcher of the killed one resumes on the survivor by seq; every committed bid is in
// the record, and only committed bids were broadcast.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { auctionListing, bidOf, registerBidders, startNow } from '../helpers/auctions.js';
import { createOperator, verifiedMember, type Session } from '../helpers/factories.js';
import { Watcher } from '../helpers/live.js';
import { ProductProcess } from '../helpers/processes.js';
import { PrivateRedis } from '../helpers/redis-server.js';

let server: PrivateRedis;
let t: TestContext;
let other: ProductProcess;
let auctionId: string;
let bidders: Array<Session & { alias: string }>;
let survivor: string;

beforeAll(async () => {
  server = await PrivateRedis.start();
  const env = {
    REDIS_URL: server.url,
    AUCTION_START_LEAD: 'PT1H',
    REGISTER_RATE_LIMIT: '1000',
    BID_RATE_LIMIT: '100000',
  };
  t = await setupTestApp(env);
  // The second instance: the real api as a process of its own, on the same database and Redis prefix.
  const starting = ProductProcess.start('api', {
    ...env,
    DATABASE_URL: t.config.databaseUrl,
    REDIS_PREFIX: t.config.redisPrefix,
  });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  survivor = `127.0.0.1:${address.port}`;
  const operator = await createOperator(t.app, t.database.db);
  const institution = await verifiedMember(t.app, operator, 'institution');
  ({ auctionId } = await auctionListing(t.app, institution, operator));
  bidders = await registerBidders(t.app, operator, auctionId, 2);
  await startNow(t.database.db, auctionId, 30 * 60_000, t.app.auctionSignals);
  other = await starting;
}, 600_000);

afterAll(async () => {
  await other?.kill();
  await t?.close();
  await server?.stop();
});

/** A bid over HTTP to the child api; null when the connection failed (the process was killed). */
async function bidViaChild(
  s: Session,
  amount: number,
): Promise<{ status: number; body: { nextMinimumFen: number } } | null> {
  try {
    const res = await fetch(`${other.url}/api/v1/auctions/${auctionId}/bids`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `jb_sid=${s.cookie}`, 'x-csrf-token': s.csrf },
      body: JSON.stringify({ amount, idempotencyKey: randomUUID() }),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: res.status, body: (await res.json()) as { nextMinimumFen: number } };
  } catch {
    return null;
  }
}

async function storedBids(): Promise<number> {
  const r = await t.database.db.execute<{ n: number }>(
    sql`select count(*)::int as n from bids where auction_id = ${auctionId}`,
  );
  return r.rows[0]!.n;
}

describe('one of two api instances killed during an auction', () => {
  it('keeps the watchers on the other receiving every bid, in order, with no gap', async () => {
    const url = (host: string) => `ws://${host}/api/v1/auctions/${auctionId}/live`;
    const onSurvivor = [new Watcher(url(survivor), bidders[0]!.cookie), new Watcher(url(survivor))];
    const onVictim = new Watcher(url(`127.0.0.1:${other.port}`));
    for (const w of [...onSurvivor, onVictim]) await w.connect();

    let next = (await t.app.inject({ method: 'GET', url: `/api/v1/auctions/${auctionId}` })).json().auction
      .nextMinimumFen as number;
    let accepted = 0;
    let childBids = 0;
    // The steady stream: bidders alternate, and so do the instances, until the child is killed.
    const bid = async (i: number, via: 'child' | 'survivor') => {
      const who = bidders[i % 2]!;
      if (via === 'child') {
        const r = await bidViaChild(who, next);
        if (r?.status === 201) {
          accepted++;
          childBids++;
          next = r.body.nextMinimumFen;
        }
        return r;
      }
      const res = await bidOf(t.app, who, auctionId)(next);
      expect(res.statusCode, res.body).toBe(201);
      accepted++;
      next = res.json().nextMinimumFen;
      return res;
    };
    for (let i = 0; i < 8; i++) await bid(i, i % 2 === 0 ? 'child' : 'survivor');
    expect(childBids).toBe(4);
    for (const w of onSurvivor) await w.waitForSeq(8, 120_000);

    // Killed with a bid possibly in flight to it.
    const inFlight = bid(8, 'child');
    await other.kill('SIGKILL');
    await inFlight;
    // Whatever it committed before dying is the record (the in-flight bid may or may not be in it);
    // the survivor carries on from there, starting with the bidder who is not leading.
    const state = (await t.app.inject({ method: 'GET', url: `/api/v1/auctions/${auctionId}` })).json().auction;
    next = state.nextMinimumFen as number;
    const first = bidders[0]!.alias === state.leader ? 1 : 0;
    const beforeSurvivorOnly = await storedBids();
    for (let i = 0; i < 8; i++) await bid(first + i, 'survivor');
    const total = await storedBids();
    expect(total).toBe(beforeSurvivorOnly + 8);

    // Every watcher of the survivor saw every stored bid, in seq order, with no gap.
    for (const w of onSurvivor) {
      await w.waitForSeq(total, 120_000);
      expect(w.gaps).toEqual([]);
      expect(w.applied.map((b) => b.seq)).toEqual(Array.from({ length: total }, (_, k) => k + 1));
      expect(w.closed).toBe(false);
    }
    // The killed instance's watcher lost its socket and resumes on the survivor by seq.
    for (const until = Date.now() + 30_000; !onVictim.closed && Date.now() < until;)
      await new Promise((r) => setTimeout(r, 20));
    expect(onVictim.closed).toBe(true);
    onVictim.url = url(survivor);
    await onVictim.connect(true);
    await onVictim.waitForSeq(total, 120_000);
    expect(onVictim.gaps).toEqual([]);
    expect(onVictim.applied.map((b) => b.seq)).toEqual(Array.from({ length: total }, (_, k) => k + 1));
    // Broadcast equals the record: the hashes the watchers hold are the stored ones.
    const stored = await t.database.db.execute<{ seq: number; hash: string }>(
      sql`select seq, hash from bids where auction_id = ${auctionId} order by seq`,
    );
    expect(onSurvivor[0]!.applied.map((b) => [b.seq, b.hash])).toEqual(stored.rows.map((r) => [r.seq, r.hash]));
    expect(accepted).toBeLessThanOrEqual(total);
    for (const w of [...onSurvivor, onVictim]) w.close();
  }, 600_000);
});
