// 措施十四 and 措施四: the dossier pages — an institution's records, trail, export and determinations;
// the public verification of a dossier file and the institution's disclosure page; operators'
// determinations. Mounted by App.tsx inside the app layout.
import { lazy } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/types.js';
import { RequireRole } from '../../components/RequireRole.js';

const MyDossier = lazy(() => import('./MyDossier.js'));
const VerifyDossier = lazy(() => import('./VerifyDossier.js'));
const Disclosure = lazy(() => import('./Disclosure.js'));
const Determinations = lazy(() => import('./Determinations.js'));

export const DOSSIER_NAV: { to: string; label: string; roles?: readonly Role[] }[] = [
  { to: '/my/dossier', label: '尽职免责档案', roles: ['institution'] },
  { to: '/operator/determinations', label: '尽职免责认定', roles: ['operator'] },
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
      path="operator/determinations"
      element={
        <RequireRole roles={['operator']} refusal="运营管理后台仅限平台运营人员使用">
          <Determinations />
        </RequireRole>
      }
    />
  </>
);
