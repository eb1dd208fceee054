// 措施十三: 将科技成果转化数量、质量、效益作为评价指标. The statistics are built from additive metrics
// (counts and amounts per month and dimension, server/statistics/rollup.ts keeps them) and the
// indicators computed from them here, each with its formula. A roll-up over any dimensions is a sum
// of cells, so every figure can be checked against the source tables (test/statistics).

import { quantile, type Histogram } from './quantiles.js';

/**
 * The additive metrics, one family of cells each. `category` is the metric's own breakdown, `amount`
 * and `base` its two amounts (分), `bucket` a histogram value.
 */
export const STAT_METRICS = [
  /** Listings published (category `kind|pricingMode`), by publication month. */
  'listing_published',
  /** Objections filed (category: their status), by filing month. */
  'objection_filed',
  /** Claims (摘牌) made, by month. */
  'claim_made',
  /** Auctions closed (category sold|unsold; amount: hammer price; base: start price), by closing month. */
  'auction_closed',
  /** Conversions (category `route|transactionType|counterparty`; amount: contract amount; base: technology amount), by signing month. */
  'conversion',
  /** Income received by the institution (措施二; amount), by receipt month. */
  'income_received',
  /** Days from a listing's publication to its conversion (bucket: days), by conversion month. */
  'days_to_conversion',
  /** Results included in / removed from the pay-later pool (措施五), by month. */
  'pool_included',
  'pool_removed',
  /** Pay-later licences signed (category: status), by signing month. */
  'licence_signed',
  /** Pay-later payments due (category: status; amount: due amount), by due month. */
  'licence_payment',
  /** Demands published (企业找技术), by publication month; organisation: the enterprise. */
  'demand_published',
  /** Proposals (揭榜方案) submitted (category: status), by month; organisation: the proposing institution. */
  'proposal_submitted',
  /** Demands landed (落地, both sides confirmed), by month. */
  'demand_landed',
  /** 措施八 reward post-subsidy eligibility confirmed by an operator, by month. */
  'reward_confirmed',
  /** 措施十二 rewards paid to researchers (amount; researcher dimension), by payment month — filled once researchers are on the platform. */
  'reward_paid',
  /**
   * The researcher dimension (措施十三: researchers are evaluated too): the conversions and income of
   * the results a researcher is named on, one copy per researcher. A separate family so that the
   * other figures, which add cells up, never count a conversion once per inventor; each researcher's
   * figure is a participation figure and the researchers' figures do not add up to the institution's.
   */
  'researcher_conversion',
  'researcher_income',
] as const;
export type StatMetric = (typeof STAT_METRICS)[number];

/** The sums of one metric over some cells. */
export interface MetricSums {
  count: number;
  amountFen: number;
  baseFen: number;
  histogram: Histogram;
}

export const EMPTY_SUMS: MetricSums = { count: 0, amountFen: 0, baseFen: 0, histogram: new Map() };

export type IndicatorUnit = 'count' | 'fen' | 'days' | 'bp';

export interface Indicator {
  id: string;
  label: string;
  unit: IndicatorUnit;
  /** The formula in words, shown beside the figure. */
  formula: string;
  metrics: readonly StatMetric[];
  compute(get: (metric: StatMetric, category?: (c: string) => boolean) => MetricSums): number | null;
}

const sold = (c: string) => c === 'sold';
const transaction =
  (...types: string[]) =>
  (c: string) =>
    types.includes(c.split('|')[1] ?? '');

/** Ratio in basis points, rounded half up; null when the denominator is 0. */
export function ratioBp(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator * 10_000) / denominator);
}

/** Integer mean in 分, rounded half up; null when there is nothing to average. */
export function meanFen(amountFen: number, count: number): number | null {
  return count === 0 ? null : Math.round(amountFen / count);
}

