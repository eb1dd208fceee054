// 措施十三 转化统计: an institution's (or enterprise's) own figures, a department's across the
// institutions it oversees, the operators' across all — trend by period, route mix, fields, regions,
// units, researchers, institutions. A chart's bar or a table's label drills down (narrower period,
// one unit, one field…); a conversion count links to the conversions it counts.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Col, Row, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { INDUSTRY_FIELD_LABELS } from '../../../../domain/constants/listings.js';
import { REGION_LABELS } from '../../../../domain/constants/organisations.js';
import { api } from '../../api/client.js';
import { useAuth } from '../../auth.js';
import { formatDateTime } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import { Breakdown, GRAIN_LABELS, Trend } from './Figures.js';
import { statsTitle, useFigures, type Grain, type StatFilters } from './shared.js';

const THIS_YEAR = Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Shanghai' }).slice(0, 4));

function useFilters(): { f: StatFilters; set: ReturnType<typeof useUrlState>['set'] } {
  const { get, set } = useUrlState();
  const grain = get('grain');
  const f: StatFilters = {
    from: get('from') ?? `${THIS_YEAR - 4}-01`,
    to: get('to') ?? `${THIS_YEAR}-12`,
    grain: grain === 'month' || grain === 'quarter' ? grain : 'year',
    organisationId: get('org'),
    orgUnitId: get('unit'),
    researcherId: get('researcher'),
    field: get('field'),
    region: get('region'),
  };
  return { f, set };
}

function Scope({ f, oversees }: { f: StatFilters; oversees: boolean }) {
  const { set } = useUrlState();
  const institutions = useQuery({
    queryKey: ['stats', 'institutions'],
    queryFn: ({ signal }) =>
      api.get<{ id: string; name: string; region: string | null }[]>('/oversight/institutions', undefined, signal),
    enabled: oversees,
  });
  const units = useQuery({
    queryKey: ['stats', 'units'],
    queryFn: ({ signal }) => api.get<{ id: string; name: string }[]>('/my/org-units', undefined, signal),
    enabled: !oversees && f.orgUnitId !== undefined,
  });
  const filters: { key: string; label: string }[] = [
    ...(f.orgUnitId
      ? [{ key: 'unit', label: `院系：${units.data?.find((u) => u.id === f.orgUnitId)?.name ?? '所选院系'}` }]
      : []),
    ...(f.researcherId ? [{ key: 'researcher', label: '所选科研人员' }] : []),
    ...(f.field
      ? [{ key: 'field', label: `领域：${INDUSTRY_FIELD_LABELS[f.field as keyof typeof INDUSTRY_FIELD_LABELS]}` }]
      : []),
    ...(f.region ? [{ key: 'region', label: `地区：${REGION_LABELS[f.region as keyof typeof REGION_LABELS]}` }] : []),
  ];
  return (
    <Space wrap>
      {oversees && (
        <Select
          aria-label="单位"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部所辖单位"
          style={{ minWidth: 220 }}
          loading={institutions.isPending}
          value={f.organisationId}
          onChange={(v: string | undefined) => set({ org: v ?? null, unit: null, researcher: null })}
          options={(institutions.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
        />
      )}
      <Select
        aria-label="统计粒度"
        value={f.grain}
        onChange={(v: Grain) => set({ grain: v })}
        options={(['year', 'quarter', 'month'] as const).map((g) => ({ value: g, label: GRAIN_LABELS[g] }))}
      />
      <Select
        aria-label="期间"
        value={`${f.from}|${f.to}`}
        onChange={(v: string) => {
          const [from, to] = v.split('|');
          set({ from, to });
        }}
        options={[
          { value: `${THIS_YEAR - 4}-01|${THIS_YEAR}-12`, label: '近五年' },
          ...[0, 1, 2, 3, 4].map((i) => ({
            value: `${THIS_YEAR - i}-01|${THIS_YEAR - i}-12`,
            label: `${THIS_YEAR - i}年`,
          })),
          ...(![0, 1, 2, 3, 4].some((i) => f.from === `${THIS_YEAR - i}-01` && f.to === `${THIS_YEAR - i}-12`) &&
          f.from !== `${THIS_YEAR - 4}-01`
            ? [{ value: `${f.from}|${f.to}`, label: `${f.from} 至 ${f.to}` }]
            : []),
        ]}
      />
      {filters.map((x) => (
        <Button key={x.key} size="small" onClick={() => set({ [x.key]: null })} aria-label={`取消筛选 ${x.label}`}>
          {x.label} ×
        </Button>
      ))}
    </Space>
  );
}

export default function StatsOverview() {
  const { role } = useAuth();
  const { f } = useFilters();
  const oversees = role === 'department' || role === 'operator';
  // Units and researchers belong to one institution: shown for the institution itself, or one chosen.
  const oneOrg = role === 'institution' || (oversees && f.organisationId !== undefined);
  const asOf = useFigures('period', f).data?.asOf ?? null;
  useEffect(() => {
    document.title = statsTitle('转化统计');
  }, []);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0 }}>
          转化统计
        </Typography.Title>
        {role === 'institution' && <Link to="/stats/annual-report">科技成果转化年度报告</Link>}
        {oversees && <Link to="/oversight/annual-reports">年度报告归档</Link>}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        措施十三：将科技成果转化的数量、质量、效益作为评价指标。数据截至 {asOf ? formatDateTime(asOf) : '（尚未汇总）'}
        ，由统计汇总任务每15秒更新。点击图表或分组名称可逐级查看，点击项数或到账收入可查看背后的转化、收款或项目记录。
      </Typography.Paragraph>
      {role === 'department' && (
        <Alert type="info" showIcon title="主管部门只读查看所辖单位的统计，不能进行交易操作。" />
      )}
      <Scope f={f} oversees={oversees} />
      <Trend f={f} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Breakdown by="route" f={f} title="转化途径" pie recordKey={(r) => ({ route: r.key })} />
        </Col>
        <Col xs={24} lg={12}>
          <Breakdown
            by="field"
            f={f}
            title="技术领域"
            drill={(r) => ({ field: r.key || null })}
            recordKey={(r) => ({ field: r.key || undefined })}
          />
        </Col>
      </Row>
      {role === 'enterprise' ? null : oneOrg ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Breakdown
              by="unit"
              f={f}
              title="院系（内设机构）"
              drill={(r) => ({ unit: r.key || null })}
              recordKey={(r) => ({ unit: r.key || 'none' })}
            />
          </Col>
          <Col xs={24} lg={12}>
            <Breakdown
              by="researcher"
              f={f}
              title="科研人员（成果完成人，前20名）"
              limit={20}
              recordKey={(r) => ({ researcher: r.key })}
            />
          </Col>
        </Row>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Breakdown
              by="organisation"
              f={f}
              title="单位排名（按合同金额，前15名）"
              limit={15}
              drill={(r) => ({ org: r.key })}
              recordKey={(r) => ({ org: r.key })}
            />
          </Col>
          <Col xs={24} lg={12}>
            <Breakdown
              by="region"
              f={f}
              title="地区"
              drill={(r) => ({ region: r.key || null })}
              recordKey={(r) => ({ region: r.key || undefined })}
            />
          </Col>
        </Row>
      )}
    </Space>
  );
}
