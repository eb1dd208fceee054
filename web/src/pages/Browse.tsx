import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Select, Skeleton, Space, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import {
  DEMAND_STATUSES,
  INDUSTRY_FIELD_LABELS,
  LISTING_KIND_LABELS,
  LISTING_PHASE_LABELS,
  LISTING_PHASES,
  LISTING_STATUS_LABELS,
  PRICING_MODE_LABELS,
  PUBLIC_LISTING_STATUSES,
  SUPPLY_STATUSES,
  type ListingKind,
  type ListingPhase,
  type ListingStatus,
} from '../../../domain/constants/listings.js';
import { REGION_LABELS } from '../../../domain/constants/organisations.js';
import { api } from '../api/client.js';
import type { ListingSummary, Page } from '../api/types.js';
import { Columns } from '../components/Columns.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { ListingCard } from '../components/ListingCard.js';
import { Panel } from '../components/Panel.js';
import { optionsOf } from '../format.js';
import { useUrlState } from '../url-state.js';
import { UrlPagination, useUrlPaging } from '../components/UrlPagination.js';

const PAGE_SIZES = [12, 24, 48];

function publicStatuses(kind: ListingKind): ListingStatus[] {
  const own: readonly ListingStatus[] = kind === 'supply' ? SUPPLY_STATUSES : DEMAND_STATUSES;
  return own.filter((s) => (PUBLIC_LISTING_STATUSES as readonly ListingStatus[]).includes(s));
}

const INTRO: Record<ListingKind, string> = {
  demand: '企业发布的技术需求（发榜），科研单位可在揭榜截止前提交揭榜方案。',
  supply: '高校、科研院所和医疗卫生机构发布的职务科技成果，可通过协议定价、挂牌交易或拍卖方式转让、许可或作价投资。',
};

const selectSearch = { optionFilterProp: 'label' } as const;

/**
 * A filter's label above its field. Plain markup rather than antd's Form.Item: Form and Form.Item
 * bring their styles and antd's whole grid (Form.Item lays out with Row/Col), over 100 KB of CSS in
 * the head of this server-rendered page, for five labels (.jb-field in index.html).
 */
function FilterField({ label, id, children }: { label: string; id: string; children: ReactNode }) {
  return (
    <div className="jb-field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

export default function Browse({ kind }: { kind: ListingKind }) {
  const { get, set } = useUrlState();
  const field = get('field');
  const region = get('region');
  const status = get('status');
  // Live listings by default; 已成交/已过期 and the like only when asked for (or by their status).
  const requestedPhase = get('phase');
  const phase: ListingPhase = (LISTING_PHASES as readonly string[]).includes(requestedPhase ?? '')
    ? (requestedPhase as ListingPhase)
    : 'live';
  const pricingMode = kind === 'supply' ? get('pricingMode') : undefined;
  const { page, pageSize } = useUrlPaging(PAGE_SIZES, 12);

  const query = { kind, field, region, status, pricingMode, phase: status ? undefined : phase, page, pageSize };
  const q = useQuery({
    queryKey: ['listings', query],
    queryFn: ({ signal }) => api.get<Page<ListingSummary>>('/listings', query, signal),
    placeholderData: keepPreviousData,
  });

  useEffect(() => {
    document.title = `${LISTING_KIND_LABELS[kind]} - 辽宁揭榜挂帅`;
  }, [kind]);

  const filtered = Boolean(field || region || status || pricingMode || phase !== 'live');
  const ids = (name: string) => `browse-${kind}-${name}`;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ marginBottom: 4 }}>
          {LISTING_KIND_LABELS[kind]}
        </Typography.Title>
        <Typography.Text type="secondary">{INTRO[kind]}</Typography.Text>
      </div>

      <Panel bodyStyle={{ paddingBottom: 4 }}>
        <form role="search" aria-label="筛选项目" onSubmit={(e) => e.preventDefault()}>
          <Columns sm={2} lg={4} gap={[16, 0]}>
            <FilterField label="行业领域" id={ids('field')}>
              <Select
                style={{ width: '100%' }}
                id={ids('field')}
                allowClear
                showSearch={selectSearch}
                placeholder="全部领域"
                value={field}
                options={optionsOf(INDUSTRY_FIELD_LABELS)}
                onChange={(v) => set({ field: v })}
              />
            </FilterField>
            <FilterField label="所在地区" id={ids('region')}>
              <Select
                style={{ width: '100%' }}
                id={ids('region')}
                allowClear
                showSearch={selectSearch}
                placeholder="全省"
                value={region}
                options={optionsOf(REGION_LABELS)}
                onChange={(v) => set({ region: v })}
              />
            </FilterField>
            {kind === 'supply' && (
              <FilterField label="定价方式" id={ids('pricingMode')}>
                <Select
                  style={{ width: '100%' }}
                  id={ids('pricingMode')}
                  allowClear
                  showSearch={selectSearch}
                  placeholder="全部方式"
                  value={pricingMode}
                  options={optionsOf(PRICING_MODE_LABELS)}
                  onChange={(v) => set({ pricingMode: v })}
                />
              </FilterField>
            )}
            <FilterField label="项目阶段" id={ids('phase')}>
              <Select
                style={{ width: '100%' }}
                id={ids('phase')}
                value={status ? 'all' : phase}
                disabled={!!status}
                options={optionsOf(LISTING_PHASE_LABELS)}
                onChange={(v: ListingPhase) => set({ phase: v === 'live' ? null : v })}
              />
            </FilterField>
            <FilterField label="项目状态" id={ids('status')}>
              <Select
                style={{ width: '100%' }}
                id={ids('status')}
                allowClear
                showSearch={selectSearch}
                placeholder="全部状态"
                value={status}
                options={optionsOf(LISTING_STATUS_LABELS, publicStatuses(kind))}
                onChange={(v) => set({ status: v })}
              />
            </FilterField>
          </Columns>
          {filtered && (
            <Button
              type="link"
              style={{ padding: 0 }}
              onClick={() => set({ field: null, region: null, status: null, pricingMode: null, phase: null })}
            >
              清除筛选条件
            </Button>
          )}
        </form>
      </Panel>

      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <>
          <Typography.Text type="secondary" aria-live="polite">
            共 {q.data.total} 个项目
          </Typography.Text>
          {q.data.items.length === 0 ? (
            <Panel>
              <Empty
                description={
                  filtered ? '没有符合筛选条件的项目' : '暂无进行中的项目，可在“项目阶段”中选择查看已结束的项目'
                }
              />
            </Panel>
          ) : (
            <Columns md={2} xl={3} style={{ opacity: q.isPlaceholderData ? 0.6 : 1 }}>
              {q.data.items.map((l) => (
                <ListingCard key={l.id} listing={l} />
              ))}
            </Columns>
          )}
          <UrlPagination
            style={{ textAlign: 'center' }}
            sizes={PAGE_SIZES}
            page={page}
            pageSize={pageSize}
            total={q.data.total}
          />
        </>
      )}
    </Space>
  );
}
