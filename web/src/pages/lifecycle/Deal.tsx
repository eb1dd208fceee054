// 登记成交: from `matched`, the owning institution records the deal with the matched counterparty.
// 措施四: skipping the appraisal on the state-owned ground is offered only for a state-wholly-owned
// counterparty. 措施十五: a foreign counterparty needs the export-control confirmation first.
import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import {
  APPRAISAL_DECISION_LABELS,
  APPRAISAL_DECISIONS,
  type AppraisalDecision,
} from '../../../../domain/constants/lifecycle.js';
import { OWNERSHIP_TYPE_LABELS, type OwnershipType } from '../../../../domain/constants/organisations.js';
import { TRANSACTION_TYPE_LABELS, type TransactionType } from '../../../../domain/constants/listings.js';
import { api } from '../../api/client.js';
import type { Organisation } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FormSubmit } from '../../components/FormSubmit.js';
import { Panel } from '../../components/Panel.js';
import { fenToWan, formatDateTime, formatFen, optionsOf, wanToFen } from '../../format.js';
import { textRule, useLifecycleAction, useViewer } from './shared.js';
import type { DealRecord, LifecycleListing } from './types.js';

interface DealFormValues {
  counterpartyOwnership?: OwnershipType;
  transactionType: TransactionType;
  amountWan: number | null;
  appraisal: AppraisalDecision;
  basis?: string;
}

function DealView({ record }: { record: DealRecord }) {
  const d = record.deal!;
  return (
    <Descriptions
      column={{ xs: 1, sm: 2 }}
      items={[
        { key: 'cp', label: '受让方', children: d.counterpartyName },
        { key: 'own', label: '受让方性质', children: OWNERSHIP_TYPE_LABELS[d.counterpartyOwnership] },
        { key: 'tx', label: '交易方式', children: TRANSACTION_TYPE_LABELS[d.transactionType] },
        { key: 'amount', label: '成交金额', children: formatFen(d.amountFen) },
        { key: 'appraisal', label: '资产评估', children: APPRAISAL_DECISION_LABELS[d.appraisal] },
        { key: 'at', label: '登记时间', children: formatDateTime(d.createdAt) },
        ...(d.basis ? [{ key: 'basis', label: '定价依据', children: d.basis }] : []),
        ...(record.exportControl ? [{ key: 'ec', label: '出口管制确认', children: record.exportControl.note }] : []),
      ]}
    />
  );
}

function ExportControlForm({ listingId }: { listingId: string }) {
  const [form] = Form.useForm<{ note: string }>();
  const confirm = useLifecycleAction(
    listingId,
    (v: { note: string }) => api.post<DealRecord>(`/listings/${listingId}/export-control`, { note: v.note.trim() }),
    { success: '已确认技术出口管制审查', invalidate: [['deal', listingId]] },
  );
  return (
    <Form
      form={form}
      layout="vertical"
      name="export-control"
      onFinish={(v) => confirm.mutate(v)}
      disabled={confirm.isPending}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title="受让方为外资企业：登记成交前须确认技术出口管制审查（措施十五）"
        description="向境外转移科技成果的，应按照技术出口有关规定办理。请说明审查结论和依据（如技术出口许可或登记情况）。"
      />
      <Form.Item label="出口管制审查说明" name="note" rules={[textRule('出口管制审查说明', 5, 1000)]}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <FormSubmit mutation={confirm}>确认出口管制审查</FormSubmit>
    </Form>
  );
}

