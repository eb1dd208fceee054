// 科技成果转化奖励和报酬 (措施三、十二) through the API: every route refuses the roles it is not for
// (the researcher included) and bad input writes nothing; then end to end — policy → conversion →
// cost → received payment → reward computed and split → approved → paid → the researcher's statement
// (JSON and PDF) — with the 正职 member listed apart, a correction as a new entry, and the database
// refusing to change an approved entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASH_REWARD_MARKS } from '../../domain/constants/remuneration.js';
import { rollUp } from '../../server/statistics/rollup.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  researcherSession,
  resultBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';
import { pdfText } from '../helpers/pdf-text.js';

let t: TestContext;
let s: Record<'operator' | 'institution' | 'other' | 'enterprise' | 'researcher' | 'colleague', Session>;
let resultId: string;
let conversionId: string;

const TABLES = [
  'remuneration_policies',
  'conversion_remuneration_terms',
  'conversion_costs',
  'remuneration_awards',
  'remuneration_entries',
  'decision_records',
];

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const r = await t.database.pool.query(`select count(*)::int as n from ${table}`);
    out[table] = r.rows[0].n;
  }
  const statuses = await t.database.pool.query(
    `select status, count(*)::int as n from remuneration_entries group by status order by status`,
  );
  out.statuses = JSON.stringify(statuses.rows) as unknown as number;
  return out;
}

const POLICY = {
  cashShareBp: 7000,
  equityShareBp: 6000,
  horizontalMinShareBp: 9000,
  decisionBody: '科技成果转化领导小组',
  meetingDate: '2026-01-15',
  basis: '本校科技成果转化管理办法第二十条（虚构）',
};

const DECISION = { decisionBody: '校长办公会', meetingDate: '2026-04-10', basis: '奖励方案经公示无异议' };

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_LIMIT: '100000' });
  const operator = await createOperator(t.app, t.database.db);
  const institution = await verifiedMember(t.app, operator, 'institution');
  s = {
    operator,
    institution,
    other: await verifiedMember(t.app, operator, 'institution'),
    enterprise: await verifiedMember(t.app, operator, 'enterprise'),
    researcher: await researcherSession(t.app, institution, t.config.mail.dir, { displayName: '周晓明' }),
    colleague: await researcherSession(t.app, institution, t.config.mail.dir, { displayName: '吴晨' }),
  };
  const inst = as(t.app, institution);
  resultId = (await inst({ method: 'POST', url: '/api/v1/results', payload: resultBody() })).json().id;
  const team = await inst({
    method: 'PUT',
    url: `/api/v1/results/${resultId}/team`,
    payload: {
      members: [
        { name: '周晓明', roleInWork: '项目负责人', shareBp: 5000, userId: s.researcher.userId },
        { name: '吴晨', roleInWork: '主要完成人', shareBp: 3333, userId: s.colleague.userId },
        { name: '郑院长', roleInWork: '参与人', shareBp: 1667, principalLeader: true },
      ],
    },
  });
  expect(team.statusCode).toBe(200);
  const created = await inst({
    method: 'POST',
    url: '/api/v1/ledger/conversions',
    payload: {
      resultId,
      counterpartyName: '辽宁虚构装备有限公司',
      counterpartyCreditCode: '91210100MA0EXAMP1X',
      counterpartyOwnership: 'private',
      transactionType: 'license',
      licenseScope: 'non_exclusive',
      appraisal: 'appraised',
      basis: '第三方评估报告，转化领导小组审议通过',
      evidenceRef: '许可合同 HT-2026-009',
      contract: {
        title: '虚构材料技术普通许可合同',
        amountFen: 1_000_000,
        technologyAmountFen: 1_000_000,
        paymentMethods: ['instalments'],
        signedOn: '2026-03-01',
        termStartsOn: '2026-03-01',
        termEndsOn: '2029-02-28',
      },
      effective: true,
      schedule: [],
    },
  });
  expect(created.statusCode).toBe(201);
  conversionId = created.json().id;
}, 240_000);

