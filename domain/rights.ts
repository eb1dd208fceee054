// 赋权 (措施一) and 权益让渡 (措施六) as decide → accept: the institution decides, through its decision
// body, on a date, with a basis (措施十四); the team answers in the app; the result's ownership
// changes only when the team has accepted. Pure: the service (server/rights/) reads the facts.
//
// "The team accepts" means: every member of the result's team who is linked to a researcher account
// at the time of the decision accepts (unanimity of the linked members). One decline declines the
// decision. A team without a linked member cannot receive a decision (GRANT_TEAM_NOT_LINKED): there
// is nobody who could accept it in the app. Why unanimity: 措施一 makes the 成果完成人（团队） a
// co-owner or rights holder, and a right (with its duties: fees, formalities, 措施六's resource fee)
// is not imposed on a member who has not agreed; a representative's word would bind the others.
import type { CoOwnerParty, IpType, OwnershipMode, SecurityClass } from './constants/results.js';
import {
  FORMALITY_REMINDER_DAYS,
  type FormalityKind,
  type FormalityStatus,
  type GrantAnswer,
  type RightsGrantKind,
  type RightsGrantPurpose,
} from './constants/rights.js';
import { AppError } from './errors.js';
import { addDays } from './pool.js';
import { earliestLongTermUseEnd, FULL_SHARE_BP, type CoOwner } from './results.js';

/** The rights a result has now (results.ownership and its terms). */
export interface ResultRights {
  ownership: OwnershipMode;
  coOwners: CoOwner[];
  longTermUseStartsOn: string | null;
  longTermUseEndsOn: string | null;
}

export interface GrantFacts extends ResultRights {
  securityClass: SecurityClass;
}

export interface TeamFacts {
  /** Accounts of the team members linked to a researcher account. */
  linkedUserIds: readonly string[];
  /** A team split from the old free text, not yet confirmed by the institution. */
  needsConfirmation: boolean;
}

export interface GrantDecisionInput {
  kind: RightsGrantKind;
  /** co_ownership: the institution's and the team's shares in basis points (sum 10,000). */
  institutionShareBp?: number | null;
  teamShareBp?: number | null;
  /** long_term_use: first and last day of the right (YYYY-MM-DD). */
  startsOn?: string | null;
  endsOn?: string | null;
  /** share_transfer: 资源占用费 in 分, and when it is due. */
  feeFen?: number | null;
  feeDueOn?: string | null;
  /** agreed_return: the company the team takes the result into, and the institution's agreed share of gains. */
  companyName?: string | null;
  companyCreditCode?: string | null;
  agreedReturnBp?: number | null;
  /** 措施十四: who decided (成果转化领导小组、校长办公会…), when, and why. */
  decisionBody: string;
  decidedOn: string;
  basis: string;
}

export interface CheckedGrant {
  kind: RightsGrantKind;
  purpose: RightsGrantPurpose;
  institutionShareBp: number | null;
  teamShareBp: number | null;
  startsOn: string | null;
  endsOn: string | null;
  feeFen: number | null;
  feeDueOn: string | null;
  companyName: string | null;
  companyCreditCode: string | null;
  agreedReturnBp: number | null;
  decisionBody: string;
  decidedOn: string;
  basis: string;
}

const isBp = (n: number | null | undefined): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= FULL_SHARE_BP;

/** Which decision applies to which current ownership, and what it is then (措施一、六). */
export function grantPurpose(kind: RightsGrantKind, current: OwnershipMode): RightsGrantPurpose {
  switch (kind) {
    case 'co_ownership':
      // 措施一: ownership to a team without rights yet, or a long-term use right converted to ownership.
      if (current === 'institution') return 'grant';
      if (current === 'long_term_use') return 'conversion';
      break;
    case 'long_term_use':
      if (current === 'institution') return 'grant';
      if (current === 'long_term_use') return 'extension';
      break;
    case 'share_transfer':
    case 'agreed_return':
      // 措施六: the institution still holds something to give up.
      if (current !== 'team_owned') return 'transfer';
      break;
  }
  throw new AppError('GRANT_NOT_APPLICABLE', { kind, ownership: current });
}

