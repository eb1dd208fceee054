// The institution's actions on a decision and a formality (措施一、六、十四): withdraw a pending decision
// with its reason; record a formality's filing or approval with its day and evidence.
import { useMutation } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { FORMALITY_KIND_LABELS } from '../../../../domain/constants/rights.js';
import { api } from '../../api/client.js';
import type { Formality, Grant } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { dayjs, todayInShanghai } from '../../format.js';

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

export function WithdrawButton({ g, onDone }: { g: Grant; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const withdraw = useMutation({
    mutationFn: () => api.post<Grant>(`/rights/decisions/${g.id}/withdraw`, { reason: reason.trim() }),
    onSuccess: () => {
      setOpen(false);
      onDone();
    },
  });
  return (
    <>
      <Button onClick={() => setOpen(true)}>撤回决定</Button>
      <Modal
        open={open}
        title="撤回决定"
        okText="撤回"
        cancelText="取消"
        okButtonProps={{ disabled: !reason.trim(), loading: withdraw.isPending }}
        onOk={() => withdraw.mutate()}
        onCancel={() => setOpen(false)}
      >
        <Input.TextArea aria-label="撤回理由" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        {withdraw.isError && <ErrorAlert error={withdraw.error} />}
      </Modal>
    </>
  );
}

export function FormalityStep({ f, onDone }: { f: Formality; onDone: () => void }) {
  const action = f.status === 'to_file' ? 'file' : 'approve';
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ on: Dayjs; evidenceRef: string }>();
  const step = useMutation({
    mutationFn: (v: { on: Dayjs; evidenceRef: string }) =>
      api.post<Formality>(`/rights/formalities/${f.id}/${action}`, {
        on: day(v.on),
        evidenceRef: v.evidenceRef.trim(),
      }),
    onSuccess: () => {
      setOpen(false);
      form.resetFields();
      onDone();
    },
  });
  if (f.status === 'approved') return null;
  const label = action === 'file' ? '登记提交' : '登记核准';
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        open={open}
        title={`${label}：${FORMALITY_KIND_LABELS[f.kind]} ${f.ipNumber}`}
        okText="保存"
        cancelText="取消"
        okButtonProps={{ loading: step.isPending }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => step.mutate(v)}
          initialValues={{ on: dayjs(todayInShanghai()) }}
        >
          <Form.Item label={action === 'file' ? '提交日期' : '核准日期'} name="on" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            label="凭证（受理通知书、手续合格通知书等的编号或说明）"
            name="evidenceRef"
            rules={[{ required: true, whitespace: true, message: '请填写凭证' }]}
          >
            <Input maxLength={500} />
          </Form.Item>
        </Form>
        {step.isError && <ErrorAlert error={step.error} />}
      </Modal>
    </>
  );
}
