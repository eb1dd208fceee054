// 措施十四 (尽职免责): what documents attach to, what they are, which decisions are recorded, and what
// an oversight body may conclude about a dossier.

/** What a document or a decision record is about. Conversion-ledger and researcher subjects plug in here. */
export const DOSSIER_SUBJECTS = [
  'result',
  'listing',
  'conversion',
  'contract',
  'payment',
  'grant',
  'transfer',
  // An organisation's verification (认证) by the platform: its own dossier holds the decision.
  'organisation',
  // 措施十二: an institution's reward policy (one row per version, server/remuneration).
  'remuneration_policy',
] as const;
export type DossierSubject = (typeof DOSSIER_SUBJECTS)[number];

/**
 * Subjects that documents and decisions attach to through the API. A grant and a transfer are both a
 * rights_grants row (server/rights): 'transfer' is one by which the result leaves the institution for
 * its team (措施六 share_transfer / agreed_return), 'grant' any other (措施一).
 */
export const LIVE_DOSSIER_SUBJECTS = [
  'result',
  'listing',
  'conversion',
  'contract',
  'payment',
  'grant',
  'transfer',
  'organisation',
] as const satisfies readonly DossierSubject[];
export type LiveDossierSubject = (typeof LIVE_DOSSIER_SUBJECTS)[number];

export const DOCUMENT_KINDS = [
  'ip_certificate',
  'appraisal_report',
  'pricing_decision',
  'decision_minutes',
  'contract',
  'payment_evidence',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_TEXT: Record<DocumentKind, string> = {
  ip_certificate: '知识产权证书',
  appraisal_report: '评估报告',
  pricing_decision: '定价决策文件',
  decision_minutes: '决策会议纪要',
  contract: '合同',
  payment_evidence: '付款凭证',
  other: '其他材料',
};

/** Every decision of the product takes this one record shape. */
export const DECISION_TYPES = [
  'pricing',
  'notice_outcome',
  'objection_decision',
  'deal',
  'contract',
  'grant',
  'transfer',
  'reward_approval',
  // The platform's and the parties' own decisions, recorded by server/dossiers/product-decisions.ts.
  'listing_review',
  'pool_inclusion',
  'paylater_approval',
  'payment_confirmation',
  'landing_confirmation',
  // 措施一、六: the team's answer to a grant or transfer decision, and the IP registries' changes.
  'rights_acceptance',
  'ownership_formality',
  // The platform's verification of an organisation (operator verifies or rejects it).
  'organisation_verification',
  // 科技成果转化奖励和报酬 (措施三、十二), server/remuneration: 'reward_approval' above is 措施八's post-subsidy.
  'remuneration_policy',
  'remuneration_terms',
  'remuneration_approval',
  'remuneration_payout',
] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];

/** The platform's own reviews: recorded by the platform, never by a party. */
export const PLATFORM_DECISION_TYPES = [
  'listing_review',
  'organisation_verification',
] as const satisfies readonly DecisionType[];
type PlatformDecisionType = (typeof PLATFORM_DECISION_TYPES)[number];

/**
 * What a party records itself (POST …/decisions): not the platform's reviews, and not the team's
 * acceptance of a grant, which is the team's own answer (server/rights/), never entered for it.
 */
export const PARTY_DECISION_TYPES = DECISION_TYPES.filter(
  (t): t is Exclude<DecisionType, PlatformDecisionType | 'rights_acceptance'> =>
    !(PLATFORM_DECISION_TYPES as readonly string[]).includes(t) && t !== 'rights_acceptance',
);

export const DECISION_TYPE_TEXT: Record<DecisionType, string> = {
  pricing: '定价决策',
  notice_outcome: '公示结果',
  objection_decision: '异议处理决定',
  deal: '成交',
  contract: '合同签订',
  grant: '赋权',
  transfer: '转让',
  reward_approval: '奖励审批',
  listing_review: '发布审核',
  pool_inclusion: '成果池入池与退出',
  paylater_approval: '先用后付审批',
  payment_confirmation: '收款确认',
  landing_confirmation: '落地确认',
  rights_acceptance: '成果完成人接受或拒绝赋权',
  ownership_formality: '权属变更手续',
  organisation_verification: '机构认证',
  remuneration_policy: '转化奖励政策',
  remuneration_terms: '转化收益分配约定',
  remuneration_approval: '转化奖励审批',
  remuneration_payout: '转化奖励发放',
};

export const DETERMINATION_CONCLUSIONS = ['exempt', 'not_exempt'] as const;
export type DeterminationConclusion = (typeof DETERMINATION_CONCLUSIONS)[number];

export const DETERMINATION_CONCLUSION_TEXT: Record<DeterminationConclusion, string> = {
  exempt: '认定勤勉尽责、履行了相关程序、未牟取非法利益，予以免责',
  not_exempt: '不予认定尽职免责',
};

export const DECISION_TEXT = {
  basis: { min: 1, max: 4000 },
  summary: { min: 1, max: 500 },
  body: { min: 0, max: 200 },
  procedure: { min: 0, max: 2000 },
  role: { min: 1, max: 100 },
} as const;
