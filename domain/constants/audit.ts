// What the audit trail records changes of, and the operators' moderation decisions.

export const AUDIT_TARGETS = [
  'organisation',
  'user',
  'result',
  'listing',
  'auction',
  'pool_edition',
  'paylater_application',
  'paylater_licence',
  'conversion',
  // 措施十四: documents, decision records, dossier exports, determinations.
  'document',
  'decision_record',
  'dossier',
  'determination',
  // Issue 21: operators' thesaurus edits.
  'thesaurus_entry',
  // Issue 19: 科技成果转化情况年度报告 submitted, accepted, returned.
  'annual_report',
  // Issue 18: researchers' invitations.
  'invitation',
] as const;
export type AuditTarget = (typeof AUDIT_TARGETS)[number];

export const MODERATION_DECISIONS = ['approve', 'reject', 'take_down', 'verify', 'reject_verification'] as const;
export type ModerationDecision = (typeof MODERATION_DECISIONS)[number];
