// One search result: its kind, status and facets as tags, the highlighted title and summary, and who
// offers it at what price.
import { Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  INDUSTRY_FIELD_LABELS,
  LISTING_KIND_LABELS,
  PRICING_MODE_LABELS,
} from '../../../../domain/constants/listings.js';
import { REGION_LABELS } from '../../../../domain/constants/organisations.js';
import { ListingStatusTag } from '../../components/StatusTag.js';
import { formatDateTime, formatFen, labelOf } from '../../format.js';
import type { SearchHit } from './api.js';
import { Highlight } from './Highlight.js';

export function HitItem({ hit }: { hit: SearchHit }) {
  const priceLabel = hit.kind === 'demand' ? '榜额' : '价格';
  return (
    <li style={{ padding: '14px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Space wrap size={4} style={{ marginBottom: 4 }}>
        <Tag color={hit.kind === 'demand' ? 'volcano' : 'geekblue'}>{LISTING_KIND_LABELS[hit.kind]}</Tag>
        <ListingStatusTag status={hit.status} listingId={hit.id} />
        <Tag>{labelOf(INDUSTRY_FIELD_LABELS, hit.field)}</Tag>
        <Tag>{labelOf(REGION_LABELS, hit.region)}</Tag>
        {hit.pricingMode && <Tag color="geekblue">{PRICING_MODE_LABELS[hit.pricingMode]}</Tag>}
        {hit.inPool && <Tag color="green">先用后付</Tag>}
      </Space>
      <h3 style={{ margin: '2px 0 4px', fontSize: 16, fontWeight: 600 }}>
        <Link to={`/listings/${hit.id}`}>
          <Highlight segments={hit.highlights.title} />
        </Link>
      </h3>
      <Typography.Paragraph type="secondary" style={{ margin: '0 0 4px' }}>
        <Highlight segments={hit.highlights.summary} />
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {hit.organisationName} · {priceLabel} {formatFen(hit.priceFen)}
        {hit.deadline ? ` · 揭榜截止 ${formatDateTime(hit.deadline)}` : ''}
        {hit.publishedAt ? ` · 发布于 ${formatDateTime(hit.publishedAt)}` : ''}
      </Typography.Text>
    </li>
  );
}
