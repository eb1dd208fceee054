// The archive of pool editions (措施五 "定期发布更新"), each with what was added and removed, and
// downloads anyone can take: CSV (opens in Excel), JSON and an Atom feed.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Pagination, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { INDUSTRY_FIELD_LABELS } from '../../../../domain/constants/listings.js';
import { IP_TYPE_LABELS } from '../../../../domain/constants/results.js';
import {
  POOL_EDITION_CHANGE_LABELS,
  POOL_REASON_LABELS,
  POOL_REMOVAL_REASON_LABELS,
} from '../../../../domain/constants/pool.js';
import { REGION_LABELS } from '../../../../domain/constants/organisations.js';
import { api, ApiError } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { ButtonLink } from '../../components/ButtonLink.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { formatDate, formatDateTime, labelOf } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import type { Edition, EditionItem } from './types.js';
import { NotFoundResult } from '../../components/NotFoundResult.js';

const FEED = '/api/v1/pool/editions.atom';
const download = (n: number, format: 'csv' | 'json') => `/api/v1/pool/editions/${n}/download?format=${format}`;

function Downloads({ number }: { number: number }) {
  return (
    <Space size={12} wrap>
      <a href={download(number, 'csv')} download aria-label={`下载第${number}期 CSV`}>
        下载 CSV
      </a>
      <a href={download(number, 'json')} download aria-label={`下载第${number}期 JSON`}>
        下载 JSON
      </a>
    </Space>
  );
}

interface NextEdition {
  publishesAt: string | null;
  poolCount: number;
  lastNumber: number | null;
}

/** What the next edition will be: when it is due and how many results the pool holds now. */
function NextEditionNote({ empty }: { empty: boolean }) {
  const q = useQuery({
    queryKey: ['pool', 'next-edition'],
    queryFn: ({ signal }) => api.get<NextEdition>('/pool/next-edition', undefined, signal),
  });
  if (!q.data) return null;
  const { publishesAt, poolCount, lastNumber } = q.data;
  const number = (lastNumber ?? 0) + 1;
  const when = publishesAt ? `将于 ${formatDateTime(publishesAt)} 发布` : '将按发布计划发布';
  return (
    <Typography.Paragraph style={{ margin: 0 }} data-testid="next-edition">
      {empty ? '成果池尚未发布过期次。' : ''}第 {number} 期{when}；成果池目前有 {poolCount} 项成果，
      {poolCount > 0 ? (
        <>
          发布前可在<Link to="/pool">先用后付成果池</Link>中查看。
        </>
      ) : (
        '有成果入池后将列入下一期。'
      )}
    </Typography.Paragraph>
  );
}

export function EditionArchive() {
  const { getInt, set } = useUrlState();
  const page = getInt('page', 1);
  const q = useQuery({
    queryKey: ['pool', 'editions', page],
    queryFn: ({ signal }) => api.get<Page<Edition>>('/pool/editions', { page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    document.title = '成果池发布 - 辽宁揭榜挂帅';
  }, []);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Link to="/pool">← 先用后付成果池</Link>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0 }}>
          成果池发布
        </Typography.Title>
        <a href={FEED} type="application/atom+xml">
          订阅更新（Atom）
        </a>
      </Space>
      <Typography.Text type="secondary">
        先用后付成果池按期发布（措施五“定期发布更新”）。每期列出在池成果，以及较上期新增和移出的成果，可下载 CSV（可用
        Excel 直接打开）或 JSON。
      </Typography.Text>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active />
      ) : q.data.items.length === 0 ? (
        <Panel>
          <NextEditionNote empty />
        </Panel>
      ) : (
        <Panel bodyStyle={{ padding: 0 }}>
          <div style={{ padding: '12px 16px 0' }}>
            <NextEditionNote empty={false} />
          </div>
          <Table<Edition>
            rowKey="number"
            dataSource={q.data.items}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: page,
              pageSize: 20,
              total: q.data.total,
              onChange: (p) => set({ page: p }),
              hideOnSinglePage: true,
            }}
            columns={[
              {
                title: '期次',
                dataIndex: 'number',
                render: (n: number) => <Link to={`/pool/editions/${n}`}>第 {n} 期</Link>,
              },
              { title: '发布日期', dataIndex: 'asOf', render: (v: string) => formatDate(v) },
              { title: '在池成果', dataIndex: 'entryCount' },
              { title: '新增', dataIndex: 'addedCount', render: (v: number) => <Tag color="green">+{v}</Tag> },
              { title: '移出', dataIndex: 'removedCount', render: (v: number) => <Tag color="red">−{v}</Tag> },
              { title: '下载', key: 'downloads', render: (_, e) => <Downloads number={e.number} /> },
            ]}
          />
        </Panel>
      )}
    </Space>
  );
}

