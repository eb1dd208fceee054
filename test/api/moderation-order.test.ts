// Issue 25: the operator's review queue lists the newest submission first, so a new one is never
// on page 2 behind older ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, demandBody, verifiedMember, type Session } from '../helpers/factories.js';

let t: TestContext;
let operator: Session;
let enterprise: Session;

beforeAll(async () => {
  t = await setupTestApp();
  operator = await createOperator(t.app, t.database.db);
  enterprise = await verifiedMember(t.app, operator, 'enterprise');
});
afterAll(() => t.close());

describe('the moderation queue', () => {
  it('shows the newest submission first', async () => {
    const ent = as(t.app, enterprise);
    const ids: string[] = [];
    for (const title of ['先提交的需求项目', '后提交的需求项目']) {
      const created = await ent({ method: 'POST', url: '/api/v1/listings', payload: demandBody({ title }) });
      expect(created.statusCode).toBe(201);
      const submitted = await ent({ method: 'POST', url: `/api/v1/listings/${created.json().id}/submit` });
      expect(submitted.statusCode).toBe(200);
      ids.push(created.json().id);
    }
    const queue = await as(t.app, operator)({ method: 'GET', url: '/api/v1/operator/listings?pageSize=1' });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items.map((i: { id: string }) => i.id)).toEqual([ids[1]]);
  });
});
