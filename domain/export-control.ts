// 措施十五: 职务科技成果向境外开展赋权和转化，应遵守技术出口等方面相关法律法规.
//
// Whether a party is 境外 is a matter of where it is registered (its domicile: Hong Kong, Macao,
// Taiwan or abroad), not of who owns it (domain/organisations.ts). The owning institution records once
// per result that it has reviewed the result against the technology-export rules (技术进出口管理条例:
// prohibited / restricted / free technologies, licence or contract registration); until it has, no
// party registered outside the mainland may bind it to a transfer — not by claiming (摘牌), not by
// registering for its auction, not by applying for a pay-later licence, and no deal is recorded with one.
// A conversion agreed off the platform is held to the same rule: with such a party its contract is
// recorded (or signed) as effective only once the result is confirmed; a draft may be entered before.

import type { Actor } from './actor.js';
import type { ContractStatus } from './constants/ledger.js';
import type { Domicile } from './constants/organisations.js';
import { AppError } from './errors.js';
import { requireOwnerMember } from './guards.js';
import { isOutsideMainland } from './organisations.js';

/** The procedures through which a party can acquire rights in a result. */
export const EXPORT_CONTROL_ENTRIES = [
  'claim',
  'auction_registration',
  'paylater_application',
  'deal',
  'conversion',
] as const;
export type ExportControlEntry = (typeof EXPORT_CONTROL_ENTRIES)[number];

const REFUSALS: Record<ExportControlEntry, string> = {
  claim:
    '贵单位在中国境外（含港澳台）登记。向境外主体转化科技成果须遵守技术出口管理规定，发布单位尚未确认该成果的技术出口管制审查，暂不能摘牌（措施十五）；请联系发布单位。',
  auction_registration:
    '贵单位在中国境外（含港澳台）登记。向境外主体转化科技成果须遵守技术出口管理规定，发布单位尚未确认该成果的技术出口管制审查，暂不能报名竞买（措施十五）；请联系发布单位。',
  paylater_application:
    '贵单位在中国境外（含港澳台）登记。向境外主体许可科技成果须遵守技术出口管理规定，科研单位尚未确认该成果的技术出口管制审查，暂不能申请先使用后付费许可（措施十五）；请联系科研单位。',
  deal: '受让方在中国境外（含港澳台）登记，须先完成该成果的技术出口管制审查确认，才能登记成交（措施十五）。',
  conversion:
    '对方在中国境外（含港澳台）登记，须先在成果页完成该成果的技术出口管制审查确认，转化合同才能登记为已生效（措施十五）；确认前可先保存为草拟。',
};

/** True when dealing with a party of this domicile needs the export-control confirmation. */
export function requiresExportControl(domicile: Domicile): boolean {
  return isOutsideMainland(domicile);
}

/** The gate at every entry point: a party outside the mainland passes only once the result is confirmed. */
export function checkExportControlGate(entry: ExportControlEntry, domicile: Domicile, confirmed: boolean): void {
  if (requiresExportControl(domicile) && !confirmed) {
    throw new AppError('EXPORT_CONTROL_REQUIRED', { entry, domicile }, REFUSALS[entry]);
  }
}

/** The owning institution confirms the review, once per result. */
export function checkConfirmExportControl(institutionId: string, actor: Actor, alreadyConfirmed: boolean): void {
  requireOwnerMember(institutionId, actor);
  if (alreadyConfirmed) throw new AppError('EXPORT_CONTROL_ALREADY_CONFIRMED');
}

/**
 * 措施十五 for the ledger: a conversion with a party outside the mainland takes effect (is recorded as
 * effective, or its draft is signed) only once its result's export-control review is confirmed. A
 * draft is not a transfer yet, and a conversion without a result (a demand's development contract)
 * has no result to review.
 */
export function checkConversionExportControl(facts: {
  toStatus: ContractStatus;
  hasResult: boolean;
  domicile: Domicile;
  confirmed: boolean;
}): void {
  if (!facts.hasResult || facts.toStatus === 'draft' || facts.toStatus === 'terminated') return;
  checkExportControlGate('conversion', facts.domicile, facts.confirmed);
}
