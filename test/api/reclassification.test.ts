// 措施十五: a result reclassified as 涉密 disappears from every public surface at once — its active
// listings are taken down in the same transaction (reason recorded, counterparties told), and no
// anonymous GET in the OpenAPI document shows its title or numbers afterwards.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listings, notifications } from '../../db/schema/index.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, resultBody, verifiedMember, type Session } from '../helpers/factories.js';
import { approvedSupply, ok } from '../helpers/lifecycle.js';

let t: TestContext;
let operator: Session;
let inst: Session;

beforeAll(async () => {
  t = await setupTestApp({ REGISTER_RATE_LIMIT: '1000' });
  operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
});
afterAll(() => t.close());

async function publicGets(): Promise<string[]> {
  const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as {
    paths: Record<string, Record<string, { security?: unknown[] }>>;
  };
  return Object.entries(doc.paths)
    .filter(
      ([, ops]) =>
        ops.get &&
        (!ops.get.security ||
          ops.get.security.length === 0 ||
          ops.get.security.some((s) => Object.keys(s as object).length === 0)),
    )
    .map(([path]) => path);
}

describe('reclassification to classified', () => {
  it('takes the listing down at once and leaves no public trace', async () => {
    const title = `涉密调整测试成果${Date.now()}`;
    const listing = await approvedSupply(t.app, inst, operator, { title });
    const enterprise = await verifiedMember(t.app, operator, 'enterprise');
    // An enterprise objects during the notice: it must learn that the procedure stopped.
    const objection = await as(
      t.app,
      enterprise,
    )({
      method: 'POST',
      url: `/api/v1/listings/${listing.id}/objections`,
      payload: { reason: '价格明显偏低，请说明评估依据' },
    });
    const member = as(t.app, inst);
    const result = await ok<{ version: number }>(member({ method: 'GET', url: `/api/v1/results/${listing.resultId}` }));
    expect(
      (
        await member({
          method: 'PUT',
          url: `/api/v1/results/${listing.resultId}`,
          payload: { ...resultBody({ securityClass: 'classified' }), version: result.version },
        })
      ).statusCode,
    ).toBe(200);

    const [row] = await t.database.db.select().from(listings).where(eq(listings.id, listing.id));
    expect(row!.status).toBe('taken_down');
    expect(row!.rejectionCode).toBe('security_concern');
    if (objection.statusCode === 201) {
      const told = await t.database.db.select().from(notifications).where(eq(notifications.userId, enterprise.userId));
      expect(told.some((n) => n.kind === 'listing_taken_down' && n.listingId === listing.id)).toBe(true);
    }

    const paths = await publicGets();
    expect(paths.length).toBeGreaterThan(5);
    const seen: string[] = [];
    for (const path of paths) {
      const url = path
        .replace('{id}', listing.id)
        .replace('{number}', '1')
        .replace(/\{[^}]+\}/g, listing.id);
      const res = await t.app.inject({ method: 'GET', url: `${url}${url.includes('?') ? '&' : '?'}` });
      expect(res.statusCode, url).toBeLessThan(500);
      if (res.body.includes(title)) seen.push(url);
    }
    expect(seen).toEqual([]);
    // The owner still sees its own listing.
    expect((await member({ method: 'GET', url: `/api/v1/listings/${listing.id}` })).statusCode).toBe(200);
  });
});
