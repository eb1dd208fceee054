// Allowed values of listings (企业找技术 / 成果找市场): fields, kinds, pricing, statuses, moderation reasons.

// Industry taxonomy, after Liaoning's key industrial clusters.
export const INDUSTRY_FIELDS = [
  'advanced_equipment',
  'robotics_automation',
  'integrated_circuits',
  'electronic_information',
  'new_materials',
  'petrochemical',
  'biomedicine',
  'medical_devices',
  'new_energy',
  'energy_conservation',
  'aerospace',
  'automotive',
  'modern_agriculture',
  'marine',
] as const;
export type IndustryField = (typeof INDUSTRY_FIELDS)[number];
export const INDUSTRY_FIELD_LABELS: Record<IndustryField, string> = {
  advanced_equipment: '高端装备制造',
  robotics_automation: '机器人与智能制造',
  integrated_circuits: '集成电路',
  electronic_information: '电子信息与软件',
  new_materials: '新材料',
  petrochemical: '石化与精细化工',
  biomedicine: '生物医药',
  medical_devices: '医疗器械',
  new_energy: '新能源',
  energy_conservation: '节能环保',
  aerospace: '航空航天',
  automotive: '汽车及零部件',
  modern_agriculture: '现代农业与食品',
  marine: '海洋经济',
};

export const LISTING_KINDS = ['supply', 'demand'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];
export const LISTING_KIND_LABELS: Record<ListingKind, string> = {
  supply: '成果找市场',
  demand: '企业找技术',
};

// 措施四: agreement pricing, listing on a technology market, or auction; plus the 面议 showcase.
export const PRICING_MODES = ['negotiable', 'negotiated', 'fixed', 'auction'] as const;
export type PricingMode = (typeof PRICING_MODES)[number];
export const PRICING_MODE_LABELS: Record<PricingMode, string> = {
  negotiable: '面议',
  negotiated: '协议定价',
  fixed: '挂牌交易',
  auction: '拍卖',
};

// 措施二: 转让、许可或者作价投资.
export const TRANSACTION_TYPES = ['transfer', 'license', 'equity'] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];
export const TRANSACTION_TYPE_LABELS: Record<TransactionType, string> = {
  transfer: '转让',
  license: '许可',
  equity: '作价投资',
};

// 许可的范围 (独占许可 / 排他许可 / 普通许可). A licence offered or dealt must say which; an exclusive or
// sole licence, like a transfer or an equity contribution, can go to one buyer only.
export const LICENCE_SCOPES = ['exclusive', 'sole', 'non_exclusive'] as const;
export type LicenceScope = (typeof LICENCE_SCOPES)[number];
export const LICENCE_SCOPE_LABELS: Record<LicenceScope, string> = {
  exclusive: '独占许可',
  sole: '排他许可',
  non_exclusive: '普通许可',
};

// 措施八: 给予研发、中试、孵化、人才、金融等支持.
export const SUPPORT_KINDS = ['rd', 'pilot', 'incubation', 'talent', 'finance'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];
export const SUPPORT_KIND_LABELS: Record<SupportKind, string> = {
  rd: '研发',
  pilot: '中试',
  incubation: '孵化',
  talent: '人才',
  finance: '金融',
};

export const SUPPLY_STATUSES = [
  'draft',
  'pending_review',
  'rejected',
  'showcase',
  'notice',
  // 措施四 (存在异议的，可在技术市场挂牌交易): the notice ended with a standing objection; the institution
  // decides within OBJECTION_DECISION_PERIOD whether to list it, re-notice a revised price, or withdraw.
  'objection_review',
  'listed',
  'auction',
  'matched',
  'converted',
  'unsold',
  'expired',
  'withdrawn',
  'taken_down',
] as const;
export const DEMAND_STATUSES = [
  'draft',
  'pending_review',
  'rejected',
  'open',
  'selecting',
  'awarded',
  'landed',
  'expired',
  'withdrawn',
  'taken_down',
] as const;
export const LISTING_STATUSES = [...new Set([...SUPPLY_STATUSES, ...DEMAND_STATUSES])] as [
  ListingStatus,
  ...ListingStatus[],
];
export type SupplyStatus = (typeof SUPPLY_STATUSES)[number];
export type DemandStatus = (typeof DEMAND_STATUSES)[number];
export type ListingStatus = SupplyStatus | DemandStatus;

