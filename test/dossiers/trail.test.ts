// 措施十四 and 措施四 through the API: an institution's own audit trail (admins only, its own rows,
// other organisations' people named by organisation only) and its public disclosure page of
// agreed-price notices (classified results and unpublished listings never shown).
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, listings, memberships, results } from '../../db/schema/index.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  colleagueSession,
  createOperator,
  resultBody,
  supplyBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';
import { approvedSupply, ok } from '../helpers/lifecycle.js';

let t: TestContext;
let op: Session;
let inst: Session;
let otherInst: Session;
let ent: Session;
let noticed: { id: string; resultId: string };
let draftId: string;

const negotiated = (counterpartyOrgId: string) => ({
  pricingMode: 'negotiated',
  priceFen: 120_000_000,
  counterpartyOrgId,
  transactionTypes: ['transfer'],
  licenseScope: null,
});

beforeAll(async () => {
  t = await setupTestApp();
  op = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, op, 'institution');
  otherInst = await verifiedMember(t.app, op, 'institution');
  ent = await verifiedMember(t.app, op, 'enterprise');
  noticed = await approvedSupply(t.app, inst, op, negotiated(ent.orgId));
  // Another institution's notice: never on this institution's page or trail.
  await approvedSupply(t.app, otherInst, op, negotiated(ent.orgId));
  const result = await ok<{ id: string }>(
    as(t.app, inst)({ method: 'POST', url: '/api/v1/results', payload: resultBody() }),
    201,
  );
  const draft = await ok<{ id: string }>(
    as(
      t.app,
      inst,
    )({
      method: 'POST',
      url: '/api/v1/listings',
      payload: supplyBody(result.id, negotiated(ent.orgId)),
    }),
    201,
  );
  draftId = draft.id;
});

afterAll(async () => {
  await t?.close();
});

const trail = (s: Session | null, query = '') =>
  as(t.app, s)({ method: 'GET', url: `/api/v1/institution/audit${query}` });
const disclosure = (orgId: string, query = '') =>
  as(t.app, null)({ method: 'GET', url: `/api/v1/institutions/${orgId}/disclosure${query}` });

describe('the institution trail', () => {
  it('shows the institution its own actions and the operator’s on its listings, newest first', async () => {
    const body = await ok<{
      items: Array<{
        id: number;
        action: string;
        targetId: string;
        ownActor: boolean;
        actorName: string | null;
        actorOrgName: string | null;
      }>;
      total: number;
    }>(trail(inst, '?pageSize=100'));
    const forListing = body.items.filter((i) => i.targetId === noticed.id);
    expect(forListing.map((i) => i.action)).toEqual(expect.arrayContaining(['listing.submit', 'listing.approve']));
    const approve = forListing.find((i) => i.action === 'listing.approve')!;
    // The operator is named by organisation, not by person.
    expect(approve.ownActor).toBe(false);
    expect(approve.actorName).toBeNull();
    expect(approve.actorOrgName).toBeTruthy();
    const submit = forListing.find((i) => i.action === 'listing.submit')!;
    expect(submit.ownActor).toBe(true);
    expect(submit.actorName).toBeTruthy();
    const ids = body.items.map((i) => i.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    // Nothing of the other institution.
    const [otherListing] = await t.database.db
      .select({ id: listings.id })
      .from(listings)
      .where(eq(listings.organisationId, otherInst.orgId));
    expect(body.items.some((i) => i.targetId === otherListing!.id)).toBe(false);
    expect(body.total).toBe(body.items.length);
  });

  it('filters by object type and by time', async () => {
    const onlyResults = await ok<{ items: Array<{ targetType: string }> }>(
      trail(inst, '?targetType=result&pageSize=100'),
    );
    expect(onlyResults.items.length).toBeGreaterThan(0);
    expect(onlyResults.items.every((i) => i.targetType === 'result')).toBe(true);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const none = await ok<{ items: unknown[]; total: number }>(trail(inst, `?from=${encodeURIComponent(future)}`));
    expect(none.total).toBe(0);
  });

  it('is for the institution’s admins only', async () => {
    const colleague = await colleagueSession(t.app, t.database.db, inst.orgId);
    const [m] = await t.database.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(eq(memberships.userId, colleague.userId));
    expect(m!.role).toBe('member');
    const refused = await trail(colleague);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('ORG_ADMIN_REQUIRED');
  });

  it.each([
    ['anonymous', (): Session | null => null, 401, 'UNAUTHENTICATED'],
    ['an enterprise', (): Session | null => ent, 403, 'WRONG_ORG_KIND'],
    ['an operator', (): Session | null => op, 403, 'FORBIDDEN'],
  ] as const)('refuses %s', async (_who, s, status, code) => {
    const res = await trail(s());
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
  });

  it.each([
    ['an unknown object type', '?targetType=spaceship'],
    ['a malformed action', '?action=DROP%20TABLE'],
    [
      'a reversed period',
      `?from=${encodeURIComponent('2026-02-01T00:00:00Z')}&to=${encodeURIComponent('2026-01-01T00:00:00Z')}`,
    ],
    ['a page size over 100', '?pageSize=1000'],
    ['an unknown parameter', '?orgId=00000000-0000-0000-0000-000000000000'],
  ])('refuses %s with a Chinese message and writes nothing', async (_what, query) => {
    const [before] = await t.database.db.select({ n: count() }).from(auditLog);
    const res = await trail(inst, query);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    const [after] = await t.database.db.select({ n: count() }).from(auditLog);
    expect(after!.n).toBe(before!.n);
  });
});

describe('the disclosure page (本单位公示)', () => {
  it('lists the institution’s agreed-price notices with result, price, transferee and outcome, no contact details', async () => {
    const res = await disclosure(inst.orgId);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.organisation.id).toBe(inst.orgId);
    expect(body.items.map((i: { listingId: string }) => i.listingId)).toEqual([noticed.id]);
    const [item] = body.items;
    expect(item).toMatchObject({
      proposedPriceFen: 120_000_000,
      status: 'notice',
      outcome: 'running',
      objectionsFiled: 0,
      noticeRound: 1,
    });
    expect(item.resultTitle).toBeTruthy();
    expect(item.counterpartyName).toBeTruthy();
    expect(res.body).not.toContain('13900000000');
    expect(res.body).not.toContain('contactPhone');
    // The draft never reached the board.
    expect(res.body).not.toContain(draftId);
  });

  it('drops a result reclassified as classified (措施十五)', async () => {
    await t.database.db.update(results).set({ securityClass: 'classified' }).where(eq(results.id, noticed.resultId));
    try {
      const body = await ok<{ items: unknown[]; total: number }>(disclosure(inst.orgId));
      expect(body.items).toEqual([]);
      expect(body.total).toBe(0);
    } finally {
      await t.database.db.update(results).set({ securityClass: 'public' }).where(eq(results.id, noticed.resultId));
    }
  });

  it.each([
    ['an enterprise', () => ent.orgId],
    ['an unknown organisation', () => '00000000-0000-4000-8000-000000000000'],
  ])('answers 404 for %s', async (_what, id) => {
    const res = await disclosure(id());
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ORG_NOT_FOUND');
  });

  it.each([
    ['a malformed id', 'not-a-uuid', ''],
    ['page 0', null, '?page=0'],
    ['an unknown parameter', null, '?x=1'],
  ])('refuses %s', async (_what, id, query) => {
    const res = await disclosure(id ?? inst.orgId, query);
    expect(res.statusCode).toBe(400);
  });
});
