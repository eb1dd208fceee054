// The auction pages' routes, for App.tsx to place inside its layout route:
//   import { auctionRoutes } from './pages/auction/routes.js';   …   {auctionRoutes}
import { lazy } from 'react';
import { Route } from 'react-router';
import { RequireRole } from '../../components/RequireRole.js';

const AuctionRoom = lazy(() => import('./AuctionRoom.js'));
const AuctionResult = lazy(() => import('./AuctionResult.js'));
const AuctionManage = lazy(() => import('./AuctionManage.js'));

export const auctionRoutes = (
  <>
    <Route path="auctions/:id" element={<AuctionRoom />} />
    <Route path="auctions/:id/result" element={<AuctionResult />} />
    <Route
      path="auctions/:id/manage"
      element={
        <RequireRole roles={['institution', 'operator']} refusal="拍卖管理仅限卖方和平台运营人员">
          <AuctionManage />
        </RequireRole>
      }
    />
  </>
);
