// Validation of a SearchQuery, shared by both engines. Filter values are checked against the
// `as const` lists, so an engine only ever receives whitelisted values; query text is never
// rejected (it is normalised and cut by the segmenter instead).

import {
  INDUSTRY_FIELDS,
  LISTING_KINDS,
  PRICING_MODES,
  PUBLIC_LISTING_STATUSES,
  TRANSACTION_TYPES,
  type IndustryField,
  type ListingKind,
  type PricingMode,
  type TransactionType,
} from '../domain/constants/listings.js';
import { MATURITY_LEVELS, type Maturity } from '../domain/constants/results.js';
import { REGIONS, type Region } from '../domain/constants/organisations.js';
import { AppError } from '../domain/errors.js';
import { parseQuery, type QueryPlan } from './query-parser.js';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  MAX_RESULT_WINDOW,
  SEARCH_SORTS,
  type FacetName,
  type PublicListingStatus,
  type SearchQuery,
  type SearchSort,
} from './types.js';

/** Filters that are also facets: one value each. */
export interface FacetFilters {
  kind?: ListingKind;
  field?: IndustryField;
  region?: Region;
  pricingMode?: PricingMode;
  status?: PublicListingStatus;
  transactionType?: TransactionType;
  maturity?: Maturity;
}

export interface ValidQuery {
  plan: QueryPlan;
  facetFilters: FacetFilters;
  inPool?: boolean;
  min?: number;
  max?: number;
  /** `relevance` without query text has already become `newest`. */
  sort: SearchSort;
  page: number;
  pageSize: number;
  offset: number;
}

/** The facet values each facet may take, in a fixed order. */
export const FACET_VALUES: Record<FacetName, readonly string[]> = {
  kind: LISTING_KINDS,
  field: INDUSTRY_FIELDS,
  region: REGIONS,
  pricingMode: PRICING_MODES,
  status: PUBLIC_LISTING_STATUSES,
  transactionType: TRANSACTION_TYPES,
  maturity: MATURITY_LEVELS,
};

const FACET_LABELS: Record<FacetName, string> = {
  kind: '类别',
  field: '领域',
  region: '地区',
  pricingMode: '定价方式',
  status: '状态',
  transactionType: '交易方式',
  maturity: '成熟度',
};

function invalid(param: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { param }, message);
}

function integerParam(value: unknown, param: string, label: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalid(param, `${label}须为 ${min} 到 ${max} 之间的整数`);
  }
  return value;
}

export function validateQuery(query: SearchQuery): ValidQuery {
  const facetFilters: FacetFilters = {};
  for (const name of Object.keys(FACET_VALUES) as FacetName[]) {
    const value: unknown = query[name];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string' || !FACET_VALUES[name].includes(value)) {
      throw invalid(name, `${FACET_LABELS[name]}筛选条件无效`);
    }
    (facetFilters as Record<string, string>)[name] = value;
  }
  if (query.inPool !== undefined && query.inPool !== null && typeof query.inPool !== 'boolean') {
    throw invalid('inPool', '成果池筛选条件无效');
  }
  const min =
    query.min === undefined || query.min === null
      ? undefined
      : integerParam(query.min, 'min', '最低金额（分）', 0, Number.MAX_SAFE_INTEGER);
  const max =
    query.max === undefined || query.max === null
      ? undefined
      : integerParam(query.max, 'max', '最高金额（分）', 0, Number.MAX_SAFE_INTEGER);
  if (min !== undefined && max !== undefined && min > max) throw invalid('min', '最低金额不能高于最高金额');

  const q = query.q ?? '';
  if (typeof q !== 'string') throw invalid('q', '搜索词无效');
  const plan = parseQuery(q);

  let sort: SearchSort = query.sort ?? 'relevance';
  if (!(SEARCH_SORTS as readonly string[]).includes(sort)) throw invalid('sort', '排序方式无效');
  if (sort === 'relevance' && plan.units.length === 0) sort = 'newest';

  const pageSize =
    query.pageSize === undefined
      ? DEFAULT_PAGE_SIZE
      : integerParam(query.pageSize, 'pageSize', '每页条数', 1, MAX_PAGE_SIZE);
  const maxPage = Math.floor(MAX_RESULT_WINDOW / pageSize);
  const page = query.page === undefined ? 1 : integerParam(query.page, 'page', '页码', 1, maxPage);
  return {
    plan,
    facetFilters,
    ...(query.inPool === undefined || query.inPool === null ? {} : { inPool: query.inPool }),
    ...(min === undefined ? {} : { min }),
    ...(max === undefined ? {} : { max }),
    sort,
    page,
    pageSize,
    offset: (page - 1) * pageSize,
  };
}

/** Facets with every name present (empty lists where nothing matched), values most frequent first. */
export function facetsFromCounts(
  counts: Record<FacetName, Map<string, number>>,
): Record<FacetName, { value: string; count: number }[]> {
  const out = {} as Record<FacetName, { value: string; count: number }[]>;
  for (const name of Object.keys(FACET_VALUES) as FacetName[]) {
    const order = FACET_VALUES[name];
    out[name] = [...counts[name].entries()]
      .filter(([value, count]) => count > 0 && order.includes(value))
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || order.indexOf(a.value) - order.indexOf(b.value));
  }
  return out;
}