const VIEWS = [
  { key: 'listed', label: '本期在池' },
  { key: 'added', label: '较上期新增' },
  { key: 'removed', label: '较上期移出' },
] as const;

function EditionItems({ number, view }: { number: number; view: string }) {
  const { getInt, set } = useUrlState();
  const page = getInt('page', 1);
  const q = useQuery({
    queryKey: ['pool', 'edition', number, view, page],
    queryFn: ({ signal }) =>
      api.get<Page<EditionItem>>(`/pool/editions/${number}/items`, { view, page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  return (
    <>
      <Table<EditionItem>
        rowKey={(i) => (i.redactedOn ? `redacted-${q.data?.items.indexOf(i) ?? 0}` : i.resultId)}
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText:
            view === 'removed' ? '本期没有移出的成果' : view === 'added' ? '本期没有新增成果' : '本期成果池为空',
        }}
        columns={[
          {
            title: '成果名称',
            dataIndex: 'title',
            render: (t: string, i) =>
              i.change === 'removed' || i.redactedOn ? t : <Link to={`/pool/results/${i.resultId}`}>{t}</Link>,
          },
          { title: '科研单位', key: 'institution', render: (_, i) => i.institution.name },
          { title: '地区', key: 'region', render: (_, i) => labelOf(REGION_LABELS, i.institution.region) },
          { title: '行业领域', dataIndex: 'field', render: (v: string) => labelOf(INDUSTRY_FIELD_LABELS, v) },
          {
            title: '知识产权',
            dataIndex: 'ipItems',
            render: (items: EditionItem['ipItems']) =>
              items.map((x) => `${labelOf(IP_TYPE_LABELS, x.type)} ${x.number}`).join('；') || '—',
          },
          { title: '最早授权日', dataIndex: 'firstGrantDate', render: (v: string | null) => formatDate(v) },
          view === 'removed'
            ? {
                title: '移出原因',
                dataIndex: 'removalReason',
                render: (v: string | null) => labelOf(POOL_REMOVAL_REASON_LABELS, v),
              }
            : {
                title: '纳入方式',
                dataIndex: 'change',
                render: (_: string, i) => (
                  <Space size={4}>
                    {i.change === 'added' && <Tag color="green">{POOL_EDITION_CHANGE_LABELS.added}</Tag>}
                    {POOL_REASON_LABELS[i.reason]}
                  </Space>
                ),
              },
        ]}
      />
      <Pagination
        style={{ marginTop: 12 }}
        align="center"
        current={page}
        pageSize={20}
        total={q.data?.total ?? 0}
        hideOnSinglePage
        showSizeChanger={false}
        onChange={(p) => set({ page: p }, { keepPage: true })}
      />
    </>
  );
}

export function EditionDetail() {
  const params = useParams();
  const number = Number(params.number);
  const { get, set } = useUrlState();
  const view = VIEWS.some((v) => v.key === get('view')) ? get('view')! : 'listed';
  const q = useQuery({
    queryKey: ['pool', 'edition', number],
    queryFn: ({ signal }) => api.get<Edition>(`/pool/editions/${number}`, undefined, signal),
    enabled: Number.isInteger(number) && number > 0,
  });
  useEffect(() => {
    document.title = `成果池第${params.number}期 - 辽宁揭榜挂帅`;
  }, [params.number]);

  if (!Number.isInteger(number) || number < 1) {
    return <NotFoundResult title="成果池发布期次不存在" extra={<ButtonLink to="/pool/editions">返回</ButtonLink>} />;
  }
  if (q.isPending) return <Skeleton active />;
  if (q.isError) {
    if (q.error instanceof ApiError && q.error.status === 404) {
      return <NotFoundResult title={q.error.message} extra={<ButtonLink to="/pool/editions">返回</ButtonLink>} />;
    }
    return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  }
  const e = q.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Link to="/pool/editions">← 成果池发布</Link>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0 }}>
          先用后付成果池 第 {e.number} 期
        </Typography.Title>
        <Downloads number={e.number} />
      </Space>
      <Typography.Text type="secondary">
        发布于 {formatDateTime(e.publishedAt)} · 在池成果 {e.entryCount} 项 · 较上期新增 {e.addedCount} 项、移出{' '}
        {e.removedCount} 项
      </Typography.Text>
      <Panel>
        <Tabs
          activeKey={view}
          onChange={(key) => set({ view: key === 'listed' ? null : key, page: null })}
          items={VIEWS.map((v) => ({
            key: v.key,
            label: `${v.label}（${v.key === 'listed' ? e.entryCount : v.key === 'added' ? e.addedCount : e.removedCount}）`,
          }))}
        />
        <EditionItems number={e.number} view={view} />
      </Panel>
    </Space>
  );
}
