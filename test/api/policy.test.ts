// Issue 15 through the API: registration and verification by domicile (措施十五), export control at
// auction registration, demand budgets (措施八), one result one buyer of exclusive rights, licence
// scopes, the reward post-subsidy for supply-side deals (措施八) and the institution's own subsidiary
// on the deal (措施四). Each refusal is a clear 4xx that writes nothing.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireTimer } from '../../server/lifecycle/timers.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { auctionListing } from '../helpers/auctions.js';
import {
  as,
  createOperator,
  demandBody,
  enterpriseRegistration,
  institutionRegistration,
  register,
  resultBody,
  supplyBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';
import { approvedSupply, ok, outsideEnterprise, verifiedEnterprise } from '../helpers/lifecycle.js';

let t: TestContext;
let operator: Session;
let inst: Session;
let otherInst: Session;
let ent: Session;
let stateOwned: Session;
let outside: Session;

beforeAll(async () => {
  // This file registers many organisations from one client: above the default hourly limit.
  t = await setupTestApp({ REGISTER_RATE_LIMIT: '1000' });
  operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
  otherInst = await verifiedMember(t.app, operator, 'institution');
  ent = await verifiedEnterprise(t.app, operator);
  stateOwned = await verifiedEnterprise(t.app, operator, { ownershipType: 'state_wholly_owned' });
  outside = await outsideEnterprise(t.app, operator);
});
afterAll(() => t.close());

/** Rows of every table a refused request could have written. */
async function writes(): Promise<number> {
  const r = await t.database.db.execute<{ n: string }>(sql`
    select (select count(*) from organisations) + (select count(*) from users) + (select count(*) from listings)
         + (select count(*) from conversions) + (select count(*) from reward_confirmations)
         + (select count(*) from auction_participants) + (select count(*) from export_control_confirmations)
         + (select count(*) from audit_log) + (select count(*) from outbox) as n`);
  return Number(r.rows[0]!.n);
}

async function refusedWritingNothing(
  res: () => Promise<{ statusCode: number; json(): unknown }>,
  want: [number, string],
): Promise<{ error: { message: string; details?: unknown } }> {
  const before = await writes();
  const r = await res();
  const body = r.json() as { error: { code: string; message: string } };
  expect([r.statusCode, body.error?.code]).toEqual(want);
  expect(await writes()).toBe(before);
  return body;
}

const hk = (extra: Record<string, unknown> = {}) =>
  enterpriseRegistration({
    organisation: {
      ...enterpriseRegistration().organisation,
      domicile: 'hk_macao_taiwan',
      creditCode: undefined,
      region: undefined,
      registrationNumber: `HK${randomUUID().slice(0, 8)}`,
      countryOrRegion: '中国香港',
      ...extra,
    },
  });

describe('措施十五: registration and verification by domicile, apart from ownership', () => {
  it('a mainland organisation registers with its credit code as before; its domicile is mainland', async () => {
    const s = await register(t.app, enterpriseRegistration());
    const me = await ok<{ organisation: { domicile: string; creditCode: string; registrationNumber: null } }>(
      as(t.app, s)({ method: 'GET', url: '/api/v1/me' }),
    );
    expect(me.organisation).toMatchObject({ domicile: 'mainland', registrationNumber: null });
    expect(me.organisation.creditCode).toHaveLength(18);
  });

  it('one outside the mainland registers with its registration number and country or region', async () => {
    const body = hk();
    const s = await register(t.app, body);
    const org = await ok<Record<string, unknown>>(
      as(t.app, null)({ method: 'GET', url: `/api/v1/organisations/${s.orgId}` }),
    );
    expect(org).toMatchObject({ domicile: 'hk_macao_taiwan', countryOrRegion: '中国香港', region: null });
    // The operator verifies it with the rest of the registration.
    const queue = await ok<{ items: Array<{ id: string; domicile: string; registrationNumber: string }> }>(
      as(t.app, operator)({ method: 'GET', url: '/api/v1/operator/organisations?pageSize=100' }),
    );
    expect(queue.items.find((o) => o.id === s.orgId)).toMatchObject({
      domicile: 'hk_macao_taiwan',
      registrationNumber: (
        body.organisation as unknown as { registrationNumber: string }
      ).registrationNumber.toUpperCase(),
    });
  });

  it.each([
    ['no registration number', hk({ registrationNumber: '' }), [422, 'REGISTRATION_NUMBER_REQUIRED']],
    ['a credit code as well', hk({ creditCode: '91210100MA0TE0T01X' }), [400, 'VALIDATION_FAILED']],
    ['a Liaoning city', hk({ region: 'dalian' }), [400, 'VALIDATION_FAILED']],
    ['an unknown domicile', hk({ domicile: 'overseas' }), [400, 'VALIDATION_FAILED']],
    [
      'a mainland organisation without a credit code',
      enterpriseRegistration({ organisation: { ...enterpriseRegistration().organisation, creditCode: undefined } }),
      [400, 'INVALID_CREDIT_CODE'],
    ],
    [
      'an institution outside the mainland',
      institutionRegistration({
        organisation: {
          ...institutionRegistration().organisation,
          domicile: 'abroad',
          creditCode: undefined,
          region: undefined,
          registrationNumber: 'HRB 4711',
          countryOrRegion: '德国',
        },
      }),
      [422, 'INSTITUTION_MUST_BE_MAINLAND'],
    ],
  ] as const)('refuses a registration with %s, writing nothing', async (_n, body, want) => {
    await refusedWritingNothing(
      () => t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: body }),
      want as unknown as [number, string],
    );
  });

  it('refuses a registration number already registered in that place', async () => {
    const first = hk();
    await register(t.app, first);
    const again = hk({
      registrationNumber: (first.organisation as unknown as { registrationNumber: string }).registrationNumber,
    });
    await refusedWritingNothing(
      () => t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: again }),
      [409, 'REGISTRATION_NUMBER_TAKEN'],
    );
  });
});

