import { KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Space, Spin, Tooltip } from 'antd';
import { lazy, memo, Suspense, useEffect, useState } from 'react';
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

/**
 * The page itself, in its own lazily loaded chunk. memo: the layout re-renders when it measures the
 * screen (useBreakpoint, right after hydration); an update reaching this Suspense boundary before
 * the page's chunk has loaded and hydrated makes React discard the server-rendered page and render
 * it anew (a spinner, then the page again: the largest paint came only after the app's scripts).
 */
const PageArea = memo(function PageArea({ path }: { path: string }) {
  return (
    <PageErrorBoundary resetKey={path}>
      <Suspense fallback={<PageFallback />}>
        <Outlet />
      </Suspense>
    </PageErrorBoundary>
  );
});

export function AppLayout() {
  // Below 1200 px (xl) the header line cannot hold the public links, the role's menu, search and the
  // account: a drawer. Which of the two shows is decided by CSS media queries (the .jb-* rules in
  // index.html), not by measuring in script: a server-rendered page arrives laid out for the screen
  // it is shown on, before any script runs, and hydration changes nothing (no jump at 390 px). Both
  // variants are in the markup; the hidden one is display:none, so out of the accessibility tree.
  const screens = Grid.useBreakpoint();
  const wide = screens.xl === true;
  const [drawerOpen, setDrawerOpen] = useState(false);
  // The drawer is in the tree from its first opening on (it stays for its closing animation): a
  // closed antd Drawer still registers its 13 KB of styles, which every server-rendered page would
  // otherwise carry in its <head>.
  const [drawerUsed, setDrawerUsed] = useState(false);
  useEffect(() => {
    if (drawerOpen) setDrawerUsed(true);
  }, [drawerOpen]);
  const { session, role, loading, logout } = useAuth();
  const message = useToast();
  const location = useLocation();
  const navigate = useNavigate();

  // Any navigation (a link in the drawer, the browser's back button) closes the phone drawer.
  useEffect(() => setDrawerOpen(false), [location.pathname, location.search]);
  // A window widened past the drawer's breakpoint drops the drawer (its button is hidden there).
  useEffect(() => {
    if (wide) setDrawerOpen(false);
  }, [wide]);

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
        // Gap and padding per width: .jb-header in index.html.
        className="jb-header"
        style={{
          display: 'flex',
          alignItems: 'center',
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        <Button
          className="jb-narrow-only"
          type="text"
          icon={<MenuOutlined />}
          aria-label="打开导航菜单"
          aria-expanded={drawerOpen}
          onClick={() => setDrawerOpen(true)}
        />
        <Link
          to="/"
          aria-label="辽宁揭榜挂帅 首页"
          className="jb-logo"
          style={{ color: PRIMARY, fontWeight: 700, whiteSpace: 'nowrap' }}
        >
          辽宁揭榜挂帅
        </Link>
        <nav aria-label="主导航" className="jb-wide-only" style={{ flex: 1, minWidth: 0 }}>
          <HeaderNav role={role} />
        </nav>
        <div style={{ marginLeft: 'auto', display: 'flex', alignItems: 'center', gap: 8 }}>
          <HeaderSearch />
          {session && (
            <Suspense fallback={null}>
              <NotificationBell />
            </Suspense>
          )}
          {/* A signed-in page is never server-rendered: its account controls may wait for the
              measurement, and stay out of the markup where the drawer holds them (one of each). */}
          {session ? (
            screens.xl !== false && (
              <span className="jb-wide-only" style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
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
              </span>
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
      {(drawerOpen || drawerUsed) && (
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
      {/* Padding per width: .jb-main in index.html. */}
      <Layout.Content id="main" tabIndex={-1} className="jb-main" style={{ outline: 'none' }}>
        <div style={{ maxWidth: 1200, margin: '0 auto' }}>
          <PageArea path={location.pathname} />
        </div>
      </Layout.Content>
      <Layout.Footer className="jb-footer" style={{ textAlign: 'center', color: 'rgba(0,0,0,0.65)' }}>
        辽宁省双向揭榜挂帅科技成果交易平台 · 依据《辽宁省全面深化职务科技成果转化改革若干措施》运行
      </Layout.Footer>
    </Layout>
  );
}
