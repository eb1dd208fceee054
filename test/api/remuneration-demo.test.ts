// 措施十二 demo data (server/remuneration/demo.ts, run by npm start after the demo seed): the demo
// researcher signs in and finds a paid reward in 我的奖励, with its statement PDF.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOSSIER, DEMO_PASSWORD, DEMO_RESEARCHER, seedDemoData } from '../../db/seed/index.js';
import { createDocumentStorage, type DocumentStorage } from '../../platform/storage/index.js';
import { hashPassword } from '../../server/accounts/service.js';
import { seedDemoRemuneration, type DemoRemuneration } from '../../server/remuneration/demo.js';
import { seedDemoRights } from '../../server/rights/demo.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, login } from '../helpers/factories.js';

let t: TestContext;
let storage: DocumentStorage;
let seeded: DemoRemuneration | null;

beforeAll(async () => {
  t = await setupTestApp();
  await seedDemoData(t.database.db, { now: new Date(), hashPassword, periods: t.config.periods });
  storage = createDocumentStorage(t.config);
  await storage.init();
  // In npm start's order: the rights demo (its researchers and co-ownership) first.
  expect(
    await seedDemoRights(t.app.services, storage, DEMO_DOSSIER.institution, hashPassword, DEMO_PASSWORD),
  ).not.toBeNull();
  seeded = await seedDemoRemuneration(t.app.services, DEMO_DOSSIER.institution, {
    email: DEMO_RESEARCHER.email,
    displayName: DEMO_RESEARCHER.displayName,
    passwordHash: await hashPassword(DEMO_PASSWORD),
  });
}, 300_000);

afterAll(async () => {
  await storage?.close();
  await t?.close();
});

describe('the demo rewards', () => {
  it('give the demo researcher a paid reward with a statement; the 正职 member waits apart', async () => {
    expect(seeded).not.toBeNull();
    expect(seeded!.paidEntries).toBe(2);
    const researcher = await login(t.app, DEMO_RESEARCHER.email, DEMO_PASSWORD);
    const statement = await as(t.app, researcher)({ method: 'GET', url: '/api/v1/researcher/remuneration' });
    expect(statement.statusCode).toBe(200);
    expect(statement.json().researcherName).toBe('林思远');
    expect(statement.json().items).toEqual([expect.objectContaining({ status: 'paid', form: 'cash' })]);
    expect(statement.json().paidCashFen).toBeGreaterThan(0);
    const pdf = await as(t.app, researcher)({ method: 'GET', url: '/api/v1/researcher/remuneration/statement.pdf' });
    expect([pdf.statusCode, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    const inst = await login(t.app, DEMO_DOSSIER.institution, DEMO_PASSWORD);
    const separate = await as(t.app, inst)({ method: 'GET', url: '/api/v1/remuneration/entries?status=separate' });
    expect(separate.json().items.map((i: { memberName: string }) => i.memberName)).toEqual(['高建国']);
  });
});
