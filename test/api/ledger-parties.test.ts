// The ledger's parties through the API (issue 17): the export-control gate on off-platform
// conversions with a party outside the mainland (措施十五), the enterprise's confirmation of
// implementation (落地实施, 措施八), what a named intermediary sees and cannot do (措施十、十一), the
// asset register's typed reply, and the income roll-ups kept with the payments (措施二).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incomeByPeriod as referenceIncome } from '../../domain/ledger-money.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  enterpriseRegistration,
  register,
  resultBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';
import { outsideEnterprise } from '../helpers/lifecycle.js';

let t: TestContext;
let s: Record<
  | 'operator'
  | 'institution'
  | 'otherInstitution'
  | 'enterprise'
  | 'otherEnterprise'
  | 'unverifiedEnterprise'
  | 'outside'
  | 'broker',
  Session
>;

async function newResult(title: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const r = await as(
    t.app,
    s.institution,
  )({ method: 'POST', url: '/api/v1/results', payload: resultBody({ title, ...overrides }) });
  expect(r.statusCode).toBe(201);
  return r.json().id;
}

function offPlatform(resultId: string, overrides: Record<string, unknown> = {}) {
  return {
    resultId,
    counterpartyName: '示例境外技术有限公司',
    counterpartyOwnership: 'foreign',
    transactionType: 'transfer',
    appraisal: 'appraised',
    basis: '第三方评估报告，校技术转移委员会审议通过',
    evidenceRef: '转让合同 HT-2026-101',
    contract: {
      title: '成果转让合同',
      amountFen: 10_000_000,
      technologyAmountFen: 10_000_000,
      paymentMethods: ['lump_sum'],
      signedOn: '2026-03-01',
    },
    effective: true,
    schedule: [],
    ...overrides,
  };
}

/** Rows of every ledger table and the audit rows about conversions. */
async function ledgerRows(): Promise<number> {
  const r = await t.database.pool.query(
    `select (select count(*) from conversions) + (select count(*) from contracts) + (select count(*) from schedule_items)
          + (select count(*) from payments) + (select count(*) from equity_stakes)
          + (select count(*) from audit_log where target_type = 'conversion') as n`,
  );
  return Number(r.rows[0].n);
}

const post = (who: Session | null, url: string, payload: unknown) =>
  as(t.app, who)({ method: 'POST', url: `/api/v1${url}`, payload });
const get = (who: Session | null, url: string) => as(t.app, who)({ method: 'GET', url: `/api/v1${url}` });

beforeAll(async () => {
  t = await setupTestApp();
  const operator = await createOperator(t.app, t.database.db);
  s = {
    operator,
    institution: await verifiedMember(t.app, operator, 'institution'),
    otherInstitution: await verifiedMember(t.app, operator, 'institution'),
    enterprise: await verifiedMember(t.app, operator, 'enterprise'),
    otherEnterprise: await verifiedMember(t.app, operator, 'enterprise'),
    unverifiedEnterprise: await register(t.app, enterpriseRegistration()),
    outside: await outsideEnterprise(t.app, operator),
    // A technology-transfer office registered on the platform (as an enterprise).
    broker: await verifiedMember(t.app, operator, 'enterprise'),
  };
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('措施十五: an off-platform conversion with a party outside the mainland', () => {
  it('takes effect only after the result’s export-control review; a draft may be saved first', async () => {
    const resultId = await newResult('境外转让测试成果');
    const before = await ledgerRows();
    // Named only, domiciled abroad; and registered in Hong Kong (its domicile comes from its registration).
    for (const payload of [
      offPlatform(resultId, { counterpartyDomicile: 'abroad' }),
      offPlatform(resultId, { counterpartyOrgId: s.outside.orgId, counterpartyDomicile: 'mainland' }),
    ]) {
      const res = await post(s.institution, '/ledger/conversions', payload);
      expect([res.statusCode, res.json().error.code]).toEqual([422, 'EXPORT_CONTROL_REQUIRED']);
      expect(res.json().error.message).toMatch(/技术出口/);
    }
    expect(await ledgerRows()).toBe(before);
    const result = await t.database.pool.query(`select status from results where id = $1`, [resultId]);
    expect(result.rows[0].status).toBe('active');

    // A draft is not a transfer yet: it is recorded; signing it is refused until the review.
    const draft = await post(
      s.institution,
      '/ledger/conversions',
      offPlatform(resultId, { counterpartyOrgId: s.outside.orgId, effective: false }),
    );
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ contract: { status: 'draft' } });
    const id = draft.json().id;
    const stored = await t.database.pool.query(`select counterparty_domicile from conversions where id = $1`, [id]);
    expect(stored.rows[0].counterparty_domicile).toBe('hk_macao_taiwan');
    const afterDraft = await ledgerRows();
    const sign = () =>
      post(s.institution, `/ledger/conversions/${id}/contract/transition`, { action: 'sign', reason: '双方签字' });
    const refused = await sign();
    expect([refused.statusCode, refused.json().error.code]).toEqual([422, 'EXPORT_CONTROL_REQUIRED']);
    expect(await ledgerRows()).toBe(afterDraft);

    const review = await post(s.institution, `/results/${resultId}/export-control`, {
      note: '经审查属于自由出口技术，已办理技术出口合同登记',
    });
    expect(review.statusCode).toBe(200);
    const signed = await sign();
    expect(signed.statusCode).toBe(200);
    expect(signed.json().status).toBe('effective');
    const converted = await t.database.pool.query(`select status from results where id = $1`, [resultId]);
    expect(converted.rows[0].status).toBe('converted');
    // Once reviewed, it may also be recorded as effective at once.
    const direct = await post(
      s.institution,
      '/ledger/conversions',
      offPlatform(resultId, { counterpartyDomicile: 'abroad' }),
    );
    expect(direct.statusCode).toBe(201);
  });

  it('a mainland party needs no review, whoever owns it', async () => {
    const resultId = await newResult('境内外资企业受让测试成果');
    const res = await post(
      s.institution,
      '/ledger/conversions',
      offPlatform(resultId, { counterpartyDomicile: 'mainland' }),
    );
    expect(res.statusCode).toBe(201);
  });
});

