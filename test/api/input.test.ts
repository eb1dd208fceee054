// Bad input on every kind of route → a clear 4xx with the error shape, and nothing written.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  demandBody,
  enterpriseRegistration,
  institutionRegistration,
  login,
  PASSWORD,
  resultBody,
  supplyBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';

let t: TestContext;
let operator: Session;
let inst: Session;
let ent: Session;
let resultId: string;
let draftId: string;

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_LIMIT: '5' });
  operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
  ent = await verifiedMember(t.app, operator, 'enterprise');
  resultId = (await as(t.app, inst)({ method: 'POST', url: '/api/v1/results', payload: resultBody() })).json().id;
  draftId = (await as(t.app, inst)({ method: 'POST', url: '/api/v1/listings', payload: supplyBody(resultId) })).json()
    .id;
});
afterAll(() => t.close());

async function writes(): Promise<number> {
  const r = await t.database.db.execute<{ n: string }>(sql`
    select (select count(*) from audit_log) + (select count(*) from listings) + (select count(*) from results)
         + (select count(*) from organisations) + (select count(*) from users) + (select sum(version) from listings) as n`);
  return Number(r.rows[0]!.n);
}

const long = (n: number) => '长'.repeat(n);

describe('registration input', () => {
  const cases: Array<[string, unknown, number, string]> = [
    [
      'an invalid credit code check character',
      {
        ...enterpriseRegistration(),
        organisation: { ...enterpriseRegistration().organisation, creditCode: '91350100M000100Y44' },
      },
      400,
      'INVALID_CREDIT_CODE',
    ],
    [
      'a credit code of the wrong length',
      { ...enterpriseRegistration(), organisation: { ...enterpriseRegistration().organisation, creditCode: '9135' } },
      400,
      'VALIDATION_FAILED',
    ],
    ['a missing e-mail', { ...enterpriseRegistration(), email: undefined }, 400, 'VALIDATION_FAILED'],
    ['a malformed e-mail', { ...enterpriseRegistration(), email: 'not-an-email' }, 400, 'VALIDATION_FAILED'],
    ['a short password', { ...enterpriseRegistration(), password: 'short' }, 400, 'VALIDATION_FAILED'],
    [
      'an unknown region',
      { ...enterpriseRegistration(), organisation: { ...enterpriseRegistration().organisation, region: 'beijing' } },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'an over-long name',
      { ...enterpriseRegistration(), organisation: { ...enterpriseRegistration().organisation, name: long(101) } },
      400,
      'VALIDATION_FAILED',
    ],
    ['a wrong type', { ...enterpriseRegistration(), displayName: 42 }, 400, 'VALIDATION_FAILED'],
    ['an unknown field', { ...enterpriseRegistration(), role: 'operator' }, 400, 'VALIDATION_FAILED'],
    ['operator self-registration', { ...enterpriseRegistration(), kind: 'operator' }, 400, 'VALIDATION_FAILED'],
    [
      'an enterprise without size class',
      { ...enterpriseRegistration(), organisation: { ...enterpriseRegistration().organisation, sizeClass: undefined } },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'an institution without type',
      {
        ...institutionRegistration(),
        organisation: { ...institutionRegistration().organisation, institutionType: undefined },
      },
      400,
      'VALIDATION_FAILED',
    ],
  ];
  it.each(cases)('refuses %s', async (_name, payload, status, code) => {
    const before = await writes();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: payload as object });
    expect([res.statusCode, res.json().error.code]).toEqual([status, code]);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await writes()).toBe(before);
  });

  it('refuses malformed JSON and a non-JSON body', async () => {
    const before = await writes();
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: '{"kind": "enterprise",',
      headers: { 'content-type': 'application/json' },
    });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'MALFORMED_REQUEST']);
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: '<a/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await writes()).toBe(before);
  });

  it('refuses a taken e-mail and a taken credit code with their own codes', async () => {
    const first = enterpriseRegistration();
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: first })).statusCode).toBe(201);
    const before = await writes();
    const sameEmail = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { ...enterpriseRegistration(), email: first.email.toUpperCase() },
    });
    expect([sameEmail.statusCode, sameEmail.json().error.code]).toEqual([409, 'EMAIL_TAKEN']);
    const sameCode = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        ...enterpriseRegistration(),
        organisation: {
          ...enterpriseRegistration().organisation,
          creditCode: first.organisation.creditCode.toLowerCase(),
        },
      },
    });
    expect([sameCode.statusCode, sameCode.json().error.code]).toEqual([409, 'CREDIT_CODE_TAKEN']);
    expect(await writes()).toBe(before);
  });
});

