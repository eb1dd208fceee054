// 措施四 (存在异议的，可在技术市场挂牌交易): the notice ended with a standing objection. The institution
// decides before the deadline — list it on the market (the half-month window at the noticed price),
// revise the price and notice it again, or withdraw; without a decision the listing is withdrawn.
// Everyone else sees that the decision is pending.
import { Alert, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import {
  OBJECTION_DECISION_LABELS,
  OBJECTION_DECISIONS,
  type ObjectionDecision,
} from '../../../../domain/constants/lifecycle.js';
import { api } from '../../api/client.js';
import { Countdown } from '../../components/Countdown.js';
import { FormSubmit } from '../../components/FormSubmit.js';
import { Panel } from '../../components/Panel.js';
import { fenToWan, formatDateTime, formatFen, wanToFen } from '../../format.js';
import { useLifecycleAction, useViewer } from './shared.js';
import type { LifecycleListing } from './types.js';

interface DecisionValues {
  decision: ObjectionDecision;
  priceWan?: number | null;
  reason?: string;
}

const SUCCESS: Record<ObjectionDecision, string> = {
  list: '已转入挂牌交易',
  renotice: '已按新的拟交易价格重新公示',
  withdraw: '项目已撤回',
};

function DecisionForm({ listing }: { listing: LifecycleListing }) {
  const [form] = Form.useForm<DecisionValues>();
  const decision = Form.useWatch('decision', form);
  const decide = useLifecycleAction(
    listing.id,
    (v: DecisionValues) =>
      api.post<LifecycleListing>(`/listings/${listing.id}/objection-decision`, {
        decision: v.decision,
        ...(v.decision === 'renotice' ? { priceFen: wanToFen(v.priceWan) } : {}),
        reason: v.reason?.trim() ?? '',
      }),
    { success: decision ? SUCCESS[decision] : '已提交决定', invalidate: [['objections', listing.id]] },
  );
  const noticed = fenToWan(listing.priceFen);
  return (
    <Form<DecisionValues>
      form={form}
      layout="vertical"
      name="objection-decision"
      onFinish={(v) => decide.mutate(v)}
      disabled={decide.isPending}
    >
      <Form.Item label="处理决定" name="decision" rules={[{ required: true, message: '请选择处理决定' }]}>
        <Radio.Group>
          <Space orientation="vertical">
            {OBJECTION_DECISIONS.map((d) => (
              <Radio key={d} value={d}>
                {OBJECTION_DECISION_LABELS[d]}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      {decision === 'renotice' && (
        <Form.Item
          label="新的拟交易价格（万元）"
          name="priceWan"
          extra={`原公示价格 ${formatFen(listing.priceFen)}；重新公示的价格须与之不同，公示期重新计算。`}
          rules={[
            { required: true, message: '请填写新的拟交易价格' },
            {
              validator: (_, v: number | null) =>
                v !== null && v !== undefined && v === noticed
                  ? Promise.reject(new Error('新的拟交易价格须与原公示价格不同'))
                  : Promise.resolve(),
            },
          ]}
        >
          <InputNumber min={0} max={1_000_000} precision={4} style={{ width: 200 }} />
        </Form.Item>
      )}
      <Form.Item label="决定说明（选填）" name="reason" extra="措施十四：决定及其依据将记入审计记录。">
        <Input.TextArea rows={2} maxLength={2000} placeholder="例如：异议意见认为价格偏低，已参考第三方评估调整价格" />
      </Form.Item>
      <FormSubmit mutation={decide}>提交决定</FormSubmit>
    </Form>
  );
}

export function ObjectionDecisionPanel({ listing }: { listing: LifecycleListing }) {
  const viewer = useViewer(listing);
  const until = formatDateTime(listing.objectionDecisionEndsAt ?? null);
  return (
    <Panel title="异议处理决定">
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        <Alert
          type="warning"
          showIcon
          title={`公示期满存在异议，待发布单位于 ${until} 前作出决定`}
          description="措施四：存在异议的，可在技术市场挂牌交易。发布单位可选择按公示价格挂牌交易（挂牌期半个月，期满无人摘牌的按协议价与拟受让方成交）、调整价格重新公示，或撤回项目；逾期未决定的，项目撤回，不自动挂牌。"
        />
        {listing.objectionDecisionEndsAt && <Countdown target={listing.objectionDecisionEndsAt} size="small" />}
        {viewer.isOwner ? (
          <DecisionForm listing={listing} />
        ) : (
          <Typography.Text type="secondary">拟受让方和异议单位将收到发布单位的决定通知。</Typography.Text>
        )}
      </Space>
    </Panel>
  );
}
