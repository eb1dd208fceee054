// The conversion ledger's pages (issue 17), mounted by App.tsx inside the app layout, and their
// entries in the main navigation (members' under 我的, operators' under 运营管理).
import { lazy } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/types.js';
import { RequireRole } from '../../components/RequireRole.js';

const Conversions = lazy(() => import('./Conversions.js'));
const ConversionDetail = lazy(() => import('./ConversionDetail.js'));
const OffPlatformForm = lazy(() => import('./OffPlatformForm.js'));
const Income = lazy(() => import('./Income.js'));
const AssetRegister = lazy(() => import('./AssetRegister.js'));
const Obligations = lazy(() => import('./Obligations.js'));
const OverdueLedger = lazy(() => import('./OverdueLedger.js'));

const MEMBERS = ['enterprise', 'institution'] as const;
const INSTITUTION_ONLY = '转化台账由科研单位登记和维护，请以科研单位账号登录';

export const LEDGER_NAV: { to: string; label: string; roles?: readonly Role[] }[] = [
  { to: '/my/conversions', label: '转化台账', roles: MEMBERS },
  { to: '/my/obligations', label: '应付款项', roles: ['enterprise'] },
  { to: '/my/income', label: '转化收入', roles: ['institution'] },
  { to: '/my/asset-register', label: '单列管理登记表', roles: ['institution'] },
  { to: '/operator/ledger-overdue', label: '转化逾期款项', roles: ['operator'] },
];

export const ledgerRoutes = (
  <>
    <Route
      path="my/conversions"
      element={
        <RequireRole roles={MEMBERS}>
          <Conversions />
        </RequireRole>
      }
    />
    <Route
      path="my/conversions/new"
      element={
        <RequireRole roles={['institution']} refusal={INSTITUTION_ONLY}>
          <OffPlatformForm />
        </RequireRole>
      }
    />
    <Route
      path="my/conversions/:id"
      element={
        <RequireRole roles={[...MEMBERS, 'operator']}>
          <ConversionDetail />
        </RequireRole>
      }
    />
    <Route
      path="my/income"
      element={
        <RequireRole roles={['institution']} refusal={INSTITUTION_ONLY}>
          <Income />
        </RequireRole>
      }
    />
    <Route
      path="my/asset-register"
      element={
        <RequireRole roles={['institution']} refusal={INSTITUTION_ONLY}>
          <AssetRegister />
        </RequireRole>
      }
    />
    <Route
      path="my/obligations"
      element={
        <RequireRole roles={['enterprise']} refusal="应付款项仅面向作为受让方/委托方的企业">
          <Obligations />
        </RequireRole>
      }
    />
    <Route
      path="operator/ledger-overdue"
      element={
        <RequireRole roles={['operator']} refusal="运营管理后台仅限平台运营人员使用">
          <OverdueLedger />
        </RequireRole>
      }
    />
  </>
);
