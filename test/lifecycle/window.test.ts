// The fixed-price listing window (挂牌期) and the 面议 showcase with the real worker, and the deal
// rules of 措施四 and 措施十五. Periods are an hour on the injectable clock; the test moves it past
// each end and runs the reconciler, so no claim or inquiry races a real deadline.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auctionParticipants, auctions, claims, conversions } from '../../db/schema/index.js';
import { fireTimer } from '../../server/lifecycle/timers.js';
import type { WorkerHandle } from '../../workers/main.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, verifiedMember, type Session } from '../helpers/factories.js';
import {
  approvedSupply,
  auditActions,
  CLOCKED_PERIODS,
  HOUR,
  listingRow,
  ok,
  outsideEnterprise,
  passTime,
  startTestWorkers,
  testClock,
  verifiedEnterprise,
} from '../helpers/lifecycle.js';

const clock = testClock();

let t: TestContext;
let worker: WorkerHandle;
let operator: Session;
let inst: Session;
const buyers: Session[] = [];
let foreign: Session;
let outside: Session;

beforeAll(async () => {
  t = await setupTestApp(CLOCKED_PERIODS, { now: clock.now });
  worker = await startTestWorkers(t, undefined, clock.now);
  operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
  for (let i = 0; i < 3; i++) buyers.push(await verifiedEnterprise(t.app, operator));
  foreign = await verifiedEnterprise(t.app, operator, { ownershipType: 'foreign' });
  outside = await outsideEnterprise(t.app, operator);
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

/** The running period (window or showcase) ends: the clock passes it and the reconciler fires. */
async function periodEnds(id: string, status: string) {
  await passTime(clock, worker, HOUR + 1_000);
  const row = await listingRow(t, id);
  expect(row.status).toBe(status);
  return row;
}

const claim = (s: Session, id: string) => as(t.app, s)({ method: 'POST', url: `/api/v1/listings/${id}/claims` });

describe('the window-end table for a fixed price', () => {
  it('0 claims → expired', async () => {
    const listing = await approvedSupply(t.app, inst, operator);
    expect(listing.status).toBe('listed');
    const expired = await periodEnds(listing.id, 'expired');
    expect(expired.matchRoute).toBeNull();
    const inbox = await ok<{ items: Array<{ kind: string; body: string }> }>(
      as(t.app, inst)({ method: 'GET', url: '/api/v1/notifications' }),
    );
    expect(inbox.items.find((n) => n.kind === 'window_ended')!.body).toContain('无人摘牌');
  });

  it('1 claim → matched with the claimant at the listed price; the owner may no longer withdraw', async () => {
    const listing = await approvedSupply(t.app, inst, operator, { priceFen: 5_000_000 });
    await ok(claim(buyers[0]!, listing.id), 201);
    const refused = await as(t.app, inst)({ method: 'POST', url: `/api/v1/listings/${listing.id}/withdraw` });
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'INVALID_STATE']);
    const matched = await periodEnds(listing.id, 'matched');
    expect(matched).toMatchObject({ matchRoute: 'claim', matchedOrgId: buyers[0]!.orgId, matchedPriceFen: 5_000_000 });
    const inbox = await ok<{ items: Array<{ kind: string }> }>(
      as(t.app, buyers[0]!)({ method: 'GET', url: '/api/v1/notifications' }),
    );
    expect(inbox.items.map((n) => n.kind)).toContain('window_ended');
  });

  it('≥ 2 claims → a scheduled auction among the claimants, start price = listed price', async () => {
    const listing = await approvedSupply(t.app, inst, operator, { priceFen: 3_000_000 });
    for (const b of buyers) await ok(claim(b, listing.id), 201);
    const again = await claim(buyers[0]!, listing.id);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'ALREADY_CLAIMED']);
    await periodEnds(listing.id, 'auction');
    const [auction] = await t.database.db.select().from(auctions).where(eq(auctions.listingId, listing.id));
    expect(auction).toMatchObject({
      status: 'scheduled',
      startPriceFen: 3_000_000,
      incrementFen: 30_000,
      reservePriceFen: null,
      softCloseMs: 300_000,
      currentPriceFen: null,
      leaderParticipantId: null,
    });
    expect(auction!.endsAt.getTime() - auction!.startsAt.getTime()).toBe(3_600_000);
    const participants = await t.database.db
      .select()
      .from(auctionParticipants)
      .where(eq(auctionParticipants.auctionId, auction!.id));
    expect(participants.map((p) => p.organisationId).sort()).toEqual(buyers.map((b) => b.orgId).sort());
    expect(participants.every((p) => p.source === 'claim' && /^[A-HJ-NP-Z][1-9]\d{3}$/.test(p.alias))).toBe(true);
    // A claim after the end is refused with a clear error.
    const late = await claim(foreign, listing.id);
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'NOT_LISTED']);
  });
});

