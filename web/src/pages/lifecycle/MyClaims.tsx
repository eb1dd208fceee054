// 我的摘牌: the enterprise's claims across listings, newest first, with each listing's state now;
// page in the URL.
import { Link } from 'react-router';
import { LISTING_STATUS_LABELS } from '../../../../domain/constants/listings.js';
import { formatDateTime, formatFen } from '../../format.js';
import { MyPagedTable } from './MyPagedTable.js';
import type { Claim, ListingRef } from './types.js';

type MyClaim = Claim & { listing: ListingRef };

export default function MyClaims() {
  return (
    <MyPagedTable<MyClaim>
      title="我的摘牌"
      queryKey="my-claims"
      path="/my/claims"
      emptyText="还没有摘牌，可在“成果找市场”中选择挂牌中的项目"
      columns={[
        {
          title: '项目',
          key: 'listing',
          render: (_, c) => <Link to={`/listings/${c.listing.id}`}>{c.listing.title}</Link>,
        },
        { title: '摘牌价', key: 'price', render: (_, c) => formatFen(c.priceFen) },
        { title: '摘牌时间', key: 'at', render: (_, c) => formatDateTime(c.createdAt) },
        { title: '摘牌截止', key: 'ends', render: (_, c) => formatDateTime(c.listing.listingEndsAt) },
        { title: '项目状态', key: 'status', render: (_, c) => LISTING_STATUS_LABELS[c.listing.status] },
      ]}
    />
  );
}