describe('措施十五: the operators’ domicile review of 外资 organisations', () => {
  async function pending(): Promise<Session> {
    const s = await verifiedEnterprise(t.app, operator, { ownershipType: 'foreign' });
    // What the migration does for every 外资 organisation registered before domicile was recorded.
    await t.database.db.execute(sql`update organisations set domicile_review_pending = true where id = ${s.orgId}`);
    return s;
  }
  const review = (who: Session | null, id: string, payload: Record<string, unknown>) =>
    as(t.app, who)({ method: 'POST', url: `/api/v1/operator/organisations/${id}/domicile`, payload });

  it('lists them for operators only and records the confirmed domicile', async () => {
    const s = await pending();
    const unverified = await register(t.app, enterpriseRegistration());
    for (const [who, want] of [
      [null, [401, 'UNAUTHENTICATED']],
      [ent, [403, 'FORBIDDEN']],
      [inst, [403, 'FORBIDDEN']],
      [unverified, [403, 'FORBIDDEN']],
    ] as const) {
      const list = await as(t.app, who)({ method: 'GET', url: '/api/v1/operator/organisations/domicile-review' });
      expect([list.statusCode, list.json().error.code]).toEqual(want);
      await refusedWritingNothing(
        () => review(who, s.orgId, { domicile: 'mainland' }),
        want as unknown as [number, string],
      );
    }
    const list = await ok<{ items: Array<{ id: string; domicileReviewPending: boolean }> }>(
      as(t.app, operator)({ method: 'GET', url: '/api/v1/operator/organisations/domicile-review' }),
    );
    expect(list.items.map((o) => o.id)).toContain(s.orgId);

    for (const [payload, want] of [
      [{ domicile: 'overseas' }, [400, 'VALIDATION_FAILED']],
      [{ domicile: 'abroad' }, [422, 'REGISTRATION_NUMBER_REQUIRED']],
      [{ domicile: 'mainland', extra: 1 }, [400, 'VALIDATION_FAILED']],
    ] as const) {
      await refusedWritingNothing(() => review(operator, s.orgId, payload), want as unknown as [number, string]);
    }
    const done = await ok<{ domicile: string; domicileReviewPending: boolean; creditCode: string }>(
      review(operator, s.orgId, { domicile: 'mainland', note: '营业执照登记地为大连市，属境内企业' }),
    );
    expect(done).toMatchObject({ domicile: 'mainland', domicileReviewPending: false });
    expect(done.creditCode).toHaveLength(18);
    await refusedWritingNothing(
      () => review(operator, s.orgId, { domicile: 'mainland' }),
      [409, 'DOMICILE_REVIEW_NOT_PENDING'],
    );
  });

  it('an organisation found to be registered abroad gives up its credit code for its own number', async () => {
    const s = await pending();
    const done = await ok<{ domicile: string; creditCode: null; registrationNumber: string; region: null }>(
      review(operator, s.orgId, { domicile: 'abroad', registrationNumber: 'HRB 98765', countryOrRegion: '德国' }),
    );
    expect(done).toMatchObject({ domicile: 'abroad', creditCode: null, registrationNumber: 'HRB 98765', region: null });
  });
});

