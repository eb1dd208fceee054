// The demo statistics (措施十三, issue 19): several years of conversions for four demo institutions (so
// the charts have a trend), the demo university's internal units (院系) with its results assigned to
// them, a fictional supervisory department overseeing three institutions and a provincial department,
// and the demo university's submitted annual report for last year (科技成果转化情况年度报告). The
// worker's roll-up turns the rows into figures within seconds of start-up.
import { randomUUID } from 'node:crypto';
import type { ConversionType } from '../../domain/constants/ledger.js';
import { INDUSTRY_FIELDS } from '../../domain/constants/listings.js';
import { addDays } from '../../domain/pool.js';
import { shanghaiDate } from '../../domain/results.js';
import {
  buildAnnualReport,
  type ConversionCell,
  type CounterpartyType,
  type IncomeCell,
} from '../../domain/statistics/annual-report.js';
import type { annualReports, orgUnits, oversightLinks } from '../schema/index.js';
import { SEED, type NewResult, type SeedContext } from './context.js';
import type { Directory } from './directory.js';
import { ipItems } from './ip.js';
import type { LedgerRows } from './ledger.js';
import { EMAIL_DOMAIN } from './organisations.data.js';
import { Rng } from './random.js';
import type { ResultRef } from './results.js';
import { DAY } from './timeline.js';

export interface StatisticsRows {
  orgUnits: (typeof orgUnits.$inferInsert)[];
  oversightLinks: (typeof oversightLinks.$inferInsert)[];
  annualReports: (typeof annualReports.$inferInsert)[];
  /** Past conversions' results (converted, so never pool-eligible). */
  results: NewResult[];
}

export const DEMO_DEPARTMENT = { key: 'dept01', name: '演示省教育厅（虚构）' };
export const DEMO_PROVINCIAL = { key: 'prov01', name: '演示省科学技术厅（虚构）' };
const UNITS = ['材料科学与工程学院', '化工学院', '机械工程学院'];
const TYPES: ConversionType[] = ['transfer', 'transfer', 'license', 'license', 'equity', 'development', 'service'];
const OWNERSHIPS = ['private', 'private', 'state_wholly_owned', 'state_controlled', 'foreign'] as const;

