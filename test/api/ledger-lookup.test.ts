// GET /ledger/counterparties: the institution finds a verified enterprise to name as the counterparty
// of an off-platform conversion. Refuses other roles and bad input; lists only verified enterprises;
// LIKE wildcards typed by the user match literally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  enterpriseRegistration,
  register,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';

let t: TestContext;
let s: Record<'operator' | 'institution' | 'enterprise' | 'otherEnterprise' | 'unverified', Session>;
const NAME = `锦州明远精密机械有限公司${Date.now().toString(36)}`;

beforeAll(async () => {
  t = await setupTestApp();
  const operator = await createOperator(t.app, t.database.db);
  const ent = enterpriseRegistration();
  s = {
    operator,
    institution: await verifiedMember(t.app, operator, 'institution'),
    enterprise: await verifiedMember(t.app, operator, 'enterprise', {
      organisation: { ...ent.organisation, name: NAME },
    }),
    otherEnterprise: await verifiedMember(t.app, operator, 'enterprise'),
    // Registered but never verified: not offered.
    unverified: await register(
      t.app,
      enterpriseRegistration({ organisation: { ...enterpriseRegistration().organisation, name: `${NAME}分公司` } }),
    ),
  };
});

afterAll(async () => {
  await t?.close();
});

const find = (who: Session | null, q: string) =>
  as(t.app, who)({ method: 'GET', url: `/api/v1/ledger/counterparties?q=${encodeURIComponent(q)}` });

describe('counterparty lookup', () => {
  it('refuses anonymous visitors, enterprises and operators', async () => {
    for (const [who, status, code] of [
      [null, 401, 'UNAUTHENTICATED'],
      [s.enterprise, 403, 'WRONG_ORG_KIND'],
      [s.operator, 403, 'FORBIDDEN'],
    ] as const) {
      const res = await find(who, '明远');
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
  });

  it('refuses an empty, overlong or control-character query', async () => {
    for (const q of ['', 'x'.repeat(51), '明远\u0007']) {
      const res = await find(s.institution, q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('finds verified enterprises by name or credit code, and only those', async () => {
    const byName = await find(s.institution, '明远精密');
    expect(byName.statusCode).toBe(200);
    expect(byName.json().items).toEqual([{ id: s.enterprise.orgId, name: NAME, creditCode: expect.any(String) }]);
    const code = byName.json().items[0].creditCode as string;
    const byCode = await find(s.institution, code);
    expect(byCode.json().items.map((o: { id: string }) => o.id)).toEqual([s.enterprise.orgId]);
    // '%' is a literal character, not "anything".
    expect((await find(s.institution, '%')).json().items).toEqual([]);
  });
});