describe('措施十五: auction registration by a party outside the mainland', () => {
  it('waits for the result’s export-control review (today only the deal asked)', async () => {
    const { auctionId, listingId } = await auctionListing(t.app, inst, operator);
    const registerFor = (s: Session) =>
      as(t.app, s)({ method: 'POST', url: `/api/v1/auctions/${auctionId}/registrations` });
    const body = await refusedWritingNothing(() => registerFor(outside), [422, 'EXPORT_CONTROL_REQUIRED']);
    expect(body.error.message).toContain('暂不能报名竞买');
    // A mainland 外资 enterprise is domestic: no review needed.
    const foreign = await verifiedEnterprise(t.app, operator, { ownershipType: 'foreign' });
    await ok(registerFor(foreign), 201);
    await ok(
      as(
        t.app,
        inst,
      )({
        method: 'POST',
        url: `/api/v1/listings/${listingId}/export-control`,
        payload: { note: '该技术属自由出口技术，已办理技术出口合同登记' },
      }),
    );
    await ok(registerFor(outside), 201);
  });

  it('the result’s review is the institution’s own, once', async () => {
    const result = await ok<{ id: string; exportControlConfirmedAt: string | null }>(
      as(t.app, inst)({ method: 'POST', url: '/api/v1/results', payload: resultBody() }),
      201,
    );
    expect(result.exportControlConfirmedAt).toBeNull();
    const confirm = (s: Session | null) =>
      as(
        t.app,
        s,
      )({
        method: 'POST',
        url: `/api/v1/results/${result.id}/export-control`,
        payload: { note: '不属于禁止或限制出口技术' },
      });
    const unverified = await register(t.app, institutionRegistration());
    for (const [who, want] of [
      [null, [401, 'UNAUTHENTICATED']],
      [ent, [403, 'WRONG_ORG_KIND']],
      [operator, [403, 'FORBIDDEN']],
      [otherInst, [404, 'RESULT_NOT_FOUND']],
      [unverified, [404, 'RESULT_NOT_FOUND']],
    ] as const) {
      await refusedWritingNothing(() => confirm(who), want as unknown as [number, string]);
    }
    await refusedWritingNothing(
      () =>
        as(
          t.app,
          inst,
        )({
          method: 'POST',
          url: `/api/v1/results/${result.id}/export-control`,
          payload: { note: '短' },
        }),
      [400, 'VALIDATION_FAILED'],
    );
    const done = await ok<{ exportControlConfirmedAt: string }>(confirm(inst));
    expect(done.exportControlConfirmedAt).toEqual(expect.any(String));
    await refusedWritingNothing(() => confirm(inst), [409, 'EXPORT_CONTROL_ALREADY_CONFIRMED']);
  });
});

describe('措施八: a demand states its budget or says it is negotiable', () => {
  const create = (payload: Record<string, unknown>) =>
    as(t.app, ent)({ method: 'POST', url: '/api/v1/listings', payload: demandBody(payload) });

  it('refuses one with neither (today the API took it), or with both', async () => {
    await refusedWritingNothing(() => create({ priceFen: null }), [422, 'BUDGET_REQUIRED']);
    await refusedWritingNothing(
      () => create({ priceFen: 1_000_000, budgetNegotiable: true }),
      [400, 'VALIDATION_FAILED'],
    );
    const negotiable = await ok<{ priceFen: null; budgetNegotiable: boolean }>(
      create({ priceFen: null, budgetNegotiable: true }),
      201,
    );
    expect(negotiable).toMatchObject({ priceFen: null, budgetNegotiable: true });
    const stated = await ok<{ budgetNegotiable: boolean }>(create({}), 201);
    expect(stated.budgetNegotiable).toBe(false);
  });
});

