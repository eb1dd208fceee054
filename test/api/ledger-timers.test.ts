// Overdue instalments of the ledger (issue 17 item 3, docs/timers.md "Ledger instalments"): the
// payer is reminded before the due day, both sides and the operators once the day has passed unpaid —
// exactly once per due date, whatever the number of reconciler passes or duplicate deliveries; a
// payment cancels the line's timers and a replaced schedule re-arms them. Time moves on the
// injectable clock; the test waits for observable states (jobs in the queue, rows), never sleeps.
import { Queue } from 'bullmq';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../db/schema/index.js';
import { addDays } from '../../domain/pool.js';
import { shanghaiDate } from '../../domain/results.js';
import { createRedis } from '../../platform/redis.js';
import type { JobPayloads } from '../../platform/queues.js';
import { fireScheduleTimer, scheduleTimerJobId } from '../../server/ledger/timers.js';
import { reconcileScheduleTimers } from '../../workers/ledger-timers.js';
import type { WorkerHandle } from '../../workers/main.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, resultBody, verifiedMember, type Session } from '../helpers/factories.js';
import { CLOCKED_PERIODS, startTestWorkers, testClock } from '../helpers/lifecycle.js';

const DAY = 86_400_000;
const clock = testClock();
let t: TestContext;
let worker: WorkerHandle;
let queue: Queue<JobPayloads['pool'], unknown, string>;
let connection: ReturnType<typeof createRedis>;
let s: Record<'operator' | 'institution' | 'enterprise', Session>;

beforeAll(async () => {
  // The reminder one day ahead, so that recording the schedule does not remind at once.
  t = await setupTestApp({ ...CLOCKED_PERIODS, PAYLATER_REMINDER_LEAD: 'P1D' }, { now: clock.now });
  worker = await startTestWorkers(t, undefined, clock.now);
  connection = createRedis(t.config.redisUrl, { forBullmq: true });
  queue = new Queue('pool', { connection, prefix: t.config.redisPrefix });
  const operator = await createOperator(t.app, t.database.db);
  s = {
    operator,
    institution: await verifiedMember(t.app, operator, 'institution'),
    enterprise: await verifiedMember(t.app, operator, 'enterprise'),
  };
});

afterAll(async () => {
  await worker?.stop();
  await queue?.close();
  await connection?.quit();
  await t?.close();
});

const clocked = () => ({ ...t.ctx, now: clock.now });

