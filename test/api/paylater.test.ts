// 措施五: an SME applies for a pay-later licence of a pool result; the institution accepts, counters
// or declines; an accepted application becomes a licence with a payment schedule, reminders before
// each due date, overdue flags after it, and payments the institution records.
import { Queue, Worker } from 'bullmq';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../domain/results.js';
import { dueScheduleTimers, fireScheduleTimer, scheduleTimerJobId } from '../../server/ledger/timers.js';
import { runPoolScan } from '../../server/pool/scan.js';
import { reconcileScheduleTimers } from '../../workers/ledger-timers.js';
import type { JobPayloads } from '../../platform/queues.js';
import { createRedis } from '../../platform/redis.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { ok, outsideEnterprise } from '../helpers/lifecycle.js';
import {
  as,
  createOperator,
  enterpriseRegistration,
  register,
  resultBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';

let t: TestContext;
const s = {} as Record<
  'operator' | 'institution' | 'otherInstitution' | 'sme' | 'otherSme' | 'large' | 'foreign' | 'outside' | 'unverified',
  Session
>;
let pooled: string;
let restricted: string;

async function newResult(session: Session, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await as(
    t.app,
    session,
  )({
    method: 'POST',
    url: '/api/v1/results',
    payload: resultBody({
      ipItems: [{ type: 'invention_patent', number: `ZL${Math.random()}`.slice(0, 18), grantDate: '2019-05-01' }],
      ...overrides,
    }),
  });
  return res.json().id;
}

beforeAll(async () => {
  t = await setupTestApp();
  s.operator = await createOperator(t.app, t.database.db);
  s.institution = await verifiedMember(t.app, s.operator, 'institution');
  s.otherInstitution = await verifiedMember(t.app, s.operator, 'institution');
  s.sme = await verifiedMember(t.app, s.operator, 'enterprise');
  s.otherSme = await verifiedMember(t.app, s.operator, 'enterprise', {
    organisation: { ...enterpriseRegistration().organisation, sizeClass: 'micro', ownershipType: 'state_controlled' },
  });
  s.large = await verifiedMember(t.app, s.operator, 'enterprise', {
    organisation: { ...enterpriseRegistration().organisation, sizeClass: 'large' },
  });
  s.foreign = await verifiedMember(t.app, s.operator, 'enterprise', {
    organisation: { ...enterpriseRegistration().organisation, ownershipType: 'foreign' },
  });
  // 措施十五: registered in Hong Kong — outside the mainland, whoever owns it.
  s.outside = await outsideEnterprise(t.app, s.operator);
  s.unverified = await register(t.app, enterpriseRegistration());
  pooled = await newResult(s.institution);
  restricted = await newResult(s.institution, { securityClass: 'restricted' });
  await runPoolScan(t.ctx);
});
afterAll(() => t.close());

const terms = (overrides: Record<string, unknown> = {}) => ({
  feeFen: 30_000_000,
  royaltyBp: null,
  paymentTiming: 'after_signing',
  paymentDelayMonths: 12,
  termYears: 3,
  paymentConditions: '产品通过中试验证并实现首批销售后支付',
  ...overrides,
});

async function writes(): Promise<number> {
  const r = await t.database.db.execute<{ n: string }>(sql`
    select (select count(*) from paylater_applications) + (select count(*) from paylater_offers)
         + (select count(*) from paylater_licences) + (select count(*) from schedule_items)
         + (select count(*) from audit_log) + (select count(*) from outbox) as n`);
  return Number(r.rows[0]!.n);
}

async function applyFor(session: Session, resultId = pooled, overrides: Record<string, unknown> = {}) {
  return as(
    t.app,
    session,
  )({
    method: 'POST',
    url: '/api/v1/paylater/applications',
    payload: { resultId, ...terms(overrides), message: '我公司拟将该技术用于新产品线' },
  });
}

describe('措施五: who may apply', () => {
  it.each([
    ['large', 403, 'PAYLATER_SME_ONLY', '中小微企业'],
    // Today a mainland 外资 SME was refused here and an SME registered abroad but privately owned was not.
    ['outside', 422, 'EXPORT_CONTROL_REQUIRED', '技术出口'],
    ['unverified', 403, 'PAYLATER_ORG_NOT_VERIFIED', '认证'],
  ] as const)('refuses a %s enterprise with a clear message, writing nothing', async (who, status, code, words) => {
    const before = await writes();
    const res = await applyFor(s[who]);
    expect([res.statusCode, res.json().error.code]).toEqual([status, code]);
    expect(res.json().error.message).toContain(words);
    expect(await writes()).toBe(before);
  });

  it('refuses a result that is not in the pool (措施十五: a restricted one never is)', async () => {
    const noIp = await newResult(s.institution, { ipItems: [] });
    const before = await writes();
    for (const id of [restricted, noIp]) {
      const res = await applyFor(s.sme, id);
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'POOL_RESULT_NOT_IN_POOL']);
    }
    expect(await writes()).toBe(before);
  });

  it('refuses terms without a fee or a royalty', async () => {
    const res = await applyFor(s.sme, pooled, { feeFen: null, royaltyBp: null });
    expect([res.statusCode, res.json().error.code]).toEqual([422, 'PAYLATER_FEE_REQUIRED']);
  });
});

