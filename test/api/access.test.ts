// For every route: the roles it refuses get 401/403 with the error shape, and nothing is written.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/accounts/tokens.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  demandBody,
  register,
  enterpriseRegistration,
  oversightMember,
  resultBody,
  supplyBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';

let t: TestContext;
const s = {} as Record<
  'operator' | 'enterprise' | 'institution' | 'otherInstitution' | 'otherEnterprise' | 'oversight',
  Session
>;
let ids: { result: string; supplyDraft: string; demandDraft: string; pendingOrg: string; publicListing: string };

beforeAll(async () => {
  t = await setupTestApp();
  s.operator = await createOperator(t.app, t.database.db);
  s.enterprise = await verifiedMember(t.app, s.operator, 'enterprise');
  s.otherEnterprise = await verifiedMember(t.app, s.operator, 'enterprise');
  s.institution = await verifiedMember(t.app, s.operator, 'institution');
  s.otherInstitution = await verifiedMember(t.app, s.operator, 'institution');
  // 措施十三: a supervisory department overseeing the institution — reads figures, never acts.
  s.oversight = await oversightMember(t.app, s.operator, 'supervisory', [s.institution.orgId]);
  const inst = as(t.app, s.institution);
  const result = (await inst({ method: 'POST', url: '/api/v1/results', payload: resultBody() })).json().id;
  const supplyDraft = (await inst({ method: 'POST', url: '/api/v1/listings', payload: supplyBody(result) })).json().id;
  const demandDraft = (
    await as(t.app, s.enterprise)({ method: 'POST', url: '/api/v1/listings', payload: demandBody() })
  ).json().id;
  const publicListing = (await inst({ method: 'POST', url: '/api/v1/listings', payload: supplyBody(result) })).json()
    .id;
  await inst({ method: 'POST', url: `/api/v1/listings/${publicListing}/submit` });
  await as(t.app, s.operator)({ method: 'POST', url: `/api/v1/operator/listings/${publicListing}/approve` });
  const pendingOrg = (await register(t.app, enterpriseRegistration())).orgId;
  ids = { result, supplyDraft, demandDraft, pendingOrg, publicListing };
});
afterAll(() => t.close());

type Who = 'anonymous' | keyof typeof s;
type Route = {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  url: () => string;
  payload?: () => unknown;
  refused: Partial<Record<Who, [number, string]>>;
};

const UNAUTH: [number, string] = [401, 'UNAUTHENTICATED'];
const FORBIDDEN: [number, string] = [403, 'FORBIDDEN'];
const WRONG_KIND: [number, string] = [403, 'WRONG_ORG_KIND'];
const NOT_FOUND: [number, string] = [404, 'LISTING_NOT_FOUND'];

