// The result page (issue 6 §6): the outcome (for a participant: whether they won), the winner's
// 竞买号, the final hash, and the whole bid log with its hash chain, explained in words and
// downloadable (the README names the command that re-checks a downloaded record).
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Result, Skeleton, Space, Table, Typography } from 'antd';
import { useParams } from 'react-router';
import { CLOSE_RESULT_LABELS } from '../../../../domain/auction-protocol.js';
import { ApiError } from '../../api/client.js';
import { ButtonLink } from '../../components/ButtonLink.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { dayjs, formatDateTime, formatFen, TZ } from '../../format.js';
import { auctionApi, type AuctionRecord } from './api.js';
import { NotFoundResult } from '../../components/NotFoundResult.js';

const short = (h: string) => `${h.slice(0, 10)}…${h.slice(-6)}`;

function download(record: AuctionRecord) {
  const blob = new Blob([JSON.stringify(record, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `auction-${record.auction.id}.json`;
  a.click();
  URL.revokeObjectURL(url);
}

export default function AuctionResult() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['auction-record', id], queryFn: ({ signal }) => auctionApi.record(id, signal) });
  // Who the viewer is to this auction (their 竞买号, if any).
  const viewer = useQuery({ queryKey: ['auction', id], queryFn: ({ signal }) => auctionApi.get(id, signal) });

  if (q.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (q.isError) {
    if (q.error instanceof ApiError && q.error.code === 'AUCTION_NOT_ENDED') {
      return (
        <Result
          status="info"
          title="拍卖尚未结束"
          subTitle="竞价记录在拍卖结束后公开。"
          extra={<ButtonLink to={`/auctions/${id}`}>进入拍卖室</ButtonLink>}
        />
      );
    }
    if (q.error instanceof ApiError && q.error.status === 404) {
      return <NotFoundResult title="拍卖不存在" extra={<ButtonLink to="/">返回首页</ButtonLink>} />;
    }
    return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  }

  const { auction: a, bids, identities } = q.data;
  const sold = a.status === 'closed';
  const alias = viewer.data?.you?.alias ?? null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Panel headingLevel={1} title={`拍卖结果：${a.listingTitle}`}>
        {alias && (
          <Alert
            type={sold && a.winner === alias ? 'success' : 'info'}
            showIcon
            data-testid="your-outcome"
            style={{ marginBottom: 12 }}
            title={
              sold && a.winner === alias
                ? `您已竞得：您的竞买号 ${alias}，成交价 ${formatFen(a.priceFen, '—')}`
                : `未竞得：您的竞买号 ${alias}`
            }
          />
        )}
        <Alert
          type={sold ? 'success' : 'warning'}
          showIcon
          data-testid="result"
          title={
            sold
              ? `成交：买受人竞买号 ${a.winner}，成交价 ${formatFen(a.priceFen, '—')}`
              : `流拍：${a.result ? CLOSE_RESULT_LABELS[a.result] : ''}`
          }
        />
        <Descriptions
          style={{ marginTop: 16 }}
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'count', label: '出价次数', children: a.seq },
            { key: 'start', label: '起拍价', children: formatFen(a.startPriceFen, '—') },
            {
              key: 'reserve',
              label: '保留价',
              children: a.reservePriceFen === null ? '无' : formatFen(a.reservePriceFen, '—'),
            },
            { key: 'closed', label: '结束时间', children: formatDateTime(a.closedAt) },
            {
              key: 'hash',
              label: '最终哈希',
              span: 2,
              children: (
                <Typography.Text code copyable data-testid="final-hash" style={{ wordBreak: 'break-all' }}>
                  {a.hashHead}
                </Typography.Text>
              ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          每次出价的哈希由上一次出价的哈希、序号、竞买号、金额（分）和到达时间计算得出（SHA-256），任何一条记录被改动都会使其后的哈希全部不符。
          下载的竞价记录包含全部出价和每一步的哈希：任何人都可以从第一条出价起逐条重算，最后得到的哈希应与上面的“最终哈希”一致；
          不一致即说明记录被改动过。平台的说明文档提供了复核工具。
        </Typography.Paragraph>
        <Space>
          <Button onClick={() => download(q.data)}>下载竞价记录（JSON）</Button>
          <ButtonLink to={`/auctions/${a.id}`}>返回拍卖室</ButtonLink>
        </Space>
      </Panel>

      {identities && (
        <Panel title="竞买号对应的竞买人（仅卖方与运营方可见）">
          <Table
            size="small"
            rowKey="alias"
            pagination={false}
            dataSource={identities}
            columns={[
              { title: '竞买号', dataIndex: 'alias' },
              { title: '竞买人', dataIndex: 'displayName' },
            ]}
          />
        </Panel>
      )}

      <Panel title="竞价记录">
        <Table
          data-testid="bid-log"
          size="small"
          rowKey="seq"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          dataSource={bids}
          locale={{ emptyText: '无人出价' }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 70 },
            { title: '竞买号', dataIndex: 'bidder' },
            { title: '出价', dataIndex: 'amount', render: (v: number) => formatFen(v, '—') },
            {
              title: '时间',
              dataIndex: 'at',
              render: (v: string) => dayjs(v).tz(TZ).format('YYYY-MM-DD HH:mm:ss.SSS'),
            },
            { title: '哈希', dataIndex: 'hash', render: (h: string) => <code title={h}>{short(h)}</code> },
          ]}
        />
      </Panel>
    </Space>
  );
}
