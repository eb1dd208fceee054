// Issue 18 steps 3-4: 赋权 (措施一) and 权益让渡 (措施六) as decide → accept. Every route refuses the
// roles it does not serve (incl. a researcher, and a researcher of another institution), bad input
// writes nothing, and the result's ownership changes only when every linked member has accepted.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindOpenFormalities } from '../../server/rights/formalities.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  researcherSession,
  resultBody,
  supplyBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';

let t: TestContext;
let operator: Session;
let institution: Session;
let otherInstitution: Session;
let enterprise: Session;
let liMing: Session;
let zhangHua: Session;
let otherResearcher: Session;

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const decision = () => ({
  decisionBody: '成果转化领导小组',
  decidedOn: today(),
  basis: '本校职务科技成果赋权管理办法第八条',
});

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_LIMIT: '100000' });
  operator = await createOperator(t.app, t.database.db);
  institution = await verifiedMember(t.app, operator, 'institution');
  otherInstitution = await verifiedMember(t.app, operator, 'institution');
  enterprise = await verifiedMember(t.app, operator, 'enterprise');
  liMing = await researcherSession(t.app, institution, t.config.mail.dir, { displayName: '李明' });
  zhangHua = await researcherSession(t.app, institution, t.config.mail.dir, { displayName: '张华' });
  otherResearcher = await researcherSession(t.app, otherInstitution, t.config.mail.dir);
}, 300_000);
afterAll(() => t.close());

/** A result of `institution` whose confirmed team links the given researchers (and one unlinked member). */
async function resultWithTeam(linked: Session[], over: Record<string, unknown> = {}): Promise<string> {
  const inst = as(t.app, institution);
  const res = await inst({ method: 'POST', url: '/api/v1/results', payload: resultBody(over) });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  const n = linked.length + 1;
  const members = [
    ...linked.map((s, i) => ({ name: i === 0 ? '李明' : '张华', shareBp: Math.floor(10_000 / n), userId: s.userId })),
    { name: '王磊', shareBp: 10_000 - Math.floor(10_000 / n) * linked.length },
  ];
  const team = await inst({ method: 'PUT', url: `/api/v1/results/${id}/team`, payload: { members } });
  expect(team.statusCode).toBe(200);
  return id;
}

const decide = (who: Session | null, resultId: string, body: Record<string, unknown>) =>
  as(t.app, who)({ method: 'POST', url: `/api/v1/results/${resultId}/rights/decisions`, payload: body });
const answer = (who: Session | null, grantId: string, a: 'accepted' | 'declined', note?: string) =>
  as(t.app, who)({ method: 'POST', url: `/api/v1/researcher/rights/${grantId}/answer`, payload: { answer: a, note } });

async function counts() {
  const r = await t.database.db.execute<{ g: number; d: number; a: number; f: number; c: number }>(sql`
    select (select count(*)::int from rights_grants) as g, (select count(*)::int from decision_records) as d,
           (select count(*)::int from audit_log) as a, (select count(*)::int from ownership_formalities) as f,
           (select count(*)::int from conversions) as c`);
  return r.rows[0]!;
}

async function ownershipOf(id: string) {
  const r = await t.database.db.execute<{ ownership: string; co_owners: unknown; version: number }>(
    sql`select ownership, co_owners, version from results where id = ${id}`,
  );
  return r.rows[0]!;
}