describe('one result, one buyer of exclusive rights; licences say their scope', () => {
  async function draft(resultId: string, overrides: Record<string, unknown>) {
    return ok<{ id: string }>(
      as(t.app, inst)({ method: 'POST', url: '/api/v1/listings', payload: supplyBody(resultId, overrides) }),
      201,
    );
  }
  const submit = (id: string) => as(t.app, inst)({ method: 'POST', url: `/api/v1/listings/${id}/submit` });

  it('refuses a licence without its scope', async () => {
    const result = await ok<{ id: string }>(
      as(t.app, inst)({ method: 'POST', url: '/api/v1/results', payload: resultBody() }),
      201,
    );
    await refusedWritingNothing(
      () =>
        as(
          t.app,
          inst,
        )({
          method: 'POST',
          url: '/api/v1/listings',
          payload: supplyBody(result.id, { transactionTypes: ['license'], licenseScope: null }),
        }),
      [422, 'LICENCE_SCOPE_REQUIRED'],
    );
  });

  it('a second exclusive offer of a result is refused, naming the listing that holds it; 普通许可 runs beside it', async () => {
    const holder = await approvedSupply(t.app, inst, operator, {
      pricingMode: 'negotiable',
      priceFen: null,
      transactionTypes: ['transfer'],
      title: '高镍正极材料面议转让',
    });
    expect(holder.status).toBe('showcase');
    for (const offer of [
      { transactionTypes: ['transfer'] },
      { transactionTypes: ['equity'] },
      { transactionTypes: ['license'], licenseScope: 'exclusive' },
      { transactionTypes: ['license'], licenseScope: 'sole' },
    ]) {
      const d = await draft(holder.resultId, offer);
      const body = await refusedWritingNothing(() => submit(d.id), [409, 'RESULT_EXCLUSIVELY_OFFERED']);
      expect(body.error.message).toContain('高镍正极材料面议转让');
      expect(body.error.details).toMatchObject({ listingId: holder.id });
    }
    const parallel = await draft(holder.resultId, { transactionTypes: ['license'], licenseScope: 'non_exclusive' });
    expect((await ok<{ status: string }>(submit(parallel.id))).status).toBe('pending_review');
    // Once the holder is withdrawn the result is free again.
    await ok(as(t.app, inst)({ method: 'POST', url: `/api/v1/listings/${holder.id}/withdraw` }));
    const next = await draft(holder.resultId, { transactionTypes: ['transfer'] });
    expect((await ok<{ status: string }>(submit(next.id))).status).toBe('pending_review');
  });

  it('the database refuses a second holder even past the service', async () => {
    const holder = await approvedSupply(t.app, inst, operator, { transactionTypes: ['transfer'] });
    const d = await draft(holder.resultId, { transactionTypes: ['equity'] });
    await expect(
      t.database.db.execute(sql`update listings set status = 'pending_review' where id = ${d.id}`),
    ).rejects.toMatchObject({ cause: { code: '23505', constraint: 'listings_result_exclusive_key' } });
  });
});

