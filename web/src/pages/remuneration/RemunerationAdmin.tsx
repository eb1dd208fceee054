// The institution's 科技成果转化奖励和报酬 (措施三、十二): its reward policy (each change a new version
// with its decision), the rewards to approve and to pay, those paid, and the 正职 list kept apart for
// the institution's own procedure. A conversion's costs and rewards are on its own page.
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
  Skeleton,
  Space,
  Tabs,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import {
  HORIZONTAL_SURPLUS_FLOOR_BP,
  type RemunerationEntryStatus,
} from '../../../../domain/constants/remuneration.js';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { dayjs, formatDateTime, formatFen, todayInShanghai } from '../../format.js';
import { useToast } from '../../toast.js';
import type { ConversionSummary } from '../ledger/types.js';
import { DecisionFields, decisionPayload, type DecisionValues } from './DecisionFields.js';
import { percent, type RemunerationPolicy, type RemunerationQueueItem } from './types.js';

const KEY = ['remuneration'] as const;

interface PolicyValues extends DecisionValues {
  cashPct: number;
  equityPct: number;
  horizontalPct: number;
  horizontalJustification?: string;
}

const bp = (pct: number) => Math.round(pct * 100);

function PolicyPanel() {
  const message = useToast();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<PolicyValues>();
  const horizontal = Form.useWatch('horizontalPct', form);
  const q = useQuery({
    queryKey: [...KEY, 'policy'],
    queryFn: ({ signal }) =>
      api.get<{ current: RemunerationPolicy | null; history: RemunerationPolicy[] }>(
        '/remuneration/policy',
        {},
        signal,
      ),
  });
  const save = useMutation({
    mutationFn: (v: PolicyValues) =>
      api.put<RemunerationPolicy>('/remuneration/policy', {
        cashShareBp: bp(v.cashPct),
        equityShareBp: bp(v.equityPct),
        horizontalMinShareBp: bp(v.horizontalPct),
        horizontalJustification: v.horizontalJustification?.trim() || null,
        ...decisionPayload(v),
      }),
    onSuccess: () => {
      message.success('奖励政策已保存（新版本）');
      setEditing(false);
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
  });
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const p = q.data.current;
  return (
    <Panel
      title="奖励政策"
      extra={
        !editing && (
          <Button type="primary" onClick={() => setEditing(true)}>
            {p ? '修改政策' : '设置政策'}
          </Button>
        )
      }
    >
      {p ? (
        <Descriptions column={1} size="small" data-testid="policy-current">
          <Descriptions.Item label="转让、许可净收入奖励团队（措施十二）">{percent(p.cashShareBp)}</Descriptions.Item>
          <Descriptions.Item label="作价投资股份或出资比例奖励团队（措施十二）">
            {percent(p.equityShareBp)}
          </Descriptions.Item>
          <Descriptions.Item label="横向结余经费出资转化的科研人员最低占比（措施三）">
            {percent(p.horizontalMinShareBp)}
            {p.horizontalJustification ? `（低于90%的理由：${p.horizontalJustification}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="版本">
            第 {p.version} 版，{formatDateTime(p.createdAt)}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Alert type="warning" showIcon title="尚未设置奖励政策：设置后才能从到账收入计算奖励" />
      )}
      {editing && (
        <Form<PolicyValues>
          form={form}
          layout="vertical"
          name="policy"
          style={{ maxWidth: 560, marginTop: 16 }}
          initialValues={{
            cashPct: (p?.cashShareBp ?? 7000) / 100,
            equityPct: (p?.equityShareBp ?? 7000) / 100,
            horizontalPct: (p?.horizontalMinShareBp ?? HORIZONTAL_SURPLUS_FLOOR_BP) / 100,
          }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item
            label="转让、许可净收入中奖励成果完成人（团队）的比例（%）"
            name="cashPct"
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={100} precision={2} />
          </Form.Item>
          <Form.Item
            label="作价投资取得的股份或出资比例中奖励团队的比例（%）"
            name="equityPct"
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={100} precision={2} />
          </Form.Item>
          <Form.Item
            label="横向科研项目结余经费出资转化时科研人员的最低收益占比（%）"
            name="horizontalPct"
            extra="措施三：科研人员占比原则上不低于 90%"
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={100} precision={2} />
          </Form.Item>
          {typeof horizontal === 'number' && bp(horizontal) < HORIZONTAL_SURPLUS_FLOOR_BP && (
            <Form.Item
              label="低于 90% 的理由"
              name="horizontalJustification"
              rules={[{ required: true, whitespace: true, message: '低于 90% 须写明理由（措施三）' }]}
            >
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          )}
          <DecisionFields />
          {save.isError && <ErrorAlert error={save.error} />}
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
            <Button onClick={() => setEditing(false)}>取消</Button>
          </Space>
        </Form>
      )}
    </Panel>
  );
}

interface PayValues extends DecisionValues {
  paidOn: Dayjs;
  paidRef: string;
}

function EntryQueue({ status }: { status: RemunerationEntryStatus }) {
  const message = useToast();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<PayValues>();
  const q = useQuery({
    queryKey: [...KEY, 'entries', status],
    queryFn: ({ signal }) => api.get<{ items: RemunerationQueueItem[] }>('/remuneration/entries', { status }, signal),
  });
  const act = useMutation({
    mutationFn: (v: PayValues) =>
      status === 'pending'
        ? api.post('/remuneration/entries/approve', { entryIds: selected, ...decisionPayload(v) })
        : api.post('/remuneration/entries/pay', {
            entryIds: selected,
            paidOn: v.paidOn.format('YYYY-MM-DD'),
            paidRef: v.paidRef.trim(),
            ...decisionPayload(v),
          }),
    onSuccess: () => {
      message.success(status === 'pending' ? '已审批' : '已标记为已发放');
      setOpen(false);
      setSelected([]);
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
  });
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const actionable = status === 'pending' || status === 'approved';
  const verb = status === 'pending' ? '审批' : '标记已发放';
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {status === 'separate' && (
        <Alert
          type="warning"
          showIcon
          title="正职领导的奖励不在平台自动审批或发放"
          description="措施十二的奖励和报酬适用于科研单位副职领导及以下的科技人员；以下正职领导成员的份额按本单位另行规定的程序办理。"
        />
      )}
      {actionable && (
        <Button type="primary" disabled={selected.length === 0} onClick={() => setOpen(true)}>
          {verb}所选（{selected.length}）
        </Button>
      )}
      <ResponsiveTable<RemunerationQueueItem>
        rowKey="id"
        dataSource={q.data.items}
        pagination={false}
        rowSelection={
          actionable ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) } : undefined
        }
        columns={[
          { title: '成员', dataIndex: 'memberName' },
          {
            title: '成果 / 合同',
            render: (_: unknown, e) => (
              <Link to={`/my/remuneration/conversions/${e.conversionId}`}>
                {e.resultTitle ?? '—'}
                {e.contractTitle ? ` / ${e.contractTitle}` : ''}
              </Link>
            ),
          },
          { title: '收入到账日', dataIndex: 'incomeOn' },
          { title: '贡献份额', render: (_: unknown, e) => percent(e.shareBp) },
          {
            title: '金额',
            render: (_: unknown, e) =>
              `${formatFen(e.amountFen)}${e.shares !== null ? `（${e.shares} 股）` : ''}${e.correctsId ? '（更正）' : ''}`,
          },
          ...(status === 'paid' ? [{ title: '发放日期', dataIndex: 'paidOn' }] : []),
        ]}
      />
      <Modal
        open={open}
        title={`${verb} ${selected.length} 项奖励`}
        okText={verb}
        cancelText="取消"
        confirmLoading={act.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form<PayValues>
          form={form}
          layout="vertical"
          name={`entries-${status}`}
          initialValues={{ paidOn: dayjs(todayInShanghai()) }}
          onFinish={(v) => act.mutate(v)}
        >
          {status === 'approved' && (
            <>
              <Form.Item label="发放日期" name="paidOn" rules={[{ required: true, message: '请选择发放日期' }]}>
                <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') > todayInShanghai()} />
              </Form.Item>
              <Form.Item
                label="发放凭证"
                name="paidRef"
                rules={[
                  { required: true, whitespace: true, message: '请填写发放凭证（如工资发放批次号、股权登记编号）' },
                ]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
          <DecisionFields bodyPlaceholder={status === 'pending' ? '如：校长办公会' : '如：财务处'} />
          {act.isError && <ErrorAlert error={act.error} />}
        </Form>
      </Modal>
    </Space>
  );
}

function Conversions() {
  const q = useQuery({
    queryKey: [...KEY, 'conversions'],
    queryFn: ({ signal }) => api.get<Page<ConversionSummary>>('/ledger/conversions', { pageSize: 100 }, signal),
  });
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  return (
    <ResponsiveTable<ConversionSummary>
      rowKey="id"
      dataSource={q.data.items}
      pagination={false}
      columns={[
        {
          title: '合同',
          render: (_: unknown, c) => <Link to={`/my/remuneration/conversions/${c.id}`}>{c.contract.title}</Link>,
        },
        { title: '成果', render: (_: unknown, c) => c.resultTitle ?? '—' },
        { title: '对方', dataIndex: 'counterpartyName' },
        { title: '已到账', render: (_: unknown, c) => formatFen(c.receivedFen) },
      ]}
    />
  );
}

export default function RemunerationAdmin() {
  useEffect(() => {
    document.title = '转化奖励 - 辽宁省双向揭榜挂帅科技成果交易平台';
  }, []);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 1100 }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        科技成果转化奖励和报酬
      </Typography.Title>
      <PolicyPanel />
      <Panel title="奖励记录">
        <Tabs
          items={[
            { key: 'pending', label: '待审批', children: <EntryQueue status="pending" /> },
            { key: 'approved', label: '待发放', children: <EntryQueue status="approved" /> },
            { key: 'paid', label: '已发放', children: <EntryQueue status="paid" /> },
            { key: 'separate', label: '正职领导（单列）', children: <EntryQueue status="separate" /> },
            { key: 'conversions', label: '按转化项目（费用与计算）', children: <Conversions /> },
          ]}
        />
      </Panel>
    </Space>
  );
}
