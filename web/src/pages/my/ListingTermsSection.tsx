// The listing form's 交易条件 / 榜单条件 card: a supply listing's pricing mode (措施四: how each mode
// proceeds once approved), price, 拟受让方 and licence scope (独占 / 排他 / 普通许可: one result has one
// buyer of exclusive rights at a time); a demand's 榜额 or 面议, 揭榜 deadline and support sought (措施八).
import { Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, type GetProps } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  LICENCE_SCOPE_LABELS,
  PRICING_MODE_LABELS,
  PRICING_MODES,
  SUPPORT_KIND_LABELS,
  TRANSACTION_TYPE_LABELS,
  type ListingKind,
  type PricingMode,
  LISTING_TEXT,
} from '../../../../domain/constants/listings.js';
import { dayjs, optionsOf, shanghaiWallClockToIso } from '../../format.js';

// 措施四: how each pricing mode proceeds once approved.
const PRICING_HELP: Record<PricingMode, string> = {
  negotiable: '面议：公开展示成果，意向方联系洽谈；展示期届满自动下架。',
  negotiated:
    '协议定价：与拟受让方协商确定价格。审核通过后公示成果名称和拟交易价格；公示期满有异议的，由本单位决定挂牌交易、调整价格重新公示或撤回。',
  fixed:
    '挂牌交易：按挂牌价格公开挂牌，挂牌期（半个月）内符合条件的受让方可摘牌；两家及以上摘牌的，以挂牌价为起拍价转入拍卖。',
  auction: '拍卖：以起拍价公开竞价，价高者得。',
};

/**
 * A required checkbox group: Form.Item stamps `aria-required` on its control, which a group of
 * checkboxes may not carry (axe: aria-allowed-attr); the rule's message says what is missing.
 */
function CheckboxChoice(props: GetProps<typeof Checkbox.Group> & { 'aria-required'?: unknown }) {
  const rest = { ...props };
  delete rest['aria-required'];
  return <Checkbox.Group {...rest} />;
}

export function ListingTermsSection({
  kind,
  pricingMode,
  offersLicence,
  budgetNegotiable,
}: {
  kind: ListingKind;
  pricingMode: PricingMode | undefined;
  offersLicence: boolean;
  budgetNegotiable: boolean;
}) {
  const supply = kind === 'supply';
  const priceLabel = kind === 'demand' ? '榜额（万元）' : pricingMode === 'auction' ? '起拍价（万元）' : '价格（万元）';

  return (
    <Card title={kind === 'demand' ? '榜单条件' : '交易条件'} style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        {supply && (
          <Col xs={24}>
            <Form.Item
              label="定价方式"
              name="pricingMode"
              extra={pricingMode ? PRICING_HELP[pricingMode] : undefined}
              rules={[{ required: true, message: '请选择定价方式' }]}
            >
              <Radio.Group optionType="button" options={optionsOf(PRICING_MODE_LABELS, PRICING_MODES)} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Form.Item
            label="交易方式"
            name="transactionTypes"
            rules={supply ? [{ required: true, type: 'array', min: 1, message: '请至少选择一种交易方式' }] : []}
          >
            <CheckboxChoice options={optionsOf(TRANSACTION_TYPE_LABELS)} />
          </Form.Item>
        </Col>
        {supply && offersLicence && (
          <Col xs={24} md={12}>
            <Form.Item
              label="许可范围"
              name="licenseScope"
              extra="转让、作价投资、独占许可和排他许可只能给一个受让方，同一成果同时只能有一个此类项目；普通许可可同时发布。"
              rules={[{ required: true, message: '请选择许可范围' }]}
            >
              <Radio.Group optionType="button" options={optionsOf(LICENCE_SCOPE_LABELS)} />
            </Form.Item>
          </Col>
        )}
        {kind === 'demand' && (
          <Col xs={24} md={12}>
            <Form.Item name="budgetNegotiable" valuePropName="checked" extra="措施八：榜单须写明榜额，或明确榜额面议。">
              <Checkbox>榜额面议</Checkbox>
            </Form.Item>
          </Col>
        )}
        {((kind === 'demand' && !budgetNegotiable) || (supply && pricingMode !== 'negotiable')) && (
          <Col xs={24} md={12}>
            <Form.Item
              label={priceLabel}
              name="priceWan"
              rules={[
                { required: true, message: kind === 'demand' ? '请输入榜额，或选择榜额面议' : '该定价方式须填写价格' },
              ]}
            >
              <InputNumber min={0} max={10_000_000} step={1} suffix="万元" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
        {supply && pricingMode === 'negotiated' && (
          <Col xs={24} md={12}>
            <Form.Item
              label="拟受让方"
              name="counterpartyName"
              extra="协议定价须写明拟受让方名称，并与拟交易价格一同公示。"
              rules={[{ required: true, whitespace: true, message: '协议定价须填写拟受让方' }]}
            >
              <Input maxLength={LISTING_TEXT.counterpartyName.max} />
            </Form.Item>
          </Col>
        )}
        {kind === 'demand' && (
          <>
            <Col xs={24} md={12}>
              <Form.Item
                label="揭榜截止时间"
                name="deadline"
                extra="北京时间。截止前科研单位均可揭榜，截止后进入评选。"
                rules={[
                  { required: true, message: '请选择揭榜截止时间' },
                  {
                    validator: (_, v: Dayjs | null) =>
                      !v || shanghaiWallClockToIso(v) > new Date().toISOString()
                        ? Promise.resolve()
                        : Promise.reject(new Error('揭榜截止时间必须晚于当前时间')),
                  },
                ]}
              >
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  style={{ width: '100%' }}
                  disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="希望获得的支持" name="supportSought" extra="措施八：研发、中试、孵化、人才、金融等支持">
                <Checkbox.Group options={optionsOf(SUPPORT_KIND_LABELS)} />
              </Form.Item>
            </Col>
          </>
        )}
      </Row>
    </Card>
  );
}
