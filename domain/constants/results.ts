// Allowed values of the results registry (职务科技成果).

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

// 措施一: 单位所有 / 赋权共有 / 长期使用权; 措施六: 成果完成人所有 (the institution's remaining share
// transferred to the team — only through an accepted 权益让渡 decision, domain/rights.ts).
export const OWNERSHIP_MODES = ['institution', 'co_owned', 'long_term_use', 'team_owned'] as const;
export type OwnershipMode = (typeof OWNERSHIP_MODES)[number];
export const OWNERSHIP_MODE_LABELS: Record<OwnershipMode, string> = {
  institution: '单位所有',
  co_owned: '赋权共有',
  long_term_use: '长期使用权',
  team_owned: '成果完成人所有（权益让渡）',
};

// 措施一 (科研单位与成果完成人（团队）成为共同所有权人): a co-owned result lists the institution itself
// and the team, each with a share.
export const CO_OWNER_PARTIES = ['institution', 'team'] as const;
export type CoOwnerParty = (typeof CO_OWNER_PARTIES)[number];
export const CO_OWNER_PARTY_LABELS: Record<CoOwnerParty, string> = {
  institution: '科研单位',
  team: '成果完成人（团队）',
};

// Results whose rights data, stored before the rules of 措施一 were enforced, the institution must
// complete; the database's ownership checks hold once it does (editing the result clears the flag).
export const RIGHTS_REVIEW_REASONS = [
  'co_owner_institution_missing',
  'long_term_use_start_unknown',
  'long_term_use_ended',
] as const;
export type RightsReviewReason = (typeof RIGHTS_REVIEW_REASONS)[number];
export const RIGHTS_REVIEW_LABELS: Record<RightsReviewReason, string> = {
  co_owner_institution_missing: '赋权共有未登记本单位份额，请补充',
  long_term_use_start_unknown: '长期使用权缺少起始日期，请补充',
  long_term_use_ended: '长期使用权已到期，请延长期限或调整权属',
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

/** Text limits of a research result (characters): the API schema (server/results/routes.ts) and the form use these. */
export const RESULT_TEXT = {
  title: { min: 2, max: 120 },
  summary: { min: 10, max: 2000 },
  inventors: { max: 500 },
  coOwnerName: { max: 100 },
  ipNumber: { max: 50 },
  ipTitle: { max: 200 },
} as const;
