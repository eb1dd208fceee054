// The pay-later pool (先用后付成果池, 措施五): results whose IP has been held three years without
// conversion, and those institutions added themselves. Filter by field, region and keyword.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Form, Input, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { INDUSTRY_FIELD_LABELS } from '../../../../domain/constants/listings.js';
import { MATURITY_LABELS } from '../../../../domain/constants/results.js';
import { POOL_REASON_LABELS } from '../../../../domain/constants/pool.js';
import { REGION_LABELS } from '../../../../domain/constants/organisations.js';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { useAuth } from '../../auth.js';
import { Columns } from '../../components/Columns.js';
import { ButtonLink } from '../../components/ButtonLink.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { formatDate, labelOf, optionsOf } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import type { PoolItem } from './types.js';
import { UrlPagination, useUrlPaging } from '../../components/UrlPagination.js';

const PAGE_SIZES = [12, 24, 48];
const selectSearch = { optionFilterProp: 'label' } as const;

/** Enterprises (and visitors, who are asked to sign in) may apply; institutions and operators may not. */
export function canApply(role: string | null): boolean {
  return role === null || role === 'enterprise';
}

function PoolCard({ item, applicable }: { item: PoolItem; applicable: boolean }) {
  return (
    <Panel style={{ height: '100%' }} bodyStyle={{ padding: 14 }}>
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Tag color={item.reason === 'auto_3y' ? 'blue' : 'cyan'}>{POOL_REASON_LABELS[item.reason]}</Tag>
          <Tag>{labelOf(INDUSTRY_FIELD_LABELS, item.field)}</Tag>
          <Tag>{labelOf(MATURITY_LABELS, item.maturity)}</Tag>
        </Space>
        <h3 style={{ margin: 0, fontSize: 16, fontWeight: 600 }}>
          <Link to={`/pool/results/${item.resultId}`}>{item.title}</Link>
        </h3>
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
          {item.summary}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {item.institution.name}
          {item.institution.region ? ` · ${REGION_LABELS[item.institution.region]}` : ''}
          {item.firstGrantDate ? ` · 最早授权 ${formatDate(item.firstGrantDate)}` : ''}
        </Typography.Text>
        {applicable && (
          <ButtonLink
            type="primary"
            size="small"
            to={`/pool/results/${item.resultId}/apply`}
            aria-label={`申请先用后付：${item.title}`}
          >
            申请先用后付
          </ButtonLink>
        )}
      </Space>
    </Panel>
  );
}

export default function PoolBrowse() {
  const { role } = useAuth();
  const { get, set } = useUrlState();
  const field = get('field');
  const region = get('region');
  const keyword = get('keyword');
  const { page, pageSize } = useUrlPaging(PAGE_SIZES, 12);
  const [typed, setTyped] = useState(keyword ?? '');
  useEffect(() => setTyped(keyword ?? ''), [keyword]);

  const query = { field, region, keyword, page, pageSize };
  const q = useQuery({
    queryKey: ['pool', query],
    queryFn: ({ signal }) => api.get<Page<PoolItem>>('/pool', query, signal),
    placeholderData: keepPreviousData,
  });

  useEffect(() => {
    document.title = '先用后付成果池 - 辽宁揭榜挂帅';
  }, []);

  const filtered = Boolean(field || region || keyword);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Title level={1} style={{ marginBottom: 4 }}>
            先用后付成果池
          </Typography.Title>
          <Space wrap>
            <Link to="/pool/editions">历次发布与下载</Link>
            <a href="/api/v1/pool/editions.atom" type="application/atom+xml">
              订阅（Atom）
            </a>
          </Space>
        </Space>
        <Typography.Text type="secondary">
          依据措施五，取得知识产权三年以上未实现转化的职务科技成果原则上纳入成果池；中小微企业可申请“先使用后付费”许可，与科研单位约定许可费用、支付时间和支付条件。涉及国家利益或涉密的成果不纳入（措施十五）。
        </Typography.Text>
      </div>

      <Panel>
        <Form layout="vertical" role="search" aria-label="筛选成果池">
          <Columns md={[10, 7, 7]} gap={[16, 0]}>
            <Form.Item label="关键词" htmlFor="pool-keyword" style={{ marginBottom: 12 }}>
              <Input.Search
                id="pool-keyword"
                allowClear
                maxLength={50}
                placeholder="成果名称或摘要中的词"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                onSearch={(v) => set({ keyword: v.trim() || null })}
                enterButton="搜索"
              />
            </Form.Item>
            <Form.Item label="行业领域" htmlFor="pool-field" style={{ marginBottom: 12 }}>
              <Select
                id="pool-field"
                allowClear
                showSearch={selectSearch}
                placeholder="全部领域"
                value={field}
                options={optionsOf(INDUSTRY_FIELD_LABELS)}
                onChange={(v) => set({ field: v })}
              />
            </Form.Item>
            <Form.Item label="科研单位所在地区" htmlFor="pool-region" style={{ marginBottom: 12 }}>
              <Select
                id="pool-region"
                allowClear
                showSearch={selectSearch}
                placeholder="全省"
                value={region}
                options={optionsOf(REGION_LABELS)}
                onChange={(v) => set({ region: v })}
              />
            </Form.Item>
          </Columns>
          {filtered && (
            <Button
              type="link"
              style={{ padding: 0 }}
              onClick={() => set({ field: null, region: null, keyword: null })}
            >
              清除筛选条件
            </Button>
          )}
        </Form>
      </Panel>

      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <>
          <Typography.Text type="secondary" aria-live="polite">
            共 {q.data.total} 项在池成果
          </Typography.Text>
          {q.data.items.length === 0 ? (
            <Panel>
              <Empty description={filtered ? '没有符合筛选条件的成果' : '成果池暂无成果'} />
            </Panel>
          ) : (
            <Columns md={2} xl={3} style={{ opacity: q.isPlaceholderData ? 0.6 : 1 }}>
              {q.data.items.map((item) => (
                <PoolCard key={item.resultId} item={item} applicable={canApply(role)} />
              ))}
            </Columns>
          )}
          <UrlPagination sizes={PAGE_SIZES} page={page} pageSize={pageSize} total={q.data.total} />
        </>
      )}
    </Space>
  );
}
