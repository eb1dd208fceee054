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

const run = promisify(execFile);
let t: TestContext;
let auctionId: string;

async function verify(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run('npx', ['tsx', 'scripts/auction-verify.ts', ...args], {
      env: { ...process.env, DATABASE_URL: t.config.databaseUrl },
      timeout: 60_000,
    });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

beforeAll(async () => {
  t = await setupTestApp({ AUCTION_START_LEAD: 'PT1H' });
  const operator = await createOperator(t.app, t.database.db);
  const institution = await verifiedMember(t.app, operator, 'institution');
  ({ auctionId } = await auctionListing(t.app, institution, operator));
  const [a, b] = await registerBidders(t.app, operator, auctionId, 2);
  // A one-second soft-close window on a 1.5-second auction: the later bids extend the end for real.
  await t.database.db.execute(sql`update auctions set soft_close_ms = 1000 where id = ${auctionId}`);
  await startNow(t.database.db, auctionId, 1_500);
  let amount = START_PRICE;
  for (let i = 0; i < 6; i++) {
    if (i === 4) await new Promise((r) => setTimeout(r, 700));
    const res = await bidOf(t.app, i % 2 ? b! : a!, auctionId)(amount);
    expect(res.statusCode).toBe(201);
    amount = res.json().nextMinimumFen + 123;
  }
  await new Promise((r) => setTimeout(r, 1_100));
  expect((await closeAuction(t.database.db, noSignals, auctionId)).closed).toBe(true);
  const ext = await t.database.db.execute(
    sql`select count(*)::int as n from bids b join auctions a on a.id = b.auction_id where b.auction_id = ${auctionId} and b.ends_at > a.initial_ends_at`,
  );
  expect((ext.rows[0] as { n: number }).n).toBeGreaterThan(0);
}, 60_000);
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
  }, 120_000);

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
  }, 60_000);
});
