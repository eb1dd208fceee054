// Received payments and royalty reports. The institution records what it received (措施二: the
// income stays with it): no more than what is outstanding unless marked as an overpayment with a
// reason, never before signing or in the future — the api refuses the same.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { LEDGER_TEXT, SCHEDULE_ITEM_KIND_LABELS } from '../../../../domain/constants/ledger.js';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { MoneyInput, moneyRules } from '../../components/MoneyInput.js';
import { Panel } from '../../components/Panel.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { dayjs, formatDate, formatFen, todayInShanghai } from '../../format.js';
import { useToast } from '../../toast.js';
import { DocumentList } from '../dossiers/DocumentsPanel.js';
import type { ConversionDetail, LedgerPayment } from './types.js';

const notFuture = (d: Dayjs) => d.format('YYYY-MM-DD') > todayInShanghai();

interface PaymentValues {
  scheduleItemId?: string;
  amountFen: number;
  receivedOn: Dayjs;
  payerName: string;
  evidenceRef?: string;
  overpayment: boolean;
  overpaymentReason?: string;
  note?: string;
}

function lineLabel(c: ConversionDetail, id: string | null) {
  const s = c.schedule.find((l) => l.id === id);
  return s ? `第 ${s.seq} 期${SCHEDULE_ITEM_KIND_LABELS[s.kind]}` : '未对应计划';
}