describe('a take-down during the window', () => {
  it('stops the procedure: the claimant is told and the window-end timer does nothing', async () => {
    const listing = await approvedSupply(t.app, inst, operator);
    await ok(claim(buyers[1]!, listing.id), 201);
    await ok(
      as(
        t.app,
        operator,
      )({
        method: 'POST',
        url: `/api/v1/operator/listings/${listing.id}/take-down`,
        payload: { reasonCode: 'ip_dispute', reasonText: '专利权属存在争议' },
      }),
    );
    await periodEnds(listing.id, 'taken_down');
    // Its wake-up call, arriving after the end, finds the listing no longer in its window.
    expect(await fireTimer(t.ctx, 'listing_end', listing.id)).toEqual({ type: 'stale' });
    expect(await auditActions(t, listing.id)).not.toContain('listing.window_end');
    const inbox = await ok<{ items: Array<{ kind: string; listingId: string }> }>(
      as(t.app, buyers[1]!)({ method: 'GET', url: '/api/v1/notifications' }),
    );
    expect(inbox.items.some((n) => n.kind === 'listing_taken_down' && n.listingId === listing.id)).toBe(true);
  });
});

describe('the 面议 showcase', () => {
  it('takes inquiries, expires, and may be renewed by the owner', async () => {
    const listing = await approvedSupply(t.app, inst, operator, { pricingMode: 'negotiable', priceFen: null });
    expect(listing.status).toBe('showcase');
    await ok(
      as(
        t.app,
        buyers[0]!,
      )({
        method: 'POST',
        url: `/api/v1/listings/${listing.id}/inquiries`,
        payload: { message: '希望了解许可方式和技术服务内容', contactName: '赵工', contactPhone: '13700000000' },
      }),
      201,
    );
    const seen = await ok<{ items: Array<{ message: string }> }>(
      as(t.app, inst)({ method: 'GET', url: `/api/v1/listings/${listing.id}/inquiries` }),
    );
    expect(seen.items.map((i) => i.message)).toEqual(['希望了解许可方式和技术服务内容']);
    const others = await ok<{ items: unknown[] }>(
      as(t.app, buyers[1]!)({ method: 'GET', url: `/api/v1/listings/${listing.id}/inquiries` }),
    );
    expect(others.items).toEqual([]);

    await periodEnds(listing.id, 'expired');
    const renewed = await ok<{ status: string; expiresAt: string }>(
      as(t.app, inst)({ method: 'POST', url: `/api/v1/listings/${listing.id}/renew` }),
    );
    expect(renewed.status).toBe('showcase');
    // The renewed period runs out again: the same deterministic job id is scheduled anew.
    await periodEnds(listing.id, 'expired');
    expect(await auditActions(t, listing.id)).toEqual([
      'listing.create',
      'listing.submit',
      'listing.approve',
      'listing.inquiry',
      'listing.showcase_expire',
      'listing.renew',
      'listing.showcase_expire',
    ]);
  });
});

