// Where a notification leads: its listing, or for auction and pay-later notices (which carry their
// ids in `data`, see server/auctions/, server/pool/) the page of that auction,
// result, application or licence. Null when there is nothing to open.
import type { NotificationKind } from '../../domain/constants/notifications.js';

export interface LinkableNotification {
  kind: NotificationKind;
  listingId: string | null;
  data: Record<string, unknown>;
}

const id = (v: unknown): string | null => (typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v) ? v : null);

export function notificationLink(n: LinkableNotification, viewer: { operator: boolean }): string | null {
  const auctionId = id(n.data.auctionId);
  const resultId = id(n.data.resultId);
  const applicationId = id(n.data.applicationId);
  const licenceId = id(n.data.licenceId);
  switch (n.kind) {
    case 'auction_scheduled':
      // The seller's copy (`data.seller`) opens the management page: increment and reserve may still
      // be set until the start. Bidders' copies open the room.
      if (auctionId) return n.data.seller === true ? `/auctions/${auctionId}/manage` : `/auctions/${auctionId}`;
      break;
    case 'auction_started':
    case 'auction_outbid':
      if (auctionId) return `/auctions/${auctionId}`;
      break;
    case 'auction_won':
    case 'auction_closed':
      if (auctionId) return `/auctions/${auctionId}/result`;
      break;
    case 'pool_included':
      if (resultId && n.data.count === 1) return `/pool/results/${resultId}`;
      return '/my/pool';
    case 'pool_removed':
      return '/my/pool';
    case 'paylater_applied':
    case 'paylater_updated':
      if (licenceId) return `/my/paylater/licences/${licenceId}`;
      if (applicationId) return `/my/paylater/applications/${applicationId}`;
      return '/my/paylater';
    case 'paylater_payment_overdue':
      if (viewer.operator) return '/operator/paylater';
      if (licenceId) return `/my/paylater/licences/${licenceId}`;
      return '/my/paylater';
    case 'paylater_licence_activated':
    case 'paylater_sales_reported':
    case 'paylater_payment_due':
    case 'paylater_payment_received':
      if (licenceId) return `/my/paylater/licences/${licenceId}`;
      return '/my/paylater';
    default:
      break;
  }
  return n.listingId ? `/listings/${n.listingId}` : null;
}
