// 科技成果转化情况年度报告 (《促进科技成果转化法》第二十一条; 财科教〔2017〕22号): what an institution
// owes its supervising department each year, built from the 措施十三 figures. Pure: the server hands in
// the summed cells of the year and the year before, the equity register and the institution's own
// text; this file lays them out in the report's structure (sections a–c) with the year-on-year change,
// and decides the report's status (draft → submitted → accepted).

import { CONVERSION_TYPE_LABELS, type ConversionType } from '../constants/ledger.js';
import { INDUSTRY_FIELD_LABELS } from '../constants/listings.js';
import { OWNERSHIP_TYPE_LABELS } from '../constants/organisations.js';
import { meanFen, ratioBp } from './metrics.js';

export const ANNUAL_REPORT_STATUSES = ['draft', 'submitted', 'accepted'] as const;
export type AnnualReportStatus = (typeof ANNUAL_REPORT_STATUSES)[number];
export const ANNUAL_REPORT_STATUS_LABELS: Record<AnnualReportStatus, string> = {
  draft: '草稿',
  submitted: '已报送主管部门',
  accepted: '主管部门已接收',
};

export const ANNUAL_REPORT_ACTIONS = ['submit', 'accept', 'return'] as const;
export type AnnualReportAction = (typeof ANNUAL_REPORT_ACTIONS)[number];

/** Who acts on a report: the institution itself, or a supervisory department overseeing it. */
export type ReportActor = 'institution' | 'department';

export type TransitionOutcome =
  | { ok: true; status: AnnualReportStatus; freeze: boolean }
  | { ok: false; code: 'ANNUAL_REPORT_STATE' | 'FORBIDDEN' | 'ANNUAL_REPORT_YEAR_OPEN' };

/**
 * The report's life. The institution submits its draft once the year is over (the report covers a
 * whole calendar year); submitting freezes the figures as of that moment. The supervisory department
 * accepts it, or returns it to draft (the institution corrects its ledger and submits again).
 * `year` and `currentYear` are Asia/Shanghai calendar years.
 */
export function reportTransition(
  status: AnnualReportStatus,
  action: AnnualReportAction,
  by: ReportActor,
  year: number,
  currentYear: number,
): TransitionOutcome {
  const allowed: Record<AnnualReportAction, { from: AnnualReportStatus; to: AnnualReportStatus; by: ReportActor }> = {
    submit: { from: 'draft', to: 'submitted', by: 'institution' },
    accept: { from: 'submitted', to: 'accepted', by: 'department' },
    return: { from: 'submitted', to: 'draft', by: 'department' },
  };
  const rule = allowed[action];
  if (rule.by !== by) return { ok: false, code: 'FORBIDDEN' };
  if (status !== rule.from) return { ok: false, code: 'ANNUAL_REPORT_STATE' };
  if (action === 'submit' && year >= currentYear) return { ok: false, code: 'ANNUAL_REPORT_YEAR_OPEN' };
  return { ok: true, status: rule.to, freeze: action === 'submit' };
}

/** Counterparty types of the report: the enterprise's ownership, or 其他 (natural persons, institutions…). */
export type CounterpartyType = keyof typeof OWNERSHIP_TYPE_LABELS | 'other';

/** One summed cell of the `conversion` metric (domain/statistics/metrics.ts). */
export interface ConversionCell {
  transactionType: ConversionType;
  counterparty: CounterpartyType;
  field: string | null;
  count: number;
  amountFen: number;
}

export interface IncomeCell {
  transactionType: ConversionType;
  amountFen: number;
}

export interface EquityHolding {
  companyName: string;
  stakeBp: number | null;
  valuationFen: number;
  acquiredOn: string;
  status: string;
}

export interface ReportInputs {
  year: number;
  institutionName: string;
  current: { conversions: ConversionCell[]; income: IncomeCell[] };
  previous: { conversions: ConversionCell[]; income: IncomeCell[] };
  /** 措施十二 rewards paid to personnel; null until the researchers' rewards are on the platform. */
  rewards: { amountFen: number; people: number; previousAmountFen: number } | null;
  equity: EquityHolding[];
  /** The institution's own text on its technology-transfer office (技术转移机构建设情况). */
  office: string;
}

/** A figure with its year-on-year change (basis points; null when last year had none). */
export interface ReportLine {
  key: string;
  label: string;
  count: number;
  amountFen: number;
  averageFen: number | null;
  previousCount: number;
  previousAmountFen: number;
  countChangeBp: number | null;
  amountChangeBp: number | null;
}

