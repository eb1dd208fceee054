// 个人信息保护法, 最小必要: a listing's contact person and phone go only to signed-in members of verified
// organisations (and its owner and operators) — never to anonymous visitors or unverified accounts.
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
import { approvedSupply } from '../helpers/lifecycle.js';

let t: TestContext;
let operator: Session;
let inst: Session;
let listingId: string;

beforeAll(async () => {
  t = await setupTestApp();
  operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
  listingId = (await approvedSupply(t.app, inst, operator, { contactName: '王工', contactPhone: '13912345678' })).id;
});
afterAll(() => t.close());

const detail = async (who: Session | null) => {
  const res = await as(t.app, who)({ method: 'GET', url: `/api/v1/listings/${listingId}` });
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('listing contact data', () => {
  it('is withheld from anonymous visitors, with the reason flagged', async () => {
    const d = await detail(null);
    expect(d).toMatchObject({ contactVisible: false, contactName: null, contactPhone: null });
    expect(JSON.stringify(d)).not.toContain('13912345678');
  });

  it('is withheld from a signed-in member whose organisation is not verified', async () => {
    const unverified = await register(t.app, enterpriseRegistration());
    expect(await detail(unverified)).toMatchObject({ contactVisible: false, contactName: null, contactPhone: null });
  });

  it('is shown to verified members, the owner and operators', async () => {
    const ent = await verifiedMember(t.app, operator, 'enterprise');
    for (const who of [ent, inst, operator]) {
      expect(await detail(who)).toMatchObject({
        contactVisible: true,
        contactName: '王工',
        contactPhone: '13912345678',
      });
    }
  });
});
