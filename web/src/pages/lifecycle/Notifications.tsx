// 站内通知: the signed-in user's inbox, newest first; unread filter and page in the URL; mark one or
// all read. The bell's count follows (the api answers with the new unread count).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, List, Segmented, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import { UNREAD_KEY } from '../../components/NotificationBell.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useAuth } from '../../auth.js';
import { formatDateTime } from '../../format.js';
import { notificationLink } from '../../notification-link.js';
import { useToast } from '../../toast.js';
import { useUrlState } from '../../url-state.js';
import type { Notification, NotificationPage } from './types.js';

const PAGE_SIZE = 20;

export default function Notifications() {
  const { get, getInt, set } = useUrlState();
  const unreadOnly = get('unread') === '1';
  const page = getInt('page', 1);
  const queryClient = useQueryClient();
  const message = useToast();
  const { session } = useAuth();
  const linkOf = (n: Notification) => notificationLink(n, { operator: session?.role === 'operator' });
  const query = { unread: unreadOnly ? true : undefined, page, pageSize: PAGE_SIZE };
  const q = useQuery({
    queryKey: ['notifications', 'list', query],
    queryFn: ({ signal }) => api.get<NotificationPage>('/notifications', query, signal),
    placeholderData: keepPreviousData,
  });

  useEffect(() => {
    document.title = '站内通知 - 辽宁揭榜挂帅';
  }, []);

  const after = (r: { unreadCount: number }) => {
    queryClient.setQueryData(UNREAD_KEY, r.unreadCount);
    void queryClient.invalidateQueries({ queryKey: ['notifications', 'list'] });
  };
  const markOne = useMutation({
    mutationFn: (n: Notification) => api.post<{ unreadCount: number }>(`/notifications/${n.id}/read`),
    onSuccess: after,
    onError: () => message.error('标记失败，请稍后重试'),
  });
  const markAll = useMutation({
    mutationFn: () => api.post<{ unreadCount: number }>('/notifications/read-all'),
    onSuccess: (r) => {
      after(r);
      message.success('已全部标记为已读');
    },
  });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 900 }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        站内通知
      </Typography.Title>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Segmented
          aria-label="筛选通知"
          value={unreadOnly ? 'unread' : 'all'}
          options={[
            { value: 'all', label: '全部' },
            { value: 'unread', label: `未读${q.data ? `（${q.data.unreadCount}）` : ''}` },
          ]}
          onChange={(v) => set({ unread: v === 'unread' ? '1' : null })}
        />
        <Button onClick={() => markAll.mutate()} loading={markAll.isPending} disabled={q.data?.unreadCount === 0}>
          全部标记为已读
        </Button>
      </Space>
      {markAll.isError && <ErrorAlert error={markAll.error} />}
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <List<Notification>
          bordered
          loading={q.isFetching && !q.data}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: unreadOnly ? '没有未读通知' : '暂无通知' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: q.data?.total ?? 0,
            hideOnSinglePage: true,
            onChange: (p) => set({ page: p }, { keepPage: true }),
          }}
          renderItem={(n) => (
            <List.Item
              style={{ background: n.readAt ? undefined : '#f0f6ff' }}
              actions={
                n.readAt
                  ? []
                  : [
                      <Button key="read" size="small" type="link" onClick={() => markOne.mutate(n)}>
                        标为已读
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    {!n.readAt && <Tag color="blue">未读</Tag>}
                    {linkOf(n) ? <Link to={linkOf(n)!}>{n.title}</Link> : n.title}
                  </Space>
                }
                description={
                  <>
                    <div style={{ color: 'rgba(0,0,0,0.75)' }}>{n.body}</div>
                    <div style={{ fontSize: 12 }}>{formatDateTime(n.createdAt)}</div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
