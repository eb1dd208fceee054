// The contract as 技术合同认定登记 records it, and the institution's actions on it: sign (生效),
// complete, terminate (with a reason; the result may return to the pay-later pool), and the
// registration number and date once the contract is registered.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Descriptions, Form, Input, Modal, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { CONTRACT_TYPE_LABELS, LEDGER_TEXT, PAYMENT_METHOD_LABELS } from '../../../../domain/constants/ledger.js';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { formatDate, formatFen, todayInShanghai } from '../../format.js';
import { useToast } from '../../toast.js';
import type { ConversionDetail } from './types.js';

const notFuture = (d: Dayjs) => d.format('YYYY-MM-DD') > todayInShanghai();
type Action = 'sign' | 'complete' | 'terminate' | 'register';

const TITLES: Record<Action, string> = {
  sign: '合同签订生效',
  complete: '合同履行完毕',
  terminate: '终止合同',
  register: '登记技术合同认定登记',
};

function ContractModal({ c, action, onClose }: { c: ConversionDetail; action: Action | null; onClose: () => void }) {
  const message = useToast();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{
    signedOn?: Dayjs;
    reason?: string;
    registrationNo?: string;
    registeredOn?: Dayjs;
    contractNo?: string;
  }>();
  const save = useMutation({
    mutationFn: (v: {
      signedOn?: Dayjs;
      reason?: string;
      registrationNo?: string;
      registeredOn?: Dayjs;
      contractNo?: string;
    }) =>
      action === 'register'
        ? api.put(`/ledger/conversions/${c.id}/contract/registration`, {
            registrationNo: v.registrationNo!.trim(),
            registeredOn: v.registeredOn!.format('YYYY-MM-DD'),
            contractNo: v.contractNo?.trim() ? v.contractNo.trim() : null,
            reason: v.reason?.trim() ? v.reason.trim() : null,
            version: c.contract.version,
          })
        : api.post(`/ledger/conversions/${c.id}/contract/transition`, {
            action,
            signedOn: v.signedOn ? v.signedOn.format('YYYY-MM-DD') : null,
            reason: v.reason?.trim() ? v.reason.trim() : null,
          }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['ledger'] });
      message.success(`已${TITLES[action!]}`);
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal
      open={action !== null}
      title={action ? TITLES[action] : ''}
      okText="确定"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        save.reset();
        onClose();
      }}
      forceRender
    >
      <Form form={form} layout="vertical" name="contract-action" onFinish={(v) => save.mutate(v)}>
        {action === 'terminate' && (
          <Typography.Paragraph type="secondary">
            终止后，如该成果没有其他生效的转化，将恢复为未转化（转化期限仍自知识产权授权日起算）。
          </Typography.Paragraph>
        )}
        {action === 'sign' && (
          <Form.Item label="签订日期" name="signedOn" rules={[{ required: true, message: '请选择签订日期' }]}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
        )}
        {action === 'register' && (
          <>
            <Form.Item
              label="认定登记编号"
              name="registrationNo"
              rules={[{ required: true, whitespace: true, message: '请填写认定登记编号' }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item
              label="认定登记日期"
              name="registeredOn"
              rules={[{ required: true, message: '请选择认定登记日期' }]}
            >
              <DatePicker disabledDate={notFuture} />
            </Form.Item>
            <Form.Item label="合同编号" name="contractNo">
              <Input maxLength={LEDGER_TEXT.reference.max} />
            </Form.Item>
          </>
        )}
        <Form.Item
          label={action === 'terminate' ? '终止原因' : '说明'}
          name="reason"
          rules={
            action === 'terminate'
              ? [{ required: true, whitespace: true, min: 2, message: '请说明终止原因（至少2个字）' }]
              : []
          }
        >
          <Input.TextArea rows={2} maxLength={LEDGER_TEXT.reason.max} />
        </Form.Item>
        {save.isError && <ErrorAlert error={save.error} />}
      </Form>
    </Modal>
  );
}

export function ContractPanel({ c, editable }: { c: ConversionDetail; editable: boolean }) {
  const [action, setAction] = useState<Action | null>(null);
  const k = c.contract;
  const actions = editable ? (
    <Space wrap>
      {k.status === 'draft' && <Button onClick={() => setAction('sign')}>签订生效</Button>}
      {k.status === 'effective' && <Button onClick={() => setAction('complete')}>履行完毕</Button>}
      {k.status !== 'terminated' && k.signedOn && (
        <Button onClick={() => setAction('register')}>{k.registrationNo ? '修改认定登记' : '登记认定登记'}</Button>
      )}
      {(k.status === 'draft' || k.status === 'effective') && (
        <Button danger onClick={() => setAction('terminate')}>
          终止合同
        </Button>
      )}
    </Space>
  ) : undefined;
  return (
    <Panel title="合同">
      {/* Actions above the fields, not in the header: on a phone they would squeeze the heading. */}
      {actions && <div style={{ marginBottom: 12 }}>{actions}</div>}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'type', label: '合同类别', children: CONTRACT_TYPE_LABELS[k.contractType] },
          { key: 'no', label: '合同编号', children: k.contractNo ?? '—' },
          {
            key: 'seller',
            label: '卖方（技术方）',
            children: k.sellerCreditCode ? `${k.sellerName}（${k.sellerCreditCode}）` : k.sellerName,
          },
          {
            key: 'buyer',
            label: '买方（委托方）',
            children: k.buyerCreditCode ? `${k.buyerName}（${k.buyerCreditCode}）` : k.buyerName,
          },
          { key: 'amount', label: '合同金额', children: formatFen(k.amountFen) },
          { key: 'tech', label: '技术交易额', children: formatFen(k.technologyAmountFen) },
          {
            key: 'methods',
            label: '支付方式',
            children: k.paymentMethods.map((m) => PAYMENT_METHOD_LABELS[m]).join('、'),
          },
          ...(k.royaltyBp !== null
            ? [{ key: 'royalty', label: '提成', children: `${k.royaltyBase ?? ''} 的 ${k.royaltyBp / 100}%` }]
            : []),
          { key: 'signed', label: '签订日期', children: formatDate(k.signedOn) },
          {
            key: 'term',
            label: '合同期限',
            children:
              k.termStartsOn || k.termEndsOn ? `${formatDate(k.termStartsOn)} 至 ${formatDate(k.termEndsOn)}` : '—',
          },
          { key: 'regNo', label: '认定登记编号', children: k.registrationNo ?? '未登记' },
          { key: 'regOn', label: '认定登记日期', children: formatDate(k.registeredOn) },
          ...(k.status === 'terminated'
            ? [
                {
                  key: 'terminated',
                  label: '终止',
                  children: `${formatDate(k.terminatedOn)}：${k.terminationReason ?? ''}`,
                  span: 2,
                },
              ]
            : []),
        ]}
      />
      {editable && !k.signedOn && (
        <Typography.Text type="secondary">合同签订生效后才能登记收款和认定登记编号。</Typography.Text>
      )}
      <ContractModal c={c} action={action} onClose={() => setAction(null)} />
    </Panel>
  );
}
