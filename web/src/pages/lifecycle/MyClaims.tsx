// 我的摘牌: the enterprise's claims across listings, newest first, with each listing's state now;
// page in the URL.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Space, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { LISTING_STATUS_LABELS } from '../../../../domain/constants.js';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime, formatFen } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import type { Claim, ListingRef } from './types.js';

const PAGE_SIZE = 20;

type MyClaim = Claim & { listing: ListingRef };

export default function MyClaims() {
  const { getInt, set } = useUrlState();
  const page = getInt('page', 1);
  const query = { page, pageSize: PAGE_SIZE };
  const q = useQuery({
    queryKey: ['my-claims', query],
    queryFn: ({ signal }) => api.get<Page<MyClaim>>('/my/claims', query, signal),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    document.title = '我的摘牌 - 辽宁揭榜挂帅';
  }, []);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        我的摘牌
      </Typography.Title>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<MyClaim>
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '还没有摘牌，可在“成果找市场”中选择挂牌中的项目' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: q.data?.total ?? 0,
            onChange: (p) => set({ page: p }),
          }}
          columns={[
            {
              title: '项目',
              key: 'listing',
              render: (_, c) => <Link to={`/listings/${c.listing.id}`}>{c.listing.title}</Link>,
            },
            { title: '摘牌价', key: 'price', render: (_, c) => formatFen(c.priceFen) },
            { title: '摘牌时间', key: 'at', render: (_, c) => formatDateTime(c.createdAt) },
            { title: '摘牌截止', key: 'ends', render: (_, c) => formatDateTime(c.listing.listingEndsAt) },
            { title: '项目状态', key: 'status', render: (_, c) => LISTING_STATUS_LABELS[c.listing.status] },
          ]}
        />
      )}
    </Space>
  );
}