const table: Route[] = [
  { name: 'me', method: 'GET', url: () => '/api/v1/me', refused: { anonymous: UNAUTH } },
  { name: 'logout', method: 'POST', url: () => '/api/v1/auth/logout', refused: { anonymous: UNAUTH } },
  { name: 'my organisation', method: 'GET', url: () => '/api/v1/my/organisation', refused: { anonymous: UNAUTH } },
  {
    name: 'edit my organisation',
    method: 'PATCH',
    url: () => '/api/v1/my/organisation',
    payload: () => ({ description: '新的简介' }),
    refused: { anonymous: UNAUTH, operator: FORBIDDEN },
  },
  {
    name: 'list results',
    method: 'GET',
    url: () => '/api/v1/results',
    refused: { anonymous: UNAUTH, enterprise: WRONG_KIND, operator: FORBIDDEN },
  },
  {
    name: 'create result',
    method: 'POST',
    url: () => '/api/v1/results',
    payload: () => resultBody(),
    refused: { anonymous: UNAUTH, enterprise: WRONG_KIND, operator: FORBIDDEN },
  },
  {
    name: 'read result',
    method: 'GET',
    url: () => `/api/v1/results/${ids.result}`,
    refused: {
      anonymous: UNAUTH,
      enterprise: WRONG_KIND,
      operator: FORBIDDEN,
      otherInstitution: [404, 'RESULT_NOT_FOUND'],
    },
  },
  {
    name: 'replace result',
    method: 'PUT',
    url: () => `/api/v1/results/${ids.result}`,
    payload: () => ({ ...resultBody({ title: '被篡改的标题' }), version: 1 }),
    refused: {
      anonymous: UNAUTH,
      enterprise: WRONG_KIND,
      operator: FORBIDDEN,
      otherInstitution: [404, 'RESULT_NOT_FOUND'],
    },
  },
  {
    name: 'my listings',
    method: 'GET',
    url: () => '/api/v1/my/listings',
    refused: { anonymous: UNAUTH, operator: FORBIDDEN },
  },
  {
    name: 'create supply listing',
    method: 'POST',
    url: () => '/api/v1/listings',
    payload: () => supplyBody(ids.result),
    refused: {
      anonymous: UNAUTH,
      operator: FORBIDDEN,
      enterprise: WRONG_KIND,
      otherInstitution: [422, 'RESULT_NOT_OWNED'],
    },
  },
  {
    name: 'create demand listing',
    method: 'POST',
    url: () => '/api/v1/listings',
    payload: () => demandBody(),
    refused: { anonymous: UNAUTH, operator: FORBIDDEN, institution: WRONG_KIND },
  },
  {
    name: 'read a draft',
    method: 'GET',
    url: () => `/api/v1/listings/${ids.supplyDraft}`,
    refused: { anonymous: NOT_FOUND, enterprise: NOT_FOUND, otherInstitution: NOT_FOUND },
  },
  {
    name: 'edit a draft',
    method: 'PATCH',
    url: () => `/api/v1/listings/${ids.supplyDraft}`,
    payload: () => ({ title: '被他人修改的标题', version: 1 }),
    refused: { anonymous: UNAUTH, operator: FORBIDDEN, enterprise: NOT_FOUND, otherInstitution: NOT_FOUND },
  },
  {
    name: 'submit',
    method: 'POST',
    url: () => `/api/v1/listings/${ids.demandDraft}/submit`,
    refused: { anonymous: UNAUTH, operator: FORBIDDEN, institution: NOT_FOUND, otherEnterprise: NOT_FOUND },
  },
  {
    name: 'withdraw a public listing',
    method: 'POST',
    url: () => `/api/v1/listings/${ids.publicListing}/withdraw`,
    refused: { anonymous: UNAUTH, operator: FORBIDDEN, enterprise: FORBIDDEN, otherInstitution: FORBIDDEN },
  },
  ...(
    [
      ['verification queue', 'GET', () => '/api/v1/operator/organisations', undefined],
      ['verify', 'POST', () => `/api/v1/operator/organisations/${ids.pendingOrg}/verify`, undefined],
      [
        'reject verification',
        'POST',
        () => `/api/v1/operator/organisations/${ids.pendingOrg}/reject`,
        () => ({ reason: '材料不全' }),
      ],
      ['organisation audit', 'GET', () => `/api/v1/operator/organisations/${ids.pendingOrg}/audit`, undefined],
      ['moderation queue', 'GET', () => '/api/v1/operator/listings', undefined],
      ['approve', 'POST', () => `/api/v1/operator/listings/${ids.supplyDraft}/approve`, undefined],
      [
        'reject',
        'POST',
        () => `/api/v1/operator/listings/${ids.supplyDraft}/reject`,
        () => ({ reasonCode: 'other', reasonText: '不符合要求' }),
      ],
      [
        'take down',
        'POST',
        () => `/api/v1/operator/listings/${ids.publicListing}/take-down`,
        () => ({ reasonCode: 'violation', reasonText: '违规' }),
      ],
      ['listing audit', 'GET', () => `/api/v1/operator/listings/${ids.publicListing}/audit`, undefined],
    ] as const
  ).map(([name, method, url, payload]): Route => ({
    name: `operator: ${name}`,
    method,
    url,
    payload,
    refused: { anonymous: UNAUTH, enterprise: FORBIDDEN, institution: FORBIDDEN },
  })),
  ...(
    [
      ['departments', 'GET', () => '/api/v1/operator/departments', undefined],
      [
        'create a department',
        'POST',
        () => '/api/v1/operator/departments',
        () => ({ name: '越权创建的主管部门', scope: 'supervisory' }),
      ],
    ] as const
  ).map(([name, method, url, payload]): Route => ({
    name: `operator: ${name}`,
    method,
    url,
    payload,
    refused: { anonymous: UNAUTH, enterprise: FORBIDDEN, institution: FORBIDDEN },
  })),
  {
    name: 'institutions under oversight',
    method: 'GET',
    url: () => '/api/v1/oversight/institutions',
    refused: { anonymous: UNAUTH, enterprise: FORBIDDEN, institution: FORBIDDEN },
  },
];

const routes: Route[] = table.map((route): Route => {
  // An oversight account reads figures and never acts (措施十三): every route that refuses the
  // operator as not a member, and every operator route, refuses it too.
  const asOperator = route.refused.operator;
  const operatorOnly = route.name.startsWith('operator: ');
  if (route.refused.oversight || !(operatorOnly || asOperator?.[1] === 'FORBIDDEN')) return route;
  return { ...route, refused: { ...route.refused, oversight: FORBIDDEN } };
});

async function writes(): Promise<number> {
  const r = await t.database.db.execute<{ n: string }>(sql`
    select (select count(*) from audit_log) + (select count(*) from outbox) + (select count(*) from listings)
         + (select count(*) from results) + (select count(*) from moderation_decisions)
         + (select count(*) from organisations) + (select count(*) from oversight_links) as n`);
  return Number(r.rows[0]!.n);
}

const cases = routes.flatMap((r) => Object.entries(r.refused).map(([who, want]) => [r.name, who, r, want] as const));

describe('every route refuses the roles it does not serve', () => {
  it.each(cases)('%s refuses %s', async (_name, who, route, want) => {
    const before = await writes();
    const session = who === 'anonymous' ? null : s[who as keyof typeof s];
    const res = await as(t.app, session)({ method: route.method, url: route.url(), payload: route.payload?.() });
    expect([res.statusCode, res.json().error?.code]).toEqual(want);
    expect(res.json().requestId).toEqual(expect.any(String));
    expect(await writes()).toBe(before);
  });

  it('refuses a signed-in state change without the CSRF token', async () => {
    const before = await writes();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/listings',
      payload: demandBody(),
      headers: { cookie: `jb_sid=${s.enterprise.cookie}` },
    });
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'CSRF_TOKEN_INVALID']);
    expect(await writes()).toBe(before);
  });

  it('refuses a forged session cookie', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: 'jb_sid=forged' } });
    expect(res.statusCode).toBe(401);
  });

  it('refuses a session once it has expired', async () => {
    const member = await verifiedMember(t.app, s.operator, 'enterprise');
    const me = () => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `jb_sid=${member.cookie}` } });
    expect((await me()).statusCode).toBe(200);
    await t.database.db.execute(
      sql`update sessions set expires_at = now() - interval '1 second' where token_hash = ${hashToken(member.cookie)}`,
    );
    expect((await me()).statusCode).toBe(401);
  });
});