describe('措施八: a supply-side deal whose enterprise confirms landing is eligible for the reward', () => {
  it('landing by the acquiring enterprise only, then the operator’s confirmation in the same record', async () => {
    const listing = await approvedSupply(t.app, inst, operator, {
      priceFen: 4_000_000,
      transactionTypes: ['transfer'],
    });
    await ok(as(t.app, ent)({ method: 'POST', url: `/api/v1/listings/${listing.id}/claims` }), 201);
    const fired = await fireTimer(
      { ...t.ctx, now: () => new Date(Date.now() + 16 * 86_400_000) },
      'listing_end',
      listing.id,
    );
    expect(fired).toMatchObject({ type: 'fired', to: 'matched' });
    const confirmReward = (s: Session | null) =>
      as(t.app, s)({ method: 'POST', url: `/api/v1/operator/listings/${listing.id}/confirm-reward`, payload: {} });
    const land = (s: Session | null) =>
      as(t.app, s)({ method: 'POST', url: `/api/v1/listings/${listing.id}/deal/landing` });

    await refusedWritingNothing(() => land(ent), [409, 'NOT_CONVERTED']);
    await ok(
      as(
        t.app,
        inst,
      )({
        method: 'POST',
        url: `/api/v1/listings/${listing.id}/deal`,
        payload: {
          transactionType: 'transfer',
          amountFen: 4_000_000,
          appraisal: 'appraised',
          counterpartyIsOwnSubsidiary: false,
        },
      }),
      201,
    );
    // Converted, not yet landed: today only a landed demand could be confirmed — and still is not this.
    await refusedWritingNothing(() => confirmReward(operator), [409, 'NOT_LANDED']);
    const unverified = await register(t.app, enterpriseRegistration());
    for (const [who, want] of [
      [null, [401, 'UNAUTHENTICATED']],
      [inst, [403, 'WRONG_ORG_KIND']],
      [operator, [403, 'FORBIDDEN']],
      [stateOwned, [403, 'FORBIDDEN']],
      [unverified, [403, 'ORG_NOT_VERIFIED']],
    ] as const) {
      await refusedWritingNothing(() => land(who), want as unknown as [number, string]);
    }
    const landed = await ok<{ deal: { landingConfirmedAt: string } }>(land(ent));
    expect(landed.deal.landingConfirmedAt).toEqual(expect.any(String));
    await refusedWritingNothing(() => land(ent), [409, 'LANDING_ALREADY_CONFIRMED']);
    for (const [who, want] of [
      [null, [401, 'UNAUTHENTICATED']],
      [ent, [403, 'FORBIDDEN']],
      [inst, [403, 'FORBIDDEN']],
    ] as const) {
      await refusedWritingNothing(() => confirmReward(who), want as unknown as [number, string]);
    }
    const reward = await ok<{ confirmed: boolean }>(confirmReward(operator));
    expect(reward.confirmed).toBe(true);
    await refusedWritingNothing(() => confirmReward(operator), [409, 'REWARD_ALREADY_CONFIRMED']);
    const inbox = await ok<{ items: Array<{ kind: string }> }>(
      as(t.app, ent)({ method: 'GET', url: '/api/v1/notifications?pageSize=100' }),
    );
    expect(inbox.items.map((n) => n.kind)).toContain('reward_confirmed');
  });
});

describe('措施四: whether the counterparty is the institution’s own subsidiary is recorded on the deal', () => {
  async function matchedWith(buyer: Session) {
    const listing = await approvedSupply(t.app, inst, operator, {
      priceFen: 2_000_000,
      transactionTypes: ['transfer'],
    });
    await ok(as(t.app, buyer)({ method: 'POST', url: `/api/v1/listings/${listing.id}/claims` }), 201);
    await fireTimer({ ...t.ctx, now: () => new Date(Date.now() + 16 * 86_400_000) }, 'listing_end', listing.id);
    return listing.id;
  }
  const deal = (id: string, extra: Record<string, unknown>) =>
    as(
      t.app,
      inst,
    )({
      method: 'POST',
      url: `/api/v1/listings/${id}/deal`,
      payload: { transactionType: 'transfer', amountFen: 2_000_000, appraisal: 'appraised', ...extra },
    });

  it('is required, true only for a state-wholly-owned counterparty, and kept for either reading', async () => {
    const privateDeal = await matchedWith(ent);
    await refusedWritingNothing(() => deal(privateDeal, {}), [400, 'VALIDATION_FAILED']);
    await refusedWritingNothing(
      () => deal(privateDeal, { counterpartyIsOwnSubsidiary: true }),
      [422, 'OWN_SUBSIDIARY_NOT_STATE_OWNED'],
    );
    const subsidiary = await matchedWith(stateOwned);
    const done = await ok<{ deal: { counterpartyOwnSubsidiary: boolean; appraisal: string } }>(
      deal(subsidiary, { counterpartyIsOwnSubsidiary: true, appraisal: 'skipped_state_owned' }),
      201,
    );
    expect(done.deal).toMatchObject({ counterpartyOwnSubsidiary: true, appraisal: 'skipped_state_owned' });
  });
});
