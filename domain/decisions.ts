// 措施十四: which of the product's own moves are decisions, and what their decision record says. The
// moves happen elsewhere (listings, lifecycle, pool, ledger); server/dossiers/product-decisions.ts
// writes the record in the move's transaction. Pure: no I/O.
import type { Actor } from './actor.js';
import type { DecisionType } from './constants/dossiers.js';
import { OBJECTION_DECISION_LABELS, type ObjectionDecision } from './constants/lifecycle.js';
import {
  LISTING_STATUS_LABELS,
  PRICING_MODE_LABELS,
  type ListingKind,
  type PricingMode,
} from './constants/listings.js';
import {
  CONTRACT_STATUS_LABELS,
  CONVERSION_PRICE_BASIS_LABELS,
  CONVERSION_ROUTE_LABELS,
  CONVERSION_TYPE_LABELS,
  type ContractStatus,
  type ConversionPriceBasis,
  type ConversionRoute,
  type ConversionType,
} from './constants/ledger.js';
import { DEPARTMENT_SCOPE_LABELS } from './constants/organisations.js';
import {
  PAYLATER_APPLICATION_STATUS_LABELS,
  POOL_REASON_LABELS,
  POOL_REMOVAL_REASON_LABELS,
  type PayLaterApplicationStatus,
  type PoolRemovalReason,
} from './constants/pool.js';
import { SECURITY_CLASS_LABELS, type SecurityClass } from './constants/results.js';
import type { ListingAction, Transition } from './listings.js';
import { formatFen } from './money.js';

/** What a decision record says, before the helper adds who, when and whose dossier. */
export interface DecisionDraft {
  decisionType: DecisionType;
  summary: string;
  /** The reason the decider gave, or the rule the platform applied. Never empty. */
  basis: string;
  procedure: string;
  details: Record<string, unknown>;
}

/** The decider's role as the record states it (the person is the actor's user). */
export function decidedByRole(actor: Actor): string {
  switch (actor.type) {
    case 'operator':
      return '平台运营方';
    case 'oversight':
      return DEPARTMENT_SCOPE_LABELS[actor.scope];
    case 'system':
      return '平台（按规则自动处理）';
    case 'member':
      return actor.orgKind === 'institution' ? '科研单位经办人' : '企业经办人';
    case 'researcher':
      return '成果完成人';
  }
}

/** The decision body: operators decide as the platform; an institution's own body is its to record. */
export function decisionBodyOf(actor: Actor): string {
  return actor.type === 'operator' ? '平台运营方' : actor.type === 'system' ? '平台' : '';
}

export interface ListingFactsForDecision {
  kind: ListingKind;
  pricingMode: PricingMode | null;
  priceFen: number | null;
}

const moved = (t: Transition) => `${LISTING_STATUS_LABELS[t.from]} → ${LISTING_STATUS_LABELS[t.to]}`;
const reasonText = (t: Transition) => t.reason?.text.trim() || null;
const given = (details: Record<string, unknown>) =>
  typeof details.reason === 'string' && details.reason.trim() ? details.reason.trim() : null;

type Rule = (l: ListingFactsForDecision, t: Transition, details: Record<string, unknown>) => DecisionDraft | null;

/**
 * Listing transitions that are decisions. The others (edit, withdraw, deadlines that only move a
 * window) are recorded by the audit trail alone; `convert` is recorded where the ledger records the
 * conversion (every route, with its price basis and appraisal).
 */
