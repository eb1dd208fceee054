// 科技成果转化情况年度报告 and the records behind a figure, through the API: the report's figures
// against a hand-computed fixture, its PDF (text extracted) and XLSX, its status draft → submitted →
// accepted (or returned) with who may do what, the department archive, the researcher dimension and
// the drill-down to records. Every refusal writes nothing.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts, conversions, equityStakes, orgUnits, payments, results } from '../../db/schema/index.js';
import { rollUp } from '../../server/statistics/rollup.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, login, uniqueEmail, verifiedMember, type Session } from '../helpers/factories.js';
import { pdfText } from '../helpers/pdf-text.js';

let t: TestContext;
let operator: Session;
let instA: Session;
let instB: Session;
let ent: Session;
let dept: Session;
let otherDept: Session;
let unitId: string;
const STRONG = 'Liaoning-Report-2026!';
const INST_A_NAME = '年报测试理工大学';

async function result(institutionId: string, inventors: string, field: string, orgUnitId: string | null = null) {
  const [r] = await t.database.db
    .insert(results)
    .values({
      institutionId,
      title: `年报测试成果-${inventors}`,
      summary: '年度报告测试',
      field: field as 'new_materials',
      maturity: 'pilot',
      inventors,
      orgUnitId,
    })
    .returning({ id: results.id });
  return r!.id;
}

async function conversion(
  institutionId: string,
  resultId: string,
  type: 'transfer' | 'license' | 'equity' | 'development',
  ownership: 'private' | 'state_wholly_owned',
  signedOn: string,
  amountFen: number,
) {
  const db = t.database.db;
  const [cv] = await db
    .insert(conversions)
    .values({
      institutionId,
      resultId,
      route: 'off_platform',
      counterpartyName: '虚构受让企业有限公司',
      counterpartyOwnership: ownership,
      transactionType: type,
      licenseScope: type === 'license' ? 'exclusive' : null,
      priceBasis: 'off_platform',
    })
    .returning({ id: conversions.id });
  await db.insert(contracts).values({
    conversionId: cv!.id,
    institutionId,
    contractType: type === 'development' ? 'development' : type === 'license' ? 'license' : 'transfer',
    title: '技术合同',
    sellerName: INST_A_NAME,
    buyerName: '虚构受让企业有限公司',
    amountFen,
    technologyAmountFen: amountFen,
    paymentMethods: ['lump_sum'],
    signedOn,
    status: 'effective',
  });
  return cv!.id;
}

async function writes(): Promise<string> {
  const r = await t.database.db.execute<{ n: string }>(sql`
    select (select count(*) from annual_reports)::text || '/' || (select count(*) from audit_log)::text || '/' ||
      coalesce((select max(version) from annual_reports), 0)::text as n`);
  return r.rows[0]!.n;
}

async function refused(res: () => Promise<{ statusCode: number; json(): unknown }>, status: number, code: string) {
  const before = await writes();
  const r = await res();
  expect(r.statusCode).toBe(status);
  expect((r.json() as { error: { code: string } }).error.code).toBe(code);
  expect(await writes()).toBe(before);
}

async function department(name: string, linked: string[]): Promise<Session> {
  const create = await as(
    t.app,
    operator,
  )({ method: 'POST', url: '/api/v1/operator/departments', payload: { name, scope: 'supervisory' } });
  const id = (create.json() as { id: string }).id;
  const email = uniqueEmail('dept');
  await as(
    t.app,
    operator,
  )({
    method: 'POST',
    url: `/api/v1/operator/departments/${id}/members`,
    payload: { email, displayName: '科技处张处长', password: STRONG },
  });
  for (const institutionId of linked)
    await as(
      t.app,
      operator,
    )({ method: 'PUT', url: `/api/v1/operator/departments/${id}/institutions/${institutionId}` });
  return login(t.app, email, STRONG);
}

