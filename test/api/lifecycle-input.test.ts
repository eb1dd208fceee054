// Bad input and wrong-state requests on every lifecycle route → a clear 4xx with the error shape
// (Chinese message), and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, resultBody, supplyBody } from '../helpers/factories.js';
import { ok, proposalBody } from '../helpers/lifecycle.js';
import { buildWorld, lifecycleWrites, type Who, type World } from '../helpers/lifecycle-fixtures.js';

let t: TestContext;
let w: World;

beforeAll(async () => {
  t = await setupTestApp();
  w = await buildWorld(t);
});
afterAll(() => t.close());

type Case = [
  name: string,
  who: Exclude<Who, 'anonymous'>,
  method: 'GET' | 'POST',
  url: () => string,
  payload: (() => unknown) | undefined,
  want: [number, string],
];

const BAD: [number, string] = [400, 'VALIDATION_FAILED'];
const deal = {
  transactionType: 'transfer',
  amountFen: 100,
  appraisal: 'appraised',
  counterpartyIsOwnSubsidiary: false,
};
const inquiry = { message: '请问是否支持独占许可', contactName: '钱经理', contactPhone: '13600000000' };

const cases: Case[] = [
  // Objections
  [
    'an objection without reason',
    'enterprise',
    'POST',
    () => `/api/v1/listings/${w.ids.notice}/objections`,
    () => ({}),
    BAD,
  ],
  [
    'a too short reason',
    'enterprise',
    'POST',
    () => `/api/v1/listings/${w.ids.notice}/objections`,
    () => ({ reason: '太低' }),
    BAD,
  ],
  [
    'a blank reason',
    'enterprise',
    'POST',
    () => `/api/v1/listings/${w.ids.notice}/objections`,
    () => ({ reason: '          ' }),
    BAD,
  ],
  [
    'a too long reason',
    'enterprise',
    'POST',
    () => `/api/v1/listings/${w.ids.notice}/objections`,
    () => ({ reason: '长'.repeat(2001) }),
    BAD,
  ],
  [
    'an unknown field',
    'enterprise',
    'POST',
    () => `/api/v1/listings/${w.ids.notice}/objections`,
    () => ({ reason: '价格偏低请说明', status: 'dismissed' }),
    BAD,
  ],
  [
    'a non-uuid listing id',
    'enterprise',
    'POST',
    () => '/api/v1/listings/123/objections',
    () => ({ reason: '价格偏低请说明' }),
    BAD,
  ],
  [
    'an unknown listing',
    'enterprise',
    'POST',
    () => '/api/v1/listings/00000000-0000-4000-8000-000000000000/objections',
    () => ({ reason: '价格偏低请说明' }),
    [404, 'LISTING_NOT_FOUND'],
  ],
  [
    'an objection to a listing not in notice',
    'enterprise',
    'POST',
    () => `/api/v1/listings/${w.ids.listed}/objections`,
    () => ({ reason: '价格偏低请说明' }),
    [409, 'NOT_IN_NOTICE'],
  ],
  [
    'a second objection of one organisation',
    'otherEnterprise',
    'POST',
    () => `/api/v1/listings/${w.ids.notice}/objections`,
    () => ({ reason: '再次提出异议内容' }),
    [409, 'OBJECTION_EXISTS'],
  ],
  [
    'a response without text',
    'institution',
    'POST',
    () => `/api/v1/objections/${w.ids.objection}/response`,
    () => ({ text: '' }),
    BAD,
  ],
  [
    'a response to an unknown objection',
    'institution',
    'POST',
    () => '/api/v1/objections/00000000-0000-4000-8000-000000000000/response',
    () => ({ text: '价格有评估依据' }),
    [404, 'OBJECTION_NOT_FOUND'],
  ],
  [
    'a dismissal without reason',
    'operator',
    'POST',
    () => `/api/v1/operator/objections/${w.ids.objection}/dismiss`,
    () => ({}),
    BAD,
  ],
  // Claims
  [
    'a claim on a notice',
    'enterprise',
    'POST',
    () => `/api/v1/listings/${w.ids.notice}/claims`,
    undefined,
    [409, 'NOT_LISTED'],
  ],
  [
    'a claim on a demand',
    'enterprise',
    'POST',
    () => `/api/v1/listings/${w.ids.demand}/claims`,
    undefined,
    [409, 'NOT_LISTED'],
  ],
  // Inquiries and renewal
  [
    'an inquiry with a bad phone',
    'enterprise',
    'POST',
    () => `/api/v1/listings/${w.ids.showcase}/inquiries`,
    () => ({ ...inquiry, contactPhone: 'call me' }),
    BAD,
  ],
  [
    'an inquiry without message',
    'enterprise',
    'POST',
    () => `/api/v1/listings/${w.ids.showcase}/inquiries`,
    () => ({ ...inquiry, message: undefined }),
    BAD,
  ],
  [
    'an inquiry to a fixed-price listing',
    'enterprise',
    'POST',
    () => `/api/v1/listings/${w.ids.listed}/inquiries`,
    () => inquiry,
    [409, 'NOT_IN_SHOWCASE'],
  ],
  [
    'renewing a running showcase',
    'institution',
    'POST',
    () => `/api/v1/listings/${w.ids.showcase}/renew`,
    undefined,
    [409, 'INVALID_STATE'],
  ],
  [
    'renewing a fixed-price listing',
    'institution',
    'POST',
    () => `/api/v1/listings/${w.ids.listed}/renew`,
    undefined,
    [409, 'INVALID_STATE'],
  ],
  // Proposals
  [
    'a negative quote',
    'institution',
    'POST',
    () => `/api/v1/listings/${w.ids.demand}/proposals`,
    () => proposalBody({ quoteFen: -1 }),
    BAD,
  ],
  [
    'a fractional quote',
    'institution',
    'POST',
    () => `/api/v1/listings/${w.ids.demand}/proposals`,
    () => proposalBody({ quoteFen: 1.5 }),
    BAD,
  ],
  [
    'a quote as text',
    'institution',
    'POST',
    () => `/api/v1/listings/${w.ids.demand}/proposals`,
    () => proposalBody({ quoteFen: '450000' }),
    BAD,
  ],
  [
    'a proposal without team',
    'institution',
    'POST',
    () => `/api/v1/listings/${w.ids.demand}/proposals`,
    () => proposalBody({ team: undefined }),
    BAD,
  ],
  [
    'a proposal to a supply listing',
    'institution',
    'POST',
    () => `/api/v1/listings/${w.ids.listed}/proposals`,
    () => proposalBody(),
    [409, 'DEMAND_NOT_OPEN'],
  ],
  [
    'a second live proposal',
    'otherInstitution',
    'POST',
    () => `/api/v1/listings/${w.ids.demand}/proposals`,
    () => proposalBody(),
    [409, 'PROPOSAL_EXISTS'],
  ],
  [
    'an empty award',
    'enterprise',
    'POST',
    () => `/api/v1/listings/${w.ids.demand}/award`,
    () => ({ proposalIds: [] }),
    BAD,
  ],
  [
    'an award of non-ids',
    'enterprise',
    'POST',
    () => `/api/v1/listings/${w.ids.demand}/award`,
    () => ({ proposalIds: ['abc'] }),
    BAD,
  ],
  [
    'an award with repeated ids',
    'enterprise',
    'POST',
    () => `/api/v1/listings/${w.ids.demand}/award`,
    () => ({ proposalIds: [w.ids.proposal, w.ids.proposal] }),
    BAD,
  ],
  [
    'an award before the deadline',
    'enterprise',
    'POST',
    () => `/api/v1/listings/${w.ids.demand}/award`,
    () => ({ proposalIds: [w.ids.proposal] }),
    [409, 'NOT_SELECTING'],
  ],
  [
    'landing before any award',
    'enterprise',
    'POST',
    () => `/api/v1/proposals/${w.ids.proposal}/confirm-landing`,
    undefined,
    [409, 'INVALID_STATE'],
  ],
  [
    'a reward for an open demand',
    'operator',
    'POST',
    () => `/api/v1/operator/listings/${w.ids.demand}/confirm-reward`,
    () => ({}),
    [409, 'NOT_LANDED'],
  ],
  // Deals
  [
    'an unknown appraisal decision',
    'institution',
    'POST',
    () => `/api/v1/listings/${w.ids.listed}/deal`,
    () => ({ ...deal, appraisal: 'skipped' }),
    BAD,
  ],
  [
    'a negative amount',
    'institution',
    'POST',
    () => `/api/v1/listings/${w.ids.listed}/deal`,
    () => ({ ...deal, amountFen: -5 }),
    BAD,
  ],
  [
    'an amount in 元 with decimals',
    'institution',
    'POST',
    () => `/api/v1/listings/${w.ids.listed}/deal`,
    () => ({ ...deal, amountFen: 12.5 }),
    BAD,
  ],
  [
    'an unknown ownership type',
    'institution',
    'POST',
    () => `/api/v1/listings/${w.ids.listed}/deal`,
    () => ({ ...deal, counterpartyOwnership: 'collective' }),
    BAD,
  ],
  [
    'a deal before the match',
    'institution',
    'POST',
    () => `/api/v1/listings/${w.ids.listed}/deal`,
    () => deal,
    [409, 'NOT_MATCHED'],
  ],
  [
    'an export confirmation without note',
    'institution',
    'POST',
    () => `/api/v1/listings/${w.ids.listed}/export-control`,
    () => ({ note: '' }),
    BAD,
  ],
  [
    'an export confirmation for a result that does not exist',
    'institution',
    'POST',
    () => '/api/v1/results/00000000-0000-4000-8000-000000000000/export-control',
    () => ({ note: '已完成审查登记' }),
    [404, 'RESULT_NOT_FOUND'],
  ],
  // Notifications
  ['page 0 of the inbox', 'institution', 'GET', () => '/api/v1/notifications?page=0', undefined, BAD],
  ['a non-uuid notification id', 'institution', 'POST', () => '/api/v1/notifications/7/read', undefined, BAD],
];

