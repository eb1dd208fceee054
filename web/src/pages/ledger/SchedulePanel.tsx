// The expected schedule: instalments, royalty periods (amount reported later) and the equity
// consideration. The institution sets it; fixed lines add up to the contract amount unless the
// contract is royalty-based (then they may not exceed it) — the api checks the same (domain/ledger-money.ts).
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  LEDGER_TEXT,
  SCHEDULE_ITEM_KIND_LABELS,
  type ScheduleItemKind,
  type ScheduleItemState,
} from '../../../../domain/constants/ledger.js';
import { isRoyaltyBased } from '../../../../domain/ledger-money.js';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { MoneyInput, moneyRules } from '../../components/MoneyInput.js';
import { Panel } from '../../components/Panel.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { dayjs, formatDate, formatFen, optionsOf } from '../../format.js';
import { useToast } from '../../toast.js';
import { LineStateTag } from './shared.js';
import type { ConversionDetail, ScheduleLine } from './types.js';

interface Line {
  kind: ScheduleItemKind;
  amountFen?: number | null;
  dueOn?: Dayjs | null;
  periodStartsOn?: Dayjs | null;
  periodEndsOn?: Dayjs | null;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const pick = (s: string | null) => (s ? dayjs(s) : null);

function ScheduleEditor({ c, open, onClose }: { c: ConversionDetail; open: boolean; onClose: () => void }) {
  const message = useToast();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ items: Line[]; reason?: string }>();
  const items = Form.useWatch('items', form) ?? [];
  const royalty = isRoyaltyBased(c.contract.paymentMethods);
  const fixed = items.reduce(
    (sum, l) =>
      sum + (l?.kind !== 'royalty' && typeof l?.amountFen === 'number' && !Number.isNaN(l.amountFen) ? l.amountFen : 0),
    0,
  );
  const save = useMutation({
    mutationFn: (v: { items: Line[]; reason?: string }) =>
      api.put<ConversionDetail>(`/ledger/conversions/${c.id}/schedule`, {
        items: v.items.map((l) => ({
          kind: l.kind,
          amountFen: l.amountFen ?? null,
          dueOn: day(l.dueOn),
          periodStartsOn: l.kind === 'royalty' ? day(l.periodStartsOn) : null,
          periodEndsOn: l.kind === 'royalty' ? day(l.periodEndsOn) : null,
        })),
        reason: v.reason?.trim() ? v.reason.trim() : null,
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['ledger', 'conversion', c.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['ledger'] });
      message.success('已保存付款计划');
      onClose();
    },
  });
  const initial: Line[] = c.schedule.length
    ? c.schedule.map((s) => ({
        kind: s.kind,
        amountFen: s.amountFen,
        dueOn: pick(s.dueOn),
        periodStartsOn: pick(s.periodStartsOn),
        periodEndsOn: pick(s.periodEndsOn),
      }))
    : [{ kind: 'instalment', amountFen: c.contract.amountFen, dueOn: null }];
  const kinds = royalty ? undefined : (['instalment', 'equity'] as const);
  return (
    <Modal
      open={open}
      title="设置付款计划"
      okText="保存"
      cancelText="取消"
      width={760}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        save.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        name="schedule"
        initialValues={{ items: initial }}
        onFinish={(v) => save.mutate(v)}
      >
        <Typography.Paragraph type="secondary">
          合同金额 {formatFen(c.contract.amountFen)}；
          {royalty ? '提成期的金额在报告销售额后确定，固定款项合计不得超过合同金额。' : '各期金额合计须等于合同金额。'}
          已收款的合同不能整体替换付款计划。
        </Typography.Paragraph>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} wrap align="start" style={{ borderBottom: '1px solid #f0f0f0', marginBottom: 8 }}>
                  <Form.Item
                    label={`第${i + 1}期类型`}
                    name={[f.name, 'kind']}
                    rules={[{ required: true, message: '请选择类型' }]}
                  >
                    <Select style={{ width: 120 }} options={optionsOf(SCHEDULE_ITEM_KIND_LABELS, kinds)} />
                  </Form.Item>
                  <Form.Item
                    label={`第${i + 1}期金额`}
                    name={[f.name, 'amountFen']}
                    rules={moneyRules('金额', { required: items[i]?.kind !== 'royalty', minFen: 0 })}
                  >
                    <MoneyInput style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item label={`第${i + 1}期到期日`} name={[f.name, 'dueOn']}>
                    <DatePicker />
                  </Form.Item>
                  {items[i]?.kind === 'royalty' && (
                    <>
                      <Form.Item label={`第${i + 1}期提成期自`} name={[f.name, 'periodStartsOn']}>
                        <DatePicker />
                      </Form.Item>
                      <Form.Item label={`第${i + 1}期提成期至`} name={[f.name, 'periodEndsOn']}>
                        <DatePicker />
                      </Form.Item>
                    </>
                  )}
                  <Button
                    type="text"
                    aria-label={`删除第${i + 1}期`}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                    style={{ marginTop: 30 }}
                  />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'instalment', amountFen: null, dueOn: null })}>
                增加一期
              </Button>
            </>
          )}
        </Form.List>
        <Alert
          style={{ margin: '12px 0' }}
          type={!royalty && fixed !== c.contract.amountFen ? 'warning' : 'info'}
          title={`固定款项合计 ${formatFen(fixed)}，合同金额 ${formatFen(c.contract.amountFen)}`}
        />
        <Form.Item label="修改原因" name="reason">
          <Input.TextArea rows={2} maxLength={LEDGER_TEXT.reason.max} />
        </Form.Item>
        {save.isError && <ErrorAlert error={save.error} />}
      </Form>
    </Modal>
  );
}

export function SchedulePanel({ c, editable }: { c: ConversionDetail; editable: boolean }) {
  const [open, setOpen] = useState(false);
  const locked = c.payments.length > 0;
  return (
    <Panel
      title="付款计划"
      extra={
        editable && !locked && c.contract.status !== 'terminated' ? (
          <Button onClick={() => setOpen(true)}>{c.schedule.length ? '修改付款计划' : '设置付款计划'}</Button>
        ) : undefined
      }
    >
      <ResponsiveTable<ScheduleLine>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={c.schedule}
        scroll={{ x: 'max-content' }}
        aria-label="付款计划"
        locale={{ emptyText: '尚未设置付款计划' }}
        columns={[
          { title: '期次', dataIndex: 'seq', render: (v: number) => `第 ${v} 期` },
          { title: '款项', dataIndex: 'kind', render: (v: ScheduleItemKind) => SCHEDULE_ITEM_KIND_LABELS[v] },
          {
            title: '应付金额',
            dataIndex: 'amountFen',
            render: (v: number | null, s) => (v === null ? (s.kind === 'royalty' ? '按提成报告' : '—') : formatFen(v)),
          },
          {
            title: '到期日 / 提成期',
            key: 'due',
            render: (_, s) =>
              s.kind === 'royalty' && s.periodStartsOn
                ? `${formatDate(s.periodStartsOn)} 至 ${formatDate(s.periodEndsOn)}${s.dueOn ? `，${formatDate(s.dueOn)} 前付` : ''}`
                : formatDate(s.dueOn),
          },
          { title: '已收', dataIndex: 'receivedFen', render: (v: number) => formatFen(v) },
          { title: '未收', dataIndex: 'outstandingFen', render: (v: number) => formatFen(v) },
          { title: '状态', dataIndex: 'state', render: (v: ScheduleItemState) => <LineStateTag state={v} /> },
        ]}
      />
      {editable && open && <ScheduleEditor c={c} open onClose={() => setOpen(false)} />}
    </Panel>
  );
}
