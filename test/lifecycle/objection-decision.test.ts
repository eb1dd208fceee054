// 措施四 end to end (存在异议的，可在技术市场挂牌交易): notice → objection → the institution's decision,
// with the real worker and the injectable clock. The decision period is the default P15D; the test
// moves the clock instead of waiting and runs the worker's reconciler, which fires what is due
// (its BullMQ job, `objection-decision-<id>`, is scheduled after the commit like every listing timer).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timerJobId } from '../../domain/timers.js';
import { auditLog, listings, notifications, objections } from '../../db/schema/index.js';
import type { WorkerHandle } from '../../workers/main.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  colleagueSession,
  createOperator,
  register,
  institutionRegistration,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';
import {
  approvedSupply,
  auditActions,
  listingRow,
  ok,
  startTestWorkers,
  testClock,
  verifiedEnterprise,
  waitFor,
} from '../helpers/lifecycle.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const clock = testClock();
let t: TestContext;
let worker: WorkerHandle;
let operator: Session;
let inst: Session;
let staff: Session;
let otherInst: Session;
let counterparty: Session;
let objector: Session;

beforeAll(async () => {
  const env = {
    NOTICE_PERIOD: 'PT1H',
    LISTING_PERIOD: 'PT1H',
    // OBJECTION_DECISION_PERIOD keeps its default, P15D; REMINDER_LEAD its P1D.
    TIMER_RECONCILE_INTERVAL: 'PT1H',
  };
  t = await setupTestApp(env, { now: clock.now });
  worker = await startTestWorkers(t, undefined, clock.now);
  operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
  staff = await colleagueSession(t.app, t.database.db, inst.orgId, '技术转移中心 赵老师');
  otherInst = await verifiedMember(t.app, operator, 'institution');
  counterparty = await verifiedEnterprise(t.app, operator);
  objector = await verifiedEnterprise(t.app, operator);
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

const PRICE = 50_000_000;

async function noticed(): Promise<string> {
  const l = await approvedSupply(t.app, inst, operator, {
    pricingMode: 'negotiated',
    priceFen: PRICE,
    counterpartyOrgId: counterparty.orgId,
    transactionTypes: ['transfer'],
  });
  expect(l.status).toBe('notice');
  return l.id;
}

const object = (s: Session, id: string, reason = '拟交易价格明显低于同类成果的市场价格') =>
  as(t.app, s)({ method: 'POST', url: `/api/v1/listings/${id}/objections`, payload: { reason } });
const decide = (s: Session | null, id: string, payload: Record<string, unknown>) =>
  as(t.app, s)({ method: 'POST', url: `/api/v1/listings/${id}/objection-decision`, payload });

/** Lets `ms` pass and runs the worker's reconciler (timers, then reminders) now. */
async function pass(ms: number) {
  clock.advance(ms);
  return worker.reconcileNow();
}

async function kindsFor(s: Session, listingId: string): Promise<string[]> {
  const inbox = await ok<{ items: Array<{ kind: string; listingId: string | null }> }>(
    as(t.app, s)({ method: 'GET', url: '/api/v1/notifications?pageSize=100' }),
  );
  return inbox.items.filter((n) => n.listingId === listingId).map((n) => n.kind);
}

/** A notice whose period ended with standing objections (an outside organisation's and a staff member's). */
async function awaitingDecision(): Promise<string> {
  const id = await noticed();
  await ok(object(objector, id), 201);
  await ok(object(staff, id, '本单位评估价高于拟交易价格，建议挂牌'), 201);
  await pass(HOUR + 1000);
  const row = await listingRow(t, id);
  expect(row.status).toBe('objection_review');
  return id;
}

describe('who may object to the institution’s own notice (在本单位公示)', () => {
  it('its staff may (each once, seen by it and operators only), the named counterparty may not', async () => {
    const id = await noticed();
    // Today the institution's own members were refused and the counterparty was not.
    const staffObjection = await ok<{ internal: boolean; filedByYou: boolean }>(object(staff, id), 201);
    expect(staffObjection).toMatchObject({ internal: true, filedByYou: true });
    const again = await object(staff, id);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'OBJECTION_EXISTS']);
    // Another member of the same institution objects for herself.
    await ok(object(inst, id, '成果权属材料不完整，建议暂缓'), 201);
    const refused = await object(counterparty, id);
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'COUNTERPARTY_CANNOT_OBJECT']);
    await ok(object(objector, id), 201);
    expect(
      await t.database.db.select({ n: objections.id }).from(objections).where(eq(objections.listingId, id)),
    ).toHaveLength(3);

    // The institution and operators see the staff objections; an outside objector sees its own only.
    const byOwner = await ok<{ items: Array<{ internal: boolean }> }>(
      as(t.app, inst)({ method: 'GET', url: `/api/v1/listings/${id}/objections` }),
    );
    expect(byOwner.items.map((o) => o.internal).sort()).toEqual([false, true, true]);
    const byOperator = await ok<{ items: unknown[] }>(
      as(t.app, operator)({ method: 'GET', url: `/api/v1/listings/${id}/objections` }),
    );
    expect(byOperator.items).toHaveLength(3);
    const byObjector = await ok<{ items: Array<{ internal: boolean }> }>(
      as(t.app, objector)({ method: 'GET', url: `/api/v1/listings/${id}/objections` }),
    );
    expect(byObjector.items.map((o) => o.internal)).toEqual([false]);
    // A staff objection is the member's own: the institution's admin cannot withdraw it.
    const [mine] = await t.database.db
      .select()
      .from(objections)
      .where(and(eq(objections.listingId, id), eq(objections.filedBy, staff.userId)));
    const notYours = await as(t.app, inst)({ method: 'POST', url: `/api/v1/objections/${mine!.id}/withdraw` });
    expect([notYours.statusCode, notYours.json().error.code]).toEqual([403, 'FORBIDDEN']);
  });
});

