// Shared pieces of the 赋权 / 权益让渡 pages (措施一、六): status tags, a decision's description and its
// documents (措施十四).
import { Descriptions, Tag } from 'antd';
import {
  RIGHTS_GRANT_KIND_LABELS,
  RIGHTS_GRANT_PURPOSE_LABELS,
  RIGHTS_GRANT_STATUS_LABELS,
  rightsSubjectOf,
} from '../../../../domain/constants/rights.js';
import type { Grant } from '../../api/types.js';
import { formatDateTime } from '../../format.js';
import { DocumentList } from '../dossiers/DocumentsPanel.js';

const STATUS_COLOR: Record<Grant['status'], string> = {
  pending: 'processing',
  accepted: 'success',
  declined: 'error',
  withdrawn: 'default',
};

export function GrantStatusTag({ status }: { status: Grant['status'] }) {
  return (
    <Tag color={STATUS_COLOR[status]} data-grant-status={status}>
      {RIGHTS_GRANT_STATUS_LABELS[status]}
    </Tag>
  );
}

export function answerText(a: Grant['answers'][number]): string {
  return a.answer === 'accepted' ? '已接受' : a.answer === 'declined' ? '已拒绝' : '待答复';
}

/** What was decided, by whom, when and why (措施十四), and where each linked member stands. */
export function GrantDescription({ g }: { g: Grant }) {
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        {
          key: 'kind',
          label: '决定类型',
          children: `${RIGHTS_GRANT_KIND_LABELS[g.kind]}（${RIGHTS_GRANT_PURPOSE_LABELS[g.purpose]}）`,
        },
        { key: 'status', label: '状态', children: <GrantStatusTag status={g.status} /> },
        { key: 'summary', label: '决定内容', span: 2, children: g.summary },
        { key: 'body', label: '决定机构', children: g.decisionBody },
        { key: 'on', label: '决定日期', children: g.decidedOn },
        { key: 'basis', label: '决定依据', span: 2, children: g.basis },
        {
          key: 'answers',
          label: '团队答复',
          span: 2,
          children: g.answers.map((a) => `${a.memberName}：${answerText(a)}`).join('；'),
        },
        ...(g.withdrawReason
          ? [
              {
                key: 'withdrawn',
                label: '撤回理由',
                span: 2,
                children: `${g.withdrawReason}（${formatDateTime(g.withdrawnAt)}）`,
              },
            ]
          : []),
      ]}
    />
  );
}

/**
 * 措施十四: the decision's documents (minutes, the transfer agreement …) — uploaded by the institution,
 * read by the team members it was put to. A transfer's documents are kept under 'transfer'.
 */
export function GrantDocuments({ g, editable }: { g: Grant; editable: boolean }) {
  const transfer = rightsSubjectOf(g.kind) === 'transfer';
  return (
    <DocumentList
      subject={transfer ? 'rights/transfers' : 'rights/grants'}
      id={g.id}
      kinds={
        transfer
          ? ['decision_minutes', 'contract', 'appraisal_report', 'other']
          : ['decision_minutes', 'appraisal_report', 'other']
      }
      editable={editable}
      label={`${transfer ? '权益让渡' : '赋权'}决定文件：${g.resultTitle}`}
    />
  );
}
