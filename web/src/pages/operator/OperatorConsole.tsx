import { Tabs, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { PageFallback } from '../../components/AppLayout.js';

const OrganisationQueue = lazy(() => import('./OrganisationQueue.js'));
const ListingQueue = lazy(() => import('./ListingQueue.js'));
const DomicileReview = lazy(() => import('./DomicileReview.js'));

const TABS = [
  { key: 'listings', label: '项目审核' },
  { key: 'organisations', label: '机构认证' },
  { key: 'domicile-review', label: '登记地复核' },
] as const;

export default function OperatorConsole() {
  const { tab } = useParams();
  const navigate = useNavigate();
  if (!TABS.some((t) => t.key === tab)) return <Navigate to="/operator/listings" replace />;
  return (
    <div>
      <Typography.Title level={1} style={{ marginTop: 0 }}>
        运营管理
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(`/operator/${key}`)}
        items={TABS.map((t) => ({ key: t.key, label: t.label }))}
      />
      <Suspense fallback={<PageFallback />}>
        {tab === 'organisations' ? (
          <OrganisationQueue />
        ) : tab === 'domicile-review' ? (
          <DomicileReview />
        ) : (
          <ListingQueue />
        )}
      </Suspense>
    </div>
  );
}
