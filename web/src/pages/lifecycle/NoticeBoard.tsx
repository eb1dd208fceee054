// 公示栏 (措施四): agreed-price listings under public notice — result name, proposed price, proposed
// counterparty and the time left to object. Anyone may read it; page number in the URL.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { INDUSTRY_FIELD_LABELS, TRANSACTION_TYPE_LABELS } from '../../../../domain/constants/listings.js';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { Countdown } from '../../components/Countdown.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime, formatFen, labelOf } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import type { NoticeBoardItem } from './types.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';

const PAGE_SIZE = 20;

export default function NoticeBoard() {
  const { getInt, set } = useUrlState();
  const page = getInt('page', 1);
  const query = { page, pageSize: PAGE_SIZE };
  const q = useQuery({
    queryKey: ['notices', query],
    queryFn: ({ signal }) => api.get<Page<NoticeBoardItem>>('/notices', query, signal),
    placeholderData: keepPreviousData,
  });

  useEffect(() => {
    document.title = '公示栏 - 辽宁揭榜挂帅';
  }, []);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        公示栏
      </Typography.Title>
      <Alert
        type="info"
        showIcon
        title="协议定价公示（措施四）"
        description="协议定价的职务科技成果须公示成果名称和拟交易价格。公示期内，已认证单位可在项目页面提出异议；有异议成立的项目转入挂牌交易，无异议的按协议价成交。"
      />
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <ResponsiveTable<NoticeBoardItem>
          rowKey="listingId"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '当前没有公示中的项目' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: q.data?.total ?? 0,
            showTotal: (n) => `共 ${n} 项`,
            onChange: (p) => set({ page: p }),
          }}
          columns={[
            {
              title: '项目 / 成果名称',
              key: 'title',
              render: (_, n) => (
                <Space orientation="vertical" size={0}>
                  <Link to={`/listings/${n.listingId}`}>{n.title}</Link>
                  {n.resultTitle && <Typography.Text type="secondary">成果：{n.resultTitle}</Typography.Text>}
                </Space>
              ),
            },
            {
              title: '发布单位',
              key: 'org',
              render: (_, n) => (
                <Link to={`/institutions/${n.organisation.id}/disclosure`} title="该单位的历次公示">
                  {n.organisation.name}
                </Link>
              ),
            },
            { title: '拟交易价格', key: 'price', render: (_, n) => formatFen(n.proposedPriceFen) },
            { title: '拟受让方', key: 'cp', render: (_, n) => n.counterpartyName ?? '—' },
            {
              title: '交易方式',
              key: 'tx',
              render: (_, n) => n.transactionTypes.map((t) => TRANSACTION_TYPE_LABELS[t]).join('、') || '—',
            },
            { title: '行业领域', key: 'field', render: (_, n) => labelOf(INDUSTRY_FIELD_LABELS, n.field) },
            {
              title: '异议',
              key: 'objections',
              render: (_, n) =>
                n.standingObjections > 0 ? <Tag color="orange">{n.standingObjections} 条异议</Tag> : <Tag>无</Tag>,
            },
            {
              title: '公示截止',
              key: 'ends',
              render: (_, n) =>
                n.noticeEndsAt ? (
                  <Space orientation="vertical" size={0}>
                    <span>{formatDateTime(n.noticeEndsAt)}</span>
                    <Countdown target={n.noticeEndsAt} size="small" onEnd={() => void q.refetch()} />
                  </Space>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}
    </Space>
  );
}
