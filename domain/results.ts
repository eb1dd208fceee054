import type { OwnershipMode, SecurityClass } from './constants/results.js';
import { AppError } from './errors.js';

export interface CoOwner {
  name: string;
  /** Share in basis points (1 % = 100), so shares add up exactly. */
  shareBp: number;
}

export interface ResultOwnershipInput {
  ownership: OwnershipMode;
  coOwners: CoOwner[];
  longTermUseYears: number | null;
  longTermUseEndsOn: string | null;
  securityClass: SecurityClass;
  separatelyManaged: boolean;
}

export interface IpItemInput {
  type: string;
  number: string;
  grantDate: string | null;
}

export const FULL_SHARE_BP = 10_000;
// 措施一: 不低于 10 年的职务科技成果长期使用权.
export const MIN_LONG_TERM_USE_YEARS = 10;

/**
 * Checks a result's ownership data against 措施一 (赋权) and 措施十五 (安全).
 * Throws the first rule broken; returns normalised data otherwise.
 */
export function checkResultOwnership(input: ResultOwnershipInput): ResultOwnershipInput {
  const sensitive = input.securityClass !== 'public';
  // 措施十五: results touching national, defence, public or economic security are excluded from 赋权 and 单列管理.
  if (sensitive && input.ownership !== 'institution') throw new AppError('SECURITY_CLASS_FORBIDS_GRANT');
  if (sensitive && input.separatelyManaged) throw new AppError('SECURITY_CLASS_FORBIDS_SEPARATE');

  switch (input.ownership) {
    case 'institution':
      return { ...input, coOwners: [], longTermUseYears: null, longTermUseEndsOn: null };
    case 'co_owned': {
      // 措施一: 科研单位与成果完成人（团队）成为共同所有权人 — the shares must account for the whole.
      if (input.coOwners.length === 0) throw new AppError('CO_OWNERS_REQUIRED');
      const total = input.coOwners.reduce((sum, c) => sum + c.shareBp, 0);
      if (total !== FULL_SHARE_BP) throw new AppError('SHARES_MUST_TOTAL_100', { totalBp: total });
      return { ...input, longTermUseYears: null, longTermUseEndsOn: null };
    }
    case 'long_term_use': {
      if (input.longTermUseYears === null || input.longTermUseEndsOn === null) {
        throw new AppError('LONG_TERM_USE_TERMS_REQUIRED');
      }
      if (input.longTermUseYears < MIN_LONG_TERM_USE_YEARS) throw new AppError('LONG_TERM_USE_TOO_SHORT');
      return { ...input, coOwners: [] };
    }
  }
}

/** A grant date may not lie in the future (dates are Asia/Shanghai calendar days, `YYYY-MM-DD`). */
export function checkIpItems(items: IpItemInput[], today: string): void {
  for (const item of items) {
    if (item.grantDate !== null && item.grantDate > today) {
      throw new AppError('GRANT_DATE_IN_FUTURE', { number: item.number });
    }
  }
}

/** The calendar day in Asia/Shanghai (UTC+8, no daylight saving) for an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
