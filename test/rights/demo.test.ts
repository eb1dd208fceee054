// 措施一 demo data (server/rights/demo.ts, run by npm start after the demo seed): two researchers of the
// demo institution, a co-ownership both accepted, and its patent-change steps — one filed, one approved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOSSIER, DEMO_PASSWORD, seedDemoData } from '../../db/seed/index.js';
import { hashPassword } from '../../server/accounts/service.js';
import { DEMO_RESEARCHERS, seedDemoRights, type DemoRights } from '../../server/rights/demo.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, login } from '../helpers/factories.js';

let t: TestContext;
let seeded: DemoRights | null;

beforeAll(async () => {
  t = await setupTestApp();
  await seedDemoData(t.database.db, { now: new Date(), hashPassword, periods: t.config.periods });
  seeded = await seedDemoRights(t.app.services, DEMO_DOSSIER.institution, hashPassword, DEMO_PASSWORD);
}, 300_000);
afterAll(() => t?.close());

describe('the demo rights', () => {
  it('shows the researcher an accepted co-ownership of their result', async () => {
    expect(seeded).not.toBeNull();
    const res01 = await login(t.app, DEMO_RESEARCHERS[0].email, DEMO_PASSWORD);
    const rights = await as(t.app, res01)({ method: 'GET', url: '/api/v1/researcher/rights' });
    expect(rights.json().items).toEqual([
      expect.objectContaining({ id: seeded!.grantId, kind: 'co_ownership', status: 'accepted', teamShareBp: 7000 }),
    ]);
    const results = await as(t.app, res01)({ method: 'GET', url: '/api/v1/researcher/results' });
    expect(results.json().items).toEqual([
      expect.objectContaining({ id: seeded!.resultId, ownership: 'co_owned', shareBp: 6000 }),
    ]);
  });

  it('shows the institution the patent-change steps, one filed and one approved', async () => {
    const inst = await login(t.app, DEMO_DOSSIER.institution, DEMO_PASSWORD);
    const res = await as(t.app, inst)({ method: 'GET', url: `/api/v1/results/${seeded!.resultId}/rights` });
    const statuses = res.json().formalities.map((f: { status: string }) => f.status);
    expect(statuses).toContain('filed');
    expect(statuses).toContain('approved');
  });
});
