import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { useParams } from 'react-router';
import {
  INDUSTRY_FIELD_LABELS,
  LICENCE_SCOPE_LABELS,
  LISTING_KIND_LABELS,
  PRICING_MODE_LABELS,
  SUPPORT_KIND_LABELS,
  TRANSACTION_TYPE_LABELS,
} from '../../../domain/constants/listings.js';
import { IP_TYPE_LABELS, MATURITY_LABELS, OWNERSHIP_MODE_LABELS } from '../../../domain/constants/results.js';
import { MATCH_ROUTE_LABELS } from '../../../domain/constants/lifecycle.js';
import { REGION_LABELS } from '../../../domain/constants/organisations.js';
import { api, ApiError } from '../api/client.js';
import type { ListingDetail as Detail } from '../api/types.js';
import { useAuth } from '../auth.js';
import { Columns } from '../components/Columns.js';
import { ButtonLink } from '../components/ButtonLink.js';
import { Countdown } from '../components/Countdown.js';
import { AuctionEntry } from './auction/AuctionEntry.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { RejectionNotice } from '../components/RejectionNotice.js';
import { ListingStatusTag } from '../components/StatusTag.js';
import { formatDate, formatDateTime, formatFen, labelOf } from '../format.js';
import { canEdit, runningDeadline } from '../listing.js';
import { RelatedMatches } from './search/RelatedMatches.js';
import { NotFoundResult } from '../components/NotFoundResult.js';

// Operator-only controls (modals, forms, the audit drawer) load only when an operator views the page.
const ModerationActions = lazy(() =>
  import('../components/ModerationActions.js').then((m) => ({ default: m.ModerationActions })),
);
// Objections, claims, inquiries, proposals and the deal: their forms load with the listing, not the home page.
const LifecyclePanels = lazy(() => import('./lifecycle/LifecyclePanels.js'));
const DocumentsPanel = lazy(() => import('./dossiers/DocumentsPanel.js').then((m) => ({ default: m.DocumentsPanel })));

