// Researchers' pages (issue 18): the institution's invitations and the join page of the link.
import { lazy } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/types.js';
import { RequireRole } from '../../components/RequireRole.js';

const Invitations = lazy(() => import('./Invitations.js'));
const Join = lazy(() => import('./Join.js'));

export const RESEARCHER_NAV: { to: string; label: string; roles?: readonly Role[] }[] = [
  { to: '/my/researchers', label: '科研人员', roles: ['institution'] },
];

export const researcherRoutes = (
  <>
    <Route
      path="my/researchers"
      element={
        <RequireRole roles={['institution']} refusal="只有科研单位可以邀请本单位的科研人员">
          <Invitations />
        </RequireRole>
      }
    />
    <Route path="join" element={<Join />} />
  </>
);
