// Seller's and operator's view of an auction (issue 6 §6): terms (increment, hidden reserve) before
// the start, the deposit requirement, and the participants with their deposits. Before the close
// nobody sees which organisation is behind which 竞买号: operators see organisations (to confirm
// deposits), the seller sees 竞买号.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Skeleton, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { AUCTION_PARTICIPANT_SOURCE_LABELS, isAuctionOver } from '../../../../domain/auction-protocol.js';
import { errorText } from '../../api/client.js';
import { useAuth } from '../../auth.js';
import { ButtonLink } from '../../components/ButtonLink.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { MoneyInput, moneyRules } from '../../components/MoneyInput.js';
import { formatDateTime, formatFen } from '../../format.js';
import { auctionApi, type Participant } from './api.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';

export default function AuctionManage() {
  const { id = '' } = useParams();
  const { session } = useAuth();
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: ['auction', id], queryFn: ({ signal }) => auctionApi.get(id, signal) });
  const parts = useQuery({
    queryKey: ['auction-participants', id],
    queryFn: ({ signal }) => auctionApi.participants(id, signal),
  });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['auction', id] }),
      queryClient.invalidateQueries({ queryKey: ['auction-participants', id] }),
    ]);
  const terms = useMutation({
    mutationFn: (v: { incrementFen: number; reservePriceFen: number | null | undefined }) =>
      auctionApi.setTerms(id, { incrementFen: v.incrementFen, reservePriceFen: v.reservePriceFen ?? null }),
    onSuccess: refresh,
  });
  const deposit = useMutation({
    mutationFn: (v: { depositFen: number | null | undefined }) => auctionApi.setDeposit(id, v.depositFen ?? null),
    onSuccess: refresh,
  });
  const confirm = useMutation({
    mutationFn: (participantId: string) => auctionApi.confirmDeposit(id, participantId),
    onSuccess: refresh,
  });

  if (detail.isPending || parts.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => detail.refetch()} />;
  if (parts.isError) return <ErrorAlert error={parts.error} onRetry={() => parts.refetch()} />;

  const a = detail.data.auction;
  const isOperator = session?.role === 'operator';
  const scheduled = a.status === 'scheduled';
  const over = isAuctionOver(a.status);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Panel
        headingLevel={1}
        title={`拍卖管理：${a.listingTitle}`}
        extra={<ButtonLink to={`/auctions/${a.id}`}>进入拍卖室</ButtonLink>}
      >
        <Typography.Paragraph>
          开拍时间 {formatDateTime(a.startsAt)}，结束时间 {formatDateTime(a.endsAt)}；起拍价{' '}
          {formatFen(a.startPriceFen, '—')}。
        </Typography.Paragraph>
        {scheduled ? (
          <Form
            layout="inline"
            initialValues={{
              incrementFen: a.incrementFen,
              reservePriceFen: detail.data.reservePriceFen ?? null,
            }}
            onFinish={(v) => terms.mutate(v)}
          >
            <Form.Item
              label="加价幅度"
              name="incrementFen"
              rules={moneyRules('加价幅度', { required: true, minFen: 1 })}
            >
              <MoneyInput />
            </Form.Item>
            <Form.Item label="保留价（不公开）" name="reservePriceFen" rules={moneyRules('保留价')}>
              <MoneyInput placeholder="不设保留价" />
            </Form.Item>
            <Button htmlType="submit" type="primary" loading={terms.isPending}>
              保存拍卖条件
            </Button>
          </Form>
        ) : (
          <Typography.Paragraph>
            加价幅度 {formatFen(a.incrementFen, '—')}；保留价{' '}
            {detail.data.reservePriceFen == null ? '无' : formatFen(detail.data.reservePriceFen, '—')}
            （拍卖开始后不能修改）。
          </Typography.Paragraph>
        )}
        {terms.isError && <Alert type="error" showIcon title={errorText(terms.error)} style={{ marginTop: 12 }} />}
        {terms.isSuccess && <Alert type="success" showIcon title="拍卖条件已保存" style={{ marginTop: 12 }} />}
      </Panel>

      {isOperator && scheduled && (
        <Panel title="保证金要求">
          <Form layout="inline" initialValues={{ depositFen: a.depositFen }} onFinish={(v) => deposit.mutate(v)}>
            <Form.Item label="保证金" name="depositFen" rules={moneyRules('保证金', { minFen: 1 })}>
              <MoneyInput placeholder="不要求保证金" />
            </Form.Item>
            <Button htmlType="submit" loading={deposit.isPending}>
              保存
            </Button>
          </Form>
          {deposit.isError && (
            <Alert type="error" showIcon title={errorText(deposit.error)} style={{ marginTop: 12 }} />
          )}
        </Panel>
      )}

      <Panel title={`竞买人（${parts.data.items.length}）`}>
        {confirm.isError && (
          <Alert type="error" showIcon title={errorText(confirm.error)} style={{ marginBottom: 12 }} />
        )}
        <ResponsiveTable<Participant>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={parts.data.items}
          locale={{ emptyText: '暂无竞买人' }}
          columns={[
            ...(parts.data.items.some((p) => p.alias) ? [{ title: '竞买号', dataIndex: 'alias' }] : []),
            ...(parts.data.items.some((p) => p.displayName) ? [{ title: '竞买人', dataIndex: 'displayName' }] : []),
            {
              title: '来源',
              dataIndex: 'source',
              render: (s: Participant['source']) => AUCTION_PARTICIPANT_SOURCE_LABELS[s],
            },
            {
              title: '保证金',
              key: 'deposit',
              render: (_: unknown, p: Participant) =>
                !p.depositRequired ? (
                  '不要求'
                ) : p.depositConfirmedAt ? (
                  <Tag color="green">已确认 {formatDateTime(p.depositConfirmedAt)}</Tag>
                ) : (
                  <Tag color="orange">待确认 {formatFen(p.depositFen, '—')}</Tag>
                ),
            },
            ...(isOperator && !over
              ? [
                  {
                    title: '操作',
                    key: 'op',
                    render: (_: unknown, p: Participant) =>
                      p.depositRequired && !p.depositConfirmedAt ? (
                        <Button size="small" loading={confirm.isPending} onClick={() => confirm.mutate(p.id)}>
                          确认保证金到账
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
        {!over && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            拍卖结束前不公开竞买号与竞买人的对应关系。
          </Typography.Paragraph>
        )}
      </Panel>
    </Space>
  );
}
