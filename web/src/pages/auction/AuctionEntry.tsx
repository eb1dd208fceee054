// The way into a listing's auction from its detail page: the room while it is scheduled or live,
// the result afterwards. Renders nothing for a listing without an auction.
import { useQuery } from '@tanstack/react-query';
import { Space, Tag, Typography } from 'antd';
import { AUCTION_STATUS_LABELS, isAuctionOver } from '../../../../domain/auction-protocol.js';
import { ButtonLink } from '../../components/ButtonLink.js';
import { formatDateTime, formatFen } from '../../format.js';
import { auctionApi } from './api.js';

function useListingAuction(listingId: string) {
  return useQuery({
    queryKey: ['listing-auction', listingId],
    queryFn: ({ signal }) => auctionApi.ofListing(listingId, signal),
    retry: false,
    // Before the start, look again now and then so the page turns to 拍卖中 without a reload.
    refetchInterval: (query) => (query.state.data?.auction.status === 'scheduled' ? 30_000 : false),
  });
}

const AUCTION_TAG_COLORS = {
  scheduled: 'blue',
  live: 'purple',
  closed: 'green',
  unsold: 'default',
  cancelled: 'default',
} as const;

/**
 * The status tag of a listing in `auction`: the auction's own state, so a listing whose auction has
 * not started reads 即将开始 with its start time rather than 拍卖中. Until the auction is read it
 * shows a neutral 拍卖 tag.
 */
export function AuctionStatusTag({ listingId }: { listingId: string }) {
  const q = useListingAuction(listingId);
  const a = q.data?.auction;
  if (!a) return <Tag data-status="auction">拍卖</Tag>;
  const label = a.status === 'live' ? '拍卖中' : AUCTION_STATUS_LABELS[a.status];
  return (
    <Tag color={AUCTION_TAG_COLORS[a.status]} data-status="auction" data-auction-status={a.status}>
      {a.status === 'scheduled' ? `${label}（${formatDateTime(a.startsAt)} 开拍）` : label}
    </Tag>
  );
}

export function AuctionEntry({ listingId }: { listingId: string }) {
  const q = useListingAuction(listingId);
  if (!q.data) return null;
  const a = q.data.auction;
  const over = isAuctionOver(a.status);
  return (
    <Space wrap align="center" style={{ marginTop: 12 }}>
      <Typography.Text>
        拍卖（{AUCTION_STATUS_LABELS[a.status]}）：
        {a.status === 'scheduled' ? `${formatDateTime(a.startsAt)} 开拍，` : ''}
        {a.currentPriceFen === null
          ? `起拍价 ${formatFen(a.startPriceFen, '—')}`
          : `当前价 ${formatFen(a.currentPriceFen, '—')}`}
      </Typography.Text>
      <ButtonLink type="primary" to={over ? `/auctions/${a.id}/result` : `/auctions/${a.id}`}>
        {over ? '查看拍卖结果' : '进入拍卖室'}
      </ButtonLink>
    </Space>
  );
}
