import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { INDUSTRY_FIELD_LABELS } from '../../../../domain/constants/listings.js';
import {
  RIGHTS_REVIEW_LABELS,
  MATURITY_LABELS,
  OWNERSHIP_MODE_LABELS,
  SECURITY_CLASS_LABELS,
} from '../../../../domain/constants/results.js';
import { api } from '../../api/client.js';
import type { Page, ResearchResult } from '../../api/types.js';
import { ButtonLink } from '../../components/ButtonLink.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime, labelOf } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';

export default function MyResults() {
  const { getInt, set } = useUrlState();
  const page = getInt('page', 1);
  const pageSize = getInt('pageSize', 20);
  const q = useQuery({
    queryKey: ['results', { page, pageSize }],
    queryFn: ({ signal }) => api.get<Page<ResearchResult>>('/results', { page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0 }}>
          我的成果
        </Typography.Title>
        <ButtonLink type="primary" icon={<PlusOutlined />} to="/my/results/new">
          登记成果
        </ButtonLink>
      </Space>
      <Typography.Text type="secondary">
        登记本单位的职务科技成果及其知识产权、权属（措施一）和密级（措施十五），之后可以为成果发布“成果找市场”项目。
      </Typography.Text>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <ResponsiveTable<ResearchResult>
            rowKey="id"
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '还没有登记成果' }}
            pagination={{
              current: page,
              pageSize,
              total: q.data?.total ?? 0,
              showSizeChanger: true,
              onChange: (p, ps) => set(ps !== pageSize ? { pageSize: ps, page: null } : { page: p }),
            }}
            columns={[
              {
                title: '成果名称',
                dataIndex: 'title',
                render: (t: string, r) => <Link to={`/my/results/${r.id}/edit`}>{t}</Link>,
              },
              { title: '行业领域', dataIndex: 'field', render: (v: string) => labelOf(INDUSTRY_FIELD_LABELS, v) },
              { title: '成熟度', dataIndex: 'maturity', render: (v: string) => labelOf(MATURITY_LABELS, v) },
              {
                title: '权属',
                dataIndex: 'ownership',
                render: (v: string, r) => (
                  <Space size={4} wrap>
                    {labelOf(OWNERSHIP_MODE_LABELS, v)}
                    {r.rightsReview && (
                      <Tag color="warning" title={RIGHTS_REVIEW_LABELS[r.rightsReview]}>
                        待补充
                      </Tag>
                    )}
                  </Space>
                ),
              },
              {
                title: '密级',
                dataIndex: 'securityClass',
                render: (v: string) => (
                  <Tag color={v === 'classified' ? 'red' : v === 'restricted' ? 'orange' : 'default'}>
                    {labelOf(SECURITY_CLASS_LABELS, v)}
                  </Tag>
                ),
              },
              { title: '知识产权', key: 'ip', render: (_, r) => `${r.ipItems?.length ?? 0} 项` },
              { title: '更新时间', dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
              {
                title: '操作',
                key: 'actions',
                render: (_, r) => (
                  <Space size={4} wrap>
                    <Link to={`/my/results/${r.id}/edit`} aria-label={`编辑 ${r.title}`}>
                      编辑
                    </Link>
                    {/* 措施一、六: ownership changes by a decision the team accepts, not by editing. */}
                    <Link to={`/my/results/${r.id}/rights`} aria-label={`${r.title} 的赋权与权益让渡`}>
                      赋权与权益让渡
                    </Link>
                    {r.securityClass === 'classified' ? (
                      <Typography.Text type="secondary" title="措施十五：涉密成果不得公开挂牌">
                        不可挂牌
                      </Typography.Text>
                    ) : (
                      <Link
                        to={`/my/listings/new?kind=supply&resultId=${r.id}`}
                        aria-label={`为 ${r.title} 发布成果找市场项目`}
                      >
                        发布挂牌
                      </Link>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