describe('措施八: the enterprise confirms implementation (落地实施) on its conversion', () => {
  let conversionId: string;
  let draftId: string;

  beforeAll(async () => {
    const resultId = await newResult('落地实施确认测试成果');
    const payload = offPlatform(resultId, {
      counterpartyOrgId: s.enterprise.orgId,
      counterpartyOwnership: 'private',
      counterpartyDomicile: 'mainland',
    });
    const c = await post(s.institution, '/ledger/conversions', payload);
    expect(c.statusCode).toBe(201);
    conversionId = c.json().id;
    const d = await post(s.institution, '/ledger/conversions', { ...payload, effective: false });
    expect(d.statusCode).toBe(201);
    draftId = d.json().id;
  });

  const url = (id: string) => `/ledger/conversions/${id}/implementation`;

  it('refuses other roles, bad input and a contract not in force, writing nothing', async () => {
    const before = await ledgerRows();
    const cases: [Session | null, string, unknown, number, string][] = [
      [null, conversionId, {}, 401, 'UNAUTHENTICATED'],
      [s.operator, conversionId, {}, 403, 'FORBIDDEN'],
      [s.institution, conversionId, {}, 403, 'WRONG_ORG_KIND'],
      [s.unverifiedEnterprise, conversionId, {}, 404, 'CONVERSION_NOT_FOUND'],
      // Another enterprise does not learn that the conversion exists.
      [s.otherEnterprise, conversionId, {}, 404, 'CONVERSION_NOT_FOUND'],
      [s.enterprise, 'not-a-uuid', {}, 400, 'VALIDATION_FAILED'],
      [s.enterprise, conversionId, { note: 'x'.repeat(5000) }, 400, 'VALIDATION_FAILED'],
      [s.enterprise, conversionId, { landedOn: '2026-03-01' }, 400, 'VALIDATION_FAILED'],
      [s.enterprise, conversionId, { note: 42 }, 400, 'VALIDATION_FAILED'],
      [s.enterprise, '00000000-0000-4000-8000-000000000000', {}, 404, 'CONVERSION_NOT_FOUND'],
      [s.enterprise, draftId, {}, 409, 'IMPLEMENTATION_NOT_EFFECTIVE'],
    ];
    for (const [who, id, payload, status, code] of cases) {
      const res = await post(who, url(id), payload);
      expect([res.statusCode, res.json().error.code], `${code} ${id}`).toEqual([status, code]);
    }
    expect(await ledgerRows()).toBe(before);
    const row = await t.database.pool.query(`select landing_confirmed_at from conversions where id = $1`, [
      conversionId,
    ]);
    expect(row.rows[0].landing_confirmed_at).toBeNull();
  });

  it('records it once, with who and why; both sides see it', async () => {
    const res = await post(s.enterprise, url(conversionId), { note: '生产线已于 2026 年 5 月投产' });
    expect(res.statusCode).toBe(200);
    expect(res.json().landingConfirmedAt).not.toBeNull();
    const again = await post(s.enterprise, url(conversionId), {});
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'LANDING_ALREADY_CONFIRMED']);
    const audit = await t.database.pool.query(
      `select action, reason, actor_user_id from audit_log where target_id = $1 and action = 'conversion.implementation_confirm'`,
      [conversionId],
    );
    expect(audit.rows).toEqual([
      {
        action: 'conversion.implementation_confirm',
        reason: '生产线已于 2026 年 5 月投产',
        actor_user_id: s.enterprise.userId,
      },
    ]);
    const seen = await get(s.institution, `/ledger/conversions/${conversionId}`);
    expect(seen.json().landingConfirmedAt).toBe(res.json().landingConfirmedAt);
  });
  // A deal or a landed demand is confirmed through its listing or proposal (IMPLEMENTATION_VIA_ROUTE):
  // domain/ledger.test.ts; those routes' own tests cover their endpoints.
});

