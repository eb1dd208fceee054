// The conversions behind a figure: the same filters as the figure it came from (period, institution,
// unit, researcher, field, region, route), counted the same way (contract effective or completed, by
// signing month). An institution and operators open each conversion; departments read the list.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Space, Typography } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { CONVERSION_ROUTE_LABELS, CONVERSION_TYPE_LABELS } from '../../../../domain/constants/ledger.js';
import { INDUSTRY_FIELD_LABELS } from '../../../../domain/constants/listings.js';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { useAuth } from '../../auth.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { formatFen, labelOf } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import { RecordsHeading, recordFilterTags, statsTitle, type FigureRecord } from './shared.js';

const PAGE_SIZE = 20;

export default function FigureRecords() {
  const { role } = useAuth();
  const { get, getInt, set } = useUrlState();
  const page = getInt('page', 1);
  const query = {
    from: get('from') ?? '',
    to: get('to') ?? '',
    kind: get('kind'),
    organisationId: get('org'),
    orgUnitId: get('unit'),
    researcherId: get('researcher'),
    field: get('field'),
    region: get('region'),
    route: get('route'),
  };
  const q = useQuery({
    queryKey: ['stats', 'records', query, page],
    queryFn: ({ signal }) =>
      api.get<Page<FigureRecord>>('/stats/records', { ...query, page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    document.title = statsTitle('转化记录');
  }, []);
  const opens = role === 'institution' || role === 'operator';
  const tags = recordFilterTags(query, [query.kind === 'tle' ? '转让、许可、作价投资' : null]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <RecordsHeading title="转化记录" tags={tags} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        与统计同一口径：合同生效或履行完毕的转化，按合同签订日所在月份计。共 {q.data?.total ?? '…'} 项。
      </Typography.Paragraph>
      {q.error && <ErrorAlert error={q.error} />}
      <ResponsiveTable<FigureRecord>
        rowKey="conversionId"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '没有符合条件的转化记录' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: q.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) => set({ page: p }),
        }}
        columns={[
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
            : [{ title: '单位', key: 'inst', render: (_: unknown, r: FigureRecord) => r.institution.name }]),
          { title: '院系', key: 'unit', render: (_, r) => r.orgUnit ?? '—' },
          {
            title: '方式',
            key: 'type',
            render: (_, r) =>
              `${labelOf(CONVERSION_ROUTE_LABELS, r.route)} · ${labelOf(CONVERSION_TYPE_LABELS, r.transactionType)}`,
          },
          { title: '受让方/委托方', key: 'cp', dataIndex: 'counterpartyName' },
          { title: '签订日', key: 'signed', dataIndex: 'signedOn' },
          { title: '合同金额', key: 'amount', render: (_, r) => formatFen(r.amountFen) },
          { title: '领域', key: 'field', render: (_, r) => labelOf(INDUSTRY_FIELD_LABELS, r.field) },
        ]}
      />
    </Space>
  );
}
