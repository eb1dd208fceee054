// 搜索结果: keyword, facet sidebar with counts, price range, sort and pagination — every choice in
// the URL (url-state.ts), so a reload, a shared link or the back button shows the same results.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  Col,
  Empty,
  Grid,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import {
  INDUSTRY_FIELD_LABELS,
  LISTING_KIND_LABELS,
  LISTING_STATUS_LABELS,
  PRICING_MODE_LABELS,
  TRANSACTION_TYPE_LABELS,
} from '../../../../domain/constants/listings.js';
import { MATURITY_LABELS } from '../../../../domain/constants/results.js';
import { REGION_LABELS } from '../../../../domain/constants/organisations.js';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { ListingStatusTag } from '../../components/StatusTag.js';
import { fenToWan, formatDateTime, formatFen, labelOf, wanToFen } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import {
  FACET_NAMES,
  MAX_QUERY_LENGTH,
  MAX_RESULT_WINDOW,
  type FacetName,
  type SearchHit,
  type SearchResult,
  type SearchSort,
} from './api.js';
import { Highlight } from './Highlight.js';
import { UrlPagination, useUrlPaging } from '../../components/UrlPagination.js';

const PAGE_SIZES = [10, 20, 50];

const FACET_TITLES: Record<FacetName, string> = {
  kind: '项目类型',
  field: '行业领域',
  region: '所在地区',
  pricingMode: '定价方式',
  status: '项目状态',
  transactionType: '交易方式',
  maturity: '成果成熟度',
};

const FACET_LABELS: Record<FacetName, Record<string, string>> = {
  kind: LISTING_KIND_LABELS,
  field: INDUSTRY_FIELD_LABELS,
  region: REGION_LABELS,
  pricingMode: PRICING_MODE_LABELS,
  status: LISTING_STATUS_LABELS,
  transactionType: TRANSACTION_TYPE_LABELS,
  maturity: MATURITY_LABELS,
};

const SORT_OPTIONS: Array<{ value: SearchSort; label: string }> = [
  { value: 'relevance', label: '按相关度' },
  { value: 'newest', label: '最新发布' },
  { value: 'price', label: '价格/榜额从低到高' },
  { value: 'deadline', label: '揭榜截止最近' },
];

/** A URL value in 万元 (what users type) → the api's 分; anything else is ignored. */
function wanParam(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? (wanToFen(n) ?? undefined) : undefined;
}

