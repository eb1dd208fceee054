// Hostile text and numbers are a 400 in the standard error shape, never a 500, and write nothing;
// oversize requests (413, 414, 431) and wrong content types (415) answer in the same shape without
// echoing the request.
import { connect } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggableError } from '../../server/plugins/errors.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  enterpriseRegistration,
  PASSWORD,
  resultBody,
  supplyBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';

let t: TestContext;
let inst: Session;
let resultId: string;

beforeAll(async () => {
  t = await setupTestApp();
  const operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
  resultId = (await as(t.app, inst)({ method: 'POST', url: '/api/v1/results', payload: resultBody() })).json().id;
});
afterAll(() => t.close());

async function rows(): Promise<number> {
  const r = await t.database.db.execute<{ n: string }>(sql`
    select (select count(*) from listings) + (select count(*) from results) + (select count(*) from users)
         + (select count(*) from organisations) + (select count(*) from sessions) as n`);
  return Number(r.rows[0]!.n);
}

function expectStandard400(res: { statusCode: number; json(): { error: { code: string }; requestId: string } }) {
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('VALIDATION_FAILED');
  expect(typeof res.json().requestId).toBe('string');
}

describe('control characters in text', () => {
  const NUL = 'a\u0000b';
  const cases: Array<[string, () => Promise<{ statusCode: number; json(): never }>]> = [
    [
      'login e-mail',
      () => as(t.app, null)({ method: 'POST', url: '/api/v1/auth/login', payload: { email: NUL, password: PASSWORD } }),
    ],
    [
      'registration display name',
      () =>
        as(
          t.app,
          null,
        )({
          method: 'POST',
          url: '/api/v1/auth/register',
          payload: { ...enterpriseRegistration(), displayName: NUL },
        }),
    ],
    [
      'result title',
      () => as(t.app, inst)({ method: 'POST', url: '/api/v1/results', payload: resultBody({ title: `成果${NUL}` }) }),
    ],
    [
      'listing summary with an escape character',
      () =>
        as(
          t.app,
          inst,
        )({
          method: 'POST',
          url: '/api/v1/listings',
          payload: supplyBody(resultId, { summary: '摘要内容足够长\u001b[31m' }),
        }),
    ],
    ['pool keyword', () => as(t.app, null)({ method: 'GET', url: '/api/v1/pool?keyword=%00' })],
    ['search query', () => as(t.app, null)({ method: 'GET', url: '/api/v1/search?q=%00' })],
  ];
  it.each(cases)('refuses NUL and control characters in the %s', async (_name, send) => {
    const before = await rows();
    expectStandard400(await send());
    expect(await rows()).toBe(before);
  });

  it('keeps newline and tab in multi-line text', async () => {
    const res = await as(
      t.app,
      inst,
    )({
      method: 'POST',
      url: '/api/v1/listings',
      payload: supplyBody(resultId, { summary: '第一行\n第二行\t摘要内容' }),
    });
    expect(res.statusCode).toBe(201);
  });

  it('refuses unknown fields in the login body', async () => {
    const res = await as(
      t.app,
      null,
    )({ method: 'POST', url: '/api/v1/auth/login', payload: { email: inst.email, password: PASSWORD, admin: true } });
    expectStandard400(res);
  });
});

describe('integers beyond their column', () => {
  it('answers 400 to a bid sequence past PostgreSQL integer', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expectStandard400(await as(t.app, null)({ method: 'GET', url: `/api/v1/auctions/${id}/bids?afterSeq=2147483648` }));
    expectStandard400(
      await as(
        t.app,
        inst,
      )({
        method: 'PUT',
        url: `/api/v1/results/${resultId}`,
        payload: { ...resultBody(), version: 2 ** 40 },
      }),
    );
  });
});

describe('oversize and mistyped requests', () => {
  it('answers 413 and 415 in the standard shape', async () => {
    const big = await as(
      t.app,
      null,
    )({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: JSON.stringify({ email: 'x'.repeat(2 * 1024 * 1024), password: 'x' }),
      headers: { 'content-type': 'application/json' },
    });
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const xml = await as(
      t.app,
      null,
    )({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: '<login/>',
      headers: { 'content-type': 'text/xml' },
    });
    expect([xml.statusCode, xml.json().error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('answers 414 for a long address, without echoing it', async () => {
    const marker = 'Z'.repeat(9000);
    const res = await as(t.app, null)({ method: 'GET', url: `/api/v1/listings?keyword=${marker}` });
    expect([res.statusCode, res.json().error.code]).toEqual([414, 'URI_TOO_LONG']);
    expect(res.body).not.toContain('ZZZZ');
  });

  it('answers 431 for oversize headers in the standard shape, without echoing them', async () => {
    const server = await setupTestApp();
    try {
      await server.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = server.app.server.address() as { port: number };
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'Q'.repeat(40_000)}\r\n\r\n`);
        });
        let data = '';
        socket.on('data', (d) => (data += d.toString()));
        socket.on('close', () => resolve(data));
        socket.on('error', (err) => (data ? resolve(data) : reject(err)));
      });
      expect(raw).toMatch(/^HTTP\/1\.1 431 /);
      const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
      expect(body.error.code).toBe('HEADERS_TOO_LARGE');
      expect(body.requestId).toBeTypeOf('string');
      expect(raw).not.toContain('QQQQ');
    } finally {
      await server.close();
    }
  });
});

describe('error logs', () => {
  it('leave out what the user typed in a failed query', () => {
    const cause = Object.assign(new Error('invalid input syntax for type uuid: "secret-typed"'), { code: '22P02' });
    const err = Object.assign(new Error('Failed query: select 1 where id = $1\nparams: secret-typed'), {
      query: 'select 1 where id = $1',
      params: ['secret-typed'],
      cause,
    });
    const logged = JSON.stringify(loggableError(err));
    expect(logged).not.toContain('secret-typed');
    expect(logged).toContain('22P02');
    expect(logged).toContain('select 1 where id = $1');
  });
});
