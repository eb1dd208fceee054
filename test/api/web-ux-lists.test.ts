// Issue 25, lists: the public browse shows live listings first and can leave out or show only the
// ended ones (已成交, 已过期 …); the operator's verification queue lists the newest application first;
// the pool editions page can say when the next edition is due and how many results the pool holds.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listings } from '../../db/schema/index.js';
import { nextEditionAt } from '../../server/pool/editions.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  demandBody,
  enterpriseRegistration,
  register,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';
import { ok } from '../helpers/lifecycle.js';

let t: TestContext;
let operator: Session;
let enterprise: Session;
const ids: { live: string[]; ended: string } = { live: [], ended: '' };

beforeAll(async () => {
  t = await setupTestApp();
  operator = await createOperator(t.app, t.database.db);
  enterprise = await verifiedMember(t.app, operator, 'enterprise');
  // Published in this order: live, ended, live — the ended one is neither the newest nor the oldest.
  ids.live.push(await approvedDemand('先发布的进行中需求项目'));
  ids.ended = await approvedDemand('已过期的技术需求项目');
  ids.live.push(await approvedDemand('后发布的进行中需求项目'));
  // The deadline passing is another issue's timer; here only the resulting status matters.
  await t.database.db.update(listings).set({ status: 'expired' }).where(eq(listings.id, ids.ended));
});
afterAll(() => t.close());

async function approvedDemand(title: string): Promise<string> {
  const ent = as(t.app, enterprise);
  const draft = await ok<{ id: string }>(
    ent({ method: 'POST', url: '/api/v1/listings', payload: demandBody({ title }) }),
    201,
  );
  await ok(ent({ method: 'POST', url: `/api/v1/listings/${draft.id}/submit` }));
  await ok(as(t.app, operator)({ method: 'POST', url: `/api/v1/operator/listings/${draft.id}/approve` }));
  return draft.id;
}

const browse = (query: string) => as(t.app, null)({ method: 'GET', url: `/api/v1/listings?kind=demand&${query}` });
const idsOf = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((i) => i.id);

describe('the public browse', () => {
  it('lists live listings first, newest first, then the ended ones', async () => {
    const res = await browse('');
    expect(res.statusCode).toBe(200);
    expect(idsOf(res)).toEqual([ids.live[1], ids.live[0], ids.ended]);
  });

  it('shows only live listings for phase=live and only ended ones for phase=ended', async () => {
    const live = await browse('phase=live');
    expect(idsOf(live)).toEqual([ids.live[1], ids.live[0]]);
    expect(live.json().total).toBe(2);
    const ended = await browse('phase=ended');
    expect(idsOf(ended)).toEqual([ids.ended]);
  });

  it('lets an explicit status win over the phase', async () => {
    const res = await browse('phase=live&status=expired');
    expect(idsOf(res)).toEqual([ids.ended]);
  });

  it('refuses an unknown phase in Chinese', async () => {
    const res = await browse('phase=closed');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('the verification queue', () => {
  it('lists the newest application first', async () => {
    const first = await register(t.app, enterpriseRegistration());
    const second = await register(t.app, enterpriseRegistration());
    const res = await as(t.app, operator)({ method: 'GET', url: '/api/v1/operator/organisations?pageSize=2' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((o: { id: string }) => o.id)).toEqual([second.orgId, first.orgId]);
  });
});

describe('the next pool edition', () => {
  it('is the next run of the schedule, in Shanghai time', () => {
    // 1st of the month at 03:00 Shanghai = 19:00 UTC on the last day of the month before.
    expect(nextEditionAt('0 3 1 * *', new Date('2026-12-05T20:00:00Z'))?.toISOString()).toBe(
      '2026-12-31T19:00:00.000Z',
    );
    expect(nextEditionAt('0 3 1 * *', new Date('2026-12-31T19:00:01Z'))?.toISOString()).toBe(
      '2027-01-31T19:00:00.000Z',
    );
  });

  it('is answered to anyone with the pool count and the schedule', async () => {
    const res = await as(t.app, null)({ method: 'GET', url: '/api/v1/pool/next-edition' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.poolCount).toBe(0);
    expect(body.lastNumber).toBeNull();
    expect(new Date(body.publishesAt).getTime()).toBeGreaterThan(Date.now());
  });
});
