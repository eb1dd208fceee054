// Operators' follow-up list: contract instalments across institutions whose due day has passed unpaid.
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { DueLinesTable, ledgerTitle } from './shared.js';
import type { DueLine } from './types.js';

export default function OverdueLedger() {
  const q = useQuery({
    queryKey: ['ledger', 'overdue'],
    queryFn: ({ signal }) => api.get<{ items: DueLine[] }>('/ledger/overdue', undefined, signal),
  });
  useEffect(() => {
    document.title = ledgerTitle('转化逾期款项');
  }, []);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        转化逾期款项
      </Typography.Title>
      <Typography.Text type="secondary">
        各科研单位转化合同中到期未登记收款的款项，逾期最久的在前。合同双方均已收到逾期提示。先使用后付费许可的逾期款项另见“逾期款项”。
      </Typography.Text>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <DueLinesTable items={q.data?.items ?? []} loading={q.isFetching} empty="没有逾期款项" showInstitution />
        </Card>
      )}
    </Space>
  );
}
