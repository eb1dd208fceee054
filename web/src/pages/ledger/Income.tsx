// 措施二 (收益全部留归本单位): the institution's conversion income, computed by the api from received
// payments only, per month, quarter or year and per result.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Segmented, Space, Statistic, Typography } from 'antd';
import { useEffect } from 'react';
import { INCOME_GRANULARITIES, type IncomeGranularity } from '../../../../domain/ledger-money.js';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { dayjs, formatFen } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import { ledgerTitle } from './shared.js';
import type { IncomeReport } from './types.js';

const GRANULARITY_LABELS: Record<IncomeGranularity, string> = { month: '按月', quarter: '按季度', year: '按年' };

type PeriodRow = IncomeReport['periods'][number];
type ResultRow = IncomeReport['byResult'][number];

export default function Income() {
  const { get, set } = useUrlState();
  const g = get('by');
  const granularity: IncomeGranularity = (INCOME_GRANULARITIES as readonly string[]).includes(g ?? '')
    ? (g as IncomeGranularity)
    : 'month';
  const from = get('from');
  const to = get('to');
  const q = useQuery({
    queryKey: ['ledger', 'income', granularity, from, to],
    queryFn: ({ signal }) => api.get<IncomeReport>('/ledger/income', { granularity, from, to }, signal),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    document.title = ledgerTitle('转化收入');
  }, []);
  const max = Math.max(1, ...(q.data?.periods ?? []).map((p) => p.incomeFen));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        转化收入
      </Typography.Title>
      <Typography.Text type="secondary">
        按实际登记的收款计算，收益全部留归本单位（措施二）。合同金额和未到账款项不计入。
      </Typography.Text>
      <Card size="small">
        <Space wrap size={[12, 12]}>
          <Segmented<IncomeGranularity>
            aria-label="汇总方式"
            value={granularity}
            onChange={(v) => set({ by: v === 'month' ? null : v })}
            options={INCOME_GRANULARITIES.map((v) => ({ value: v, label: GRANULARITY_LABELS[v] }))}
          />
          <DatePicker
            aria-label="收款日期自"
            placeholder="收款日期自"
            value={from ? dayjs(from) : null}
            onChange={(d) => set({ from: d ? d.format('YYYY-MM-DD') : null })}
          />
          <DatePicker
            aria-label="收款日期至"
            placeholder="收款日期至"
            value={to ? dayjs(to) : null}
            onChange={(d) => set({ to: d ? d.format('YYYY-MM-DD') : null })}
          />
        </Space>
      </Card>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <Card size="small">
            <Statistic title="转化收入合计" value={q.data ? formatFen(q.data.totalFen) : '—'} loading={q.isPending} />
          </Card>
          <Card size="small" title={<h2 style={{ margin: 0, fontSize: 16 }}>各期收入</h2>}>
            <ResponsiveTable<PeriodRow>
              rowKey="period"
              size="small"
              loading={q.isFetching}
              dataSource={q.data?.periods ?? []}
              pagination={false}
              aria-label="各期收入"
              locale={{ emptyText: '该期间没有收款' }}
              columns={[
                { title: '期间', dataIndex: 'period' },
                { title: '收入', dataIndex: 'incomeFen', render: (v: number) => formatFen(v) },
                { title: '收款笔数', dataIndex: 'payments' },
                {
                  title: '占比',
                  key: 'bar',
                  render: (_, p) => (
                    <div
                      aria-hidden
                      style={{
                        background: '#1554ad',
                        height: 10,
                        borderRadius: 2,
                        width: `${Math.max(2, (p.incomeFen / max) * 160)}px`,
                      }}
                    />
                  ),
                },
              ]}
            />
          </Card>
          <Card size="small" title={<h2 style={{ margin: 0, fontSize: 16 }}>按成果</h2>}>
            <ResponsiveTable<ResultRow>
              rowKey={(r) => r.resultId ?? 'none'}
              size="small"
              loading={q.isFetching}
              dataSource={q.data?.byResult ?? []}
              pagination={false}
              aria-label="按成果的收入"
              locale={{ emptyText: '该期间没有收款' }}
              columns={[
                { title: '成果', dataIndex: 'title', render: (v: string | null) => v ?? '（无对应成果）' },
                { title: '收入', dataIndex: 'incomeFen', render: (v: number) => formatFen(v) },
                { title: '收款笔数', dataIndex: 'payments' },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