/**
 * Checks an institution's decision against 措施一、六、十四、十五 for a result with rights `r` and
 * team `team`; `today` is the Asia/Shanghai day. Throws the first rule broken.
 */
export function checkGrantDecision(
  input: GrantDecisionInput,
  r: GrantFacts,
  team: TeamFacts,
  today: string,
): CheckedGrant {
  // 措施十五: results touching national, defence, public or economic security are excluded from 赋权.
  if (r.securityClass !== 'public') throw new AppError('SECURITY_CLASS_FORBIDS_GRANT');
  // 措施十四: every decision names its body and basis.
  if (!input.decisionBody.trim()) throw new AppError('RIGHTS_DECISION_BODY_REQUIRED');
  if (!input.basis.trim()) throw new AppError('DECISION_BASIS_REQUIRED');
  if (input.decidedOn > today) throw new AppError('RIGHTS_DECISION_DATE_INVALID', { decidedOn: input.decidedOn });
  if (team.needsConfirmation) throw new AppError('GRANT_TEAM_NOT_CONFIRMED');
  if (team.linkedUserIds.length === 0) throw new AppError('GRANT_TEAM_NOT_LINKED');
  const purpose = grantPurpose(input.kind, r.ownership);
  const out: CheckedGrant = {
    kind: input.kind,
    purpose,
    institutionShareBp: null,
    teamShareBp: null,
    startsOn: null,
    endsOn: null,
    feeFen: null,
    feeDueOn: null,
    companyName: null,
    companyCreditCode: null,
    agreedReturnBp: null,
    decisionBody: input.decisionBody.trim(),
    decidedOn: input.decidedOn,
    basis: input.basis.trim(),
  };
  switch (input.kind) {
    case 'co_ownership': {
      const inst = input.institutionShareBp ?? 0;
      const teamBp = input.teamShareBp ?? 0;
      // 措施一: 科研单位与成果完成人（团队）成为共同所有权人 — both hold a share, together the whole.
      if (!Number.isInteger(inst) || inst <= 0) throw new AppError('CO_OWNER_INSTITUTION_REQUIRED');
      if (!Number.isInteger(teamBp) || teamBp <= 0) throw new AppError('CO_OWNERS_REQUIRED');
      if (inst + teamBp !== FULL_SHARE_BP) throw new AppError('SHARES_MUST_TOTAL_100', { totalBp: inst + teamBp });
      return { ...out, institutionShareBp: inst, teamShareBp: teamBp };
    }
    case 'long_term_use': {
      // An extension keeps the right's first day; only its end moves.
      const startsOn = purpose === 'extension' ? r.longTermUseStartsOn : (input.startsOn ?? null);
      const endsOn = input.endsOn ?? null;
      if (!startsOn || !endsOn) throw new AppError('LONG_TERM_USE_TERMS_REQUIRED');
      // 措施一: 不低于 10 年, counted from the first day in calendar years.
      const earliest = earliestLongTermUseEnd(startsOn);
      if (endsOn < earliest) throw new AppError('LONG_TERM_USE_TOO_SHORT', { earliestEndsOn: earliest });
      if (endsOn < today) throw new AppError('LONG_TERM_USE_ENDED', { endsOn });
      if (purpose === 'extension' && r.longTermUseEndsOn && endsOn <= r.longTermUseEndsOn) {
        throw new AppError('LONG_TERM_USE_EXTENSION_SHORTER', { currentEndsOn: r.longTermUseEndsOn });
      }
      return { ...out, startsOn, endsOn };
    }
    case 'share_transfer': {
      // 措施六: 一次性收取资源占用费 — a positive amount, due no earlier than the decision.
      const fee = input.feeFen;
      const due = input.feeDueOn ?? null;
      if (typeof fee !== 'number' || !Number.isSafeInteger(fee) || fee <= 0 || !due || due < input.decidedOn) {
        throw new AppError('RESOURCE_FEE_REQUIRED');
      }
      return { ...out, feeFen: fee, feeDueOn: due };
    }
    case 'agreed_return': {
      const company = input.companyName?.trim() ?? '';
      // 措施六: 赋权 + 约定收益 — the company and the institution's agreed share of future gains.
      if (!company || !isBp(input.agreedReturnBp)) throw new AppError('AGREED_RETURN_REQUIRED');
      return {
        ...out,
        companyName: company,
        companyCreditCode: input.companyCreditCode?.trim() || null,
        agreedReturnBp: input.agreedReturnBp,
      };
    }
  }
}

