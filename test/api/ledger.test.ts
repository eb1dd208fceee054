// The conversion ledger through the API (docs/ledger.md): an off-platform licence with its schedule,
// two payments and the income they make; the refusals (roles, bad input — nothing written); converted
// in both directions with the pool scan; the contract export opened by a spreadsheet library.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPoolScan } from '../../server/pool/scan.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  institutionRegistration,
  register,
  resultBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';

let t: TestContext;
let s: Record<'operator' | 'institution' | 'otherInstitution' | 'enterprise' | 'unverified', Session>;
let resultId: string;

const NOW = new Date();

async function count(): Promise<number> {
  const r = await t.database.pool.query(
    `select (select count(*) from conversions) + (select count(*) from contracts) + (select count(*) from schedule_items)
          + (select count(*) from payments) + (select count(*) from equity_stakes) as n`,
  );
  return Number(r.rows[0].n);
}

function offPlatform(overrides: Record<string, unknown> = {}) {
  return {
    resultId,
    counterpartyName: '辽宁示例装备有限公司',
    counterpartyCreditCode: '91210100MA0EXAMP1X',
    counterpartyOwnership: 'private',
    transactionType: 'license',
    licenseScope: 'non_exclusive',
    appraisal: 'appraised',
    basis: '第三方评估报告（评估值 50 万元），校技术转移委员会审议通过',
    evidenceRef: '许可合同 HT-2026-001',
    contract: {
      title: '高镍正极材料技术普通许可合同',
      amountFen: 50_000_000,
      technologyAmountFen: 48_000_000,
      paymentMethods: ['instalments'],
      signedOn: '2026-03-01',
      termStartsOn: '2026-03-01',
      termEndsOn: '2029-02-28',
    },
    effective: true,
    schedule: [],
    ...overrides,
  };
}

