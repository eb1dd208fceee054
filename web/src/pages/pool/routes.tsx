// The pay-later pool's pages (措施五), mounted by App.tsx inside the app layout, and their entries in
// the main navigation. Kept here so the app shell needs two lines to include them.
import { lazy } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/types.js';
import { RequireRole } from '../../components/RequireRole.js';

const PoolBrowse = lazy(() => import('./PoolBrowse.js'));
const PoolResultDetail = lazy(() => import('./PoolResultDetail.js'));
const ApplyForm = lazy(() => import('./ApplyForm.js'));
const MyPayLater = lazy(() => import('./MyPayLater.js'));
const ApplicationDetail = lazy(() => import('./ApplicationDetail.js'));
const LicenceDetail = lazy(() => import('./LicenceDetail.js'));
const MyPool = lazy(() => import('./MyPool.js'));
const OverduePayments = lazy(() => import('./OverduePayments.js'));
const EditionArchive = lazy(() => import('./Editions.js').then((m) => ({ default: m.EditionArchive })));
const EditionDetail = lazy(() => import('./Editions.js').then((m) => ({ default: m.EditionDetail })));

const MEMBERS = ['enterprise', 'institution'] as const;

export const POOL_NAV: { to: string; label: string; roles?: readonly Role[] }[] = [
  { to: '/pool', label: '先用后付成果池' },
  { to: '/my/paylater', label: '先用后付', roles: MEMBERS },
  { to: '/my/pool', label: '成果入池', roles: ['institution'] },
  { to: '/operator/paylater', label: '逾期款项', roles: ['operator'] },
];

export const poolRoutes = (
  <>
    <Route path="pool" element={<PoolBrowse />} />
    <Route path="pool/editions" element={<EditionArchive />} />
    <Route path="pool/editions/:number" element={<EditionDetail />} />
    <Route path="pool/results/:id" element={<PoolResultDetail />} />
    <Route
      path="pool/results/:id/apply"
      element={
        <RequireRole roles={['enterprise']} refusal="先使用后付费许可仅面向中小微企业，请以企业账号登录后申请">
          <ApplyForm />
        </RequireRole>
      }
    />
    <Route
      path="my/pool"
      element={
        <RequireRole roles={['institution']} refusal="只有科研单位可以管理本单位成果的入池情况">
          <MyPool />
        </RequireRole>
      }
    />
    <Route
      path="my/paylater"
      element={
        <RequireRole roles={MEMBERS}>
          <MyPayLater />
        </RequireRole>
      }
    />
    <Route
      path="my/paylater/licences"
      element={
        <RequireRole roles={MEMBERS}>
          <MyPayLater />
        </RequireRole>
      }
    />
    <Route
      path="my/paylater/applications/:id"
      element={
        <RequireRole roles={MEMBERS}>
          <ApplicationDetail />
        </RequireRole>
      }
    />
    <Route
      path="my/paylater/licences/:id"
      element={
        <RequireRole roles={[...MEMBERS, 'operator']}>
          <LicenceDetail />
        </RequireRole>
      }
    />
    <Route
      path="operator/paylater"
      element={
        <RequireRole roles={['operator']} refusal="运营管理后台仅限平台运营人员使用">
          <OverduePayments />
        </RequireRole>
      }
    />
  </>
);
