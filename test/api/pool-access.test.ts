// Every pool and pay-later route: the roles it refuses get 401/403/404 with the error shape, bad
// input gets a 4xx with the error shape — and in both cases nothing is written.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPoolScan } from '../../server/pool/scan.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, resultBody, verifiedMember, type Session } from '../helpers/factories.js';

let t: TestContext;
const s = {} as Record<'operator' | 'sme' | 'otherSme' | 'institution' | 'otherInstitution', Session>;
const ids = { result: '', application: '', licence: '', payment: '', laterLicence: '' };

const terms = {
  feeFen: 10_000_000,
  paymentTiming: 'after_signing',
  paymentDelayMonths: 12,
  termYears: 3,
  paymentConditions: '实现销售后支付',
};

beforeAll(async () => {
  t = await setupTestApp();
  s.operator = await createOperator(t.app, t.database.db);
  s.sme = await verifiedMember(t.app, s.operator, 'enterprise');
  s.otherSme = await verifiedMember(t.app, s.operator, 'enterprise');
  s.institution = await verifiedMember(t.app, s.operator, 'institution');
  s.otherInstitution = await verifiedMember(t.app, s.operator, 'institution');
  const inst = as(t.app, s.institution);
  ids.result = (await inst({ method: 'POST', url: '/api/v1/results', payload: resultBody() })).json().id;
  const second = (await inst({ method: 'POST', url: '/api/v1/results', payload: resultBody() })).json().id;
  // A licensed result is converted (措施五 pools only 未实现转化 ones): each licence needs its own result.
  const third = (await inst({ method: 'POST', url: '/api/v1/results', payload: resultBody() })).json().id;
  await runPoolScan(t.ctx);
  const sme = as(t.app, s.sme);
  const apply = (resultId: string, extra: Record<string, unknown> = {}) =>
    sme({ method: 'POST', url: '/api/v1/paylater/applications', payload: { resultId, ...terms, ...extra } });
  ids.application = (await apply(ids.result)).json().id;
  const accept = async (id: string) =>
    (await inst({ method: 'POST', url: `/api/v1/paylater/applications/${id}/accept`, payload: { version: 1 } })).json()
      .licenceId;
  const later = (await apply(second, { paymentTiming: 'after_first_sales' })).json().id;
  ids.laterLicence = await accept(later);
  const another = (
    await as(
      t.app,
      s.otherSme,
    )({
      method: 'POST',
      url: '/api/v1/paylater/applications',
      payload: { resultId: third, ...terms },
    })
  ).json().id;
  ids.licence = await accept(another);
  const licence = await as(t.app, s.otherSme)({ method: 'GET', url: `/api/v1/paylater/licences/${ids.licence}` });
  ids.payment = licence.json().payments[0].id;
});
afterAll(() => t.close());

async function writes(): Promise<number> {
  const r = await t.database.db.execute<{ n: string }>(sql`
    select (select count(*) from audit_log) + (select count(*) from outbox) + (select count(*) from pool_entries)
         + (select count(*) from pool_opt_outs) + (select count(*) from pool_editions)
         + (select count(*) from paylater_applications) + (select coalesce(sum(version), 0) from paylater_applications)
         + (select count(*) from paylater_offers) + (select count(*) from paylater_licences)
         + (select count(*) from schedule_items where status = 'paid' or due_on is not null) + (select count(*) from payments) as n`);
  return Number(r.rows[0]!.n);
}

type Who = 'anonymous' | keyof typeof s;
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
const NO_RESULT: [number, string] = [404, 'RESULT_NOT_FOUND'];
const NO_APPLICATION: [number, string] = [404, 'PAYLATER_APPLICATION_NOT_FOUND'];
const NO_LICENCE: [number, string] = [404, 'PAYLATER_LICENCE_NOT_FOUND'];

