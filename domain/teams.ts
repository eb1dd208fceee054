// Inventor teams (成果完成人团队, 措施一、十二): who completed a result and with what contribution share.
// Shares are basis points summing to exactly 10,000; every split is by largest remainder, so the
// parts always add up and none is more than one unit from its ideal. 措施十二's rewards cover staff
// 副职及以下; a member holding a 正职 leadership post is flagged, and their reward follows the
// institution's separate procedure.
import { AppError } from './errors.js';

export const FULL_SHARE_BP = 10_000;
export const TEAM_MAX_MEMBERS = 50;

export interface TeamMemberInput {
  name: string;
  orgUnitId?: string | null;
  roleInWork?: string;
  shareBp: number;
  /** 正职 leadership post (rewards outside 措施十二's automatic path). */
  principalLeader?: boolean;
  /** A researcher account of the institution (optional). */
  userId?: string | null;
}

/**
 * Splits `total` (an integer ≥ 0) in proportion to non-negative integer `weights` (not all zero):
 * each part is the floor of its ideal, and the units left over go one each to the largest
 * remainders (ties: the earlier position). Sum exact; each part within 1 of its ideal.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError('total must be a non-negative integer');
  if (weights.length === 0) throw new RangeError('weights must not be empty');
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('weights must be integers ≥ 0');
  const sum = weights.reduce((a, w) => a + w, 0);
  if (sum === 0) throw new RangeError('weights must not all be zero');
  // Exact integer arithmetic: ideal_i = total·w_i / sum, as quotient and remainder (BigInt: total·w may pass 2^53).
  const T = BigInt(total);
  const S = BigInt(sum);
  const parts = weights.map((w) => (T * BigInt(w)) / S);
  const rems = weights.map((w, i) => ({ i, r: (T * BigInt(w)) % S }));
  let left = Number(T - parts.reduce((a, p) => a + p, 0n));
  rems.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of rems) {
    if (left === 0) break;
    parts[i]! += 1n;
    left--;
  }
  return parts.map(Number);
}

/** Equal contribution shares for `n` members, in basis points summing to 10,000. */
export function equalShares(n: number): number[] {
  return largestRemainder(
    FULL_SHARE_BP,
    Array.from({ length: n }, () => 1),
  );
}

// The separators a free-text inventors field uses: 、，,；; / | and line breaks (also full-width forms).
const SEPARATORS = /[、，,；;／/|｜\r\n\t]+/;

const trimBlank = (s: string) => s.replace(/^[ \t\r\n\u3000]+|[ \t\r\n\u3000]+$/g, '');

/**
 * The names in a free-text inventors field (`李明、张华、王磊`), in order, without blanks or repeats;
 * a trailing 等 / 等人 ("王磊等") is dropped. The migration (db/migrations, result_team_members) splits
 * the same way; test/api/team-migration.test.ts holds the two together on the demo data.
 */
export function splitInventorNames(text: string): string[] {
  const names: string[] = [];
  for (const raw of text.split(SEPARATORS)) {
    // Trimmed of the same characters as the migration's btrim (spaces, tabs, line breaks, 全角空格).
    const name = trimBlank(trimBlank(raw).replace(/(等人|等)$/u, ''));
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

/** 措施十二 / issue 18: a team is a list of named members whose shares are exact and sum to 100 %. */
export function checkTeam(members: readonly TeamMemberInput[]): void {
  if (members.length === 0) throw new AppError('TEAM_EMPTY');
  if (members.length > TEAM_MAX_MEMBERS) throw new AppError('TEAM_TOO_LARGE');
  for (const [i, m] of members.entries()) {
    if (m.name.trim().length === 0) {
      throw new AppError('VALIDATION_FAILED', [{ path: `/members/${i}/name`, message: '请填写成员姓名' }]);
    }
    if (!Number.isInteger(m.shareBp) || m.shareBp < 1 || m.shareBp > FULL_SHARE_BP) {
      throw new AppError('TEAM_SHARE_INVALID', [{ path: `/members/${i}/shareBp` }]);
    }
  }
  const total = members.reduce((a, m) => a + m.shareBp, 0);
  if (total !== FULL_SHARE_BP) throw new AppError('TEAM_SHARES_MUST_TOTAL_100', { totalBp: total });
  const linked = members.map((m) => m.userId).filter((u): u is string => !!u);
  if (new Set(linked).size !== linked.length) throw new AppError('TEAM_ACCOUNT_TWICE');
}
