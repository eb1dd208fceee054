// 相关推荐 on a listing's page: the listings of the other kind that best cover this one's key terms
// (a demand shows results that could solve it; a result shows the needs it could meet).
import { useQuery } from '@tanstack/react-query';
import { Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { INDUSTRY_FIELD_LABELS, type ListingKind } from '../../../../domain/constants/listings.js';
import { REGION_LABELS } from '../../../../domain/constants/organisations.js';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { ListingStatusTag } from '../../components/StatusTag.js';
import { labelOf } from '../../format.js';
import type { MatchHit } from './api.js';

const INTRO: Record<ListingKind, string> = {
  demand: '可能满足该需求的科技成果',
  supply: '可能需要该成果的企业需求',
};

export function RelatedMatches({ listingId, kind }: { listingId: string; kind: ListingKind }) {
  const q = useQuery({
    queryKey: ['matches', listingId],
    queryFn: ({ signal }) =>
      api.get<{ items: MatchHit[] }>(`/listings/${encodeURIComponent(listingId)}/matches`, { limit: 6 }, signal),
  });
  return (
    <Panel title="相关推荐">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {INTRO[kind]}，按关键词匹配度排序。
      </Typography.Paragraph>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : q.data.items.length === 0 ? (
        <Empty description="暂无相关推荐" />
      ) : (
        <ul aria-label="相关推荐" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {q.data.items.map((m) => (
            <li key={m.id} style={{ padding: '10px 0', borderTop: '1px solid #f0f0f0' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                <Link to={`/listings/${m.id}`} style={{ fontWeight: 600 }}>
                  {m.title}
                </Link>
                <Typography.Text type="secondary" aria-label={`匹配度 ${Math.round(m.score * 100)}%`}>
                  匹配度 {Math.round(m.score * 100)}%
                </Typography.Text>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {m.organisationName} · {labelOf(INDUSTRY_FIELD_LABELS, m.field)} · {labelOf(REGION_LABELS, m.region)}
              </Typography.Text>
              <Space wrap size={4} style={{ display: 'flex', marginTop: 4 }}>
                <ListingStatusTag status={m.status} listingId={m.id} />
                <span style={{ fontSize: 13, color: 'rgba(0,0,0,0.45)' }}>命中关键词：</span>
                {m.matchedTerms.map((t) => (
                  <Tag key={t} color="gold">
                    {t}
                  </Tag>
                ))}
              </Space>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
