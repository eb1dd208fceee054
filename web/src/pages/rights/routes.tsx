// 赋权与权益让渡 pages (措施一、六): the researcher's results and rights, and the institution's
// decisions and formalities on a result.
import { lazy } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/types.js';
import { RequireRole } from '../../components/RequireRole.js';

const MyRights = lazy(() => import('./MyRights.js'));
const ResearcherResults = lazy(() => import('./ResearcherResults.js'));
const ResultRights = lazy(() => import('./ResultRights.js'));

export const RIGHTS_NAV: { to: string; label: string; roles?: readonly Role[] }[] = [
  { to: '/researcher/results', label: '我的成果', roles: ['researcher'] },
  { to: '/researcher/rights', label: '我的权益', roles: ['researcher'] },
];

export const rightsRoutes = (
  <>
    <Route
      path="researcher/results"
      element={
        <RequireRole roles={['researcher']} refusal="此页面列出科研人员本人参与完成的成果">
          <ResearcherResults />
        </RequireRole>
      }
    />
    <Route
      path="researcher/rights"
      element={
        <RequireRole roles={['researcher']} refusal="此页面供科研人员答复单位的赋权决定">
          <MyRights />
        </RequireRole>
      }
    />
    <Route
      path="my/results/:id/rights"
      element={
        <RequireRole roles={['institution']} refusal="只有科研单位可以就本单位的成果作出赋权决定">
          <ResultRights />
        </RequireRole>
      }
    />
  </>
);
