// Helpers for the lifecycle suites: listings brought to their first public state through the API,
// the real worker against this file's Redis prefix, and polling for what the timers do.
import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { auditLog, listings } from '../../db/schema/index.js';
import type { OnTimerFired } from '../../workers/timers.js';
import { startWorkers, type WorkerHandle } from '../../workers/main.js';
import type { TestContext } from './app.js';
import {
  as,
  demandBody,
  enterpriseRegistration,
  resultBody,
  supplyBody,
  verifiedMember,
  type Session,
} from './factories.js';

export const HOUR = 3_600_000;

/**
 * Periods that never end by themselves while a test runs, and a reconciler that runs only when
 * asked: the test moves the injectable clock past a deadline and runs the reconciler
 * (`passTime`), so no step races a real deadline on a loaded machine.
 */
export const CLOCKED_PERIODS = {
  NOTICE_PERIOD: 'PT1H',
  LISTING_PERIOD: 'PT1H',
  SHOWCASE_PERIOD: 'PT1H',
  SELECTION_PERIOD: 'PT1H',
  AUCTION_START_LEAD: 'PT1H',
  AUCTION_DURATION: 'PT1H',
  TIMER_RECONCILE_INTERVAL: 'PT1H',
};

export function startTestWorkers(t: TestContext, onTimerFired?: OnTimerFired, now?: () => Date): Promise<WorkerHandle> {
  return startWorkers(t.config, t.database.db, t.redis, { onTimerFired, now });
}

/**
 * An injectable clock that runs with real time from an offset the test moves: `clock.now` goes to
 * the app and the workers, `clock.advance(ms)` lets that much time pass at once.
 */
export function testClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms;
    },
  };
}

/**
 * A reconciler pass that starts now. `reconcileNow` joins a pass already running (the one at worker
 * start, say), which may have read the clock before the test moved it; this waits for that one and
 * then runs its own.
 */
export async function reconcileFresh(worker: WorkerHandle) {
  await worker.reconcileNow();
  return worker.reconcileNow();
}

/**
 * Lets `ms` pass on the test clock and runs the worker's reconciler, which fires every deadline now
 * due (the transition, its audit row and notifications commit before this returns).
 */
export async function passTime(clock: ReturnType<typeof testClock>, worker: WorkerHandle, ms: number) {
  clock.advance(ms);
  return reconcileFresh(worker);
}

export async function ok<T = Record<string, unknown>>(
  res: Promise<{ statusCode: number; body: string; json(): unknown }>,
  status = 200,
): Promise<T> {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r.json() as T;
}

export function enterpriseWith(organisation: Record<string, unknown>) {
  const base = enterpriseRegistration();
  return { organisation: { ...base.organisation, ...organisation } };
}

export async function verifiedEnterprise(
  app: FastifyInstance,
  operator: Session,
  organisation: Record<string, unknown> = {},
): Promise<Session> {
  return verifiedMember(app, operator, 'enterprise', enterpriseWith(organisation));
}

/**
 * 措施十五: a verified enterprise registered outside the mainland (Hong Kong by default): its own
 * registration number and country or region instead of a credit code and a Liaoning city.
 */
export async function outsideEnterprise(
  app: FastifyInstance,
  operator: Session,
  organisation: Record<string, unknown> = {},
): Promise<Session> {
  return verifiedEnterprise(app, operator, {
    domicile: 'hk_macao_taiwan',
    creditCode: undefined,
    region: undefined,
    registrationNumber: `HK${Math.floor(Math.random() * 1e9)}`,
    countryOrRegion: '中国香港',
    ...organisation,
  });
}

/** A supply listing created, submitted and approved through the API; returns the approved detail. */
export async function approvedSupply(
  app: FastifyInstance,
  inst: Session,
  operator: Session,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; resultId: string; status: string } & Record<string, unknown>> {
  const member = as(app, inst);
  const result = await ok<{ id: string }>(
    member({ method: 'POST', url: '/api/v1/results', payload: resultBody() }),
    201,
  );
  const draft = await ok<{ id: string }>(
    member({ method: 'POST', url: '/api/v1/listings', payload: supplyBody(result.id, overrides) }),
    201,
  );
  await ok(member({ method: 'POST', url: `/api/v1/listings/${draft.id}/submit` }));
  const approved = await ok<{ id: string; status: string } & Record<string, unknown>>(
    as(app, operator)({ method: 'POST', url: `/api/v1/operator/listings/${draft.id}/approve` }),
  );
  return { ...approved, resultId: result.id };
}

export async function approvedDemand(
  app: FastifyInstance,
  ent: Session,
  operator: Session,
  deadline: Date,
): Promise<{ id: string; status: string } & Record<string, unknown>> {
  const member = as(app, ent);
  const draft = await ok<{ id: string }>(
    member({ method: 'POST', url: '/api/v1/listings', payload: demandBody({ deadline: deadline.toISOString() }) }),
    201,
  );
  await ok(member({ method: 'POST', url: `/api/v1/listings/${draft.id}/submit` }));
  return ok(as(app, operator)({ method: 'POST', url: `/api/v1/operator/listings/${draft.id}/approve` }));
}

export function proposalBody(overrides: Record<string, unknown> = {}) {
  return {
    team: '机械工程学院精密制造团队（教授 2 名、博士 4 名）',
    approach: '基于多点温度传感与神经网络模型的主轴热误差实时预测与补偿，集成到数控系统 PLC。',
    timeline: '6 个月：建模 2 个月，样机 3 个月，现场验证 1 个月',
    quoteFen: 45_000_000,
    ...overrides,
  };
}

export async function waitFor<T>(
  probe: () => Promise<T>,
  done: (v: T) => boolean,
  // Generous: a loaded machine may take long to get there; a passing test never waits this out.
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`timed out waiting; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function listingRow(t: TestContext, id: string) {
  const [row] = await t.database.db.select().from(listings).where(eq(listings.id, id));
  return row!;
}

export function waitForStatus(t: TestContext, id: string, status: string, timeoutMs = 60_000) {
  return waitFor(
    () => listingRow(t, id),
    (r) => r.status === status,
    timeoutMs,
  );
}

export async function auditActions(t: TestContext, id: string): Promise<string[]> {
  const rows = await t.database.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.targetId, id))
    .orderBy(asc(auditLog.id));
  return rows.map((r) => r.action);
}