export const LISTING_DECISIONS: Partial<Record<ListingAction, Rule>> = {
  // 措施四: the institution chooses the pricing mode and the price when it submits a supply listing.
  submit: (l) =>
    l.kind !== 'supply' || !l.pricingMode
      ? null
      : {
          decisionType: 'pricing',
          summary: `定价方式：${PRICING_MODE_LABELS[l.pricingMode]}；价格：${formatFen(l.priceFen)}`,
          basis: '措施四：科研单位自主选择协议定价、在技术市场挂牌交易或拍卖等方式确定价格',
          procedure: '本单位在平台提交挂牌，经平台审核后发布',
          details: { pricingMode: l.pricingMode, priceFen: l.priceFen },
        },
  approve: (l, t) => ({
    decisionType: 'listing_review',
    summary: `审核通过（${moved(t)}）`,
    basis: '平台审核：信息完整、符合发布规则',
    procedure: '平台运营方审核',
    details: { from: t.from, to: t.to, pricingMode: l.pricingMode, priceFen: l.priceFen },
  }),
  reject: (_l, t) => ({
    decisionType: 'listing_review',
    summary: `审核不通过：${reasonText(t) ?? '未说明'}`,
    basis: reasonText(t) ?? '平台审核：不符合发布规则',
    procedure: '平台运营方审核',
    details: { from: t.from, to: t.to, reasonCode: t.reason?.code ?? null },
  }),
  take_down: (_l, t) => ({
    decisionType: 'listing_review',
    summary: `下架：${reasonText(t) ?? '未说明'}`,
    basis: reasonText(t) ?? '平台运营方依发布规则下架',
    procedure: '平台运营方处理',
    details: { from: t.from, to: t.to, reasonCode: t.reason?.code ?? null },
  }),
  // 措施四: 通过协议定价的，应当在本单位公示…存在异议的，可在技术市场挂牌交易.
  notice_end: (l, t, d) => ({
    decisionType: 'notice_outcome',
    summary: `公示期满（${moved(t)}）`,
    basis:
      t.to === 'objection_review'
        ? '措施四：公示期内存在异议，由本单位决定挂牌交易、重新公示或撤回'
        : '措施四：公示期满无异议，按公示的拟交易价格成交',
    procedure: '平台按公示期自动处理',
    details: { from: t.from, to: t.to, priceFen: l.priceFen, standingObjections: d.standingObjections ?? null },
  }),
  objection_decide: (l, t, d) => ({
    decisionType: 'objection_decision',
    summary: `异议处理决定：${OBJECTION_DECISION_LABELS[d.decision as ObjectionDecision] ?? '未说明'}（${moved(t)}）`,
    basis: given(d) ?? '措施四：存在异议的，可在技术市场挂牌交易（单位未另行说明理由）',
    procedure: '本单位在异议决定期内作出决定',
    details: { ...d, from: t.from, to: t.to, priceFen: l.priceFen },
  }),
  objection_lapse: (_l, t, d) => ({
    decisionType: 'notice_outcome',
    summary: `异议决定期满未作决定（${moved(t)}）`,
    basis: '措施四：“可”挂牌交易为单位的权利，期满未决定的不默认挂牌，项目撤回',
    procedure: '平台按异议决定期自动处理',
    details: { from: t.from, to: t.to, standingObjections: d.standingObjections ?? null },
  }),
  award: (_l, t, d) => ({
    decisionType: 'deal',
    summary: `定榜（${moved(t)}）`,
    basis: given(d) ?? '企业在评选期内选定揭榜方案',
    procedure: '发榜企业评选揭榜方案',
    details: { ...d, from: t.from, to: t.to },
  }),
  land: (_l, t, d) => ({
    decisionType: 'landing_confirmation',
    summary: `确认落地（${moved(t)}）`,
    basis: given(d) ?? '措施八：企业确认成果已在本企业实施落地',
    procedure: '企业在平台确认',
    details: { ...d, from: t.from, to: t.to },
  }),
};

/** An operator dismisses an objection (it is not one the notice counts). */
export function objectionDismissalDecision(reason: string): DecisionDraft {
  return {
    decisionType: 'objection_decision',
    summary: '驳回异议（不计入公示异议）',
    basis: reason.trim() || '平台运营方审查认定异议不成立',
    procedure: '平台运营方审查异议',
    details: {},
  };
}

export function listingDecision(
  l: ListingFactsForDecision,
  t: Transition,
  details: Record<string, unknown>,
): DecisionDraft | null {
  return LISTING_DECISIONS[t.action]?.(l, t, details) ?? null;
}

// ---- The conversion ledger (措施二、四、八) ----

export interface ConversionFactsForDecision {
  route: string;
  transactionType: string;
  priceBasis: string;
  boundPriceFen: number | null;
  amountFen: number;
  appraisal: string | null;
  basis: string;
}