/** The team's answers so far: every linked member must accept; one decline declines. */
export function grantOutcome(answers: readonly (GrantAnswer | null)[]): 'pending' | 'accepted' | 'declined' {
  if (answers.length === 0) return 'pending';
  if (answers.includes('declined')) return 'declined';
  return answers.every((a) => a === 'accepted') ? 'accepted' : 'pending';
}

/**
 * The decision can still be accepted only while the result is as it was decided on (same ownership,
 * still public): an edit or another decision in between makes it stale (GRANT_STALE).
 */
export function checkStillApplicable(decidedOnOwnership: OwnershipMode, r: GrantFacts): void {
  if (r.securityClass !== 'public' || r.ownership !== decidedOnOwnership) {
    throw new AppError('GRANT_STALE', { ownership: r.ownership, securityClass: r.securityClass });
  }
}

/** The result's rights once the team has accepted `g`. */
export function rightsAfter(
  g: Pick<CheckedGrant, 'kind' | 'institutionShareBp' | 'teamShareBp' | 'startsOn' | 'endsOn'>,
  names: { institution: string; team: string },
): ResultRights {
  const none = { coOwners: [], longTermUseStartsOn: null, longTermUseEndsOn: null };
  switch (g.kind) {
    case 'co_ownership': {
      const party = (p: CoOwnerParty, name: string, shareBp: number): CoOwner => ({ name, shareBp, party: p });
      return {
        ...none,
        ownership: 'co_owned',
        coOwners: [
          party('institution', names.institution, g.institutionShareBp!),
          party('team', names.team, g.teamShareBp!),
        ],
      };
    }
    case 'long_term_use':
      return { ...none, ownership: 'long_term_use', longTermUseStartsOn: g.startsOn, longTermUseEndsOn: g.endsOn };
    case 'share_transfer':
    case 'agreed_return':
      return { ...none, ownership: 'team_owned' };
  }
}

/** Whether an accepted decision moves ownership, so the IP items need their registries changed. */
export function needsFormalities(kind: RightsGrantKind): boolean {
  // A long-term use right is a licence-like right: the patent's owner does not change.
  return kind !== 'long_term_use';
}

const PATENTS: readonly IpType[] = ['invention_patent', 'utility_model', 'design_patent'];

/** 专利权属变更 for a granted patent, 专利申请权变更 for one still an application, else another registry. */
export function formalityKindFor(type: IpType, grantDate: string | null): FormalityKind {
  if (!PATENTS.includes(type)) return 'other_registration_change';
  return grantDate ? 'patent_ownership_change' : 'patent_application_change';
}

export type FormalityAction = 'file' | 'approve';

/** to_file → filed → approved, each with its day (not in the future, approval not before filing). */
export function formalityTransition(
  status: FormalityStatus,
  action: FormalityAction,
  on: string,
  filedOn: string | null,
  today: string,
): FormalityStatus {
  const from: FormalityStatus = action === 'file' ? 'to_file' : 'filed';
  if (status !== from) throw new AppError('FORMALITY_STATE', { status, action });
  if (on > today) throw new AppError('FORMALITY_DATE_INVALID', { on });
  if (action === 'approve' && filedOn && on < filedOn) throw new AppError('FORMALITY_DATE_INVALID', { on, filedOn });
  return action === 'file' ? 'filed' : 'approved';
}

/**
 * An open formality is reminded to the institution every FORMALITY_REMINDER_DAYS after it opened or
 * was last reminded, until approved. Days are Asia/Shanghai calendar days.
 */
export function formalityReminderDue(status: FormalityStatus, lastDay: string, today: string): boolean {
  return status !== 'approved' && addDays(lastDay, FORMALITY_REMINDER_DAYS) <= today;
}