beforeAll(async () => {
  t = await setupTestApp();
  const operator = await createOperator(t.app, t.database.db);
  s = {
    operator,
    institution: await verifiedMember(t.app, operator, 'institution'),
    otherInstitution: await verifiedMember(t.app, operator, 'institution'),
    enterprise: await verifiedMember(t.app, operator, 'enterprise'),
    unverified: await register(t.app, institutionRegistration()),
  };
  const r = await as(t.app, s.institution)({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
  expect(r.statusCode).toBe(201);
  resultId = r.json().id;
});

afterAll(async () => {
  await t?.close();
});

describe('off-platform conversion', () => {
  it('refuses other roles and bad input, writing nothing', async () => {
    const before = await count();
    const post = (who: Session | null, payload: unknown) =>
      as(t.app, who)({ method: 'POST', url: '/api/v1/ledger/conversions', payload });
    const cases: [Session | null, unknown, number, string][] = [
      [null, offPlatform(), 401, 'UNAUTHENTICATED'],
      [s.enterprise, offPlatform(), 403, 'WRONG_ORG_KIND'],
      [s.operator, offPlatform(), 403, 'FORBIDDEN'],
      [s.unverified, offPlatform(), 403, 'ORG_NOT_VERIFIED'],
      [s.otherInstitution, offPlatform(), 422, 'RESULT_NOT_CONVERTIBLE'],
      [s.institution, offPlatform({ evidenceRef: ' ' }), 422, 'EVIDENCE_REQUIRED'],
      [s.institution, offPlatform({ licenseScope: null }), 422, 'LICENCE_SCOPE_REQUIRED'],
      [
        s.institution,
        { ...offPlatform(), contract: { ...offPlatform().contract, amountFen: -1 } },
        400,
        'VALIDATION_FAILED',
      ],
      [
        s.institution,
        { ...offPlatform(), contract: { ...offPlatform().contract, amountFen: 1.5 } },
        400,
        'VALIDATION_FAILED',
      ],
      [
        s.institution,
        { ...offPlatform(), contract: { ...offPlatform().contract, technologyAmountFen: 50_000_001 } },
        422,
        'CONTRACT_AMOUNT_INVALID',
      ],
      [
        s.institution,
        { ...offPlatform(), contract: { ...offPlatform().contract, termEndsOn: '2026-02-01' } },
        422,
        'CONTRACT_TERM_INVALID',
      ],
      [
        s.institution,
        offPlatform({ schedule: [{ kind: 'instalment', amountFen: 10_000_000, dueOn: '2026-04-01' }] }),
        422,
        'SCHEDULE_SUM_MISMATCH',
      ],
      [
        s.institution,
        offPlatform({ schedule: [{ kind: 'instalment', amountFen: 50_000_000, dueOn: '2026-02-01' }] }),
        422,
        'SCHEDULE_DATE_INVALID',
      ],
    ];
    for (const [who, payload, status, code] of cases) {
      const res = await post(who, payload);
      expect([res.statusCode, res.json().error.code], code).toEqual([status, code]);
    }
    expect(await count()).toBe(before);
  });

  it('records a licence, its schedule and two payments; income and converted follow', async () => {
    const inst = as(t.app, s.institution);
    const created = await inst({ method: 'POST', url: '/api/v1/ledger/conversions', payload: offPlatform() });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ route: 'off_platform', priceBasis: 'off_platform' });
    expect(created.json().contract.sellerName).not.toBe('');

    // 措施四/措施二: converted now; the pool scan takes it out (it held its IP three years).
    const result = await t.database.pool.query(`select status from results where id = $1`, [resultId]);
    expect(result.rows[0].status).toBe('converted');

    const schedule = await inst({
      method: 'PUT',
      url: `/api/v1/ledger/conversions/${id}/schedule`,
      payload: {
        items: [
          { kind: 'instalment', amountFen: 20_000_000, dueOn: '2026-04-01' },
          { kind: 'instalment', amountFen: 30_000_000, dueOn: '2026-06-01' },
        ],
        reason: '按合同第五条分两期支付',
      },
    });
    expect(schedule.statusCode).toBe(200);
    const [first, second] = schedule.json().schedule;
    expect(second.state).toBe('overdue');

    const pay = (payload: Record<string, unknown>) =>
      inst({ method: 'POST', url: `/api/v1/ledger/conversions/${id}/payments`, payload });
    const base = { payerName: '辽宁示例装备有限公司', evidenceRef: '银行回单' };
    // More than the line owes is refused unless marked as an overpayment with a reason.
    const tooMuch = await pay({ ...base, scheduleItemId: first.id, amountFen: 20_000_001, receivedOn: '2026-04-01' });
    expect([tooMuch.statusCode, tooMuch.json().error.code]).toEqual([422, 'PAYMENT_EXCEEDS_OUTSTANDING']);
    const early = await pay({ ...base, scheduleItemId: first.id, amountFen: 100, receivedOn: '2026-02-28' });
    expect([early.statusCode, early.json().error.code]).toEqual([422, 'PAYMENT_BEFORE_SIGNING']);
    const byEnterprise = await as(
      t.app,
      s.enterprise,
    )({
      method: 'POST',
      url: `/api/v1/ledger/conversions/${id}/payments`,
      payload: { ...base, amountFen: 100, receivedOn: '2026-04-01' },
    });
    expect(byEnterprise.statusCode).toBe(403);

    expect(
      (await pay({ ...base, scheduleItemId: first.id, amountFen: 20_000_000, receivedOn: '2026-04-02' })).statusCode,
    ).toBe(201);
    const done = await pay({ ...base, scheduleItemId: second.id, amountFen: 10_000_000, receivedOn: '2026-06-10' });
    expect(done.statusCode).toBe(201);
    expect(done.json().receivedFen).toBe(30_000_000);
    expect(done.json().schedule.map((l: { state: string }) => l.state)).toEqual(['paid', 'overdue']);

    const income = await inst({ method: 'GET', url: '/api/v1/ledger/income?granularity=month' });
    expect(income.json()).toMatchObject({
      totalFen: 30_000_000,
      periods: [
        { period: '2026-04', incomeFen: 20_000_000, payments: 1 },
        { period: '2026-06', incomeFen: 10_000_000, payments: 1 },
      ],
    });
    // Another institution sees none of it.
    const other = await as(t.app, s.otherInstitution)({ method: 'GET', url: `/api/v1/ledger/conversions/${id}` });
    expect(other.statusCode).toBe(404);
    const overdue = await as(t.app, s.operator)({ method: 'GET', url: '/api/v1/ledger/overdue' });
    expect(overdue.json().items.map((i: { scheduleItemId: string }) => i.scheduleItemId)).toContain(second.id);

    // The contract export opens in a spreadsheet library and matches the ledger.
    const xlsx = await inst({ method: 'GET', url: '/api/v1/ledger/contracts/export?format=xlsx' });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(row[headers.indexOf('合同金额（元）')]).toBe('500000.00');
    expect(row[headers.indexOf('已收款（元）')]).toBe('300000.00');
    expect(row[headers.indexOf('支付方式')]).toBe('分期支付');
    const csv = await inst({ method: 'GET', url: '/api/v1/ledger/contracts/export?format=csv' });
    expect(csv.body.startsWith('\ufeff认定登记编号')).toBe(true);
    expect(csv.body).toContain(id);

    // Terminating its only conversion makes the result active again (eligible for the pool again).
    const bad = await inst({
      method: 'POST',
      url: `/api/v1/ledger/conversions/${id}/contract/transition`,
      payload: { action: 'terminate' },
    });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const term = await inst({
      method: 'POST',
      url: `/api/v1/ledger/conversions/${id}/contract/transition`,
      payload: { action: 'terminate', reason: '被许可方未按期支付第二期款项，依合同解除' },
    });
    expect(term.statusCode).toBe(200);
    const after = await t.database.pool.query(`select status from results where id = $1`, [resultId]);
    expect(after.rows[0].status).toBe('active');
    const audit = await t.database.pool.query(
      `select action, reason from audit_log where target_id = $1 and target_type = 'conversion' order by id`,
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'conversion.record',
      'schedule.replace',
      'payment.record',
      'payment.record',
      'contract.terminate',
    ]);
  });

  it('an off-platform conversion takes the result out of the pool at the next scan', async () => {
    const r = await as(
      t.app,
      s.institution,
    )({
      method: 'POST',
      url: '/api/v1/results',
      payload: resultBody({
        title: '池中成果转化测试',
        ipItems: [{ type: 'invention_patent', number: 'ZL201910000001.1', title: '专利', grantDate: '2020-01-10' }],
      }),
    });
    const id = r.json().id;
    await runPoolScan({ ...t.ctx, now: () => NOW });
    const inPool = () =>
      t.database.pool
        .query(`select 1 from pool_entries where result_id = $1 and removed_at is null`, [id])
        .then((q) => q.rowCount);
    expect(await inPool()).toBe(1);
    const c = await as(
      t.app,
      s.institution,
    )({
      method: 'POST',
      url: '/api/v1/ledger/conversions',
      payload: offPlatform({ resultId: id }),
    });
    expect(c.statusCode).toBe(201);
    await runPoolScan({ ...t.ctx, now: () => NOW });
    expect(await inPool()).toBe(0);
  });
});