describe('lifecycle routes refuse bad input and wrong states', () => {
  it.each(cases)('refuses %s', async (_name, who, method, url, payload, want) => {
    const before = await lifecycleWrites(t);
    const res = await as(t.app, w.s[who])({ method, url: url(), payload: payload?.() });
    expect([res.statusCode, res.json().error?.code]).toEqual(want);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await lifecycleWrites(t)).toBe(before);
  });
});

describe('the negotiated counterparty named by its organisation', () => {
  async function draftWith(overrides: Record<string, unknown>) {
    const member = as(t.app, w.s.institution);
    const result = await ok<{ id: string }>(
      member({ method: 'POST', url: '/api/v1/results', payload: resultBody() }),
      201,
    );
    return member({ method: 'POST', url: '/api/v1/listings', payload: supplyBody(result.id, overrides) });
  }

  it('must be a verified enterprise, and only for negotiated pricing', async () => {
    const inst = await draftWith({ pricingMode: 'negotiated', counterpartyOrgId: w.s.otherInstitution.orgId });
    expect([inst.statusCode, inst.json().error.code]).toEqual([422, 'COUNTERPARTY_NOT_ELIGIBLE']);
    const unverified = await draftWith({
      pricingMode: 'negotiated',
      counterpartyOrgId: w.s.unverifiedEnterprise.orgId,
    });
    expect([unverified.statusCode, unverified.json().error.code]).toEqual([422, 'COUNTERPARTY_NOT_ELIGIBLE']);
    const fixed = await draftWith({ counterpartyOrgId: w.s.enterprise.orgId });
    expect([fixed.statusCode, fixed.json().error.code]).toEqual([422, 'FIELD_NOT_ALLOWED']);
    const good = await draftWith({ pricingMode: 'negotiated', counterpartyOrgId: w.s.enterprise.orgId });
    expect(good.statusCode).toBe(201);
    // The registered name is what the notice will show.
    expect(good.json().counterpartyName).toMatch(/^测试装备制造有限公司/);
  });
});
