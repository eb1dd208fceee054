// 搜索结果: keyword, facet sidebar with counts, price range, sort and pagination — every choice in
// the URL (url-state.ts), so a reload, a shared link or the back button shows the same results.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Empty, Grid, Input, Select, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import { Columns } from '../../components/Columns.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { wanToFen } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import {
  FACET_NAMES,
  MAX_QUERY_LENGTH,
  MAX_RESULT_WINDOW,
  type FacetName,
  type SearchResult,
  type SearchSort,
} from './api.js';
import { HitItem } from './HitItem.js';
import { FacetGroup, PriceRange } from './SearchFilters.js';
import { UrlPagination, useUrlPaging } from '../../components/UrlPagination.js';

const PAGE_SIZES = [10, 20, 50];

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
  const clearedFilters = { ...Object.fromEntries(FACET_NAMES.map((f) => [f, null])), min: null, max: null };
  const clearAll = () => set(clearedFilters);

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
        <Typography.Title level={1} style={{ marginBottom: 12 }}>
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

      <Columns md={[7, 17]} lg={[6, 18]}>
        <div>
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
        </div>
        <div>
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
                description={
                  r.data.empty ? (
                    <div aria-label="无结果说明">
                      <Typography.Paragraph>{r.data.empty.reason}</Typography.Paragraph>
                      {r.data.empty.alternatives.length > 0 && (
                        <Space wrap>
                          <Typography.Text type="secondary">可以试试：</Typography.Text>
                          {r.data.empty.alternatives.map((a) => (
                            <Button
                              key={`${a.q}-${a.hint}`}
                              type="link"
                              onClick={() =>
                                a.clearFilters ? set({ ...clearedFilters, inPool: null, q: a.q }) : set({ q: a.q })
                              }
                            >
                              {a.hint}：{a.q}（{a.total} 项）
                            </Button>
                          ))}
                        </Space>
                      )}
                    </div>
                  ) : q || filtered ? (
                    '没有找到相关项目，请尝试更换关键词或减少筛选条件'
                  ) : (
                    '暂无公开项目'
                  )
                }
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
        </div>
      </Columns>
    </Space>
  );
}
