// The search results page and the operators' search tools (issue 21: thesaurus, zero-result
// queries), mounted by App.tsx inside the app layout, and their entry in the main navigation.
import { lazy } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/types.js';
import { RequireRole } from '../../components/RequireRole.js';

const SearchPage = lazy(() => import('./SearchPage.js'));
const OperatorSearch = lazy(() => import('./OperatorSearch.js'));

export const SEARCH_NAV: { to: string; label: string; roles?: readonly Role[] }[] = [
  { to: '/operator/search', label: '检索词库', roles: ['operator'] },
];

export const searchRoutes = (
  <>
    <Route path="search" element={<SearchPage />} />
    <Route
      path="operator/search"
      element={
        <RequireRole roles={['operator']} refusal="运营管理后台仅限平台运营人员使用">
          <OperatorSearch />
        </RequireRole>
      }
    />
  </>
);
