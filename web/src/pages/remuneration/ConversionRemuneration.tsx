// One conversion's 奖励和报酬 (措施三、十二): income received, costs (each with its document),
// net income, the team's share, the received payments still to compute, and the computed rewards.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  CONVERSION_COST_KIND_LABELS,
  CONVERSION_FUNDING_SOURCE_LABELS,
  HORIZONTAL_SURPLUS_FLOOR_BP,
  REMUNERATION_ENTRY_STATUS_LABELS,
  REMUNERATION_FORM_LABELS,
  type ConversionCostKind,
  type ConversionFundingSource,
} from '../../../../domain/constants/remuneration.js';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { MoneyInput, moneyRules } from '../../components/MoneyInput.js';
import { Panel } from '../../components/Panel.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { dayjs, formatFen, optionsOf, todayInShanghai } from '../../format.js';
import { useToast } from '../../toast.js';
import { DecisionFields, decisionPayload, type DecisionValues } from './DecisionFields.js';
import { percent, type ConversionCost, type ConversionRemuneration, type RemunerationEntry } from './types.js';

const key = (id: string) => ['remuneration', 'conversion', id] as const;

interface CostValues {
  kind: ConversionCostKind;
  amountFen: number;
  incurredOn: Dayjs;
  evidenceRef: string;
  note?: string;
}

