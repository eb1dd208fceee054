// `npm run auction:verify` against this file's database and against a downloaded record file:
// OK for an honest record, the first bad seq for a tampered one.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { noSignals } from '../../server/auctions/signals.js';
import { closeAuction } from '../../server/auctions/closing.js';
import { auctionListing, bidOf, registerBidders, START_PRICE, startNow } from '../helpers/auctions.js';
import { as, createOperator, verifiedMember } from '../helpers/factories.js';
import { waitFor } from '../helpers/lifecycle.js';

const run = promisify(execFile);
let t: TestContext;
let auctionId: string;

async function verify(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    // Node with tsx's loader, not npx: one process less to start. The bound only caps a hang (a
    // TypeScript start-up took over a minute at load 60 on 2 cores).
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/auction-verify.ts', ...args], {
      env: { ...process.env, DATABASE_URL: t.config.databaseUrl },
      timeout: 240_000,
    });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

/**
 * A record with soft-close extensions made for real: bids on a live auction of `durationMs`, the
 * last two inside the soft-close window (the test waits until the auction is in it). The auction
 * clock is the database's, so a bid cannot be timed by the test; on a machine too slow for the
 * duration a bid is refused as late, and the caller starts over with a longer one.
 */
async function extendedRecord(durationMs: number): Promise<string | null> {
  const operator = await createOperator(t.app, t.database.db);
  const institution = await verifiedMember(t.app, operator, 'institution');
  const { auctionId: id } = await auctionListing(t.app, institution, operator);
  const [a, b] = await registerBidders(t.app, operator, id, 2);
  const windowMs = Math.round((durationMs * 2) / 3);
  await t.database.db.execute(sql`update auctions set soft_close_ms = ${windowMs} where id = ${id}`);
  await startNow(t.database.db, id, durationMs);
  let amount = START_PRICE;
  for (let i = 0; i < 6; i++) {
    if (i === 4)
      await waitFor(
        () => remainingMs(id),
        (ms) => ms < windowMs,
        60_000,
        20,
      );
    const res = await bidOf(t.app, i % 2 ? b! : a!, id)(amount);
    if (res.statusCode === 409 && res.json().error.code === 'AUCTION_ENDED') return null;
    expect(res.statusCode, res.body).toBe(201);
    amount = res.json().nextMinimumFen + 123;
  }
  // Closed as soon as the (extended) end has passed.
  await waitFor(
    () => closeAuction(t.database.db, noSignals, id),
    (r) => r.closed || r.reason !== 'AUCTION_NOT_ENDED',
    60_000,
    50,
  ).then((r) => expect(r.closed).toBe(true));
  return id;
}

async function remainingMs(id: string): Promise<number> {
  const r = await t.database.db.execute(
    sql`select extract(epoch from ends_at - clock_timestamp()) * 1000 as ms from auctions where id = ${id}`,
  );
  return Number((r.rows[0] as { ms: string }).ms);
}

beforeAll(async () => {
  t = await setupTestApp({ AUCTION_START_LEAD: 'PT1H', REGISTER_RATE_LIMIT: '1000' });
  let id: string | null = null;
  for (let durationMs = 1_500; !id; durationMs *= 2) {
    if (durationMs > 48_000) throw new Error('no auction record could be made in time');
    id = await extendedRecord(durationMs);
  }
  auctionId = id;
  const ext = await t.database.db.execute(
    sql`select count(*)::int as n from bids b join auctions a on a.id = b.auction_id where b.auction_id = ${auctionId} and b.ends_at > a.initial_ends_at`,
  );
  expect((ext.rows[0] as { n: number }).n).toBeGreaterThan(0);
});
afterAll(() => t.close());

describe('npm run auction:verify', () => {
  it('prints OK for the record in the database and for the downloaded record', async () => {
    const db = await verify(auctionId);
    expect(db.stdout).toContain('OK');
    expect(db.code).toBe(0);

    const record = (await as(t.app, null)({ method: 'GET', url: `/api/v1/auctions/${auctionId}/record` })).json();
    const dir = mkdtempSync(join(tmpdir(), 'auction-'));
    writeFileSync(join(dir, 'record.json'), JSON.stringify(record));
    const file = await verify('--file', join(dir, 'record.json'));
    expect(file.code).toBe(0);
    expect(file.stdout).toContain('OK');

    // A record file with one bid's time changed fails at that bid.
    record.bids[2].at = new Date(Date.parse(record.bids[2].at) + 1).toISOString();
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(record));
    const bad = await verify('--file', join(dir, 'tampered.json'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('FAILED at seq 3: hash_mismatch');
  }, 600_000);

  it('names the first bad seq when the database was tampered with', async () => {
    // The log is append-only; only someone bypassing the trigger can change it.
    await expect(
      t.database.db.execute(
        sql`update bids set amount_fen = amount_fen + 1 where auction_id = ${auctionId} and seq = 2`,
      ),
    ).rejects.toThrow();
    await t.database.db.execute(sql`alter table bids disable trigger bids_append_only`);
    await t.database.db.execute(
      sql`update bids set amount_fen = amount_fen + 1 where auction_id = ${auctionId} and seq = 2`,
    );
    const res = await verify(auctionId);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('FAILED at seq 2: hash_mismatch');
  }, 300_000);
});
