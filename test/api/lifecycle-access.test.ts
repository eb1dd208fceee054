// For every lifecycle route: the roles it refuses get 401/403/404 with the error shape, and nothing
// is written (no row, no audit, no outbox event, no notification, no version bump).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as } from '../helpers/factories.js';
import { proposalBody } from '../helpers/lifecycle.js';
import { buildWorld, lifecycleWrites, type Who, type World } from '../helpers/lifecycle-fixtures.js';

let t: TestContext;
let w: World;

beforeAll(async () => {
  t = await setupTestApp();
  w = await buildWorld(t);
});
afterAll(() => t.close());

type Route = {
  name: string;
  method: 'GET' | 'POST';
  url: () => string;
  payload?: () => unknown;
  refused: Partial<Record<Who, [number, string]>>;
};

const UNAUTH: [number, string] = [401, 'UNAUTHENTICATED'];
const FORBIDDEN: [number, string] = [403, 'FORBIDDEN'];
const WRONG_KIND: [number, string] = [403, 'WRONG_ORG_KIND'];
const UNVERIFIED: [number, string] = [403, 'ORG_NOT_VERIFIED'];
const HIDDEN: [number, string] = [404, 'LISTING_NOT_FOUND'];
const NO_PROPOSAL: [number, string] = [404, 'PROPOSAL_NOT_FOUND'];

const deal = {
  transactionType: 'transfer',
  amountFen: 100,
  appraisal: 'appraised',
  counterpartyIsOwnSubsidiary: false,
};

