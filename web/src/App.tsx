import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout.js';
import { RequireRole } from './components/RequireRole.js';
import { auctionRoutes } from './pages/auction/routes.js';
import { dossierRoutes } from './pages/dossiers/routes.js';
import { ledgerRoutes } from './pages/ledger/routes.js';
import { lifecycleRoutes } from './pages/lifecycle/routes.js';
import { poolRoutes } from './pages/pool/routes.js';
import { researcherRoutes } from './pages/researchers/routes.js';
import { rightsRoutes } from './pages/rights/routes.js';
import { remunerationRoutes } from './pages/remuneration/routes.js';
import { searchRoutes } from './pages/search/routes.js';
import { statsRoutes } from './pages/stats/routes.js';

// One chunk per page: the home and browse pages load none of the member or operator code.
const Home = lazy(() => import('./pages/Home.js'));
const Browse = lazy(() => import('./pages/Browse.js'));
const ListingDetail = lazy(() => import('./pages/ListingDetail.js'));
const Login = lazy(() => import('./pages/Login.js'));
const Register = lazy(() => import('./pages/Register.js'));
const MyOrganisation = lazy(() => import('./pages/my/MyOrganisation.js'));
const MyResults = lazy(() => import('./pages/my/MyResults.js'));
const ResultEdit = lazy(() => import('./pages/my/ResultEdit.js'));
const MyListings = lazy(() => import('./pages/my/MyListings.js'));
const ListingEdit = lazy(() => import('./pages/my/ListingEdit.js'));
const OperatorConsole = lazy(() => import('./pages/operator/OperatorConsole.js'));
const NotFound = lazy(() => import('./pages/NotFound.js'));
const ChangePassword = lazy(() => import('./pages/account/ChangePassword.js'));

const MEMBERS = ['enterprise', 'institution'] as const;

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<Home />} />
        <Route path="demands" element={<Browse kind="demand" />} />
        <Route path="supply" element={<Browse kind="supply" />} />
        <Route path="listings/:id" element={<ListingDetail />} />
        <Route path="login" element={<Login />} />
        <Route path="register" element={<Register />} />
        <Route
          path="my/organisation"
          element={
            <RequireRole roles={MEMBERS}>
              <MyOrganisation />
            </RequireRole>
          }
        />
        <Route
          path="my/results"
          element={
            <RequireRole roles={['institution']} refusal="只有科研单位可以登记职务科技成果">
              <MyResults />
            </RequireRole>
          }
        />
        <Route
          path="my/results/new"
          element={
            <RequireRole roles={['institution']} refusal="只有科研单位可以登记职务科技成果">
              <ResultEdit />
            </RequireRole>
          }
        />
        <Route
          path="my/results/:id/edit"
          element={
            <RequireRole roles={['institution']} refusal="只有科研单位可以登记职务科技成果">
              <ResultEdit />
            </RequireRole>
          }
        />
        <Route
          path="my/listings"
          element={
            <RequireRole roles={MEMBERS}>
              <MyListings />
            </RequireRole>
          }
        />
        <Route
          path="my/listings/new"
          element={
            <RequireRole roles={MEMBERS}>
              <ListingEdit />
            </RequireRole>
          }
        />
        <Route
          path="my/listings/:id/edit"
          element={
            <RequireRole roles={MEMBERS}>
              <ListingEdit />
            </RequireRole>
          }
        />
        <Route path="operator" element={<Navigate to="/operator/listings" replace />} />
        <Route
          path="operator/:tab"
          element={
            <RequireRole roles={['operator']} refusal="运营管理后台仅限平台运营人员使用">
              <OperatorConsole />
            </RequireRole>
          }
        />
        <Route
          path="account/password"
          element={
            <RequireRole roles={['enterprise', 'institution', 'operator', 'researcher']}>
              <ChangePassword />
            </RequireRole>
          }
        />
        {auctionRoutes}
        {poolRoutes}
        {ledgerRoutes}
        {lifecycleRoutes}
        {searchRoutes}
        {dossierRoutes}
        {statsRoutes}
        {researcherRoutes}
        {rightsRoutes}
        {remunerationRoutes}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
