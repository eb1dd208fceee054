// Allowed values of the conversion ledger (转化台账): conversions, their contracts, schedules, payments,
// royalty reports, equity stakes and intermediaries (措施二、三、四、五、八、十、十一、十五).
import { MATCH_ROUTES } from './lifecycle.js';

/**
 * How a conversion came about. `deal`: a supply listing's recorded deal (its `origin` says which
 * match route); `demand`: a landed demand (揭榜 technology-development contract with the awarded
 * institution); `paylater`: a pay-later licence (措施五); `off_platform`: agreed elsewhere and entered
 * by the institution with its evidence.
 */
export const CONVERSION_ROUTES = ['deal', 'demand', 'paylater', 'off_platform'] as const;
export type ConversionRoute = (typeof CONVERSION_ROUTES)[number];
export const CONVERSION_ROUTE_LABELS: Record<ConversionRoute, string> = {
  deal: '平台成交（成果找市场）',
  demand: '揭榜落地（企业找技术）',
  paylater: '先使用后付费许可',
  off_platform: '平台外转化',
};

/** Which match a `deal` conversion came from: the listing's match route, or a 面议 showcase. */
export const DEAL_ORIGINS = [...MATCH_ROUTES, 'showcase'] as const;
export type DealOrigin = (typeof DEAL_ORIGINS)[number];
export const DEAL_ORIGIN_LABELS: Record<DealOrigin, string> = {
  notice: '协议定价（公示无异议）',
  window_agreed: '协议定价（挂牌期满无人摘牌）',
  claim: '挂牌摘牌',
  auction: '拍卖',
  showcase: '面议',
};

// 措施二 转让、许可或者作价投资, plus the technology contracts of a landed demand: 技术开发, 技术服务与咨询.
export const CONVERSION_TYPES = ['transfer', 'license', 'equity', 'development', 'service'] as const;
export type ConversionType = (typeof CONVERSION_TYPES)[number];
export const CONVERSION_TYPE_LABELS: Record<ConversionType, string> = {
  transfer: '转让',
  license: '许可',
  equity: '作价投资',
  development: '技术开发',
  service: '技术服务与咨询',
};

/** The contract's life: signed makes it effective; the result is converted while one is effective or completed. */
export const CONTRACT_STATUSES = ['draft', 'effective', 'completed', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  draft: '草拟',
  effective: '已生效',
  completed: '已履行完毕',
  terminated: '已终止',
};
/** A result is converted (已转化) while it has a conversion whose contract is in one of these. */
export const CONVERTING_CONTRACT_STATUSES = ['effective', 'completed'] as const satisfies readonly ContractStatus[];

/** 技术合同认定登记: the contract categories the registration practice uses. */
export const CONTRACT_TYPES = ['development', 'transfer', 'license', 'consulting', 'service'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const CONTRACT_TYPE_LABELS: Record<ContractType, string> = {
  development: '技术开发合同',
  transfer: '技术转让合同',
  license: '技术许可合同',
  consulting: '技术咨询合同',
  service: '技术服务合同',
};

/** 支付方式 of the registration form; a contract may combine them. */
export const PAYMENT_METHODS = ['lump_sum', 'instalments', 'royalty', 'equity'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  lump_sum: '一次总付',
  instalments: '分期支付',
  royalty: '提成支付',
  equity: '入股',
};

/** One line of the expected schedule: a fixed instalment, a royalty period (amount reported later) or the equity consideration. */
export const SCHEDULE_ITEM_KINDS = ['instalment', 'royalty', 'equity'] as const;
export type ScheduleItemKind = (typeof SCHEDULE_ITEM_KINDS)[number];
export const SCHEDULE_ITEM_KIND_LABELS: Record<ScheduleItemKind, string> = {
  instalment: '分期款',
  royalty: '提成期',
  equity: '股权对价',
};

/** Stored state of a schedule item; `overdue` is shown, not stored (due date passed while open). */
export const SCHEDULE_ITEM_STATUSES = ['open', 'paid', 'cancelled'] as const;
export type ScheduleItemStatus = (typeof SCHEDULE_ITEM_STATUSES)[number];
export const SCHEDULE_ITEM_STATES = [
  'awaiting_report',
  'awaiting_date',
  'open',
  'overdue',
  'paid',
  'cancelled',
] as const;
export type ScheduleItemState = (typeof SCHEDULE_ITEM_STATES)[number];
export const SCHEDULE_ITEM_STATE_LABELS: Record<ScheduleItemState, string> = {
  awaiting_report: '待报告提成',
  awaiting_date: '待确定付款日',
  open: '待支付',
  overdue: '已逾期',
  paid: '已付清',
  cancelled: '已取消',
};

// 措施十、十一: a technology manager (技术经理人) or a technology-transfer office (技术转移机构).
export const INTERMEDIARY_KINDS = ['technology_manager', 'transfer_office'] as const;
export type IntermediaryKind = (typeof INTERMEDIARY_KINDS)[number];
export const INTERMEDIARY_KIND_LABELS: Record<IntermediaryKind, string> = {
  technology_manager: '技术经理人',
  transfer_office: '技术转移机构',
};

export const EQUITY_STAKE_STATUSES = ['held', 'disposed'] as const;
export type EquityStakeStatus = (typeof EQUITY_STAKE_STATUSES)[number];
export const EQUITY_STAKE_STATUS_LABELS: Record<EquityStakeStatus, string> = {
  held: '持有中',
  disposed: '已处置',
};

/**
 * 措施四: what fixes a conversion's contract amount. The deal bases are the policy issue's
 * (`DEAL_PRICE_BASES`); `paylater_terms`: the licence fee accepted in the pay-later negotiation;
 * `proposal_quote`: the awarded proposal's quote is the starting point, the parties' contract fixes
 * it (not bound); `off_platform`: the institution's own pricing decision, with its basis (措施十四).
 */
export const CONVERSION_PRICE_BASES = [
  'agreed_price',
  'listed_price',
  'hammer_price',
  'negotiable',
  'unverified',
  'paylater_terms',
  'proposal_quote',
  'off_platform',
] as const;
export type ConversionPriceBasis = (typeof CONVERSION_PRICE_BASES)[number];
export const CONVERSION_PRICE_BASIS_LABELS: Record<ConversionPriceBasis, string> = {
  agreed_price: '公示的协议价',
  listed_price: '挂牌价',
  hammer_price: '拍卖成交价',
  negotiable: '面议（双方商定）',
  unverified: '规则实施前登记，未核对',
  paylater_terms: '先使用后付费许可约定的许可费',
  proposal_quote: '揭榜方案报价，合同约定',
  off_platform: '平台外协商确定',
};

/** Which assets the 单列管理 register lists (措施二、三). */
// agreed_return: 措施六 赋权 + 约定收益 — the agreed share of the company's future equity gains, a
// contingent asset of the institution once the team has accepted.
export const ASSET_KINDS = ['transfer', 'licence', 'equity', 'receivable', 'agreed_return'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
export const ASSET_KIND_LABELS: Record<AssetKind, string> = {
  transfer: '已转让',
  licence: '许可',
  equity: '股权',
  receivable: '应收款',
  agreed_return: '约定收益（或有资产）',
};

/** Text limits (characters), shared by the API schemas and the forms. */
export const LEDGER_TEXT = {
  name: { min: 2, max: 200 },
  reference: { max: 200 },
  reason: { min: 2, max: 1000 },
  note: { max: 1000 },
} as const;
