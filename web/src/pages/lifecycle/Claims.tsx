// 挂牌与摘牌: verified enterprises other than the owner accept the listed price inside the window,
// one claim per enterprise. The owner and operators see every claim; an enterprise its own.
import { useQuery } from '@tanstack/react-query';
import { Button, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { api } from '../../api/client.js';
import { Countdown } from '../../components/Countdown.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { formatDateTime, formatFen } from '../../format.js';
import { useLifecycleAction, useViewer } from './shared.js';
import type { Claim, LifecycleListing } from './types.js';

export function ClaimsPanel({ listing }: { listing: LifecycleListing }) {
  const viewer = useViewer(listing);
  const windowOpen = listing.status === 'listed';
  const q = useQuery({
    queryKey: ['claims', listing.id],
    queryFn: ({ signal }) => api.get<{ items: Claim[] }>(`/listings/${listing.id}/claims`, undefined, signal),
    enabled: viewer.signedIn,
  });
  const claim = useLifecycleAction(listing.id, () => api.post<Claim>(`/listings/${listing.id}/claims`), {
    success: '摘牌成功',
    invalidate: [['claims', listing.id]],
  });
  const items = q.data?.items ?? [];
  const mine = items.find((c) => c.organisation.id === viewer.orgId);
  // Only once the claims are loaded: while they load, `mine` is unknown and the button would flash
  // for an enterprise that has already claimed.
  const canClaim = q.isSuccess && windowOpen && viewer.role === 'enterprise' && !viewer.isOwner && !mine;
  // After the window, only the owner, operators and a claimant have something to read here.
  if (!windowOpen && !mine && !viewer.isOwner && !viewer.isOperator) return null;

  return (
    <Panel title="摘牌">
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        {windowOpen && (
          <Space wrap align="center">
            <Typography.Text>
              挂牌价 <Typography.Text strong>{formatFen(listing.priceFen)}</Typography.Text>，摘牌截止{' '}
              {formatDateTime(listing.listingEndsAt)}
            </Typography.Text>
            {listing.listingEndsAt && <Countdown target={listing.listingEndsAt} size="small" />}
          </Space>
        )}
        {windowOpen && (
          <Typography.Text type="secondary">
            挂牌期内，已认证企业可按挂牌价摘牌，每个企业限一次。期满时仅一家摘牌即按挂牌价成交；两家及以上转入拍卖，以挂牌价起拍。
          </Typography.Text>
        )}
        {mine && (
          <Typography.Text>
            <Tag color="green">本企业已摘牌</Tag>
            {formatDateTime(mine.createdAt)} 以 {formatFen(mine.priceFen)} 摘牌，挂牌期满后按规则确定结果。
          </Typography.Text>
        )}
        {canClaim && (
          <div>
            <Popconfirm
              title={`确认以 ${formatFen(listing.priceFen)} 摘牌？`}
              description="摘牌后不能撤回。"
              okText="确认摘牌"
              cancelText="取消"
              onConfirm={() => claim.mutate(undefined)}
            >
              <Button type="primary" loading={claim.isPending}>
                摘牌
              </Button>
            </Popconfirm>
          </div>
        )}
        {windowOpen && !viewer.signedIn && <Typography.Text>请以已认证企业账号登录后摘牌。</Typography.Text>}
        {claim.isError && <ErrorAlert error={claim.error} />}
        {q.isError && <ErrorAlert error={q.error} onRetry={() => q.refetch()} />}
        {(viewer.isOwner || viewer.isOperator) && (
          <List
            header={<Typography.Text strong>摘牌记录（{items.length}）</Typography.Text>}
            loading={q.isPending}
            dataSource={items}
            locale={{ emptyText: '暂无企业摘牌' }}
            renderItem={(c) => (
              <List.Item key={c.id}>
                {c.organisation.name} · {formatFen(c.priceFen)} · {formatDateTime(c.createdAt)}
              </List.Item>
            )}
          />
        )}
      </Space>
    </Panel>
  );
}