afterAll(async () => {
  await t?.close();
});

const ZERO = '00000000-0000-4000-8000-000000000000';

describe('refusals: roles and bad input write nothing', () => {
  it('every institution route refuses anonymous, researcher, enterprise, operator; another institution finds nothing', async () => {
    const before = await counts();
    const routes: Array<{ method: 'GET' | 'PUT' | 'POST'; url: string; payload?: unknown }> = [
      { method: 'GET', url: '/api/v1/remuneration/policy' },
      { method: 'PUT', url: '/api/v1/remuneration/policy', payload: POLICY },
      { method: 'GET', url: `/api/v1/remuneration/conversions/${conversionId}` },
      {
        method: 'PUT',
        url: `/api/v1/remuneration/conversions/${conversionId}/terms`,
        payload: { funding: 'standard', ...DECISION },
      },
      { method: 'GET', url: `/api/v1/remuneration/conversions/${conversionId}/costs` },
      {
        method: 'POST',
        url: `/api/v1/remuneration/conversions/${conversionId}/costs`,
        payload: { kind: 'tax', amountFen: 100, incurredOn: '2026-03-02', evidenceRef: '发票 1' },
      },
      {
        method: 'POST',
        url: `/api/v1/remuneration/conversions/${conversionId}/costs/${ZERO}/reverse`,
        payload: { reason: '错误' },
      },
      { method: 'POST', url: `/api/v1/remuneration/payments/${ZERO}/award` },
      { method: 'POST', url: `/api/v1/remuneration/conversions/${conversionId}/equity-award` },
      { method: 'GET', url: '/api/v1/remuneration/entries?status=pending' },
      { method: 'POST', url: '/api/v1/remuneration/entries/approve', payload: { entryIds: [ZERO], ...DECISION } },
      {
        method: 'POST',
        url: '/api/v1/remuneration/entries/pay',
        payload: { entryIds: [ZERO], paidOn: '2026-04-11', paidRef: '工资单', ...DECISION },
      },
      { method: 'POST', url: `/api/v1/remuneration/entries/${ZERO}/correct`, payload: { deltaFen: 1, reason: 'x' } },
    ];
    for (const r of routes) {
      const anon = await as(t.app, null)(r);
      expect([r.url, anon.statusCode]).toEqual([r.url, 401]);
      for (const [who, status, errorCode] of [
        [s.researcher, 403, 'FORBIDDEN'],
        [s.operator, 403, 'FORBIDDEN'],
        [s.enterprise, 403, 'WRONG_ORG_KIND'],
      ] as const) {
        const res = await as(t.app, who)(r);
        expect([r.method, r.url, res.statusCode, res.json().error.code]).toEqual([r.method, r.url, status, errorCode]);
      }
    }
    // Another institution: the conversion does not exist for it.
    const other = as(t.app, s.other);
    for (const r of routes.filter((x) => x.url.includes(conversionId))) {
      const res = await other(r);
      expect([r.url, res.statusCode]).toEqual([r.url, 404]);
    }
    // The researcher routes refuse members.
    for (const url of ['/api/v1/researcher/remuneration', '/api/v1/researcher/remuneration/statement.pdf']) {
      expect((await as(t.app, s.institution)({ method: 'GET', url })).statusCode).toBe(403);
      expect((await as(t.app, null)({ method: 'GET', url })).statusCode).toBe(401);
    }
    expect(await counts()).toEqual(before);
  });

  it('bad input is refused with a clear code and writes nothing', async () => {
    const inst = as(t.app, s.institution);
    const before = await counts();
    const cases: Array<[{ method: 'PUT' | 'POST'; url: string; payload: unknown }, number, string]> = [
      // 措施三: below 90 % without a reason.
      [
        { method: 'PUT', url: '/api/v1/remuneration/policy', payload: { ...POLICY, horizontalMinShareBp: 8000 } },
        422,
        'REMUNERATION_HORIZONTAL_JUSTIFICATION',
      ],
      [
        { method: 'PUT', url: '/api/v1/remuneration/policy', payload: { ...POLICY, cashShareBp: 10_001 } },
        400,
        'VALIDATION_FAILED',
      ],
      [
        { method: 'PUT', url: '/api/v1/remuneration/policy', payload: { ...POLICY, decisionBody: '  ' } },
        422,
        'REMUNERATION_DECISION_BODY_REQUIRED',
      ],
      [
        { method: 'PUT', url: '/api/v1/remuneration/policy', payload: { ...POLICY, basis: ' ' } },
        422,
        'DECISION_BASIS_REQUIRED',
      ],
      [
        { method: 'PUT', url: '/api/v1/remuneration/policy', payload: { ...POLICY, extra: 1 } },
        400,
        'VALIDATION_FAILED',
      ],
      [
        {
          method: 'PUT',
          url: `/api/v1/remuneration/conversions/${conversionId}/terms`,
          payload: { funding: 'horizontal_surplus', agreedShareBp: 8500, ...DECISION },
        },
        422,
        'REMUNERATION_HORIZONTAL_JUSTIFICATION',
      ],
      [
        {
          method: 'PUT',
          url: `/api/v1/remuneration/conversions/${conversionId}/terms`,
          payload: { funding: 'horizontal_surplus', ...DECISION },
        },
        422,
        'REMUNERATION_AGREED_SHARE_REQUIRED',
      ],
      [
        {
          method: 'POST',
          url: `/api/v1/remuneration/conversions/${conversionId}/costs`,
          payload: { kind: 'tax', amountFen: 100, incurredOn: '2026-03-02', evidenceRef: ' ' },
        },
        422,
        'REMUNERATION_COST_EVIDENCE_REQUIRED',
      ],
      [
        {
          method: 'POST',
          url: `/api/v1/remuneration/conversions/${conversionId}/costs`,
          payload: { kind: 'tax', amountFen: 0, incurredOn: '2026-03-02', evidenceRef: '发票' },
        },
        400,
        'VALIDATION_FAILED',
      ],
      [
        {
          method: 'POST',
          url: `/api/v1/remuneration/conversions/${conversionId}/costs`,
          payload: { kind: 'bribe', amountFen: 10, incurredOn: '2026-03-02', evidenceRef: '发票' },
        },
        400,
        'VALIDATION_FAILED',
      ],
      [
        {
          method: 'POST',
          url: `/api/v1/remuneration/conversions/${conversionId}/costs`,
          payload: { kind: 'tax', amountFen: 10, incurredOn: '2026-03-02', evidenceRef: '发票', documentId: ZERO },
        },
        422,
        'REMUNERATION_COST_DOCUMENT_MISMATCH',
      ],
      [
        { method: 'POST', url: '/api/v1/remuneration/entries/approve', payload: { entryIds: [], ...DECISION } },
        400,
        'VALIDATION_FAILED',
      ],
      [
        { method: 'POST', url: '/api/v1/remuneration/entries/approve', payload: { entryIds: [ZERO], ...DECISION } },
        404,
        'REMUNERATION_ENTRY_NOT_FOUND',
      ],
    ];
    for (const [req, status, errorCode] of cases) {
      const res = await inst(req);
      expect([req.url, res.statusCode, res.json().error.code]).toEqual([req.url, status, errorCode]);
    }
    expect(await counts()).toEqual(before);
  });

  it('no reward is computed before the institution has a policy', async () => {
    const inst = as(t.app, s.other);
    // Another institution's payment is not found for this one (and nothing is written).
    const res = await as(t.app, s.institution)({ method: 'POST', url: `/api/v1/remuneration/payments/${ZERO}/award` });
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'REMUNERATION_NOT_CASH_PAYMENT']);
    const policy = await inst({ method: 'GET', url: '/api/v1/remuneration/policy' });
    expect(policy.json()).toEqual({ current: null, history: [] });
  });
});

