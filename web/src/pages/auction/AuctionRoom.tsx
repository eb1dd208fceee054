// The auction room (issue 6 §6): live price, a countdown on the server's clock, the bid history by
// 竞买号, a bid button pre-filled with the next minimum, the api's refusals in its own words, and
// the connection state.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { AUCTION_STATUS_LABELS, CLOSE_RESULT_LABELS, isAuctionOver } from '../../../../domain/auction-protocol.js';
import { ApiError, errorText } from '../../api/client.js';
import { useAuth } from '../../auth.js';
import { ButtonLink } from '../../components/ButtonLink.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { inputUnitForStep, MONEY_UNIT_LABELS } from '../../../../domain/money.js';
import { MoneyInput } from '../../components/MoneyInput.js';
import { dayjs, formatDateTime, formatFen, TZ } from '../../format.js';
import { auctionApi, type PublicBid } from './api.js';
import { useAuctionLive, type Connection } from './useAuctionLive.js';
import { NotFoundResult } from '../../components/NotFoundResult.js';

const CONNECTION: Record<Connection, { label: string; color: string }> = {
  connecting: { label: '连接中', color: 'processing' },
  open: { label: '已连接', color: 'success' },
  reconnecting: { label: '重连中', color: 'warning' },
  gone: { label: '已断开', color: 'error' },
};

const STATUS_COLOR: Record<string, string> = {
  scheduled: 'blue',
  live: 'green',
  closed: 'gold',
  unsold: 'default',
  cancelled: 'red',
};

/** "01:02:03", or "2天 01:02:03". */
function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(Math.floor((total % 86400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return d > 0 ? `${d}天 ${hms}` : hms;
}

function useServerNow(offsetMs: number): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + offsetMs), 250);
    setNow(Date.now() + offsetMs);
    return () => clearInterval(timer);
  }, [offsetMs]);
  return now;
}