// What an owner or operator may do in each status — one list for the rules (domain/listings.ts) and
// the web, which shows a button only where the api would accept it.
export const EDITABLE_STATUSES: readonly ListingStatus[] = ['draft', 'rejected'];
export const SUBMITTABLE_STATUSES: readonly ListingStatus[] = ['draft', 'rejected'];
// DESIGN §5: draft/pending/showcase/notice/listed without claims → withdrawn; a demand may be
// withdrawn while open only if no institution has responded (fairness to responders).
export const WITHDRAWABLE_STATUSES: readonly ListingStatus[] = [
  'draft',
  'pending_review',
  'rejected',
  'showcase',
  'notice',
  'listed',
  'open',
];
export const TAKE_DOWN_FROM: readonly ListingStatus[] = [
  'showcase',
  'notice',
  'objection_review',
  'listed',
  'auction',
  'open',
  'selecting',
];
export const canEdit = (s: ListingStatus) => EDITABLE_STATUSES.includes(s);
export const canSubmit = (s: ListingStatus) => SUBMITTABLE_STATUSES.includes(s);
export const canWithdraw = (s: ListingStatus) => WITHDRAWABLE_STATUSES.includes(s);
export const canTakeDown = (s: ListingStatus) => TAKE_DOWN_FROM.includes(s);
export const LISTING_STATUS_LABELS: Record<ListingStatus, string> = {
  draft: '草稿',
  pending_review: '待审核',
  rejected: '已驳回',
  showcase: '展示中',
  notice: '公示中',
  objection_review: '异议待决定',
  listed: '挂牌中',
  auction: '拍卖中',
  matched: '已成交',
  converted: '已转化',
  unsold: '流拍',
  expired: '已过期',
  withdrawn: '已撤回',
  taken_down: '已下架',
  open: '揭榜中',
  selecting: '评选中',
  awarded: '已定榜',
  landed: '已落地',
};

// Listings anyone may see. Everything else is visible to the owning organisation and operators only.
export const PUBLIC_LISTING_STATUSES = [
  'showcase',
  'notice',
  'objection_review',
  'listed',
  'auction',
  'matched',
  'converted',
  'unsold',
  'expired',
  'open',
  'selecting',
  'awarded',
  'landed',
] as const satisfies readonly ListingStatus[];

// Public listings still open to the market (a buyer or a 揭榜方 can still act); the other public
// statuses are ended (已成交, 已转化, 流拍, 已过期, 已定榜, 已落地). Browse lists show the live ones first.
export const LIVE_LISTING_STATUSES = [
  'showcase',
  'notice',
  'objection_review',
  'listed',
  'auction',
  'open',
  'selecting',
] as const satisfies readonly (typeof PUBLIC_LISTING_STATUSES)[number][];
export const ENDED_LISTING_STATUSES = PUBLIC_LISTING_STATUSES.filter(
  (s) => !(LIVE_LISTING_STATUSES as readonly string[]).includes(s),
);
export const LISTING_PHASES = ['live', 'ended', 'all'] as const;
export type ListingPhase = (typeof LISTING_PHASES)[number];
export const LISTING_PHASE_LABELS: Record<ListingPhase, string> = {
  live: '进行中',
  ended: '已结束（已成交、已过期等）',
  all: '全部',
};

// 一项成果，独占性权利只给一个买方: a result may be offered in at most one listing at a time that can
// hand an exclusive right to a buyer (转让, 作价投资, 独占许可, 排他许可), counted in these statuses —
// from submission until the deal (a matched listing still awaits its deal). 普通许可 runs in parallel.
export const RESULT_HOLDING_STATUSES = [
  'pending_review',
  'showcase',
  'notice',
  'objection_review',
  'listed',
  'auction',
  'matched',
] as const satisfies readonly SupplyStatus[];
export const EXCLUSIVE_TRANSACTION_TYPES = ['transfer', 'equity'] as const satisfies readonly TransactionType[];
export const EXCLUSIVE_LICENCE_SCOPES = ['exclusive', 'sole'] as const satisfies readonly LicenceScope[];

export const REJECTION_REASON_CODES = [
  'incomplete_information',
  'inaccurate_information',
  'ip_unclear',
  'security_concern',
  'duplicate',
  'out_of_scope',
  'other',
] as const;
export type RejectionReasonCode = (typeof REJECTION_REASON_CODES)[number];
export const REJECTION_REASON_LABELS: Record<RejectionReasonCode, string> = {
  incomplete_information: '信息不完整',
  inaccurate_information: '信息不准确',
  ip_unclear: '知识产权权属不清',
  security_concern: '涉及安全保密',
  duplicate: '重复发布',
  out_of_scope: '不属于平台受理范围',
  other: '其他',
};

export const TAKE_DOWN_REASON_CODES = ['violation', 'ip_dispute', 'security_concern', 'fraud', 'other'] as const;
export type TakeDownReasonCode = (typeof TAKE_DOWN_REASON_CODES)[number];
export const TAKE_DOWN_REASON_LABELS: Record<TakeDownReasonCode, string> = {
  violation: '违反平台规则',
  ip_dispute: '知识产权争议',
  security_concern: '涉及安全保密',
  fraud: '虚假信息',
  other: '其他',
};

/** Text limits of a listing (characters): the API schema (server/listings/routes.ts) and the form use these. */
export const LISTING_TEXT = {
  title: { min: 4, max: 120 },
  summary: { min: 10, max: 500 },
  description: { max: 10_000 },
  counterpartyName: { max: 100 },
  contactName: { max: 50 },
} as const;
