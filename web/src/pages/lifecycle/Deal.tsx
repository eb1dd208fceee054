// 成交 on a supply listing: the institution records the deal (DealForm.tsx); afterwards the record, the
// acquiring enterprise's confirmation that the project is implemented (落地) and the operator's
// confirmation of the reward post-subsidy eligibility (措施八: 对"揭榜"成功、落地转化的项目，给予企业
// 奖励性后补助支持 — from either list).
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Space } from 'antd';
import { APPRAISAL_DECISION_LABELS, DEAL_PRICE_BASIS_LABELS } from '../../../../domain/constants/lifecycle.js';
import { DOMICILE_LABELS, OWNERSHIP_TYPE_LABELS } from '../../../../domain/constants/organisations.js';
import { LICENCE_SCOPE_LABELS, TRANSACTION_TYPE_LABELS } from '../../../../domain/constants/listings.js';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FormSubmit } from '../../components/FormSubmit.js';
import { Panel } from '../../components/Panel.js';
import { formatDateTime, formatFen } from '../../format.js';
import { DealForm } from './DealForm.js';
import { useLifecycleAction, useViewer } from './shared.js';
import type { DealRecord, LifecycleListing, Reward } from './types.js';

function DealView({ record }: { record: DealRecord }) {
  const d = record.deal!;
  const subsidiary = d.counterpartyOwnSubsidiary === null ? '未记录' : d.counterpartyOwnSubsidiary ? '是' : '否';
  return (
    <Descriptions
      column={{ xs: 1, sm: 2 }}
      items={[
        { key: 'cp', label: '受让方', children: d.counterpartyName },
        { key: 'own', label: '受让方性质', children: OWNERSHIP_TYPE_LABELS[d.counterpartyOwnership] },
        { key: 'dom', label: '受让方登记地', children: DOMICILE_LABELS[d.counterpartyDomicile] },
        {
          key: 'tx',
          label: '交易方式',
          children: d.licenseScope
            ? `${TRANSACTION_TYPE_LABELS[d.transactionType]}（${LICENCE_SCOPE_LABELS[d.licenseScope]}）`
            : TRANSACTION_TYPE_LABELS[d.transactionType],
        },
        { key: 'amount', label: '成交金额', children: formatFen(d.amountFen) },
        { key: 'basisPrice', label: '价格依据', children: DEAL_PRICE_BASIS_LABELS[d.priceBasis] },
        { key: 'appraisal', label: '资产评估', children: APPRAISAL_DECISION_LABELS[d.appraisal] },
        { key: 'sub', label: '本单位全资子企业', children: subsidiary },
        { key: 'at', label: '登记时间', children: formatDateTime(d.createdAt) },
        {
          key: 'landed',
          label: '落地确认',
          children: d.landingConfirmedAt ? formatDateTime(d.landingConfirmedAt) : '未确认',
        },
        ...(d.basis ? [{ key: 'basis', label: '定价依据', children: d.basis }] : []),
        ...(record.exportControl ? [{ key: 'ec', label: '出口管制确认', children: record.exportControl.note }] : []),
      ]}
    />
  );
}

/** 措施八: the acquiring enterprise confirms landing; then an operator confirms the reward eligibility. */
function LandingAndReward({ listing, record }: { listing: LifecycleListing; record: DealRecord }) {
  const viewer = useViewer(listing);
  const deal = record.deal!;
  const acquirer = !!viewer.orgId && viewer.orgId === deal.counterpartyOrgId;
  const reward = useQuery({
    queryKey: ['reward', listing.id],
    queryFn: ({ signal }) => api.get<Reward>(`/listings/${listing.id}/reward`, undefined, signal),
  });
  const land = useLifecycleAction(listing.id, () => api.post<DealRecord>(`/listings/${listing.id}/deal/landing`), {
    success: '已确认项目落地',
    invalidate: [
      ['deal', listing.id],
      ['reward', listing.id],
    ],
  });
  const [form] = Form.useForm<{ note?: string }>();
  const confirm = useLifecycleAction(
    listing.id,
    (v: { note?: string }) =>
      api.post<Reward>(`/operator/listings/${listing.id}/confirm-reward`, { note: v.note?.trim() ?? '' }),
    { success: '已确认奖励性后补助资格', invalidate: [['reward', listing.id]] },
  );
  if (reward.isError) return <ErrorAlert error={reward.error} onRetry={() => reward.refetch()} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8}>
      {reward.data?.confirmed && (
        <Alert
          type="success"
          showIcon
          title={`已确认具备奖励性后补助资格（${formatDateTime(reward.data.confirmedAt)}）`}
        />
      )}
      {!deal.landingConfirmedAt && acquirer && (
        <>
          <Button type="primary" loading={land.isPending} onClick={() => land.mutate(undefined)}>
            确认项目已落地实施
          </Button>
          {land.isError && <ErrorAlert error={land.error} />}
        </>
      )}
      {deal.landingConfirmedAt && viewer.isOperator && reward.data && !reward.data.confirmed && (
        <Form form={form} layout="vertical" name="supply-reward" onFinish={(v) => confirm.mutate(v)}>
          <Form.Item label="确认说明（选填）" name="note">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <FormSubmit mutation={confirm}>确认奖励性后补助资格</FormSubmit>
        </Form>
      )}
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
        <LandingAndReward listing={listing} record={record} />
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