export interface AnnualReport {
  year: number;
  institutionName: string;
  /** (一) 转让、许可、作价投资. */
  transfer: { total: ReportLine; byType: ReportLine[]; byField: ReportLine[]; byCounterparty: ReportLine[] };
  /** (二) 技术开发、咨询、服务. */
  services: { total: ReportLine; byType: ReportLine[] };
  /** (三) 收入、奖励、股权、技术转移机构. */
  income: ReportLine;
  rewards: { amountFen: number; people: number; previousAmountFen: number; amountChangeBp: number | null } | null;
  equity: { holdings: EquityHolding[]; count: number; valuationFen: number };
  office: string;
}

export const TRANSFER_TYPES = ['transfer', 'license', 'equity'] as const satisfies readonly ConversionType[];
export const SERVICE_TYPES = ['development', 'service'] as const satisfies readonly ConversionType[];

/** Change from `previous` to `current` in basis points; null when there is nothing to compare with. */
export function changeBp(current: number, previous: number): number | null {
  return ratioBp(current - previous, previous);
}

function line(
  key: string,
  label: string,
  now: { count: number; amountFen: number },
  before: { count: number; amountFen: number },
): ReportLine {
  return {
    key,
    label,
    count: now.count,
    amountFen: now.amountFen,
    averageFen: meanFen(now.amountFen, now.count),
    previousCount: before.count,
    previousAmountFen: before.amountFen,
    countChangeBp: changeBp(now.count, before.count),
    amountChangeBp: changeBp(now.amountFen, before.amountFen),
  };
}

function sum<T extends { count?: number; amountFen: number }>(cells: readonly T[], keep: (c: T) => boolean) {
  let count = 0;
  let amountFen = 0;
  for (const c of cells) {
    if (!keep(c)) continue;
    count += c.count ?? 0;
    amountFen += c.amountFen;
  }
  return { count, amountFen };
}

/** Lines for each key either year has, in `order` first, then any others sorted. */
function breakdown<K extends string>(
  now: readonly ConversionCell[],
  before: readonly ConversionCell[],
  keyOf: (c: ConversionCell) => K,
  labelOf: (k: K) => string,
  order: readonly K[] = [],
): ReportLine[] {
  const keys = new Set<K>([...now.map(keyOf), ...before.map(keyOf)]);
  const sorted = [...order.filter((k) => keys.has(k)), ...[...keys].filter((k) => !order.includes(k)).sort()];
  return sorted.map((k) =>
    line(
      k,
      labelOf(k),
      sum(now, (c) => keyOf(c) === k),
      sum(before, (c) => keyOf(c) === k),
    ),
  );
}

export function buildAnnualReport(input: ReportInputs): AnnualReport {
  const isTransfer = (c: { transactionType: ConversionType }) =>
    (TRANSFER_TYPES as readonly ConversionType[]).includes(c.transactionType);
  const isService = (c: { transactionType: ConversionType }) =>
    (SERVICE_TYPES as readonly ConversionType[]).includes(c.transactionType);
  const tNow = input.current.conversions.filter(isTransfer);
  const tBefore = input.previous.conversions.filter(isTransfer);
  const sNow = input.current.conversions.filter(isService);
  const sBefore = input.previous.conversions.filter(isService);
  const all = () => true;
  const typeLabel = (k: ConversionType) => CONVERSION_TYPE_LABELS[k];
  return {
    year: input.year,
    institutionName: input.institutionName,
    transfer: {
      total: line('total', '合计', sum(tNow, all), sum(tBefore, all)),
      byType: breakdown(tNow, tBefore, (c) => c.transactionType, typeLabel, TRANSFER_TYPES),
      byField: breakdown(
        tNow,
        tBefore,
        (c) => c.field ?? '',
        (k) => (k === '' ? '未填写' : (INDUSTRY_FIELD_LABELS[k as keyof typeof INDUSTRY_FIELD_LABELS] ?? k)),
      ),
      byCounterparty: breakdown(
        tNow,
        tBefore,
        (c) => c.counterparty,
        (k) => (k === 'other' ? '其他（个人、事业单位等）' : `${OWNERSHIP_TYPE_LABELS[k]}企业`),
        ['state_wholly_owned', 'state_controlled', 'private', 'foreign', 'other'],
      ),
    },
    services: {
      total: line('total', '合计', sum(sNow, all), sum(sBefore, all)),
      byType: breakdown(sNow, sBefore, (c) => c.transactionType, typeLabel, SERVICE_TYPES),
    },
    income: line(
      'income',
      '到账收入',
      { count: 0, amountFen: sum(input.current.income, all).amountFen },
      { count: 0, amountFen: sum(input.previous.income, all).amountFen },
    ),
    rewards: input.rewards && {
      ...input.rewards,
      amountChangeBp: changeBp(input.rewards.amountFen, input.rewards.previousAmountFen),
    },
    equity: {
      holdings: input.equity,
      count: input.equity.length,
      valuationFen: input.equity.reduce((s, e) => s + e.valuationFen, 0),
    },
    office: input.office,
  };
}
