// Operators' follow-up list: pay-later instalments whose due day has passed unpaid.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { PAYMENT_KIND_LABELS } from '../../../../domain/constants/pool.js';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate, formatFen } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import type { OverduePayment } from './types.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';

export default function OverduePayments() {
  const { getInt, set } = useUrlState();
  const page = getInt('page', 1);
  const q = useQuery({
    queryKey: ['operator', 'paylater', 'overdue', page],
    queryFn: ({ signal }) =>
      api.get<Page<OverduePayment>>('/operator/paylater/overdue', { page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    document.title = '先用后付逾期款项 - 辽宁揭榜挂帅';
  }, []);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        先用后付逾期款项
      </Typography.Title>
      <Typography.Text type="secondary">
        到期未登记收款的先使用后付费款项，逾期最久的在前。许可双方均已收到逾期提示。
      </Typography.Text>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <ResponsiveTable<OverduePayment>
            rowKey="paymentId"
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '没有逾期款项' }}
            pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: (p) => set({ page: p }) }}
            columns={[
              {
                title: '成果',
                key: 'result',
                render: (_, r) => <Link to={`/my/paylater/licences/${r.licenceId}`}>{r.result.title}</Link>,
              },
              { title: '被许可企业', key: 'enterprise', render: (_, r) => r.enterprise.name },
              { title: '科研单位', key: 'institution', render: (_, r) => r.institution.name },
              {
                title: '款项',
                key: 'kind',
                render: (_, r) => `第 ${r.seq} 期${PAYMENT_KIND_LABELS[r.kind]}`,
              },
              {
                title: '应付金额',
                dataIndex: 'amountFen',
                render: (v: number | null) => (v === null ? '按销售额计算' : formatFen(v)),
              },
              { title: '到期日', dataIndex: 'dueOn', render: (v: string) => formatDate(v) },
              {
                title: '逾期',
                dataIndex: 'daysOverdue',
                render: (v: number) => <Tag color={v > 30 ? 'red' : 'orange'}>{v} 天</Tag>,
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