function DealForm({ listing, record }: { listing: LifecycleListing; record: DealRecord }) {
  const [form] = Form.useForm<DealFormValues>();
  const org = useQuery({
    queryKey: ['organisation', listing.matchedOrgId],
    queryFn: ({ signal }) => api.get<Organisation>(`/organisations/${listing.matchedOrgId}`, undefined, signal),
    enabled: !!listing.matchedOrgId,
  });
  const registered = !!listing.matchedOrgId;
  const declared = Form.useWatch('counterpartyOwnership', form);
  const ownership: OwnershipType | null | undefined = registered ? org.data?.ownershipType : declared;
  const appraisal = Form.useWatch('appraisal', form);

  // A choice the counterparty no longer allows is cleared rather than silently sent.
  useEffect(() => {
    if (appraisal === 'skipped_state_owned' && ownership && ownership !== 'state_wholly_owned') {
      form.setFieldValue('appraisal', undefined);
    }
  }, [appraisal, ownership, form]);

  const record_ = useLifecycleAction(
    listing.id,
    (v: DealFormValues) =>
      api.post<DealRecord>(`/listings/${listing.id}/deal`, {
        transactionType: v.transactionType,
        amountFen: wanToFen(v.amountWan),
        appraisal: v.appraisal,
        ...(registered ? {} : { counterpartyOwnership: v.counterpartyOwnership }),
        basis: v.basis?.trim() ?? '',
      }),
    { success: '成交已登记，成果已转化', invalidate: [['deal', listing.id]] },
  );

  if (registered && org.isPending) return <Typography.Text type="secondary">正在读取受让方信息…</Typography.Text>;
  if (org.isError) return <ErrorAlert error={org.error} onRetry={() => org.refetch()} />;
  const needsExportControl = ownership === 'foreign' && !record.exportControl;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Descriptions
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'cp', label: '受让方', children: listing.matchedName ?? '—' },
          {
            key: 'own',
            label: '受让方性质',
            children: registered ? (ownership ? OWNERSHIP_TYPE_LABELS[ownership] : '未登记') : '由本单位填报',
          },
          { key: 'price', label: '成交价', children: formatFen(listing.matchedPriceFen ?? null) },
        ]}
      />
      {record.exportControl && (
        <Alert
          type="success"
          showIcon
          title={`已确认技术出口管制审查（${formatDateTime(record.exportControl.createdAt)}）`}
          description={record.exportControl.note}
        />
      )}
      {needsExportControl && <ExportControlForm listingId={listing.id} />}
      <Form<DealFormValues>
        form={form}
        layout="vertical"
        name="deal"
        disabled={record_.isPending || needsExportControl}
        initialValues={{
          transactionType: listing.transactionTypes.length === 1 ? listing.transactionTypes[0] : undefined,
          amountWan: fenToWan(listing.matchedPriceFen ?? null),
        }}
        onFinish={(v) => record_.mutate(v)}
      >
        {!registered && (
          <Form.Item
            label="受让方性质"
            name="counterpartyOwnership"
            rules={[{ required: true, message: '请选择受让方性质' }]}
          >
            <Select style={{ maxWidth: 320 }} options={optionsOf(OWNERSHIP_TYPE_LABELS)} placeholder="请选择" />
          </Form.Item>
        )}
        <Form.Item label="交易方式" name="transactionType" rules={[{ required: true, message: '请选择交易方式' }]}>
          <Select
            style={{ maxWidth: 320 }}
            placeholder="请选择"
            options={listing.transactionTypes.map((t) => ({ value: t, label: TRANSACTION_TYPE_LABELS[t] }))}
          />
        </Form.Item>
        <Form.Item label="成交金额（万元）" name="amountWan" rules={[{ required: true, message: '请填写成交金额' }]}>
          <InputNumber min={0} max={1_000_000} precision={4} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          label="资产评估"
          name="appraisal"
          rules={[{ required: true, message: '请选择资产评估决定' }]}
          extra="措施四：向国有全资企业转化的，可以不进行资产评估；向其他企业转化的，由本单位自主决定是否评估。"
        >
          <Radio.Group>
            <Space orientation="vertical">
              {APPRAISAL_DECISIONS.map((a) => (
                <Radio key={a} value={a} disabled={a === 'skipped_state_owned' && ownership !== 'state_wholly_owned'}>
                  {APPRAISAL_DECISION_LABELS[a]}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item label="定价与评估依据" name="basis" rules={[{ max: 5000, message: '依据不超过5000字' }]}>
          <Input.TextArea rows={3} maxLength={5000} placeholder="例如：公示期满无异议，按协议价成交；评估报告编号" />
        </Form.Item>
        <FormSubmit mutation={record_}>登记成交</FormSubmit>
      </Form>
    </Space>
  );
}

export function DealPanel({ listing }: { listing: LifecycleListing }) {
  const viewer = useViewer(listing);
  const mayRead = viewer.isOwner || viewer.isOperator || (!!viewer.orgId && viewer.orgId === listing.matchedOrgId);
  const q = useQuery({
    queryKey: ['deal', listing.id],
    queryFn: ({ signal }) => api.get<DealRecord>(`/listings/${listing.id}/deal`, undefined, signal),
    enabled: mayRead,
    retry: false,
  });
  if (!mayRead) return null;
  if (q.isPending) return null;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const record = q.data;
  if (record.deal) {
    return (
      <Panel title="成交记录">
        <DealView record={record} />
      </Panel>
    );
  }
  if (listing.status !== 'matched' || !viewer.isOwner) return null;
  return (
    <Panel title="登记成交">
      <DealForm listing={listing} record={record} />
    </Panel>
  );
}
