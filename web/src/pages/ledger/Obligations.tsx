// 应付款项: what the enterprise owes under its contracts, and when, overdue first.
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatFen } from '../../format.js';
import { DueLinesTable, ledgerTitle, RoleNotice } from './shared.js';
import type { DueLine } from './types.js';

export default function Obligations() {
  const q = useQuery({
    queryKey: ['ledger', 'obligations'],
    queryFn: ({ signal }) => api.get<{ items: DueLine[] }>('/ledger/obligations', undefined, signal),
  });
  useEffect(() => {
    document.title = ledgerTitle('应付款项');
  }, []);
  const items = q.data?.items ?? [];
  const overdue = items.filter((i) => i.state === 'overdue');
  const outstanding = items.reduce((s, i) => s + i.outstandingFen, 0);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        应付款项
      </Typography.Title>
      <RoleNotice title="本企业作为受让方、被许可方或委托方的技术合同中尚未付清的款项">
        款项由科研单位在收到后登记；到期未付的款项会提醒双方，并显示给平台运营方。
      </RoleNotice>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          {q.data && (
            <Typography.Text>
              未付合计 {formatFen(outstanding)}
              {overdue.length > 0 ? `，其中 ${overdue.length} 笔已逾期` : ''}
            </Typography.Text>
          )}
          <Card styles={{ body: { padding: 0 } }}>
            <DueLinesTable items={items} loading={q.isFetching} empty="没有待付款项" showInstitution />
          </Card>
        </>
      )}
    </Space>
  );
}
