import { StopOutlined } from '@ant-design/icons';
import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../api/types.js';
import { useAuth } from '../auth.js';
import { ButtonLink } from './ButtonLink.js';

function Refusal({ reason }: { reason: string }) {
  return (
    <div role="alert" style={{ textAlign: 'center', padding: '64px 16px' }}>
      <StopOutlined style={{ fontSize: 56, color: '#cf1322' }} aria-hidden />
      <h1 style={{ fontSize: 24, margin: '16px 0 8px' }}>无权访问</h1>
      <p style={{ color: 'rgba(0,0,0,0.65)', marginBottom: 24 }}>{reason}</p>
      <ButtonLink type="primary" to="/">
        返回首页
      </ButtonLink>
    </div>
  );
}

/**
 * Guards a page: anonymous visitors are sent to the login page (and come back after), signed-in
 * users of another role see a refusal. The api refuses them too; this only spares a pointless page.
 */
export function RequireRole({
  roles,
  children,
  refusal = '您无权访问此页面',
}: {
  roles: readonly Role[];
  children: ReactNode;
  refusal?: string;
}) {
  const { session, loading } = useAuth();
  const location = useLocation();
  if (loading) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin aria-label="加载中" />
      </div>
    );
  }
  if (!session) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (!roles.includes(session.role)) return <Refusal reason={refusal} />;
  return <>{children}</>;
}
