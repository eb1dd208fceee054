// What the statistics pages share: the api's shapes (the server's schemas as types), the filters kept
// in the query string, period keys turned into month ranges, and links from a figure to its records.
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { Static } from 'typebox';
import type * as C from '../../../../server/contract.js';
import { api } from '../../api/client.js';
import { CONVERSION_ROUTE_LABELS } from '../../../../domain/constants/ledger.js';
import { INDUSTRY_FIELD_LABELS } from '../../../../domain/constants/listings.js';
import { REGION_LABELS } from '../../../../domain/constants/organisations.js';
import { formatFen, labelOf } from '../../format.js';

export type StatFigures = Static<typeof C.StatFigures>;
export type FigureRow = StatFigures['rows'][number];
export type FigureRecord = Static<typeof C.FigureRecord>;
export type IncomeRecord = Static<typeof C.IncomeRecord>;
export type ListingRecord = Static<typeof C.ListingRecord>;
/** Records pages carry the sum over all their pages (what the figure shows). */
export type IncomeRecordPage = Static<typeof C.IncomeRecordPage>;
export type ListingRecordPage = Static<typeof C.ListingRecordPage>;
export type AnnualReportView = Static<typeof C.AnnualReportView>;
export type ArchiveEntry = Static<typeof C.AnnualReportArchiveEntry>;
export type Dimension = 'period' | 'organisation' | 'unit' | 'researcher' | 'field' | 'region' | 'route';
export type Grain = 'month' | 'quarter' | 'year';

export const statsTitle = (page: string) => `${page} - 辽宁揭榜挂帅`;

/** The filters every figure on a page shares (the query string's names in brackets). */
export interface StatFilters {
  from: string;
  to: string;
  grain: Grain;
  organisationId?: string; // org
  orgUnitId?: string; // unit
  researcherId?: string; // researcher
  field?: string;
  region?: string;
}

/** A breakdown ranked on the server: its first `limit` groups by the `sort` indicator (GET /stats/figures). */
export interface Ranking {
  sort: 'contract_amount' | 'conversions' | 'income_received';
  limit: number;
}

export function useFigures(by: Dimension, f: StatFilters, enabled = true, ranking?: Ranking) {
  return useQuery({
    queryKey: ['stats', 'figures', by, f, ranking],
    queryFn: ({ signal }) => api.get<StatFigures>('/stats/figures', { ...f, by, ...ranking }, signal),
    enabled,
  });
}

/** A period key (2025, 2025-Q2, 2025-05) as its first and last month. */
export function periodRange(key: string): { from: string; to: string } {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) {
    const first = (Number(quarter[2]) - 1) * 3 + 1;
    const m = (n: number) => `${quarter[1]}-${String(n).padStart(2, '0')}`;
    return { from: m(first), to: m(first + 2) };
  }
  if (/^\d{4}$/.test(key)) return { from: `${key}-01`, to: `${key}-12` };
  return { from: key, to: key };
}

export const FINER: Record<Grain, Grain> = { year: 'quarter', quarter: 'month', month: 'month' };

/** The records lists: conversions (GET /stats/records), payments received, listing activity. */
export type RecordList = 'conversions' | 'income' | 'listings';
const RECORD_PATHS: Record<RecordList, string> = {
  conversions: '/stats/records',
  income: '/stats/records/income',
  listings: '/stats/records/listings',
};

/** The records-list address of a figure: the page's filters plus the row's own key. */
export function recordsHref(
  f: StatFilters,
  extra: Record<string, string | undefined>,
  tle = false,
  list: RecordList = 'conversions',
): string {
  const p = new URLSearchParams();
  const all: Record<string, string | undefined> = {
    from: f.from,
    to: f.to,
    org: f.organisationId,
    unit: f.orgUnitId,
    researcher: f.researcherId,
    field: f.field,
    region: f.region,
    kind: tle ? 'tle' : undefined,
    ...extra,
  };
  for (const [k, v] of Object.entries(all)) if (v) p.set(k, v);
  return `${RECORD_PATHS[list]}?${p.toString()}`;
}

/** A count as a link to the records it counts (the drill-down to records). */
export function CountLink({
  value,
  href,
  label,
  what = '转化记录',
}: {
  value: number | null | undefined;
  href: string;
  label: string;
  what?: string;
}) {
  if (value === null || value === undefined) return <span>—</span>;
  if (value === 0) return <span>0</span>;
  return (
    <Link to={href} aria-label={`${label}：${value} 项，查看${what}`}>
      {value}
    </Link>
  );
}

/** An amount received as a link to the payments it sums. */
export function AmountLink({ value, href, label }: { value: number | null | undefined; href: string; label: string }) {
  if (value === null || value === undefined) return <span>—</span>;
  if (value === 0) return <span>{formatFen(0)}</span>;
  return (
    <Link to={href} aria-label={`${label}：${formatFen(value)}，查看收款记录`}>
      {formatFen(value)}
    </Link>
  );
}

export function fen(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : formatFen(v);
}

export function days(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${v} 天`;
}

/** 万元 for the charts' axes. */
export const wan = (v: number | null | undefined) => Math.round((v ?? 0) / 100) / 10_000;

/** The filters a records page was opened with, as the tags above its list (`extra` after the period). */
export function recordFilterTags(
  q: {
    from: string;
    to: string;
    route?: string;
    field?: string;
    region?: string;
    orgUnitId?: string;
    researcherId?: string;
  },
  extra: (string | null)[] = [],
): string[] {
  return [
    `${q.from} 至 ${q.to}`,
    ...extra,
    q.route ? labelOf(CONVERSION_ROUTE_LABELS, q.route) : null,
    q.field ? labelOf(INDUSTRY_FIELD_LABELS, q.field) : null,
    q.region ? labelOf(REGION_LABELS, q.region) : null,
    q.orgUnitId === 'none' ? '未指定院系' : q.orgUnitId ? '所选院系' : null,
    q.researcherId ? '所选科研人员' : null,
  ].filter((t): t is string => t !== null);
}

/** A records page's heading: its title, the filters it shows, and the way back to the figure. */
export function RecordsHeading({ title, tags }: { title: string; tags: string[] }) {
  const navigate = useNavigate();
  return (
    <>
      <Typography.Title level={1} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      <Space wrap>
        {tags.map((t) => (
          <Tag key={t}>{t}</Tag>
        ))}
        <Button type="link" onClick={() => void navigate(-1)}>
          返回统计
        </Button>
      </Space>
    </>
  );
}
