// Issue 18 step 1: researchers (成果完成人) are invited by their institution, join through a single-use
// link, may belong to several organisations and switch between them; the roles that may not invite are
// refused and nothing is written on refusal or bad input.
import { readdir } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  institutionRegistration,
  invitationToken,
  login,
  PASSWORD,
  register,
  researcherSession,
  uniqueEmail,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';
import { readMailbox } from '../../platform/mail.js';
import { notify } from '../../server/notifications/service.js';

let t: TestContext;
let clock = new Date('2026-12-01T02:00:00Z');
let operator: Session;
let institution: Session;
let otherInstitution: Session;
let enterprise: Session;

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_LIMIT: '100000', REGISTER_RATE_LIMIT: '100000' }, { now: () => clock });
  operator = await createOperator(t.app, t.database.db);
  institution = await verifiedMember(t.app, operator, 'institution');
  otherInstitution = await verifiedMember(t.app, operator, 'institution');
  enterprise = await verifiedMember(t.app, operator, 'enterprise');
}, 180_000);
afterAll(() => t.close());

async function count(table: string): Promise<number> {
  const r = await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return r.rows[0]!.n;
}

async function invite(by: Session, email: string, displayName = '王磊') {
  return as(t.app, by)({ method: 'POST', url: '/api/v1/my/invitations', payload: { email, displayName } });
}

function accept(body: Record<string, unknown>, session: Session | null = null) {
  return as(t.app, session)({ method: 'POST', url: '/api/v1/invitations/accept', payload: body });
}

