// An institution's results and the pay-later pool: which are in it (and why), which it kept out
// with a stated reason, which can never enter (措施十五), and when the others turn three.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { INDUSTRY_FIELD_LABELS } from '../../../../domain/constants/listings.js';
import {
  POOL_REASON_LABELS,
  POOL_RESULT_STATE_LABELS,
  type PoolResultState,
} from '../../../../domain/constants/pool.js';
import { api, errorText } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate, labelOf } from '../../format.js';
import { useToast } from '../../toast.js';
import { useUrlState } from '../../url-state.js';
import type { PoolStatus } from './types.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';

const STATE_COLORS: Record<PoolResultState, string> = {
  in_pool: 'success',
  opted_out: 'warning',
  excluded: 'error',
  converted: 'default',
  awaiting_scan: 'processing',
  not_yet: 'default',
  no_grant: 'default',
};

export default function MyPool() {
  const message = useToast();
  const queryClient = useQueryClient();
  const { getInt, set } = useUrlState();
  const page = getInt('page', 1);
  const [optingOut, setOptingOut] = useState<PoolStatus | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const q = useQuery({
    queryKey: ['pool', 'mine', page],
    queryFn: ({ signal }) => api.get<Page<PoolStatus>>('/pool/mine', { page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });

  useEffect(() => {
    document.title = '本单位成果入池情况 - 辽宁揭榜挂帅';
  }, []);

  const done = (text: string) => {
    message.success(text);
    setOptingOut(null);
    void queryClient.invalidateQueries({ queryKey: ['pool'] });
  };
  const include = useMutation({
    mutationFn: (r: PoolStatus) => api.post<PoolStatus>(`/pool/results/${r.resultId}/include`),
    onSuccess: () => done('已纳入先用后付成果池'),
    onError: (err) => message.error(errorText(err)),
  });
  const optOut = useMutation({
    mutationFn: ({ r, reason }: { r: PoolStatus; reason: string }) =>
      api.post<PoolStatus>(`/pool/results/${r.resultId}/opt-out`, { reason }),
    onSuccess: () => done('已申请不纳入成果池'),
    onError: (err) => message.error(errorText(err)),
  });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        成果入池情况
      </Typography.Title>
      <Typography.Text type="secondary">
        取得知识产权（以最早授权日计）满三年未转化的成果，由平台每日核查后自动纳入先用后付成果池（措施五）；也可以自愿提前纳入。有正当理由的，可申请不纳入并说明理由。涉及国家利益或涉密的成果不得纳入（措施十五）。
      </Typography.Text>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <ResponsiveTable<PoolStatus>
            rowKey="resultId"
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '还没有登记成果' }}
            pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: (p) => set({ page: p }) }}
            columns={[
              {
                title: '成果名称',
                dataIndex: 'title',
                render: (t: string, r) =>
                  r.state === 'in_pool' ? <Link to={`/pool/results/${r.resultId}`}>{t}</Link> : t,
              },
              { title: '行业领域', dataIndex: 'field', render: (v: string) => labelOf(INDUSTRY_FIELD_LABELS, v) },
              { title: '最早授权日', dataIndex: 'firstGrantDate', render: (v: string | null) => formatDate(v) },
              {
                title: '入池情况',
                key: 'state',
                render: (_, r) => (
                  <Space orientation="vertical" size={0}>
                    <Tag color={STATE_COLORS[r.state]}>{POOL_RESULT_STATE_LABELS[r.state]}</Tag>
                    {r.entry && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {POOL_REASON_LABELS[r.entry.reason]}
                      </Typography.Text>
                    )}
                    {r.state === 'not_yet' && r.eligibleOn && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDate(r.eligibleOn)} 满三年
                      </Typography.Text>
                    )}
                    {r.optOut && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        理由：{r.optOut.reason}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: '操作',
                key: 'actions',
                render: (_, r) => {
                  const canInclude = !['in_pool', 'excluded', 'converted'].includes(r.state);
                  const canOptOut = r.state !== 'opted_out' && r.state !== 'excluded' && r.state !== 'converted';
                  return (
                    <Space size={4} wrap>
                      {canInclude && (
                        <Popconfirm
                          title="纳入成果池"
                          description={
                            r.state === 'opted_out'
                              ? '将撤回不纳入申请，并纳入成果池。'
                              : '自愿将该成果纳入先用后付成果池？'
                          }
                          okText="纳入"
                          cancelText="取消"
                          onConfirm={() => include.mutateAsync(r).catch(() => undefined)}
                        >
                          <Button size="small" type="link" aria-label={`纳入成果池 ${r.title}`}>
                            纳入成果池
                          </Button>
                        </Popconfirm>
                      )}
                      {canOptOut && (
                        <Button
                          size="small"
                          type="link"
                          danger
                          onClick={() => {
                            form.resetFields();
                            setOptingOut(r);
                          }}
                          aria-label={`申请不纳入 ${r.title}`}
                        >
                          申请不纳入
                        </Button>
                      )}
                    </Space>
                  );
                },
              },
            ]}
          />
        </Card>
      )}
      <Modal
        open={optingOut !== null}
        title={optingOut ? `申请不纳入：${optingOut.title}` : ''}
        okText="确认"
        cancelText="取消"
        confirmLoading={optOut.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOptingOut(null)}
        forceRender
      >
        <Form
          form={form}
          layout="vertical"
          name="optOut"
          onFinish={(v) => optingOut && optOut.mutate({ r: optingOut, reason: v.reason.trim() })}
        >
          <Form.Item
            label="理由"
            name="reason"
            rules={[
              { required: true, whitespace: true, message: '请说明不纳入的理由' },
              { min: 2, max: 1000, message: '理由为2至1000字' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={1000} placeholder="例如：该成果正与企业洽谈独占许可" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