beforeAll(async () => {
  // The platform's clock: December 2026, so 2025's report is due and 2026's is not.
  t = await setupTestApp({ REGISTER_RATE_LIMIT: '1000' }, { now: () => new Date('2026-12-05T02:00:00Z') });
  operator = await createOperator(t.app, t.database.db);
  instA = await verifiedMember(t.app, operator, 'institution');
  instB = await verifiedMember(t.app, operator, 'institution');
  ent = await verifiedMember(t.app, operator, 'enterprise');
  const db = t.database.db;
  await db.execute(sql`update organisations set name = ${INST_A_NAME} where id = ${instA.orgId}`);
  const [unit] = await db.insert(orgUnits).values({ organisationId: instA.orgId, name: '材料学院' }).returning();
  unitId = unit!.id;
  const r1 = await result(instA.orgId, '李华、赵强', 'new_materials', unitId);
  const r2 = await result(instA.orgId, '李华', 'biomedicine');
  const r3 = await result(instB.orgId, '王芳', 'new_materials');
  // 2025: two transfers (1万元 each) and a licence (5,000元) and a 作价投资 (2万元); a development contract.
  const c1 = await conversion(instA.orgId, r1, 'transfer', 'private', '2025-03-10', 1_000_000);
  await conversion(instA.orgId, r1, 'transfer', 'private', '2025-08-01', 1_000_000);
  await conversion(instA.orgId, r2, 'license', 'state_wholly_owned', '2025-11-30', 500_000);
  const eq = await conversion(instA.orgId, r2, 'equity', 'private', '2025-07-01', 2_000_000);
  await conversion(instA.orgId, r1, 'development', 'private', '2025-05-05', 300_000);
  // 2024: one transfer of 8,000元.
  await conversion(instA.orgId, r1, 'transfer', 'private', '2024-06-01', 800_000);
  await conversion(instB.orgId, r3, 'transfer', 'private', '2025-04-04', 9_900_000);
  await db.insert(equityStakes).values({
    conversionId: eq,
    institutionId: instA.orgId,
    companyName: '虚构新材料科技有限公司',
    companyCreditCode: '91210100MA0000001X',
    stakeBp: 2000,
    valuationFen: 2_000_000,
    acquiredOn: '2025-07-01',
  });
  await db.insert(payments).values({
    conversionId: c1,
    institutionId: instA.orgId,
    resultId: r1,
    amountFen: 600_000,
    receivedOn: '2025-04-01',
    payerName: '虚构受让企业有限公司',
  });
  dept = await department('虚构省教育厅', [instA.orgId]);
  otherDept = await department('虚构省卫生健康委', [instB.orgId]);
  await rollUp(db, { full: true });
});
afterAll(() => t.close());

type Report = {
  status: string;
  asOf: string | null;
  report: {
    transfer: { total: Record<string, number | null>; byType: { key: string; count: number }[] };
    services: { total: { count: number; amountFen: number } };
    income: { amountFen: number };
    equity: { count: number; valuationFen: number };
    office: string;
  };
};

