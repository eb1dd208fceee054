// Allowed values of the pay-later pool (先用后付成果池) and pay-later licences (措施五).
import { SizeClass } from './organisations.js';

// How a result entered the pool: the daily scan (IP held three years without conversion) or the
// institution's own choice.
export const POOL_REASONS = ['auto_3y', 'voluntary'] as const;
export type PoolReason = (typeof POOL_REASONS)[number];
export const POOL_REASON_LABELS: Record<PoolReason, string> = {
  auto_3y: '取得知识产权满三年未转化',
  voluntary: '单位自愿纳入',
};

export const POOL_REMOVAL_REASONS = ['converted', 'reclassified', 'opted_out', 'ip_not_held_3y'] as const;
export type PoolRemovalReason = (typeof POOL_REMOVAL_REASONS)[number];
export const POOL_REMOVAL_REASON_LABELS: Record<PoolRemovalReason, string> = {
  converted: '成果已转化',
  reclassified: '成果密级调整，不再适用先用后付（措施十五）',
  opted_out: '科研单位申请不纳入',
  ip_not_held_3y: '知识产权取得不满三年',
};

// Where one of an institution's results stands with respect to the pool.
export const POOL_RESULT_STATES = [
  'in_pool',
  'opted_out',
  'excluded',
  'converted',
  'awaiting_scan',
  'not_yet',
  'no_grant',
] as const;
export type PoolResultState = (typeof POOL_RESULT_STATES)[number];
export const POOL_RESULT_STATE_LABELS: Record<PoolResultState, string> = {
  in_pool: '已在成果池',
  opted_out: '已申请不纳入',
  excluded: '不适用先用后付（措施十五）',
  converted: '已转化',
  awaiting_scan: '已满三年，将于每日核查时纳入',
  not_yet: '知识产权取得未满三年',
  no_grant: '尚无已授权的知识产权',
};

// An edition lists every result in the pool (`added` or `retained`) and those that left since the
// previous edition (`removed`).
export const POOL_EDITION_CHANGES = ['added', 'retained', 'removed'] as const;
export type PoolEditionChange = (typeof POOL_EDITION_CHANGES)[number];
export const POOL_EDITION_CHANGE_LABELS: Record<PoolEditionChange, string> = {
  added: '新增',
  retained: '在池',
  removed: '移出',
};

// 措施五: 将科技成果许可给中小微企业使用.
export const SME_SIZE_CLASSES = ['medium', 'small', 'micro'] as const satisfies readonly SizeClass[];

export const PAYLATER_APPLICATION_STATUSES = [
  'pending',
  'countered',
  'accepted',
  'declined',
  'counter_declined',
  'withdrawn',
] as const;
export type PayLaterApplicationStatus = (typeof PAYLATER_APPLICATION_STATUSES)[number];
export const PAYLATER_APPLICATION_STATUS_LABELS: Record<PayLaterApplicationStatus, string> = {
  pending: '待科研单位答复',
  countered: '科研单位已还价，待企业确认',
  accepted: '已达成许可',
  declined: '科研单位已拒绝',
  counter_declined: '企业已拒绝还价',
  withdrawn: '企业已撤回',
};
/** Applications still under negotiation: at most one per enterprise and result. */
export const OPEN_PAYLATER_APPLICATION_STATUSES = [
  'pending',
  'countered',
] as const satisfies readonly PayLaterApplicationStatus[];

export const PAYLATER_PARTIES = ['enterprise', 'institution'] as const;
export type PayLaterParty = (typeof PAYLATER_PARTIES)[number];
export const PAYLATER_PARTY_LABELS: Record<PayLaterParty, string> = {
  enterprise: '企业',
  institution: '科研单位',
};

// 措施五: 支付时间 — counted from signing, or from the licensee's first sales.
export const PAYMENT_TIMINGS = ['after_signing', 'after_first_sales'] as const;
export type PaymentTiming = (typeof PAYMENT_TIMINGS)[number];
export const PAYMENT_TIMING_LABELS: Record<PaymentTiming, string> = {
  after_signing: '签约后',
  after_first_sales: '首次销售后',
};

export const PAYLATER_LICENCE_STATUSES = ['active', 'completed'] as const;
export type PayLaterLicenceStatus = (typeof PAYLATER_LICENCE_STATUSES)[number];
export const PAYLATER_LICENCE_STATUS_LABELS: Record<PayLaterLicenceStatus, string> = {
  active: '履行中',
  completed: '已结清',
};

export const PAYMENT_KINDS = ['fee', 'royalty'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
export const PAYMENT_KIND_LABELS: Record<PaymentKind, string> = {
  fee: '许可费',
  royalty: '销售提成',
};

export const PAYMENT_STATUSES = ['scheduled', 'paid'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
/** What a payment row shows: its stored status, or `overdue` once its due date has passed unpaid. */
export const PAYMENT_STATES = ['awaiting_first_sales', 'scheduled', 'overdue', 'paid'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];
export const PAYMENT_STATE_LABELS: Record<PaymentState, string> = {
  awaiting_first_sales: '待首次销售后起算',
  scheduled: '待支付',
  overdue: '已逾期',
  paid: '已收款',
};