// 措施十三 数量 (how many), 质量 (how well priced, how fast), 效益 (what it brought in).
export const INDICATORS: readonly Indicator[] = [
  {
    id: 'listings_published',
    label: '发布项目数',
    unit: 'count',
    formula: '期间内发布（公示或挂牌）的成果与需求项目数',
    metrics: ['listing_published'],
    compute: (get) => get('listing_published').count,
  },
  {
    id: 'objections_filed',
    label: '公示异议数',
    unit: 'count',
    formula: '期间内在公示期提出的异议数（含撤回、驳回）',
    metrics: ['objection_filed'],
    compute: (get) => get('objection_filed').count,
  },
  {
    id: 'objections_standing',
    label: '成立的异议数',
    unit: 'count',
    formula: '期间内提出且公示期满时仍成立的异议数',
    metrics: ['objection_filed'],
    compute: (get) => get('objection_filed', (c) => c === 'standing').count,
  },
  {
    id: 'claims',
    label: '摘牌数',
    unit: 'count',
    formula: '期间内挂牌项目被摘牌的次数',
    metrics: ['claim_made'],
    compute: (get) => get('claim_made').count,
  },
  {
    id: 'auctions_sold',
    label: '拍卖成交数',
    unit: 'count',
    formula: '期间内结束且成交的拍卖场次',
    metrics: ['auction_closed'],
    compute: (get) => get('auction_closed', sold).count,
  },
  {
    id: 'auctions_unsold',
    label: '拍卖流拍数',
    unit: 'count',
    formula: '期间内结束且未成交的拍卖场次',
    metrics: ['auction_closed'],
    compute: (get) => get('auction_closed', (c) => c !== 'sold').count,
  },
  {
    id: 'auction_premium',
    label: '拍卖溢价率',
    unit: 'bp',
    formula: '成交拍卖的（成交价合计 − 起拍价合计）÷ 起拍价合计',
    metrics: ['auction_closed'],
    compute: (get) => {
      const s = get('auction_closed', sold);
      return ratioBp(s.amountFen - s.baseFen, s.baseFen);
    },
  },
  {
    id: 'conversions',
    label: '转化项数',
    unit: 'count',
    formula: '期间内签订合同的转化（转让、许可、作价投资、技术开发与服务），按合同签订日计',
    metrics: ['conversion'],
    compute: (get) => get('conversion').count,
  },
  {
    id: 'conversions_tle',
    label: '转让、许可、作价投资项数',
    unit: 'count',
    formula: '期间内以转让、许可、作价投资方式转化的项数（年度报告口径）',
    metrics: ['conversion'],
    compute: (get) => get('conversion', transaction('transfer', 'license', 'equity')).count,
  },
  {
    id: 'contract_amount',
    label: '合同金额',
    unit: 'fen',
    formula: '期间内签订的转化合同金额合计（固定金额部分，不含提成）',
    metrics: ['conversion'],
    compute: (get) => get('conversion').amountFen,
  },
  {
    id: 'technology_amount',
    label: '技术交易额',
    unit: 'fen',
    formula: '期间内签订的转化合同中的技术交易额合计',
    metrics: ['conversion'],
    compute: (get) => get('conversion').baseFen,
  },
  {
    id: 'average_contract_amount',
    label: '平均合同金额',
    unit: 'fen',
    formula: '合同金额 ÷ 转化项数',
    metrics: ['conversion'],
    compute: (get) => {
      const s = get('conversion');
      return meanFen(s.amountFen, s.count);
    },
  },
  {
    id: 'income_received',
    label: '到账收入',
    unit: 'fen',
    formula: '期间内单位实际收到的转化款项合计，按到账日计（措施二：收益留归本单位）',
    metrics: ['income_received'],
    compute: (get) => get('income_received').amountFen,
  },
  {
    id: 'median_days_to_conversion',
    label: '发布至转化天数（中位数）',
    unit: 'days',
    formula: '期间内转化的项目，从项目发布到合同签订的天数的中位数（最近秩法）',
    metrics: ['days_to_conversion'],
    compute: (get) => quantile(get('days_to_conversion').histogram, 0.5),
  },
  {
    id: 'p90_days_to_conversion',
    label: '发布至转化天数（90%分位）',
    unit: 'days',
    formula: '同上，第90百分位数（最近秩法）',
    metrics: ['days_to_conversion'],
    compute: (get) => quantile(get('days_to_conversion').histogram, 0.9),
  },
  {
    id: 'pool_net_change',
    label: '先用后付成果池净增',
    unit: 'count',
    formula: '期间内纳入成果池的成果数 − 移出数（成果池规模为各期净增之和）',
    metrics: ['pool_included', 'pool_removed'],
    compute: (get) => get('pool_included').count - get('pool_removed').count,
  },
  {
    id: 'licences_signed',
    label: '先用后付许可数',
    unit: 'count',
    formula: '期间内签订的先使用后付费许可数',
    metrics: ['licence_signed'],
    compute: (get) => get('licence_signed').count,
  },
  {
    id: 'licence_payments_overdue',
    label: '先用后付逾期笔数',
    unit: 'count',
    formula: '到期日在期间内、目前处于逾期状态的许可付款笔数',
    metrics: ['licence_payment'],
    compute: (get) => get('licence_payment', (c) => c === 'overdue').count,
  },
  {
    id: 'demands_published',
    label: '发榜数',
    unit: 'count',
    formula: '期间内发布的企业技术需求数',
    metrics: ['demand_published'],
    compute: (get) => get('demand_published').count,
  },
  {
    id: 'proposals',
    label: '揭榜方案数',
    unit: 'count',
    formula: '期间内提交的揭榜方案数（含撤回）',
    metrics: ['proposal_submitted'],
    compute: (get) => get('proposal_submitted').count,
  },
  {
    id: 'proposals_awarded',
    label: '中榜数',
    unit: 'count',
    formula: '期间内提交且中榜的揭榜方案数',
    metrics: ['proposal_submitted'],
    compute: (get) => get('proposal_submitted', (c) => c === 'awarded').count,
  },
  {
    id: 'demands_landed',
    label: '揭榜落地数',
    unit: 'count',
    formula: '期间内双方确认落地的需求数',
    metrics: ['demand_landed'],
    compute: (get) => get('demand_landed').count,
  },
  {
    id: 'rewards_confirmed',
    label: '奖励性后补助确认数',
    unit: 'count',
    formula: '期间内运营方确认奖励性后补助资格的落地项目数（措施八）',
    metrics: ['reward_confirmed'],
    compute: (get) => get('reward_confirmed').count,
  },
  {
    id: 'rewards_paid',
    label: '科研人员奖励金额',
    unit: 'fen',
    formula: '期间内向成果完成人支付的奖励和报酬合计（措施十二）',
    metrics: ['reward_paid'],
    compute: (get) => get('reward_paid').amountFen,
  },
];