/** 措施四: the deal — what was agreed, at which bound price, with which appraisal choice and why. */
export function conversionDecision(c: ConversionFactsForDecision): DecisionDraft {
  return {
    decisionType: 'deal',
    summary: `记录转化：${CONVERSION_ROUTE_LABELS[c.route as ConversionRoute] ?? c.route}，${CONVERSION_TYPE_LABELS[c.transactionType as ConversionType] ?? c.transactionType}，合同金额 ${formatFen(c.amountFen)}`,
    basis:
      c.basis.trim() ||
      `${CONVERSION_PRICE_BASIS_LABELS[c.priceBasis as ConversionPriceBasis] ?? c.priceBasis}（措施四：成交价以定价结果为准）`,
    procedure: '本单位在转化台账记录',
    details: {
      route: c.route,
      transactionType: c.transactionType,
      priceBasis: c.priceBasis,
      boundPriceFen: c.boundPriceFen,
      amountFen: c.amountFen,
      appraisal: c.appraisal,
    },
  };
}

/** A contract's sign / complete / terminate. */
export function contractDecision(action: string, from: string, to: string, reason: string | null): DecisionDraft {
  return {
    decisionType: 'contract',
    summary: `合同状态：${CONTRACT_STATUS_LABELS[from as ContractStatus] ?? from} → ${CONTRACT_STATUS_LABELS[to as ContractStatus] ?? to}`,
    basis:
      reason?.trim() ||
      (action === 'sign' ? '合同经双方签订生效' : action === 'complete' ? '合同约定义务履行完毕' : '合同终止'),
    procedure: '本单位在转化台账确认',
    details: { action, from, to },
  };
}

/** A payment received and confirmed by the institution (or by the pay-later flow on its behalf). */
export function paymentDecision(p: {
  amountFen: number;
  receivedOn: string;
  evidenceRef: string;
  overpaymentReason: string | null;
}): DecisionDraft {
  return {
    decisionType: 'payment_confirmation',
    summary: `确认收款 ${formatFen(p.amountFen)}（${p.receivedOn} 到账）`,
    basis: p.overpaymentReason?.trim() || `到账凭证：${p.evidenceRef.trim() || '见付款凭证文件'}`,
    procedure: '本单位在转化台账登记收款',
    details: { amountFen: p.amountFen, receivedOn: p.receivedOn, overpayment: !!p.overpaymentReason },
  };
}

/** 措施八: the enterprise confirms a deal's project landed; an operator confirms the reward eligibility. */
export function dealLandingDecision(): DecisionDraft {
  return {
    decisionType: 'landing_confirmation',
    summary: '企业确认成果已实施落地',
    basis: '措施八：企业确认成果在本企业实施落地',
    procedure: '企业在平台确认',
    details: {},
  };
}

export function rewardDecision(note: string): DecisionDraft {
  return {
    decisionType: 'reward_approval',
    summary: '确认项目符合奖励后补助条件',
    basis: note.trim() || '措施八：项目已落地，符合奖励后补助条件',
    procedure: '平台运营方核实落地情况后确认',
    details: {},
  };
}

// ---- The pool and pay-later (措施五) ----

export function poolDecision(move: 'include' | 'opt_out' | 'remove', reason: string): DecisionDraft {
  const summary = { include: '自愿纳入成果池', opt_out: '不纳入成果池（退出）', remove: '移出成果池' }[move];
  return {
    decisionType: 'pool_inclusion',
    summary,
    basis:
      reason.trim() ||
      (move === 'include' ? '措施五：科研单位自愿纳入成果池' : '措施五：成果“原则上”纳入成果池，单位另有理由'),
    procedure: move === 'remove' ? '平台按成果池规则处理' : '本单位在平台操作',
    details: { move, reason: reason.trim() || null },
  };
}

export interface PoolScanFacts {
  /** The scan's date in Shanghai (YYYY-MM-DD). */
  scanDate: string;
  /** 措施五: the latest earliest-grant date that counts as three years held. */
  grantedOnOrBefore: string;
}

/**
 * 措施五: the daily scan's moves are the platform's own decisions — no person decided, the rule did.
 * The record names the rule and the dates it was applied with, so the institution's dossier shows why
 * a result entered or left the pool without anybody at the institution acting.
 */
