import { Alert } from 'antd';
import { REJECTION_REASON_LABELS, TAKE_DOWN_REASON_LABELS } from '../../../domain/constants/listings.js';
import type { ListingDetail } from '../api/types.js';
import { labelOf } from '../format.js';

const REASON_LABELS: Record<string, string> = { ...TAKE_DOWN_REASON_LABELS, ...REJECTION_REASON_LABELS };

/** The operator's reason for rejecting or taking down a listing, where its owner will see it. */
export function RejectionNotice({
  listing,
}: {
  listing: Pick<ListingDetail, 'status' | 'rejectionCode' | 'rejectionText'>;
}) {
  if (!listing.rejectionCode && !listing.rejectionText) return null;
  const takenDown = listing.status === 'taken_down';
  if (listing.status !== 'rejected' && !takenDown) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={`${takenDown ? '已被下架' : '审核未通过'}：${labelOf(REASON_LABELS, listing.rejectionCode, '')}`}
      description={
        <>
          <div>{listing.rejectionText}</div>
          {!takenDown && <div style={{ marginTop: 4 }}>请根据以上原因修改后重新提交审核。</div>}
        </>
      }
    />
  );
}