const routes: Route[] = [
  {
    name: 'my pool',
    method: 'GET',
    url: () => '/api/v1/pool/mine',
    refused: { anonymous: UNAUTH, sme: WRONG_KIND, operator: FORBIDDEN },
  },
  {
    name: 'include voluntarily',
    method: 'POST',
    url: () => `/api/v1/pool/results/${ids.result}/include`,
    refused: { anonymous: UNAUTH, sme: WRONG_KIND, operator: FORBIDDEN, otherInstitution: NO_RESULT },
  },
  {
    name: 'opt out',
    method: 'POST',
    url: () => `/api/v1/pool/results/${ids.result}/opt-out`,
    payload: () => ({ reason: '他人代为申请不纳入' }),
    refused: { anonymous: UNAUTH, sme: WRONG_KIND, operator: FORBIDDEN, otherInstitution: NO_RESULT },
  },
  {
    name: 'apply',
    method: 'POST',
    url: () => '/api/v1/paylater/applications',
    payload: () => ({ resultId: ids.result, ...terms }),
    refused: { anonymous: UNAUTH, institution: WRONG_KIND, operator: FORBIDDEN },
  },
  {
    name: 'list applications',
    method: 'GET',
    url: () => '/api/v1/paylater/applications',
    refused: { anonymous: UNAUTH, operator: FORBIDDEN },
  },
  {
    name: 'read an application',
    method: 'GET',
    url: () => `/api/v1/paylater/applications/${ids.application}`,
    refused: { anonymous: UNAUTH, operator: FORBIDDEN, otherSme: NO_APPLICATION, otherInstitution: NO_APPLICATION },
  },
  {
    name: 'accept',
    method: 'POST',
    url: () => `/api/v1/paylater/applications/${ids.application}/accept`,
    payload: () => ({ version: 1 }),
    refused: {
      anonymous: UNAUTH,
      operator: FORBIDDEN,
      sme: FORBIDDEN, // its own proposal: the institution's move
      otherSme: NO_APPLICATION,
      otherInstitution: NO_APPLICATION,
    },
  },
  {
    name: 'counter',
    method: 'POST',
    url: () => `/api/v1/paylater/applications/${ids.application}/counter`,
    payload: () => ({ version: 1, ...terms, feeFen: 1 }),
    refused: { anonymous: UNAUTH, sme: WRONG_KIND, operator: FORBIDDEN, otherInstitution: NO_APPLICATION },
  },
  {
    name: 'decline',
    method: 'POST',
    url: () => `/api/v1/paylater/applications/${ids.application}/decline`,
    payload: () => ({ version: 1, reason: '不同意' }),
    refused: {
      anonymous: UNAUTH,
      operator: FORBIDDEN,
      sme: FORBIDDEN,
      otherSme: NO_APPLICATION,
      otherInstitution: NO_APPLICATION,
    },
  },
  {
    name: 'withdraw',
    method: 'POST',
    url: () => `/api/v1/paylater/applications/${ids.application}/withdraw`,
    payload: () => ({ version: 1 }),
    refused: { anonymous: UNAUTH, institution: WRONG_KIND, operator: FORBIDDEN, otherSme: NO_APPLICATION },
  },
  {
    name: 'list licences',
    method: 'GET',
    url: () => '/api/v1/paylater/licences',
    refused: { anonymous: UNAUTH, operator: FORBIDDEN },
  },
  {
    name: 'read a licence',
    method: 'GET',
    url: () => `/api/v1/paylater/licences/${ids.licence}`,
    refused: { anonymous: UNAUTH, sme: NO_LICENCE, otherInstitution: NO_LICENCE },
  },
  {
    name: 'report first sales',
    method: 'POST',
    url: () => `/api/v1/paylater/licences/${ids.laterLicence}/first-sales`,
    payload: () => ({ firstSalesOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) }),
    refused: { anonymous: UNAUTH, institution: WRONG_KIND, operator: FORBIDDEN, otherSme: NO_LICENCE },
  },
  {
    name: 'record a payment',
    method: 'POST',
    url: () => `/api/v1/paylater/licences/${ids.licence}/payments/${ids.payment}/received`,
    payload: () => ({ receivedOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) }),
    refused: { anonymous: UNAUTH, otherSme: WRONG_KIND, operator: FORBIDDEN, otherInstitution: NO_LICENCE },
  },
  {
    name: 'overdue payments',
    method: 'GET',
    url: () => '/api/v1/operator/paylater/overdue',
    refused: { anonymous: UNAUTH, sme: FORBIDDEN, institution: FORBIDDEN },
  },
];

