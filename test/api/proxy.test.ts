// Proxy headers count only from configured proxies (TRUST_PROXY), and absolute links come from
// PUBLIC_URL, never from the request's Host or X-Forwarded-Host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { createOperator, PASSWORD, type Session } from '../helpers/factories.js';

describe('without TRUST_PROXY', () => {
  let t: TestContext;
  let operator: Session;
  beforeAll(async () => {
    t = await setupTestApp({ LOGIN_RATE_LIMIT: '5', PUBLIC_URL: 'https://jiebang.example.cn' });
    operator = await createOperator(t.app, t.database.db);
  });
  afterAll(() => t.close());

  it('limits a client that changes X-Forwarded-For on every attempt', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: operator.email, password: `wrong-password-${i}` },
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
      });
      codes.push(res.statusCode);
    }
    // Five attempts a minute (the operator's own sign-in counted one): the changing header did not help.
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(codes.slice(-3)).toEqual([429, 429, 429]);
  });

  it('builds feed links from PUBLIC_URL, not from X-Forwarded-Host or Host', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/pool/editions.atom',
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('evil.example');
    expect(res.body).toContain('https://jiebang.example.cn/api/v1/pool/editions');
  });
});

describe('with TRUST_PROXY naming the proxy', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupTestApp({ LOGIN_RATE_LIMIT: '2', TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('counts each forwarded client on its own', async () => {
    const attempt = (ip: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'nobody@example.cn', password: PASSWORD },
        headers: { 'x-forwarded-for': ip },
      });
    for (let i = 0; i < 2; i++) expect((await attempt('198.51.100.1')).statusCode).toBe(401);
    expect((await attempt('198.51.100.1')).statusCode).toBe(429);
    expect((await attempt('198.51.100.2')).statusCode).toBe(401);
  });
});
