// 措施二、三 单列管理: the institution's separately managed results and the assets their conversions
// formed (transfers, licences, equity stakes, receivables) with current status; exportable as XLSX.
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import {
  ASSET_KIND_LABELS,
  CONTRACT_STATUS_LABELS,
  EQUITY_STAKE_STATUS_LABELS,
  type AssetKind,
  type ContractStatus,
} from '../../../../domain/constants/ledger.js';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { formatFen } from '../../format.js';
import { DownloadLink, exportHref } from './Exports.js';
import { ledgerTitle } from './shared.js';
import type { RegisterRow } from './types.js';

export default function AssetRegister() {
  const q = useQuery({
    queryKey: ['ledger', 'register'],
    queryFn: ({ signal }) => api.get<{ items: RegisterRow[] }>('/ledger/register', undefined, signal),
  });
  useEffect(() => {
    document.title = ledgerTitle('单列管理登记表');
  }, []);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0 }}>
          单列管理登记表
        </Typography.Title>
        <DownloadLink href={exportHref('/ledger/register/export', { format: 'xlsx' })}>导出 XLSX</DownloadLink>
      </Space>
      <Typography.Text type="secondary">
        本单位单列管理的职务科技成果及其形成的资产（转让、许可、股权、应收款）和当前状态（措施二、三）。成果是否单列管理在“我的成果”中设置。
      </Typography.Text>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <ResponsiveTable<RegisterRow>
            rowKey={(r) => `${r.resultId}-${r.conversionId ?? r.assetKind ?? 'none'}`}
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20 }}
            locale={{ emptyText: '没有单列管理的成果' }}
            columns={[
              { title: '成果', dataIndex: 'resultTitle' },
              {
                title: '资产类型',
                dataIndex: 'assetKind',
                render: (v: AssetKind | null, r) =>
                  v === null ? (
                    '尚未转化'
                  ) : r.conversionId ? (
                    <Link to={`/my/conversions/${r.conversionId}`}>{ASSET_KIND_LABELS[v]}</Link>
                  ) : (
                    <Link to={`/my/results/${r.resultId}/rights`}>{ASSET_KIND_LABELS[v]}</Link>
                  ),
              },
              { title: '对方 / 被投资企业', key: 'party', render: (_, r) => r.company ?? r.counterpartyName ?? '—' },
              {
                title: '合同状态',
                dataIndex: 'contractStatus',
                render: (v: ContractStatus | null) => (v ? CONTRACT_STATUS_LABELS[v] : '—'),
              },
              {
                title: '合同金额',
                dataIndex: 'amountFen',
                render: (v: number | null) => (v === null ? '—' : formatFen(v)),
              },
              { title: '已收款', dataIndex: 'receivedFen', render: (v: number) => formatFen(v) },
              { title: '应收款', dataIndex: 'receivableFen', render: (v: number) => formatFen(v) },
              {
                title: '股权',
                key: 'equity',
                render: (_, r) =>
                  r.agreedReturnBp !== null
                    ? `约定取得未来股权收益的 ${r.agreedReturnBp / 100}%`
                    : r.company
                      ? `${r.shares !== null ? `${r.shares} 股` : r.stakeBp !== null ? `${r.stakeBp / 100}%` : ''}，作价 ${formatFen(r.valuationFen)}${r.equityStatus ? `，${EQUITY_STAKE_STATUS_LABELS[r.equityStatus]}` : ''}`
                      : '—',
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
