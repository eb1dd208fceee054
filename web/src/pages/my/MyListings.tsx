import { ExclamationCircleFilled, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Grid, Popconfirm, Row, Select, Space, Typography } from 'antd';
import { Link } from 'react-router';
import {
  DEMAND_STATUSES,
  LISTING_KIND_LABELS,
  LISTING_STATUS_LABELS,
  REJECTION_REASON_LABELS,
  SUPPLY_STATUSES,
  TAKE_DOWN_REASON_LABELS,
  type ListingKind,
} from '../../../../domain/constants/listings.js';
import { api, errorText } from '../../api/client.js';
import type { ListingDetail, ListingSummary, Page } from '../../api/types.js';
import { useAuth } from '../../auth.js';
import { ButtonLink } from '../../components/ButtonLink.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ListingStatusTag } from '../../components/StatusTag.js';
import { formatDateTime, formatFen, labelOf, optionsOf } from '../../format.js';
import { canEdit, canSubmit, canWithdraw } from '../../listing.js';
import { useUrlState } from '../../url-state.js';
import { useToast } from '../../toast.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';

const REASON_LABELS: Record<string, string> = { ...TAKE_DOWN_REASON_LABELS, ...REJECTION_REASON_LABELS };

/**
 * The operator's reason, right under the title. List rows may not carry it, so a rejected or taken
 * down row without one reads it from the listing's detail.
 */
function ReasonLine({ listing }: { listing: ListingSummary }) {
  const flagged = listing.status === 'rejected' || listing.status === 'taken_down';
  const inline = Boolean(listing.rejectionCode || listing.rejectionText);
  const detail = useQuery({
    queryKey: ['listing', listing.id],
    queryFn: ({ signal }) => api.get<ListingDetail>(`/listings/${listing.id}`, undefined, signal),
    enabled: flagged && !inline,
  });
  if (!flagged) return null;
  const code = inline ? listing.rejectionCode : detail.data?.rejectionCode;
  const text = inline ? listing.rejectionText : detail.data?.rejectionText;
  if (!code && !text) return null;
  return (
    <div style={{ color: '#cf1322', marginTop: 4, whiteSpace: 'normal' }} data-testid="rejection-reason">
      <ExclamationCircleFilled /> {listing.status === 'rejected' ? '驳回原因' : '下架原因'}：
      {labelOf(REASON_LABELS, code, '')}
      {text ? `——${text}` : ''}
    </div>
  );
}

function RowActions({ listing }: { listing: ListingSummary }) {
  const message = useToast();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['my-listings'] });
    void queryClient.invalidateQueries({ queryKey: ['listing', listing.id] });
  };
  const submit = useMutation({
    mutationFn: () => api.post(`/listings/${listing.id}/submit`),
    onSuccess: () => {
      message.success('已提交审核');
      refresh();
    },
    onError: (err) => message.error(errorText(err)),
  });
  const withdraw = useMutation({
    mutationFn: () => api.post(`/listings/${listing.id}/withdraw`),
    onSuccess: () => {
      message.success('已撤回');
      refresh();
    },
    onError: (err) => message.error(errorText(err)),
  });
  return (
    <Space size={4} wrap>
      {canEdit(listing.status) && (
        <ButtonLink size="small" to={`/my/listings/${listing.id}/edit`} aria-label={`编辑 ${listing.title}`}>
          编辑
        </ButtonLink>
      )}
      {canSubmit(listing.status) && (
        <Button
          size="small"
          type="primary"
          loading={submit.isPending}
          onClick={() => submit.mutate()}
          aria-label={`提交审核 ${listing.title}`}
        >
          提交审核
        </Button>
      )}
      {canWithdraw(listing.status) && (
        <Popconfirm
          title="撤回项目"
          description="撤回后项目将不再公开，确认撤回？"
          okText="撤回"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          onConfirm={() => withdraw.mutateAsync().catch(() => undefined)}
        >
          <Button size="small" danger loading={withdraw.isPending} aria-label={`撤回 ${listing.title}`}>
            撤回
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

export default function MyListings() {
  const { role } = useAuth();
  const narrow = Grid.useBreakpoint().md === false;
  const { get, getInt, set } = useUrlState();
  const ownKind: ListingKind = role === 'institution' ? 'supply' : 'demand';
  const status = get('status');
  const page = getInt('page', 1);
  const pageSize = getInt('pageSize', 20);
  const query = { kind: ownKind, status, page, pageSize };
  const q = useQuery({
    queryKey: ['my-listings', query],
    queryFn: ({ signal }) => api.get<Page<ListingSummary>>('/my/listings', query, signal),
    placeholderData: keepPreviousData,
  });
  const statuses = ownKind === 'supply' ? SUPPLY_STATUSES : DEMAND_STATUSES;
  const rejected = (q.data?.items ?? []).filter((l) => l.status === 'rejected');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0 }}>
          我的项目
        </Typography.Title>
        <ButtonLink type="primary" icon={<PlusOutlined />} to={`/my/listings/new?kind=${ownKind}`}>
          {ownKind === 'demand' ? '发布技术需求' : '发布成果'}
        </ButtonLink>
      </Space>
      <Typography.Text type="secondary">
        本机构发布的{LISTING_KIND_LABELS[ownKind]}
        项目（含草稿）。草稿和被驳回的项目可以修改后提交审核，审核通过后公开发布。
      </Typography.Text>
      {rejected.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={`有 ${rejected.length} 个项目未通过审核`}
          description="请查看下方列表中的驳回原因，修改后重新提交审核。"
        />
      )}
      <Card size="small">
        <Form layout="vertical">
          <Row gutter={16}>
            <Col xs={24} sm={12} md={8}>
              <Form.Item label="项目状态" htmlFor="my-listings-status" style={{ marginBottom: 0 }}>
                <Select
                  id="my-listings-status"
                  allowClear
                  placeholder="全部状态"
                  value={status}
                  options={optionsOf(LISTING_STATUS_LABELS, statuses)}
                  onChange={(v) => set({ status: v })}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <ResponsiveTable<ListingSummary>
            rowKey="id"
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '还没有项目' }}
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
                  <div style={{ maxWidth: 420, whiteSpace: 'normal' }}>
                    <Link to={`/listings/${r.id}`}>{t}</Link>
                    <ReasonLine listing={r} />
                    {narrow && (
                      // On a phone the other columns are hidden; their content follows the title.
                      <Space orientation="vertical" size={6} style={{ marginTop: 6 }}>
                        <Space size={8}>
                          <ListingStatusTag status={r.status} listingId={r.id} />
                          <span>{formatFen(r.priceFen)}</span>
                        </Space>
                        <RowActions listing={r} />
                      </Space>
                    )}
                  </div>
                ),
              },
              {
                title: '状态',
                dataIndex: 'status',
                responsive: ['md'],
                render: (_, r) => <ListingStatusTag status={r.status} listingId={r.id} />,
              },
              {
                title: ownKind === 'demand' ? '榜额' : '价格',
                dataIndex: 'priceFen',
                responsive: ['md'],
                render: (v: number | null) => formatFen(v),
              },
              {
                title: '更新时间',
                key: 'updated',
                responsive: ['lg'],
                render: (_, r) => formatDateTime(r.updatedAt ?? r.submittedAt ?? r.publishedAt),
              },
              { title: '操作', key: 'actions', responsive: ['md'], render: (_, r) => <RowActions listing={r} /> },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
