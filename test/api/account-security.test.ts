// Per-account login protection (a growing delay no header avoids, the user told), password strength
// for new passwords, and change-password for signed-in users.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FREE_LOGIN_FAILURES, loginDelaySeconds, MAX_LOGIN_DELAY_SECONDS } from '../../domain/login-delay.js';
import { notifications, users } from '../../db/schema/index.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  enterpriseRegistration,
  login,
  PASSWORD,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';

// The clock runs ahead of the wall clock by `skip` (sessions expire by the wall clock, delays by this one).
let skip = 0;
let t: TestContext;
let operator: Session;

beforeAll(async () => {
  // A generous per-client limit: this file is about the per-account rule.
  t = await setupTestApp({ LOGIN_RATE_LIMIT: '1000' }, { now: () => new Date(Date.now() + skip) });
  operator = await createOperator(t.app, t.database.db);
});
afterAll(() => t.close());

const attempt = (email: string, password: string, ip: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    headers: { 'x-forwarded-for': ip },
    remoteAddress: ip,
  });

describe('the delay rule', () => {
  it('is free for the first failures, then doubles up to the cap', () => {
    expect(loginDelaySeconds(FREE_LOGIN_FAILURES - 1)).toBe(0);
    expect(loginDelaySeconds(FREE_LOGIN_FAILURES)).toBe(15);
    expect(loginDelaySeconds(FREE_LOGIN_FAILURES + 1)).toBe(30);
    expect(loginDelaySeconds(1000)).toBe(MAX_LOGIN_DELAY_SECONDS);
    for (let n = 0; n < 60; n++) expect(loginDelaySeconds(n + 1)).toBeGreaterThanOrEqual(loginDelaySeconds(n));
  });
});

describe('per-account login protection', () => {
  it('delays an account after repeated failures whatever the client address, tells its user, and lets the right password in once the delay passes', async () => {
    const member = await verifiedMember(t.app, operator, 'enterprise');
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) {
      codes.push((await attempt(member.email, `wrong-password-${i}`, `203.0.113.${i + 1}`)).statusCode);
    }
    expect(codes.slice(0, FREE_LOGIN_FAILURES)).toEqual(Array(FREE_LOGIN_FAILURES).fill(401));
    expect(codes.slice(FREE_LOGIN_FAILURES)).toEqual(Array(30 - FREE_LOGIN_FAILURES).fill(429));
    // The right password waits too, from yet another address.
    const right = await attempt(member.email, PASSWORD, '198.51.100.7');
    expect([right.statusCode, right.json().error.code]).toEqual([429, 'LOGIN_DELAYED']);
    expect(right.json().error.details.retryAfterSeconds).toBeGreaterThan(0);

    const told = await t.database.db.select().from(notifications).where(eq(notifications.userId, member.userId));
    expect(told.filter((n) => n.kind === 'login_failures')).toHaveLength(1);

    skip += loginDelaySeconds(FREE_LOGIN_FAILURES) * 1000;
    expect((await attempt(member.email, PASSWORD, '198.51.100.7')).statusCode).toBe(200);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, member.userId));
    expect(row!.failedLogins).toBe(0);
  });

  it('lets one of many concurrent attempts past the free ones try, and counts it', async () => {
    const member = await verifiedMember(t.app, operator, 'institution');
    for (let i = 0; i < FREE_LOGIN_FAILURES; i++) await attempt(member.email, 'wrong-password', '192.0.2.1');
    skip += MAX_LOGIN_DELAY_SECONDS * 1000;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => attempt(member.email, `guess-${i}`, `192.0.2.${i + 10}`)),
    );
    expect(results.filter((r) => r.statusCode === 401)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 429)).toHaveLength(7);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, member.userId));
    expect(row!.failedLogins).toBe(FREE_LOGIN_FAILURES + 1);
  });
});

describe('password strength', () => {
  it.each([
    ['12345678'],
    ['password'],
    ['        '],
    ['1234567890'],
    ['woaini1314520'],
    ['zhangwei19900101'],
    ['qwertyuiop'],
  ])('refuses %j as a new password and writes nothing', async (password) => {
    const before = await t.database.db.execute<{ n: string }>(sql`select count(*) as n from users`);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { ...enterpriseRegistration(), password },
    });
    expect(res.statusCode === 400 || res.statusCode === 422).toBe(true);
    expect(['VALIDATION_FAILED', 'PASSWORD_TOO_WEAK']).toContain(res.json().error.code);
    const after = await t.database.db.execute<{ n: string }>(sql`select count(*) as n from users`);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('accepts a strong one', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { ...enterpriseRegistration(), password: 'Shenyang-Lab-7429' },
    });
    expect(res.statusCode).toBe(201);
  });
});

describe('change password', () => {
  it('requires the current password, refuses a weak new one, ends other sessions and keeps this one', async () => {
    const member = await verifiedMember(t.app, operator, 'enterprise');
    const other = await login(t.app, member.email);
    const change = (body: object) => as(t.app, member)({ method: 'POST', url: '/api/v1/auth/password', payload: body });

    const wrong = await change({ currentPassword: 'not-my-password', newPassword: 'Shenyang-Lab-7429' });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([403, 'WRONG_CURRENT_PASSWORD']);
    const weak = await change({ currentPassword: PASSWORD, newPassword: '1234567890' });
    expect([weak.statusCode, weak.json().error.code]).toEqual([422, 'PASSWORD_TOO_WEAK']);
    expect((await as(t.app, other)({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);

    expect((await change({ currentPassword: PASSWORD, newPassword: 'Shenyang-Lab-7429' })).statusCode).toBe(204);
    expect((await as(t.app, member)({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    expect((await as(t.app, other)({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await attempt(member.email, PASSWORD, '192.0.2.200')).statusCode).toBe(401);
    expect((await attempt(member.email, 'Shenyang-Lab-7429', '192.0.2.200')).statusCode).toBe(200);
  });

  it('refuses anonymous callers and a missing CSRF token', async () => {
    const anon = await as(
      t.app,
      null,
    )({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: PASSWORD, newPassword: 'Shenyang-Lab-7429' },
    });
    expect(anon.statusCode).toBe(401);
    const member = await verifiedMember(t.app, operator, 'enterprise');
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: PASSWORD, newPassword: 'Shenyang-Lab-7429' },
      headers: { cookie: `jb_sid=${member.cookie}` },
    });
    expect([noCsrf.statusCode, noCsrf.json().error.code]).toEqual([403, 'CSRF_TOKEN_INVALID']);
  });
});
