import type { CoOwnerParty, OwnershipMode, RightsReviewReason, SecurityClass } from './constants/results.js';
import { AppError } from './errors.js';
import { addYearsClamped } from './pool.js';

export interface CoOwner {
  name: string;
  /** Share in basis points (1 % = 100), so shares add up exactly. */
  shareBp: number;
  /** 措施一: the institution itself, or a member of the completing team. */
  party: CoOwnerParty;
}

export interface ResultOwnershipInput {
  ownership: OwnershipMode;
  coOwners: CoOwner[];
  /** 措施一 长期使用权: first and last day of the right (YYYY-MM-DD, Asia/Shanghai). */
  longTermUseStartsOn: string | null;
  longTermUseEndsOn: string | null;
  securityClass: SecurityClass;
  separatelyManaged: boolean;
}

export interface CheckedOwnership extends ResultOwnershipInput {
  /** Valid data needs no review: saving it clears a flag the migration set. */
  rightsReview: RightsReviewReason | null;
}

export interface IpItemInput {
  type: string;
  number: string;
  grantDate: string | null;
}

export const FULL_SHARE_BP = 10_000;
// 措施一: 不低于 10 年的职务科技成果长期使用权.
export const MIN_LONG_TERM_USE_YEARS = 10;

/** 措施一: the earliest last day of a long-term use right starting on `startsOn` (29 Feb + 10 years = 28 Feb). */
export function earliestLongTermUseEnd(startsOn: string): string {
  return addYearsClamped(startsOn, MIN_LONG_TERM_USE_YEARS);
}

/**
 * Checks a result's ownership data against 措施一 (赋权) and 措施十五 (安全); `today` is the
 * Asia/Shanghai calendar day. Throws the first rule broken; returns normalised data otherwise.
 */
export function checkResultOwnership(input: ResultOwnershipInput, today: string): CheckedOwnership {
  const sensitive = input.securityClass !== 'public';
  // 措施十五: results touching national, defence, public or economic security are excluded from 赋权 and 单列管理.
  if (sensitive && input.ownership !== 'institution') throw new AppError('SECURITY_CLASS_FORBIDS_GRANT');
  if (sensitive && input.separatelyManaged) throw new AppError('SECURITY_CLASS_FORBIDS_SEPARATE');
  const none = { longTermUseStartsOn: null, longTermUseEndsOn: null, rightsReview: null };

  switch (input.ownership) {
    // team_owned (措施六): reached only through an accepted 权益让渡 decision (domain/rights.ts); kept as it is on edits.
    case 'institution':
    case 'team_owned':
      return { ...input, ...none, coOwners: [] };
    case 'co_owned': {
      // 措施一: 科研单位与成果完成人（团队）成为共同所有权人 — the institution and the team both hold a
      // share, and the shares account for the whole.
      if (input.coOwners.some((c) => !Number.isInteger(c.shareBp) || c.shareBp < 0 || c.shareBp > FULL_SHARE_BP)) {
        throw new AppError('VALIDATION_FAILED', [{ path: '/coOwners', message: '份额须为0至100%之间' }]);
      }
      const institution = input.coOwners.filter((c) => c.party === 'institution');
      if (institution.length !== 1 || institution[0]!.shareBp <= 0) {
        throw new AppError('CO_OWNER_INSTITUTION_REQUIRED', { institutionEntries: institution.length });
      }
      if (!input.coOwners.some((c) => c.party === 'team' && c.shareBp > 0)) throw new AppError('CO_OWNERS_REQUIRED');
      const total = input.coOwners.reduce((sum, c) => sum + c.shareBp, 0);
      if (total !== FULL_SHARE_BP) throw new AppError('SHARES_MUST_TOTAL_100', { totalBp: total });
      return { ...input, ...none };
    }
    case 'long_term_use': {
      const { longTermUseStartsOn: startsOn, longTermUseEndsOn: endsOn } = input;
      if (startsOn === null || endsOn === null) throw new AppError('LONG_TERM_USE_TERMS_REQUIRED');
      // 措施一: 不低于 10 年 — counted from the first day, in calendar years.
      const earliest = earliestLongTermUseEnd(startsOn);
      if (endsOn < earliest) throw new AppError('LONG_TERM_USE_TOO_SHORT', { earliestEndsOn: earliest });
      // A right that has already ended cannot be recorded as held: extend it or change the ownership.
      if (endsOn < today) throw new AppError('LONG_TERM_USE_ENDED', { endsOn });
      return { ...input, coOwners: [], rightsReview: null };
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

/** Whether two records of a result's rights say the same (an edit must not change them: domain/rights.ts). */
export function sameOwnership(
  a: Pick<ResultOwnershipInput, 'ownership' | 'coOwners' | 'longTermUseStartsOn' | 'longTermUseEndsOn'>,
  b: Pick<ResultOwnershipInput, 'ownership' | 'coOwners' | 'longTermUseStartsOn' | 'longTermUseEndsOn'>,
): boolean {
  // The order of the entries, and the name under which the institution's own share is shown, are presentation.
  const owners = (c: CoOwner[]) =>
    JSON.stringify(
      c
        .map((o) => [o.party, o.party === 'institution' ? '' : o.name.trim(), o.shareBp] as const)
        .sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1)),
    );
  return (
    a.ownership === b.ownership &&
    (a.longTermUseStartsOn ?? null) === (b.longTermUseStartsOn ?? null) &&
    (a.longTermUseEndsOn ?? null) === (b.longTermUseEndsOn ?? null) &&
    owners(a.coOwners) === owners(b.coOwners)
  );
}