export default function ListingDetail() {
  const { id = '' } = useParams();
  const { session } = useAuth();
  const q = useQuery({
    queryKey: ['listing', id],
    queryFn: ({ signal }) => api.get<Detail>(`/listings/${encodeURIComponent(id)}`, undefined, signal),
  });

  useEffect(() => {
    if (q.data) document.title = `${q.data.title} - 辽宁揭榜挂帅`;
  }, [q.data]);

  if (q.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (q.isError) {
    if (q.error instanceof ApiError && q.error.status === 404) {
      return (
        <NotFoundResult
          title={q.error.message}
          subTitle="该项目不存在、尚未公开或已被移除。"
          extra={<ButtonLink to="/">返回首页</ButtonLink>}
        />
      );
    }
    return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  }

  const l = q.data;
  const deadline = runningDeadline(l);
  // A researcher's session names their institution, but they never act for it (措施一、十二).
  const isOwner =
    !!session?.organisation && session.role !== 'researcher' && session.organisation.id === l.organisation.id;
  const isOperator = session?.role === 'operator';
  const demand = l.kind === 'demand';

  const items = [
    { key: 'field', label: '行业领域', children: labelOf(INDUSTRY_FIELD_LABELS, l.field) },
    { key: 'region', label: '所在地区', children: labelOf(REGION_LABELS, l.region) },
    ...(demand
      ? [
          { key: 'price', label: '榜额', children: formatFen(l.priceFen, '面议') },
          { key: 'deadline', label: '揭榜截止', children: formatDateTime(l.deadline) },
          {
            key: 'support',
            label: '希望获得的支持',
            children: l.supportSought.length ? l.supportSought.map((s) => SUPPORT_KIND_LABELS[s] ?? s).join('、') : '—',
          },
        ]
      : [
          { key: 'pricing', label: '定价方式', children: labelOf(PRICING_MODE_LABELS, l.pricingMode) },
          {
            key: 'price',
            label: l.pricingMode === 'auction' ? '起拍价' : '价格',
            children: formatFen(l.priceFen),
          },
          ...(l.pricingMode === 'negotiated'
            ? [{ key: 'cp', label: '拟受让方', children: l.counterpartyName ?? '—' }]
            : []),
        ]),
    {
      key: 'tx',
      label: '交易方式',
      children: l.transactionTypes.length
        ? l.transactionTypes
            .map((t) =>
              t === 'license' && l.licenseScope
                ? `${TRANSACTION_TYPE_LABELS[t]}（${LICENCE_SCOPE_LABELS[l.licenseScope]}）`
                : (TRANSACTION_TYPE_LABELS[t] ?? t),
            )
            .join('、')
        : '—',
    },
    ...(l.matchedName
      ? [
          { key: 'matched', label: '成交方', children: l.matchedName },
          { key: 'matchedPrice', label: '成交价', children: formatFen(l.matchedPriceFen ?? null) },
          { key: 'route', label: '成交方式', children: labelOf(MATCH_ROUTE_LABELS, l.matchRoute) },
        ]
      : []),
    ...(l.noticeEndsAt ? [{ key: 'notice', label: '公示截止', children: formatDateTime(l.noticeEndsAt) }] : []),
    ...(l.status === 'objection_review' && l.objectionDecisionEndsAt
      ? [{ key: 'decision', label: '异议处理决定截止', children: formatDateTime(l.objectionDecisionEndsAt) }]
      : []),
    ...(l.listingEndsAt ? [{ key: 'listing', label: '摘牌截止', children: formatDateTime(l.listingEndsAt) }] : []),
    ...(l.expiresAt ? [{ key: 'expires', label: '展示截止', children: formatDateTime(l.expiresAt) }] : []),
    { key: 'published', label: '发布时间', children: formatDateTime(l.publishedAt) },
    ...(l.contactVisible
      ? [
          { key: 'contact', label: '联系人', children: l.contactName || '—' },
          { key: 'phone', label: '联系电话', children: l.contactPhone || '—' },
        ]
      : [
          {
            key: 'contact',
            label: '联系方式',
            // 个人信息保护法: personal contact data only for those who need it (最小必要).
            children: (
              <span data-testid="contact-hidden">
                联系方式仅向已认证机构的登录成员显示，依据个人信息保护法的最小必要原则
              </span>
            ),
          },
        ]),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {(isOwner || isOperator) && <RejectionNotice listing={l} />}
      <Card>
        <Space wrap size={4} style={{ marginBottom: 8 }}>
          <Tag color={demand ? 'volcano' : 'geekblue'}>{LISTING_KIND_LABELS[l.kind]}</Tag>
          <ListingStatusTag status={l.status} listingId={l.id} />
        </Space>
        <Typography.Title level={1} style={{ marginTop: 0 }}>
          {l.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 15 }}>
          {l.summary}
        </Typography.Paragraph>
        <Columns md={[14, 10]} align="center">
          <Typography.Text>
            发布机构：<Typography.Text strong>{l.organisation.name}</Typography.Text>
            <Tag style={{ marginLeft: 8 }}>{l.organisation.kind === 'institution' ? '科研单位' : '企业'}</Tag>
          </Typography.Text>
          {deadline && (
            <Card size="small" style={{ background: '#fafcff' }}>
              <Typography.Text type="secondary">
                {deadline.label}：{formatDateTime(deadline.at)}
              </Typography.Text>
              <div>
                <Countdown target={deadline.at} onEnd={() => void q.refetch()} />
              </div>
            </Card>
          )}
        </Columns>
        {/* Only a listing that went to auction has one: asking for another's answers 404 (a console error). */}
        {l.kind === 'supply' &&
          (l.status === 'auction' ||
            l.status === 'unsold' ||
            (l.status === 'matched' && l.matchRoute === 'auction')) && <AuctionEntry listingId={l.id} />}
        {(isOwner || isOperator) && (
          <div style={{ marginTop: 16 }}>
            {isOwner && canEdit(l.status) && (
              <ButtonLink type="primary" to={`/my/listings/${l.id}/edit`}>
                编辑
              </ButtonLink>
            )}
            {isOperator && (
              <Suspense fallback={<Skeleton.Button active />}>
                <ModerationActions id={l.id} title={l.title} status={l.status} size="middle" />
              </Suspense>
            )}
          </div>
        )}
      </Card>

      <Suspense fallback={<Skeleton active />}>
        <LifecyclePanels listing={l} />
      </Suspense>

      {/* 措施十四: the owner keeps its pricing decision, appraisal and minutes with the listing. */}
      {isOwner && (
        <Suspense fallback={<Skeleton active />}>
          <DocumentsPanel
            title="项目文件（定价决策、评估报告等）"
            subject="listings"
            id={l.id}
            kinds={
              demand
                ? ['decision_minutes', 'other']
                : ['pricing_decision', 'appraisal_report', 'decision_minutes', 'other']
            }
            editable
            label="项目文件"
          />
        </Suspense>
      )}

      <Card title="基本信息">
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} items={items} />
      </Card>

      {l.description && (
        <Card title={demand ? '需求详情' : '成果介绍'}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{l.description}</Typography.Paragraph>
        </Card>
      )}

      {l.result && (
        <Card title="关联科技成果">
          <Descriptions
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'title', label: '成果名称', children: l.result.title },
              { key: 'maturity', label: '成熟度', children: labelOf(MATURITY_LABELS, l.result.maturity) },
              { key: 'ownership', label: '权属', children: labelOf(OWNERSHIP_MODE_LABELS, l.result.ownership) },
            ]}
          />
          {l.result.ipItems && l.result.ipItems.length > 0 && (
            <>
              <h3 style={{ fontSize: 15, margin: '16px 0 8px' }}>知识产权</h3>
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {l.result.ipItems.map((ip) => (
                  <li key={`${ip.type}-${ip.number}`} style={{ marginBottom: 4 }}>
                    {labelOf(IP_TYPE_LABELS, ip.type)} <code>{ip.number}</code>
                    {ip.title ? ` ${ip.title}` : ''}
                    {ip.grantDate ? `（授权日 ${formatDate(ip.grantDate)}）` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>
      )}

      <RelatedMatches listingId={l.id} kind={l.kind} />
    </Space>
  );
}
