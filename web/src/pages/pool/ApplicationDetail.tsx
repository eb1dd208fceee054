// One pay-later application: the terms on the table, the negotiation so far, and the moves the
// viewer may make — the institution accepts, counters or declines; the enterprise accepts or
// declines a counter-offer, or withdraws its application.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Modal, Popconfirm, Skeleton, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { PAYLATER_PARTY_LABELS, PAYMENT_TIMING_LABELS } from '../../../../domain/constants/pool.js';
import { api, ApiError, errorText } from '../../api/client.js';
import { useAuth } from '../../auth.js';
import { ButtonLink } from '../../components/ButtonLink.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { formatDateTime, formatFen } from '../../format.js';
import { useToast } from '../../toast.js';
import {
  ApplicationStatusTag,
  describeTerms,
  formatRoyalty,
  formFromTerms,
  TermsFields,
  termsFromForm,
  type TermsFormValues,
} from './terms.js';
import type { ApplicationDetail as Detail, Terms } from './types.js';
import { NotFoundResult } from '../../components/NotFoundResult.js';

function TermsTable({ terms }: { terms: Terms }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      items={[
        { key: 'fee', label: '许可费', children: terms.feeFen === null ? '—' : formatFen(terms.feeFen) },
        { key: 'royalty', label: '销售提成', children: formatRoyalty(terms.royaltyBp) },
        {
          key: 'time',
          label: '支付时间',
          children: `${PAYMENT_TIMING_LABELS[terms.paymentTiming]} ${terms.paymentDelayMonths} 个月内`,
        },
        { key: 'term', label: '许可期限', children: `${terms.termYears} 年` },
        { key: 'conditions', label: '支付条件', children: terms.paymentConditions },
      ]}
    />
  );
}

type Dialog = 'counter' | 'decline' | null;

function Actions({ app }: { app: Detail }) {
  const { session } = useAuth();
  const message = useToast();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [counterForm] = Form.useForm<TermsFormValues & { message?: string }>();
  const [declineForm] = Form.useForm<{ reason: string }>();
  const orgId = session?.organisation?.id;
  const party = orgId === app.institution.id ? 'institution' : orgId === app.enterprise.id ? 'enterprise' : null;

  const move = useMutation({
    mutationFn: ({ action, body }: { action: string; body: Record<string, unknown> }) =>
      api.post<Detail>(`/paylater/applications/${app.id}/${action}`, { version: app.version, ...body }),
    onSuccess: (updated, { action }) => {
      queryClient.setQueryData(['paylater', 'application', app.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['paylater', 'applications'] });
      void queryClient.invalidateQueries({ queryKey: ['paylater', 'licences'] });
      setDialog(null);
      message.success(
        { accept: '已达成许可，付款计划已生成', counter: '还价已发送', decline: '已拒绝', withdraw: '申请已撤回' }[
          action
        ] ?? '已完成',
      );
    },
    onError: (err) => message.error(errorText(err)),
  });

  if (party === 'institution' && app.status === 'pending') {
    return (
      <>
        <Space wrap>
          <Popconfirm
            title="接受申请"
            description="按企业提出的条件达成许可并生成付款计划？"
            okText="接受"
            cancelText="取消"
            onConfirm={() => move.mutateAsync({ action: 'accept', body: {} }).catch(() => undefined)}
          >
            <Button type="primary" loading={move.isPending}>
              接受申请
            </Button>
          </Popconfirm>
          <Button
            onClick={() => {
              counterForm.setFieldsValue({ ...formFromTerms(app.terms), message: '' });
              setDialog('counter');
            }}
          >
            还价
          </Button>
          <Button danger onClick={() => setDialog('decline')}>
            拒绝
          </Button>
        </Space>
        <Modal
          open={dialog === 'counter'}
          title="提出新的条件（还价）"
          okText="发送还价"
          cancelText="取消"
          confirmLoading={move.isPending}
          onOk={() => counterForm.submit()}
          onCancel={() => setDialog(null)}
          forceRender
          width={640}
        >
          <Form
            form={counterForm}
            layout="vertical"
            name="counter"
            onFinish={(v) =>
              move.mutate({ action: 'counter', body: { ...termsFromForm(v), message: v.message?.trim() ?? '' } })
            }
          >
            <TermsFields />
            <Form.Item label="还价说明" name="message" rules={[{ max: 1000, message: '说明不超过1000字' }]}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </Form>
        </Modal>
        <DeclineModal
          open={dialog === 'decline'}
          title="拒绝申请"
          form={declineForm}
          loading={move.isPending}
          onCancel={() => setDialog(null)}
          onFinish={(reason) => move.mutate({ action: 'decline', body: { reason } })}
        />
      </>
    );
  }
  if (party === 'enterprise' && app.status === 'countered') {
    return (
      <>
        <Alert
          type="warning"
          showIcon
          title="科研单位提出了新的条件"
          description={describeTerms(app.terms)}
          style={{ marginBottom: 12 }}
        />
        <Space wrap>
          <Popconfirm
            title="接受还价"
            description="按科研单位提出的条件达成许可并生成付款计划？"
            okText="接受"
            cancelText="取消"
            onConfirm={() => move.mutateAsync({ action: 'accept', body: {} }).catch(() => undefined)}
          >
            <Button type="primary" loading={move.isPending}>
              接受还价
            </Button>
          </Popconfirm>
          <Button danger onClick={() => setDialog('decline')}>
            拒绝还价
          </Button>
        </Space>
        <DeclineModal
          open={dialog === 'decline'}
          title="拒绝还价"
          form={declineForm}
          loading={move.isPending}
          onCancel={() => setDialog(null)}
          onFinish={(reason) => move.mutate({ action: 'decline', body: { reason } })}
        />
      </>
    );
  }
  if (party === 'enterprise' && app.status === 'pending') {
    return (
      <Popconfirm
        title="撤回申请"
        description="撤回后可重新提交申请。"
        okText="撤回"
        cancelText="取消"
        onConfirm={() => move.mutateAsync({ action: 'withdraw', body: {} }).catch(() => undefined)}
      >
        <Button loading={move.isPending}>撤回申请</Button>
      </Popconfirm>
    );
  }
  return null;
}