describe('negotiation', () => {
  it('apply → counter → accept gives an active licence with its payment schedule', async () => {
    const applied = await applyFor(s.sme);
    expect(applied.statusCode).toBe(201);
    const app = applied.json();
    expect(app).toMatchObject({
      status: 'pending',
      termsBy: 'enterprise',
      version: 1,
      institution: { id: s.institution.orgId },
    });
    expect(app.offers).toHaveLength(1);

    // Only one open negotiation per enterprise and result.
    const dup = await applyFor(s.sme);
    expect([dup.statusCode, dup.json().error.code]).toEqual([409, 'PAYLATER_APPLICATION_OPEN']);

    // The institution's inbox shows it; the other institution's does not.
    const inbox = await as(t.app, s.institution)({ method: 'GET', url: '/api/v1/paylater/applications' });
    expect(inbox.json().items.map((a: { id: string }) => a.id)).toContain(app.id);
    const other = await as(t.app, s.otherInstitution)({ method: 'GET', url: '/api/v1/paylater/applications' });
    expect(other.json().items).toHaveLength(0);

    // It is not the enterprise's move.
    const early = await as(
      t.app,
      s.sme,
    )({ method: 'POST', url: `/api/v1/paylater/applications/${app.id}/accept`, payload: { version: 1 } });
    expect([early.statusCode, early.json().error.code]).toEqual([403, 'FORBIDDEN']);

    const countered = await as(
      t.app,
      s.institution,
    )({
      method: 'POST',
      url: `/api/v1/paylater/applications/${app.id}/counter`,
      payload: {
        version: 1,
        ...terms({ feeFen: 20_000_000, royaltyBp: 300, paymentDelayMonths: 6, termYears: 2 }),
        message: '降低入门费，增加 3% 销售提成',
      },
    });
    expect(countered.statusCode).toBe(200);
    expect(countered.json()).toMatchObject({
      status: 'countered',
      termsBy: 'institution',
      version: 2,
      terms: { feeFen: 20_000_000, royaltyBp: 300 },
    });
    expect(countered.json().offers.map((o: { party: string }) => o.party)).toEqual(['enterprise', 'institution']);

    // Accepting what one saw: a stale version is refused.
    const stale = await as(
      t.app,
      s.sme,
    )({ method: 'POST', url: `/api/v1/paylater/applications/${app.id}/accept`, payload: { version: 1 } });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'VERSION_CONFLICT']);

    const accepted = await as(
      t.app,
      s.sme,
    )({ method: 'POST', url: `/api/v1/paylater/applications/${app.id}/accept`, payload: { version: 2 } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', licenceId: expect.any(String) });

    const licence = (
      await as(t.app, s.sme)({ method: 'GET', url: `/api/v1/paylater/licences/${accepted.json().licenceId}` })
    ).json();
    const today = shanghaiDate(new Date());
    expect(licence).toMatchObject({
      status: 'active',
      signedOn: today,
      terms: { feeFen: 20_000_000, royaltyBp: 300, paymentDelayMonths: 6, termYears: 2 },
    });
    expect(licence.payments.map((p: { kind: string; state: string }) => [p.kind, p.state])).toEqual([
      ['fee', 'scheduled'],
      ['royalty', 'scheduled'],
      ['royalty', 'scheduled'],
    ]);
    expect(licence.payments[0].amountFen).toBe(20_000_000);
    expect(licence.payments[2].dueOn > licence.payments[1].dueOn).toBe(true);

    // Both parties and operators may read it; nobody else.
    for (const who of ['institution', 'operator'] as const) {
      const res = await as(t.app, s[who])({ method: 'GET', url: `/api/v1/paylater/licences/${licence.id}` });
      expect(res.statusCode).toBe(200);
    }
    for (const who of ['otherSme', 'otherInstitution'] as const) {
      const res = await as(t.app, s[who])({ method: 'GET', url: `/api/v1/paylater/licences/${licence.id}` });
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'PAYLATER_LICENCE_NOT_FOUND']);
    }
    const events = await t.database.db.execute<{ topic: string }>(
      sql`select topic from outbox where topic like 'paylater.%' order by id`,
    );
    expect(events.rows.map((r) => r.topic)).toEqual([
      'paylater.applied',
      'paylater.countered',
      'paylater.licence_activated',
      'paylater.accepted',
    ]);
  });

  // 措施五 pools results 三年以上未实现转化; a pay-later licence is a conversion (the ledger), so the
  // licensed result has been converted and the next scan takes it out, whatever the licence's scope.
  it('a pay-later licence converts the result, so the next scan takes it out of the pool', async () => {
    await runPoolScan(t.ctx);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/pool/results/${pooled}` })).statusCode).toBe(404);
    const res = await applyFor(s.otherSme);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('declines need a reason; a declined counter and a withdrawal close the application', async () => {
    const result = await newResult(s.institution);
    await runPoolScan(t.ctx);
    const a = (await applyFor(s.sme, result)).json();
    const noReason = await as(
      t.app,
      s.institution,
    )({ method: 'POST', url: `/api/v1/paylater/applications/${a.id}/decline`, payload: { version: 1 } });
    expect([noReason.statusCode, noReason.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const declined = await as(
      t.app,
      s.institution,
    )({
      method: 'POST',
      url: `/api/v1/paylater/applications/${a.id}/decline`,
      payload: { version: 1, reason: '该成果已与其他企业洽谈' },
    });
    expect(declined.json()).toMatchObject({ status: 'declined', declineReason: '该成果已与其他企业洽谈' });
    const late = await as(
      t.app,
      s.institution,
    )({ method: 'POST', url: `/api/v1/paylater/applications/${a.id}/accept`, payload: { version: 2 } });
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'INVALID_STATE']);

    const b = (await applyFor(s.sme, result)).json();
    await as(
      t.app,
      s.institution,
    )({
      method: 'POST',
      url: `/api/v1/paylater/applications/${b.id}/counter`,
      payload: { version: 1, ...terms({ feeFen: 90_000_000 }) },
    });
    const refused = await as(
      t.app,
      s.sme,
    )({
      method: 'POST',
      url: `/api/v1/paylater/applications/${b.id}/decline`,
      payload: { version: 2, reason: '费用过高' },
    });
    expect(refused.json().status).toBe('counter_declined');

    const c = (await applyFor(s.sme, result)).json();
    const withdrawn = await as(
      t.app,
      s.sme,
    )({ method: 'POST', url: `/api/v1/paylater/applications/${c.id}/withdraw`, payload: { version: 1 } });
    expect(withdrawn.json().status).toBe('withdrawn');
  });

  it('acceptance re-checks the pool: a result reclassified meanwhile cannot be licensed', async () => {
    const result = await newResult(s.institution);
    await runPoolScan(t.ctx);
    const a = (await applyFor(s.sme, result)).json();
    await t.database.db.execute(sql`update results set security_class = 'restricted' where id = ${result}`);
    const before = await writes();
    const res = await as(
      t.app,
      s.institution,
    )({ method: 'POST', url: `/api/v1/paylater/applications/${a.id}/accept`, payload: { version: 1 } });
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'POOL_RESULT_NOT_IN_POOL']);
    expect(await writes()).toBe(before);
  });
});

async function licensed(overrides: Record<string, unknown>): Promise<{ id: string; payments: { id: string }[] }> {
  const result = await newResult(s.institution);
  await runPoolScan(t.ctx);
  const a = (await applyFor(s.sme, result, overrides)).json();
  const accepted = await as(
    t.app,
    s.institution,
  )({ method: 'POST', url: `/api/v1/paylater/applications/${a.id}/accept`, payload: { version: 1 } });
  const id = accepted.json().licenceId;
  return (await as(t.app, s.sme)({ method: 'GET', url: `/api/v1/paylater/licences/${id}` })).json();
}

describe('payments', () => {
  it('terms counted from first sales get their due dates when the licensee reports them', async () => {
    const licence = await licensed({ paymentTiming: 'after_first_sales', paymentDelayMonths: 3 });
    expect(licence.payments).toEqual([expect.objectContaining({ dueOn: null, state: 'awaiting_first_sales' })]);
    const today = shanghaiDate(new Date());
    const url = `/api/v1/paylater/licences/${licence.id}/first-sales`;
    const future = await as(t.app, s.sme)({ method: 'POST', url, payload: { firstSalesOn: '2099-01-01' } });
    expect([future.statusCode, future.json().error.code]).toEqual([422, 'FIRST_SALES_DATE_INVALID']);
    const byInstitution = await as(t.app, s.institution)({ method: 'POST', url, payload: { firstSalesOn: today } });
    expect([byInstitution.statusCode, byInstitution.json().error.code]).toEqual([403, 'WRONG_ORG_KIND']);
    const ok = await as(t.app, s.sme)({ method: 'POST', url, payload: { firstSalesOn: today } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().firstSalesOn).toBe(today);
    expect(ok.json().payments[0].dueOn > today).toBe(true);
    const twice = await as(t.app, s.sme)({ method: 'POST', url, payload: { firstSalesOn: today } });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'FIRST_SALES_NOT_APPLICABLE']);
  });

  it('the institution records payments; royalties need the amount; the last one settles the licence', async () => {
    const licence = await licensed({ feeFen: 5_000_000, royaltyBp: 150, termYears: 1 });
    const [fee, royalty] = licence.payments as { id: string }[];
    const today = shanghaiDate(new Date());
    const url = (p: { id: string }) => `/api/v1/paylater/licences/${licence.id}/payments/${p.id}/received`;
    const bySme = await as(t.app, s.sme)({ method: 'POST', url: url(fee!), payload: { receivedOn: today } });
    expect([bySme.statusCode, bySme.json().error.code]).toEqual([403, 'WRONG_ORG_KIND']);
    const byOther = await as(
      t.app,
      s.otherInstitution,
    )({ method: 'POST', url: url(fee!), payload: { receivedOn: today } });
    expect([byOther.statusCode, byOther.json().error.code]).toEqual([404, 'PAYLATER_LICENCE_NOT_FOUND']);
    const early = await as(
      t.app,
      s.institution,
    )({ method: 'POST', url: url(fee!), payload: { receivedOn: '2020-01-01' } });
    expect([early.statusCode, early.json().error.code]).toEqual([422, 'PAYMENT_DATE_INVALID']);

    const paid = await as(
      t.app,
      s.institution,
    )({ method: 'POST', url: url(fee!), payload: { receivedOn: today, note: '银行转账' } });
    expect(paid.json().payments[0]).toMatchObject({ state: 'paid', paidAmountFen: 5_000_000, paidOn: today });
    expect(paid.json().status).toBe('active');
    const again = await as(t.app, s.institution)({ method: 'POST', url: url(fee!), payload: { receivedOn: today } });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'PAYMENT_ALREADY_PAID']);

    const noAmount = await as(
      t.app,
      s.institution,
    )({ method: 'POST', url: url(royalty!), payload: { receivedOn: today } });
    expect([noAmount.statusCode, noAmount.json().error.code]).toEqual([422, 'PAYMENT_AMOUNT_REQUIRED']);
    const settled = await as(
      t.app,
      s.institution,
    )({ method: 'POST', url: url(royalty!), payload: { receivedOn: today, amountFen: 1_234_500 } });
    expect(settled.json()).toMatchObject({ status: 'completed' });
    expect(settled.json().payments[1]).toMatchObject({ state: 'paid', paidAmountFen: 1_234_500 });
  });
});

describe('reminders and overdue flags', () => {
  it('fire once each, at their moment in Shanghai time, whatever the number of wake-ups', async () => {
    const licence = await licensed({ feeFen: 8_000_000, paymentDelayMonths: 1 });
    const payment = licence.payments[0] as { id: string; dueOn: string };
    const due = payment.dueOn;
    const at = (iso: string) => ({ ...t.ctx, now: () => new Date(iso) });
    // Seven days before the due day begins in Shanghai (PAYLATER_REMINDER_LEAD = P7D).
    const remindAt = new Date(new Date(`${due}T00:00:00+08:00`).getTime() - 7 * 86_400_000);
    expect(await fireScheduleTimer(at(new Date(remindAt.getTime() - 1000).toISOString()), 'reminder', payment.id)).toBe(
      'not_yet',
    );
    const fired = await Promise.all([
      fireScheduleTimer(at(remindAt.toISOString()), 'reminder', payment.id),
      fireScheduleTimer(at(remindAt.toISOString()), 'reminder', payment.id),
    ]);
    expect(fired.sort()).toEqual(['fired', 'skipped']);

    const endOfDue = new Date(`${due}T23:59:59.999+08:00`);
    expect(await fireScheduleTimer(at(endOfDue.toISOString()), 'overdue', payment.id)).toBe('not_yet');
    const overdue = new Date(endOfDue.getTime() + 1);
    expect(await fireScheduleTimer(at(overdue.toISOString()), 'overdue', payment.id)).toBe('fired');
    expect(await fireScheduleTimer(at(overdue.toISOString()), 'overdue', payment.id)).toBe('skipped');

    const events = await t.database.db.execute<{ topic: string; payload: Record<string, unknown> }>(sql`
      select topic, payload from outbox where payload->>'paymentId' = ${payment.id} order by id`);
    expect(events.rows.map((r) => r.topic)).toEqual(['paylater.payment_due_soon', 'paylater.payment_overdue']);
    // Flagged to both sides and to operators.
    expect(events.rows[1]!.payload).toMatchObject({
      enterpriseId: s.sme.orgId,
      institutionId: s.institution.orgId,
      notifyOperators: true,
      dueOn: due,
    });
  });

  it('operators see overdue payments; others may not look', async () => {
    const licence = await licensed({ feeFen: 6_000_000 });
    const payment = licence.payments[0] as { id: string };
    // Time passes: the due day is three days behind us.
    await t.database.db.execute(
      sql`update schedule_items set due_on = (now() at time zone 'Asia/Shanghai')::date - 3 where id = ${payment.id}`,
    );
    const res = await as(t.app, s.operator)({ method: 'GET', url: '/api/v1/operator/paylater/overdue' });
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((i: { paymentId: string }) => i.paymentId === payment.id);
    expect(item).toMatchObject({
      daysOverdue: 3,
      enterprise: { id: s.sme.orgId },
      institution: { id: s.institution.orgId },
    });
    const seen = await as(t.app, s.sme)({ method: 'GET', url: `/api/v1/paylater/licences/${licence.id}` });
    expect(seen.json().payments[0].state).toBe('overdue');
    for (const who of ['sme', 'institution'] as const) {
      const refused = await as(t.app, s[who])({ method: 'GET', url: '/api/v1/operator/paylater/overdue' });
      expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'FORBIDDEN']);
    }
  });

  it('the reconciler (re)creates deterministic timer jobs, once, even after Redis lost them', async () => {
    const licence = await licensed({ feeFen: 7_000_000, paymentDelayMonths: 1 });
    const payment = licence.payments[0] as { id: string; dueOn: string };
    const connection = createRedis(t.config.redisUrl, { forBullmq: true });
    const queue = new Queue<JobPayloads['pool'], unknown, string>('pool', { connection, prefix: t.config.redisPrefix });
    try {
      // Three days before the reminder: nothing to schedule yet for this payment (horizon: one day).
      const reminder = new Date(new Date(`${payment.dueOn}T00:00:00+08:00`).getTime() - 7 * 86_400_000);
      const early = { ...t.ctx, now: () => new Date(reminder.getTime() - 3 * 86_400_000) };
      expect((await dueScheduleTimers(early)).map((d) => d.scheduleItemId)).not.toContain(payment.id);
      // Twelve hours before: the reminder is due within the horizon.
      const near = { ...t.ctx, now: () => new Date(reminder.getTime() - 12 * 3_600_000) };
      await reconcileScheduleTimers(near, queue);
      await reconcileScheduleTimers(near, queue);
      const jobId = scheduleTimerJobId('reminder', payment.id);
      expect(jobId).not.toContain(':');
      const job = await queue.getJob(jobId);
      expect(job?.data).toEqual({ task: 'payment-timer', timer: 'reminder', scheduleItemId: payment.id });
      expect(job?.opts.delay).toBeGreaterThan(11 * 3_600_000);
      const delayed = await queue.getDelayed();
      expect(delayed.filter((j) => j.id === jobId)).toHaveLength(1);
      // Redis loses everything: the next reconciliation puts the timer back.
      await queue.obliterate({ force: true });
      expect(await queue.getJob(jobId)).toBeUndefined();
      await reconcileScheduleTimers(near, queue);
      expect(await queue.getJob(jobId)).toBeDefined();
      // A timer whose attempts ran out does not block its id: the next reconciliation replaces it.
      await queue.obliterate({ force: true });
      const failing = new Worker('pool', () => Promise.reject(new Error('database away')), {
        connection,
        prefix: t.config.redisPrefix,
      });
      await queue.add(
        'payment-timer',
        { task: 'payment-timer', timer: 'reminder', scheduleItemId: payment.id },
        { jobId, attempts: 1 },
      );
      await expect.poll(async () => (await queue.getJob(jobId))?.isFailed()).toBe(true);
      await failing.close();
      await reconcileScheduleTimers(near, queue);
      expect(await (await queue.getJob(jobId))!.getState()).toBe('delayed');
    } finally {
      await queue.close();
      await connection.quit();
    }
  });
});

describe('措施五 covers 中小微企业 without exclusion; 措施十五 turns on domicile', () => {
  it('a mainland-registered 外资 SME may apply; one registered in Hong Kong once the result’s export review is confirmed', async () => {
    const other = await newResult(s.institution);
    await runPoolScan(t.ctx);
    const foreign = await applyFor(s.foreign, other);
    expect(foreign.statusCode, foreign.body).toBe(201);
    const early = await applyFor(s.outside, other);
    expect([early.statusCode, early.json().error.code]).toEqual([422, 'EXPORT_CONTROL_REQUIRED']);
    await ok(
      as(
        t.app,
        s.institution,
      )({
        method: 'POST',
        url: `/api/v1/results/${other}/export-control`,
        payload: { note: '该技术不属于禁止或限制出口技术，按自由出口技术办理合同登记' },
      }),
    );
    const later = await applyFor(s.outside, other);
    expect(later.statusCode, later.body).toBe(201);
  });
});
