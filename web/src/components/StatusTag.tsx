import { Tag } from 'antd';
import { LISTING_STATUS_LABELS, type ListingStatus } from '../../../domain/constants/listings.js';
import { type VerificationStatus } from '../../../domain/constants/organisations.js';
import { AuctionStatusTag } from '../pages/auction/AuctionEntry.js';

const STATUS_COLORS: Record<ListingStatus, string> = {
  draft: 'default',
  pending_review: 'processing',
  rejected: 'error',
  showcase: 'blue',
  notice: 'gold',
  objection_review: 'orange',
  listed: 'cyan',
  auction: 'purple',
  matched: 'green',
  converted: 'green',
  unsold: 'default',
  expired: 'default',
  withdrawn: 'default',
  taken_down: 'red',
  open: 'blue',
  selecting: 'gold',
  awarded: 'green',
  landed: 'green',
};

/**
 * A listing's state. A listing in `auction` (given its id) shows its auction's own state instead —
 * 即将开始 with the start time before the start, 拍卖中 only while it runs (issue 25) — the same tag
 * as on the detail page, read once per listing and shared with it.
 */
export function ListingStatusTag({ status, listingId }: { status: ListingStatus; listingId?: string }) {
  if (status === 'auction' && listingId) return <AuctionStatusTag listingId={listingId} />;
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-status={status}>
      {LISTING_STATUS_LABELS[status] ?? status}
    </Tag>
  );
}

export const VERIFICATION_LABELS: Record<VerificationStatus, string> = {
  pending_verification: '认证审核中',
  verified: '已认证',
  rejected: '认证未通过',
};

const VERIFICATION_COLORS: Record<VerificationStatus, string> = {
  pending_verification: 'processing',
  verified: 'success',
  rejected: 'error',
};

export function VerificationTag({ status }: { status: VerificationStatus }) {
  return <Tag color={VERIFICATION_COLORS[status]}>{VERIFICATION_LABELS[status] ?? status}</Tag>;
}