function PaymentModal({ c, open, onClose }: { c: ConversionDetail; open: boolean; onClose: () => void }) {
  const message = useToast();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PaymentValues>();
  const overpayment = Form.useWatch('overpayment', form);
  const lineId = Form.useWatch('scheduleItemId', form);
  const line = c.schedule.find((l) => l.id === lineId);
  const open_ = c.schedule.filter((l) => l.outstandingFen > 0);
  const save = useMutation({
    mutationFn: (v: PaymentValues) =>
      api.post<ConversionDetail>(`/ledger/conversions/${c.id}/payments`, {
        scheduleItemId: v.scheduleItemId ?? null,
        amountFen: v.amountFen,
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        payerName: v.payerName.trim(),
        evidenceRef: v.evidenceRef?.trim() ?? '',
        overpayment: v.overpayment,
        overpaymentReason: v.overpayment ? (v.overpaymentReason?.trim() ?? null) : null,
        note: v.note?.trim() ?? '',
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['ledger', 'conversion', c.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['ledger'] });
      message.success('已登记收款');
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title="登记收款"
      okText="登记"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        save.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Form<PaymentValues>
        form={form}
        layout="vertical"
        name="payment"
        initialValues={{
          scheduleItemId: open_[0]?.id,
          amountFen: open_[0]?.outstandingFen,
          receivedOn: dayjs(todayInShanghai()),
          payerName: c.counterpartyName,
          overpayment: false,
        }}
        onValuesChange={(changed: Partial<PaymentValues>) => {
          const l = c.schedule.find((s) => s.id === changed.scheduleItemId);
          if (l) form.setFieldsValue({ amountFen: l.outstandingFen });
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          label="对应款项"
          name="scheduleItemId"
          extra={line ? `未收 ${formatFen(line.outstandingFen)}` : '不选则计入合同总额'}
        >
          <Select
            allowClear
            options={c.schedule.map((l) => ({
              value: l.id,
              label: `${lineLabel(c, l.id)}（未收 ${formatFen(l.outstandingFen)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item label="收款金额" name="amountFen" rules={moneyRules('收款金额', { required: true, minFen: 1 })}>
          <MoneyInput />
        </Form.Item>
        <Form.Item label="收款日期" name="receivedOn" rules={[{ required: true, message: '请选择收款日期' }]}>
          <DatePicker disabledDate={notFuture} />
        </Form.Item>
        <Form.Item
          label="付款方"
          name="payerName"
          rules={[{ required: true, whitespace: true, min: 2, message: '请填写付款方（至少2个字）' }]}
        >
          <Input maxLength={LEDGER_TEXT.name.max} />
        </Form.Item>
        <Form.Item label="凭证编号" name="evidenceRef" extra="如银行回单号">
          <Input maxLength={LEDGER_TEXT.reference.max} />
        </Form.Item>
        <Form.Item name="overpayment" valuePropName="checked">
          <Checkbox>超额支付（超过未收金额）</Checkbox>
        </Form.Item>
        {overpayment && (
          <Form.Item
            label="超额原因"
            name="overpaymentReason"
            rules={[{ required: true, whitespace: true, min: 2, message: '请说明超额支付的原因（至少2个字）' }]}
          >
            <Input.TextArea rows={2} maxLength={LEDGER_TEXT.reason.max} />
          </Form.Item>
        )}
        <Form.Item label="备注" name="note">
          <Input maxLength={LEDGER_TEXT.note.max} />
        </Form.Item>
        {save.isError && <ErrorAlert error={save.error} />}
      </Form>
    </Modal>
  );
}

interface RoyaltyValues {
  scheduleItemId: string;
  periodStartsOn: Dayjs;
  periodEndsOn: Dayjs;
  salesFen: number;
  royaltyFen?: number | null;
  reportedOn: Dayjs;
}

function RoyaltyModal({ c, open, onClose }: { c: ConversionDetail; open: boolean; onClose: () => void }) {
  const message = useToast();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RoyaltyValues>();
  const periods = c.schedule.filter((l) => l.kind === 'royalty');
  const save = useMutation({
    mutationFn: (v: RoyaltyValues) =>
      api.post<ConversionDetail>(`/ledger/conversions/${c.id}/royalty-reports`, {
        scheduleItemId: v.scheduleItemId,
        periodStartsOn: v.periodStartsOn.format('YYYY-MM-DD'),
        periodEndsOn: v.periodEndsOn.format('YYYY-MM-DD'),
        salesFen: v.salesFen,
        royaltyFen: v.royaltyFen ?? null,
        reportedOn: v.reportedOn.format('YYYY-MM-DD'),
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['ledger', 'conversion', c.id], updated);
      message.success('已登记提成报告');
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title="登记提成报告"
      okText="登记"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<RoyaltyValues>
        form={form}
        layout="vertical"
        name="royalty"
        initialValues={{ reportedOn: dayjs(todayInShanghai()) }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item label="提成期" name="scheduleItemId" rules={[{ required: true, message: '请选择提成期' }]}>
          <Select options={periods.map((l) => ({ value: l.id, label: lineLabel(c, l.id) }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item label="销售期间自" name="periodStartsOn" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item label="销售期间至" name="periodEndsOn" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item label="销售额" name="salesFen" rules={moneyRules('销售额', { required: true, minFen: 0 })}>
          <MoneyInput />
        </Form.Item>
        <Form.Item
          label="提成金额"
          name="royaltyFen"
          extra="不填则按合同提成比例计算"
          rules={moneyRules('提成金额', { minFen: 0 })}
        >
          <MoneyInput />
        </Form.Item>
        <Form.Item label="报告日期" name="reportedOn" rules={[{ required: true, message: '请选择报告日期' }]}>
          <DatePicker disabledDate={notFuture} />
        </Form.Item>
        {save.isError && <ErrorAlert error={save.error} />}
      </Form>
    </Modal>
  );
}

/** 措施十四: a payment's evidence (bank slip, invoice) — uploaded by the institution, read by the parties. */
function EvidenceModal({
  payment,
  editable,
  onClose,
}: {
  payment: LedgerPayment;
  editable: boolean;
  onClose: () => void;
}) {
  return (
    <Modal
      open
      title={`付款凭证：${formatDate(payment.receivedOn)} 收款 ${formatFen(payment.amountFen)}`}
      footer={null}
      onCancel={onClose}
      width={760}
      destroyOnHidden
    >
      <DocumentList
        subject="ledger/payments"
        id={payment.id}
        kinds={['payment_evidence', 'other']}
        editable={editable}
        label="付款凭证"
      />
    </Modal>
  );
}

export function PaymentsPanel({ c, editable }: { c: ConversionDetail; editable: boolean }) {
  const [evidenceOf, setEvidenceOf] = useState<LedgerPayment | null>(null);
  const [paying, setPaying] = useState(false);
  const [reporting, setReporting] = useState(false);
  const canPay = editable && c.contract.signedOn !== null && c.contract.status !== 'draft';
  const hasRoyalty = c.schedule.some((l) => l.kind === 'royalty');
  return (
    <>
      <Panel
        title="收款记录"
        extra={
          canPay ? (
            <Button type="primary" onClick={() => setPaying(true)}>
              登记收款
            </Button>
          ) : undefined
        }
      >
        <ResponsiveTable<LedgerPayment>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={c.payments}
          scroll={{ x: 'max-content' }}
          aria-label="收款记录"
          locale={{ emptyText: '尚无收款' }}
          columns={[
            { title: '收款日期', dataIndex: 'receivedOn', render: (v: string) => formatDate(v) },
            { title: '金额', dataIndex: 'amountFen', render: (v: number) => formatFen(v) },
            { title: '对应款项', dataIndex: 'scheduleItemId', render: (v: string | null) => lineLabel(c, v) },
            { title: '付款方', dataIndex: 'payerName' },
            { title: '凭证编号', dataIndex: 'evidenceRef', render: (v: string) => v || '—' },
            {
              title: '说明',
              key: 'note',
              render: (_, p) =>
                [p.overpayment ? `超额支付：${p.overpaymentReason ?? ''}` : '', p.note].filter(Boolean).join('；') ||
                '—',
            },
            {
              title: '凭证文件',
              key: 'evidence',
              render: (_, p) => (
                <Button
                  size="small"
                  onClick={() => setEvidenceOf(p)}
                  aria-label={`${formatDate(p.receivedOn)}收款的凭证文件`}
                >
                  {editable ? '查看与上传' : '查看'}
                </Button>
              ),
            },
          ]}
        />
        {evidenceOf && <EvidenceModal payment={evidenceOf} editable={editable} onClose={() => setEvidenceOf(null)} />}
        <Typography.Paragraph style={{ margin: '12px 0 0' }}>累计收款 {formatFen(c.receivedFen)}</Typography.Paragraph>
        {/* Mounted per opening: each one starts from the lines still open now. */}
        {editable && paying && <PaymentModal c={c} open onClose={() => setPaying(false)} />}
      </Panel>
      {(hasRoyalty || c.royaltyReports.length > 0) && (
        <Panel
          title="提成报告"
          extra={editable && hasRoyalty ? <Button onClick={() => setReporting(true)}>登记提成报告</Button> : undefined}
        >
          <ResponsiveTable
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={c.royaltyReports}
            aria-label="提成报告"
            locale={{ emptyText: '尚无提成报告' }}
            columns={[
              { title: '提成期', dataIndex: 'scheduleItemId', render: (v: string) => lineLabel(c, v) },
              {
                title: '销售期间',
                key: 'period',
                render: (_, r) => `${formatDate(r.periodStartsOn)} 至 ${formatDate(r.periodEndsOn)}`,
              },
              { title: '销售额', dataIndex: 'salesFen', render: (v: number) => formatFen(v) },
              { title: '提成金额', dataIndex: 'royaltyFen', render: (v: number) => formatFen(v) },
              { title: '报告日期', dataIndex: 'reportedOn', render: (v: string) => formatDate(v) },
            ]}
          />
          {editable && reporting && <RoyaltyModal c={c} open onClose={() => setReporting(false)} />}
        </Panel>
      )}
    </>
  );
}
