// The header's bell: the signed-in user's unread count, kept current over GET /api/v1/live
// ({type:"hello", unreadCount} on connect, {type:"notification"} per new one, {type:"read", unreadCount}
// when another tab marks read), with a dropdown of the latest notifications. The socket reconnects
// with backoff, reset only by the server's hello; each (re)connect's hello resynchronises the count and
// the lists, so nothing missed while away lingers.
import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Dropdown, Empty, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client.js';
import { useAuth } from '../auth.js';
import { formatDateTime } from '../format.js';
import type { LiveMessage } from '../../../domain/notifications.js';
import { notificationLink } from '../notification-link.js';
import type { Notification, NotificationPage } from '../pages/lifecycle/types.js';

export const UNREAD_KEY = ['notifications', 'unread'] as const;

/** Keeps the unread count (and the notification lists) in step with the server while signed in. */
function useLiveNotifications(userId: string | null) {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!userId) return;
    let stopped = false;
    let attempt = 0;
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const connect = () => {
      const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
      socket = new WebSocket(`${proto}//${window.location.host}/api/v1/live`);
      socket.onmessage = (e) => {
        let m: LiveMessage;
        try {
          m = JSON.parse(String(e.data)) as LiveMessage;
        } catch {
          return;
        }
        if (m.type === 'hello') {
          // Only the hello proves the connection works: the server accepts the handshake and may
          // then close with 1011 when it cannot read the unread count. Resetting the backoff on
          // open would have every tab retry about once a second for as long as that lasts.
          attempt = 0;
          setConnected(true);
          queryClient.setQueryData(UNREAD_KEY, m.unreadCount);
          // Pushes made while disconnected (or before this socket subscribed) never arrive: reload.
          void queryClient.invalidateQueries({ queryKey: ['notifications', 'list'] });
        } else if (m.type === 'read') {
          queryClient.setQueryData(UNREAD_KEY, m.unreadCount);
          void queryClient.invalidateQueries({ queryKey: ['notifications', 'list'] });
        } else if (m.type === 'notification') {
          queryClient.setQueryData<number>(UNREAD_KEY, (n) => (n ?? 0) + 1);
          void queryClient.invalidateQueries({ queryKey: ['notifications', 'list'] });
          // What the notification is about may have changed state (a claim, a window's end…).
          if (m.notification.listingId) {
            void queryClient.invalidateQueries({ queryKey: ['listing', m.notification.listingId] });
          }
        }
      };
      socket.onclose = (e) => {
        setConnected(false);
        // 4401: the session ended; signing in again opens a new socket.
        if (stopped || e.code === 4401) return;
        // Exponential, capped at 30 s, jittered so tabs dropped together do not return together.
        const delay = Math.min(30_000, 1_000 * 2 ** Math.min(attempt++, 5)) * (0.5 + Math.random() / 2);
        retry = setTimeout(connect, delay);
      };
    };
    connect();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      socket?.close();
    };
  }, [userId, queryClient]);
  return connected;
}

function Latest({ onPick }: { onPick: () => void }) {
  const navigate = useNavigate();
  const { session } = useAuth();
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: ['notifications', 'list', { page: 1, pageSize: 8 }],
    queryFn: ({ signal }) => api.get<NotificationPage>('/notifications', { page: 1, pageSize: 8 }, signal),
  });
  const open = async (n: Notification) => {
    onPick();
    if (!n.readAt) {
      await api
        .post<{ unreadCount: number }>(`/notifications/${n.id}/read`)
        .then((r) => queryClient.setQueryData(UNREAD_KEY, r.unreadCount))
        // Not marked (offline, session ended): show the count the server has.
        .catch(() => queryClient.invalidateQueries({ queryKey: UNREAD_KEY }));
      void queryClient.invalidateQueries({ queryKey: ['notifications', 'list'] });
    }
    navigate(notificationLink(n, { operator: session?.role === 'operator' }) ?? '/notifications');
  };
  return (
    <div
      style={{
        width: 360,
        maxWidth: '90vw',
        background: '#fff',
        borderRadius: 8,
        boxShadow: '0 6px 16px rgba(0,0,0,.12)',
      }}
    >
      <div style={{ padding: '10px 16px', borderBottom: '1px solid #f0f0f0', fontWeight: 600 }}>站内通知</div>
      <div style={{ maxHeight: 420, overflowY: 'auto' }}>
        {q.isPending ? (
          <div style={{ padding: 24, textAlign: 'center' }}>
            <Spin aria-label="加载中" />
          </div>
        ) : q.isError ? (
          <Typography.Text type="danger" style={{ display: 'block', padding: 16 }}>
            通知加载失败，请稍后重试
          </Typography.Text>
        ) : q.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" />
        ) : (
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {q.data.items.map((n) => (
              <li key={n.id} style={{ borderBottom: '1px solid #f5f5f5' }}>
                <button
                  type="button"
                  onClick={() => void open(n)}
                  style={{
                    all: 'unset',
                    cursor: 'pointer',
                    display: 'block',
                    padding: '10px 16px',
                    width: 'calc(100% - 32px)',
                    background: n.readAt ? undefined : '#f0f6ff',
                  }}
                >
                  <Space orientation="vertical" size={2}>
                    <Typography.Text strong={!n.readAt}>
                      {n.readAt ? '' : '● '}
                      {n.title}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {n.body}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.createdAt)}
                    </Typography.Text>
                  </Space>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div style={{ padding: '8px 16px', borderTop: '1px solid #f0f0f0', textAlign: 'center' }}>
        <Link to="/notifications" onClick={onPick}>
          查看全部通知
        </Link>
      </div>
    </div>
  );
}

export function NotificationBell() {
  const { session } = useAuth();
  const userId = session?.user.id ?? null;
  const [open, setOpen] = useState(false);
  useLiveNotifications(userId);
  const unread = useQuery({
    queryKey: UNREAD_KEY,
    queryFn: ({ signal }) =>
      api.get<{ unreadCount: number }>('/notifications/unread-count', undefined, signal).then((r) => r.unreadCount),
    enabled: !!userId,
    staleTime: 60_000,
  });
  if (!userId) return null;
  const count = unread.data ?? 0;
  return (
    <Dropdown
      open={open}
      onOpenChange={setOpen}
      trigger={['click']}
      popupRender={() => <Latest onPick={() => setOpen(false)} />}
    >
      <Button
        type="text"
        aria-label={count > 0 ? `站内通知，${count} 条未读` : '站内通知'}
        data-testid="notification-bell"
        icon={
          <Badge count={count} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Dropdown>
  );
}
