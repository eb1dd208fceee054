// The search page's filter sidebar pieces: one facet's values with their counts (a chosen value stays
// visible so it can be cleared where it was chosen) and the price range in 万元.
import { Button, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import {
  INDUSTRY_FIELD_LABELS,
  LISTING_KIND_LABELS,
  LISTING_STATUS_LABELS,
  PRICING_MODE_LABELS,
  TRANSACTION_TYPE_LABELS,
} from '../../../../domain/constants/listings.js';
import { MATURITY_LABELS } from '../../../../domain/constants/results.js';
import { REGION_LABELS } from '../../../../domain/constants/organisations.js';
import { fenToWan, labelOf } from '../../format.js';
import type { FacetName, SearchResult } from './api.js';

const FACET_TITLES: Record<FacetName, string> = {
  kind: '项目类型',
  field: '行业领域',
  region: '所在地区',
  pricingMode: '定价方式',
  status: '项目状态',
  transactionType: '交易方式',
  maturity: '成果成熟度',
};

const FACET_LABELS: Record<FacetName, Record<string, string>> = {
  kind: LISTING_KIND_LABELS,
  field: INDUSTRY_FIELD_LABELS,
  region: REGION_LABELS,
  pricingMode: PRICING_MODE_LABELS,
  status: LISTING_STATUS_LABELS,
  transactionType: TRANSACTION_TYPE_LABELS,
  maturity: MATURITY_LABELS,
};

export function FacetGroup({
  name,
  counts,
  selected,
  onSelect,
}: {
  name: FacetName;
  counts: SearchResult['facets'][FacetName];
  selected: string | undefined;
  onSelect: (value: string | null) => void;
}) {
  // The chosen value stays visible (with its count, or 0) so it can be cleared where it was chosen.
  const values =
    selected && !counts.some((c) => c.value === selected) ? [...counts, { value: selected, count: 0 }] : counts;
  if (values.length === 0) return null;
  const headingId = `facet-${name}`;
  return (
    <div role="group" aria-labelledby={headingId} style={{ marginBottom: 16 }}>
      <h3 id={headingId} style={{ fontSize: 14, margin: '0 0 6px', color: 'rgba(0,0,0,0.65)' }}>
        {FACET_TITLES[name]}
      </h3>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {values.map((c) => {
          const active = c.value === selected;
          const label = labelOf(FACET_LABELS[name], c.value);
          return (
            <li key={c.value}>
              <button
                type="button"
                className="facet-option"
                aria-pressed={active}
                onClick={() => onSelect(active ? null : c.value)}
                style={{
                  display: 'flex',
                  width: '100%',
                  justifyContent: 'space-between',
                  border: 0,
                  background: active ? '#e8f0fb' : 'transparent',
                  color: active ? '#1554ad' : 'inherit',
                  fontWeight: active ? 600 : 400,
                  padding: '3px 8px',
                  borderRadius: 4,
                  cursor: 'pointer',
                  textAlign: 'left',
                }}
              >
                <span>{label}</span>
                <span style={{ color: 'rgba(0,0,0,0.45)' }}>{c.count}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function PriceRange({
  min,
  max,
  onApply,
}: {
  min: number | undefined;
  max: number | undefined;
  onApply: (min: number | null, max: number | null) => void;
}) {
  const [lo, setLo] = useState<number | null>(fenToWan(min));
  const [hi, setHi] = useState<number | null>(fenToWan(max));
  useEffect(() => {
    setLo(fenToWan(min));
    setHi(fenToWan(max));
  }, [min, max]);
  const invalid = lo !== null && hi !== null && lo > hi;
  return (
    <div role="group" aria-labelledby="facet-price" style={{ marginBottom: 16 }}>
      <h3 id="facet-price" style={{ fontSize: 14, margin: '0 0 6px', color: 'rgba(0,0,0,0.65)' }}>
        价格/榜额（万元）
      </h3>
      <Space.Compact style={{ width: '100%' }}>
        <InputNumber aria-label="最低（万元）" placeholder="最低" min={0} value={lo} onChange={(v) => setLo(v)} />
        <InputNumber aria-label="最高（万元）" placeholder="最高" min={0} value={hi} onChange={(v) => setHi(v)} />
        <Button disabled={invalid} onClick={() => onApply(lo, hi)}>
          确定
        </Button>
      </Space.Compact>
      {invalid && <Typography.Text type="danger">最低金额不能高于最高金额</Typography.Text>}
    </div>
  );
}
