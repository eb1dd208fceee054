import { Tag } from 'antd';
import { LISTING_STATUS_LABELS, type ListingStatus } from '../../../domain/constants/listings.js';
import { type VerificationStatus } from '../../../domain/constants/organisations.js';

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

export function ListingStatusTag({ status }: { status: ListingStatus }) {
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