describe('措施四: after a standing objection the institution decides (可在技术市场挂牌交易)', () => {
  it('the notice end waits for the decision, with its own timer, reminder and counterparty and objectors told', async () => {
    const id = await awaitingDecision();
    const row = await listingRow(t, id);
    // Today a standing objection listed it on its own; now nothing runs but the decision period.
    expect(row.listingEndsAt).toBeNull();
    expect(row.objectionDecisionEndsAt!.getTime() - row.noticeEndsAt!.getTime()).toBeGreaterThanOrEqual(15 * DAY);
    // The timer job exists under its deterministic id, scheduled from the committed change.
    const job = await waitFor(
      () => worker.queues.timers.getJob(timerJobId('objection_decision', id)),
      (j) => !!j,
    );
    expect(job!.data).toMatchObject({ kind: 'objection_decision', listingId: id });
    expect(await job!.getState()).toBe('delayed');
    for (const s of [counterparty, objector]) expect(await kindsFor(s, id)).toContain('notice_ended');

    // 14 days later: the reminder goes to the institution and the counterparty, once.
    await pass(14 * DAY);
    await pass(HOUR);
    const reminders = (
      await t.database.db
        .select({ userId: notifications.userId, data: notifications.data })
        .from(notifications)
        .where(and(eq(notifications.listingId, id), eq(notifications.kind, 'deadline_approaching')))
    ).filter((r) => (r.data as { timerKind: string }).timerKind === 'objection_decision');
    expect(reminders.length).toBeGreaterThan(0);
    const remindedUsers = reminders.map((r) => r.userId);
    expect(remindedUsers).toEqual(expect.arrayContaining([inst.userId, staff.userId, counterparty.userId]));
    expect(remindedUsers).not.toContain(objector.userId);
    expect(new Set(remindedUsers).size).toBe(remindedUsers.length);
  });

  it('refuses anyone but the institution, and bad input, writing nothing', async () => {
    const id = await awaitingDecision();
    const unverified = await register(t.app, institutionRegistration());
    const before = await auditActions(t, id);
    for (const [who, want] of [
      [null, [401, 'UNAUTHENTICATED']],
      [objector, [403, 'WRONG_ORG_KIND']],
      [otherInst, [403, 'FORBIDDEN']],
      [unverified, [403, 'FORBIDDEN']],
      [operator, [403, 'FORBIDDEN']],
    ] as const) {
      const res = await decide(who, id, { decision: 'list' });
      expect([res.statusCode, res.json().error.code], JSON.stringify(who?.email)).toEqual(want);
    }
    for (const [payload, want] of [
      [{ decision: 'auction' }, [400, 'VALIDATION_FAILED']],
      [{ decision: 'renotice' }, [422, 'NEW_PRICE_REQUIRED']],
      [{ decision: 'renotice', priceFen: PRICE }, [422, 'NEW_PRICE_REQUIRED']],
      [{ decision: 'renotice', priceFen: -1 }, [400, 'VALIDATION_FAILED']],
      [{ decision: 'list', priceFen: 1 }, [422, 'FIELD_NOT_ALLOWED']],
      [{ decision: 'withdraw', extra: true }, [400, 'VALIDATION_FAILED']],
    ] as const) {
      const res = await decide(inst, id, payload);
      expect([res.statusCode, res.json().error.code], JSON.stringify(payload)).toEqual(want);
    }
    expect(await auditActions(t, id)).toEqual(before);
    expect((await listingRow(t, id)).status).toBe('objection_review');
  });

  it('list: the half-month window at the noticed price; unclaimed, the deal goes ahead at that price', async () => {
    const id = await awaitingDecision();
    const listed = await ok<{ status: string; listingEndsAt: string; priceFen: number }>(
      decide(staff, id, { decision: 'list', reason: '依规挂牌交易，以市场检验价格' }),
    );
    expect(listed).toMatchObject({ status: 'listed', priceFen: PRICE });
    expect(Date.parse(listed.listingEndsAt) - clock.now().getTime()).toBeGreaterThan(HOUR - 5_000);
    for (const s of [counterparty, objector]) expect(await kindsFor(s, id)).toContain('objection_decided');
    await pass(HOUR + 1000);
    expect(await listingRow(t, id)).toMatchObject({
      status: 'matched',
      matchRoute: 'window_agreed',
      matchedOrgId: counterparty.orgId,
      matchedPriceFen: PRICE,
    });
    expect(await auditActions(t, id)).toEqual([
      'listing.create',
      'listing.submit',
      'listing.approve',
      'listing.objection_file',
      'listing.objection_file',
      'listing.notice_end',
      'listing.objection_decide',
      'listing.window_end',
    ]);
  });

  it('renotice: a new notice at a revised price, with its own objections; unobjected, matched at the new price', async () => {
    const id = await awaitingDecision();
    const renoticed = await ok<{ status: string; priceFen: number; noticeRound: number }>(
      decide(inst, id, { decision: 'renotice', priceFen: 65_000_000, reason: '参考异议意见调整价格' }),
    );
    expect(renoticed).toMatchObject({ status: 'notice', priceFen: 65_000_000, noticeRound: 2 });
    const board = await ok<{
      items: Array<{ listingId: string; proposedPriceFen: number; standingObjections: number }>;
    }>(as(t.app, null)({ method: 'GET', url: '/api/v1/notices?pageSize=100' }));
    expect(board.items.find((i) => i.listingId === id)).toMatchObject({
      proposedPriceFen: 65_000_000,
      standingObjections: 0,
    });
    // The earlier objections closed with their notice; the objector may object to the new one, and withdraws.
    const again = await ok<{ id: string; noticeRound: number }>(object(objector, id), 201);
    expect(again.noticeRound).toBe(2);
    await ok(as(t.app, objector)({ method: 'POST', url: `/api/v1/objections/${again.id}/withdraw` }));
    await pass(HOUR + 1000);
    expect(await listingRow(t, id)).toMatchObject({
      status: 'matched',
      matchRoute: 'notice',
      matchedPriceFen: 65_000_000,
    });
  });

  it('withdraw: the listing is withdrawn, the counterparty and objectors are told', async () => {
    const id = await awaitingDecision();
    await ok(decide(inst, id, { decision: 'withdraw', reason: '异议涉及权属问题，撤回核实' }));
    expect((await listingRow(t, id)).status).toBe('withdrawn');
    for (const s of [counterparty, objector]) expect(await kindsFor(s, id)).toContain('objection_decided');
    const again = await decide(inst, id, { decision: 'list' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'NOT_AWAITING_OBJECTION_DECISION']);
  });

  it('no decision within the period: withdrawn, never listed by default; the counterparty and objectors are told', async () => {
    const id = await awaitingDecision();
    await pass(15 * DAY - 2 * HOUR);
    expect((await listingRow(t, id)).status).toBe('objection_review');
    const report = await pass(3 * HOUR);
    expect(report.fired).toBeGreaterThanOrEqual(1);
    const row = await listingRow(t, id);
    expect(row).toMatchObject({ status: 'withdrawn', listingEndsAt: null, matchRoute: null });
    for (const s of [counterparty, objector]) expect(await kindsFor(s, id)).toContain('objection_decision_lapsed');
    const lapse = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, 'listing.objection_lapse')));
    expect(lapse).toHaveLength(1);
    // A second reconcile (or a late job) changes nothing.
    await pass(HOUR);
    expect(await t.database.db.select({ status: listings.status }).from(listings).where(eq(listings.id, id))).toEqual([
      { status: 'withdrawn' },
    ]);
    const late = await decide(inst, id, { decision: 'list' });
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'NOT_AWAITING_OBJECTION_DECISION']);
  });
});
