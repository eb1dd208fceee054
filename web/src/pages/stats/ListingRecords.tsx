// The records behind the listing figures: listings published (by kind and pricing mode), objections
// filed during notice, claims (摘牌), closed auctions — with the figure's filters (period, institution,
// unit, field, region) and counted the same way (by the event's month, Beijing time). Each opens its
// listing's public page; who objected or claimed is not shown (the figures count them, no more).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { OBJECTION_STATUS_LABELS } from '../../../../domain/constants/lifecycle.js';
import {
  INDUSTRY_FIELD_LABELS,
  LISTING_KIND_LABELS,
  PRICING_MODE_LABELS,
} from '../../../../domain/constants/listings.js';
import { REGION_LABELS } from '../../../../domain/constants/organisations.js';
import { api } from '../../api/client.js';
import { useAuth } from '../../auth.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { formatFen, labelOf } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import { RecordsHeading, recordFilterTags, statsTitle, type ListingRecord, type ListingRecordPage } from './shared.js';

const PAGE_SIZE = 20;

const EVENTS = {
  published: { label: '发布的项目', day: '发布日', rule: '按发布（公示或挂牌）时间所在月份计' },
  objection: { label: '公示异议', day: '提出日', rule: '按异议提出时间所在月份计（含撤回、驳回）' },
  claim: { label: '摘牌', day: '摘牌日', rule: '按摘牌时间所在月份计' },
  auction: { label: '结束的拍卖', day: '结束日', rule: '按拍卖结束时间所在月份计（不含被下架的拍卖）' },
} as const;
type Event = keyof typeof EVENTS;

const OUTCOMES: Record<string, string> = { ...OBJECTION_STATUS_LABELS, sold: '成交', unsold: '流拍' };

export default function ListingRecords() {
  const { role } = useAuth();
  const { get, getInt, set } = useUrlState();
  const page = getInt('page', 1);
  const raw = get('event');
  const event: Event = raw && raw in EVENTS ? (raw as Event) : 'published';
  const query = {
    from: get('from') ?? '',
    to: get('to') ?? '',
    event,
    organisationId: get('org'),
    orgUnitId: get('unit'),
    field: get('field'),
    region: get('region'),
    kind: get('kind'),
    pricingMode: get('mode'),
    outcome: get('outcome'),
  };
  const q = useQuery({
    queryKey: ['stats', 'records', 'listings', query, page],
    queryFn: ({ signal }) =>
      api.get<ListingRecordPage>('/stats/records/listings', { ...query, page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    document.title = statsTitle('项目记录');
  }, []);
  const tags = recordFilterTags(query);
  const outcomes =
    event === 'objection' ? Object.keys(OBJECTION_STATUS_LABELS) : event === 'auction' ? ['sold', 'unsold'] : [];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <RecordsHeading title="项目记录" tags={tags} />
      <Space wrap>
        <Select
          aria-label="记录类型"
          value={event}
          onChange={(v: Event) => set({ event: v, outcome: null, page: null })}
          options={Object.entries(EVENTS).map(([value, e]) => ({ value, label: e.label }))}
        />
        <Select
          aria-label="项目类型"
          allowClear
          placeholder="全部项目类型"
          style={{ minWidth: 140 }}
          value={query.kind}
          onChange={(v: string | undefined) => set({ kind: v ?? null, page: null })}
          options={Object.entries(LISTING_KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <Select
          aria-label="定价方式"
          allowClear
          placeholder="全部定价方式"
          style={{ minWidth: 140 }}
          value={query.pricingMode}
          onChange={(v: string | undefined) => set({ mode: v ?? null, page: null })}
          options={Object.entries(PRICING_MODE_LABELS).map(([value, label]) => ({ value, label }))}
        />
        {outcomes.length > 0 && (
          <Select
            aria-label="结果"
            allowClear
            placeholder="全部结果"
            style={{ minWidth: 120 }}
            value={query.outcome}
            onChange={(v: string | undefined) => set({ outcome: v ?? null, page: null })}
            options={outcomes.map((value) => ({ value, label: OUTCOMES[value] ?? value }))}
          />
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        与统计同一口径：{EVENTS[event].rule}。共 {q.data?.total ?? '…'} 项
        {event === 'auction' && q.data ? `，成交价合计 ${formatFen(q.data.sumFen)}` : ''}。
      </Typography.Paragraph>
      {q.error && <ErrorAlert error={q.error} />}
      <ResponsiveTable<ListingRecord>
        rowKey="eventId"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '没有符合条件的记录' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: q.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) => set({ page: p }),
        }}
        columns={[
          { title: '项目', key: 'title', render: (_, r) => <Link to={`/listings/${r.listingId}`}>{r.title}</Link> },
          ...(role === 'institution' || role === 'enterprise'
            ? []
            : [{ title: '单位', key: 'org', render: (_: unknown, r: ListingRecord) => r.organisation.name }]),
          {
            title: '类型',
            key: 'kind',
            render: (_, r) =>
              r.pricingMode
                ? `${LISTING_KIND_LABELS[r.kind]} · ${PRICING_MODE_LABELS[r.pricingMode]}`
                : LISTING_KIND_LABELS[r.kind],
          },
          { title: EVENTS[event].day, key: 'on', dataIndex: 'on' },
          ...(outcomes.length > 0
            ? [
                {
                  title: '结果',
                  key: 'outcome',
                  render: (_: unknown, r: ListingRecord) => labelOf(OUTCOMES, r.outcome),
                },
              ]
            : []),
          ...(event === 'auction'
            ? [
                {
                  title: '成交价（起拍价）',
                  key: 'price',
                  render: (_: unknown, r: ListingRecord) =>
                    r.amountFen === null ? '—' : `${formatFen(r.amountFen)}（${formatFen(r.startPriceFen)}）`,
                },
              ]
            : []),
          { title: '领域', key: 'field', render: (_, r) => labelOf(INDUSTRY_FIELD_LABELS, r.field) },
          { title: '地区', key: 'region', render: (_, r) => labelOf(REGION_LABELS, r.region) },
        ]}
      />
    </Space>
  );
}
