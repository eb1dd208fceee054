// Listing facts the UI derives from a row: which deadline is running now, and what the owner may do
// in each status (the lists in domain/constants/listings.ts, so buttons only appear when the api would accept them).
import type { ListingSummary } from './api/types.js';

export interface RunningDeadline {
  label: string;
  at: string;
}

export function runningDeadline(
  l: Pick<ListingSummary, 'status' | 'kind' | 'deadline' | 'noticeEndsAt' | 'listingEndsAt' | 'expiresAt'> & {
    selectionEndsAt?: string | null;
    objectionDecisionEndsAt?: string | null;
  },
): RunningDeadline | null {
  const pick = (label: string, at: string | null | undefined) => (at ? { label, at } : null);
  switch (l.status) {
    case 'open':
      return pick('揭榜截止', l.deadline);
    case 'selecting':
      return pick('评选截止', l.selectionEndsAt);
    case 'notice':
      // 措施四: the negotiated price is publicly noticed; objections are possible until then.
      return pick('公示截止', l.noticeEndsAt);
    case 'objection_review':
      // 措施四: after a standing objection the institution decides by then, or the listing is withdrawn.
      return pick('异议处理决定截止', l.objectionDecisionEndsAt);
    case 'listed':
      return pick('摘牌截止', l.listingEndsAt);
    case 'showcase':
      return pick('展示截止', l.expiresAt);
    case 'draft':
    case 'pending_review':
    case 'rejected':
      return l.kind === 'demand' ? pick('揭榜截止', l.deadline) : null;
    default:
      return null;
  }
}

export { canEdit, canSubmit, canTakeDown, canWithdraw } from '../../domain/constants/listings.js';

// Audit actions are recorded as `<target>.<verb>` (listing.submit, organisation.verify); labels by verb.
const AUDIT_VERB_LABELS: Record<string, string> = {
  seed: '系统初始化数据',
  deal_landing_confirm: '确认落地',
  domicile_review: '复核登记地',
  auction_close: '拍卖结束',
  create: '创建',
  register: '注册',
  edit: '修改',
  update: '修改',
  update_profile: '修改资料',
  submit: '提交审核',
  approve: '审核通过',
  reject: '审核驳回',
  withdraw: '撤回',
  take_down: '下架',
  verify: '认证通过',
  reject_verification: '认证驳回',
  expire: '到期',
  claim: '摘牌',
  inquiry: '咨询',
  objection_file: '提出异议',
  objection_respond: '答复异议',
  objection_withdraw: '撤回异议',
  objection_dismiss: '驳回异议',
  notice_end: '公示期满',
  window_end: '挂牌期满',
  showcase_expire: '展示到期下架',
  renew: '续期展示',
  proposal_submit: '提交揭榜方案',
  proposal_withdraw: '撤回揭榜方案',
  demand_deadline: '揭榜截止',
  selection_end: '评选期满',
  award: '定榜',
  landing_confirm: '确认落地',
  land: '项目落地',
  reward_confirm: '确认奖励性后补助资格',
  export_control_confirm: '确认出口管制审查',
  convert: '登记成交',
};

export function auditActionLabel(action: string): string {
  const verb = action.includes('.') ? action.slice(action.indexOf('.') + 1) : action;
  return AUDIT_VERB_LABELS[verb] ?? action;
}
