// 措施十四 and 措施四: the dossier pages — an institution's records, trail, export and determinations;
// the public verification of a dossier file and the institution's disclosure page; the oversight
// roles' determinations. Mounted by App.tsx inside the app layout.
import { lazy } from 'react';
import { Navigate, Route } from 'react-router';
import type { Role } from '../../api/types.js';
import { RequireRole } from '../../components/RequireRole.js';

const MyDossier = lazy(() => import('./MyDossier.js'));
const VerifyDossier = lazy(() => import('./VerifyDossier.js'));
const Disclosure = lazy(() => import('./Disclosure.js'));
const Determinations = lazy(() => import('./Determinations.js'));

export const DOSSIER_NAV: { to: string; label: string; roles?: readonly Role[] }[] = [
  { to: '/my/dossier', label: '尽职免责档案', roles: ['institution'] },
  // 措施十四 认定: the supervisory departments and 省科技厅 (role `department`), and operators.
  { to: '/oversight/determinations', label: '尽职免责认定', roles: ['department', 'operator'] },
];

export const dossierRoutes = (
  <>
    <Route path="dossiers/verify" element={<VerifyDossier />} />
    <Route path="institutions/:id/disclosure" element={<Disclosure />} />
    <Route
      path="my/dossier"
      element={
        <RequireRole roles={['institution']} refusal="尽职免责档案由科研单位管理">
          <MyDossier />
        </RequireRole>
      }
    />
    <Route
      path="oversight/determinations"
      element={
        <RequireRole roles={['department', 'operator']} refusal="尽职免责认定由主管部门、省科技厅或平台运营方作出">
          <Determinations />
        </RequireRole>
      }
    />
    {/* The page's earlier address, when operators alone recorded determinations. */}
    <Route path="operator/determinations" element={<Navigate to="/oversight/determinations" replace />} />
  </>
);
