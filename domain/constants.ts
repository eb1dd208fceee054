// Allowed values shared by the database columns (check constraints), the API schemas and the UI.
// Each list is the single source; labels are what users read.

export const ORG_KINDS = ['enterprise', 'institution', 'operator'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const VERIFICATION_STATUSES = ['pending_verification', 'verified', 'rejected'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];
export const SIZE_CLASS_LABELS: Record<SizeClass, string> = {
  large: '大型企业',
  medium: '中型企业',
  small: '小型企业',
  micro: '微型企业',
};

export const OWNERSHIP_TYPES = ['state_wholly_owned', 'state_controlled', 'private', 'foreign'] as const;
export type OwnershipType = (typeof OWNERSHIP_TYPES)[number];
export const OWNERSHIP_TYPE_LABELS: Record<OwnershipType, string> = {
  state_wholly_owned: '国有全资',
  state_controlled: '国有控股',
  private: '民营',
  foreign: '外资',
};

export const INSTITUTION_TYPES = ['university', 'research_institute', 'hospital'] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];
export const INSTITUTION_TYPE_LABELS: Record<InstitutionType, string> = {
  university: '高等学校',
  research_institute: '科研院所',
  hospital: '医疗卫生机构',
};

// 本措施所指科研单位包括省属高等学校、科研院所、医疗卫生机构，支持中央驻辽单位等参照本措施执行。
export const AFFILIATIONS = ['provincial', 'central_in_liaoning'] as const;
export type Affiliation = (typeof AFFILIATIONS)[number];
export const AFFILIATION_LABELS: Record<Affiliation, string> = {
  provincial: '省属',
  central_in_liaoning: '中央驻辽',
};