describe('login', () => {
  it('gives the same answer for an unknown e-mail and a wrong password, then rate-limits', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@x.cn', password: PASSWORD },
    });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: inst.email, password: 'wrong-password' },
    });
    expect(unknown.json().error).toEqual(wrong.json().error);
    expect(wrong.statusCode).toBe(401);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { email: inst.email, password: 'x' },
          })
        ).statusCode,
      );
    }
    expect(codes).toContain(429);
    const limited = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: inst.email, password: PASSWORD },
    });
    expect([limited.statusCode, limited.json().error.code]).toEqual([429, 'RATE_LIMITED']);
  });

  it('sets an HttpOnly, SameSite session cookie and ends the session on logout', async () => {
    // A fresh app (own rate-limit window) so the test above does not interfere.
    const t2 = await setupTestApp();
    try {
      const op = await createOperator(t2.app, t2.database.db);
      const res = await t2.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: op.email, password: PASSWORD },
      });
      const cookie = res.cookies.find((c) => c.name === 'jb_sid')!;
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Lax');
      const session = await login(t2.app, op.email);
      expect((await as(t2.app, session)({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
      expect((await as(t2.app, session)({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    } finally {
      await t2.close();
    }
  });
});

describe('results input (措施一, 措施十五)', () => {
  const cases: Array<[string, Record<string, unknown>, number, string]> = [
    [
      'co-owned shares not totalling 100 %',
      {
        ownership: 'co_owned',
        coOwners: [
          { name: '测试工业大学', shareBp: 3000, party: 'institution' },
          { name: '团队', shareBp: 5000, party: 'team' },
        ],
      },
      422,
      'SHARES_MUST_TOTAL_100',
    ],
    // 措施一: 科研单位与成果完成人（团队）成为共同所有权人 — a team holding everything was accepted before.
    [
      'co-owned by the team alone',
      { ownership: 'co_owned', coOwners: [{ name: '团队', shareBp: 10000, party: 'team' }] },
      422,
      'CO_OWNER_INSTITUTION_REQUIRED',
    ],
    [
      'a co-owner without its party',
      { ownership: 'co_owned', coOwners: [{ name: '团队', shareBp: 10000 }] },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'long-term use whose dates span under 10 years',
      { ownership: 'long_term_use', longTermUseStartsOn: '2026-01-01', longTermUseEndsOn: '2031-01-01' },
      422,
      'LONG_TERM_USE_TOO_SHORT',
    ],
    [
      'long-term use that has already ended',
      { ownership: 'long_term_use', longTermUseStartsOn: '2010-01-01', longTermUseEndsOn: '2020-12-31' },
      422,
      'LONG_TERM_USE_ENDED',
    ],
    [
      'long-term use given as a number of years (the old field)',
      { ownership: 'long_term_use', longTermUseYears: 12, longTermUseEndsOn: '2040-01-01' },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a classified result granted to the team',
      {
        securityClass: 'classified',
        ownership: 'co_owned',
        coOwners: [
          { name: '测试工业大学', shareBp: 5000, party: 'institution' },
          { name: '团队', shareBp: 5000, party: 'team' },
        ],
      },
      422,
      'SECURITY_CLASS_FORBIDS_GRANT',
    ],
    [
      'a restricted result managed separately',
      { securityClass: 'restricted', separatelyManaged: true },
      422,
      'SECURITY_CLASS_FORBIDS_SEPARATE',
    ],
    [
      'a grant date in the future',
      { ipItems: [{ type: 'invention_patent', number: 'ZL1', grantDate: '2999-01-01' }] },
      422,
      'GRANT_DATE_IN_FUTURE',
    ],
    [
      'an invalid date',
      { ipItems: [{ type: 'invention_patent', number: 'ZL1', grantDate: '2021-13-45' }] },
      400,
      'VALIDATION_FAILED',
    ],
    ['an unknown IP type', { ipItems: [{ type: 'trademark', number: 'ZL1' }] }, 400, 'VALIDATION_FAILED'],
    ['a missing title', { title: undefined }, 400, 'VALIDATION_FAILED'],
    ['an over-long summary', { summary: long(2001) }, 400, 'VALIDATION_FAILED'],
    [
      'a share that is not an integer',
      { ownership: 'co_owned', coOwners: [{ name: '团队', shareBp: 50.5 }] },
      400,
      'VALIDATION_FAILED',
    ],
  ];
  it.each(cases)('refuses %s', async (_name, over, status, code) => {
    const before = await writes();
    const res = await as(t.app, inst)({ method: 'POST', url: '/api/v1/results', payload: resultBody(over) });
    expect([res.statusCode, res.json().error.code]).toEqual([status, code]);
    expect(await writes()).toBe(before);
  });

  it('refuses a stale version', async () => {
    const before = await writes();
    const res = await as(
      t.app,
      inst,
    )({ method: 'PUT', url: `/api/v1/results/${resultId}`, payload: { ...resultBody(), version: 99 } });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect(await writes()).toBe(before);
  });
});

describe('listings input', () => {
  const cases: Array<[string, () => Record<string, unknown>, number, string]> = [
    [
      'negotiated pricing without a counterparty',
      () => supplyBody(resultId, { pricingMode: 'negotiated' }),
      422,
      'COUNTERPARTY_REQUIRED',
    ],
    ['a fixed price missing', () => supplyBody(resultId, { priceFen: null }), 422, 'PRICE_REQUIRED'],
    ['a negative price', () => supplyBody(resultId, { priceFen: -1 }), 400, 'VALIDATION_FAILED'],
    ['a fractional price in 分', () => supplyBody(resultId, { priceFen: 10.5 }), 400, 'VALIDATION_FAILED'],
    ['an unknown pricing mode', () => supplyBody(resultId, { pricingMode: 'lottery' }), 400, 'VALIDATION_FAILED'],
    ['an unknown field', () => supplyBody(resultId, { field: 'astrology' }), 400, 'VALIDATION_FAILED'],
    ['a result id that is not a uuid', () => supplyBody('abc'), 400, 'VALIDATION_FAILED'],
    ['a result that does not exist', () => supplyBody('00000000-0000-4000-8000-000000000000'), 422, 'RESULT_REQUIRED'],
    ['an over-long title', () => supplyBody(resultId, { title: long(121) }), 400, 'VALIDATION_FAILED'],
    [
      'duplicate transaction types',
      () => supplyBody(resultId, { transactionTypes: ['license', 'license'] }),
      400,
      'VALIDATION_FAILED',
    ],
  ];
  it.each(cases)('refuses %s', async (_name, body, status, code) => {
    const before = await writes();
    const res = await as(t.app, inst)({ method: 'POST', url: '/api/v1/listings', payload: body() });
    expect([res.statusCode, res.json().error.code]).toEqual([status, code]);
    expect(await writes()).toBe(before);
  });

  it('refuses a demand without a deadline or with a malformed one', async () => {
    const before = await writes();
    const none = await as(
      t.app,
      ent,
    )({ method: 'POST', url: '/api/v1/listings', payload: demandBody({ deadline: undefined }) });
    expect([none.statusCode, none.json().error.code]).toEqual([422, 'DEADLINE_REQUIRED']);
    const bad = await as(
      t.app,
      ent,
    )({ method: 'POST', url: '/api/v1/listings', payload: demandBody({ deadline: 'tomorrow' }) });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await writes()).toBe(before);
  });

  it('refuses a classified result (措施十五)', async () => {
    const classified = (
      await as(
        t.app,
        inst,
      )({ method: 'POST', url: '/api/v1/results', payload: resultBody({ securityClass: 'classified' }) })
    ).json().id;
    const before = await writes();
    const res = await as(t.app, inst)({ method: 'POST', url: '/api/v1/listings', payload: supplyBody(classified) });
    expect([res.statusCode, res.json().error.code]).toEqual([422, 'RESULT_CLASSIFIED']);
    expect(await writes()).toBe(before);
  });

  it('refuses bad ids, queries and stale versions', async () => {
    const before = await writes();
    expect((await as(t.app, null)({ method: 'GET', url: '/api/v1/listings/not-a-uuid' })).statusCode).toBe(400);
    expect((await as(t.app, null)({ method: 'GET', url: '/api/v1/listings?kind=both' })).json().error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await as(t.app, null)({ method: 'GET', url: '/api/v1/listings?status=draft' })).statusCode).toBe(400);
    expect((await as(t.app, null)({ method: 'GET', url: '/api/v1/listings?pageSize=1000' })).statusCode).toBe(400);
    const stale = await as(
      t.app,
      inst,
    )({ method: 'PATCH', url: `/api/v1/listings/${draftId}`, payload: { title: '新标题的项目', version: 7 } });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect(await writes()).toBe(before);
  });

  it('stores HTML and script in text as plain data and returns it unchanged', async () => {
    const title = '<script>alert("x")</script><b>锂电池</b>';
    const res = await as(
      t.app,
      inst,
    )({
      method: 'POST',
      url: '/api/v1/listings',
      payload: supplyBody(resultId, { title, summary: `<img src=x onerror=alert(1)> 摘要内容足够长` }),
    });
    expect(res.statusCode).toBe(201);
    const read = await as(t.app, inst)({ method: 'GET', url: `/api/v1/listings/${res.json().id}` });
    expect(read.json().title).toBe(title);
    expect(read.headers['content-type']).toMatch(/application\/json/);
  });

  it('hides a 500 behind a generic message', async () => {
    // A request the database rejects in a way no rule anticipated must not leak SQL.
    const res = await as(t.app, null)({ method: 'GET', url: '/api/v1/listings?page=10000&pageSize=100' });
    expect(res.statusCode).toBe(200);
  });
});
