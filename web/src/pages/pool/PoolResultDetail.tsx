// One result of the pay-later pool, with "申请先用后付" for enterprises.
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useParams } from 'react-router';
import { INDUSTRY_FIELD_LABELS } from '../../../../domain/constants/listings.js';
import { IP_TYPE_LABELS, MATURITY_LABELS, OWNERSHIP_MODE_LABELS } from '../../../../domain/constants/results.js';
import { POOL_REASON_LABELS } from '../../../../domain/constants/pool.js';
import { REGION_LABELS } from '../../../../domain/constants/organisations.js';
import { api, ApiError } from '../../api/client.js';
import { useAuth } from '../../auth.js';
import { ButtonLink } from '../../components/ButtonLink.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { formatDate, formatDateTime, labelOf } from '../../format.js';
import { canApply } from './PoolBrowse.js';
import type { PoolItem } from './types.js';
import { NotFoundResult } from '../../components/NotFoundResult.js';

export function usePoolItem(id: string) {
  return useQuery({
    queryKey: ['pool-item', id],
    queryFn: ({ signal }) => api.get<PoolItem>(`/pool/results/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function PoolItemFacts({ item }: { item: PoolItem }) {
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'institution', label: '科研单位', children: item.institution.name },
        { key: 'region', label: '所在地区', children: labelOf(REGION_LABELS, item.institution.region) },
        { key: 'field', label: '行业领域', children: labelOf(INDUSTRY_FIELD_LABELS, item.field) },
        { key: 'maturity', label: '成熟度', children: labelOf(MATURITY_LABELS, item.maturity) },
        { key: 'ownership', label: '权属', children: labelOf(OWNERSHIP_MODE_LABELS, item.ownership) },
        { key: 'inventors', label: '成果完成人', children: item.inventors || '—' },
        { key: 'grant', label: '最早授权日', children: formatDate(item.firstGrantDate) },
        { key: 'included', label: '纳入成果池', children: formatDateTime(item.includedAt) },
      ]}
    />
  );
}

export default function PoolResultDetail() {
  const { id = '' } = useParams();
  const { role } = useAuth();
  const q = usePoolItem(id);

  useEffect(() => {
    if (q.data) document.title = `${q.data.title} - 先用后付成果池`;
  }, [q.data]);

  if (q.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (q.isError) {
    if (q.error instanceof ApiError && q.error.status === 404) {
      return (
        <NotFoundResult
          title={q.error.message}
          subTitle="该成果可能已转化、已移出成果池或不存在。"
          extra={<ButtonLink to="/pool">返回成果池</ButtonLink>}
        />
      );
    }
    return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  }
  const item = q.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Space wrap size={4}>
          <Tag color="blue">先用后付成果池</Tag>
          <Tag>{POOL_REASON_LABELS[item.reason]}</Tag>
        </Space>
        <Typography.Title level={1} style={{ margin: '8px 0' }}>
          {item.title}
        </Typography.Title>
        {canApply(role) && (
          <ButtonLink type="primary" size="large" to={`/pool/results/${item.resultId}/apply`}>
            申请先用后付
          </ButtonLink>
        )}
      </div>
      <Panel title="成果信息">
        <PoolItemFacts item={item} />
        <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{item.summary}</Typography.Paragraph>
      </Panel>
      <Panel title="知识产权">
        <Table
          rowKey="number"
          size="small"
          pagination={false}
          dataSource={item.ipItems}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '类型', dataIndex: 'type', render: (v: string) => labelOf(IP_TYPE_LABELS, v) },
            { title: '编号', dataIndex: 'number' },
            { title: '名称', dataIndex: 'title', render: (v: string) => v || '—' },
            { title: '授权日', dataIndex: 'grantDate', render: (v: string | null) => formatDate(v) },
          ]}
        />
      </Panel>
      <Typography.Text type="secondary">
        先使用后付费许可仅面向已认证的境内中小微企业（措施五）；许可为普通许可，不影响其他企业申请。
      </Typography.Text>
    </Space>
  );
}
