// The statistics pages (issue 19, 措施十三), mounted by App.tsx inside the app layout, and their
// entries in the main navigation. ECharts loads with the first chart only (Chart.tsx).
import { lazy } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/types.js';
import { RequireRole } from '../../components/RequireRole.js';

const StatsOverview = lazy(() => import('./StatsOverview.js'));
const FigureRecords = lazy(() => import('./FigureRecords.js'));
const IncomeRecords = lazy(() => import('./IncomeRecords.js'));
const ListingRecords = lazy(() => import('./ListingRecords.js'));
const AnnualReport = lazy(() => import('./AnnualReport.js'));
const ReportArchive = lazy(() => import('./ReportArchive.js'));

const VIEWERS = ['enterprise', 'institution', 'department', 'operator'] as const;
const OVERSIGHT = ['department', 'operator'] as const;

export const STATS_NAV: { to: string; label: string; roles?: readonly Role[] }[] = [
  { to: '/stats', label: '转化统计', roles: VIEWERS },
  { to: '/stats/annual-report', label: '年度报告', roles: ['institution'] },
  { to: '/oversight/annual-reports', label: '年度报告归档', roles: OVERSIGHT },
];

export const statsRoutes = (
  <>
    <Route
      path="stats"
      element={
        <RequireRole roles={VIEWERS}>
          <StatsOverview />
        </RequireRole>
      }
    />
    <Route
      path="stats/records"
      element={
        <RequireRole roles={VIEWERS}>
          <FigureRecords />
        </RequireRole>
      }
    />
    <Route
      path="stats/records/income"
      element={
        <RequireRole roles={VIEWERS}>
          <IncomeRecords />
        </RequireRole>
      }
    />
    <Route
      path="stats/records/listings"
      element={
        <RequireRole roles={VIEWERS}>
          <ListingRecords />
        </RequireRole>
      }
    />
    <Route
      path="stats/annual-report"
      element={
        <RequireRole roles={['institution', 'department', 'operator']} refusal="年度报告由科研单位编制、主管部门接收">
          <AnnualReport />
        </RequireRole>
      }
    />
    <Route
      path="oversight/annual-reports"
      element={
        <RequireRole roles={OVERSIGHT} refusal="年度报告归档仅面向主管部门与平台运营方">
          <ReportArchive />
        </RequireRole>
      }
    />
  </>
);
