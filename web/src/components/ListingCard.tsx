import { Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  INDUSTRY_FIELD_LABELS,
  PRICING_MODE_LABELS,
  TRANSACTION_TYPE_LABELS,
} from '../../../domain/constants/listings.js';
import { REGION_LABELS } from '../../../domain/constants/organisations.js';
import type { ListingSummary } from '../api/types.js';
import { formatDateTime, formatFen, labelOf } from '../format.js';
import { runningDeadline } from '../listing.js';
import { Panel } from './Panel.js';
import { ListingStatusTag } from './StatusTag.js';

export function ListingCard({ listing }: { listing: ListingSummary }) {
  const deadline = runningDeadline(listing);
  const priceLabel = listing.kind === 'demand' ? '榜额' : '价格';
  return (
    <Panel style={{ height: '100%' }} bodyStyle={{ padding: 14 }}>
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <ListingStatusTag status={listing.status} listingId={listing.id} />
          <Tag>{labelOf(INDUSTRY_FIELD_LABELS, listing.field)}</Tag>
          <Tag>{labelOf(REGION_LABELS, listing.region)}</Tag>
          {listing.pricingMode && <Tag color="geekblue">{PRICING_MODE_LABELS[listing.pricingMode]}</Tag>}
        </Space>
        <h3 style={{ margin: 0, fontSize: 16, fontWeight: 600 }}>
          <Link to={`/listings/${listing.id}`}>{listing.title}</Link>
        </h3>
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
          {listing.summary}
        </Typography.Paragraph>
        <Typography.Text>
          {priceLabel}：<Typography.Text strong>{formatFen(listing.priceFen)}</Typography.Text>
          {listing.transactionTypes.length > 0 &&
            ` · ${listing.transactionTypes.map((t) => TRANSACTION_TYPE_LABELS[t] ?? t).join('、')}`}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {listing.organisation.name}
          {deadline ? ` · ${deadline.label} ${formatDateTime(deadline.at)}` : ''}
        </Typography.Text>
      </Space>
    </Panel>
  );
}
