// The listing lifecycle's pages (公示栏, 我的揭榜, 我的摘牌, 站内通知), mounted by App.tsx inside the app layout,
// and their entries in the main navigation. The per-listing panels live on the listing detail page.
import { lazy } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/types.js';
import { RequireRole } from '../../components/RequireRole.js';

const NoticeBoard = lazy(() => import('./NoticeBoard.js'));
const MyProposals = lazy(() => import('./MyProposals.js'));
const MyClaims = lazy(() => import('./MyClaims.js'));
const Notifications = lazy(() => import('./Notifications.js'));

export const LIFECYCLE_NAV: { to: string; label: string; roles?: readonly Role[] }[] = [
  { to: '/notices', label: '公示栏' },
  { to: '/my/proposals', label: '我的揭榜', roles: ['institution'] },
  { to: '/my/claims', label: '我的摘牌', roles: ['enterprise'] },
];

export const lifecycleRoutes = (
  <>
    <Route path="notices" element={<NoticeBoard />} />
    <Route
      path="my/proposals"
      element={
        <RequireRole roles={['institution']} refusal="只有科研单位可以揭榜">
          <MyProposals />
        </RequireRole>
      }
    />
    <Route
      path="my/claims"
      element={
        <RequireRole roles={['enterprise']} refusal="只有企业可以摘牌">
          <MyClaims />
        </RequireRole>
      }
    />
    <Route
      path="notifications"
      element={
        <RequireRole roles={['enterprise', 'institution', 'operator', 'researcher']}>
          <Notifications />
        </RequireRole>
      }
    />
  </>
);
