// The contract export's limit per api process (docs/ledger.md "Exports"): EXPORT_CONNECTIONS (2)
// stream at once, each on a connection of its own; a third waits EXPORT_WAIT for its turn, then is
// refused with EXPORT_BUSY (503, in Chinese) before any byte of the file is sent. EXPORT_WAIT is set
// short here so the refusal does not cost the 10 s of production.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadConnection } from '../../db/cursor.js';
import { EXPORT_CONNECTIONS, exportConnection } from '../../server/ledger/exports.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, verifiedMember, type Session } from '../helpers/factories.js';

let t: TestContext;
let institution: Session;
const held: ReadConnection[] = [];

beforeAll(async () => {
  t = await setupTestApp({ EXPORT_WAIT: 'PT1S' });
  const operator = await createOperator(t.app, t.database.db);
  institution = await verifiedMember(t.app, operator, 'institution');
});

afterAll(async () => {
  for (const c of held) await c.close();
  await t?.close();
});

const exportCsv = () => as(t.app, institution)({ method: 'GET', url: '/api/v1/ledger/contracts/export?format=csv' });

describe('contract export limit', () => {
  it('refuses a third concurrent export with EXPORT_BUSY, sending nothing of the file, and serves it once a slot frees', async () => {
    // Two exports streaming: the slots the route takes, held here as a download in progress holds them.
    for (let i = 0; i < EXPORT_CONNECTIONS; i++) held.push(await exportConnection(t.database.db, 0));

    const busy = await exportCsv();
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['content-type']).toMatch(/^application\/json/);
    expect(busy.headers['content-disposition']).toBeUndefined();
    expect(busy.body.startsWith('\ufeff')).toBe(false);
    expect(busy.json().error).toMatchObject({ code: 'EXPORT_BUSY', message: '当前同时进行的导出较多，请稍后再试' });

    // One export ends: the next one streams.
    await held.pop()!.close();
    const served = await exportCsv();
    expect(served.statusCode).toBe(200);
    expect(served.body.startsWith('\ufeff认定登记编号')).toBe(true);
  });

  it('lets a waiting export take the slot of one that ends while it waits', async () => {
    expect(held).toHaveLength(EXPORT_CONNECTIONS - 1);
    held.push(await exportConnection(t.database.db, 0));
    // A long wait here, so only a freed slot can answer it in time.
    const waiting = exportConnection(t.database.db, 60_000);
    await held.pop()!.close();
    held.push(await waiting);
  });
});