describe('end to end: invite → join → grant → accept → ownership changed', () => {
  it('walks the whole path through the API', async () => {
    // invite → join (researcherSession invites by mail and accepts the link), then a second member.
    const wang = await researcherSession(t.app, institution, t.config.mail.dir, { displayName: '王芳' });
    const me = await as(t.app, wang)({ method: 'GET', url: '/api/v1/me' });
    expect(me.json().memberships).toEqual([expect.objectContaining({ role: 'researcher' })]);
    const resultId = await resultWithTeam([wang]);

    const g = await decide(institution, resultId, {
      kind: 'co_ownership',
      institutionShareBp: 3000,
      teamShareBp: 7000,
      ...decision(),
    });
    expect(g.statusCode).toBe(201);
    expect(g.json()).toMatchObject({
      status: 'pending',
      purpose: 'grant',
      answers: [expect.objectContaining({ memberName: '李明', answer: null })],
    });
    expect((await ownershipOf(resultId)).ownership).toBe('institution');

    const mine = await as(t.app, wang)({ method: 'GET', url: '/api/v1/researcher/rights' });
    expect(mine.json().items.map((i: { id: string }) => i.id)).toEqual([g.json().id]);
    const inbox = await as(t.app, wang)({ method: 'GET', url: '/api/v1/notifications' });
    expect(JSON.stringify(inbox.json())).toContain('待接受的赋权决定');

    const accepted = await answer(wang, g.json().id, 'accepted');
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    const after = await ownershipOf(resultId);
    expect(after.ownership).toBe('co_owned');
    expect(after.co_owners).toEqual([
      expect.objectContaining({ party: 'institution', shareBp: 3000 }),
      expect.objectContaining({ party: 'team', shareBp: 7000 }),
    ]);
    // 专利权属变更 opened for the result's invention patent; decisions on the result's dossier.
    const rights = await as(t.app, institution)({ method: 'GET', url: `/api/v1/results/${resultId}/rights` });
    expect(rights.json().formalities).toEqual([
      expect.objectContaining({ kind: 'patent_ownership_change', status: 'to_file', ipNumber: 'ZL202010123456.7' }),
    ]);
    const types = await t.database.db.execute<{ decision_type: string }>(
      sql`select decision_type from decision_records where subject_id = ${resultId} order by created_at`,
    );
    expect(types.rows.map((r) => r.decision_type)).toEqual(['grant', 'rights_acceptance']);
  });
});