function DeclineModal({
  open,
  title,
  form,
  loading,
  onCancel,
  onFinish,
}: {
  open: boolean;
  title: string;
  form: ReturnType<typeof Form.useForm<{ reason: string }>>[0];
  loading: boolean;
  onCancel: () => void;
  onFinish: (reason: string) => void;
}) {
  return (
    <Modal
      open={open}
      title={title}
      okText="确认拒绝"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={loading}
      onOk={() => form.submit()}
      onCancel={onCancel}
      forceRender
    >
      <Form form={form} layout="vertical" name="decline" onFinish={(v) => onFinish(v.reason.trim())}>
        <Form.Item
          label="理由"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请说明理由' },
            { min: 2, max: 1000, message: '理由为2至1000字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function ApplicationDetail() {
  const { id = '' } = useParams();
  const q = useQuery({
    queryKey: ['paylater', 'application', id],
    queryFn: ({ signal }) => api.get<Detail>(`/paylater/applications/${encodeURIComponent(id)}`, undefined, signal),
  });

  useEffect(() => {
    document.title = '先用后付申请 - 辽宁揭榜挂帅';
  }, []);

  if (q.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (q.isError) {
    if (q.error instanceof ApiError && q.error.status === 404) {
      return <NotFoundResult title={q.error.message} extra={<ButtonLink to="/my/paylater">返回</ButtonLink>} />;
    }
    return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  }
  const app = q.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 960 }}>
      <Link to="/my/paylater">← 先用后付</Link>
      <Space wrap align="center">
        <Typography.Title level={1} style={{ margin: 0 }}>
          先用后付申请：{app.result.title}
        </Typography.Title>
        <ApplicationStatusTag status={app.status} />
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'enterprise', label: '申请企业', children: app.enterprise.name },
          { key: 'institution', label: '科研单位', children: app.institution.name },
          { key: 'created', label: '提交时间', children: formatDateTime(app.createdAt) },
          { key: 'updated', label: '最近更新', children: formatDateTime(app.updatedAt) },
        ]}
      />
      {app.status === 'accepted' && app.licenceId && (
        <Alert
          type="success"
          showIcon
          title="已达成先使用后付费许可"
          action={<ButtonLink to={`/my/paylater/licences/${app.licenceId}`}>查看许可与付款计划</ButtonLink>}
        />
      )}
      {app.declineReason && <Alert type="info" showIcon title="拒绝理由" description={app.declineReason} />}
      <Panel title={`当前条件（${PAYLATER_PARTY_LABELS[app.termsBy]}提出）`}>
        <TermsTable terms={app.terms} />
        <div style={{ marginTop: 16 }}>
          <Actions app={app} />
        </div>
      </Panel>
      <Panel title="磋商记录">
        <Table
          rowKey="round"
          size="small"
          pagination={false}
          dataSource={app.offers}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '轮次', dataIndex: 'round' },
            {
              title: '提出方',
              dataIndex: 'party',
              render: (v: 'enterprise' | 'institution') => PAYLATER_PARTY_LABELS[v],
            },
            { title: '条件', key: 'terms', render: (_, o) => describeTerms(o.terms) },
            { title: '支付条件', key: 'conditions', render: (_, o) => o.terms.paymentConditions },
            { title: '说明', dataIndex: 'message', render: (v: string) => v || '—' },
            { title: '时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Panel>
    </Space>
  );
}