export function poolScanDecision(
  change: { move: 'include' } | { move: 'remove'; reason: PoolRemovalReason },
  scan: PoolScanFacts,
): DecisionDraft {
  const rule = `规则：普通密级、未转化、最早授权日不晚于 ${scan.grantedOnOrBefore}（取得知识产权满三年）、单位未申请不纳入`;
  if (change.move === 'include') {
    return {
      decisionType: 'pool_inclusion',
      summary: `按规则自动纳入成果池：${POOL_REASON_LABELS.auto_3y}`,
      basis: `措施五：取得知识产权3年及以上未转化的职务科技成果，原则上纳入先用后付成果池。${rule}`,
      procedure: `平台每日成果池扫描（${scan.scanDate}）自动处理`,
      details: { move: 'include', automatic: true, reason: 'auto_3y', ...scan },
    };
  }
  return {
    decisionType: 'pool_inclusion',
    summary: `按规则自动移出成果池：${POOL_REMOVAL_REASON_LABELS[change.reason]}`,
    basis: `${POOL_SCAN_REMOVAL_BASIS[change.reason]}。${rule}`,
    procedure: `平台每日成果池扫描（${scan.scanDate}）自动处理`,
    details: { move: 'remove', automatic: true, reason: change.reason, ...scan },
  };
}

const POOL_SCAN_REMOVAL_BASIS: Record<PoolRemovalReason, string> = {
  converted: '措施五：成果池收录未转化的成果；该成果已转化，不再符合入池条件',
  reclassified: '措施十五：涉及国家安全、国家利益的成果不纳入先用后付；该成果密级已调整为非普通',
  opted_out: '措施五：成果“原则上”纳入成果池；科研单位已申请不纳入并说明理由',
  ip_not_held_3y: '措施五：按规则自动纳入须取得知识产权满三年；授权日期更正后不再满足',
};

/** What a reclassification out of `public` did in the same transaction, besides closing the pool entry. */
export interface ReclassificationEffects {
  payLaterApplicationsClosed: number;
  listingsTakenDown: string[];
  editionRowsRedacted: number;
}

/**
 * 措施十五: the institution reclassified a result out of `public`, and the platform's rule took it out of
 * the pay-later pool with it. The institution decided (its member is the decider); the basis is the
 * reclassification — from which class to which — under the measure; the details name what else the
 * same move ended (open pay-later applications, listings, published pool rows), whose events the
 * dossier carries beside it.
 */
export function poolReclassificationDecision(
  securityClass: { from: SecurityClass; to: SecurityClass },
  effects: ReclassificationEffects,
): DecisionDraft {
  const change = `${SECURITY_CLASS_LABELS[securityClass.from]} → ${SECURITY_CLASS_LABELS[securityClass.to]}`;
  return {
    decisionType: 'pool_inclusion',
    summary: `成果密级调整（${change}），移出成果池：${POOL_REMOVAL_REASON_LABELS.reclassified}`,
    basis: `${POOL_SCAN_REMOVAL_BASIS.reclassified}（${change}）`,
    procedure: '本单位在平台调整成果密级；平台按措施十五在同一操作中将成果移出成果池并终止相关先用后付申请',
    details: { move: 'remove', reason: 'reclassified', securityClass, ...effects },
  };
}

// ---- Organisations (认证) ----

/** The platform verifies (认证) or rejects an organisation's registration; the operator decides. */
export function organisationVerificationDecision(
  decision: 'verify' | 'reject_verification',
  from: string,
  reason: string | null,
): DecisionDraft {
  const verify = decision === 'verify';
  return {
    decisionType: 'organisation_verification',
    summary: verify ? '机构认证通过' : `机构认证不通过：${reason?.trim() || '未说明'}`,
    basis: verify
      ? '平台认证规则：登记信息（名称、统一社会信用代码或境外登记号、所在地、联系人）经核对属实'
      : reason?.trim() || '平台认证规则：登记信息未能核实',
    procedure: '平台运营方审核机构登记信息',
    details: { decision, from, to: verify ? 'verified' : 'rejected', reason: reason?.trim() || null },
  };
}

export function paylaterDecision(action: string, from: string, to: string, reason: string | null): DecisionDraft {
  return {
    decisionType: 'paylater_approval',
    summary: `先用后付申请：${PAYLATER_ACTION_TEXT[action] ?? action}（${status(from)} → ${status(to)}）`,
    basis: reason?.trim() || `措施五：单位${PAYLATER_ACTION_TEXT[action] ?? action}先用后付申请`,
    procedure: '本单位在平台处理先用后付申请',
    details: { action, from, to },
  };
}

const status = (s: string) => PAYLATER_APPLICATION_STATUS_LABELS[s as PayLaterApplicationStatus] ?? s;

const PAYLATER_ACTION_TEXT: Record<string, string> = {
  accept: '接受',
  decline: '拒绝',
  counter: '还价',
  withdraw: '撤回',
};
