// Reporting periods. 措施十三 evaluates conversion by period; institutions report per calendar year
// (科技成果转化年度报告). Periods are calendar months, quarters and years in Asia/Shanghai: a payment
// received at 2026-12-31 20:00 UTC belongs to January 2027 in Liaoning.

import { INCOME_GRANULARITIES, type IncomeGranularity } from '../ledger-money.js';

/** The ledger's income granularities are the statistics' grains: one list, one key rule (below). */
export const PERIOD_GRAINS = INCOME_GRANULARITIES;
export type PeriodGrain = IncomeGranularity;

/**
 * The period key of a month (YYYY-MM-01) or any day at a grain: 2026-05, 2026-Q2, 2026 — the
 * ledger's rule (domain/ledger-money.ts), so income and the statistics name periods alike.
 */
export { periodKey } from '../ledger-money.js';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The first day of the Asia/Shanghai month that holds `at`, as YYYY-MM-01. */
export function monthOf(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7) + '-01';
}

/** What a period key reads as: 2026年5月, 2026年第二季度, 2026年. */
export function periodLabel(key: string): string {
  const [year, part] = key.split('-');
  if (part === undefined) return `${year}年`;
  if (part.startsWith('Q')) return `${year}年第${'一二三四'[Number(part.slice(1)) - 1]}季度`;
  return `${year}年${Number(part)}月`;
}

/** The months (YYYY-MM-01) of a calendar year. */
export function monthsOfYear(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}-01`);
}

/** Whole days from one instant to a later one, counted on the Asia/Shanghai calendar. */
export function calendarDaysBetween(from: Date, to: Date): number {
  const day = (d: Date) => Math.floor((d.getTime() + SHANGHAI_OFFSET_MS) / 86_400_000);
  return Math.max(0, day(to) - day(from));
}
