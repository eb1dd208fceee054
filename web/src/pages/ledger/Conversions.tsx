// 转化台账: an institution's conversions (every route), or an enterprise's contracts as counterparty,
// filtered by route, transaction type, contract state, signing period and result; the institution
// also finds here the contract exports and the entry of an off-platform conversion.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Select, Space, Switch, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import {
  CONTRACT_STATUS_LABELS,
  CONVERSION_ROUTE_LABELS,
  CONVERSION_TYPE_LABELS,
  type ContractStatus,
  type ConversionRoute,
  type ConversionType,
} from '../../../../domain/constants/ledger.js';
import { api } from '../../api/client.js';
import type { Page, ResearchResult } from '../../api/types.js';
import { useAuth } from '../../auth.js';
import { ButtonLink } from '../../components/ButtonLink.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { dayjs, formatDate, formatFen, optionsOf } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import { ContractExports } from './Exports.js';
import { ContractStatusTag, ledgerTitle } from './shared.js';
import type { ConversionSummary } from './types.js';

const PAGE_SIZE = 20;

function ResultFilter({ value, onChange }: { value: string | undefined; onChange: (v: string | null) => void }) {
  const q = useQuery({
    queryKey: ['results', 'mine', 'options'],
    queryFn: ({ signal }) => api.get<Page<ResearchResult>>('/results', { page: 1, pageSize: 100 }, signal),
  });
  return (
    <Select
      aria-label="成果"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="全部成果"
      style={{ minWidth: 200 }}
      loading={q.isPending}
      value={value}
      onChange={(v: string | undefined) => onChange(v ?? null)}
      options={(q.data?.items ?? []).map((r) => ({ value: r.id, label: r.title }))}
    />
  );
}

export default function Conversions() {
  const { session } = useAuth();
  const institution = session?.role === 'institution';
  const { get, getInt, set } = useUrlState();
  const page = getInt('page', 1);
  const filters = {
    route: get('route') as ConversionRoute | undefined,
    transactionType: get('type') as ConversionType | undefined,
    status: get('status') as ContractStatus | undefined,
    signedFrom: get('from'),
    signedTo: get('to'),
    resultId: get('result'),
    overdue: get('overdue') === '1' ? true : undefined,
  };
  const q = useQuery({
    queryKey: ['ledger', 'conversions', filters, page],
    queryFn: ({ signal }) =>
      api.get<Page<ConversionSummary>>('/ledger/conversions', { ...filters, page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    document.title = ledgerTitle('转化台账');
  }, []);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0 }}>
          转化台账
        </Typography.Title>
        {institution && (
          <ButtonLink type="primary" to="/my/conversions/new">
            登记平台外转化
          </ButtonLink>
        )}
      </Space>
      <Typography.Text type="secondary">
        {institution
          ? '本单位成果的每一项转化（平台成交、揭榜落地、先使用后付费许可、平台外转化）及其合同、收款。转化收益全部留归本单位（措施二）。'
          : '本企业作为受让方、被许可方或委托方的技术合同。应付款项及到期日见“应付款项”。'}
      </Typography.Text>
      <Card size="small">
        <Space wrap size={[12, 12]} role="search" aria-label="筛选转化记录">
          <Select
            aria-label="转化途径"
            allowClear
            placeholder="全部途径"
            style={{ minWidth: 180 }}
            value={filters.route}
            onChange={(v: string | undefined) => set({ route: v })}
            options={optionsOf(CONVERSION_ROUTE_LABELS)}
          />
          <Select
            aria-label="交易类型"
            allowClear
            placeholder="全部类型"
            style={{ minWidth: 140 }}
            value={filters.transactionType}
            onChange={(v: string | undefined) => set({ type: v })}
            options={optionsOf(CONVERSION_TYPE_LABELS)}
          />
          <Select
            aria-label="合同状态"
            allowClear
            placeholder="全部状态"
            style={{ minWidth: 120 }}
            value={filters.status}
            onChange={(v: string | undefined) => set({ status: v })}
            options={optionsOf(CONTRACT_STATUS_LABELS)}
          />
          <DatePicker
            aria-label="签订日期自"
            placeholder="签订日期自"
            value={filters.signedFrom ? dayjs(filters.signedFrom) : null}
            onChange={(d) => set({ from: d ? d.format('YYYY-MM-DD') : null })}
          />
          <DatePicker
            aria-label="签订日期至"
            placeholder="签订日期至"
            value={filters.signedTo ? dayjs(filters.signedTo) : null}
            onChange={(d) => set({ to: d ? d.format('YYYY-MM-DD') : null })}
          />
          {institution && <ResultFilter value={filters.resultId} onChange={(v) => set({ result: v })} />}
          <Space size={6}>
            <Switch
              aria-label="只看有逾期款项的"
              checked={filters.overdue === true}
              onChange={(on) => set({ overdue: on ? '1' : null })}
            />
            <span aria-hidden>只看逾期</span>
          </Space>
          {Object.values(filters).some((v) => v !== undefined) && (
            <Button
              onClick={() =>
                set({ route: null, type: null, status: null, from: null, to: null, result: null, overdue: null })
              }
            >
              清除筛选
            </Button>
          )}
        </Space>
      </Card>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <ResponsiveTable<ConversionSummary>
            rowKey="id"
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '没有符合条件的转化记录' }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: q.data?.total ?? 0,
              onChange: (p) => set({ page: p }),
            }}
            columns={[
              {
                title: '合同',
                key: 'title',
                render: (_, r) => <Link to={`/my/conversions/${r.id}`}>{r.contract.title}</Link>,
              },
              { title: '成果', dataIndex: 'resultTitle', render: (v: string | null) => v ?? '—' },
              institution
                ? { title: '对方', dataIndex: 'counterpartyName' }
                : { title: '科研单位', dataIndex: 'institutionName' },
              { title: '途径', dataIndex: 'route', render: (v: ConversionRoute) => CONVERSION_ROUTE_LABELS[v] },
              { title: '类型', dataIndex: 'transactionType', render: (v: ConversionType) => CONVERSION_TYPE_LABELS[v] },
              { title: '合同金额', key: 'amount', render: (_, r) => formatFen(r.contract.amountFen) },
              { title: '已收款', dataIndex: 'receivedFen', render: (v: number) => formatFen(v) },
              { title: '签订日期', key: 'signed', render: (_, r) => formatDate(r.contract.signedOn) },
              {
                title: '状态',
                key: 'status',
                render: (_, r) => (
                  <Space size={4} wrap>
                    <ContractStatusTag status={r.contract.status} />
                    {r.overdue && <Tag color="error">有逾期</Tag>}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      {institution && <ContractExports />}
    </Space>
  );
}