function CostsPanel({ id }: { id: string }) {
  const message = useToast();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<CostValues>();
  const q = useQuery({
    queryKey: [...key(id), 'costs'],
    queryFn: ({ signal }) => api.get<{ items: ConversionCost[] }>(`/remuneration/conversions/${id}/costs`, {}, signal),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key(id) });
  const add = useMutation({
    mutationFn: (v: CostValues) =>
      api.post(`/remuneration/conversions/${id}/costs`, {
        kind: v.kind,
        amountFen: v.amountFen,
        incurredOn: v.incurredOn.format('YYYY-MM-DD'),
        evidenceRef: v.evidenceRef.trim(),
        note: v.note?.trim() ?? '',
      }),
    onSuccess: () => {
      message.success('已登记费用');
      setOpen(false);
      refresh();
    },
  });
  const [reversing, setReversing] = useState<ConversionCost | null>(null);
  const [reason, setReason] = useState('');
  const reverse = useMutation({
    mutationFn: (costId: string) =>
      api.post(`/remuneration/conversions/${id}/costs/${costId}/reverse`, { reason: reason.trim() }),
    onSuccess: () => {
      message.success('已冲销');
      setReversing(null);
      setReason('');
      refresh();
    },
  });
  const reversed = new Set((q.data?.items ?? []).map((c) => c.reversesId).filter(Boolean));
  return (
    <Panel
      title="转化费用"
      extra={
        <Button onClick={() => setOpen(true)} type="primary">
          登记费用
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        净收入 = 已到账收入 −
        费用（专利申请费、维持费、评估费、中介佣金、税费等）。每笔费用须有凭证；登记有误的费用以冲销记录更正。
      </Typography.Paragraph>
      {reverse.isError && <ErrorAlert error={reverse.error} />}
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <ResponsiveTable<ConversionCost>
          rowKey="id"
          dataSource={q.data.items}
          pagination={false}
          columns={[
            { title: '日期', dataIndex: 'incurredOn' },
            { title: '类别', render: (_: unknown, c) => CONVERSION_COST_KIND_LABELS[c.kind] },
            { title: '金额', render: (_: unknown, c) => formatFen(c.amountFen) },
            { title: '凭证', dataIndex: 'evidenceRef' },
            {
              title: '',
              render: (_: unknown, c) =>
                c.reversesId ? (
                  <Tag>冲销</Tag>
                ) : reversed.has(c.id) ? (
                  <Tag>已冲销</Tag>
                ) : (
                  <Button size="small" onClick={() => setReversing(c)}>
                    冲销
                  </Button>
                ),
            },
          ]}
        />
      )}
      <Modal
        open={reversing !== null}
        title="冲销费用"
        okText="冲销"
        cancelText="取消"
        okButtonProps={{ disabled: reason.trim().length === 0 }}
        confirmLoading={reverse.isPending}
        onOk={() => reversing && reverse.mutate(reversing.id)}
        onCancel={() => setReversing(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {reversing &&
            `${CONVERSION_COST_KIND_LABELS[reversing.kind]} ${formatFen(reversing.amountFen)}（${reversing.evidenceRef}）`}
          ：原记录保留，另记一笔负数冲销记录。
        </Typography.Paragraph>
        <Input.TextArea
          aria-label="冲销理由"
          placeholder="冲销理由（必填）"
          rows={2}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
      <Modal
        open={open}
        title="登记转化费用"
        okText="登记"
        cancelText="取消"
        confirmLoading={add.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form<CostValues>
          form={form}
          layout="vertical"
          name="cost"
          initialValues={{ kind: 'patent_fee', incurredOn: dayjs(todayInShanghai()) }}
          onFinish={(v) => add.mutate(v)}
        >
          <Form.Item label="类别" name="kind" rules={[{ required: true }]}>
            <Select options={optionsOf(CONVERSION_COST_KIND_LABELS)} />
          </Form.Item>
          <Form.Item label="金额" name="amountFen" rules={moneyRules('金额', { required: true, minFen: 1 })}>
            <MoneyInput unit="yuan" />
          </Form.Item>
          <Form.Item label="发生日期" name="incurredOn" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') > todayInShanghai()} />
          </Form.Item>
          <Form.Item
            label="凭证编号"
            name="evidenceRef"
            rules={[{ required: true, whitespace: true, message: '请填写发票号、缴费收据号等凭证' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label="备注" name="note">
            <Input maxLength={1000} />
          </Form.Item>
          {add.isError && <ErrorAlert error={add.error} />}
        </Form>
      </Modal>
    </Panel>
  );
}

interface TermsValues extends DecisionValues {
  funding: ConversionFundingSource;
  agreedPct?: number;
  justification?: string;
}

function TermsForm({ r, onDone }: { r: ConversionRemuneration; onDone: () => void }) {
  const [form] = Form.useForm<TermsValues>();
  const funding = Form.useWatch('funding', form);
  const pct = Form.useWatch('agreedPct', form);
  const save = useMutation({
    mutationFn: (v: TermsValues) =>
      api.put(`/remuneration/conversions/${r.conversionId}/terms`, {
        funding: v.funding,
        agreedShareBp: v.funding === 'horizontal_surplus' ? Math.round((v.agreedPct ?? 0) * 100) : null,
        justification: v.justification?.trim() || null,
        ...decisionPayload(v),
      }),
    onSuccess: onDone,
  });
  return (
    <Form<TermsValues>
      form={form}
      layout="vertical"
      name="terms"
      style={{ maxWidth: 560 }}
      initialValues={{
        funding: r.terms?.funding ?? 'standard',
        agreedPct: (r.terms?.agreedShareBp ?? r.policy?.horizontalMinShareBp ?? HORIZONTAL_SURPLUS_FLOOR_BP) / 100,
      }}
      onFinish={(v) => save.mutate(v)}
    >
      <Form.Item label="出资方式" name="funding">
        <Select options={optionsOf(CONVERSION_FUNDING_SOURCE_LABELS)} />
      </Form.Item>
      {funding === 'horizontal_surplus' && (
        <Form.Item label="约定的科研人员收益占比（%）" name="agreedPct" extra="措施三：原则上不低于 90%">
          <InputNumber min={0} max={100} precision={2} />
        </Form.Item>
      )}
      {funding === 'horizontal_surplus' && typeof pct === 'number' && pct * 100 < HORIZONTAL_SURPLUS_FLOOR_BP && (
        <Form.Item
          label="低于 90% 的理由"
          name="justification"
          rules={[{ required: true, whitespace: true, message: '低于 90% 须写明理由（措施三）' }]}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      )}
      <DecisionFields />
      {save.isError && <ErrorAlert error={save.error} />}
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        保存约定
      </Button>
    </Form>
  );
}

export default function ConversionRemunerationPage() {
  const { id = '' } = useParams();
  const message = useToast();
  const queryClient = useQueryClient();
  const [editTerms, setEditTerms] = useState(false);
  const q = useQuery({
    queryKey: key(id),
    queryFn: ({ signal }) => api.get<ConversionRemuneration>(`/remuneration/conversions/${id}`, {}, signal),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['remuneration'] });
  const compute = useMutation({
    mutationFn: (paymentId: string | null) =>
      paymentId
        ? api.post(`/remuneration/payments/${paymentId}/award`)
        : api.post(`/remuneration/conversions/${id}/equity-award`),
    onSuccess: () => {
      message.success('已计算奖励，待审批');
      refresh();
    },
  });
  useEffect(() => {
    document.title = '转化奖励 - 辽宁省双向揭榜挂帅科技成果交易平台';
  }, []);
  if (q.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const r = q.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 1100 }}>
      <Link to="/my/remuneration">← 转化奖励</Link>
      <Typography.Title level={1} style={{ margin: 0 }}>
        转化奖励：{r.counterpartyName}
      </Typography.Title>
      <Panel title="收入与净收入">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="已到账收入">{formatFen(r.receivedFen)}</Descriptions.Item>
          <Descriptions.Item label="费用">{formatFen(r.costsFen)}</Descriptions.Item>
          <Descriptions.Item label="净收入">{formatFen(r.netIncomeFen)}</Descriptions.Item>
          <Descriptions.Item label="团队比例（现金 / 股权）">
            {percent(r.cashShareBp)} / {percent(r.equityShareBp)}
          </Descriptions.Item>
          <Descriptions.Item label="出资方式">
            {CONVERSION_FUNDING_SOURCE_LABELS[r.terms?.funding ?? 'standard']}
            {r.terms?.agreedShareBp != null ? `，约定科研人员占比 ${percent(r.terms.agreedShareBp)}` : ''}
          </Descriptions.Item>
        </Descriptions>
        {!r.policy && <Alert type="warning" showIcon title="本单位尚未设置奖励政策，不能计算奖励" />}
        {editTerms ? (
          <TermsForm
            r={r}
            onDone={() => {
              setEditTerms(false);
              message.success('已保存收益分配约定');
              refresh();
            }}
          />
        ) : (
          <Button onClick={() => setEditTerms(true)}>登记出资方式与收益分配约定（措施三）</Button>
        )}
      </Panel>
      <CostsPanel id={id} />
      <Panel title="待计算奖励的到账收入">
        {compute.isError && <ErrorAlert error={compute.error} />}
        {r.uncomputedPayments.length === 0 && !r.equityPending ? (
          <Typography.Text type="secondary">每笔已到账收入都已计算奖励。</Typography.Text>
        ) : (
          <Space orientation="vertical">
            {r.uncomputedPayments.map((p) => (
              <Space key={p.id}>
                <span>
                  {p.receivedOn} 到账 {formatFen(p.amountFen)}
                </span>
                <Button
                  type="primary"
                  size="small"
                  loading={compute.isPending && compute.variables === p.id}
                  onClick={() => compute.mutate(p.id)}
                >
                  计算奖励
                </Button>
              </Space>
            ))}
            {r.equityPending && (
              <Button onClick={() => compute.mutate(null)} loading={compute.isPending && compute.variables === null}>
                计算作价投资股权奖励
              </Button>
            )}
          </Space>
        )}
      </Panel>
      <Panel title="奖励记录">
        <ResponsiveTable<RemunerationEntry>
          rowKey="id"
          dataSource={r.entries}
          pagination={false}
          columns={[
            { title: '成员', dataIndex: 'memberName' },
            { title: '形式', render: (_: unknown, e) => REMUNERATION_FORM_LABELS[e.form] },
            { title: '贡献份额', render: (_: unknown, e) => percent(e.shareBp) },
            {
              title: '金额',
              render: (_: unknown, e) =>
                `${formatFen(e.amountFen)}${e.shares !== null ? `（${e.shares} 股）` : ''}${e.correctsId ? '（更正）' : ''}`,
            },
            { title: '状态', render: (_: unknown, e) => REMUNERATION_ENTRY_STATUS_LABELS[e.status] },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          审批与发放请到 <Link to="/my/remuneration">转化奖励</Link>。
        </Typography.Paragraph>
      </Panel>
    </Space>
  );
}