const routes: Route[] = [
  {
    name: 'objections of a listing',
    method: 'GET',
    url: () => `/api/v1/listings/${w.ids.notice}/objections`,
    refused: { anonymous: UNAUTH },
  },
  {
    name: 'objections of a draft',
    method: 'GET',
    url: () => `/api/v1/listings/${w.ids.draft}/objections`,
    refused: { enterprise: HIDDEN, otherInstitution: HIDDEN },
  },
  {
    name: 'file an objection',
    method: 'POST',
    url: () => `/api/v1/listings/${w.ids.notice}/objections`,
    payload: () => ({ reason: '对拟交易价格有异议，请公开评估报告' }),
    refused: {
      anonymous: UNAUTH,
      operator: FORBIDDEN,
      // 在本单位公示: the owning institution's staff may object (issue 15), so `institution` is not refused.
      unverifiedEnterprise: UNVERIFIED,
      unverifiedInstitution: UNVERIFIED,
    },
  },
  {
    name: 'object to a draft',
    method: 'POST',
    url: () => `/api/v1/listings/${w.ids.draft}/objections`,
    payload: () => ({ reason: '对拟交易价格有异议，请公开评估报告' }),
    refused: { enterprise: HIDDEN },
  },
  {
    name: 'respond to an objection',
    method: 'POST',
    url: () => `/api/v1/objections/${w.ids.objection}/response`,
    payload: () => ({ text: '价格由第三方机构评估确定' }),
    refused: {
      anonymous: UNAUTH,
      operator: FORBIDDEN,
      enterprise: FORBIDDEN,
      otherEnterprise: FORBIDDEN,
      otherInstitution: FORBIDDEN,
    },
  },
  {
    name: 'withdraw an objection',
    method: 'POST',
    url: () => `/api/v1/objections/${w.ids.objection}/withdraw`,
    refused: { anonymous: UNAUTH, operator: FORBIDDEN, institution: FORBIDDEN, enterprise: FORBIDDEN },
  },
  {
    name: 'dismiss an objection',
    method: 'POST',
    url: () => `/api/v1/operator/objections/${w.ids.objection}/dismiss`,
    payload: () => ({ reason: '与项目无关的恶意异议' }),
    refused: { anonymous: UNAUTH, enterprise: FORBIDDEN, institution: FORBIDDEN, otherEnterprise: FORBIDDEN },
  },
  {
    name: 'claim',
    method: 'POST',
    url: () => `/api/v1/listings/${w.ids.listed}/claims`,
    refused: {
      anonymous: UNAUTH,
      operator: FORBIDDEN,
      institution: WRONG_KIND,
      otherInstitution: WRONG_KIND,
      unverifiedEnterprise: UNVERIFIED,
    },
  },
  {
    name: 'claim a draft',
    method: 'POST',
    url: () => `/api/v1/listings/${w.ids.draft}/claims`,
    refused: { enterprise: HIDDEN },
  },
  {
    name: 'claims of a listing',
    method: 'GET',
    url: () => `/api/v1/listings/${w.ids.listed}/claims`,
    refused: { anonymous: UNAUTH },
  },
  {
    name: 'my claims',
    method: 'GET',
    url: () => '/api/v1/my/claims',
    refused: { anonymous: UNAUTH, operator: FORBIDDEN, institution: WRONG_KIND },
  },
  {
    name: 'auction of a draft',
    method: 'GET',
    url: () => `/api/v1/listings/${w.ids.draft}/hand-over`,
    refused: { anonymous: HIDDEN, enterprise: HIDDEN },
  },
  {
    name: 'send an inquiry',
    method: 'POST',
    url: () => `/api/v1/listings/${w.ids.showcase}/inquiries`,
    payload: () => ({ message: '请问是否支持独占许可', contactName: '钱经理', contactPhone: '13600000000' }),
    refused: {
      anonymous: UNAUTH,
      operator: FORBIDDEN,
      institution: WRONG_KIND,
      otherInstitution: WRONG_KIND,
      unverifiedEnterprise: UNVERIFIED,
    },
  },
  {
    name: 'inquiries of a showcase',
    method: 'GET',
    url: () => `/api/v1/listings/${w.ids.showcase}/inquiries`,
    refused: { anonymous: UNAUTH },
  },
  {
    name: 'renew a showcase',
    method: 'POST',
    url: () => `/api/v1/listings/${w.ids.showcase}/renew`,
    refused: { anonymous: UNAUTH, operator: FORBIDDEN, enterprise: WRONG_KIND, otherInstitution: FORBIDDEN },
  },
  {
    name: 'submit a proposal',
    method: 'POST',
    url: () => `/api/v1/listings/${w.ids.demand}/proposals`,
    payload: () => proposalBody(),
    refused: {
      anonymous: UNAUTH,
      operator: FORBIDDEN,
      enterprise: WRONG_KIND,
      otherEnterprise: WRONG_KIND,
      unverifiedInstitution: UNVERIFIED,
    },
  },
  {
    name: 'proposals of a demand',
    method: 'GET',
    url: () => `/api/v1/listings/${w.ids.demand}/proposals`,
    refused: { anonymous: UNAUTH },
  },
  {
    name: 'read a proposal',
    method: 'GET',
    url: () => `/api/v1/proposals/${w.ids.proposal}`,
    refused: { anonymous: UNAUTH, otherEnterprise: NO_PROPOSAL, institution: NO_PROPOSAL },
  },
  {
    name: 'withdraw a proposal',
    method: 'POST',
    url: () => `/api/v1/proposals/${w.ids.proposal}/withdraw`,
    refused: { anonymous: UNAUTH, operator: FORBIDDEN, enterprise: WRONG_KIND, institution: NO_PROPOSAL },
  },
  {
    name: 'my proposals',
    method: 'GET',
    url: () => '/api/v1/my/proposals',
    refused: { anonymous: UNAUTH, operator: FORBIDDEN, enterprise: WRONG_KIND },
  },
  {
    name: 'award',
    method: 'POST',
    url: () => `/api/v1/listings/${w.ids.demand}/award`,
    payload: () => ({ proposalIds: [w.ids.proposal] }),
    refused: { anonymous: UNAUTH, operator: FORBIDDEN, institution: WRONG_KIND, otherEnterprise: FORBIDDEN },
  },
  {
    name: 'confirm landing',
    method: 'POST',
    url: () => `/api/v1/proposals/${w.ids.proposal}/confirm-landing`,
    refused: { anonymous: UNAUTH, operator: FORBIDDEN, otherEnterprise: NO_PROPOSAL, institution: NO_PROPOSAL },
  },
  {
    name: 'confirm the reward subsidy',
    method: 'POST',
    url: () => `/api/v1/operator/listings/${w.ids.demand}/confirm-reward`,
    payload: () => ({ note: '已核实' }),
    refused: { anonymous: UNAUTH, enterprise: FORBIDDEN, institution: FORBIDDEN },
  },
  {
    name: 'reward of a draft',
    method: 'GET',
    url: () => `/api/v1/listings/${w.ids.draft}/reward`,
    refused: { anonymous: HIDDEN },
  },
  {
    name: 'confirm export control',
    method: 'POST',
    url: () => `/api/v1/listings/${w.ids.listed}/export-control`,
    payload: () => ({ note: '已完成技术出口审查' }),
    refused: { anonymous: UNAUTH, operator: FORBIDDEN, enterprise: WRONG_KIND, otherInstitution: FORBIDDEN },
  },
  {
    name: 'record the deal',
    method: 'POST',
    url: () => `/api/v1/listings/${w.ids.listed}/deal`,
    payload: () => deal,
    refused: { anonymous: UNAUTH, operator: FORBIDDEN, enterprise: WRONG_KIND, otherInstitution: FORBIDDEN },
  },
  {
    name: 'read the deal',
    method: 'GET',
    url: () => `/api/v1/listings/${w.ids.listed}/deal`,
    refused: { anonymous: UNAUTH, otherEnterprise: FORBIDDEN, otherInstitution: FORBIDDEN },
  },
  { name: 'inbox', method: 'GET', url: () => '/api/v1/notifications', refused: { anonymous: UNAUTH } },
  {
    name: 'unread count',
    method: 'GET',
    url: () => '/api/v1/notifications/unread-count',
    refused: { anonymous: UNAUTH },
  },
  {
    name: 'mark read',
    method: 'POST',
    url: () => `/api/v1/notifications/${w.ids.notification}/read`,
    refused: {
      anonymous: UNAUTH,
      operator: [404, 'NOTIFICATION_NOT_FOUND'],
      enterprise: [404, 'NOTIFICATION_NOT_FOUND'],
      otherInstitution: [404, 'NOTIFICATION_NOT_FOUND'],
    },
  },
  {
    name: 'mark all read',
    method: 'POST',
    url: () => '/api/v1/notifications/read-all',
    refused: { anonymous: UNAUTH },
  },
  { name: 'live', method: 'GET', url: () => '/api/v1/live', refused: { anonymous: UNAUTH } },
];

const cases = routes.flatMap((r) => Object.entries(r.refused).map(([who, want]) => [r.name, who, r, want] as const));

describe('every lifecycle route refuses the roles it does not serve', () => {
  it.each(cases)('%s refuses %s', async (_name, who, route, want) => {
    const before = await lifecycleWrites(t);
    const session = who === 'anonymous' ? null : w.s[who as Exclude<Who, 'anonymous'>];
    const res = await as(t.app, session)({ method: route.method, url: route.url(), payload: route.payload?.() });
    expect([res.statusCode, res.json().error?.code]).toEqual(want);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(res.json().requestId).toEqual(expect.any(String));
    expect(await lifecycleWrites(t)).toBe(before);
  });

  it('refuses a state change without the CSRF token', async () => {
    const before = await lifecycleWrites(t);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/listings/${w.ids.listed}/claims`,
      headers: { cookie: `jb_sid=${w.s.enterprise.cookie}` },
    });
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'CSRF_TOKEN_INVALID']);
    expect(await lifecycleWrites(t)).toBe(before);
  });
});