function FacetGroup({
  name,
  counts,
  selected,
  onSelect,
}: {
  name: FacetName;
  counts: SearchResult['facets'][FacetName];
  selected: string | undefined;
  onSelect: (value: string | null) => void;
}) {
  // The chosen value stays visible (with its count, or 0) so it can be cleared where it was chosen.
  const values =
    selected && !counts.some((c) => c.value === selected) ? [...counts, { value: selected, count: 0 }] : counts;
  if (values.length === 0) return null;
  const headingId = `facet-${name}`;
  return (
    <div role="group" aria-labelledby={headingId} style={{ marginBottom: 16 }}>
      <h3 id={headingId} style={{ fontSize: 14, margin: '0 0 6px', color: 'rgba(0,0,0,0.65)' }}>
        {FACET_TITLES[name]}
      </h3>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {values.map((c) => {
          const active = c.value === selected;
          const label = labelOf(FACET_LABELS[name], c.value);
          return (
            <li key={c.value}>
              <button
                type="button"
                className="facet-option"
                aria-pressed={active}
                onClick={() => onSelect(active ? null : c.value)}
                style={{
                  display: 'flex',
                  width: '100%',
                  justifyContent: 'space-between',
                  border: 0,
                  background: active ? '#e8f0fb' : 'transparent',
                  color: active ? '#1554ad' : 'inherit',
                  fontWeight: active ? 600 : 400,
                  padding: '3px 8px',
                  borderRadius: 4,
                  cursor: 'pointer',
                  textAlign: 'left',
                }}
              >
                <span>{label}</span>
                <span style={{ color: 'rgba(0,0,0,0.45)' }}>{c.count}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function PriceRange({
  min,
  max,
  onApply,
}: {
  min: number | undefined;
  max: number | undefined;
  onApply: (min: number | null, max: number | null) => void;
}) {
  const [lo, setLo] = useState<number | null>(fenToWan(min));
  const [hi, setHi] = useState<number | null>(fenToWan(max));
  useEffect(() => {
    setLo(fenToWan(min));
    setHi(fenToWan(max));
  }, [min, max]);
  const invalid = lo !== null && hi !== null && lo > hi;
  return (
    <div role="group" aria-labelledby="facet-price" style={{ marginBottom: 16 }}>
      <h3 id="facet-price" style={{ fontSize: 14, margin: '0 0 6px', color: 'rgba(0,0,0,0.65)' }}>
        价格/榜额（万元）
      </h3>
      <Space.Compact style={{ width: '100%' }}>
        <InputNumber aria-label="最低（万元）" placeholder="最低" min={0} value={lo} onChange={(v) => setLo(v)} />
        <InputNumber aria-label="最高（万元）" placeholder="最高" min={0} value={hi} onChange={(v) => setHi(v)} />
        <Button disabled={invalid} onClick={() => onApply(lo, hi)}>
          确定
        </Button>
      </Space.Compact>
      {invalid && <Typography.Text type="danger">最低金额不能高于最高金额</Typography.Text>}
    </div>
  );
}

function HitItem({ hit }: { hit: SearchHit }) {
  const priceLabel = hit.kind === 'demand' ? '榜额' : '价格';
  return (
    <li style={{ padding: '14px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Space wrap size={4} style={{ marginBottom: 4 }}>
        <Tag color={hit.kind === 'demand' ? 'volcano' : 'geekblue'}>{LISTING_KIND_LABELS[hit.kind]}</Tag>
        <ListingStatusTag status={hit.status} />
        <Tag>{labelOf(INDUSTRY_FIELD_LABELS, hit.field)}</Tag>
        <Tag>{labelOf(REGION_LABELS, hit.region)}</Tag>
        {hit.pricingMode && <Tag color="geekblue">{PRICING_MODE_LABELS[hit.pricingMode]}</Tag>}
        {hit.inPool && <Tag color="green">先用后付</Tag>}
      </Space>
      <h3 style={{ margin: '2px 0 4px', fontSize: 16, fontWeight: 600 }}>
        <Link to={`/listings/${hit.id}`}>
          <Highlight segments={hit.highlights.title} />
        </Link>
      </h3>
      <Typography.Paragraph type="secondary" style={{ margin: '0 0 4px' }}>
        <Highlight segments={hit.highlights.summary} />
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {hit.organisationName} · {priceLabel} {formatFen(hit.priceFen)}
        {hit.deadline ? ` · 揭榜截止 ${formatDateTime(hit.deadline)}` : ''}
        {hit.publishedAt ? ` · 发布于 ${formatDateTime(hit.publishedAt)}` : ''}
      </Typography.Text>
    </li>
  );
}

export default function SearchPage() {
  const { get, set } = useUrlState();
  // Before the first measurement every breakpoint is unknown; assume a desktop.
  const narrow = Grid.useBreakpoint().md === false;
  const q = get('q') ?? '';
  const filters = Object.fromEntries(FACET_NAMES.map((f) => [f, get(f)])) as Record<FacetName, string | undefined>;
  const inPool = get('inPool') === 'true' ? true : undefined;
  const min = wanParam(get('min'));
  const max = wanParam(get('max'));
  const sortParam = get('sort');
  const sort = SORT_OPTIONS.some((o) => o.value === sortParam) ? (sortParam as SearchSort) : undefined;
  const { page, pageSize } = useUrlPaging(PAGE_SIZES, 20);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const query = { q: q || undefined, ...filters, inPool, min, max, sort, page, pageSize };
  const r = useQuery({
    queryKey: ['search', query],
    queryFn: ({ signal }) => api.get<SearchResult>('/search', query, signal),
    placeholderData: keepPreviousData,
  });

  useEffect(() => {
    document.title = `${q ? `${q} - ` : ''}搜索 - 辽宁揭榜挂帅`;
  }, [q]);

  const filtered = FACET_NAMES.some((f) => filters[f]) || min !== undefined || max !== undefined;
  const clearAll = () => set({ ...Object.fromEntries(FACET_NAMES.map((f) => [f, null])), min: null, max: null });

  const activeCount =
    FACET_NAMES.filter((f) => filters[f]).length + (inPool ? 1 : 0) + (min !== undefined || max !== undefined ? 1 : 0);
  const sidebar = (
    <nav aria-label="分面筛选">
      {r.data &&
        FACET_NAMES.map((f) => (
          <FacetGroup
            key={f}
            name={f}
            counts={r.data.facets[f]}
            selected={filters[f]}
            onSelect={(v) => set({ [f]: v })}
          />
        ))}
      <Checkbox
        style={{ marginBottom: 16 }}
        checked={inPool === true}
        onChange={(e) => set({ inPool: e.target.checked ? 'true' : null })}
      >
        仅看先用后付成果池
      </Checkbox>
      <PriceRange
        min={min}
        max={max}
        onApply={(lo, hi) => set({ min: lo === null ? null : lo, max: hi === null ? null : hi })}
      />
      {filtered && (
        <Button type="link" style={{ padding: 0 }} onClick={clearAll}>
          清除筛选条件
        </Button>
      )}
    </nav>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={2} style={{ marginBottom: 12 }}>
          搜索项目
        </Typography.Title>
        <form
          role="search"
          aria-label="搜索项目"
          onSubmit={(e) => {
            e.preventDefault();
            set({ q: text.trim() || null });
          }}
        >
          <Space.Compact style={{ width: '100%', maxWidth: 720 }}>
            <Input
              aria-label="搜索关键词"
              placeholder="输入技术关键词、成果名称、专利号或单位名称"
              value={text}
              maxLength={MAX_QUERY_LENGTH}
              allowClear
              onChange={(e) => setText(e.target.value)}
            />
            <Button type="primary" htmlType="submit">
              搜索
            </Button>
          </Space.Compact>
        </form>
      </div>

      <Row gutter={[16, 16]}>
        <Col xs={24} md={7} lg={6}>
          {narrow ? (
            // On a phone the sidebar would push every result below the fold: it folds away.
            <details style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 8, padding: '10px 16px' }}>
              <summary style={{ cursor: 'pointer', fontWeight: 600 }}>
                筛选{activeCount > 0 ? `（已选 ${activeCount} 项）` : ''}
              </summary>
              <div style={{ paddingTop: 8 }}>{sidebar}</div>
            </details>
          ) : (
            <Panel title="筛选" headingLevel={2} bodyStyle={{ paddingTop: 8 }}>
              {sidebar}
            </Panel>
          )}
        </Col>
        <Col xs={24} md={17} lg={18}>
          <Panel bodyStyle={{ paddingTop: 8 }}>
            <div
              style={{
                display: 'flex',
                justifyContent: 'space-between',
                alignItems: 'center',
                flexWrap: 'wrap',
                gap: 8,
              }}
            >
              <Typography.Text type="secondary" aria-live="polite">
                {r.data ? `共 ${r.data.total} 个项目${q ? `与“${q}”相关` : ''}` : ' '}
              </Typography.Text>
              <Select
                aria-label="排序方式"
                style={{ width: 180 }}
                value={sort && (q || sort !== 'relevance') ? sort : q ? 'relevance' : 'newest'}
                options={q ? SORT_OPTIONS : SORT_OPTIONS.filter((o) => o.value !== 'relevance')}
                onChange={(v) => set({ sort: v })}
              />
            </div>
            {r.isError ? (
              <ErrorAlert error={r.error} onRetry={() => r.refetch()} />
            ) : r.isPending ? (
              <Skeleton active paragraph={{ rows: 8 }} />
            ) : r.data.hits.length === 0 ? (
              <Empty
                style={{ margin: '32px 0' }}
                description={q || filtered ? '没有找到相关项目，请尝试更换关键词或减少筛选条件' : '暂无公开项目'}
              />
            ) : (
              <ul
                aria-label="搜索结果"
                style={{ listStyle: 'none', margin: 0, padding: 0, opacity: r.isPlaceholderData ? 0.6 : 1 }}
              >
                {r.data.hits.map((h) => (
                  <HitItem key={h.id} hit={h} />
                ))}
              </ul>
            )}
            {r.data && (
              <UrlPagination
                style={{ marginTop: 16 }}
                sizes={PAGE_SIZES}
                page={page}
                pageSize={pageSize}
                // No page may reach past the result window (deep pages are refused by the api).
                total={Math.min(r.data.total, MAX_RESULT_WINDOW)}
              />
            )}
          </Panel>
        </Col>
      </Row>
    </Space>
  );
}
