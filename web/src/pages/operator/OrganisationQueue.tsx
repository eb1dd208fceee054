import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Form, Input, Modal, Popconfirm, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import {
  AFFILIATION_LABELS,
  DOMICILE_LABELS,
  INSTITUTION_TYPE_LABELS,
  OWNERSHIP_TYPE_LABELS,
  REGION_LABELS,
  SIZE_CLASS_LABELS,
  VERIFICATION_STATUSES,
  type VerificationStatus,
} from '../../../../domain/constants/organisations.js';
import { api, errorText } from '../../api/client.js';
import type { OperatorOrganisation, Page } from '../../api/types.js';
import { AuditTrailButton } from '../../components/AuditTrail.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { VERIFICATION_LABELS, VerificationTag } from '../../components/StatusTag.js';
import { formatDateTime, formatSpan, labelOf, optionsOf } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import { useNow, waitingColor } from './useNow.js';
import { useToast } from '../../toast.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { useFormName } from '../../components/form-id.js';

function describeKind(o: OperatorOrganisation): string {
  if (o.kind === 'enterprise') {
    return ['企业', labelOf(SIZE_CLASS_LABELS, o.sizeClass, ''), labelOf(OWNERSHIP_TYPE_LABELS, o.ownershipType, '')]
      .filter(Boolean)
      .join(' · ');
  }
  return [
    labelOf(AFFILIATION_LABELS, o.affiliation, ''),
    labelOf(INSTITUTION_TYPE_LABELS, o.institutionType, '科研单位'),
  ]
    .filter(Boolean)
    .join(' · ');
}

function OrgActions({ org }: { org: OperatorOrganisation }) {
  const message = useToast();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const formName = useFormName('reject-verification');
  const done = (text: string) => {
    message.success(text);
    setRejecting(false);
    void queryClient.invalidateQueries({ queryKey: ['operator', 'organisations'] });
    void queryClient.invalidateQueries({ queryKey: ['audit', 'organisations', org.id] });
  };
  const onError = (err: unknown) => message.error(errorText(err));
  const verify = useMutation({
    mutationFn: () => api.post(`/operator/organisations/${org.id}/verify`),
    onSuccess: () => done('已通过认证'),
    onError,
  });
  const reject = useMutation({
    mutationFn: (reason: string) => api.post(`/operator/organisations/${org.id}/reject`, { reason }),
    onSuccess: () => done('已驳回认证'),
    onError,
  });
  const pending = org.verificationStatus === 'pending_verification';
  return (
    <>
      <Space size={[8, 8]} wrap>
        {pending && (
          <>
            <Popconfirm
              title="通过认证"
              description={`确认“${org.name}”的信息真实有效？`}
              okText="通过"
              cancelText="取消"
              onConfirm={() => verify.mutateAsync().catch(() => undefined)}
            >
              <Button type="primary" size="small" loading={verify.isPending} aria-label={`通过认证 ${org.name}`}>
                通过认证
              </Button>
            </Popconfirm>
            <Button danger size="small" onClick={() => setRejecting(true)} aria-label={`驳回认证 ${org.name}`}>
              驳回
            </Button>
          </>
        )}
        <AuditTrailButton target="organisations" id={org.id} name={org.name} />
      </Space>
      <Modal
        open={rejecting}
        title={`驳回认证：${org.name}`}
        okText="驳回"
        okButtonProps={{ danger: true, loading: reject.isPending }}
        onOk={() => form.submit()}
        onCancel={() => setRejecting(false)}
        afterClose={() => form.resetFields()}
        forceRender
      >
        <Form form={form} name={formName} layout="vertical" onFinish={(v) => reject.mutate(v.reason.trim())}>
          <Form.Item
            label="驳回原因"
            name="reason"
            extra="该原因将展示给申请机构"
            rules={[{ required: true, whitespace: true, message: '请填写驳回原因' }]}
          >
            <Input.TextArea rows={4} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export default function OrganisationQueue() {
  const { get, getInt, set } = useUrlState();
  const now = useNow();
  const requested = get('status');
  const status: VerificationStatus = (VERIFICATION_STATUSES as readonly string[]).includes(requested ?? '')
    ? (requested as VerificationStatus)
    : 'pending_verification';
  const page = getInt('page', 1);
  const pageSize = getInt('pageSize', 20);
  const query = { status, page, pageSize };
  const q = useQuery({
    queryKey: ['operator', 'organisations', query],
    queryFn: ({ signal }) => api.get<Page<OperatorOrganisation>>('/operator/organisations', query, signal),
    placeholderData: keepPreviousData,
  });
  const pending = status === 'pending_verification';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Form layout="vertical">
          <Row gutter={16}>
            <Col xs={24} sm={12} md={8}>
              <Form.Item label="认证状态" htmlFor="op-org-status" style={{ marginBottom: 0 }}>
                <Select
                  id="op-org-status"
                  value={status}
                  options={optionsOf(VERIFICATION_LABELS, VERIFICATION_STATUSES)}
                  onChange={(v) => set({ status: v === 'pending_verification' ? null : v })}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {pending && (
        <Typography.Text type="secondary">
          按注册时间排列，最新注册的在最前；等待较久的以颜色标出。请核对机构名称与统一社会信用代码（境外及港澳台机构为登记注册号）是否一致，并核实登记地（措施十五按登记地判断是否向境外转化）。
        </Typography.Text>
      )}
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <ResponsiveTable<OperatorOrganisation>
            rowKey="id"
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: pending ? '没有待认证的机构' : '没有机构' }}
            pagination={{
              current: page,
              pageSize,
              total: q.data?.total ?? 0,
              showSizeChanger: true,
              onChange: (p, ps) => set(ps !== pageSize ? { pageSize: ps, page: null } : { page: p }),
            }}
            expandable={{
              expandedRowRender: (o) => (
                <div style={{ maxWidth: 720, whiteSpace: 'pre-wrap' }}>
                  <div>地址：{o.address || '—'}</div>
                  <div>网站：{o.website || '—'}</div>
                  <div>简介：{o.description || '—'}</div>
                  {o.verificationNote && <div>认证备注：{o.verificationNote}</div>}
                </div>
              ),
            }}
            columns={[
              { title: '机构名称', dataIndex: 'name' },
              { title: '类型', key: 'kind', render: (_, o) => describeKind(o) },
              { title: '登记地', dataIndex: 'domicile', render: (_, o) => DOMICILE_LABELS[o.domicile] },
              {
                title: '统一社会信用代码 / 登记注册号',
                key: 'identity',
                render: (_, o) => <code>{o.creditCode ?? o.registrationNumber ?? '—'}</code>,
              },
              {
                title: '地区',
                key: 'region',
                render: (_, o) => o.countryOrRegion ?? labelOf(REGION_LABELS, o.region),
              },
              { title: '联系人', key: 'contact', render: (_, o) => `${o.contactName} ${o.contactPhone}` },
              { title: '注册时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
              pending
                ? {
                    title: '已等待',
                    key: 'waiting',
                    render: (_, o) => {
                      const ms = now - new Date(o.createdAt).getTime();
                      return <span style={{ color: waitingColor(ms), fontWeight: 500 }}>{formatSpan(ms)}</span>;
                    },
                  }
                : {
                    title: '状态',
                    key: 'status',
                    render: (_, o) => <VerificationTag status={o.verificationStatus} />,
                  },
              { title: '操作', key: 'actions', render: (_, o) => <OrgActions org={o} /> },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
