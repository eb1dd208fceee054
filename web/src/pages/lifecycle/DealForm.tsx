// 登记成交 form: from `matched`, the owning institution records the deal with the matched counterparty.
// 措施四: the amount is the price the match came from — shown, filled in, and any other amount refused
// here as by the api (PRICE_MISMATCH); the appraisal may be skipped only towards a state-wholly-owned
// counterparty, and whether it is the institution's own subsidiary is recorded. 措施十五: a
// counterparty registered outside the mainland needs the export-control confirmation first.
import { useQuery } from '@tanstack/react-query';
import { Alert, Checkbox, Descriptions, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import {
  APPRAISAL_DECISION_LABELS,
  APPRAISAL_DECISIONS,
  DEAL_PRICE_BASIS_LABELS,
  type AppraisalDecision,
} from '../../../../domain/constants/lifecycle.js';
import {
  DOMICILE_LABELS,
  OWNERSHIP_TYPE_LABELS,
  type Domicile,
  type OwnershipType,
} from '../../../../domain/constants/organisations.js';
import {
  LICENCE_SCOPE_LABELS,
  TRANSACTION_TYPE_LABELS,
  type TransactionType,
} from '../../../../domain/constants/listings.js';
import { api } from '../../api/client.js';
import type { Organisation } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FormSubmit } from '../../components/FormSubmit.js';
import { fenToWan, formatFen, optionsOf, wanToFen } from '../../format.js';
import { ExportControlConfirmed, ExportControlForm } from './ExportControl.js';
import { useLifecycleAction } from './shared.js';
import type { DealRecord, LifecycleListing } from './types.js';

interface DealFormValues {
  counterpartyOwnership?: OwnershipType;
  counterpartyDomicile?: Domicile;
  transactionType: TransactionType;
  amountWan: number | null;
  appraisal: AppraisalDecision;
  ownSubsidiary: boolean;
  basis?: string;
}