export function buildStatistics(
  ctx: SeedContext,
  dir: Directory,
  ledger: LedgerRows,
  results: readonly ResultRef[],
): StatisticsRows {
  const { plan, clock } = ctx;
  const rng = new Rng(SEED + 19);
  const out: StatisticsRows = { orgUnits: [], oversightLinks: [], annualReports: [], results: [] };
  const today = shanghaiDate(clock.now);
  const year = Number(today.slice(0, 4));

  // 院系 of the demo university; its results round-robin among them.
  const inst = dir.org('inst01');
  const units = UNITS.map((name) => ({ id: randomUUID(), organisationId: inst.id, name, createdAt: clock.now }));
  out.orgUnits.push(...units);
  results.filter((r) => r.org.id === inst.id).forEach((r, i) => (r.row.orgUnitId = units[i % units.length]!.id));

  // Four years of off-platform conversions, growing year by year, for four institutions.
  const buyers = dir.domesticBuyers;
  ['inst01', 'inst02', 'inst03', 'inst04'].forEach((key, k) => {
    const org = dir.org(key);
    const team = Array.from({ length: 4 }, () => ctx.personName());
    for (let back = 4; back >= 1; back--) {
      const y = year - back;
      const n = 2 + (4 - back) + (k === 0 ? 2 : 0);
      for (let j = 0; j < n; j++) {
        const signedOn = `${y}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
        const type = rng.pick(TYPES);
        const buyer = rng.pick(buyers);
        const ownership = rng.pick(OWNERSHIPS);
        const amountFen = rng.int(20, 400) * 10_000 * 100;
        const resultId = randomUUID();
        const at = new Date(`${signedOn}T02:00:00Z`);
        const field = rng.pick(INDUSTRY_FIELDS);
        const title = `${rng.pick(['高性能', '低成本', '智能化', '绿色'])}${rng.pick(['涂层', '催化剂', '传感器', '控制系统', '检测方法'])}技术（${y}年转化）`;
        ipItems(rng, at, field, title, org.name).forEach((item, position) =>
          plan.ipItems.push({ resultId, position, ...item }),
        );
        out.results.push({
          id: resultId,
          institutionId: org.id,
          title,
          summary: '演示数据：往年已转化的职务科技成果，用于统计图表与年度报告。',
          field,
          maturity: 'pilot',
          inventors: [team[0]!, rng.pick(team.slice(1))].join('、'),
          orgUnitId: k === 0 ? units[j % units.length]!.id : null,
          status: 'converted',
          convertedAt: at,
          createdBy: org.people[0]!.id,
          createdAt: new Date(at.getTime() - 400 * DAY),
          updatedAt: at,
        });
        const id = randomUUID();
        ledger.conversions.push({
          id,
          institutionId: org.id,
          resultId,
          route: 'off_platform',
          counterpartyName: buyer.name,
          counterpartyOwnership: ownership,
          transactionType: type,
          licenseScope: type === 'license' ? 'non_exclusive' : null,
          priceBasis: 'off_platform',
          basis: '演示数据：往年线下转化，经单位集体决策',
          evidenceRef: `合同编号 HIST-${y}-${k}${j}`,
          recordedBy: org.people[0]!.id,
          createdAt: at,
          updatedAt: at,
        });
        ledger.contracts.push({
          conversionId: id,
          institutionId: org.id,
          contractType: type === 'equity' ? 'transfer' : type,
          title: '技术合同（往年）',
          sellerName: org.name,
          buyerName: buyer.name,
          amountFen,
          technologyAmountFen: amountFen,
          paymentMethods: ['lump_sum'],
          signedOn,
          status: 'completed',
          createdAt: at,
          updatedAt: at,
        });
        ctx.audit('conversion', id, 'completed');
        if (type === 'equity') {
          ledger.equityStakes.push({
            conversionId: id,
            institutionId: org.id,
            companyName: `演示${buyer.name.slice(0, 4)}新技术有限公司`,
            companyCreditCode: `91210100MA${String(k)}${String(j).padStart(2, '0')}${y}X`.slice(0, 18),
            stakeBp: rng.int(5, 30) * 100,
            shares: rng.int(5, 30) * 100_000,
            valuationFen: amountFen,
            acquiredOn: signedOn,
          });
        } else {
          const receivedOn = addDays(signedOn, 30);
          if (receivedOn <= today)
            ledger.payments.push({
              conversionId: id,
              institutionId: org.id,
              resultId,
              amountFen,
              receivedOn,
              payerName: buyer.name,
              evidenceRef: `银行回单 ${receivedOn.replaceAll('-', '')}`,
            });
        }
      }
    }
  });

  // A supervisory department over three institutions, and the provincial science department.
  for (const [dept, scope] of [
    [DEMO_DEPARTMENT, 'supervisory'],
    [DEMO_PROVINCIAL, 'provincial'],
  ] as const) {
    const id = randomUUID();
    plan.organisations.push({
      id,
      kind: 'department',
      name: dept.name,
      departmentScope: scope,
      verificationStatus: 'verified',
      verifiedAt: clock.ago(300 * DAY),
      createdAt: clock.ago(300 * DAY),
    });
    const userId = randomUUID();
    plan.users.push({
      id: userId,
      email: `${dept.key}@${EMAIL_DOMAIN}`,
      passwordHash: ctx.passwordHash,
      displayName: scope === 'provincial' ? '成果转化处赵处长' : '科技处刘处长',
      phone: ctx.phone(),
      createdAt: clock.ago(300 * DAY),
    });
    plan.memberships.push({ userId, organisationId: id, role: 'admin', createdAt: clock.ago(300 * DAY) });
    ctx.audit('organisation', id, 'verified');
    if (scope === 'supervisory')
      for (const key of ['inst01', 'inst02', 'inst03'])
        out.oversightLinks.push({ departmentId: id, institutionId: dir.org(key).id, createdAt: clock.ago(300 * DAY) });
  }

  // The demo university's report for last year, submitted to the department with its figures.
  out.annualReports.push(annualReportOf(ctx, inst.id, inst.name, year - 1, ledger, out.results, results));
  return out;
}

function annualReportOf(
  ctx: SeedContext,
  institutionId: string,
  name: string,
  year: number,
  ledger: LedgerRows,
  extra: readonly NewResult[],
  results: readonly ResultRef[],
): typeof annualReports.$inferInsert {
  const fields = new Map<string, string | null>([
    ...results.map((r) => [r.row.id!, r.row.field ?? null] as const),
    ...extra.map((r) => [r.id!, r.field ?? null] as const),
  ]);
  const contracts = new Map(ledger.contracts.map((c) => [c.conversionId, c]));
  const types = new Map(ledger.conversions.map((c) => [c.id, c.transactionType]));
  const cells = (y: number) => {
    const conversions: ConversionCell[] = [];
    const income: IncomeCell[] = [];
    for (const cv of ledger.conversions) {
      const ct = contracts.get(cv.id);
      if (cv.institutionId !== institutionId || !ct?.signedOn?.startsWith(String(y))) continue;
      if (ct.status !== 'effective' && ct.status !== 'completed') continue;
      conversions.push({
        transactionType: cv.transactionType,
        counterparty: (cv.counterpartyOwnership ?? 'other') as CounterpartyType,
        field: cv.resultId ? (fields.get(cv.resultId) ?? null) : null,
        count: 1,
        amountFen: ct.amountFen,
      });
    }
    for (const p of ledger.payments)
      if (p.institutionId === institutionId && p.receivedOn.startsWith(String(y)))
        income.push({ transactionType: types.get(p.conversionId)!, amountFen: p.amountFen });
    return { conversions, income };
  };
  const office =
    '本校技术转移中心为校内独立设置的成果转化服务机构，配备专职技术经理人6名，负责成果披露、评估、定价公示与合同登记（演示数据）。';
  const figures = buildAnnualReport({
    year,
    institutionName: name,
    current: cells(year),
    previous: cells(year - 1),
    rewards: null,
    equity: ledger.equityStakes
      .filter((e) => e.institutionId === institutionId && e.acquiredOn.startsWith(String(year)))
      .map((e) => ({
        companyName: e.companyName,
        stakeBp: e.stakeBp ?? null,
        valuationFen: e.valuationFen,
        acquiredOn: e.acquiredOn,
        status: e.status ?? 'held',
      })),
    office,
  });
  const submittedAt = ctx.clock.ago(20 * DAY);
  return {
    institutionId,
    year,
    status: 'submitted',
    office,
    figures,
    asOf: submittedAt,
    submittedAt,
    submittedBy: ctx.plan.memberships.find((m) => m.organisationId === institutionId)!.userId,
    createdAt: submittedAt,
    updatedAt: submittedAt,
  };
}
