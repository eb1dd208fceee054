// Demands (企业找技术, 措施八) end to end with the real worker: proposals until the deadline, then
// selecting or expired; award; both sides confirm landing; an operator confirms the reward subsidy.
// Deadlines are an hour away on the injectable clock; the test moves it past them and runs the
// reconciler, so no proposal races a real deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerHandle } from '../../workers/main.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, verifiedMember, type Session } from '../helpers/factories.js';
import {
  approvedDemand,
  auditActions,
  ok,
  CLOCKED_PERIODS,
  HOUR,
  listingRow,
  passTime,
  proposalBody,
  startTestWorkers,
  testClock,
} from '../helpers/lifecycle.js';

const clock = testClock();

let t: TestContext;
let worker: WorkerHandle;
let operator: Session;
let ent: Session;
let otherEnt: Session;
let instA: Session;
let instB: Session;
let instC: Session;

beforeAll(async () => {
  t = await setupTestApp(CLOCKED_PERIODS, { now: clock.now });
  worker = await startTestWorkers(t, undefined, clock.now);
  operator = await createOperator(t.app, t.database.db);
  ent = await verifiedMember(t.app, operator, 'enterprise');
  otherEnt = await verifiedMember(t.app, operator, 'enterprise');
  instA = await verifiedMember(t.app, operator, 'institution');
  instB = await verifiedMember(t.app, operator, 'institution');
  instC = await verifiedMember(t.app, operator, 'institution');
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

const soon = () => new Date(clock.now().getTime() + HOUR);
/** The deadline (or the selection period after it) passes; returns the listing's status then. */
async function pastDeadline(id: string): Promise<Awaited<ReturnType<typeof listingRow>>> {
  await passTime(clock, worker, HOUR + 1_000);
  return listingRow(t, id);
}
const propose = (s: Session, id: string, extra: Record<string, unknown> = {}) =>
  as(t.app, s)({ method: 'POST', url: `/api/v1/listings/${id}/proposals`, payload: proposalBody(extra) });

describe('a demand', () => {
  it('collects proposals until the deadline, is awarded, lands, and is confirmed for the reward subsidy', async () => {
    const demand = await approvedDemand(t.app, ent, operator, soon());
    expect(demand.status).toBe('open');
    const a = await ok<{ id: string }>(propose(instA, demand.id), 201);
    const b = await ok<{ id: string }>(propose(instB, demand.id, { quoteFen: 30_000_000 }), 201);
    const c = await ok<{ id: string }>(propose(instC, demand.id), 201);
    await ok(as(t.app, instC)({ method: 'POST', url: `/api/v1/proposals/${c.id}/withdraw` }));
    const dup = await propose(instA, demand.id);
    expect([dup.statusCode, dup.json().error.code]).toEqual([409, 'PROPOSAL_EXISTS']);

    // Proposals are seen by the enterprise (all), each institution (its own) and nobody else.
    const byOwner = await ok<{ items: Array<{ id: string }> }>(
      as(t.app, ent)({ method: 'GET', url: `/api/v1/listings/${demand.id}/proposals` }),
    );
    expect(byOwner.items.map((p) => p.id).sort()).toEqual([a.id, b.id, c.id].sort());
    const byA = await ok<{ items: Array<{ id: string }> }>(
      as(t.app, instA)({ method: 'GET', url: `/api/v1/listings/${demand.id}/proposals` }),
    );
    expect(byA.items.map((p) => p.id)).toEqual([a.id]);
    const byOther = await ok<{ items: unknown[] }>(
      as(t.app, otherEnt)({ method: 'GET', url: `/api/v1/listings/${demand.id}/proposals` }),
    );
    expect(byOther.items).toEqual([]);
    expect((await as(t.app, otherEnt)({ method: 'GET', url: `/api/v1/proposals/${a.id}` })).statusCode).toBe(404);
    // A demand with responses stays open until its deadline (fairness to responders).
    const withdraw = await as(t.app, ent)({ method: 'POST', url: `/api/v1/listings/${demand.id}/withdraw` });
    expect([withdraw.statusCode, withdraw.json().error.code]).toEqual([409, 'INVALID_STATE']);

    const selecting = await pastDeadline(demand.id);
    expect(selecting.status).toBe('selecting');
    expect(selecting.selectionEndsAt).not.toBeNull();
    const late = await propose(instC, demand.id);
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'DEMAND_NOT_OPEN']);

    const awarded = await ok<{ status: string }>(
      as(t.app, ent)({ method: 'POST', url: `/api/v1/listings/${demand.id}/award`, payload: { proposalIds: [a.id] } }),
    );
    expect(awarded.status).toBe('awarded');
    const states = await ok<{ items: Array<{ id: string; status: string }> }>(
      as(t.app, ent)({ method: 'GET', url: `/api/v1/listings/${demand.id}/proposals` }),
    );
    expect(Object.fromEntries(states.items.map((p) => [p.id, p.status]))).toEqual({
      [a.id]: 'awarded',
      [b.id]: 'not_selected',
      [c.id]: 'withdrawn',
    });

    // Landing needs both sides; a not-selected team cannot confirm.
    const wrong = await as(t.app, instB)({ method: 'POST', url: `/api/v1/proposals/${b.id}/confirm-landing` });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([409, 'PROPOSAL_NOT_AWARDED']);
    const early = await as(
      t.app,
      operator,
    )({
      method: 'POST',
      url: `/api/v1/operator/listings/${demand.id}/confirm-reward`,
      payload: {},
    });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'NOT_LANDED']);
    await ok(as(t.app, ent)({ method: 'POST', url: `/api/v1/proposals/${a.id}/confirm-landing` }));
    const twice = await as(t.app, ent)({ method: 'POST', url: `/api/v1/proposals/${a.id}/confirm-landing` });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'LANDING_ALREADY_CONFIRMED']);
    const landed = await ok<{ enterpriseConfirmedAt: string; institutionConfirmedAt: string }>(
      as(t.app, instA)({ method: 'POST', url: `/api/v1/proposals/${a.id}/confirm-landing` }),
    );
    expect(landed.enterpriseConfirmedAt && landed.institutionConfirmedAt).toBeTruthy();
    const detail = await ok<{ status: string }>(
      as(t.app, null)({ method: 'GET', url: `/api/v1/listings/${demand.id}` }),
    );
    expect(detail.status).toBe('landed');

    // 措施八: the operator confirms the reward post-subsidy eligibility, once.
    const reward = await ok<{ confirmed: boolean }>(
      as(
        t.app,
        operator,
      )({
        method: 'POST',
        url: `/api/v1/operator/listings/${demand.id}/confirm-reward`,
        payload: { note: '经核实项目已落地投产' },
      }),
    );
    expect(reward.confirmed).toBe(true);
    const again = await as(
      t.app,
      operator,
    )({
      method: 'POST',
      url: `/api/v1/operator/listings/${demand.id}/confirm-reward`,
      payload: {},
    });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'REWARD_ALREADY_CONFIRMED']);
    const pub = await ok<{ confirmed: boolean; note: string | null }>(
      as(t.app, null)({ method: 'GET', url: `/api/v1/listings/${demand.id}/reward` }),
    );
    expect(pub).toMatchObject({ confirmed: true, note: null });

    expect(await auditActions(t, demand.id)).toEqual([
      'listing.create',
      'listing.submit',
      'listing.approve',
      'listing.proposal_submit',
      'listing.proposal_submit',
      'listing.proposal_submit',
      'listing.proposal_withdraw',
      'listing.demand_deadline',
      'listing.award',
      'listing.landing_confirm',
      'listing.landing_confirm',
      'listing.land',
      'listing.reward_confirm',
    ]);
    const inbox = await ok<{ items: Array<{ kind: string }> }>(
      as(t.app, instB)({ method: 'GET', url: '/api/v1/notifications' }),
    );
    expect(inbox.items.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['demand_deadline_reached', 'proposal_not_selected']),
    );
  });

  it('without proposals expires at the deadline', async () => {
    const demand = await approvedDemand(t.app, ent, operator, soon());
    expect((await pastDeadline(demand.id)).status).toBe('expired');
    const inbox = await ok<{ items: Array<{ kind: string; body: string }> }>(
      as(t.app, ent)({ method: 'GET', url: '/api/v1/notifications?unread=true' }),
    );
    expect(inbox.items.some((n) => n.kind === 'demand_deadline_reached' && n.body.includes('未收到'))).toBe(true);
  });

  it('with proposals but no award expires when the selection period ends', async () => {
    const demand = await approvedDemand(t.app, ent, operator, soon());
    const p = await ok<{ id: string }>(propose(instA, demand.id), 201);
    expect((await pastDeadline(demand.id)).status).toBe('selecting');
    expect((await pastDeadline(demand.id)).status).toBe('expired');
    const late = await as(
      t.app,
      ent,
    )({
      method: 'POST',
      url: `/api/v1/listings/${demand.id}/award`,
      payload: { proposalIds: [p.id] },
    });
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'NOT_SELECTING']);
    const mine = await ok<{ items: Array<{ id: string; status: string; listing: { status: string } }> }>(
      as(t.app, instA)({ method: 'GET', url: '/api/v1/my/proposals' }),
    );
    expect(mine.items.find((x) => x.id === p.id)).toMatchObject({
      status: 'not_selected',
      listing: { status: 'expired' },
    });
  });
});