const cases = routes.flatMap((r) => Object.entries(r.refused).map(([who, want]) => [r.name, who, r, want] as const));

describe('every pool and pay-later route refuses the roles it does not serve', () => {
  it.each(cases)('%s refuses %s', async (_name, who, route, want) => {
    const before = await writes();
    const session = who === 'anonymous' ? null : s[who as keyof typeof s];
    const res = await as(t.app, session)({ method: route.method, url: route.url(), payload: route.payload?.() });
    expect([res.statusCode, res.json().error?.code]).toEqual(want);
    expect(res.json().requestId).toEqual(expect.any(String));
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await writes()).toBe(before);
  });

  it('refuses a state change without the CSRF token', async () => {
    const before = await writes();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/paylater/applications',
      payload: { resultId: ids.result, ...terms },
      headers: { cookie: `jb_sid=${s.otherSme.cookie}` },
    });
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'CSRF_TOKEN_INVALID']);
    expect(await writes()).toBe(before);
  });

  it('public routes serve anonymous visitors', async () => {
    for (const url of [
      '/api/v1/pool',
      `/api/v1/pool/results/${ids.result}`,
      '/api/v1/pool/editions',
      '/api/v1/pool/editions.atom',
    ]) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
    }
  });
});

const long = (n: number) => '长'.repeat(n);

