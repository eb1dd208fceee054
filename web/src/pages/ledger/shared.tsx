// Small pieces the ledger pages share: status tags, the role notice above forms, the due-lines table.
import { Alert, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import {
  CONTRACT_STATUS_LABELS,
  SCHEDULE_ITEM_KIND_LABELS,
  SCHEDULE_ITEM_STATE_LABELS,
  type ContractStatus,
  type ScheduleItemState,
} from '../../../../domain/constants/ledger.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { formatDate, formatFen } from '../../format.js';
import type { DueLine } from './types.js';

const CONTRACT_COLORS: Record<ContractStatus, string> = {
  draft: 'default',
  effective: 'processing',
  completed: 'success',
  terminated: 'error',
};

export function ContractStatusTag({ status }: { status: ContractStatus }) {
  return <Tag color={CONTRACT_COLORS[status]}>{CONTRACT_STATUS_LABELS[status]}</Tag>;
}

const STATE_COLORS: Record<ScheduleItemState, string> = {
  awaiting_report: 'default',
  awaiting_date: 'default',
  open: 'processing',
  overdue: 'error',
  paid: 'success',
  cancelled: 'default',
};

export function LineStateTag({ state }: { state: ScheduleItemState }) {
  return <Tag color={STATE_COLORS[state]}>{SCHEDULE_ITEM_STATE_LABELS[state]}</Tag>;
}

/** Who may do what here, said before the form rather than after a refusal. */
export function RoleNotice({ title, children }: { title: string; children?: ReactNode }) {
  return <Alert type="info" showIcon title={title} description={children} />;
}

export const ledgerTitle = (page: string) => `${page} - 辽宁揭榜挂帅`;

/** Instalments due (an enterprise's obligations) or overdue (the operators' list), cards on phones. */
export function DueLinesTable({
  items,
  loading,
  empty,
  showInstitution,
}: {
  items: DueLine[];
  loading: boolean;
  empty: string;
  showInstitution: boolean;
}) {
  return (
    <ResponsiveTable<DueLine>
      rowKey="scheduleItemId"
      loading={loading}
      dataSource={items}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 20 }}
      locale={{ emptyText: empty }}
      columns={[
        {
          title: '合同',
          key: 'contract',
          render: (_, r) => <Link to={`/my/conversions/${r.conversionId}`}>{r.contractTitle}</Link>,
        },
        ...(showInstitution
          ? [{ title: '科研单位', key: 'inst', render: (_: unknown, r: DueLine) => r.institutionName }]
          : []),
        { title: '付款方', dataIndex: 'counterpartyName' },
        { title: '款项', dataIndex: 'kind', render: (v: DueLine['kind']) => SCHEDULE_ITEM_KIND_LABELS[v] },
        { title: '到期日', dataIndex: 'dueOn', render: (v: string) => formatDate(v) },
        { title: '应付金额', dataIndex: 'amountFen', render: (v: number) => formatFen(v) },
        { title: '未付金额', dataIndex: 'outstandingFen', render: (v: number) => formatFen(v) },
        { title: '状态', dataIndex: 'state', render: (v: ScheduleItemState) => <LineStateTag state={v} /> },
      ]}
    />
  );
}
