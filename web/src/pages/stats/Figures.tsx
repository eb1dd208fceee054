// The figure blocks of the statistics overview: the trend by period with the key figures, and a
// breakdown (chart beside a table) by route, field, region, unit, researcher or institution. A bar,
// point or label drills down by setting a filter; a conversion count links to its records.
import { Button, Card, Col, Row, Statistic, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { useUrlState } from '../../url-state.js';
import { Chart } from './Chart.js';
import {
  AmountLink,
  CountLink,
  days,
  fen,
  FINER,
  periodRange,
  recordsHref,
  useFigures,
  wan,
  type Dimension,
  type FigureRow,
  type Grain,
  type StatFilters,
} from './shared.js';

export const GRAIN_LABELS: Record<Grain, string> = { year: '按年', quarter: '按季度', month: '按月' };

function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          {title}
        </Typography.Title>
      }
      extra={extra}
    >
      {children}
    </Card>
  );
}

/** A breakdown: a chart of conversions and contract amounts beside a table whose labels drill down. */
export function Breakdown({
  by,
  f,
  title,
  drill,
  recordKey,
  pie = false,
  limit,
}: {
  by: Dimension;
  f: StatFilters;
  title: string;
  /** The filter a row's label sets (or none). */
  drill?: (row: FigureRow) => Record<string, string | null>;
  /** The records filter a row's key stands for. */
  recordKey: (row: FigureRow) => Record<string, string | undefined>;
  pie?: boolean;
  limit?: number;
}) {
  const { set } = useUrlState();
  // With a limit the server ranks by contract amount and sends the first `limit` groups only (by
  // institution the province has ~21,000); without one every group comes and is sorted here.
  const q = useFigures(by, f, true, limit ? { sort: 'contract_amount', limit } : undefined);
  const rows = useMemo(
    () =>
      limit
        ? (q.data?.rows ?? [])
        : [...(q.data?.rows ?? [])].sort((a, b) => (b.values.contract_amount ?? 0) - (a.values.contract_amount ?? 0)),
    [q.data, limit],
  );
  const groups = q.data?.groups;
  const option = useMemo(
    () =>
      pie
        ? {
            tooltip: { trigger: 'item' },
            legend: { bottom: 0, type: 'scroll' },
            series: [
              {
                type: 'pie',
                radius: ['35%', '65%'],
                name: '转化项数',
                data: rows.map((r) => ({ name: r.label, value: r.values.conversions ?? 0 })),
              },
            ],
          }
        : {
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
            xAxis: {
              type: 'category',
              data: rows.map((r) => r.label),
              axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 },
            },
            yAxis: [
              { type: 'value', name: '项' },
              { type: 'value', name: '万元' },
            ],
            series: [
              { type: 'bar', name: '转化项数', data: rows.map((r) => r.values.conversions ?? 0) },
              {
                type: 'bar',
                name: '合同金额（万元）',
                yAxisIndex: 1,
                data: rows.map((r) => wan(r.values.contract_amount)),
              },
            ],
          },
    [rows, pie],
  );
  if (q.error) return <ErrorAlert error={q.error} />;
  return (
    <Section title={title}>
      {rows.length > 0 && (
        <Chart
          option={option}
          label={`${title}图表`}
          onPick={drill ? (i) => rows[i] && set(drill(rows[i])) : undefined}
        />
      )}
      <ResponsiveTable<FigureRow>
        rowKey="key"
        size="small"
        loading={q.isPending}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: '所选期间没有数据' }}
        columns={[
          {
            title: '分组',
            key: 'label',
            render: (_, r) =>
              drill ? (
                <Button type="link" style={{ padding: 0 }} onClick={() => set(drill(r))}>
                  {r.label}
                </Button>
              ) : (
                r.label
              ),
          },
          {
            title: '转化项数',
            key: 'conversions',
            render: (_, r) => (
              <CountLink
                value={r.values.conversions}
                href={recordsHref(f, recordKey(r))}
                label={`${r.label}转化项数`}
              />
            ),
          },
          { title: '合同金额', key: 'amount', render: (_, r) => fen(r.values.contract_amount) },
          {
            title: '到账收入',
            key: 'income',
            render: (_, r) => (
              <AmountLink
                value={r.values.income_received}
                href={recordsHref(f, recordKey(r), false, 'income')}
                label={`${r.label}到账收入`}
              />
            ),
          },
          // Listings have no route and no researcher: their column only where the figure exists.
          ...(by === 'route' || by === 'researcher'
            ? []
            : [
                {
                  title: '发布项目数',
                  key: 'listings',
                  render: (_: unknown, r: FigureRow) => (
                    <CountLink
                      value={r.values.listings_published}
                      href={recordsHref(f, recordKey(r), false, 'listings')}
                      label={`${r.label}发布项目数`}
                      what="项目记录"
                    />
                  ),
                },
              ]),
        ]}
      />
      {q.data && groups !== undefined && groups > rows.length && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          共 {groups} 个，按合同金额显示前 {rows.length} 名；全部合计：转化 {q.data.total.values.conversions ?? 0}{' '}
          项，合同金额 {fen(q.data.total.values.contract_amount)}。
        </Typography.Paragraph>
      )}
    </Section>
  );
}