describe('措施十、十一: a named intermediary', () => {
  let publicId: string;
  let classifiedId: string;
  const intermediary = () => ({
    kind: 'transfer_office',
    name: '示例技术转移服务中心',
    orgId: s.broker.orgId,
    commissionBp: 300,
  });

  beforeAll(async () => {
    const resultId = await newResult('中介服务测试成果');
    const c = await post(
      s.institution,
      '/ledger/conversions',
      offPlatform(resultId, {
        counterpartyOrgId: s.enterprise.orgId,
        counterpartyOwnership: 'private',
        intermediary: intermediary(),
      }),
    );
    expect(c.statusCode).toBe(201);
    publicId = c.json().id;
    const classified = await newResult('涉密中介测试成果', { securityClass: 'classified' });
    const k = await post(
      s.institution,
      '/ledger/conversions',
      offPlatform(classified, {
        counterpartyOrgId: s.enterprise.orgId,
        counterpartyOwnership: 'private',
        intermediary: intermediary(),
        classifiedApprovalRef: '涉密审批备案 2026-01',
        confidentialityAgreementRef: '保密协议 BM-2026-01',
      }),
    );
    expect(k.statusCode).toBe(201);
    classifiedId = k.json().id;
  });

  it('shows in both parties’ records, with its agreed commission', async () => {
    for (const who of [s.institution, s.enterprise]) {
      const res = await get(who, `/ledger/conversions/${publicId}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        intermediaryKind: 'transfer_office',
        intermediaryName: '示例技术转移服务中心',
        intermediaryCommissionBp: 300,
        intermediaryCommissionFen: null,
      });
    }
  });

  it('sees the conversion it served, except a classified one (措施十五), and not in anyone’s list', async () => {
    expect((await get(s.broker, `/ledger/conversions/${publicId}`)).statusCode).toBe(200);
    const classified = await get(s.broker, `/ledger/conversions/${classifiedId}`);
    expect([classified.statusCode, classified.json().error.code]).toEqual([404, 'CONVERSION_NOT_FOUND']);
    // The parties themselves still see the classified one.
    expect((await get(s.institution, `/ledger/conversions/${classifiedId}`)).statusCode).toBe(200);
    expect((await get(s.enterprise, `/ledger/conversions/${classifiedId}`)).statusCode).toBe(200);
    // Its own lists are a party's lists: the conversions it served are not among them, nor what is owed.
    const list = await get(s.broker, '/ledger/conversions');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((c: { id: string }) => c.id)).not.toContain(publicId);
    const owed = await get(s.broker, '/ledger/obligations');
    expect(owed.json().items).toEqual([]);
    // Someone else sees nothing.
    expect((await get(s.otherEnterprise, `/ledger/conversions/${publicId}`)).statusCode).toBe(404);
  });

  it('changes nothing: contract, schedule, payments, implementation are the parties’', async () => {
    const before = await ledgerRows();
    const attempts: [string, unknown][] = [
      [`/ledger/conversions/${publicId}/contract/transition`, { action: 'terminate', reason: '中介要求解除' }],
      [`/ledger/conversions/${publicId}/payments`, { amountFen: 100, receivedOn: '2026-03-02', payerName: '示例公司' }],
      [`/ledger/conversions/${publicId}/implementation`, {}],
    ];
    for (const [url, payload] of attempts) {
      const res = await post(s.broker, url, payload);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(403);
      expect(res.statusCode, url).toBeLessThan(500);
    }
    const schedule = await as(
      t.app,
      s.broker,
    )({
      method: 'PUT',
      url: `/api/v1/ledger/conversions/${publicId}/schedule`,
      payload: { items: [] },
    });
    expect(schedule.statusCode).toBe(403);
    expect(await ledgerRows()).toBe(before);
  });
});

describe('措施二、三: the asset register', () => {
  it('answers with typed rows and exports as XLSX; others are refused', async () => {
    const resultId = await newResult('单列管理登记测试成果', { separatelyManaged: true });
    const c = await post(
      s.institution,
      '/ledger/conversions',
      offPlatform(resultId, { counterpartyDomicile: 'mainland' }),
    );
    expect(c.statusCode).toBe(201);
    const res = await get(s.institution, '/ledger/register');
    expect(res.statusCode).toBe(200);
    const row = res.json().items.find((r: { resultId: string }) => r.resultId === resultId);
    expect(row).toMatchObject({
      conversionId: c.json().id,
      assetKind: 'transfer',
      contractStatus: 'effective',
      amountFen: 10_000_000,
      receivedFen: 0,
      receivableFen: 10_000_000,
    });
    const file = await get(s.institution, '/ledger/register/export?format=xlsx');
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(res.json().items.length + 1);
    for (const [who, status] of [
      [null, 401],
      [s.enterprise, 403],
      [s.operator, 403],
    ] as const) {
      expect((await get(who, '/ledger/register')).statusCode).toBe(status);
      expect((await get(who, '/ledger/register/export?format=xlsx')).statusCode).toBe(status);
    }
    const bad = await get(s.institution, '/ledger/register/export?format=pdf');
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});

describe('措施二: the income roll-ups follow the payments in the same transaction', () => {
  it('agree with the payments themselves, per day, per result and per period', async () => {
    const resultId = await newResult('收入汇总测试成果');
    const c = await post(
      s.otherInstitution,
      '/ledger/conversions',
      offPlatform(
        await (async () => {
          const r = await as(
            t.app,
            s.otherInstitution,
          )({ method: 'POST', url: '/api/v1/results', payload: resultBody({ title: '收入汇总测试成果乙' }) });
          return r.json().id as string;
        })(),
        { counterpartyDomicile: 'mainland' },
      ),
    );
    expect(c.statusCode).toBe(201);
    expect(resultId).toBeTruthy();
    const id = c.json().id;
    for (const [amountFen, receivedOn] of [
      [1_000_000, '2026-03-05'],
      [2_000_000, '2026-03-05'],
      [3_000_000, '2026-04-20'],
      [4_000_000, '2026-07-01'],
    ] as const) {
      const p = await post(s.otherInstitution, `/ledger/conversions/${id}/payments`, {
        amountFen,
        receivedOn,
        payerName: '示例公司',
      });
      expect(p.statusCode).toBe(201);
    }
    const pool = t.database.pool;
    const days = await pool.query(
      `select day::text, income_fen::bigint::text as fen, payments from income_days where institution_id = $1 order by day`,
      [s.otherInstitution.orgId],
    );
    expect(days.rows).toEqual([
      { day: '2026-03-05', fen: '3000000', payments: 2 },
      { day: '2026-04-20', fen: '3000000', payments: 1 },
      { day: '2026-07-01', fen: '4000000', payments: 1 },
    ]);
    const paid = await pool.query(
      `select amount_fen::int as "amountFen", received_on::text as "receivedOn" from payments where institution_id = $1`,
      [s.otherInstitution.orgId],
    );
    for (const granularity of ['month', 'quarter', 'year'] as const) {
      const report = await get(s.otherInstitution, `/ledger/income?granularity=${granularity}`);
      expect(report.statusCode).toBe(200);
      expect(report.json().periods).toEqual(referenceIncome(paid.rows, granularity));
      expect(report.json().totalFen).toBe(10_000_000);
      expect(report.json().byResult).toMatchObject([{ incomeFen: 10_000_000, payments: 4 }]);
    }
    const ranged = await get(s.otherInstitution, '/ledger/income?granularity=month&from=2026-04-01&to=2026-06-30');
    expect(ranged.json()).toMatchObject({
      totalFen: 3_000_000,
      periods: [{ period: '2026-04', incomeFen: 3_000_000, payments: 1 }],
      byResult: [{ incomeFen: 3_000_000, payments: 1 }],
    });

    // Moved or removed payments (a correction by hand) move the roll-ups with them.
    await pool.query(
      `update payments set received_on = '2026-04-21' where institution_id = $1 and amount_fen = 1000000`,
      [s.otherInstitution.orgId],
    );
    await pool.query(`delete from payments where institution_id = $1 and amount_fen = 4000000`, [
      s.otherInstitution.orgId,
    ]);
    const moved = await pool.query(
      `select day::text, income_fen::bigint::text as fen, payments from income_days where institution_id = $1 order by day`,
      [s.otherInstitution.orgId],
    );
    expect(moved.rows).toEqual([
      { day: '2026-03-05', fen: '2000000', payments: 1 },
      { day: '2026-04-20', fen: '3000000', payments: 1 },
      { day: '2026-04-21', fen: '1000000', payments: 1 },
    ]);
    const perResult = await pool.query(
      `select income_fen::bigint::text as fen, payments from income_results where institution_id = $1`,
      [s.otherInstitution.orgId],
    );
    expect(perResult.rows).toEqual([{ fen: '6000000', payments: 3 }]);
  });
});
