// The pay-later pool's calendar rules (措施五, 措施十五). Pure: dates are Asia/Shanghai calendar
// days as `YYYY-MM-DD`; the caller passes "today" (shanghaiDate(now)).
//
// 措施五: 对取得知识产权三年以上未实现转化的职务科技成果，原则上纳入"先用后付成果池".
// A result has held its IP three years once the third anniversary of its EARLIEST grant date has
// arrived. An anniversary that does not exist (29 February in a common year) falls on the last day
// of that month, 28 February — the rule of 民法典 第二百零二条 ("没有对应日的，月末日为期间的最后一日").
// So IP granted on 2024-02-29 has been held three years on 2027-02-28.

import type { PoolResultState } from './constants/pool.js';
import type { ResultStatus, SecurityClass } from './constants/results.js';
import { AppError } from './errors.js';

export const POOL_HOLDING_YEARS = 3;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a calendar date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Adds calendar months; a day that does not exist in the target month becomes its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsClamped(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (((index % 12) + 12) % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addYearsClamped(date: string, years: number): string {
  return addMonthsClamped(date, years * 12);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The day on which IP granted on `grantDate` has been held three years. */
export function poolAnniversary(grantDate: string): string {
  return addYearsClamped(grantDate, POOL_HOLDING_YEARS);
}

export function heldThreeYears(grantDate: string, today: string): boolean {
  return poolAnniversary(grantDate) <= today;
}

/**
 * The latest grant date that has been held three years `today`: a result qualifies exactly when its
 * earliest grant date is ≤ this day. It is today three years back, except that on 28 February of a
 * year whose year-minus-three was a leap year it is 29 February (that day's anniversary is today),
 * and on 29 February it is 28 February (three years back has no 29th).
 * Expressed as a cutoff so the set-based scan can compare a column with one parameter.
 */
export function poolCutoffDate(today: string): string {
  const [y, m, d] = parts(today);
  if (m === 2 && d === 28 && isLeap(y - POOL_HOLDING_YEARS)) return format(y - POOL_HOLDING_YEARS, 2, 29);
  return addYearsClamped(today, -POOL_HOLDING_YEARS);
}

/**
 * Whether a result may be in the pool at all, whatever its age: 措施十五 keeps results touching
 * national interests (restricted, classified) out of 先使用后付费, and a converted result no longer
 * needs the pool.
 */
export function checkPoolCandidate(result: { securityClass: SecurityClass; status: ResultStatus }): void {
  if (result.securityClass !== 'public') throw new AppError('POOL_SECURITY_EXCLUDED');
  if (result.status === 'converted') throw new AppError('POOL_RESULT_CONVERTED');
}

/**
 * The period an edition belongs to: the second its publication was scheduled for, in Shanghai time
 * (`2026-12-01T03:00:00`). Every worker that picks up the same scheduled run derives the same key, so
 * a unique constraint on it leaves exactly one edition per period.
 */
export function editionPeriodKey(scheduledAt: Date): string {
  return new Date(scheduledAt.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
}

/** The instant a Shanghai calendar day begins. */
export function shanghaiMidnight(date: string): Date {
  parts(date);
  return new Date(`${date}T00:00:00+08:00`);
}

export interface PoolFacts {
  securityClass: SecurityClass;
  status: ResultStatus;
  /** The earliest grant date of the result's IP, if any is granted. */
  firstGrantDate: string | null;
  inPool: boolean;
  optedOut: boolean;
}

/**
 * Where a result stands, as its institution sees it; `eligibleOn` is the day the scan will include
 * it when that is still ahead. Exclusions come first: a converted or reclassified result that the
 * next scan has yet to remove is shown as what it is.
 */
export function poolStateOf(f: PoolFacts, today: string): { state: PoolResultState; eligibleOn: string | null } {
  const eligibleOn = f.firstGrantDate === null ? null : poolAnniversary(f.firstGrantDate);
  const state: PoolResultState =
    f.securityClass !== 'public'
      ? 'excluded'
      : f.status === 'converted'
        ? 'converted'
        : f.inPool
          ? 'in_pool'
          : f.optedOut
            ? 'opted_out'
            : eligibleOn === null
              ? 'no_grant'
              : eligibleOn <= today
                ? 'awaiting_scan'
                : 'not_yet';
  return { state, eligibleOn };
}
