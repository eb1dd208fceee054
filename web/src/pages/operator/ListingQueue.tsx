import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Form, Row, Select, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  LISTING_KIND_LABELS,
  LISTING_STATUS_LABELS,
  LISTING_STATUSES,
  type ListingStatus,
} from '../../../../domain/constants/listings.js';
import { api } from '../../api/client.js';
import type { OperatorListing, Page } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ModerationActions } from '../../components/ModerationActions.js';
import { ListingStatusTag } from '../../components/StatusTag.js';
import { formatDateTime, formatSpan, optionsOf } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import { useNow, waitingColor } from './useNow.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';

export default function ListingQueue() {
  const { get, getInt, set } = useUrlState();
  const now = useNow();
  const requested = get('status');
  const status: ListingStatus = (LISTING_STATUSES as readonly string[]).includes(requested ?? '')
    ? (requested as ListingStatus)
    : 'pending_review';
  const kind = get('kind');
  const page = getInt('page', 1);
  const pageSize = getInt('pageSize', 20);
  const query = { status, kind, page, pageSize };
  const q = useQuery({
    queryKey: ['operator', 'listings', query],
    queryFn: ({ signal }) => api.get<Page<OperatorListing>>('/operator/listings', query, signal),
    placeholderData: keepPreviousData,
  });
  const pending = status === 'pending_review';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Form layout="vertical">
          <Row gutter={16}>
            <Col xs={24} sm={12} md={8}>
              <Form.Item label="项目状态" htmlFor="op-listing-status" style={{ marginBottom: 0 }}>
                <Select
                  id="op-listing-status"
                  value={status}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={optionsOf(LISTING_STATUS_LABELS, LISTING_STATUSES)}
                  onChange={(v) => set({ status: v === 'pending_review' ? null : v })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={8}>
              <Form.Item label="项目类型" htmlFor="op-listing-kind" style={{ marginBottom: 0 }}>
                <Select
                  id="op-listing-kind"
                  allowClear
                  placeholder="全部类型"
                  value={kind}
                  options={optionsOf(LISTING_KIND_LABELS)}
                  onChange={(v) => set({ kind: v })}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {pending && (
        <Typography.Text type="secondary">
          按提交时间排列，最新提交的在最前。等待超过3天标为橙色，超过7天标为红色。
        </Typography.Text>
      )}
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <ResponsiveTable<OperatorListing>
            rowKey="id"
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: pending ? '没有待审核的项目' : '没有项目' }}
            pagination={{
              current: page,
              pageSize,
              total: q.data?.total ?? 0,
              showSizeChanger: true,
              onChange: (p, ps) => set(ps !== pageSize ? { pageSize: ps, page: null } : { page: p }),
            }}
            columns={[
              {
                title: '项目名称',
                dataIndex: 'title',
                render: (t: string, r) => (
                  <div style={{ maxWidth: 360, whiteSpace: 'normal' }}>
                    <Link to={`/listings/${r.id}`}>{t}</Link>
                  </div>
                ),
              },
              {
                title: '类型',
                dataIndex: 'kind',
                render: (k: OperatorListing['kind']) => (
                  <Tag color={k === 'demand' ? 'volcano' : 'geekblue'}>{LISTING_KIND_LABELS[k]}</Tag>
                ),
              },
              { title: '发布机构', key: 'org', render: (_, r) => r.organisation.name },
              {
                title: '状态',
                dataIndex: 'status',
                render: (_, r) => <ListingStatusTag status={r.status} listingId={r.id} />,
              },
              { title: '提交时间', dataIndex: 'submittedAt', render: (v: string | null) => formatDateTime(v) },
              ...(pending
                ? [
                    {
                      title: '已等待',
                      key: 'waiting',
                      render: (_: unknown, r: OperatorListing) => {
                        if (!r.submittedAt) return '—';
                        const ms = now - new Date(r.submittedAt).getTime();
                        return <span style={{ color: waitingColor(ms), fontWeight: 500 }}>{formatSpan(ms)}</span>;
                      },
                    },
                  ]
                : []),
              {
                title: '操作',
                key: 'actions',
                render: (_, r) => <ModerationActions id={r.id} title={r.title} status={r.status} />,
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