describe('bad input', () => {
  type Case = [string, Who, 'GET' | 'POST', () => string, (() => unknown) | undefined];
  const bad: Case[] = [
    ['pool: unknown field', 'anonymous', 'GET', () => '/api/v1/pool?field=astrology', undefined],
    ['pool: over-long keyword', 'anonymous', 'GET', () => `/api/v1/pool?keyword=${long(51)}`, undefined],
    ['pool: page 0', 'anonymous', 'GET', () => '/api/v1/pool?page=0', undefined],
    ['pool: page size 101', 'anonymous', 'GET', () => '/api/v1/pool?pageSize=101', undefined],
    ['pool result: malformed id', 'anonymous', 'GET', () => '/api/v1/pool/results/not-a-uuid', undefined],
    ['editions: page size 0', 'anonymous', 'GET', () => '/api/v1/pool/editions?pageSize=0', undefined],
    ['include: malformed id', 'institution', 'POST', () => '/api/v1/pool/results/123/include', undefined],
    ['opt out: no reason', 'institution', 'POST', () => `/api/v1/pool/results/${ids.result}/opt-out`, () => ({})],
    [
      'opt out: one-character reason',
      'institution',
      'POST',
      () => `/api/v1/pool/results/${ids.result}/opt-out`,
      () => ({ reason: '无' }),
    ],
    [
      'opt out: over-long reason',
      'institution',
      'POST',
      () => `/api/v1/pool/results/${ids.result}/opt-out`,
      () => ({ reason: long(1001) }),
    ],
    [
      'opt out: a number for a reason',
      'institution',
      'POST',
      () => `/api/v1/pool/results/${ids.result}/opt-out`,
      () => ({ reason: 12345 }),
    ],
    ...(
      [
        ['no result', { resultId: undefined }],
        ['a malformed result id', { resultId: 'abc' }],
        ['a negative fee', { feeFen: -1 }],
        ['a fee as text', { feeFen: '100000' }],
        ['a fractional fee', { feeFen: 100.5 }],
        ['a royalty above 100 %', { royaltyBp: 10_001 }],
        ['an unknown payment timing', { paymentTiming: 'when_convenient' }],
        ['no payment timing', { paymentTiming: undefined }],
        ['a delay of 0 months', { paymentDelayMonths: 0 }],
        ['a delay of 121 months', { paymentDelayMonths: 121 }],
        ['a term of 21 years', { termYears: 21 }],
        ['no payment conditions', { paymentConditions: undefined }],
        ['over-long payment conditions', { paymentConditions: long(2001) }],
        ['an over-long message', { message: long(1001) }],
        ['an unknown field', { exclusive: true }],
      ] as const
    ).map(([name, patch]): Case => [
      `apply: ${name}`,
      'otherSme',
      'POST',
      () => '/api/v1/paylater/applications',
      () => ({ resultId: ids.result, ...terms, ...patch }),
    ]),
    ['applications: unknown status', 'sme', 'GET', () => '/api/v1/paylater/applications?status=maybe', undefined],
    [
      'accept: no version',
      'institution',
      'POST',
      () => `/api/v1/paylater/applications/${ids.application}/accept`,
      () => ({}),
    ],
    [
      'accept: version as text',
      'institution',
      'POST',
      () => `/api/v1/paylater/applications/${ids.application}/accept`,
      () => ({ version: '1' }),
    ],
    [
      'counter: no terms',
      'institution',
      'POST',
      () => `/api/v1/paylater/applications/${ids.application}/counter`,
      () => ({ version: 1 }),
    ],
    [
      'counter: a term of 0 years',
      'institution',
      'POST',
      () => `/api/v1/paylater/applications/${ids.application}/counter`,
      () => ({ version: 1, ...terms, termYears: 0 }),
    ],
    [
      'decline: over-long reason',
      'institution',
      'POST',
      () => `/api/v1/paylater/applications/${ids.application}/decline`,
      () => ({ version: 1, reason: long(1001) }),
    ],
    [
      'first sales: not a date',
      'sme',
      'POST',
      () => `/api/v1/paylater/licences/${ids.laterLicence}/first-sales`,
      () => ({ firstSalesOn: '2026-13-40' }),
    ],
    [
      'first sales: missing',
      'sme',
      'POST',
      () => `/api/v1/paylater/licences/${ids.laterLicence}/first-sales`,
      () => ({}),
    ],
    [
      'payment: malformed payment id',
      'institution',
      'POST',
      () => `/api/v1/paylater/licences/${ids.licence}/payments/xyz/received`,
      () => ({ receivedOn: '2026-01-01' }),
    ],
    [
      'payment: negative amount',
      'institution',
      'POST',
      () => `/api/v1/paylater/licences/${ids.licence}/payments/${ids.payment}/received`,
      () => ({ receivedOn: '2026-01-01', amountFen: -5 }),
    ],
    [
      'payment: over-long note',
      'institution',
      'POST',
      () => `/api/v1/paylater/licences/${ids.licence}/payments/${ids.payment}/received`,
      () => ({ receivedOn: '2026-01-01', note: long(501) }),
    ],
  ];

  it.each(bad)('%s → 400 with the error shape, nothing written', async (_name, who, method, url, payload) => {
    const before = await writes();
    const session = who === 'anonymous' ? null : s[who as keyof typeof s];
    const res = await as(t.app, session)({ method, url: url(), payload: payload?.() });
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(res.json().requestId).toEqual(expect.any(String));
    expect(await writes()).toBe(before);
  });

  it('refuses malformed JSON with the error shape', async () => {
    const before = await writes();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/paylater/applications',
      payload: '{"resultId": ',
      headers: {
        'content-type': 'application/json',
        cookie: `jb_sid=${s.otherSme.cookie}`,
        'x-csrf-token': s.otherSme.csrf,
      },
    });
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'MALFORMED_REQUEST']);
    expect(await writes()).toBe(before);
  });

  it('unknown ids are 404 with the error shape', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const cases: [Session | null, string, string][] = [
      [null, `/api/v1/pool/results/${missing}`, 'POOL_RESULT_NOT_IN_POOL'],
      [s.sme, `/api/v1/paylater/applications/${missing}`, 'PAYLATER_APPLICATION_NOT_FOUND'],
      [s.sme, `/api/v1/paylater/licences/${missing}`, 'PAYLATER_LICENCE_NOT_FOUND'],
    ];
    for (const [session, url, code] of cases) {
      const res = await as(t.app, session)({ method: 'GET', url });
      expect([res.statusCode, res.json().error.code]).toEqual([404, code]);
    }
    const pay = await as(
      t.app,
      s.institution,
    )({
      method: 'POST',
      url: `/api/v1/paylater/licences/${ids.licence}/payments/${missing}/received`,
      payload: { receivedOn: '2026-01-01' },
    });
    expect([pay.statusCode, pay.json().error.code]).toEqual([404, 'PAYLATER_PAYMENT_NOT_FOUND']);
  });
});