describe('invitation and join', () => {
  it('mails a single-use link; the invitee joins with a new account as a researcher', async () => {
    const email = uniqueEmail('li');
    const res = await invite(institution, email, '李明');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email, displayName: '李明', status: 'pending', acceptedAt: null });

    const [mail] = await readMailbox(t.config.mail.dir, email);
    expect(mail!.raw).toMatch(/^Subject: /m);
    expect(mail!.body).toContain('李明，您好');
    expect(mail!.body).toContain(`${t.config.publicUrl}/join#`);
    const token = await invitationToken(t.config.mail.dir, email);
    // Only the token's hash is stored.
    const stored = await t.database.db.execute<{ token_hash: string }>(
      sql`select token_hash from invitations where email = ${email}`,
    );
    expect(stored.rows[0]!.token_hash).not.toContain(token);

    const looked = await as(t.app, null)({ method: 'POST', url: '/api/v1/invitations/lookup', payload: { token } });
    expect(looked.statusCode).toBe(200);
    expect(looked.json()).toMatchObject({ email, displayName: '李明', hasAccount: false });

    // A weak password for the new account: refused, nothing written.
    const users = await count('users');
    const weak = await accept({ token, password: '1234567890' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.code).toBe('PASSWORD_TOO_WEAK');
    expect(await count('users')).toBe(users);

    const joined = await accept({ token, password: PASSWORD });
    expect(joined.statusCode).toBe(200);
    const body = joined.json();
    expect(body).toMatchObject({ role: 'researcher', memberRole: 'researcher' });
    expect(body.organisation.id).toBe(institution.orgId);
    // 最小必要: a researcher's session carries the institution's public profile, not its contact
    // person, phone, address, credit code or verification notes.
    for (const key of ['contactName', 'contactPhone', 'address', 'creditCode', 'verificationNote', 'createdAt']) {
      expect(body.organisation).not.toHaveProperty(key);
    }
    expect(body.organisation).toMatchObject({ name: expect.any(String), verificationStatus: 'verified' });
    expect(body.memberships).toEqual([
      expect.objectContaining({ organisationId: institution.orgId, kind: 'institution', role: 'researcher' }),
    ]);

    // Single use.
    const again = await accept({ token, password: PASSWORD });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVITATION_USED');
    const list = await as(t.app, institution)({ method: 'GET', url: '/api/v1/my/invitations' });
    expect(list.json().items.find((i: { email: string }) => i.email === email)).toMatchObject({ status: 'accepted' });
  });

  it('refuses an expired link (the clock moves, nothing waits)', async () => {
    const email = uniqueEmail('late');
    expect((await invite(institution, email)).statusCode).toBe(201);
    const token = await invitationToken(t.config.mail.dir, email);
    const before = clock;
    clock = new Date(clock.getTime() + 8 * 86_400_000); // INVITATION_TTL defaults to P7D
    try {
      const users = await count('users');
      const res = await accept({ token, password: PASSWORD });
      expect(res.statusCode).toBe(410);
      expect(res.json().error.code).toBe('INVITATION_EXPIRED');
      expect(await count('users')).toBe(users);
    } finally {
      clock = before;
    }
  });

  it('an unknown or revoked link is refused', async () => {
    const unknown = await accept({ token: 'A'.repeat(43), password: PASSWORD });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('INVITATION_NOT_FOUND');

    const email = uniqueEmail('revoked');
    const id = (await invite(institution, email)).json().id;
    const token = await invitationToken(t.config.mail.dir, email);
    const revoked = await as(t.app, institution)({ method: 'POST', url: `/api/v1/my/invitations/${id}/revoke` });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().status).toBe('revoked');
    const res = await accept({ token, password: PASSWORD });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('INVITATION_USED');
    // Another institution cannot revoke it (it does not exist for them).
    const foreign = await as(t.app, otherInstitution)({ method: 'POST', url: `/api/v1/my/invitations/${id}/revoke` });
    expect(foreign.statusCode).toBe(404);
  });

  it('of two concurrent accepts of one link exactly one joins', async () => {
    const email = uniqueEmail('race');
    await invite(institution, email);
    const token = await invitationToken(t.config.mail.dir, email);
    const results = await Promise.all([accept({ token, password: PASSWORD }), accept({ token, password: PASSWORD })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const rows = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from memberships m join users u on u.id = m.user_id where u.email = ${email}`,
    );
    expect(rows.rows[0]!.n).toBe(1);
  });
});

describe('several organisations and the active-organisation switch', () => {
  it('a researcher of two institutions joins the second with their password and switches', async () => {
    const email = uniqueEmail('two');
    const first = await researcherSession(t.app, institution, t.config.mail.dir, { email });
    expect((await invite(otherInstitution, email)).statusCode).toBe(201);
    const token = await invitationToken(t.config.mail.dir, email);
    const looked = await as(t.app, null)({ method: 'POST', url: '/api/v1/invitations/lookup', payload: { token } });
    expect(looked.json().hasAccount).toBe(true);

    const memberships = await count('memberships');
    const wrong = await accept({ token, password: 'not-the-password-1' });
    expect(wrong.statusCode).toBe(401);
    expect(await count('memberships')).toBe(memberships);

    const joined = await accept({ token, password: PASSWORD });
    expect(joined.statusCode).toBe(200);
    expect(joined.json().organisation.id).toBe(otherInstitution.orgId);
    expect(joined.json().memberships).toHaveLength(2);

    // The first session still acts for the first institution; it switches to the second.
    const me = await as(t.app, first)({ method: 'GET', url: '/api/v1/me' });
    expect(me.json().organisation.id).toBe(institution.orgId);
    const switched = await as(
      t.app,
      first,
    )({
      method: 'POST',
      url: '/api/v1/me/organisation',
      payload: { organisationId: otherInstitution.orgId },
    });
    expect(switched.statusCode).toBe(200);
    expect(switched.json()).toMatchObject({ role: 'researcher', organisation: { id: otherInstitution.orgId } });
    expect((await as(t.app, first)({ method: 'GET', url: '/api/v1/me' })).json().organisation.id).toBe(
      otherInstitution.orgId,
    );

    // Not a member there: refused, the session unchanged.
    const refused = await as(
      t.app,
      first,
    )({
      method: 'POST',
      url: '/api/v1/me/organisation',
      payload: { organisationId: enterprise.orgId },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('MEMBERSHIP_NOT_FOUND');
    expect((await as(t.app, first)({ method: 'GET', url: '/api/v1/me' })).json().organisation.id).toBe(
      otherInstitution.orgId,
    );
    const bad = await as(
      t.app,
      first,
    )({ method: 'POST', url: '/api/v1/me/organisation', payload: { organisationId: 'x' } });
    expect(bad.statusCode).toBe(400);
  });

  it('an enterprise member who is also a researcher acts as what the session names', async () => {
    const researcher = await researcherSession(t.app, institution, t.config.mail.dir, {
      email: enterprise.email,
      password: PASSWORD,
    });
    // Joined by the invitation: the new session acts as the researcher, who may not list results.
    const asResearcher = await as(t.app, researcher)({ method: 'GET', url: '/api/v1/results' });
    expect(asResearcher.statusCode).toBe(403);
    // A fresh login acts for the first membership (the enterprise), whose routes answer.
    const again = await login(t.app, enterprise.email);
    const me = (await as(t.app, again)({ method: 'GET', url: '/api/v1/me' })).json();
    expect(me).toMatchObject({ role: 'enterprise', organisation: { id: enterprise.orgId } });
    // A member of the organisation sees its private profile (the same person, acting for it).
    expect(me.organisation).toHaveProperty('contactPhone');
    expect(me.memberships.map((m: { role: string }) => m.role).sort()).toEqual(['admin', 'researcher']);
    const ownListings = await as(t.app, again)({ method: 'GET', url: '/api/v1/my/listings' });
    expect(ownListings.statusCode).toBe(200);
    const switched = await as(
      t.app,
      again,
    )({
      method: 'POST',
      url: '/api/v1/me/organisation',
      payload: { organisationId: institution.orgId },
    });
    expect(switched.json().role).toBe('researcher');
    expect(switched.json().organisation).not.toHaveProperty('contactPhone');
    expect((await as(t.app, again)({ method: 'GET', url: '/api/v1/my/listings' })).statusCode).toBe(403);
  });

  it("an organisation's notifications do not reach its researchers", async () => {
    const researcher = await researcherSession(t.app, institution, t.config.mail.dir);
    await t.database.db.transaction((tx) =>
      notify(tx, { orgIds: [institution.orgId] }, 'login_failures', { listingTitle: '', count: 5, at: clock }, clock),
    );
    const staff = await as(t.app, institution)({ method: 'GET', url: '/api/v1/notifications' });
    const own = await as(t.app, researcher)({ method: 'GET', url: '/api/v1/notifications' });
    expect(staff.json().items.length).toBeGreaterThan(0);
    expect(own.statusCode).toBe(200);
    expect(own.json().items).toHaveLength(0);
  });
});

describe('who may invite; bad input writes nothing', () => {
  it('refuses every role but a verified institution, and bad input', async () => {
    const researcher = await researcherSession(t.app, institution, t.config.mail.dir);
    const unverified = await register(t.app, institutionRegistration());
    const before = { invitations: await count('invitations'), mails: (await readdir(t.config.mail.dir)).length };
    const cases: Array<[Session | null, unknown, number, string]> = [
      [null, { email: uniqueEmail(), displayName: '王磊' }, 401, 'UNAUTHENTICATED'],
      [operator, { email: uniqueEmail(), displayName: '王磊' }, 403, 'FORBIDDEN'],
      [enterprise, { email: uniqueEmail(), displayName: '王磊' }, 403, 'WRONG_ORG_KIND'],
      [researcher, { email: uniqueEmail(), displayName: '王磊' }, 403, 'FORBIDDEN'],
      [unverified, { email: uniqueEmail(), displayName: '王磊' }, 403, 'INVITER_NOT_VERIFIED'],
      [institution, { email: 'not-an-email', displayName: '王磊' }, 400, 'VALIDATION_FAILED'],
      [institution, { email: uniqueEmail(), displayName: '' }, 400, 'VALIDATION_FAILED'],
      [institution, { email: uniqueEmail(), displayName: '王磊', role: 'admin' }, 400, 'VALIDATION_FAILED'],
      [institution, { email: researcher.email, displayName: '王磊' }, 409, 'ALREADY_MEMBER'],
    ];
    for (const [who, payload, status, code] of cases) {
      const res = await as(t.app, who)({ method: 'POST', url: '/api/v1/my/invitations', payload });
      expect([res.statusCode, res.json().error.code]).toEqual([status, code]);
    }
    for (const who of [null, operator, enterprise, researcher]) {
      const res = await as(t.app, who)({ method: 'GET', url: '/api/v1/my/invitations' });
      expect(res.statusCode).toBe(who ? 403 : 401);
    }
    expect(await count('invitations')).toBe(before.invitations);
    expect((await readdir(t.config.mail.dir)).length).toBe(before.mails);
  });

  it('bad tokens and bodies on the public join routes are 400s', async () => {
    const users = await count('users');
    for (const payload of [{}, { token: 'short', password: PASSWORD }, { token: 'A'.repeat(43) }]) {
      const res = await accept(payload);
      expect(res.statusCode).toBe(400);
    }
    const lookup = await as(t.app, null)({ method: 'POST', url: '/api/v1/invitations/lookup', payload: { token: 1 } });
    expect(lookup.statusCode).toBe(400);
    expect(await count('users')).toBe(users);
  });
});

describe('mail that cannot be sent', () => {
  it('keeps no invitation (SMTP_URL to a closed port)', async () => {
    const smtp = await setupTestApp({ SMTP_URL: 'smtp://127.0.0.1:1' });
    try {
      const op = await createOperator(smtp.app, smtp.database.db);
      const inst = await verifiedMember(smtp.app, op, 'institution');
      const res = await as(
        smtp.app,
        inst,
      )({
        method: 'POST',
        url: '/api/v1/my/invitations',
        payload: { email: uniqueEmail(), displayName: '王磊' },
      });
      expect(res.statusCode).toBe(502);
      expect(res.json().error.code).toBe('MAIL_SEND_FAILED');
      const n = await smtp.database.db.execute<{ n: number }>(sql`select count(*)::int as n from invitations`);
      expect(n.rows[0]!.n).toBe(0);
    } finally {
      await smtp.close();
    }
  });
});
