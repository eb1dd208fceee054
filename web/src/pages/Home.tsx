import { useQuery } from '@tanstack/react-query';
import { Empty, Skeleton, Space, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client.js';
import type { ListingSummary, Page, Stats } from '../api/types.js';
import { Columns } from '../components/Columns.js';
import { ButtonLink } from '../components/ButtonLink.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Panel } from '../components/Panel.js';
import { ListingStatusTag } from '../components/StatusTag.js';
import { formatDate, formatFen } from '../format.js';

async function fetchStats(): Promise<Stats | null> {
  try {
    return await api.get<Stats>('/stats');
  } catch (err) {
    // Counts are a nicety; without /stats the page still shows the list totals.
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

function Newest({ kind, title, to }: { kind: 'demand' | 'supply'; title: string; to: string }) {
  const q = useQuery({
    // Live listings only, as on the browse pages by default.
    queryKey: ['listings', { kind, phase: 'live', page: 1, pageSize: 5 }],
    queryFn: ({ signal }) =>
      api.get<Page<ListingSummary>>('/listings', { kind, phase: 'live', page: 1, pageSize: 5 }, signal),
  });
  return (
    <Panel title={title} extra={<Link to={to}>查看全部</Link>} style={{ height: '100%' }}>
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <Empty description="暂无项目" />
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {q.data.items.map((l, i) => (
            <li
              key={l.id}
              style={{
                display: 'flex',
                gap: 12,
                justifyContent: 'space-between',
                alignItems: 'flex-start',
                padding: '10px 0',
                borderTop: i === 0 ? undefined : '1px solid #f0f0f0',
              }}
            >
              <div style={{ minWidth: 0 }}>
                <Link to={`/listings/${l.id}`} style={{ fontWeight: 500 }}>
                  {l.title}
                </Link>
                <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 13, marginTop: 2 }}>
                  {l.organisation.name} · {formatFen(l.priceFen)} · {formatDate(l.publishedAt)}
                </div>
              </div>
              <ListingStatusTag status={l.status} listingId={l.id} />
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function Stat({
  title,
  value,
  suffix,
  loading,
}: {
  title: string;
  value: number | undefined;
  suffix: string;
  loading?: boolean;
}) {
  return (
    <Panel style={{ height: '100%' }}>
      <Statistic title={title} value={value ?? '—'} loading={loading} suffix={suffix} />
    </Panel>
  );
}

export default function Home() {
  const stats = useQuery({ queryKey: ['stats'], queryFn: fetchStats });
  // Fallback counts from the public lists when the api has no /stats.
  const fallbackOpen = useQuery({
    queryKey: ['listings', { kind: 'demand', status: 'open', page: 1, pageSize: 1 }],
    queryFn: () => api.get<Page<ListingSummary>>('/listings', { kind: 'demand', status: 'open', page: 1, pageSize: 1 }),
    enabled: stats.data === null,
  });
  const fallbackSupply = useQuery({
    queryKey: ['listings', { kind: 'supply', page: 1, pageSize: 1 }],
    queryFn: () => api.get<Page<ListingSummary>>('/listings', { kind: 'supply', page: 1, pageSize: 1 }),
    enabled: stats.data === null,
  });

  const openDemands = stats.data?.openDemands ?? fallbackOpen.data?.total;
  const publicSupply = stats.data?.publicSupply ?? fallbackSupply.data?.total;
  const loading = stats.isPending || (stats.data === null && (fallbackOpen.isPending || fallbackSupply.isPending));

  return (
    <Space orientation="vertical" size={24} style={{ width: '100%' }}>
      <section
        style={{ background: 'linear-gradient(120deg, #1554ad 0%, #2f7be0 100%)', borderRadius: 8, padding: 24 }}
      >
        <Typography.Title level={1} style={{ color: '#fff', marginTop: 0 }}>
          辽宁省双向揭榜挂帅科技成果交易平台
        </Typography.Title>
        <Typography.Paragraph style={{ color: '#fff', fontSize: 16, maxWidth: 760 }}>
          企业在这里发榜寻找技术，高校、科研院所和医疗卫生机构在这里揭榜并让职务科技成果找到市场，推动科技成果在辽宁就地转化。
        </Typography.Paragraph>
        <Space wrap>
          <ButtonLink size="large" to="/demands">
            企业找技术
          </ButtonLink>
          <ButtonLink size="large" to="/supply">
            成果找市场
          </ButtonLink>
        </Space>
      </section>

      {stats.isError ? (
        <ErrorAlert error={stats.error} onRetry={() => stats.refetch()} />
      ) : (
        <Columns xs={2} md={4}>
          <Stat title="揭榜中的企业需求" value={openDemands} loading={loading} suffix="项" />
          <Stat title="可交易的科技成果" value={publicSupply} loading={loading} suffix="项" />
          {stats.data && (
            <>
              <Stat title="入驻科研单位" value={stats.data.institutions} suffix="家" />
              <Stat title="入驻企业" value={stats.data.enterprises} suffix="家" />
            </>
          )}
        </Columns>
      )}

      <Columns lg={2}>
        <Newest kind="demand" title="最新企业需求" to="/demands" />
        <Newest kind="supply" title="最新科技成果" to="/supply" />
      </Columns>
    </Space>
  );
}
