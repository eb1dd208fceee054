// The terms of a pay-later licence (措施五: 许可费用、支付时间、支付条件) — as a form and as words —
// and the tags shared by the pool pages.
import { Form, Input, InputNumber, Radio, Tag } from 'antd';
import {
  PAYLATER_APPLICATION_STATUS_LABELS,
  PAYMENT_STATE_LABELS,
  PAYMENT_TIMING_LABELS,
  type PayLaterApplicationStatus,
  type PaymentState,
  type PaymentTiming,
} from '../../../../domain/constants/pool.js';
import { fenToWan, formatFen, optionsOf, wanToFen } from '../../format.js';
import type { Terms } from './types.js';

/** What the form holds: money in 万元 and the royalty in per cent, as people type them. */
export interface TermsFormValues {
  feeWan: number | null;
  royaltyPercent: number | null;
  paymentTiming: PaymentTiming;
  paymentDelayMonths: number;
  termYears: number;
  paymentConditions: string;
}

export function termsFromForm(v: TermsFormValues): Terms {
  return {
    feeFen: wanToFen(v.feeWan) || null,
    royaltyBp:
      v.royaltyPercent === null || v.royaltyPercent === undefined ? null : Math.round(v.royaltyPercent * 100) || null,
    paymentTiming: v.paymentTiming,
    paymentDelayMonths: v.paymentDelayMonths,
    termYears: v.termYears,
    paymentConditions: v.paymentConditions.trim(),
  };
}

export function formFromTerms(t: Terms): TermsFormValues {
  return {
    feeWan: fenToWan(t.feeFen),
    royaltyPercent: t.royaltyBp === null ? null : t.royaltyBp / 100,
    paymentTiming: t.paymentTiming,
    paymentDelayMonths: t.paymentDelayMonths,
    termYears: t.termYears,
    paymentConditions: t.paymentConditions,
  };
}

export const DEFAULT_TERMS: TermsFormValues = {
  feeWan: null,
  royaltyPercent: null,
  paymentTiming: 'after_signing',
  paymentDelayMonths: 12,
  termYears: 3,
  paymentConditions: '',
};

export function formatRoyalty(bp: number | null): string {
  return bp === null ? '—' : `${(bp / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}%`;
}

/** "许可费 30 万元；销售提成 3%；签约后 12 个月内支付；许可期限 3 年" */
export function describeTerms(t: Terms): string {
  return [
    t.feeFen !== null ? `许可费 ${formatFen(t.feeFen)}` : null,
    t.royaltyBp !== null ? `销售提成 ${formatRoyalty(t.royaltyBp)}` : null,
    `${PAYMENT_TIMING_LABELS[t.paymentTiming]} ${t.paymentDelayMonths} 个月内支付`,
    `许可期限 ${t.termYears} 年`,
  ]
    .filter(Boolean)
    .join('；');
}

/** The fields of a terms form; the surrounding <Form> holds TermsFormValues. */
export function TermsFields() {
  return (
    <>
      <Form.Item
        label="许可费（万元）"
        name="feeWan"
        extra="一次性许可费用；与销售提成至少填写一项"
        dependencies={['royaltyPercent']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: number | null) =>
              value || getFieldValue('royaltyPercent')
                ? Promise.resolve()
                : Promise.reject(new Error('请填写许可费或销售提成比例（至少一项）')),
          }),
        ]}
      >
        <InputNumber min={0} max={100_000_000} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item label="销售提成（%）" name="royaltyPercent" extra="按被许可产品销售额的百分比，按年结算">
        <InputNumber min={0} max={100} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item
        label="支付时间起算"
        name="paymentTiming"
        rules={[{ required: true, message: '请选择支付时间的起算点' }]}
      >
        <Radio.Group options={optionsOf(PAYMENT_TIMING_LABELS)} optionType="button" />
      </Form.Item>
      <Form.Item
        label="起算后支付期限（月）"
        name="paymentDelayMonths"
        rules={[{ required: true, message: '请填写支付期限' }]}
      >
        <InputNumber min={1} max={120} precision={0} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item label="许可期限（年）" name="termYears" rules={[{ required: true, message: '请填写许可期限' }]}>
        <InputNumber min={1} max={20} precision={0} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item
        label="支付条件"
        name="paymentConditions"
        rules={[
          { required: true, whitespace: true, message: '请填写支付条件' },
          { min: 2, max: 2000, message: '支付条件为2至2000字' },
        ]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount placeholder="例如：产品通过中试验证并实现首批销售后支付" />
      </Form.Item>
    </>
  );
}

const APPLICATION_COLORS: Record<PayLaterApplicationStatus, string> = {
  pending: 'processing',
  countered: 'gold',
  accepted: 'success',
  declined: 'error',
  counter_declined: 'default',
  withdrawn: 'default',
};

export function ApplicationStatusTag({ status }: { status: PayLaterApplicationStatus }) {
  return (
    <Tag color={APPLICATION_COLORS[status]} data-status={status}>
      {PAYLATER_APPLICATION_STATUS_LABELS[status]}
    </Tag>
  );
}

const PAYMENT_COLORS: Record<PaymentState, string> = {
  awaiting_first_sales: 'default',
  scheduled: 'processing',
  overdue: 'error',
  paid: 'success',
};

export function PaymentStateTag({ state }: { state: PaymentState }) {
  return (
    <Tag color={PAYMENT_COLORS[state]} data-state={state}>
      {PAYMENT_STATE_LABELS[state]}
    </Tag>
  );
}
