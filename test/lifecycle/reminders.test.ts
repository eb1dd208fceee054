// Reminders before listing deadlines, with the real worker (PostgreSQL + Redis): the reconciler's
// reminder pass tells exactly the parties domain/reminders.ts names, once per deadline however often
// it runs (also concurrently), and again when a deadline moves.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlineReminders, notifications } from '../../db/schema/index.js';
import { durationMs } from '../../domain/duration.js';
import { sendDeadlineReminders } from '../../server/lifecycle/reminders.js';
import type { WorkerHandle } from '../../workers/main.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, verifiedMember, type Session } from '../helpers/factories.js';
import { approvedDemand, approvedSupply, ok, proposalBody, startTestWorkers } from '../helpers/lifecycle.js';

let t: TestContext;
let worker: WorkerHandle;
const s = {} as Record<
  'operator' | 'inst' | 'cp' | 'objector' | 'claimant' | 'demandEnt' | 'proposer' | 'withdrawn' | 'bystander',
  Session
>;
const ids = {} as Record<'notice' | 'listed' | 'showcase' | 'demand' | 'selecting', string>;

// Default periods (P15D notice and window, P180D showcase); a lead of 16 days reaches all but the showcase.
const LEAD = 'P16D';

async function reminders(who: Session) {
  return t.database.db
    .select({ listingId: notifications.listingId, body: notifications.body, data: notifications.data })
    .from(notifications)
    .where(and(eq(notifications.userId, who.userId), eq(notifications.kind, 'deadline_approaching')));
}

const kinds = async (who: Session) => (await reminders(who)).map((n) => n.data.timerKind).sort();

beforeAll(async () => {
  t = await setupTestApp({ REMINDER_LEAD: LEAD });
  const op = await createOperator(t.app, t.database.db);
  s.operator = op;
  for (const k of ['cp', 'objector', 'claimant', 'demandEnt', 'bystander'] as const) {
    s[k] = await verifiedMember(t.app, op, 'enterprise');
  }
  for (const k of ['inst', 'proposer', 'withdrawn'] as const) s[k] = await verifiedMember(t.app, op, 'institution');

  ids.notice = (
    await approvedSupply(t.app, s.inst, op, {
      pricingMode: 'negotiated',
      priceFen: 1_000_000,
      counterpartyOrgId: s.cp.orgId,
    })
  ).id;
  ids.listed = (await approvedSupply(t.app, s.inst, op)).id;
  ids.showcase = (await approvedSupply(t.app, s.inst, op, { pricingMode: 'negotiable', priceFen: null })).id;
  ids.demand = (await approvedDemand(t.app, s.demandEnt, op, new Date(Date.now() + 10 * 86_400_000))).id;
  ids.selecting = (await approvedDemand(t.app, s.demandEnt, op, new Date(Date.now() + 20 * 86_400_000))).id;

  await ok(
    as(
      t.app,
      s.objector,
    )({
      method: 'POST',
      url: `/api/v1/listings/${ids.notice}/objections`,
      payload: { reason: '拟交易价格明显低于市场价格' },
    }),
    201,
  );
  await ok(as(t.app, s.claimant)({ method: 'POST', url: `/api/v1/listings/${ids.listed}/claims` }), 201);
  await ok(
    as(t.app, s.proposer)({ method: 'POST', url: `/api/v1/listings/${ids.demand}/proposals`, payload: proposalBody() }),
    201,
  );
  const gone = await ok<{ id: string }>(
    as(
      t.app,
      s.withdrawn,
    )({ method: 'POST', url: `/api/v1/listings/${ids.demand}/proposals`, payload: proposalBody() }),
    201,
  );
  await ok(as(t.app, s.withdrawn)({ method: 'POST', url: `/api/v1/proposals/${gone.id}/withdraw` }));
  // A demand whose deadline passed and whose selection period ends tomorrow (the deadline itself is
  // 20 days out, beyond the lead, so only the selection end is due).
  await t.database.db.execute(sql`
    update listings set status = 'selecting', selection_ends_at = now() + interval '1 day' where id = ${ids.selecting}`);

  worker = await startTestWorkers(t);
});

afterAll(async () => {
  await worker?.stop();
  await t?.close();
});

describe('reminders before deadlines', () => {
  it('reminds the parties of each deadline within REMINDER_LEAD, and nobody else', async () => {
    // The worker's boot reconcile may already have run the pass; this one waits for it or runs again.
    await worker.reconcileNow();
    const rows = await t.database.db.select().from(deadlineReminders);
    expect(rows.map((r) => [r.listingId, r.kind]).sort()).toEqual(
      [
        [ids.notice, 'notice_end'],
        [ids.listed, 'listing_end'],
        [ids.demand, 'demand_deadline'],
        [ids.selecting, 'selection_end'],
      ].sort(),
    );

    expect(await kinds(s.inst)).toEqual(['listing_end', 'notice_end']);
    expect(await kinds(s.cp)).toEqual(['notice_end']);
    expect(await kinds(s.objector)).toEqual(['notice_end']);
    expect(await kinds(s.claimant)).toEqual(['listing_end']);
    expect(await kinds(s.demandEnt)).toEqual(['demand_deadline', 'selection_end']);
    expect(await kinds(s.proposer)).toEqual(['demand_deadline']);
    // A withdrawn proposal, an uninvolved enterprise, operators: no reminder.
    expect(await kinds(s.withdrawn)).toEqual([]);
    expect(await kinds(s.bystander)).toEqual([]);
    expect(await kinds(s.operator)).toEqual([]);
    // The showcase expires in 180 days: beyond the lead.
    expect(rows.some((r) => r.listingId === ids.showcase)).toBe(false);

    const [notice] = (await reminders(s.cp)).filter((n) => n.listingId === ids.notice);
    expect(notice!.body).toContain('公示期满即将到来');
    // Each reminder is pushed live like every notification: its outbox event committed with it.
    const pushed = await t.database.db.execute<{ n: string }>(sql`
      select count(*) as n from outbox where topic = 'notification.created' and payload->'notification'->>'kind' = 'deadline_approaching'`);
    expect(Number(pushed.rows[0]!.n)).toBe(8);
  });

  it('reminds once however often the pass runs', async () => {
    const again = await worker.reconcileNow();
    expect(again.reminders).toEqual({ reminded: 0, notifications: 0 });
    expect(await kinds(s.inst)).toEqual(['listing_end', 'notice_end']);
  });

  it('reminds again when a deadline moves, once across concurrent passes', async () => {
    await t.database.db.execute(sql`
      update listings set notice_ends_at = notice_ends_at + interval '1 hour' where id = ${ids.notice}`);
    const lead = durationMs(t.config.reminderLead);
    const runs = await Promise.all([1, 2, 3].map(() => sendDeadlineReminders(t.ctx, lead)));
    expect(runs.reduce((n, r) => n + r.reminded, 0)).toBe(1);
    expect(await kinds(s.cp)).toEqual(['notice_end', 'notice_end']);
    expect(await kinds(s.claimant)).toEqual(['listing_end']);
    const rows = await t.database.db
      .select()
      .from(deadlineReminders)
      .where(eq(deadlineReminders.listingId, ids.notice));
    expect(rows).toHaveLength(2);
  });

  it('leaves deadlines that passed to the timers', async () => {
    // A month on, every deadline but the showcase's has passed, and that one is 150 days away.
    const later = { ...t.ctx, now: () => new Date(Date.now() + 30 * 86_400_000) };
    expect(await sendDeadlineReminders(later, durationMs(t.config.reminderLead))).toEqual({
      reminded: 0,
      notifications: 0,
    });
  });
});