describe('end to end: conversion → payment → reward → approved → paid → statement', () => {
  it('computes, splits, approves, pays and states the reward', async () => {
    const inst = as(t.app, s.institution);
    const pay = await inst({
      method: 'POST',
      url: `/api/v1/ledger/conversions/${conversionId}/payments`,
      payload: {
        amountFen: 600_001,
        receivedOn: '2026-04-02',
        payerName: '辽宁虚构装备有限公司',
        evidenceRef: '银行回单 001',
      },
    });
    expect(pay.statusCode).toBe(201);
    const paymentId = (await t.database.pool.query(`select id from payments where conversion_id = $1`, [conversionId]))
      .rows[0].id as string;

    // No policy yet: refused, nothing written.
    const early = await inst({ method: 'POST', url: `/api/v1/remuneration/payments/${paymentId}/award` });
    expect([early.statusCode, early.json().error.code]).toEqual([422, 'REMUNERATION_POLICY_REQUIRED']);

    const policy = await inst({ method: 'PUT', url: '/api/v1/remuneration/policy', payload: POLICY });
    expect(policy.statusCode).toBe(200);
    expect(policy.json()).toMatchObject({ version: 1, cashShareBp: 7000 });
    const decision = await t.database.pool.query(
      `select decision_type, decision_body, basis, subject_type from decision_records where id = $1`,
      [policy.json().decisionId],
    );
    expect(decision.rows[0]).toEqual({
      decision_type: 'remuneration_policy',
      decision_body: '科技成果转化领导小组',
      basis: POLICY.basis,
      subject_type: 'remuneration_policy',
    });

    const cost = await inst({
      method: 'POST',
      url: `/api/v1/remuneration/conversions/${conversionId}/costs`,
      payload: {
        kind: 'agency_commission',
        amountFen: 100_000,
        incurredOn: '2026-03-05',
        evidenceRef: '中介发票 No.0001',
      },
    });
    expect(cost.statusCode).toBe(201);
    const wrong = await inst({
      method: 'POST',
      url: `/api/v1/remuneration/conversions/${conversionId}/costs`,
      payload: { kind: 'tax', amountFen: 7_777, incurredOn: '2026-03-05', evidenceRef: '重复录入' },
    });
    const reversed = await inst({
      method: 'POST',
      url: `/api/v1/remuneration/conversions/${conversionId}/costs/${wrong.json().id}/reverse`,
      payload: { reason: '重复录入' },
    });
    expect([reversed.statusCode, reversed.json().amountFen]).toEqual([201, -7_777]);
    const again = await inst({
      method: 'POST',
      url: `/api/v1/remuneration/conversions/${conversionId}/costs/${wrong.json().id}/reverse`,
      payload: { reason: '再次' },
    });
    expect(again.json().error.code).toBe('REMUNERATION_COST_REVERSED');

    const award = await inst({ method: 'POST', url: `/api/v1/remuneration/payments/${paymentId}/award` });
    expect(award.statusCode).toBe(201);
    // Net = 600,001 − 100,000 = 500,001 分; 70 % → 350,000 分 (floor).
    expect(award.json().award).toMatchObject({
      netIncomeFen: 500_001,
      shareBp: 7000,
      teamFen: 350_000,
      costsFen: 100_000,
    });
    const entries = award.json().entries as Array<{
      id: string;
      memberName: string;
      amountFen: number;
      status: string;
    }>;
    expect(entries.reduce((a, e) => a + e.amountFen, 0)).toBe(350_000);
    expect(entries.map((e) => [e.memberName, e.amountFen, e.status])).toEqual([
      ['周晓明', 175_000, 'pending'],
      ['吴晨', 116_655, 'pending'],
      ['郑院长', 58_345, 'separate'],
    ]);
    const twice = await inst({ method: 'POST', url: `/api/v1/remuneration/payments/${paymentId}/award` });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'REMUNERATION_ALREADY_COMPUTED']);

    // The 正职 member is listed apart and cannot be approved here.
    const separate = await inst({ method: 'GET', url: '/api/v1/remuneration/entries?status=separate' });
    expect(separate.json().items.map((i: { memberName: string }) => i.memberName)).toEqual(['郑院长']);
    const [lead, ...rest] = [entries[2]!, entries[0]!, entries[1]!];
    const before = await counts();
    const leader = await inst({
      method: 'POST',
      url: '/api/v1/remuneration/entries/approve',
      payload: { entryIds: [lead.id, rest[0]!.id], ...DECISION },
    });
    expect([leader.statusCode, leader.json().error.code]).toEqual([422, 'REMUNERATION_PRINCIPAL_LEADER']);
    const notApproved = await inst({
      method: 'POST',
      url: '/api/v1/remuneration/entries/pay',
      payload: { entryIds: [rest[0]!.id], paidOn: '2026-04-20', paidRef: '工资单 2026-04', ...DECISION },
    });
    expect(notApproved.json().error.code).toBe('REMUNERATION_ENTRY_STATE');
    const noBody = await inst({
      method: 'POST',
      url: '/api/v1/remuneration/entries/approve',
      payload: { entryIds: rest.map((e) => e.id), ...DECISION, decisionBody: '' },
    });
    expect(noBody.json().error.code).toBe('REMUNERATION_DECISION_BODY_REQUIRED');
    expect(await counts()).toEqual(before);

    const approved = await inst({
      method: 'POST',
      url: '/api/v1/remuneration/entries/approve',
      payload: { entryIds: rest.map((e) => e.id), ...DECISION },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().items.map((e: { status: string }) => e.status)).toEqual(['approved', 'approved']);
    const approvalDecision = await t.database.pool.query(
      `select decision_type, decision_body, basis, meeting_date::text from decision_records where id = $1`,
      [approved.json().items[0].approvalDecisionId],
    );
    expect(approvalDecision.rows[0]).toEqual({
      decision_type: 'remuneration_approval',
      decision_body: '校长办公会',
      basis: DECISION.basis,
      meeting_date: '2026-04-10',
    });

    // Append-only: the database refuses to change an approved entry's amount, or to delete it.
    await expect(
      t.database.pool.query(`update remuneration_entries set amount_fen = 1 where id = $1`, [rest[0]!.id]),
    ).rejects.toThrow(/never change/);
    await expect(
      t.database.pool.query(`update remuneration_entries set status = 'pending' where id = $1`, [rest[0]!.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.database.pool.query(`delete from remuneration_entries where id = $1`, [rest[0]!.id]),
    ).rejects.toThrow(/append-only/);

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const paid = await inst({
      method: 'POST',
      url: '/api/v1/remuneration/entries/pay',
      payload: {
        entryIds: rest.map((e) => e.id),
        paidOn: today,
        paidRef: '财务处发放批次 F-001',
        ...DECISION,
        decisionBody: '财务处',
      },
    });
    expect(paid.statusCode).toBe(200);
    expect(paid.json().items.map((e: { status: string }) => e.status)).toEqual(['paid', 'paid']);

    // A correction is a new entry; the paid one stays as it was.
    const corr = await inst({
      method: 'POST',
      url: `/api/v1/remuneration/entries/${rest[1]!.id}/correct`,
      payload: { deltaFen: -55, reason: '份额核对更正（虚构）' },
    });
    expect(corr.statusCode).toBe(201);
    expect(corr.json()).toMatchObject({ status: 'pending', amountFen: -55, correctsId: rest[1]!.id });
    const still = await t.database.pool.query(
      `select status, amount_fen::int from remuneration_entries where id = $1`,
      [rest[1]!.id],
    );
    expect(still.rows[0]).toEqual({ status: 'paid', amount_fen: 116_655 });

    const summary = await inst({ method: 'GET', url: `/api/v1/remuneration/conversions/${conversionId}` });
    expect(summary.json()).toMatchObject({
      receivedFen: 600_001,
      costsFen: 100_000,
      netIncomeFen: 500_001,
      cashShareBp: 7000,
      uncomputedPayments: [],
    });

    // The researcher's statement: only their own entries.
    const mine = await as(t.app, s.researcher)({ method: 'GET', url: '/api/v1/researcher/remuneration' });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      researcherName: '周晓明',
      paidCashFen: 175_000,
      unpaidCashFen: 0,
      years: [Number(today.slice(0, 4))],
    });
    expect(mine.json().items).toHaveLength(1);
    expect(mine.json().payTreatment).toContain('不作为社会保险缴费基数');
    const colleague = await as(
      t.app,
      s.colleague,
    )({ method: 'GET', url: `/api/v1/researcher/remuneration?conversionId=${conversionId}` });
    expect(colleague.json().items.map((i: { amountFen: number }) => i.amountFen)).toEqual([116_655, -55]);
    const otherYear = await as(
      t.app,
      s.researcher,
    )({ method: 'GET', url: '/api/v1/researcher/remuneration?year=2001' });
    expect(otherYear.json().items).toEqual([]);

    const pdf = await as(
      t.app,
      s.researcher,
    )({
      method: 'GET',
      url: `/api/v1/researcher/remuneration/statement.pdf?year=${today.slice(0, 4)}`,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(new Uint8Array(pdf.rawPayload))).text.replace(/\s+/g, '');
    expect(text).toContain('科技成果转化奖励和报酬明细');
    expect(text).toContain('周晓明');
    expect(text).toContain('1,750.00');
    for (const mark of CASH_REWARD_MARKS) expect(text).toContain(mark);
  }, 120_000);

  it('horizontal-surplus terms: the agreed share replaces the policy for later awards (措施三)', async () => {
    const inst = as(t.app, s.institution);
    const terms = await inst({
      method: 'PUT',
      url: `/api/v1/remuneration/conversions/${conversionId}/terms`,
      payload: {
        funding: 'horizontal_surplus',
        agreedShareBp: 8500,
        justification: '单位承担中试费用（虚构）',
        ...DECISION,
      },
    });
    expect(terms.statusCode).toBe(200);
    const summary = await inst({ method: 'GET', url: `/api/v1/remuneration/conversions/${conversionId}` });
    expect(summary.json().cashShareBp).toBe(8500);
    expect(summary.json().terms).toMatchObject({ funding: 'horizontal_surplus', agreedShareBp: 8500 });
  });
});

