// 面议 showcase: verified enterprises send the owner an inquiry while it is shown; the owner reads
// them and may renew a showcase that expired.
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, List, Popconfirm, Space, Typography } from 'antd';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FormSubmit } from '../../components/FormSubmit.js';
import { Panel } from '../../components/Panel.js';
import { formatDateTime } from '../../format.js';
import { phoneRule } from '../../validation.js';
import { textRule, useLifecycleAction, useViewer } from './shared.js';
import type { Inquiry, LifecycleListing } from './types.js';

interface InquiryForm {
  message: string;
  contactName: string;
  contactPhone: string;
}

export function InquiryPanel({ listing }: { listing: LifecycleListing }) {
  const viewer = useViewer(listing);
  const [form] = Form.useForm<InquiryForm>();
  const shown = listing.status === 'showcase';
  const q = useQuery({
    queryKey: ['inquiries', listing.id],
    queryFn: ({ signal }) => api.get<{ items: Inquiry[] }>(`/listings/${listing.id}/inquiries`, undefined, signal),
    enabled: viewer.signedIn && (viewer.isOwner || viewer.isOperator || viewer.role === 'enterprise'),
  });
  const send = useLifecycleAction(
    listing.id,
    (v: InquiryForm) =>
      api.post<Inquiry>(`/listings/${listing.id}/inquiries`, {
        message: v.message.trim(),
        contactName: v.contactName.trim(),
        contactPhone: v.contactPhone.trim(),
      }),
    {
      success: '咨询已发送给发布单位',
      invalidate: [['inquiries', listing.id]],
      onDone: () => form.resetFields(['message']),
    },
  );
  const renew = useLifecycleAction(listing.id, () => api.post(`/listings/${listing.id}/renew`), {
    success: '已重新展示',
  });
  const items = q.data?.items ?? [];
  const canRenew = viewer.isOwner && listing.status === 'expired' && listing.pricingMode === 'negotiable';

  if (!shown && !canRenew && items.length === 0) return null;
  return (
    <Panel title="面议咨询">
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        {canRenew && (
          <Space orientation="vertical">
            <Typography.Text>展示期已满，项目已自动下架。续期后重新展示一个展示期。</Typography.Text>
            <Popconfirm
              title="确认重新展示该项目？"
              okText="续期"
              cancelText="取消"
              onConfirm={() => renew.mutate(undefined)}
            >
              <Button type="primary" loading={renew.isPending}>
                续期展示
              </Button>
            </Popconfirm>
            {renew.isError && <ErrorAlert error={renew.error} />}
          </Space>
        )}
        {shown && !viewer.signedIn && <Typography.Text>请以已认证企业账号登录后咨询。</Typography.Text>}
        {shown && viewer.role === 'enterprise' && !viewer.isOwner && (
          <Form<InquiryForm>
            form={form}
            layout="vertical"
            name="inquiry"
            onFinish={(v) => send.mutate(v)}
            disabled={send.isPending}
          >
            <Form.Item label="咨询内容" name="message" rules={[textRule('咨询内容', 5, 2000)]}>
              <Input.TextArea rows={3} maxLength={2000} placeholder="例如：希望了解许可方式、费用区间和技术指导安排" />
            </Form.Item>
            <Space wrap align="start">
              <Form.Item label="联系人" name="contactName" rules={[textRule('联系人', 1, 50)]}>
                <Input maxLength={50} autoComplete="name" />
              </Form.Item>
              <Form.Item
                label="联系电话"
                name="contactPhone"
                rules={[{ required: true, whitespace: true, message: '请填写联系电话' }, phoneRule]}
              >
                <Input maxLength={20} autoComplete="tel" />
              </Form.Item>
            </Space>
            <FormSubmit mutation={send}>发送咨询</FormSubmit>
          </Form>
        )}
        {q.isError && <ErrorAlert error={q.error} onRetry={() => q.refetch()} />}
        {items.length > 0 && (
          <List
            header={
              <Typography.Text strong>
                {viewer.isOwner || viewer.isOperator ? `收到的咨询（${items.length}）` : '本企业的咨询'}
              </Typography.Text>
            }
            dataSource={items}
            renderItem={(i) => (
              <List.Item key={i.id}>
                <Space orientation="vertical" size={2}>
                  <Typography.Text strong>
                    {i.organisation.name} · {i.contactName} {i.contactPhone}
                  </Typography.Text>
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{i.message}</Typography.Text>
                  <Typography.Text type="secondary">{formatDateTime(i.createdAt)}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Space>
    </Panel>
  );
}
