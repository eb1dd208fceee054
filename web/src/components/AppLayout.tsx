import { KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Space, Spin, Tooltip } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { errorText } from '../api/client.js';
import { useAuth } from '../auth.js';
import { useToast } from '../toast.js';
import { ButtonLink } from './ButtonLink.js';
import { HeaderSearch } from './HeaderSearch.js';
import { DrawerNav, HeaderNav, PRIMARY } from './MainNav.js';
import { OrganisationSwitch } from './OrganisationSwitch.js';
import { PageErrorBoundary } from './PageErrorBoundary.js';

// The bell (its dropdown and live socket) loads only for signed-in users, outside the first chunk.
const NotificationBell = lazy(() => import('./NotificationBell.js').then((m) => ({ default: m.NotificationBell })));

export function PageFallback() {
  return (
    <div style={{ padding: 64, textAlign: 'center' }}>
      <Spin size="large" aria-label="页面加载中" />
    </div>
  );
}

export function AppLayout() {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is unknown; assume a desktop. Below 1200 px (xl)
  // the header line cannot hold the public links, the role's menu, search and the account: drawer.
  const narrow = screens.xl === false;
  const phone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { session, role, loading, logout } = useAuth();
  const message = useToast();
  const location = useLocation();
  const navigate = useNavigate();

  // Any navigation (a link in the drawer, the browser's back button) closes the phone drawer.
  useEffect(() => setDrawerOpen(false), [location.pathname, location.search]);

  const doLogout = async () => {
    setDrawerOpen(false);
    try {
      await logout();
      message.success('已退出登录');
      navigate('/');
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const loginTo = `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
  const orgName = session?.organisation?.name ?? '';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        跳到主要内容
      </a>
      {/* The header says when it knows who is signed in (and so which menus it shows), and which
          path the rendered page is for: a navigation changes the URL at once, but the router shows
          the old page (and the header the old path) until the next page's lazy chunk has loaded;
          the header's menus close when the path changes. Browser tests wait for these instead of
          polling for links that may not have rendered yet. */}
      <Layout.Header
        data-session={loading ? 'loading' : 'ready'}
        data-role={role ?? 'anonymous'}
        data-path={location.pathname}
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: narrow ? 8 : 16,
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
          padding: narrow ? '0 8px' : '0 24px',
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        {narrow && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label="打开导航菜单"
            aria-expanded={drawerOpen}
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Link
          to="/"
          aria-label="辽宁揭榜挂帅 首页"
          style={{ color: PRIMARY, fontWeight: 700, fontSize: narrow ? 17 : 20, whiteSpace: 'nowrap' }}
        >
          辽宁揭榜挂帅
        </Link>
        {!narrow && (
          <nav aria-label="主导航" style={{ flex: 1, minWidth: 0 }}>
            <HeaderNav role={role} />
          </nav>
        )}
        <div style={{ marginLeft: 'auto', display: 'flex', alignItems: 'center', gap: 8 }}>
          <HeaderSearch compact={phone} />
          {session && (
            <Suspense fallback={null}>
              <NotificationBell />
            </Suspense>
          )}
          {session ? (
            !narrow && (
              <>
                {session.memberships.length > 1 && <OrganisationSwitch session={session} />}
                <span title={orgName} style={{ whiteSpace: 'nowrap', color: 'rgba(0,0,0,0.65)' }}>
                  <UserOutlined /> {session.user.displayName}
                </span>
                {/* Icon only: at 1280 px the operator's header line has no room for another label. */}
                <Tooltip title="修改密码">
                  <ButtonLink type="text" icon={<KeyOutlined />} to="/account/password" aria-label="修改密码" />
                </Tooltip>
                <Button type="text" icon={<LogoutOutlined />} onClick={doLogout}>
                  退出登录
                </Button>
              </>
            )
          ) : (
            <Space size={4}>
              <ButtonLink type="text" to={loginTo}>
                登录
              </ButtonLink>
              <ButtonLink type="primary" to="/register">
                注册
              </ButtonLink>
            </Space>
          )}
        </div>
      </Layout.Header>
      {narrow && (
        <Drawer
          title="导航"
          placement="left"
          size={260}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          styles={{ body: { padding: 0 } }}
        >
          <nav aria-label="主导航">
            <DrawerNav role={role} />
          </nav>
          {session && (
            <div style={{ padding: 16, borderTop: '1px solid #f0f0f0', marginTop: 8 }}>
              <div style={{ color: 'rgba(0,0,0,0.65)', marginBottom: 8 }}>
                {session.user.displayName}
                {orgName && session.memberships.length < 2 ? ` · ${orgName}` : ''}
              </div>
              {session.memberships.length > 1 && (
                <div style={{ marginBottom: 8 }}>
                  <OrganisationSwitch session={session} block />
                </div>
              )}
              <ButtonLink block icon={<KeyOutlined />} to="/account/password" style={{ marginBottom: 8 }}>
                修改密码
              </ButtonLink>
              <Button block icon={<LogoutOutlined />} onClick={doLogout}>
                退出登录
              </Button>
            </div>
          )}
        </Drawer>
      )}
      <Layout.Content id="main" tabIndex={-1} style={{ padding: phone ? 12 : 24, outline: 'none' }}>
        <div style={{ maxWidth: 1200, margin: '0 auto' }}>
          <PageErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<PageFallback />}>
              <Outlet />
            </Suspense>
          </PageErrorBoundary>
        </div>
      </Layout.Content>
      <Layout.Footer
        style={{ textAlign: 'center', color: 'rgba(0,0,0,0.65)', padding: phone ? '16px 12px' : undefined }}
      >
        辽宁省双向揭榜挂帅科技成果交易平台 · 依据《辽宁省全面深化职务科技成果转化改革若干措施》运行
      </Layout.Footer>
    </Layout>
  );
}