describe('赋权: decide and accept', () => {
  let resultId: string;
  let grantId: string;

  beforeAll(async () => {
    resultId = await resultWithTeam([liMing, zhangHua]);
  });

  it('refuses other roles and bad input, writing nothing', async () => {
    const before = await counts();
    const good = { kind: 'co_ownership', institutionShareBp: 4000, teamShareBp: 6000, ...decision() };
    const restricted = await resultWithTeam([liMing], { securityClass: 'restricted' });
    const unlinked = (
      await as(t.app, institution)({ method: 'POST', url: '/api/v1/results', payload: resultBody() })
    ).json().id;
    await as(
      t.app,
      institution,
    )({
      method: 'PUT',
      url: `/api/v1/results/${unlinked}/team`,
      payload: { members: [{ name: '赵强', shareBp: 10_000 }] },
    });
    const base = await counts();
    expect(base.g).toBe(before.g);
    const cases: Array<[Session | null, string, Record<string, unknown>, number, string]> = [
      [null, resultId, good, 401, 'UNAUTHENTICATED'],
      [enterprise, resultId, good, 403, 'WRONG_ORG_KIND'],
      [operator, resultId, good, 403, 'FORBIDDEN'],
      [liMing, resultId, good, 403, 'FORBIDDEN'],
      [otherResearcher, resultId, good, 403, 'FORBIDDEN'],
      [otherInstitution, resultId, good, 404, 'RESULT_NOT_FOUND'],
      [institution, resultId, { ...good, teamShareBp: 5999 }, 422, 'SHARES_MUST_TOTAL_100'],
      [
        institution,
        resultId,
        { ...good, institutionShareBp: undefined, teamShareBp: 10_000 },
        422,
        'CO_OWNER_INSTITUTION_REQUIRED',
      ],
      [institution, resultId, { ...good, decisionBody: '' }, 400, 'VALIDATION_FAILED'],
      [institution, resultId, { ...good, basis: '   ' }, 422, 'DECISION_BASIS_REQUIRED'],
      [institution, resultId, { ...good, decidedOn: '2999-01-01' }, 422, 'RIGHTS_DECISION_DATE_INVALID'],
      [institution, resultId, { ...good, extra: 1 }, 400, 'VALIDATION_FAILED'],
      [
        institution,
        resultId,
        { kind: 'long_term_use', startsOn: today(), endsOn: '2030-01-01', ...decision() },
        422,
        'LONG_TERM_USE_TOO_SHORT',
      ],
      [institution, resultId, { kind: 'share_transfer', ...decision() }, 422, 'RESOURCE_FEE_REQUIRED'],
      [institution, restricted, good, 422, 'SECURITY_CLASS_FORBIDS_GRANT'],
      [institution, unlinked, good, 422, 'GRANT_TEAM_NOT_LINKED'],
    ];
    for (const [who, id, body, status, code] of cases) {
      const res = await decide(who, id, body);
      expect([res.statusCode, res.json().error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await counts()).toEqual(base);
  });

  it('sends the decision to every linked member; ownership waits for all of them', async () => {
    const res = await decide(institution, resultId, {
      kind: 'co_ownership',
      institutionShareBp: 4000,
      teamShareBp: 6000,
      ...decision(),
    });
    expect(res.statusCode).toBe(201);
    grantId = res.json().id;
    expect(
      res
        .json()
        .answers.map((a: { memberName: string }) => a.memberName)
        .sort(),
    ).toEqual(['张华', '李明']);
    // One open decision per result.
    const again = await decide(institution, resultId, {
      kind: 'co_ownership',
      institutionShareBp: 5000,
      teamShareBp: 5000,
      ...decision(),
    });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'GRANT_PENDING_EXISTS']);

    const first = await answer(liMing, grantId, 'accepted');
    expect(first.json().status).toBe('pending');
    expect((await ownershipOf(resultId)).ownership).toBe('institution');
    const twice = await answer(liMing, grantId, 'accepted');
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'GRANT_ALREADY_ANSWERED']);
  });

  it('refuses answers from anyone but a linked member, writing nothing', async () => {
    const before = await counts();
    const cases: Array<[Session | null, number, string]> = [
      [null, 401, 'UNAUTHENTICATED'],
      [institution, 403, 'FORBIDDEN'],
      [enterprise, 403, 'FORBIDDEN'],
      [operator, 403, 'FORBIDDEN'],
      [otherResearcher, 404, 'GRANT_NOT_TEAM_MEMBER'],
    ];
    for (const [who, status, code] of cases) {
      const res = await answer(who, grantId, 'accepted');
      expect([res.statusCode, res.json().error.code]).toEqual([status, code]);
    }
    const bad = await as(
      t.app,
      zhangHua,
    )({ method: 'POST', url: `/api/v1/researcher/rights/${grantId}/answer`, payload: { answer: 'maybe' } });
    expect(bad.statusCode).toBe(400);
    const others = await as(t.app, otherResearcher)({ method: 'GET', url: '/api/v1/researcher/rights' });
    expect(others.json().items).toEqual([]);
    for (const who of [null, institution, enterprise, operator]) {
      const r = await as(t.app, who)({ method: 'GET', url: '/api/v1/researcher/rights' });
      expect(r.statusCode).toBe(who ? 403 : 401);
    }
    expect(await counts()).toEqual(before);
  });

  it('the last acceptance changes the ownership; editing the result cannot change it back', async () => {
    const res = await answer(zhangHua, grantId, 'accepted', '同意');
    expect(res.json().status).toBe('accepted');
    expect((await ownershipOf(resultId)).ownership).toBe('co_owned');
    const current = (await as(t.app, institution)({ method: 'GET', url: `/api/v1/results/${resultId}` })).json();
    const edit = await as(
      t.app,
      institution,
    )({
      method: 'PUT',
      url: `/api/v1/results/${resultId}`,
      payload: { ...resultBody(), ownership: 'institution', version: current.version },
    });
    expect([edit.statusCode, edit.json().error.code]).toEqual([409, 'OWNERSHIP_BY_GRANT_ONLY']);
    // The same ownership is kept on an edit of other fields.
    const keep = await as(
      t.app,
      institution,
    )({
      method: 'PUT',
      url: `/api/v1/results/${resultId}`,
      payload: {
        ...resultBody({ title: '高镍三元正极材料低成本制备技术（改进）' }),
        ownership: 'co_owned',
        coOwners: [...current.coOwners].reverse(),
        version: current.version,
      },
    });
    expect(keep.statusCode).toBe(200);
  });

  it('tracks the formality filed → approved, refusing others and bad steps', async () => {
    const rights = await as(t.app, institution)({ method: 'GET', url: `/api/v1/results/${resultId}/rights` });
    const f = rights.json().formalities[0];
    const step = (who: Session | null, action: string, body: unknown) =>
      as(t.app, who)({ method: 'POST', url: `/api/v1/rights/formalities/${f.id}/${action}`, payload: body });
    const before = await counts();
    const ok = { on: today(), evidenceRef: '受理通知书 2026120100123' };
    const cases: Array<[Session | null, string, unknown, number, string]> = [
      [null, 'file', ok, 401, 'UNAUTHENTICATED'],
      [liMing, 'file', ok, 403, 'FORBIDDEN'],
      [otherResearcher, 'file', ok, 403, 'FORBIDDEN'],
      [enterprise, 'file', ok, 403, 'WRONG_ORG_KIND'],
      [otherInstitution, 'file', ok, 404, 'FORMALITY_NOT_FOUND'],
      [institution, 'approve', ok, 409, 'FORMALITY_STATE'],
      [institution, 'file', { on: '2999-01-01', evidenceRef: 'x' }, 422, 'FORMALITY_DATE_INVALID'],
      [institution, 'file', { on: today() }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [who, action, body, status, code] of cases) {
      const res = await step(who, action, body);
      expect([res.statusCode, res.json().error.code], `${action} ${JSON.stringify(body)}`).toEqual([status, code]);
    }
    expect(await counts()).toEqual(before);
    expect((await step(institution, 'file', ok)).json().status).toBe('filed');
    const approved = await step(institution, 'approve', { on: today(), evidenceRef: '手续合格通知书' });
    expect(approved.json()).toMatchObject({ status: 'approved', approvedEvidenceRef: '手续合格通知书' });
  });

  it('reminds the institution of an open formality every 30 days, once per day', async () => {
    const later = { ...t.app.services, now: () => new Date(Date.now() + 31 * 86_400_000) };
    const opened = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from ownership_formalities where status <> 'approved'`,
    );
    expect(opened.rows[0]!.n).toBeGreaterThan(0);
    expect(await remindOpenFormalities(later)).toBe(opened.rows[0]!.n);
    expect(await remindOpenFormalities(later)).toBe(0);
    const inbox = await as(t.app, institution)({ method: 'GET', url: '/api/v1/notifications' });
    expect(JSON.stringify(inbox.json())).toContain('权属变更手续待办');
  });

  it('reads: only the institution sees a result’s rights', async () => {
    for (const [who, status] of [
      [null, 401],
      [liMing, 403],
      [enterprise, 403],
      [operator, 403],
      [otherInstitution, 404],
    ] as const) {
      const res = await as(t.app, who)({ method: 'GET', url: `/api/v1/results/${resultId}/rights` });
      expect(res.statusCode).toBe(status);
    }
  });
});

describe('long-term use, decline, withdraw', () => {
  it('one decline declines; ownership unchanged; withdrawal by the institution only', async () => {
    const resultId = await resultWithTeam([liMing, zhangHua]);
    const g = await decide(institution, resultId, {
      kind: 'long_term_use',
      startsOn: today(),
      endsOn: '2040-12-31',
      ...decision(),
    });
    expect(g.statusCode).toBe(201);
    const declined = await answer(zhangHua, g.json().id, 'declined', '希望改为共有');
    expect(declined.json().status).toBe('declined');
    expect((await ownershipOf(resultId)).ownership).toBe('institution');
    const late = await answer(liMing, g.json().id, 'accepted');
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'GRANT_NOT_PENDING']);

    const g2 = await decide(institution, resultId, {
      kind: 'long_term_use',
      startsOn: today(),
      endsOn: '2040-12-31',
      ...decision(),
    });
    const withdraw = (who: Session | null) =>
      as(
        t.app,
        who,
      )({ method: 'POST', url: `/api/v1/rights/decisions/${g2.json().id}/withdraw`, payload: { reason: '重新研究' } });
    for (const [who, status] of [
      [null, 401],
      [liMing, 403],
      [enterprise, 403],
      [otherInstitution, 404],
    ] as const) {
      expect((await withdraw(who)).statusCode).toBe(status);
    }
    expect((await withdraw(institution)).json().status).toBe('withdrawn');

    // Accepted long-term use, then extended by the same decide-and-accept steps.
    const g3 = await decide(institution, resultId, {
      kind: 'long_term_use',
      startsOn: today(),
      endsOn: '2040-12-31',
      ...decision(),
    });
    await answer(liMing, g3.json().id, 'accepted');
    await answer(zhangHua, g3.json().id, 'accepted');
    expect((await ownershipOf(resultId)).ownership).toBe('long_term_use');
    const ext = await decide(institution, resultId, { kind: 'long_term_use', endsOn: '2045-12-31', ...decision() });
    expect(ext.json()).toMatchObject({ purpose: 'extension', startsOn: today(), endsOn: '2045-12-31' });
    await answer(liMing, ext.json().id, 'accepted');
    await answer(zhangHua, ext.json().id, 'accepted');
    const r = await t.database.db.execute<{ e: string }>(
      sql`select long_term_use_ends_on::text as e from results where id = ${resultId}`,
    );
    expect(r.rows[0]!.e).toBe('2045-12-31');
    // No formality for a use right: the patent's owner does not change.
    const rights = await as(t.app, institution)({ method: 'GET', url: `/api/v1/results/${resultId}/rights` });
    expect(rights.json().formalities).toEqual([]);
  });
});

describe('权益让渡 (措施六)', () => {
  it('share transfer: accepted, the team owns the result and the fee is a ledger receivable', async () => {
    const resultId = await resultWithTeam([liMing]);
    const g = await decide(institution, resultId, {
      kind: 'share_transfer',
      feeFen: 8_000_000,
      feeDueOn: '2099-03-31',
      ...decision(),
    });
    expect(g.statusCode).toBe(201);
    const done = await answer(liMing, g.json().id, 'accepted');
    expect(done.json().status).toBe('accepted');
    expect((await ownershipOf(resultId)).ownership).toBe('team_owned');
    const conversionId = done.json().conversionId as string;
    const ledger = await as(t.app, institution)({ method: 'GET', url: `/api/v1/ledger/conversions/${conversionId}` });
    expect(ledger.statusCode).toBe(200);
    const lines = await t.database.db.execute<{ amount_fen: string; due_on: string; status: string }>(
      sql`select amount_fen::text, due_on::text, status from schedule_items where conversion_id = ${conversionId}`,
    );
    expect(lines.rows).toEqual([{ amount_fen: '8000000', due_on: '2099-03-31', status: 'open' }]);
    // 措施六: no longer the institution's to offer on the market.
    const listing = await as(
      t.app,
      institution,
    )({ method: 'POST', url: '/api/v1/listings', payload: supplyBody(resultId) });
    expect([listing.statusCode, listing.json().error.code]).toEqual([422, 'RESULT_NOT_OWNED']);
    // Nothing more to transfer.
    const again = await decide(institution, resultId, {
      kind: 'agreed_return',
      companyName: '辽宁星桥科技有限公司',
      agreedReturnBp: 1000,
      ...decision(),
    });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'GRANT_NOT_APPLICABLE']);
  });

  it('not while a listing of the result is under way: refused at the decision and at the acceptance', async () => {
    const inst = as(t.app, institution);
    const submitted = async (resultId: string) => {
      const l = await inst({ method: 'POST', url: '/api/v1/listings', payload: supplyBody(resultId) });
      expect(l.statusCode).toBe(201);
      const s = await inst({ method: 'POST', url: `/api/v1/listings/${l.json().id}/submit` });
      expect(s.statusCode).toBe(200);
      return l.json().id as string;
    };
    const transfer = { kind: 'share_transfer', feeFen: 1_000_000, feeDueOn: '2099-03-31', ...decision() };

    // A listing submitted for review: the decision is refused, nothing written.
    const busy = await resultWithTeam([liMing]);
    await submitted(busy);
    const before = await counts();
    const refused = await decide(institution, busy, transfer);
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'GRANT_LISTING_UNDER_WAY']);
    expect(refused.json().error.message).toContain('措施六');
    expect(await counts()).toEqual(before);

    // A listing submitted while the decision waits for the team: the acceptance is refused.
    const later = await resultWithTeam([liMing]);
    const g = await decide(institution, later, transfer);
    expect(g.statusCode).toBe(201);
    const listingId = await submitted(later);
    const accept = await answer(liMing, g.json().id, 'accepted');
    expect([accept.statusCode, accept.json().error.code]).toEqual([409, 'GRANT_LISTING_UNDER_WAY']);
    expect((await ownershipOf(later)).ownership).toBe('institution');
    // Once the listing is withdrawn, the team may accept.
    expect((await inst({ method: 'POST', url: `/api/v1/listings/${listingId}/withdraw` })).statusCode).toBe(200);
    const accepted = await answer(liMing, g.json().id, 'accepted');
    expect(accepted.json().status).toBe('accepted');
    expect((await ownershipOf(later)).ownership).toBe('team_owned');
  });

  it('赋权 + 约定收益: recorded as the institution’s contingent asset', async () => {
    const resultId = await resultWithTeam([liMing]);
    const g = await decide(institution, resultId, {
      kind: 'agreed_return',
      companyName: '辽宁星桥科技有限公司',
      agreedReturnBp: 1500,
      ...decision(),
    });
    await answer(liMing, g.json().id, 'accepted');
    const list = await as(t.app, institution)({ method: 'GET', url: '/api/v1/rights/decisions' });
    expect(list.json().items).toContainEqual(
      expect.objectContaining({ id: g.json().id, kind: 'agreed_return', status: 'accepted', agreedReturnBp: 1500 }),
    );
    // …and in the 单列管理 register, as the institution's contingent asset (措施六).
    const register = await as(t.app, institution)({ method: 'GET', url: '/api/v1/ledger/register' });
    expect(register.json().items).toContainEqual(
      expect.objectContaining({
        resultId,
        assetKind: 'agreed_return',
        company: '辽宁星桥科技有限公司',
        agreedReturnBp: 1500,
        conversionId: null,
      }),
    );
    for (const [who, status] of [
      [null, 401],
      [liMing, 403],
      [enterprise, 403],
      [operator, 403],
    ] as const) {
      expect((await as(t.app, who)({ method: 'GET', url: '/api/v1/rights/decisions' })).statusCode).toBe(status);
    }
  });

  it('an acceptance after the result was reclassified is refused (措施十五)', async () => {
    const resultId = await resultWithTeam([liMing]);
    const g = await decide(institution, resultId, {
      kind: 'agreed_return',
      companyName: '某公司',
      agreedReturnBp: 100,
      ...decision(),
    });
    await t.database.db.execute(sql`update results set security_class = 'restricted' where id = ${resultId}`);
    const res = await answer(liMing, g.json().id, 'accepted');
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'GRANT_STALE']);
    expect((await ownershipOf(resultId)).ownership).toBe('institution');
  });
});