export const MEMBER_ROLES = ['admin', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

// Liaoning's 14 prefecture-level cities.
export const REGIONS = [
  'shenyang',
  'dalian',
  'anshan',
  'fushun',
  'benxi',
  'dandong',
  'jinzhou',
  'yingkou',
  'fuxin',
  'liaoyang',
  'panjin',
  'tieling',
  'chaoyang',
  'huludao',
] as const;
export type Region = (typeof REGIONS)[number];
export const REGION_LABELS: Record<Region, string> = {
  shenyang: '沈阳市',
  dalian: '大连市',
  anshan: '鞍山市',
  fushun: '抚顺市',
  benxi: '本溪市',
  dandong: '丹东市',
  jinzhou: '锦州市',
  yingkou: '营口市',
  fuxin: '阜新市',
  liaoyang: '辽阳市',
  panjin: '盘锦市',
  tieling: '铁岭市',
  chaoyang: '朝阳市',
  huludao: '葫芦岛市',
};

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
export const LISTING_STATUS_LABELS: Record<ListingStatus, string> = {
  draft: '草稿',
  pending_review: '待审核',
  rejected: '已驳回',
  showcase: '展示中',
  notice: '公示中',
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

// ---- Results registry (职务科技成果) ----

export const IP_TYPES = [
  'invention_patent',
  'utility_model',
  'design_patent',
  'software_copyright',
  'ic_layout',
  'plant_variety',
  'technical_secret',
] as const;
export type IpType = (typeof IP_TYPES)[number];
export const IP_TYPE_LABELS: Record<IpType, string> = {
  invention_patent: '发明专利',
  utility_model: '实用新型专利',
  design_patent: '外观设计专利',
  software_copyright: '软件著作权',
  ic_layout: '集成电路布图设计',
  plant_variety: '植物新品种权',
  technical_secret: '技术秘密',
};

// 措施一: 单位所有 / 赋权共有 / 长期使用权.
export const OWNERSHIP_MODES = ['institution', 'co_owned', 'long_term_use'] as const;
export type OwnershipMode = (typeof OWNERSHIP_MODES)[number];
export const OWNERSHIP_MODE_LABELS: Record<OwnershipMode, string> = {
  institution: '单位所有',
  co_owned: '赋权共有',
  long_term_use: '长期使用权',
};

// 措施十五: 普通 / 涉及国家利益 / 涉密.
export const SECURITY_CLASSES = ['public', 'restricted', 'classified'] as const;
export type SecurityClass = (typeof SECURITY_CLASSES)[number];
export const SECURITY_CLASS_LABELS: Record<SecurityClass, string> = {
  public: '普通',
  restricted: '涉及国家利益',
  classified: '涉密',
};

export const MATURITY_LEVELS = ['lab', 'prototype', 'pilot', 'industrialised'] as const;
export type Maturity = (typeof MATURITY_LEVELS)[number];
export const MATURITY_LABELS: Record<Maturity, string> = {
  lab: '实验室阶段',
  prototype: '样机/样品阶段',
  pilot: '中试阶段',
  industrialised: '可产业化',
};

export const RESULT_STATUSES = ['active', 'converted'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

export const AUDIT_TARGETS = [
  'organisation',
  'user',
  'result',
  'listing',
  'auction',
  'pool_edition',
  'paylater_application',
  'paylater_licence',
] as const;
export type AuditTarget = (typeof AUDIT_TARGETS)[number];

export const MODERATION_DECISIONS = ['approve', 'reject', 'take_down', 'verify', 'reject_verification'] as const;
export type ModerationDecision = (typeof MODERATION_DECISIONS)[number];

// ---- Listing lifecycle (DESIGN §5): notice, listing window, showcase, demand, deal ----

// 措施四: an objection filed during the public notice (公示) stands unless its filer withdraws it or an
// operator dismisses it as abusive; the owner's response does not remove it.
export const OBJECTION_STATUSES = ['standing', 'withdrawn', 'dismissed'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, string> = {
  standing: '异议成立',
  withdrawn: '已撤回',
  dismissed: '已驳回',
};

// 揭榜方案: submitted until the deadline; the enterprise awards one or more.
export const PROPOSAL_STATUSES = ['submitted', 'withdrawn', 'awarded', 'not_selected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  submitted: '已提交',
  withdrawn: '已撤回',
  awarded: '已中榜',
  not_selected: '未入选',
};

/** How a supply listing reached `matched` (DESIGN §5). */
export const MATCH_ROUTES = ['notice', 'window_agreed', 'claim', 'auction'] as const;
export type MatchRoute = (typeof MATCH_ROUTES)[number];
export const MATCH_ROUTE_LABELS: Record<MatchRoute, string> = {
  notice: '公示无异议，按协议价成交',
  window_agreed: '挂牌期满无人摘牌，按协议价成交',
  claim: '挂牌摘牌成交',
  auction: '拍卖成交',
};

// 措施四: 向国有全资企业转化的，可以不进行资产评估；向非国有全资企业转化的，由单位自主决定是否进行资产评估.
export const APPRAISAL_DECISIONS = ['appraised', 'skipped_state_owned', 'not_appraised'] as const;
export type AppraisalDecision = (typeof APPRAISAL_DECISIONS)[number];
export const APPRAISAL_DECISION_LABELS: Record<AppraisalDecision, string> = {
  appraised: '已进行资产评估',
  skipped_state_owned: '向国有全资企业转化，不进行资产评估',
  not_appraised: '单位自主决定不进行资产评估',
};

/** `window`: handed over by a listing window (≥ 2 claimants, or claimants + a negotiated counterparty); `direct`: auction pricing. */
export const AUCTION_ORIGINS = ['window', 'direct'] as const;
export type AuctionOrigin = (typeof AUCTION_ORIGINS)[number];

/** Where an auction's participants came from: the listing window's claimants or the negotiated counterparty. */
export const AUCTION_PARTICIPANT_SOURCES = ['claim', 'counterparty', 'registration'] as const;
export type AuctionParticipantSource = (typeof AUCTION_PARTICIPANT_SOURCES)[number];

// ---- Timers (DESIGN §5 "Timers"): one deterministic job per (listing, deadline kind) ----

export const TIMER_KINDS = [
  'notice_end',
  'listing_end',
  'showcase_expiry',
  'demand_deadline',
  'selection_end',
] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];
export const TIMER_KIND_LABELS: Record<TimerKind, string> = {
  notice_end: '公示期满',
  listing_end: '挂牌期满',
  showcase_expiry: '展示期满',
  demand_deadline: '揭榜截止',
  selection_end: '评选期满',
};

// ---- Notifications (站内通知) ----

export const NOTIFICATION_KINDS = [
  'listing_approved',
  'listing_rejected',
  'listing_taken_down',
  'objection_filed',
  'objection_responded',
  'objection_withdrawn',
  'objection_dismissed',
  'notice_ended',
  'claim_received',
  'window_ended',
  'auction_scheduled',
  'inquiry_received',
  'showcase_expired',
  'proposal_received',
  'proposal_withdrawn',
  'demand_deadline_reached',
  'proposal_awarded',
  'proposal_not_selected',
  'selection_expired',
  'landing_confirmed',
  'demand_landed',
  'reward_confirmed',
  'deal_recorded',
  // Reminders before a deadline (notice, window, demand deadline, selection, showcase expiry).
  'deadline_approaching',
  // Two-way matching (search/matching.ts): a newly public listing strongly fits one of yours.
  'match_found',
  // Live auctions.
  'auction_started',
  'auction_outbid',
  'auction_won',
  'auction_closed',
  // Pay-later pool (措施五).
  'pool_included',
  'pool_removed',
  'paylater_applied',
  'paylater_updated',
  'paylater_licence_activated',
  'paylater_sales_reported',
  'paylater_payment_due',
  'paylater_payment_overdue',
  'paylater_payment_received',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  listing_approved: '审核通过',
  listing_rejected: '审核驳回',
  listing_taken_down: '项目下架',
  objection_filed: '收到异议',
  objection_responded: '异议已答复',
  objection_withdrawn: '异议已撤回',
  objection_dismissed: '异议被驳回',
  notice_ended: '公示期满',
  claim_received: '收到摘牌',
  window_ended: '挂牌期满',
  auction_scheduled: '转入拍卖',
  inquiry_received: '收到咨询',
  showcase_expired: '展示到期',
  proposal_received: '收到揭榜方案',
  proposal_withdrawn: '揭榜方案撤回',
  demand_deadline_reached: '揭榜截止',
  proposal_awarded: '方案中榜',
  proposal_not_selected: '方案未入选',
  selection_expired: '评选期满',
  landing_confirmed: '落地确认',
  demand_landed: '项目落地',
  reward_confirmed: '奖励性后补助资格确认',
  deal_recorded: '成交登记',
  deadline_approaching: '截止提醒',
  match_found: '匹配推荐',
  auction_started: '拍卖开始',
  auction_outbid: '出价被超越',
  auction_won: '竞得通知',
  auction_closed: '拍卖结束',
  pool_included: '纳入成果池',
  pool_removed: '移出成果池',
  paylater_applied: '先用后付申请',
  paylater_updated: '先用后付协商进展',
  paylater_licence_activated: '许可生效',
  paylater_sales_reported: '首次销售报告',
  paylater_payment_due: '付款提醒',
  paylater_payment_overdue: '付款逾期',
  paylater_payment_received: '收到付款',
};

// ---- Pay-later pool (先用后付成果池, 措施五) ----

// How a result entered the pool: the daily scan (IP held three years without conversion) or the
// institution's own choice.
export const POOL_REASONS = ['auto_3y', 'voluntary'] as const;
export type PoolReason = (typeof POOL_REASONS)[number];
export const POOL_REASON_LABELS: Record<PoolReason, string> = {
  auto_3y: '取得知识产权满三年未转化',
  voluntary: '单位自愿纳入',
};

export const POOL_REMOVAL_REASONS = ['converted', 'reclassified', 'opted_out', 'ip_not_held_3y'] as const;
export type PoolRemovalReason = (typeof POOL_REMOVAL_REASONS)[number];
export const POOL_REMOVAL_REASON_LABELS: Record<PoolRemovalReason, string> = {
  converted: '成果已转化',
  reclassified: '成果密级调整，不再适用先用后付（措施十五）',
  opted_out: '科研单位申请不纳入',
  ip_not_held_3y: '知识产权取得不满三年',
};

// Where one of an institution's results stands with respect to the pool.
export const POOL_RESULT_STATES = [
  'in_pool',
  'opted_out',
  'excluded',
  'converted',
  'awaiting_scan',
  'not_yet',
  'no_grant',
] as const;
export type PoolResultState = (typeof POOL_RESULT_STATES)[number];
export const POOL_RESULT_STATE_LABELS: Record<PoolResultState, string> = {
  in_pool: '已在成果池',
  opted_out: '已申请不纳入',
  excluded: '不适用先用后付（措施十五）',
  converted: '已转化',
  awaiting_scan: '已满三年，将于每日核查时纳入',
  not_yet: '知识产权取得未满三年',
  no_grant: '尚无已授权的知识产权',
};

// An edition lists every result in the pool (`added` or `retained`) and those that left since the
// previous edition (`removed`).
export const POOL_EDITION_CHANGES = ['added', 'retained', 'removed'] as const;
export type PoolEditionChange = (typeof POOL_EDITION_CHANGES)[number];
export const POOL_EDITION_CHANGE_LABELS: Record<PoolEditionChange, string> = {
  added: '新增',
  retained: '在池',
  removed: '移出',
};

// 措施五: 将科技成果许可给中小微企业使用.
export const SME_SIZE_CLASSES = ['medium', 'small', 'micro'] as const satisfies readonly SizeClass[];

export const PAYLATER_APPLICATION_STATUSES = [
  'pending',
  'countered',
  'accepted',
  'declined',
  'counter_declined',
  'withdrawn',
] as const;
export type PayLaterApplicationStatus = (typeof PAYLATER_APPLICATION_STATUSES)[number];
export const PAYLATER_APPLICATION_STATUS_LABELS: Record<PayLaterApplicationStatus, string> = {
  pending: '待科研单位答复',
  countered: '科研单位已还价，待企业确认',
  accepted: '已达成许可',
  declined: '科研单位已拒绝',
  counter_declined: '企业已拒绝还价',
  withdrawn: '企业已撤回',
};
/** Applications still under negotiation: at most one per enterprise and result. */
export const OPEN_PAYLATER_APPLICATION_STATUSES = [
  'pending',
  'countered',
] as const satisfies readonly PayLaterApplicationStatus[];

export const PAYLATER_PARTIES = ['enterprise', 'institution'] as const;
export type PayLaterParty = (typeof PAYLATER_PARTIES)[number];
export const PAYLATER_PARTY_LABELS: Record<PayLaterParty, string> = {
  enterprise: '企业',
  institution: '科研单位',
};

// 措施五: 支付时间 — counted from signing, or from the licensee's first sales.
export const PAYMENT_TIMINGS = ['after_signing', 'after_first_sales'] as const;
export type PaymentTiming = (typeof PAYMENT_TIMINGS)[number];
export const PAYMENT_TIMING_LABELS: Record<PaymentTiming, string> = {
  after_signing: '签约后',
  after_first_sales: '首次销售后',
};

export const PAYLATER_LICENCE_STATUSES = ['active', 'completed'] as const;
export type PayLaterLicenceStatus = (typeof PAYLATER_LICENCE_STATUSES)[number];
export const PAYLATER_LICENCE_STATUS_LABELS: Record<PayLaterLicenceStatus, string> = {
  active: '履行中',
  completed: '已结清',
};

export const PAYMENT_KINDS = ['fee', 'royalty'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
export const PAYMENT_KIND_LABELS: Record<PaymentKind, string> = {
  fee: '许可费',
  royalty: '销售提成',
};

export const PAYMENT_STATUSES = ['scheduled', 'paid'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
/** What a payment row shows: its stored status, or `overdue` once its due date has passed unpaid. */
export const PAYMENT_STATES = ['awaiting_first_sales', 'scheduled', 'overdue', 'paid'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];
export const PAYMENT_STATE_LABELS: Record<PaymentState, string> = {
  awaiting_first_sales: '待首次销售后起算',
  scheduled: '待支付',
  overdue: '已逾期',
  paid: '已收款',
};