async function conversionWith(lines: { amountFen: number; inDays: number }[]) {
  const r = await as(t.app, s.institution)({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
  expect(r.statusCode).toBe(201);
  const today = shanghaiDate(clock.now());
  const amountFen = lines.reduce((a, l) => a + l.amountFen, 0);
  const created = await as(
    t.app,
    s.institution,
  )({
    method: 'POST',
    url: '/api/v1/ledger/conversions',
    payload: {
      resultId: r.json().id,
      counterpartyOrgId: s.enterprise.orgId,
      counterpartyName: '辽宁示例装备有限公司',
      counterpartyOwnership: 'private',
      transactionType: 'transfer',
      appraisal: 'appraised',
      basis: '第三方评估报告，校技术转移委员会审议通过',
      evidenceRef: '转让合同 HT-2026-017',
      contract: {
        title: '高效电机控制技术转让合同',
        amountFen,
        technologyAmountFen: amountFen,
        paymentMethods: ['instalments'],
        signedOn: addDays(today, -30),
      },
      effective: true,
      schedule: lines.map((l) => ({ kind: 'instalment', amountFen: l.amountFen, dueOn: addDays(today, l.inDays) })),
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const view = created.json() as { id: string; schedule: { id: string; dueOn: string }[] };
  return { id: view.id, lines: view.schedule };
}

const state = async (jobId: string) => (await (await queue.getJob(jobId))?.getState()) ?? 'absent';

async function received(kind: string, scheduleItemId: string) {
  const rows = await t.database.db
    .select({ userId: notifications.userId })
    .from(notifications)
    .where(
      and(eq(notifications.kind, kind as never), sql`${notifications.data}->>'scheduleItemId' = ${scheduleItemId}`),
    );
  return rows.map((r) => r.userId).sort();
}

describe('overdue instalments', () => {
  it('remind the payer once, then both sides and the operators once per due date; none after payment', async () => {
    const { id, lines } = await conversionWith([
      { amountFen: 10_000_000, inDays: 2 },
      { amountFen: 20_000_000, inDays: 5 },
    ]);
    const [unpaid, paid] = [lines[0]!, lines[1]!];
    // Armed after the commit: the relay hands the published conversion.recorded to the worker.
    for (const line of [unpaid, paid]) {
      for (const timer of ['reminder', 'overdue'] as const) {
        await expect.poll(() => state(scheduleTimerJobId(timer, line.id))).toBe('delayed');
      }
    }

    // The second instalment is paid before its day: its timers are cancelled.
    const pay = await as(
      t.app,
      s.institution,
    )({
      method: 'POST',
      url: `/api/v1/ledger/conversions/${id}/payments`,
      payload: {
        scheduleItemId: paid.id,
        amountFen: 20_000_000,
        receivedOn: shanghaiDate(clock.now()),
        payerName: '辽宁示例装备有限公司',
        evidenceRef: '银行回单 2026-017',
      },
    });
    expect(pay.statusCode, pay.body).toBe(201);
    for (const timer of ['reminder', 'overdue'] as const) {
      await expect.poll(() => state(scheduleTimerJobId(timer, paid.id))).toBe('absent');
    }

    // Ten days pass: both due days are behind. The reconciler fires from the rows, twice over, and a
    // duplicate delivery of the job changes nothing.
    clock.advance(10 * DAY);
    const first = await reconcileScheduleTimers(clocked(), queue);
    expect(first.fired).toBe(1); // the overdue flag; the reminder's day is over (the flag says more)
    expect((await reconcileScheduleTimers(clocked(), queue)).overdue).toBe(0);
    const again = await Promise.all([1, 2].map(() => fireScheduleTimer(clocked(), 'overdue', unpaid.id)));
    expect(again).toEqual(['skipped', 'skipped']);
    expect(await fireScheduleTimer(clocked(), 'overdue', paid.id)).toBe('skipped');

    const overdue = await received('ledger_payment_overdue', unpaid.id);
    expect(overdue).toEqual([s.institution.userId, s.enterprise.userId, s.operator.userId].sort());
    expect(await received('ledger_payment_overdue', paid.id)).toEqual([]);
    expect(await received('ledger_payment_due', paid.id)).toEqual([]);
    const flags = await t.database.pool.query(
      `select id, overdue_at is not null as flagged from schedule_items where conversion_id = $1 order by seq`,
      [id],
    );
    expect(flags.rows.map((r) => r.flagged)).toEqual([true, false]);
    const audit = await t.database.pool.query(
      `select count(*)::int as n from audit_log where target_id = $1 and action = 'schedule.overdue'`,
      [id],
    );
    expect(audit.rows[0].n).toBe(1);

    // The institution's list and the operators' list show it; the enterprise sees what it owes.
    const ops = await as(t.app, s.operator)({ method: 'GET', url: '/api/v1/ledger/overdue' });
    expect(ops.json().items.map((i: { scheduleItemId: string }) => i.scheduleItemId)).toContain(unpaid.id);
    const mine = await as(t.app, s.institution)({ method: 'GET', url: '/api/v1/ledger/conversions?overdue=true' });
    expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(id);
  });

  it('the reminder reaches the payer alone, once, the day before', async () => {
    const { lines } = await conversionWith([{ amountFen: 5_000_000, inDays: 3 }]);
    const line = lines[0]!;
    const remindAt = new Date(new Date(`${line.dueOn}T00:00:00+08:00`).getTime() - DAY);
    const at = { ...t.ctx, now: () => remindAt };
    expect(
      await fireScheduleTimer({ ...t.ctx, now: () => new Date(remindAt.getTime() - 1) }, 'reminder', line.id),
    ).toBe('not_yet');
    const fired = await Promise.all([1, 2].map(() => fireScheduleTimer(at, 'reminder', line.id)));
    expect(fired.sort()).toEqual(['fired', 'skipped']);
    expect(await received('ledger_payment_due', line.id)).toEqual([s.enterprise.userId]);
  });

  it('a replaced schedule cancels the dropped lines’ timers and arms the new ones', async () => {
    const { id, lines } = await conversionWith([{ amountFen: 8_000_000, inDays: 20 }]);
    const old = lines[0]!;
    await expect.poll(() => state(scheduleTimerJobId('overdue', old.id))).toBe('delayed');
    const today = shanghaiDate(clock.now());
    const res = await as(
      t.app,
      s.institution,
    )({
      method: 'PUT',
      url: `/api/v1/ledger/conversions/${id}/schedule`,
      payload: {
        items: [
          { kind: 'instalment', amountFen: 3_000_000, dueOn: addDays(today, 30) },
          { kind: 'instalment', amountFen: 5_000_000, dueOn: addDays(today, 60) },
        ],
        reason: '双方补充协议改为分两期',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const fresh = res.json().schedule as { id: string }[];
    await expect.poll(() => state(scheduleTimerJobId('overdue', old.id))).toBe('absent');
    await expect.poll(() => state(scheduleTimerJobId('reminder', old.id))).toBe('absent');
    for (const line of fresh) {
      await expect.poll(() => state(scheduleTimerJobId('overdue', line.id))).toBe('delayed');
    }
  });
});
