// 措施一 demo data (server/rights/demo.ts, run by npm start after the demo seed): two researchers of the
// demo institution, a co-ownership both accepted with its meeting minutes as the decision's document
// (措施十四), and its patent-change steps — one filed, one approved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOSSIER, DEMO_PASSWORD, seedDemoData } from '../../db/seed/index.js';
import { createDocumentStorage, type DocumentStorage } from '../../platform/storage/index.js';
import { hashPassword } from '../../server/accounts/service.js';
import { DEMO_RESEARCHERS, seedDemoRights, type DemoRights } from '../../server/rights/demo.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, login } from '../helpers/factories.js';

let t: TestContext;
let storage: DocumentStorage;
let seeded: DemoRights | null;

beforeAll(async () => {
  t = await setupTestApp();
  await seedDemoData(t.database.db, { now: new Date(), hashPassword, periods: t.config.periods });
  storage = createDocumentStorage(t.config);
  await storage.init();
  seeded = await seedDemoRights(t.app.services, storage, DEMO_DOSSIER.institution, hashPassword, DEMO_PASSWORD);
}, 300_000);
afterAll(async () => {
  await storage?.close();
  await t?.close();
});

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

  it('keeps the meeting minutes on the grant, for the institution and the team members to download', async () => {
    const inst = await login(t.app, DEMO_DOSSIER.institution, DEMO_PASSWORD);
    const res01 = await login(t.app, DEMO_RESEARCHERS[0].email, DEMO_PASSWORD);
    for (const who of [inst, res01]) {
      const docs = await as(t.app, who)({ method: 'GET', url: `/api/v1/rights/grants/${seeded!.grantId}/documents` });
      expect(docs.statusCode).toBe(200);
      expect(docs.json()).toEqual([
        expect.objectContaining({ id: seeded!.documentId, subjectType: 'grant', kind: 'decision_minutes' }),
      ]);
      const file = await as(t.app, who)({ method: 'GET', url: `/api/v1/documents/${seeded!.documentId}/download` });
      expect(file.statusCode).toBe(200);
      expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it('shows the institution the patent-change steps, one filed and one approved', async () => {
    const inst = await login(t.app, DEMO_DOSSIER.institution, DEMO_PASSWORD);
    const res = await as(t.app, inst)({ method: 'GET', url: `/api/v1/results/${seeded!.resultId}/rights` });
    const statuses = res.json().formalities.map((f: { status: string }) => f.status);
    expect(statuses).toContain('filed');
    expect(statuses).toContain('approved');
  });
});
