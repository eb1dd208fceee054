// 本单位公示 (措施四): every agreed-price notice an institution has run, current and past, with its
// outcome. Public; contact details and objection texts are never shown here. Tags use solid dark
// colours: antd's light presets fall below the 4.5:1 contrast of WCAG AA.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.js';
import type { Disclosure as DisclosureData, DisclosureItem } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { formatDateTime, formatFen } from '../../format.js';
import { useUrlState } from '../../url-state.js';

const OUTCOME: Record<DisclosureItem['outcome'], { text: string; color: string }> = {
  running: { text: '公示中', color: '#0958d9' },
  objection_review: { text: '有异议，待本单位决定', color: '#ad4e00' },
  concluded: { text: '公示期满，已成交', color: '#237804' },
  listed: { text: '转入挂牌或拍卖', color: '#006d75' },
  withdrawn: { text: '已撤回', color: 'default' },
  ended: { text: '已结束', color: 'default' },
};

export default function Disclosure() {
  const { id = '' } = useParams();
  const { getInt, set } = useUrlState();
  const page = getInt('page', 1);
  const q = useQuery({
    queryKey: ['disclosure', id, page],
    queryFn: ({ signal }) => api.get<DisclosureData>(`/institutions/${id}/disclosure`, { page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
  const name = q.data?.organisation.name;
  useEffect(() => {
    document.title = `${name ? `${name} ` : ''}本单位公示 - 辽宁揭榜挂帅`;
  }, [name]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        {name ? `${name} · 本单位公示` : '本单位公示'}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        措施四：以协议定价方式转化职务科技成果的，在本单位和平台公示科技成果名称和拟交易价格，公示期不少于 15
        日。本页列出该单位在平台上的历次公示及其结果（含已结束的公示）。对公示有异议的，请在公示期内登录后在项目页面提出。
      </Typography.Paragraph>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <ResponsiveTable<DisclosureItem>
            rowKey={(r) => `${r.listingId}-${r.noticeRound}`}
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '该单位尚无协议定价公示' }}
            pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: (p) => set({ page: p }) }}
            columns={[
              {
                title: '项目',
                key: 'title',
                render: (_, r) =>
                  r.outcome === 'withdrawn' || r.outcome === 'ended' ? (
                    r.title
                  ) : (
                    <Link to={`/listings/${r.listingId}`}>{r.title}</Link>
                  ),
              },
              { title: '科技成果名称', dataIndex: 'resultTitle', render: (v: string | null) => v ?? '—' },
              {
                title: '拟交易价格',
                dataIndex: 'proposedPriceFen',
                render: (v: number | null) => (v === null ? '—' : formatFen(v)),
              },
              { title: '拟受让方', dataIndex: 'counterpartyName', render: (v: string | null) => v ?? '—' },
              {
                title: '公示期满',
                key: 'ends',
                render: (_, r) =>
                  `${formatDateTime(r.noticeEndsAt)}${r.noticeRound > 1 ? `（第 ${r.noticeRound} 次公示）` : ''}`,
              },
              {
                title: '异议',
                key: 'objections',
                render: (_, r) =>
                  r.objectionsFiled === 0
                    ? '无'
                    : `${r.objectionsFiled} 件${r.objectionsStanding ? `，${r.objectionsStanding} 件未撤回` : ''}`,
              },
              {
                title: '结果',
                key: 'outcome',
                render: (_, r) => <Tag color={OUTCOME[r.outcome].color}>{OUTCOME[r.outcome].text}</Tag>,
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