describe('recording the deal', () => {
  it('措施十五: a party registered outside the mainland needs the export-control confirmation, from the claim on; 措施四: no skipped appraisal', async () => {
    const listing = await approvedSupply(t.app, inst, operator, { priceFen: 9_000_000 });
    // Today the claim was taken and only the deal asked; now the claim itself waits for the review.
    const early = await claim(outside, listing.id);
    expect([early.statusCode, early.json().error.code]).toEqual([422, 'EXPORT_CONTROL_REQUIRED']);
    expect(early.json().error.message).toContain('暂不能摘牌');
    expect(await t.database.db.select().from(claims).where(eq(claims.listingId, listing.id))).toEqual([]);
    // The institution confirms the review of the result while the listing runs.
    const confirmed = await ok<{ exportControl: { note: string } | null; deal: null }>(
      as(
        t.app,
        inst,
      )({
        method: 'POST',
        url: `/api/v1/listings/${listing.id}/export-control`,
        payload: { note: '已依《技术进出口管理条例》完成自由出口技术合同登记' },
      }),
    );
    expect(confirmed.exportControl?.note).toContain('技术进出口');
    await ok(claim(outside, listing.id), 201);
    await periodEnds(listing.id, 'matched');
    const record = (payload: Record<string, unknown>) =>
      as(t.app, inst)({ method: 'POST', url: `/api/v1/listings/${listing.id}/deal`, payload });
    const body = {
      transactionType: 'license',
      amountFen: 9_000_000,
      appraisal: 'appraised',
      counterpartyIsOwnSubsidiary: false,
    };

    const skip = await record({ ...body, appraisal: 'skipped_state_owned' });

    expect([skip.statusCode, skip.json().error.code]).toEqual([422, 'APPRAISAL_SKIP_NOT_ALLOWED']);
    const declared = await record({ ...body, counterpartyOwnership: 'state_controlled' });
    expect([declared.statusCode, declared.json().error.code]).toEqual([422, 'COUNTERPARTY_OWNERSHIP_FIXED']);
    const domicile = await record({ ...body, counterpartyDomicile: 'mainland' });
    expect([domicile.statusCode, domicile.json().error.code]).toEqual([422, 'COUNTERPARTY_DOMICILE_FIXED']);
    const notOffered = await record({ ...body, transactionType: 'equity' });
    expect([notOffered.statusCode, notOffered.json().error.code]).toEqual([422, 'TRANSACTION_TYPE_NOT_OFFERED']);
    const scope = await record({ ...body, licenseScope: 'exclusive' });
    expect([scope.statusCode, scope.json().error.code]).toEqual([422, 'LICENCE_SCOPE_MISMATCH']);
    expect(await t.database.db.select().from(conversions).where(eq(conversions.listingId, listing.id))).toEqual([]);

    const done = await ok<{
      deal: { counterpartyDomicile: string; licenseScope: string; priceBasis: string };
      exportControl: { note: string };
    }>(record(body), 201);
    expect(done.deal).toMatchObject({
      counterpartyDomicile: 'hk_macao_taiwan',
      licenseScope: 'non_exclusive',
      priceBasis: 'listed_price',
    });
    expect(done.exportControl.note).toContain('技术进出口');
    // The counterparty reads the record; another enterprise may not.
    await ok(as(t.app, outside)({ method: 'GET', url: `/api/v1/listings/${listing.id}/deal` }));
    const other = await as(t.app, buyers[2]!)({ method: 'GET', url: `/api/v1/listings/${listing.id}/deal` });
    expect(other.statusCode).toBe(403);
    const twice = await record(body);
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'NOT_MATCHED']);
  });

  it('措施十五: a 外资 enterprise registered in the mainland is a domestic party — no export control', async () => {
    const listing = await approvedSupply(t.app, inst, operator, {
      priceFen: 3_000_000,
      transactionTypes: ['transfer'],
    });
    await ok(claim(foreign, listing.id), 201);
    await periodEnds(listing.id, 'matched');
    const done = await ok<{ deal: { counterpartyOwnership: string; counterpartyDomicile: string } }>(
      as(
        t.app,
        inst,
      )({
        method: 'POST',
        url: `/api/v1/listings/${listing.id}/deal`,
        payload: {
          transactionType: 'transfer',
          amountFen: 3_000_000,
          appraisal: 'appraised',
          counterpartyIsOwnSubsidiary: false,
        },
      }),
      201,
    );
    expect(done.deal).toMatchObject({ counterpartyOwnership: 'foreign', counterpartyDomicile: 'mainland' });
  });

  it('an unregistered negotiated counterparty: the institution declares its ownership', async () => {
    const listing = await approvedSupply(t.app, inst, operator, {
      pricingMode: 'negotiated',
      counterpartyName: '沈阳某未注册科技有限公司',
      priceFen: 2_000_000,
    });
    await periodEnds(listing.id, 'matched');
    const record = (payload: Record<string, unknown>) =>
      as(t.app, inst)({ method: 'POST', url: `/api/v1/listings/${listing.id}/deal`, payload });
    const body = {
      transactionType: 'transfer',
      amountFen: 2_000_000,
      appraisal: 'not_appraised',
      counterpartyIsOwnSubsidiary: false,
    };
    const missing = await record(body);
    expect([missing.statusCode, missing.json().error.code]).toEqual([422, 'COUNTERPARTY_OWNERSHIP_REQUIRED']);
    const noDomicile = await record({ ...body, counterpartyOwnership: 'private' });
    expect([noDomicile.statusCode, noDomicile.json().error.code]).toEqual([422, 'COUNTERPARTY_DOMICILE_REQUIRED']);
    const done = await ok<{ deal: { counterpartyName: string; counterpartyOrgId: null } }>(
      record({ ...body, counterpartyOwnership: 'private', counterpartyDomicile: 'mainland' }),
      201,
    );
    expect(done.deal).toMatchObject({ counterpartyName: '沈阳某未注册科技有限公司', counterpartyOrgId: null });
  });
});
