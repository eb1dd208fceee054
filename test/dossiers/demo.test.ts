// 措施十四 demo data (server/dossiers/demo.ts, run by npm start after the demo seed): the demo
// institution's converted result has documents and decision records citing them, one exported
// dossier that the platform issued, and a determination the institution sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DEMO_DOSSIER, DEMO_PASSWORD, seedDemoData } from '../../db/seed/index.js';
import { decisionRecords, determinations, documents, dossierExports } from '../../db/schema/index.js';
import { hashPassword } from '../../server/accounts/service.js';
import { seedDemoDossier, type DemoDossier } from '../../server/dossiers/demo.js';
import { createDocumentStorage, type DocumentStorage } from '../../platform/storage/index.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, login } from '../helpers/factories.js';

let t: TestContext;
let storage: DocumentStorage;
let seeded: DemoDossier | null;

beforeAll(async () => {
  t = await setupTestApp();
  await seedDemoData(t.database.db, { now: new Date(), hashPassword, periods: t.config.periods });
  storage = createDocumentStorage(t.config);
  await storage.init();
  seeded = await seedDemoDossier(t.app.services, storage, DEMO_DOSSIER.institution, DEMO_DOSSIER.operator);
}, 300_000);

afterAll(async () => {
  await storage?.close();
  await t?.close();
});

describe('the demo dossier', () => {
  it('records decisions that cite the uploaded documents', async () => {
    expect(seeded).not.toBeNull();
    const docs = await t.database.db.select().from(documents);
    expect(docs).toHaveLength(seeded!.documents);
    const cited = await t.database.db
      .select()
      .from(decisionRecords)
      .where(eq(decisionRecords.decidedByRole, '成果转化办公室主任'));
    expect(cited.length).toBeGreaterThanOrEqual(2);
    const ids = new Set(docs.map((d) => d.id));
    for (const d of cited) {
      expect(d.documentIds.length).toBeGreaterThan(0);
      expect(d.documentIds.every((id) => ids.has(id))).toBe(true);
      expect(d.basis.trim()).not.toBe('');
    }
  });

  it('has a dossier the platform issued and a determination on it that the institution sees', async () => {
    const [issued] = await t.database.db
      .select()
      .from(dossierExports)
      .where(eq(dossierExports.manifestSha256, seeded!.manifestSha256));
    expect(issued).toBeDefined();
    const [det] = await t.database.db.select().from(determinations);
    expect(det).toMatchObject({ dossierSha256: seeded!.manifestSha256, conclusion: 'exempt', orgId: issued!.orgId });
    const inst = await login(t.app, DEMO_DOSSIER.institution, DEMO_PASSWORD);
    const seen = await as(t.app, inst)({ method: 'GET', url: '/api/v1/determinations' });
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toEqual([expect.objectContaining({ dossierSha256: seeded!.manifestSha256 })]);
    const records = await as(t.app, inst)({ method: 'GET', url: `/api/v1/results/${seeded!.resultId}/decisions` });
    expect(records.json().length).toBeGreaterThanOrEqual(1);
  });
});
