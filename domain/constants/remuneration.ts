// 科技成果转化奖励和报酬 (措施三、十二): the institution's reward policy, the costs recorded against a
// conversion, and the reward entries computed from its received income. Not 措施八's enterprise
// post-subsidy (domain/rewards.ts), which is a different thing.

/** Costs deducted from a conversion's income before the team's share is taken (net income). */
export const CONVERSION_COST_KINDS = [
  'patent_fee',
  'maintenance_fee',
  'appraisal',
  'agency_commission',
  'tax',
  'other',
] as const;
export type ConversionCostKind = (typeof CONVERSION_COST_KINDS)[number];

export const CONVERSION_COST_KIND_LABELS: Record<ConversionCostKind, string> = {
  patent_fee: '专利申请费',
  maintenance_fee: '专利维持费（年费）',
  appraisal: '评估费',
  agency_commission: '中介服务佣金',
  tax: '税费',
  other: '其他直接费用',
};

/** 措施十二: 现金、股份或者出资比例等奖励和报酬. */
export const REMUNERATION_FORMS = ['cash', 'equity'] as const;
export type RemunerationForm = (typeof REMUNERATION_FORMS)[number];

export const REMUNERATION_FORM_LABELS: Record<RemunerationForm, string> = {
  cash: '现金奖励',
  equity: '股份或出资比例奖励',
};

/**
 * pending → approved → paid. `separate`: a member holding a 正职 leadership post — 措施十二's rewards
 * cover 副职领导及以下, so the entry is shown to the institution for its own procedure and never
 * approved or paid by the platform.
 */
export const REMUNERATION_ENTRY_STATUSES = ['pending', 'approved', 'paid', 'separate'] as const;
export type RemunerationEntryStatus = (typeof REMUNERATION_ENTRY_STATUSES)[number];

export const REMUNERATION_ENTRY_STATUS_LABELS: Record<RemunerationEntryStatus, string> = {
  pending: '待审批',
  approved: '已审批待发放',
  paid: '已发放',
  separate: '正职领导，按单位规定另行办理',
};

/** How the conversion was financed (措施三: from horizontal-project surplus, the researchers keep ≥ 90 %). */
export const CONVERSION_FUNDING_SOURCES = ['standard', 'horizontal_surplus'] as const;
export type ConversionFundingSource = (typeof CONVERSION_FUNDING_SOURCES)[number];

export const CONVERSION_FUNDING_SOURCE_LABELS: Record<ConversionFundingSource, string> = {
  standard: '单位职务科技成果（按本单位奖励政策）',
  horizontal_surplus: '横向科研项目结余经费出资转化（措施三）',
};

/** 措施三: 科研人员占比原则上不低于 90%. */
export const HORIZONTAL_SURPLUS_FLOOR_BP = 9_000;

/**
 * 措施十二 (辽宁省全面深化职务科技成果转化改革若干措施, 第十二条第二款), verbatim: how a cash reward is
 * treated in pay. The statement prints it on every cash reward.
 */
export const CASH_REWARD_PAY_TREATMENT =
  '事业单位科研人员职务科技成果转化后，科技成果完成单位按规定对完成、转化该项科技成果做出重要贡献人员给予的现金奖励计入所在单位绩效工资总量，不作为核定单位下一年度绩效工资总量的基数，不作为社会保险缴费基数。';

/** The statement's short marks, each a phrase of the clause above. */
export const CASH_REWARD_MARKS = [
  '计入所在单位当年绩效工资总量',
  '不作为核定单位下一年度绩效工资总量的基数',
  '不作为社会保险缴费基数',
] as const;