describe('equity rewards (股份或者出资比例, 措施十二)', () => {
  it("splits the team's part of the stake in shares, not cash, and approves it once the stake is held", async () => {
    const inst = as(t.app, s.institution);
    const result = (await inst({ method: 'POST', url: '/api/v1/results', payload: resultBody() })).json().id;
    const team = await inst({
      method: 'PUT',
      url: `/api/v1/results/${result}/team`,
      payload: {
        members: [
          { name: '周晓明', shareBp: 5000, userId: s.researcher.userId },
          { name: '吴晨', shareBp: 3333, userId: s.colleague.userId },
          { name: '郑院长', shareBp: 1667, principalLeader: true },
        ],
      },
    });
    expect(team.statusCode).toBe(200);
    const created = await inst({
      method: 'POST',
      url: '/api/v1/ledger/conversions',
      payload: {
        resultId: result,
        counterpartyName: '辽宁虚构新材料科技有限公司',
        counterpartyOwnership: 'private',
        transactionType: 'equity',
        appraisal: 'appraised',
        basis: '评估作价 300 万元（虚构）',
        evidenceRef: '投资协议 TZ-2026-001',
        contract: {
          title: '虚构技术作价投资协议',
          amountFen: 300_000_000,
          technologyAmountFen: 300_000_000,
          paymentMethods: ['equity'],
          signedOn: '2026-03-01',
        },
        effective: true,
        schedule: [],
        equity: {
          companyName: '辽宁虚构新材料科技有限公司',
          companyCreditCode: '91210100MA0EXAMP2X',
          shares: 1_000_001,
          valuationFen: 300_000_000,
          acquiredOn: '2026-03-01',
        },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    // A licence conversion has no stake to reward.
    const none = await inst({ method: 'POST', url: `/api/v1/remuneration/conversions/${conversionId}/equity-award` });
    expect([none.statusCode, none.json().error.code]).toEqual([422, 'REMUNERATION_NO_EQUITY']);

    const award = await inst({ method: 'POST', url: `/api/v1/remuneration/conversions/${id}/equity-award` });
    expect(award.statusCode).toBe(201);
    // 60 % of 1,000,001 shares → 600,000 shares; of the 300 万 valuation → 180 万.
    expect(award.json().award).toMatchObject({ form: 'equity', teamShares: 600_000, teamFen: 180_000_000 });
    const entries = award.json().entries as Array<{ id: string; shares: number; form: string; status: string }>;
    expect(entries.map((e) => [e.shares, e.status])).toEqual([
      [300_000, 'pending'],
      [199_980, 'pending'],
      [100_020, 'separate'],
    ]);
    expect(entries.every((e) => e.form === 'equity')).toBe(true);
    const again = await inst({ method: 'POST', url: `/api/v1/remuneration/conversions/${id}/equity-award` });
    expect(again.json().error.code).toBe('REMUNERATION_ALREADY_COMPUTED');
    const approved = await inst({
      method: 'POST',
      url: '/api/v1/remuneration/entries/approve',
      payload: { entryIds: [entries[0]!.id], ...DECISION },
    });
    expect(approved.json().items[0].status).toBe('approved');
  });
});

describe('statistics: rewards paid in the researcher dimension (措施十二、十三)', () => {
  it("a researcher reads their own rewards paid; not a colleague's, not the institution's figures", async () => {
    await rollUp(t.database.db, { full: true });
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const url = `/api/v1/researcher/figures?from=${year}-01&to=${year}-12`;
    const mine = await as(t.app, s.researcher)({ method: 'GET', url });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().total.values.rewards_paid).toBe(175_000);
    // The colleague's paid reward; the pending correction is not paid yet.
    const theirs = await as(t.app, s.colleague)({ method: 'GET', url });
    expect(theirs.json().total.values.rewards_paid).toBe(116_655);

    // The institution sees each researcher's figure; a researcher cannot ask for a colleague's key.
    const byResearcher = await as(
      t.app,
      s.institution,
    )({
      method: 'GET',
      url: `/api/v1/stats/figures?from=${year}-01&to=${year}-12&by=researcher&organisationId=${s.institution.orgId}`,
    });
    const rows = byResearcher.json().rows as { key: string; values: Record<string, number | null> }[];
    const colleagueKey = rows.find((r) => r.values.rewards_paid === 116_655)!.key;
    // (郑院长's row shows the conversion they took part in; nothing was paid to them here: 正职.)
    expect(rows.map((r) => r.values.rewards_paid).sort()).toEqual([0, 116_655, 175_000]);
    const other = await as(t.app, s.researcher)({ method: 'GET', url: `${url}&researcherId=${colleagueKey}` });
    expect([other.statusCode, other.json().error.code]).toEqual([403, 'STATS_OUT_OF_SCOPE']);
    // The institution's own figures stay closed to researchers, and members cannot use the researcher route.
    expect(
      (await as(t.app, s.researcher)({ method: 'GET', url: `/api/v1/stats/figures?from=${year}-01&to=${year}-12` }))
        .statusCode,
    ).toBe(403);
    expect((await as(t.app, s.institution)({ method: 'GET', url })).statusCode).toBe(403);
  }, 120_000);
});
