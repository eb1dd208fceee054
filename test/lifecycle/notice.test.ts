// 措施四 end to end with the real worker: negotiated price → public notice → (objection →) listed →
// matched at the agreed price or auction; then the deal is recorded. Periods are an hour on the
// injectable clock; the test moves it past each end and runs the reconciler, so no objection or
// claim races a real deadline.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auctionParticipants, auctions, notifications, results } from '../../db/schema/index.js';
import type { WorkerHandle } from '../../workers/main.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, verifiedMember, type Session } from '../helpers/factories.js';
import {
  approvedSupply,
  auditActions,
  listingRow,
  CLOCKED_PERIODS,
  HOUR,
  ok,
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
let counterparty: Session;
let objector: Session;

beforeAll(async () => {
  t = await setupTestApp(CLOCKED_PERIODS, { now: clock.now });
  worker = await startTestWorkers(t, undefined, clock.now);
  operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
  counterparty = await verifiedEnterprise(t.app, operator, { ownershipType: 'state_wholly_owned' });
  objector = await verifiedEnterprise(t.app, operator);
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

/** The period running now (notice or window) ends; returns the listing as the timer left it. */
async function periodEnds(id: string) {
  await passTime(clock, worker, HOUR + 1_000);
  return listingRow(t, id);
}

/** 措施四: the notice ended with a standing objection; the institution chooses to list it. */
async function listAfterObjection(id: string) {
  expect((await periodEnds(id)).status).toBe('objection_review');
  await ok(
    as(
      t.app,
      inst,
    )({ method: 'POST', url: `/api/v1/listings/${id}/objection-decision`, payload: { decision: 'list' } }),
  );
  const listed = await listingRow(t, id);
  expect(listed.status).toBe('listed');
  return listed;
}

function negotiated(extra: Record<string, unknown> = {}) {
  return {
    pricingMode: 'negotiated',
    priceFen: 120_000_000,
    counterpartyOrgId: counterparty.orgId,
    transactionTypes: ['transfer'],
    ...extra,
  };
}

describe('a negotiated price under public notice (措施四)', () => {
  it('without objection is matched with the named counterparty at the agreed price, then converted', async () => {
    const listing = await approvedSupply(t.app, inst, operator, negotiated());
    expect(listing.status).toBe('notice');
    expect(listing.counterpartyName).toBeTruthy();

    const board = await ok<{ items: Array<{ listingId: string; proposedPriceFen: number; resultTitle: string }> }>(
      as(t.app, null)({ method: 'GET', url: '/api/v1/notices' }),
    );
    const entry = board.items.find((i) => i.listingId === listing.id)!;
    expect(entry.proposedPriceFen).toBe(120_000_000);
    expect(entry.resultTitle).toBeTruthy();

    const matched = await periodEnds(listing.id);
    expect(matched.status).toBe('matched');
    expect(matched).toMatchObject({
      matchRoute: 'notice',
      matchedOrgId: counterparty.orgId,
      matchedPriceFen: 120_000_000,
    });
    // The public detail names the matched organisation, whose public record gives the deal form its
    // ownership (措施四 appraisal choice, 措施十五 export control).
    const detail = await ok<{ matchedOrgId: string | null; matchedName: string | null }>(
      as(t.app, null)({ method: 'GET', url: `/api/v1/listings/${listing.id}` }),
    );
    expect(detail.matchedOrgId).toBe(counterparty.orgId);
    const org = await ok<{ ownershipType: string }>(
      as(t.app, null)({ method: 'GET', url: `/api/v1/organisations/${counterparty.orgId}` }),
    );
    expect(org.ownershipType).toBe('state_wholly_owned');

    // 措施四: to a state-wholly-owned enterprise the appraisal may be skipped.
    const deal = await ok<{ deal: { counterpartyOwnership: string; appraisal: string } }>(
      as(
        t.app,
        inst,
      )({
        method: 'POST',
        url: `/api/v1/listings/${listing.id}/deal`,
        payload: {
          transactionType: 'transfer',
          amountFen: 120_000_000,
          appraisal: 'skipped_state_owned',
          counterpartyIsOwnSubsidiary: false,
          basis: '协议定价经公示无异议',
        },
      }),
      201,
    );
    expect(deal.deal).toMatchObject({ counterpartyOwnership: 'state_wholly_owned', appraisal: 'skipped_state_owned' });
    expect((await listingRow(t, listing.id)).status).toBe('converted');
    const [result] = await t.database.db.select().from(results).where(eq(results.id, listing.resultId));
    expect(result!.status).toBe('converted');
    expect(await auditActions(t, listing.id)).toEqual([
      'listing.create',
      'listing.submit',
      'listing.approve',
      'listing.notice_end',
      'listing.convert',
    ]);
    // The counterparty heard about the match and the deal.
    const inbox = await ok<{ items: Array<{ kind: string }> }>(
      as(t.app, counterparty)({ method: 'GET', url: '/api/v1/notifications' }),
    );
    expect(inbox.items.map((n) => n.kind)).toEqual(expect.arrayContaining(['notice_ended', 'deal_recorded']));
  });

  it('with a standing objection, listed by the institution’s decision; unclaimed, it is matched at the agreed price', async () => {
    const listing = await approvedSupply(t.app, inst, operator, negotiated());
    const other = await verifiedMember(t.app, operator, 'institution');
    // One objection is dismissed as abusive, one stands although the owner answered it.
    const abusive = await ok<{ id: string }>(
      as(
        t.app,
        other,
      )({
        method: 'POST',
        url: `/api/v1/listings/${listing.id}/objections`,
        payload: { reason: '无理由的重复异议内容' },
      }),
      201,
    );
    const standing = await ok<{ id: string; status: string }>(
      as(
        t.app,
        objector,
      )({
        method: 'POST',
        url: `/api/v1/listings/${listing.id}/objections`,
        payload: { reason: '拟交易价格明显低于同类专利市场价格' },
      }),
      201,
    );
    expect(standing.status).toBe('standing');
    await ok(
      as(
        t.app,
        operator,
      )({
        method: 'POST',
        url: `/api/v1/operator/objections/${abusive.id}/dismiss`,
        payload: { reason: '异议内容与项目无关' },
      }),
    );
    const answered = await ok<{ responseText: string; status: string }>(
      as(
        t.app,
        inst,
      )({
        method: 'POST',
        url: `/api/v1/objections/${standing.id}/response`,
        payload: { text: '价格经第三方评估，评估报告可供查阅。' },
      }),
    );
    expect(answered).toMatchObject({ status: 'standing', responseText: '价格经第三方评估，评估报告可供查阅。' });

    const listed = await listAfterObjection(listing.id);
    expect(listed.listingEndsAt!.getTime() - listed.updatedAt.getTime()).toBe(HOUR);
    const matched = await periodEnds(listing.id);
    expect(matched.status).toBe('matched');
    // 措施四: 半个月内无人摘牌的，按照协议价格交易.
    expect(matched).toMatchObject({
      matchRoute: 'window_agreed',
      matchedOrgId: counterparty.orgId,
      matchedPriceFen: 120_000_000,
    });
    const objectorInbox = await ok<{ items: Array<{ kind: string }> }>(
      as(t.app, objector)({ method: 'GET', url: '/api/v1/notifications' }),
    );
    expect(objectorInbox.items.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['objection_responded', 'notice_ended']),
    );
  });

  it('objected and then claimed, goes to auction among the claimants and the original counterparty', async () => {
    const listing = await approvedSupply(t.app, inst, operator, negotiated());
    await ok(
      as(
        t.app,
        objector,
      )({
        method: 'POST',
        url: `/api/v1/listings/${listing.id}/objections`,
        payload: { reason: '我单位愿以更高价格受让该成果' },
      }),
      201,
    );
    await listAfterObjection(listing.id);
    const claim = await ok<{ priceFen: number }>(
      as(t.app, objector)({ method: 'POST', url: `/api/v1/listings/${listing.id}/claims`, payload: {} }),
      201,
    );
    expect(claim.priceFen).toBe(120_000_000);
    expect((await periodEnds(listing.id)).status).toBe('auction');

    const [auction] = await t.database.db.select().from(auctions).where(eq(auctions.listingId, listing.id));
    expect(auction).toMatchObject({ status: 'scheduled', startPriceFen: 120_000_000, origin: 'window', seq: 0 });
    expect(auction!.startsAt.getTime() - auction!.createdAt.getTime()).toBe(3_600_000);
    const participants = await t.database.db
      .select()
      .from(auctionParticipants)
      .where(eq(auctionParticipants.auctionId, auction!.id));
    expect(participants.map((p) => [p.organisationId, p.source]).sort()).toEqual(
      [
        [objector.orgId, 'claim'],
        [counterparty.orgId, 'counterparty'],
      ].sort(),
    );
    expect(new Set(participants.map((p) => p.alias)).size).toBe(2);

    // Each participant sees its own 竞买号 only.
    const seen = await ok<{ myAlias: string; participantCount: number }>(
      as(t.app, counterparty)({ method: 'GET', url: `/api/v1/listings/${listing.id}/hand-over` }),
    );
    expect(seen.participantCount).toBe(2);
    expect(seen.myAlias).toBe(participants.find((p) => p.organisationId === counterparty.orgId)!.alias);
    const anon = await ok<{ myAlias: string | null }>(
      as(t.app, null)({ method: 'GET', url: `/api/v1/listings/${listing.id}/hand-over` }),
    );
    expect(anon.myAlias).toBeNull();
    const pushed = await t.database.db.select().from(notifications).where(eq(notifications.kind, 'auction_scheduled'));
    expect(pushed.filter((n) => n.listingId === listing.id).length).toBeGreaterThanOrEqual(2);
  });

  it('objected and claimed only by the counterparty itself, is matched with it at the agreed price', async () => {
    const listing = await approvedSupply(t.app, inst, operator, negotiated());
    await ok(
      as(
        t.app,
        objector,
      )({
        method: 'POST',
        url: `/api/v1/listings/${listing.id}/objections`,
        payload: { reason: '公示信息与专利证书不一致' },
      }),
      201,
    );
    await listAfterObjection(listing.id);
    await ok(as(t.app, counterparty)({ method: 'POST', url: `/api/v1/listings/${listing.id}/claims` }), 201);
    const matched = await periodEnds(listing.id);
    expect(matched.status).toBe('matched');
    expect(matched).toMatchObject({ matchRoute: 'window_agreed', matchedOrgId: counterparty.orgId });
  });

  it('an objection withdrawn before the end does not stand', async () => {
    const listing = await approvedSupply(t.app, inst, operator, negotiated());
    const o = await ok<{ id: string }>(
      as(
        t.app,
        objector,
      )({
        method: 'POST',
        url: `/api/v1/listings/${listing.id}/objections`,
        payload: { reason: '需要进一步了解成果权属' },
      }),
      201,
    );
    await ok(as(t.app, objector)({ method: 'POST', url: `/api/v1/objections/${o.id}/withdraw` }));
    const matched = await periodEnds(listing.id);
    expect(matched.status).toBe('matched');
    expect(matched.matchRoute).toBe('notice');
  });
});