export function Trend({ f }: { f: StatFilters }) {
  const { set } = useUrlState();
  const q = useFigures('period', f);
  const rows = q.data?.rows ?? [];
  const drill = (r: FigureRow) => ({ ...periodRange(r.key), grain: FINER[f.grain] });
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.label) },
      yAxis: [
        { type: 'value', name: '项' },
        { type: 'value', name: '万元' },
      ],
      series: [
        { type: 'bar', name: '转化项数', data: rows.map((r) => r.values.conversions ?? 0) },
        { type: 'line', name: '合同金额（万元）', yAxisIndex: 1, data: rows.map((r) => wan(r.values.contract_amount)) },
        { type: 'line', name: '到账收入（万元）', yAxisIndex: 1, data: rows.map((r) => wan(r.values.income_received)) },
      ],
    }),
    [rows],
  );
  const total = q.data?.total.values;
  return (
    <>
      {q.error && <ErrorAlert error={q.error} />}
      <Row gutter={[12, 12]}>
        {[
          {
            title: '转化项数',
            value: <CountLink value={total?.conversions} href={recordsHref(f, {})} label="期间合计转化项数" />,
          },
          { title: '合同金额', value: fen(total?.contract_amount) },
          {
            title: '到账收入',
            value: (
              <AmountLink
                value={total?.income_received}
                href={recordsHref(f, {}, false, 'income')}
                label="期间合计到账收入"
              />
            ),
          },
          { title: '发布至转化（中位数）', value: days(total?.median_days_to_conversion) },
          {
            title: '发布项目数',
            value: (
              <CountLink
                value={total?.listings_published}
                href={recordsHref(f, {}, false, 'listings')}
                label="期间合计发布项目数"
                what="项目记录"
              />
            ),
          },
          { title: '揭榜落地数', value: total?.demands_landed ?? '—' },
        ].map((k) => (
          <Col xs={12} md={8} lg={4} key={k.title}>
            <Card size="small" loading={q.isPending}>
              <Statistic title={k.title} valueRender={() => k.value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Section title={`趋势（${GRAIN_LABELS[f.grain]}）`}>
        {rows.length > 0 && (
          <Chart option={option} label="转化项数与金额趋势图" onPick={(i) => rows[i] && set(drill(rows[i]))} />
        )}
        <ResponsiveTable<FigureRow>
          rowKey="key"
          size="small"
          loading={q.isPending}
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: '所选期间没有数据' }}
          columns={[
            {
              title: '期间',
              key: 'label',
              render: (_, r) => (
                <Button type="link" style={{ padding: 0 }} onClick={() => set(drill(r))}>
                  {r.label}
                </Button>
              ),
            },
            {
              title: '转化项数',
              key: 'conversions',
              render: (_, r) => (
                <CountLink
                  value={r.values.conversions}
                  href={recordsHref(f, periodRange(r.key))}
                  label={`${r.label}转化项数`}
                />
              ),
            },
            {
              title: '其中转让、许可、作价投资',
              key: 'tle',
              render: (_, r) => (
                <CountLink
                  value={r.values.conversions_tle}
                  href={recordsHref(f, periodRange(r.key), true)}
                  label={`${r.label}转让、许可、作价投资项数`}
                />
              ),
            },
            { title: '合同金额', key: 'amount', render: (_, r) => fen(r.values.contract_amount) },
            {
              title: '到账收入',
              key: 'income',
              render: (_, r) => (
                <AmountLink
                  value={r.values.income_received}
                  href={recordsHref(f, periodRange(r.key), false, 'income')}
                  label={`${r.label}到账收入`}
                />
              ),
            },
            { title: '发布至转化（中位数）', key: 'days', render: (_, r) => days(r.values.median_days_to_conversion) },
          ]}
        />
      </Section>
    </>
  );
}
