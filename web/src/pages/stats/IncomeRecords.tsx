// The payments behind an income figure (措施二: income received, by receipt day): the same filters
// as the figure it came from (period, institution, unit, researcher, field, region, route), summed
// the same way, with the sum over all pages beside the list so it can be read against the figure.
// An institution and operators open each payment's conversion; departments read the list.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Space, Typography } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { CONVERSION_ROUTE_LABELS, CONVERSION_TYPE_LABELS } from '../../../../domain/constants/ledger.js';
import { INDUSTRY_FIELD_LABELS } from '../../../../domain/constants/listings.js';
import { api } from '../../api/client.js';
import { useAuth } from '../../auth.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { formatFen, labelOf } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import { RecordsHeading, recordFilterTags, statsTitle, type IncomeRecord, type IncomeRecordPage } from './shared.js';

const PAGE_SIZE = 20;

export default function IncomeRecords() {
  const { role } = useAuth();
  const { get, getInt, set } = useUrlState();
  const page = getInt('page', 1);
  const query = {
    from: get('from') ?? '',
    to: get('to') ?? '',
    organisationId: get('org'),
    orgUnitId: get('unit'),
    researcherId: get('researcher'),
    field: get('field'),
    region: get('region'),
    route: get('route'),
  };
  const q = useQuery({
    queryKey: ['stats', 'records', 'income', query, page],
    queryFn: ({ signal }) =>
      api.get<IncomeRecordPage>('/stats/records/income', { ...query, page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    document.title = statsTitle('收款记录');
  }, []);
  const opens = role === 'institution' || role === 'operator';
  const tags = recordFilterTags(query);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <RecordsHeading title="收款记录" tags={tags} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        与统计同一口径：单位实际收到的转化款项，按到账日所在月份计。共 {q.data?.total ?? '…'} 笔，合计{' '}
        <Typography.Text strong>{q.data ? formatFen(q.data.sumFen) : '…'}</Typography.Text>。
      </Typography.Paragraph>
      {q.error && <ErrorAlert error={q.error} />}
      <ResponsiveTable<IncomeRecord>
        rowKey="paymentId"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '没有符合条件的收款记录' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: q.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) => set({ page: p }),
        }}
        columns={[
          { title: '到账日', key: 'received', dataIndex: 'receivedOn' },
          { title: '金额', key: 'amount', render: (_, r) => formatFen(r.amountFen) },
          {
            title: '成果',
            key: 'result',
            render: (_, r) =>
              opens ? (
                <Link to={`/my/conversions/${r.conversionId}`}>{r.resultTitle ?? '（揭榜项目）'}</Link>
              ) : (
                (r.resultTitle ?? '（揭榜项目）')
              ),
          },
          ...(role === 'institution'
            ? []
            : [{ title: '单位', key: 'inst', render: (_: unknown, r: IncomeRecord) => r.institution.name }]),
          { title: '院系', key: 'unit', render: (_, r) => r.orgUnit ?? '—' },
          {
            title: '方式',
            key: 'type',
            render: (_, r) =>
              `${labelOf(CONVERSION_ROUTE_LABELS, r.route)} · ${labelOf(CONVERSION_TYPE_LABELS, r.transactionType)}`,
          },
          { title: '受让方/委托方', key: 'cp', dataIndex: 'counterpartyName' },
          { title: '领域', key: 'field', render: (_, r) => labelOf(INDUSTRY_FIELD_LABELS, r.field) },
        ]}
      />
    </Space>
  );
}
