// 措施一 (赋权) and 措施六 (权益让渡): what an institution may decide about a result's rights, and the
// states of the decision, the team's answers and the IP ownership-change formalities.

/**
 * - `co_ownership` 赋予所有权（共有）: the institution and the team become co-owners;
 * - `long_term_use` 赋予长期使用权: a use right of at least 10 years (措施一);
 * - `share_transfer` 权益让渡（资源占用费）: the institution's retained share passes to the team for a
 *   one-time resource-occupation fee, a receivable in the conversion ledger (措施六);
 * - `agreed_return` 赋权 + 约定收益: the team takes the whole result into a company and an agreed
 *   share of future equity gains returns to the institution, a contingent asset (措施六).
 */
export const RIGHTS_GRANT_KINDS = ['co_ownership', 'long_term_use', 'share_transfer', 'agreed_return'] as const;
export type RightsGrantKind = (typeof RIGHTS_GRANT_KINDS)[number];
export const RIGHTS_GRANT_KIND_LABELS: Record<RightsGrantKind, string> = {
  co_ownership: '赋予所有权（共有）',
  long_term_use: '赋予长期使用权',
  share_transfer: '权益让渡：资源占用费',
  agreed_return: '权益让渡：赋权 + 约定收益',
};

/**
 * 措施六 权益让渡: the kinds by which the result leaves the institution for its team. Their decisions are
 * recorded as 'transfer', the others as 'grant' (措施十四), and their documents attach to that subject.
 */
export const TRANSFER_KINDS = ['share_transfer', 'agreed_return'] as const satisfies readonly RightsGrantKind[];
export const rightsSubjectOf = (kind: RightsGrantKind): 'grant' | 'transfer' =>
  (TRANSFER_KINDS as readonly string[]).includes(kind) ? 'transfer' : 'grant';

/** What the grant does to the right the result already has (措施一: 长期使用权可延长或转为所有权). */
export const RIGHTS_GRANT_PURPOSES = ['grant', 'extension', 'conversion', 'transfer'] as const;
export type RightsGrantPurpose = (typeof RIGHTS_GRANT_PURPOSES)[number];
export const RIGHTS_GRANT_PURPOSE_LABELS: Record<RightsGrantPurpose, string> = {
  grant: '首次赋权',
  extension: '延长长期使用权',
  conversion: '长期使用权转为所有权',
  transfer: '剩余份额让渡',
};

export const RIGHTS_GRANT_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type RightsGrantStatus = (typeof RIGHTS_GRANT_STATUSES)[number];
export const RIGHTS_GRANT_STATUS_LABELS: Record<RightsGrantStatus, string> = {
  pending: '待团队接受',
  accepted: '团队已接受，权属已变更',
  declined: '团队已拒绝',
  withdrawn: '单位已撤回',
};

export const GRANT_ANSWERS = ['accepted', 'declined'] as const;
export type GrantAnswer = (typeof GRANT_ANSWERS)[number];

/** Per IP item: 专利权属变更 (a granted patent) or 专利申请权变更 (an application), or another registry's change. */
export const FORMALITY_KINDS = [
  'patent_ownership_change',
  'patent_application_change',
  'other_registration_change',
] as const;
export type FormalityKind = (typeof FORMALITY_KINDS)[number];
export const FORMALITY_KIND_LABELS: Record<FormalityKind, string> = {
  patent_ownership_change: '专利权属变更',
  patent_application_change: '专利申请权变更',
  other_registration_change: '其他权属登记变更',
};

export const FORMALITY_STATUSES = ['to_file', 'filed', 'approved'] as const;
export type FormalityStatus = (typeof FORMALITY_STATUSES)[number];
export const FORMALITY_STATUS_LABELS: Record<FormalityStatus, string> = {
  to_file: '待提交',
  filed: '已提交，待核准',
  approved: '已核准',
};

/** Open formalities are reminded to the institution every this many days until approved. */
export const FORMALITY_REMINDER_DAYS = 30;

export const RIGHTS_TEXT = {
  decisionBody: { min: 1, max: 200 },
  basis: { min: 1, max: 4000 },
  companyName: { min: 1, max: 200 },
  evidenceRef: { min: 1, max: 500 },
  note: { min: 0, max: 1000 },
} as const;