/** The soft-close window in words: "5 分钟", "30 秒". */
function windowText(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} 分钟` : `${Math.round(ms / 100) / 10} 秒`;
}

// Seconds are what a bidder acts on; the record (result page, download) keeps the milliseconds.
const timeOf = (iso: string) => dayjs(iso).tz(TZ).format('HH:mm:ss');

/** What the end of the auction means for this viewer, in words. */
function outcomeText(
  a: { status: string; winner: string | null; currentPriceFen: number | null; result: string | null },
  alias: string | null,
): string {
  if (a.status !== 'closed') {
    const why = a.result ? CLOSE_RESULT_LABELS[a.result as keyof typeof CLOSE_RESULT_LABELS] : '流拍';
    return alias ? `拍卖已结束：${why}，您未竞得` : `拍卖已结束：${why}`;
  }
  const price = formatFen(a.currentPriceFen, '—');
  if (alias && a.winner === alias) return `您已竞得（竞买号 ${alias}），成交价 ${price}`;
  if (alias) return `未竞得：买受人竞买号 ${a.winner}，成交价 ${price}`;
  return `拍卖已结束，买受人竞买号 ${a.winner}，成交价 ${price}`;
}

export default function AuctionRoom() {
  const { id = '' } = useParams();
  const { session } = useAuth();
  const queryClient = useQueryClient();
  // The REST view says who the viewer is to this auction (seller, operator) and holds the static terms.
  const detail = useQuery({
    queryKey: ['auction', id],
    queryFn: ({ signal }) => auctionApi.get(id, signal),
    // Before the start others register: re-read now and then so 竞买人数 keeps up.
    refetchInterval: (q) => (q.state.data?.auction.status === 'scheduled' ? 30_000 : false),
  });
  const live = useAuctionLive(id);
  const a = live.auction ?? detail.data?.auction ?? null;
  const serverNow = useServerNow(live.offsetMs);

  // The bid in 分; typed in the unit of the increment (10,000 元 steps are typed in 万元).
  const [amountFen, setAmountFen] = useState<number | null>(null);
  const [edited, setEdited] = useState(false);
  const [sending, setSending] = useState(false);
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  const [registering, setRegistering] = useState(false);

  // Pre-fill the next minimum; follow it while the bidder has not typed their own amount.
  const nextMin = a?.nextMinimumFen ?? null;
  useEffect(() => {
    if (nextMin !== null && (!edited || (amountFen !== null && amountFen < nextMin))) {
      setAmountFen(nextMin);
      setEdited(false);
    }
  }, [nextMin]);

  useEffect(() => {
    if (a) document.title = `${a.listingTitle} - 拍卖室 - 辽宁揭榜挂帅`;
  }, [a]);

  const history = useMemo(() => [...live.bids].reverse(), [live.bids]);

  if (!a && (detail.isPending || live.connection === 'connecting')) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!a) {
    if (detail.error instanceof ApiError && detail.error.status === 404) {
      return <NotFoundResult title="拍卖不存在" extra={<ButtonLink to="/">返回首页</ButtonLink>} />;
    }
    return <ErrorAlert error={detail.error} onRetry={() => detail.refetch()} />;
  }

  const you = live.you ?? detail.data?.you ?? null;
  const over = isAuctionOver(a.status);
  const target = a.status === 'scheduled' ? a.startsAt : a.endsAt;
  const left = Date.parse(target) - serverNow;
  const leading = you !== null && a.leader === you.alias;
  const canBid = a.status === 'live' && you !== null && (!you.depositRequired || you.depositConfirmed);
  const isSeller = detail.data?.isSeller ?? false;
  const isOperator = session?.role === 'operator';
  const bidUnit = inputUnitForStep(a.incrementFen);
  // The REST view is re-read after a registration; the room's snapshot may predate it.
  const participantCount = Math.max(a.participantCount, detail.data?.auction.participantCount ?? 0);
  const canRegister =
    a.status === 'scheduled' && a.origin === 'direct' && you === null && session?.role === 'enterprise' && !isSeller;

  const submit = async () => {
    if (amountFen === null) return;
    if (!Number.isSafeInteger(amountFen)) {
      setAnswer({
        ok: false,
        text: `请按${MONEY_UNIT_LABELS[bidUnit]}填写出价金额，例如 ${formatFen(a.nextMinimumFen, '—')}`,
      });
      return;
    }
    setSending(true);
    setAnswer(null);
    const r = await live.bid(amountFen);
    setSending(false);
    setEdited(false);
    // Too low: offer the minimum the server named.
    const minimum = r.accepted ? null : (r.error.details as { minimumFen?: number } | undefined)?.minimumFen;
    if (minimum) setAmountFen(minimum);
    setAnswer(
      r.accepted
        ? { ok: true, text: `出价成功：${formatFen(r.bid.amount, '—')}（第 ${r.bid.seq} 次出价）` }
        : { ok: false, text: r.error.message },
    );
  };

  const register = async () => {
    setRegistering(true);
    try {
      await auctionApi.register(id);
      await queryClient.invalidateQueries({ queryKey: ['auction', id] });
      setAnswer({ ok: true, text: '报名成功，请在开拍后出价' });
    } catch (err) {
      setAnswer({ ok: false, text: errorText(err) });
    } finally {
      setRegistering(false);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Panel
        headingLevel={1}
        title={
          <Space wrap>
            <span>拍卖室：{a.listingTitle}</span>
            <Tag color={STATUS_COLOR[a.status]}>{AUCTION_STATUS_LABELS[a.status]}</Tag>
          </Space>
        }
        extra={
          <Tag color={CONNECTION[live.connection].color} aria-live="polite" data-testid="connection">
            {CONNECTION[live.connection].label}
          </Tag>
        }
      >
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 32, alignItems: 'flex-end' }}>
          <div>
            <Typography.Text type="secondary">{a.currentPriceFen === null ? '起拍价' : '当前价'}</Typography.Text>
            <div
              data-testid="current-price"
              aria-live="polite"
              style={{ fontSize: 36, fontWeight: 700, color: '#cf1322', fontVariantNumeric: 'tabular-nums' }}
            >
              {formatFen(a.currentPriceFen ?? a.startPriceFen, '—')}
            </div>
            <Typography.Text>
              领先竞买号：<strong data-testid="leader">{a.leader ?? '暂无出价'}</strong>
            </Typography.Text>
          </div>
          <div>
            <Typography.Text type="secondary">
              {over ? '已结束' : a.status === 'scheduled' ? '距开拍' : '距结束'}
            </Typography.Text>
            <div
              role="timer"
              data-testid="countdown"
              style={{ fontSize: 28, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}
            >
              {over ? '00:00:00' : clock(left)}
            </div>
            <Typography.Text type="secondary" data-testid="ends-at">
              {a.status === 'scheduled' ? `开拍：${formatDateTime(a.startsAt)}` : `结束：${timeOf(a.endsAt)}`}
            </Typography.Text>
          </div>
        </div>
        {live.extendedTo && !over && (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            data-testid="extended"
            title={`有竞买人在结束前 ${windowText(a.softCloseMs)}内出价，结束时间已延至 ${timeOf(live.extendedTo)}`}
          />
        )}
        {over && (
          <Alert
            style={{ marginTop: 12 }}
            type={a.status === 'closed' ? 'success' : 'warning'}
            showIcon
            data-testid="outcome"
            title={outcomeText(a, you?.alias ?? null)}
            action={<ButtonLink to={`/auctions/${a.id}/result`}>查看竞价记录</ButtonLink>}
          />
        )}
      </Panel>

      <Panel title="出价">
        {you ? (
          <Typography.Paragraph>
            您的竞买号：<Tag color="blue">{you.alias}</Tag>
            {leading && !over && <Tag color="red">您是当前最高出价者</Tag>}
            {you.depositRequired && !you.depositConfirmed && (
              <Typography.Text type="warning">保证金尚未确认，确认后方可出价</Typography.Text>
            )}
          </Typography.Paragraph>
        ) : (
          <Typography.Paragraph type="secondary">
            {session
              ? '您不是本场拍卖的竞买人，可以观看竞价过程。'
              : '登录并成为竞买人后可以出价，未登录也可观看竞价过程。'}
          </Typography.Paragraph>
        )}
        {canRegister && (
          <Button type="primary" loading={registering} onClick={() => void register()}>
            报名竞买
          </Button>
        )}
        {you && (
          <Space wrap align="center">
            <label htmlFor="bid-amount">出价金额（{MONEY_UNIT_LABELS[bidUnit]}）</label>
            <MoneyInput
              id="bid-amount"
              unit={bidUnit}
              value={amountFen}
              onChange={(v) => {
                setAmountFen(v);
                setEdited(true);
              }}
              onPressEnter={() => void submit()}
              disabled={!canBid}
            />
            {/* The name is fixed: the loading icon must not change how the button is announced. */}
            <Button
              type="primary"
              danger
              aria-label="出价"
              loading={sending}
              disabled={!canBid}
              onClick={() => void submit()}
            >
              出价
            </Button>
            <Typography.Text type="secondary">
              最低可出 {formatFen(a.nextMinimumFen, '—')}（加价幅度 {formatFen(a.incrementFen, '—')}）
            </Typography.Text>
          </Space>
        )}
        {answer && (
          <Alert
            role="alert"
            data-testid="bid-answer"
            style={{ marginTop: 12 }}
            type={answer.ok ? 'success' : 'error'}
            showIcon
            title={answer.text}
          />
        )}
        {live.error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={live.error.message} />}
      </Panel>

      <Panel title={`出价记录（共 ${a.seq} 次）`}>
        <Table<PublicBid>
          data-testid="bid-history"
          size="small"
          rowKey="seq"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={history}
          locale={{ emptyText: '暂无出价' }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 80 },
            {
              title: '竞买号',
              dataIndex: 'bidder',
              render: (b: string) => (b === you?.alias ? `${b}（我）` : b),
            },
            { title: '出价', dataIndex: 'amount', render: (v: number) => formatFen(v, '—') },
            { title: '时间', dataIndex: 'at', render: (v: string) => timeOf(v) },
          ]}
        />
      </Panel>

      <Panel title="拍卖条件">
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'start', label: '起拍价', children: formatFen(a.startPriceFen, '—') },
            { key: 'inc', label: '加价幅度', children: formatFen(a.incrementFen, '—') },
            { key: 'reserve', label: '保留价', children: a.hasReserve ? '有（不公开）' : '无' },
            { key: 'deposit', label: '保证金', children: a.depositFen ? formatFen(a.depositFen, '—') : '不要求' },
            {
              key: 'count',
              label: '竞买人数',
              children: <span data-testid="participant-count">{participantCount}</span>,
            },
            {
              key: 'soft',
              label: '延时规则',
              children: `结束前 ${windowText(a.softCloseMs)}内出价，结束时间顺延至出价后 ${windowText(a.softCloseMs)}`,
            },
            { key: 'starts', label: '开拍时间', children: formatDateTime(a.startsAt) },
            { key: 'seller', label: '卖方', children: detail.data?.seller.name ?? '—' },
          ]}
        />
        {(isSeller || isOperator) && (
          <div style={{ marginTop: 12 }}>
            <ButtonLink to={`/auctions/${a.id}/manage`}>竞买人与保证金</ButtonLink>
          </div>
        )}
      </Panel>
    </Space>
  );
}
