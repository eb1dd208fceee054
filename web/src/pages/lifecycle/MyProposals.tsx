// 我的揭榜: the institution's proposals across demands, newest first; page in the URL.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Table, Tag, Typography, Space } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { LISTING_STATUS_LABELS, PROPOSAL_STATUS_LABELS } from '../../../../domain/constants.js';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime, formatFen } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import type { MyProposal } from './types.js';

const PAGE_SIZE = 20;

function landing(p: MyProposal): string {
  if (p.status !== 'awarded') return '—';
  if (p.enterpriseConfirmedAt && p.institutionConfirmedAt) return '双方已确认落地';
  if (p.institutionConfirmedAt) return '待需求企业确认';
  if (p.enterpriseConfirmedAt) return '待本单位确认';
  return '双方均未确认';
}

export default function MyProposals() {
  const { getInt, set } = useUrlState();
  const page = getInt('page', 1);
  const query = { page, pageSize: PAGE_SIZE };
  const q = useQuery({
    queryKey: ['my-proposals', query],
    queryFn: ({ signal }) => api.get<Page<MyProposal>>('/my/proposals', query, signal),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    document.title = '我的揭榜 - 辽宁揭榜挂帅';
  }, []);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        我的揭榜
      </Typography.Title>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<MyProposal>
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '还没有提交揭榜方案，可在“企业找技术”中选择需求揭榜' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: q.data?.total ?? 0,
            onChange: (p) => set({ page: p }),
          }}
          columns={[
            {
              title: '需求',
              key: 'listing',
              render: (_, p) => <Link to={`/listings/${p.listing.id}`}>{p.listing.title}</Link>,
            },
            { title: '需求状态', key: 'ls', render: (_, p) => LISTING_STATUS_LABELS[p.listing.status] },
            { title: '揭榜截止', key: 'deadline', render: (_, p) => formatDateTime(p.listing.deadline) },
            { title: '报价', key: 'quote', render: (_, p) => formatFen(p.quoteFen) },
            {
              title: '方案状态',
              key: 'status',
              render: (_, p) => (
                <Tag color={p.status === 'awarded' ? 'green' : undefined}>{PROPOSAL_STATUS_LABELS[p.status]}</Tag>
              ),
            },
            { title: '落地确认', key: 'landing', render: (_, p) => landing(p) },
            { title: '提交时间', key: 'at', render: (_, p) => formatDateTime(p.createdAt) },
          ]}
        />
      )}
    </Space>
  );
}
