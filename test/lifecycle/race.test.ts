// The race at the window's end: 20 enterprises claim concurrently while the window closes on the
// injectable clock and the real worker's job makes the transition. Each claim is either stored before
// the transition (and counted by it) or refused with a clear error; none is lost, none counted after
// the end. The window is an hour on the test clock; the test moves the clock past the end and
// delivers the timer job in the middle of the claims, so the race does not depend on machine load.
import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timerJobId } from '../../domain/timers.js';
import { auctionParticipants, auctions, auditLog, claims } from '../../db/schema/index.js';
import type { WorkerHandle } from '../../workers/main.js';
import type { TimersQueue } from '../../workers/timers.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, verifiedMember, type Session } from '../helpers/factories.js';
import {
  approvedSupply,
  CLOCKED_PERIODS,
  HOUR,
  listingRow,
  startTestWorkers,
  testClock,
  waitFor,
} from '../helpers/lifecycle.js';

const clock = testClock();

let t: TestContext;
let worker: WorkerHandle;
let operator: Session;
let inst: Session;
const enterprises: Session[] = [];
let timersConnection: ReturnType<TestContext['redis']['duplicate']>;
let timers: TimersQueue;

beforeAll(async () => {
  t = await setupTestApp({ ...CLOCKED_PERIODS, REGISTER_RATE_LIMIT: '1000' }, { now: clock.now });
  worker = await startTestWorkers(t, undefined, clock.now);
  timersConnection = t.redis.duplicate();
  timers = new Queue('timers', { connection: timersConnection, prefix: t.config.redisPrefix });
  operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
  const made = await Promise.all(Array.from({ length: 20 }, () => verifiedMember(t.app, operator, 'enterprise')));
  enterprises.push(...made);
});
afterAll(async () => {
  await worker.stop();
  await timers.close();
  await timersConnection.quit();
  await t.close();
});

async function jobState(jobId: string): Promise<string | null> {
  const job = await timers.getJob(jobId);
  return job ? await job.getState() : null;
}

async function claimsStored(listingId: string): Promise<number> {
  return (await t.database.db.select({ id: claims.id }).from(claims).where(eq(claims.listingId, listingId))).length;
}

describe('20 concurrent claims around the end of the listing window', () => {
  it.each([
    ['half before the end, half racing it, the rest after', true],
    ['all twenty at the moment the window closes', false],
  ])('%s: every claim is counted or refused, none lost, none late', async (_name, spread) => {
    const listing = await approvedSupply(t.app, inst, operator, { priceFen: 7_000_000 });
    const jobId = timerJobId('listing_end', listing.id);
    await waitFor(
      () => jobState(jobId),
      (s) => s === 'delayed',
    );
    const end = (await listingRow(t, listing.id)).listingEndsAt!.getTime();

    const claim = async (e: Session) => {
      const res = await as(t.app, e)({ method: 'POST', url: `/api/v1/listings/${listing.id}/claims` });
      return { orgId: e.orgId, status: res.statusCode, body: res.json() };
    };
    /** The window's end passes on the platform's clock and its wake-up call is delivered now. */
    const closeWindow = async () => {
      clock.advance(HOUR + 1_000);
      await (await timers.getJob(jobId))!.promote();
    };

    let answers;
    if (spread) {
      // Ten claims go out; once one of them is stored the window closes while the others are in
      // flight; ten more come after the end.
      const early = enterprises.slice(0, 10).map(claim);
      await waitFor(
        () => claimsStored(listing.id),
        (n) => n > 0,
      );
      await closeWindow();
      const late = enterprises.slice(10).map(claim);
      answers = await Promise.all([...early, ...late]);
    } else {
      [answers] = await Promise.all([Promise.all(enterprises.map(claim)), closeWindow()]);
    }

    const after = await waitFor(
      () => listingRow(t, listing.id),
      (r) => r.status !== 'listed',
    );

    const accepted = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status !== 201);
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(['LISTING_WINDOW_CLOSED', 'NOT_LISTED']).toContain(r.body.error.code);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }

    const stored = await t.database.db.select().from(claims).where(eq(claims.listingId, listing.id));
    // None lost: every acknowledged claim is stored, nothing else is.
    expect(stored.map((c) => c.organisationId).sort()).toEqual(accepted.map((a) => a.orgId).sort());
    // None late: every stored claim was made strictly before the end.
    for (const c of stored) expect(c.createdAt.getTime()).toBeLessThan(end);

    // The transition counted exactly the stored claims, and decided by the table.
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, listing.id))
      .then((rows) => rows.filter((r) => r.action === 'listing.window_end'));
    expect(audit!.details.countedClaims).toBe(stored.length);
    const expected = stored.length === 0 ? 'expired' : stored.length === 1 ? 'matched' : 'auction';
    expect(after.status).toBe(expected);
    if (expected === 'auction') {
      const [auction] = await t.database.db.select().from(auctions).where(eq(auctions.listingId, listing.id));
      const participants = await t.database.db
        .select()
        .from(auctionParticipants)
        .where(eq(auctionParticipants.auctionId, auction!.id));
      expect(participants.map((p) => p.organisationId).sort()).toEqual(stored.map((c) => c.organisationId).sort());
    }
    // The race was real: with the spread, claims land on each side of the end (one was stored
    // before it; the last ten were sent after it). All at once, any split is valid.
    if (spread) {
      expect(accepted.length).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThanOrEqual(10);
    }
  });
});
