import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Popconfirm, Select, Space } from 'antd';
import { useState } from 'react';
import {
  REJECTION_REASON_LABELS,
  TAKE_DOWN_REASON_LABELS,
  type ListingStatus,
} from '../../../domain/constants/listings.js';
import { api, errorText } from '../api/client.js';
import { optionsOf } from '../format.js';
import { canTakeDown } from '../listing.js';
import { AuditTrailButton } from './AuditTrail.js';
import { useToast } from '../toast.js';
import { useFormName } from './form-id.js';

interface ReasonForm {
  reasonCode: string;
  reasonText: string;
}

/** A modal asking for a reason code and an explanation; used for reject and take down. */
export function ReasonModal({
  open,
  title,
  okText,
  codes,
  codeLabel,
  busy,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  okText: string;
  codes: Record<string, string>;
  codeLabel: string;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (v: ReasonForm) => void;
}) {
  const [form] = Form.useForm<ReasonForm>();
  const name = useFormName('reason');
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger: true, loading: busy }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      afterClose={() => form.resetFields()}
      forceRender
    >
      <Form form={form} name={name} layout="vertical" onFinish={onSubmit}>
        <Form.Item label={codeLabel} name="reasonCode" rules={[{ required: true, message: `请选择${codeLabel}` }]}>
          <Select options={optionsOf(codes)} placeholder="请选择" />
        </Form.Item>
        <Form.Item
          label="具体说明"
          name="reasonText"
          extra="该说明将展示给发布机构，请写明需要修改的内容"
          rules={[{ required: true, whitespace: true, message: '请填写具体说明' }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Approve / reject / take down one listing, for operators. */
export function ModerationActions({
  id,
  title,
  status,
  size = 'small',
  showAudit = true,
}: {
  id: string;
  title: string;
  status: ListingStatus;
  size?: 'small' | 'middle';
  showAudit?: boolean;
}) {
  const message = useToast();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'reject' | 'take_down' | null>(null);

  const done = (text: string) => {
    message.success(text);
    setDialog(null);
    void queryClient.invalidateQueries({ queryKey: ['operator'] });
    void queryClient.invalidateQueries({ queryKey: ['listing', id] });
    void queryClient.invalidateQueries({ queryKey: ['listings'] });
    void queryClient.invalidateQueries({ queryKey: ['audit', 'listings', id] });
  };
  const onError = (err: unknown) => message.error(errorText(err));

  const approve = useMutation({
    mutationFn: () => api.post(`/operator/listings/${id}/approve`),
    onSuccess: () => done('已审核通过'),
    onError,
  });
  const reject = useMutation({
    mutationFn: (v: ReasonForm) => api.post(`/operator/listings/${id}/reject`, v),
    onSuccess: () => done('已驳回'),
    onError,
  });
  const takeDown = useMutation({
    mutationFn: (v: ReasonForm) => api.post(`/operator/listings/${id}/take-down`, v),
    onSuccess: () => done('已下架'),
    onError,
  });

  return (
    <>
      <Space wrap size={[8, 8]}>
        {status === 'pending_review' && (
          <>
            <Popconfirm
              title="审核通过"
              description={`确认通过“${title}”并公开发布？`}
              okText="通过"
              cancelText="取消"
              onConfirm={() => approve.mutateAsync().catch(() => undefined)}
            >
              <Button type="primary" size={size} loading={approve.isPending} aria-label={`通过 ${title}`}>
                通过
              </Button>
            </Popconfirm>
            <Button danger size={size} onClick={() => setDialog('reject')} aria-label={`驳回 ${title}`}>
              驳回
            </Button>
          </>
        )}
        {canTakeDown(status) && (
          <Button danger size={size} onClick={() => setDialog('take_down')} aria-label={`下架 ${title}`}>
            下架
          </Button>
        )}
        {showAudit && <AuditTrailButton target="listings" id={id} name={title} size={size} />}
      </Space>
      <ReasonModal
        open={dialog === 'reject'}
        title={`驳回：${title}`}
        okText="驳回"
        codes={REJECTION_REASON_LABELS}
        codeLabel="驳回原因"
        busy={reject.isPending}
        onCancel={() => setDialog(null)}
        onSubmit={(v) => reject.mutate({ reasonCode: v.reasonCode, reasonText: v.reasonText.trim() })}
      />
      <ReasonModal
        open={dialog === 'take_down'}
        title={`下架：${title}`}
        okText="下架"
        codes={TAKE_DOWN_REASON_LABELS}
        codeLabel="下架原因"
        busy={takeDown.isPending}
        onCancel={() => setDialog(null)}
        onSubmit={(v) => takeDown.mutate({ reasonCode: v.reasonCode, reasonText: v.reasonText.trim() })}
      />
    </>
  );
}