describe('the annual report’s figures', () => {
  it('matches the hand-computed fixture, with the year before beside it', async () => {
    const res = await as(t.app, instA)({ method: 'GET', url: '/api/v1/stats/annual-reports/2025' });
    expect(res.statusCode).toBe(200);
    const v = res.json() as Report;
    expect(v.status).toBe('draft');
    expect(v.asOf).not.toBeNull();
    expect(v.report.transfer.total).toMatchObject({
      count: 4,
      amountFen: 4_500_000,
      averageFen: 1_125_000,
      previousCount: 1,
      previousAmountFen: 800_000,
      amountChangeBp: 46_250,
    });
    expect(v.report.transfer.byType.map((l) => [l.key, l.count])).toEqual([
      ['transfer', 2],
      ['license', 1],
      ['equity', 1],
    ]);
    expect(v.report.services.total).toMatchObject({ count: 1, amountFen: 300_000 });
    expect(v.report.income.amountFen).toBe(600_000);
    expect(v.report.equity).toMatchObject({ count: 1, valuationFen: 2_000_000 });
  });

  it('as a PDF holding the institution’s name and totals, and as XLSX', async () => {
    const pdf = await as(t.app, instA)({ method: 'GET', url: '/api/v1/stats/annual-reports/2025/report.pdf' });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await pdfText(pdf.rawPayload);
    expect(text).toContain(INST_A_NAME);
    expect(text).toContain('2025年度科技成果转化情况年度报告');
    expect(text).toContain('45,000.00'); // 4,500,000 分: the 转让、许可、作价投资 total
    expect(text).toContain('数据截至');

    const xlsx = await as(t.app, instA)({ method: 'GET', url: '/api/v1/stats/annual-reports/2025/report.xlsx' });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('年度报告')!;
    const cells: unknown[] = [];
    sheet.eachRow((row) => cells.push(...(row.values as unknown[])));
    expect(cells).toContain(`${INST_A_NAME}2025年度科技成果转化情况年度报告`);
    expect(cells).toContain(45_000);
  });

  it('is read by its department and operators; other institutions and departments are refused', async () => {
    const url = `/api/v1/stats/annual-reports/2025?organisationId=${instA.orgId}`;
    expect((await as(t.app, dept)({ method: 'GET', url })).statusCode).toBe(200);
    expect((await as(t.app, operator)({ method: 'GET', url })).statusCode).toBe(200);
    await refused(() => as(t.app, instB)({ method: 'GET', url }), 403, 'STATS_OUT_OF_SCOPE');
    await refused(
      () => as(t.app, otherDept)({ method: 'GET', url: url.replace('2025?', '2025/report.pdf?') }),
      403,
      'STATS_OUT_OF_SCOPE',
    );
    await refused(
      () => as(t.app, ent)({ method: 'GET', url: '/api/v1/stats/annual-reports/2025' }),
      404,
      'ORG_NOT_FOUND',
    );
    await refused(
      () => as(t.app, instA)({ method: 'GET', url: '/api/v1/stats/annual-reports/1999' }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });
});

describe('draft → submitted → accepted', () => {
  const submit = (s: Session, year = 2025, payload: unknown = { office: '技术转移中心，专职6人' }) =>
    as(t.app, s)({ method: 'POST', url: `/api/v1/my/annual-reports/${year}/submit`, payload });
  const decide = (s: Session, action: 'accept' | 'return', payload?: unknown) =>
    as(t.app, s)({ method: 'POST', url: `/api/v1/oversight/annual-reports/2025/${instA.orgId}/${action}`, payload });

  it('refuses a year not yet over, other roles and bad input, writing nothing', async () => {
    await refused(() => submit(instA, 2026), 422, 'ANNUAL_REPORT_YEAR_OPEN');
    await refused(() => submit(ent), 403, 'WRONG_ORG_KIND');
    await refused(() => submit(dept), 403, 'FORBIDDEN');
    await refused(() => submit(instA, 2025, { office: 42 }), 400, 'VALIDATION_FAILED');
    await refused(() => decide(dept, 'accept'), 404, 'ANNUAL_REPORT_NOT_FOUND');
  });

  it('freezes the figures at submission; only the overseeing department accepts or returns', async () => {
    const draft = await as(
      t.app,
      instA,
    )({
      method: 'PUT',
      url: '/api/v1/my/annual-reports/2025',
      payload: { office: '草稿文字' },
    });
    expect(draft.statusCode).toBe(204);
    expect((await submit(instA)).statusCode).toBe(204);
    await refused(() => submit(instA), 409, 'ANNUAL_REPORT_STATE');
    await refused(
      () => as(t.app, instA)({ method: 'PUT', url: '/api/v1/my/annual-reports/2025', payload: { office: 'x' } }),
      409,
      'ANNUAL_REPORT_STATE',
    );

    // A conversion recorded later changes the live figures, not the submitted report.
    const [r] = await t.database.db
      .select({ id: results.id })
      .from(results)
      .where(sql`institution_id = ${instA.orgId} and inventors = '李华、赵强'`);
    await conversion(instA.orgId, r!.id, 'transfer', 'private', '2025-12-20', 100_000);
    await rollUp(t.database.db);
    const frozen = (
      await as(t.app, dept)({ method: 'GET', url: `/api/v1/stats/annual-reports/2025?organisationId=${instA.orgId}` })
    ).json() as Report;
    expect(frozen.status).toBe('submitted');
    expect(frozen.report.transfer.total.count).toBe(4);
    expect(frozen.report.office).toBe('技术转移中心，专职6人');

    await refused(() => decide(otherDept, 'accept'), 403, 'ANNUAL_REPORT_NOT_OVERSEEN');
    await refused(() => decide(instA, 'accept'), 403, 'FORBIDDEN');
    await refused(() => decide(dept, 'return', {}), 400, 'VALIDATION_FAILED');
    expect((await decide(dept, 'return', { reason: '请补充技术转移机构情况' })).statusCode).toBe(204);
    const returned = (
      await as(t.app, instA)({ method: 'GET', url: '/api/v1/stats/annual-reports/2025' })
    ).json() as Report & {
      returnReason: string;
    };
    expect(returned.status).toBe('draft');
    expect(returned.returnReason).toBe('请补充技术转移机构情况');
    expect(returned.report.transfer.total.count).toBe(5);

    expect((await submit(instA)).statusCode).toBe(204);
    expect((await decide(dept, 'accept')).statusCode).toBe(204);
    await refused(() => decide(dept, 'return', { reason: '再退回' }), 409, 'ANNUAL_REPORT_STATE');
    const audit = await t.database.db.execute<{ action: string }>(
      sql`select action from audit_log where target_type = 'annual_report' order by id`,
    );
    expect(audit.rows.map((a) => a.action)).toEqual([
      'annual_report.submit',
      'annual_report.return',
      'annual_report.submit',
      'annual_report.accept',
    ]);
  });

  it('the department archive lists its institutions and where each report stands', async () => {
    const list = await as(t.app, dept)({ method: 'GET', url: '/api/v1/oversight/annual-reports?year=2025' });
    expect(list.statusCode).toBe(200);
    expect(
      (list.json() as { institution: { id: string }; status: string }[]).map((e) => [e.institution.id, e.status]),
    ).toEqual([[instA.orgId, 'accepted']]);
    const other = await as(t.app, otherDept)({ method: 'GET', url: '/api/v1/oversight/annual-reports?year=2025' });
    expect((other.json() as { status: string }[]).map((e) => e.status)).toEqual(['none']);
    await refused(
      () => as(t.app, instA)({ method: 'GET', url: '/api/v1/oversight/annual-reports?year=2025' }),
      403,
      'FORBIDDEN',
    );
    await refused(
      () => as(t.app, dept)({ method: 'GET', url: '/api/v1/oversight/annual-reports?year=abc' }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('researchers and the records behind a figure', () => {
  const figures = (s: Session, q: string) =>
    as(t.app, s)({ method: 'GET', url: `/api/v1/stats/figures?from=2025-01&to=2025-12&${q}` });
  type Rows = { rows: { key: string; label: string; values: Record<string, number | null> }[] };

  it('counts each inventor’s conversions (participation) and nothing else per researcher', async () => {
    const res = await figures(instA, 'by=researcher');
    expect(res.statusCode).toBe(200);
    const rows = (res.json() as Rows).rows;
    const by = Object.fromEntries(rows.map((r) => [r.label, r.values]));
    // 李华: on both results (all six 2025 conversions of instA); 赵强: on the first (four).
    expect(by['李华']!.conversions).toBe(6);
    expect(by['赵强']!.conversions).toBe(4);
    expect(by['李华']!.income_received).toBe(600_000);
    expect(by['李华']!.listings_published).toBeNull();
    expect(rows.map((r) => r.label)).not.toContain('王芳');
    const both = await department('两校主管部门', [instA.orgId, instB.orgId]);
    await refused(() => figures(both, 'by=researcher'), 422, 'STATS_RESEARCHER_NEEDS_ORGANISATION');
    const viaDept = await figures(dept, `by=researcher&organisationId=${instA.orgId}`);
    expect((viaDept.json() as Rows).rows).toHaveLength(2);
  });

  it('lists the conversions a figure counts, filtered the same way and within the viewer’s scope', async () => {
    const records = (s: Session, q: string) =>
      as(t.app, s)({ method: 'GET', url: `/api/v1/stats/records?from=2025-01&to=2025-12&${q}` });
    type Page = { total: number; items: { institution: { id: string }; orgUnit: string | null; amountFen: number }[] };
    const all = (await records(instA, '')).json() as Page;
    expect(all.total).toBe(6);
    expect(all.items.every((i) => i.institution.id === instA.orgId)).toBe(true);
    expect(((await records(instA, 'kind=tle')).json() as Page).total).toBe(5);
    const unit = (await records(instA, `orgUnitId=${unitId}`)).json() as Page;
    expect(unit.total).toBe(4);
    expect(unit.items.every((i) => i.orgUnit === '材料学院')).toBe(true);
    expect(((await records(instA, 'orgUnitId=none')).json() as Page).total).toBe(2);
    expect(((await records(instA, 'field=biomedicine')).json() as Page).total).toBe(2);
    const zhao = (await figures(instA, 'by=researcher')).json() as Rows;
    const key = zhao.rows.find((r) => r.label === '赵强')!.key;
    expect(((await records(instA, `researcherId=${key}`)).json() as Page).total).toBe(4);
    // The figure and its records agree.
    const fig = (await figures(instA, `orgUnitId=${unitId}`)).json() as { total: { values: Record<string, number> } };
    expect(fig.total.values.conversions).toBe(unit.total);

    expect(((await records(dept, '')).json() as Page).total).toBe(6);
    expect(((await records(operator, '')).json() as Page).total).toBe(7);
    expect(((await records(ent, '')).json() as Page).total).toBe(0);
    await refused(() => records(instB, `organisationId=${instA.orgId}`), 403, 'STATS_OUT_OF_SCOPE');
    await refused(() => records(instA, 'kind=secret'), 400, 'VALIDATION_FAILED');
    await refused(
      () => as(t.app, instA)({ method: 'GET', url: '/api/v1/stats/records?from=2025-12&to=2025-01' }),
      422,
      'STATS_PERIOD_INVALID',
    );
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/stats/records?from=2025-01&to=2025-12' })).statusCode,
    ).toBe(401);
  });
});
