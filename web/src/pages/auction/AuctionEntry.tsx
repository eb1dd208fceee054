// The way into a listing's auction from its detail page: the room while it is scheduled or live,
// the result afterwards. Renders nothing for a listing without an auction.
import { useQuery } from '@tanstack/react-query';
import { Space, Typography } from 'antd';
import { AUCTION_STATUS_LABELS, isAuctionOver } from '../../../../domain/auction-protocol.js';
import { ButtonLink } from '../../components/ButtonLink.js';
import { formatDateTime, formatFen } from '../../format.js';
import { auctionApi } from './api.js';

export function AuctionEntry({ listingId }: { listingId: string }) {
  const q = useQuery({
    queryKey: ['listing-auction', listingId],
    queryFn: ({ signal }) => auctionApi.ofListing(listingId, signal),
    retry: false,
  });
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
