// 科技成果转化奖励和报酬 (措施三、十二): the researcher's "我的奖励" and the institution's reward
// settings, rewards to approve and pay, and a conversion's costs and rewards.
import { lazy } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/types.js';
import { RequireRole } from '../../components/RequireRole.js';

const MyRewards = lazy(() => import('./MyRewards.js'));
const RemunerationAdmin = lazy(() => import('./RemunerationAdmin.js'));
const ConversionRemunerationPage = lazy(() => import('./ConversionRemuneration.js'));

const INSTITUTION_ONLY = '科技成果转化奖励由科研单位设置和审批，请以科研单位账号登录';

export const REMUNERATION_NAV: { to: string; label: string; roles?: readonly Role[] }[] = [
  { to: '/my/remuneration', label: '转化奖励', roles: ['institution'] },
  { to: '/researcher/rewards', label: '我的奖励', roles: ['researcher'] },
];

export const remunerationRoutes = (
  <>
    <Route
      path="my/remuneration"
      element={
        <RequireRole roles={['institution']} refusal={INSTITUTION_ONLY}>
          <RemunerationAdmin />
        </RequireRole>
      }
    />
    <Route
      path="my/remuneration/conversions/:id"
      element={
        <RequireRole roles={['institution']} refusal={INSTITUTION_ONLY}>
          <ConversionRemunerationPage />
        </RequireRole>
      }
    />
    <Route
      path="researcher/rewards"
      element={
        <RequireRole roles={['researcher']} refusal="“我的奖励”供科研人员（成果完成人）查看本人的转化奖励">
          <MyRewards />
        </RequireRole>
      }
    />
  </>
);