export function indicator(id: string): Indicator {
  const found = INDICATORS.find((i) => i.id === id);
  if (!found) throw new RangeError(`unknown indicator ${id}`);
  return found;
}

/** The metrics that carry the researcher dimension, and the family each one stands in for. */
export const RESEARCHER_METRICS: Partial<Record<StatMetric, StatMetric>> = {
  conversion: 'researcher_conversion',
  income_received: 'researcher_income',
  reward_paid: 'reward_paid',
};

/** The indicators that can be shown per researcher: those whose metrics all have a researcher family. */
export const RESEARCHER_INDICATORS: readonly string[] = INDICATORS.filter((i) =>
  i.metrics.every((m) => RESEARCHER_METRICS[m] !== undefined),
).map((i) => i.id);

/**
 * The indicators a breakdown can be ranked by on the server (GET /stats/figures?sort=…&limit=…): each
 * is one metric's plain sum over all its categories, so the database can rank the groups by it without
 * computing every group's figures. `column` is the sum that is the indicator's value (the property test
 * in test/statistics/rollup-levels.test.ts checks the ranking against the indicators computed in full).
 */
export const RANK_FIELDS = {
  contract_amount: { metric: 'conversion', column: 'amount' },
  technology_amount: { metric: 'conversion', column: 'base' },
  conversions: { metric: 'conversion', column: 'count' },
  income_received: { metric: 'income_received', column: 'amount' },
  listings_published: { metric: 'listing_published', column: 'count' },
  claims: { metric: 'claim_made', column: 'count' },
  demands_published: { metric: 'demand_published', column: 'count' },
  proposals: { metric: 'proposal_submitted', column: 'count' },
} as const satisfies Record<string, { metric: StatMetric; column: 'count' | 'amount' | 'base' }>;
export type RankField = keyof typeof RANK_FIELDS;
export const RANK_FIELD_IDS = Object.keys(RANK_FIELDS) as RankField[];
/** A ranked breakdown's size when the query names none, and the most it may ask for. */
export const RANK_LIMIT_DEFAULT = 50;
export const RANK_LIMIT_MAX = 100;