export function DealForm({ listing, record }: { listing: LifecycleListing; record: DealRecord }) {
  const [form] = Form.useForm<DealFormValues>();
  const org = useQuery({
    queryKey: ['organisation', listing.matchedOrgId],
    queryFn: ({ signal }) => api.get<Organisation>(`/organisations/${listing.matchedOrgId}`, undefined, signal),
    enabled: !!listing.matchedOrgId,
  });
  const registered = !!listing.matchedOrgId;
  const declaredOwnership = Form.useWatch('counterpartyOwnership', form);
  const declaredDomicile = Form.useWatch('counterpartyDomicile', form);
  const ownership = registered ? org.data?.ownershipType : declaredOwnership;
  const domicile = registered ? org.data?.domicile : declaredDomicile;
  const appraisal = Form.useWatch('appraisal', form);
  const ownSubsidiary = Form.useWatch('ownSubsidiary', form);
  const binding = record.binding;
  const bound = binding?.priceFen ?? null;

  // A choice the counterparty no longer allows is cleared rather than silently sent.
  useEffect(() => {
    if (ownership && ownership !== 'state_wholly_owned') {
      if (appraisal === 'skipped_state_owned') form.setFieldValue('appraisal', undefined);
      if (ownSubsidiary) form.setFieldValue('ownSubsidiary', false);
    }
  }, [appraisal, ownSubsidiary, ownership, form]);

  const submit = useLifecycleAction(
    listing.id,
    (v: DealFormValues) =>
      api.post<DealRecord>(`/listings/${listing.id}/deal`, {
        transactionType: v.transactionType,
        amountFen: wanToFen(v.amountWan),
        appraisal: v.appraisal,
        counterpartyIsOwnSubsidiary: !!v.ownSubsidiary,
        ...(registered
          ? {}
          : { counterpartyOwnership: v.counterpartyOwnership, counterpartyDomicile: v.counterpartyDomicile }),
        basis: v.basis?.trim() ?? '',
      }),
    { success: '成交已登记，成果已转化', invalidate: [['deal', listing.id]] },
  );

  if (registered && org.isPending) return <Typography.Text type="secondary">正在读取受让方信息…</Typography.Text>;
  if (org.isError) return <ErrorAlert error={org.error} onRetry={() => org.refetch()} />;
  const needsExportControl = !!domicile && domicile !== 'mainland' && !record.exportControl;
  const state = ownership === 'state_wholly_owned';

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Descriptions
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'cp', label: '受让方', children: listing.matchedName ?? '—' },
          // A registered counterparty's nature is shown here; an unregistered one's is asked in the form below (once).
          ...(registered
            ? [{ key: 'own', label: '受让方性质', children: ownership ? OWNERSHIP_TYPE_LABELS[ownership] : '未登记' }]
            : []),
          ...(registered && domicile
            ? [{ key: 'dom', label: '受让方登记地', children: DOMICILE_LABELS[domicile] }]
            : []),
          ...(listing.licenseScope
            ? [{ key: 'scope', label: '许可范围', children: LICENCE_SCOPE_LABELS[listing.licenseScope] }]
            : []),
        ]}
      />
      {binding && (
        <Alert
          type="info"
          showIcon
          data-testid="binding-price"
          title={
            bound === null
              ? `成交价格：${DEAL_PRICE_BASIS_LABELS[binding.basis]}`
              : `成交金额须为${DEAL_PRICE_BASIS_LABELS[binding.basis]} ${formatFen(bound)}`
          }
          description={`${binding.reason}。协议定价项目变更价格须重新公示。`}
        />
      )}
      {record.exportControl && (
        <ExportControlConfirmed at={record.exportControl.createdAt} note={record.exportControl.note} />
      )}
      {needsExportControl && (
        <ExportControlForm
          url={`/listings/${listing.id}/export-control`}
          invalidate={[['deal', listing.id]]}
          required
        />
      )}
      <Form<DealFormValues>
        form={form}
        layout="vertical"
        name="deal"
        disabled={submit.isPending || needsExportControl}
        initialValues={{
          transactionType: listing.transactionTypes.length === 1 ? listing.transactionTypes[0] : undefined,
          amountWan: fenToWan(bound ?? listing.matchedPriceFen ?? null),
          ownSubsidiary: false,
        }}
        onFinish={(v) => submit.mutate(v)}
      >
        {!registered && (
          <Space wrap size={16}>
            <Form.Item
              label="受让方性质"
              name="counterpartyOwnership"
              rules={[{ required: true, message: '请选择受让方性质' }]}
            >
              <Select style={{ width: 200 }} options={optionsOf(OWNERSHIP_TYPE_LABELS)} placeholder="请选择" />
            </Form.Item>
            <Form.Item
              label="受让方登记地"
              name="counterpartyDomicile"
              rules={[{ required: true, message: '请选择受让方登记地' }]}
              extra="措施十五：按登记地判断是否向境外转化，与所有制无关。"
            >
              <Select style={{ width: 200 }} options={optionsOf(DOMICILE_LABELS)} placeholder="请选择" />
            </Form.Item>
          </Space>
        )}
        <Form.Item label="交易方式" name="transactionType" rules={[{ required: true, message: '请选择交易方式' }]}>
          <Select
            style={{ maxWidth: 320 }}
            placeholder="请选择"
            options={listing.transactionTypes.map((t) => ({
              value: t,
              label:
                t === 'license' && listing.licenseScope
                  ? `${TRANSACTION_TYPE_LABELS[t]}（${LICENCE_SCOPE_LABELS[listing.licenseScope]}）`
                  : TRANSACTION_TYPE_LABELS[t],
            }))}
          />
        </Form.Item>
        <Form.Item
          label="成交金额（万元）"
          name="amountWan"
          rules={[
            { required: true, message: '请填写成交金额' },
            {
              // 措施四: the api refuses any other amount too (PRICE_MISMATCH).
              validator: (_, v: number | null) =>
                bound === null || v === null || v === undefined || wanToFen(v) === bound
                  ? Promise.resolve()
                  : Promise.reject(
                      new Error(
                        `成交金额须为${DEAL_PRICE_BASIS_LABELS[binding!.basis]} ${formatFen(bound)}：${binding!.reason}`,
                      ),
                    ),
            },
          ]}
        >
          <InputNumber min={0} max={1_000_000} suffix="万元" style={{ width: 200 }} />
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
                <Radio key={a} value={a} disabled={a === 'skipped_state_owned' && !state}>
                  {APPRAISAL_DECISION_LABELS[a]}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="ownSubsidiary"
          valuePropName="checked"
          extra="措施四正文为“国有全资子企业”，任务清单为“国有全资企业”；平台按后者办理，并记录受让方是否为本单位的全资子企业，两种口径均可统计。"
        >
          <Checkbox disabled={!state}>受让方为本单位的国有全资子企业</Checkbox>
        </Form.Item>
        <Form.Item label="定价与评估依据" name="basis" rules={[{ max: 5000, message: '依据不超过5000字' }]}>
          <Input.TextArea rows={3} maxLength={5000} placeholder="例如：公示期满无异议，按协议价成交；评估报告编号" />
        </Form.Item>
        <FormSubmit mutation={submit}>登记成交</FormSubmit>
      </Form>
    </Space>
  );
}
