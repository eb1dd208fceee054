// 措施十四: an institution's own record — its decision records, its audit trail (admins), the dossier
// export for a period, and the determinations made on its dossiers.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Select, Space, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { AUDIT_TARGETS } from '../../../../domain/constants/audit.js';
import {
  DECISION_TYPE_TEXT,
  DECISION_TYPES,
  DETERMINATION_CONCLUSION_TEXT,
} from '../../../../domain/constants/dossiers.js';
import { api, API_BASE, buildQuery } from '../../api/client.js';
import type { DecisionRecord, Determination, InstitutionTrailEntry, Page } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { formatDate, formatDateTime, optionsOf, shanghaiWallClockToIso } from '../../format.js';
import { auditActionLabel } from '../../listing.js';
import { useUrlState } from '../../url-state.js';

const TARGET_TEXT: Record<(typeof AUDIT_TARGETS)[number], string> = {
  organisation: '机构',
  user: '用户',
  result: '科技成果',
  listing: '项目',
  auction: '拍卖',
  pool_edition: '成果池公布',
  paylater_application: '先用后付申请',
  paylater_licence: '先用后付许可',
  conversion: '成果转化',
  document: '文件',
  decision_record: '决策记录',
  dossier: '档案',
  determination: '尽职免责认定',
  thesaurus_entry: '同义词条',
  annual_report: '年度报告',
  invitation: '科研人员邀请',
};

function Decisions() {
  const { get, getInt, set } = useUrlState();
  const page = getInt('page', 1);
  const decisionType = get('type');
  const q = useQuery({
    queryKey: ['institution', 'decisions', page, decisionType],
    queryFn: ({ signal }) =>
      api.get<Page<DecisionRecord>>('/institution/decisions', { page, pageSize: 20, decisionType }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Select
        aria-label="决策类型"
        allowClear
        placeholder="全部决策类型"
        style={{ width: 220 }}
        value={decisionType}
        options={optionsOf(DECISION_TYPE_TEXT, DECISION_TYPES)}
        onChange={(v?: string) => set({ type: v ?? null })}
      />
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <ResponsiveTable<DecisionRecord>
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无决策记录' }}
          pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: (p) => set({ page: p }) }}
          columns={[
            { title: '记录时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            {
              title: '类型',
              key: 'type',
              render: (_, r) => (
                <Space size={4}>
                  {DECISION_TYPE_TEXT[r.decisionType]}
                  {r.correctsId && <Tag color="#ad4e00">更正</Tag>}
                </Space>
              ),
            },
            { title: '决策内容', dataIndex: 'summary' },
            {
              title: '决策机构与会议',
              key: 'body',
              render: (_, r) =>
                [r.decisionBody, r.meetingDate ? formatDate(r.meetingDate) : ''].filter(Boolean).join(' · ') || '—',
            },
            { title: '决策人职务', dataIndex: 'decidedByRole' },
            {
              title: '依据',
              dataIndex: 'basis',
              render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>,
            },
            {
              title: '附件',
              key: 'docs',
              render: (_, r) => (r.documentIds.length ? `${r.documentIds.length} 份` : '—'),
            },
          ]}
        />
      )}
    </Space>
  );
}

function Trail() {
  const { get, getInt, set } = useUrlState();
  const page = getInt('page', 1);
  const targetType = get('target');
  const q = useQuery({
    queryKey: ['institution', 'audit', page, targetType],
    queryFn: ({ signal }) =>
      api.get<Page<InstitutionTrailEntry>>('/institution/audit', { page, pageSize: 20, targetType }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        本单位人员的操作，以及平台运营方和其他单位对本单位机构、成果、项目和转化的操作；其他单位的操作只显示单位名称。仅本单位管理员可见。
      </Typography.Text>
      <Select
        aria-label="对象类型"
        allowClear
        placeholder="全部对象"
        style={{ width: 220 }}
        value={targetType}
        options={optionsOf(TARGET_TEXT, AUDIT_TARGETS)}
        onChange={(v?: string) => set({ target: v ?? null })}
      />
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <ResponsiveTable<InstitutionTrailEntry>
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无操作记录' }}
          pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: (p) => set({ page: p }) }}
          columns={[
            { title: '时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            { title: '操作', dataIndex: 'action', render: (v: string) => auditActionLabel(v) },
            {
              title: '对象',
              dataIndex: 'targetType',
              render: (v: InstitutionTrailEntry['targetType']) => TARGET_TEXT[v],
            },
            {
              title: '操作人',
              key: 'actor',
              render: (_, r) => (r.ownActor ? (r.actorName ?? '本单位') : (r.actorOrgName ?? '系统')),
            },
            { title: '原因', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
          ]}
        />
      )}
    </Space>
  );
}

function Export() {
  const [form] = Form.useForm<{ from?: Dayjs; to?: Dayjs }>();
  const from = Form.useWatch('from', form);
  const to = Form.useWatch('to', form);
  const valid = !!from && !!to && !to.isBefore(from, 'day');
  const href = valid
    ? `${API_BASE}/dossiers/institution${buildQuery({
        from: shanghaiWallClockToIso(from.startOf('day')),
        to: shanghaiWallClockToIso(to.add(1, 'day').startOf('day')),
      })}`
    : undefined;
  return (
    <Space orientation="vertical" size={12} style={{ maxWidth: 720 }}>
      <Typography.Paragraph style={{ margin: 0 }}>
        导出所选期间本单位的尽职免责档案（ZIP）：中文 PDF 时间线、决策记录和操作记录（JSON）、相关文件，以及带 SHA-256
        的清单和清单哈希。档案可交监督部门作尽职免责认定；任何人可在
        <Link to="/dossiers/verify" style={{ textDecoration: 'underline' }}>
          档案校验
        </Link>
        页面或用 <Typography.Text code>npm run dossier:verify</Typography.Text> 核对是否被改动。
      </Typography.Paragraph>
      <Form form={form} layout="inline" name="dossier-export">
        <Form.Item label="起始日期" name="from">
          <DatePicker />
        </Form.Item>
        <Form.Item label="截止日期" name="to" extra="北京时间，含首尾两日">
          <DatePicker />
        </Form.Item>
      </Form>
      {from && to && !valid && <Alert type="warning" showIcon title="截止日期不能早于起始日期" />}
      <Button type="primary" href={href} disabled={!valid} download>
        导出档案
      </Button>
    </Space>
  );
}

function Determinations() {
  const q = useQuery({
    queryKey: ['determinations'],
    queryFn: ({ signal }) => api.get<Determination[]>('/determinations', undefined, signal),
  });
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  return (
    <ResponsiveTable<Determination>
      rowKey="id"
      loading={q.isFetching}
      dataSource={q.data ?? []}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '尚无尽职免责认定' }}
      pagination={false}
      columns={[
        { title: '认定日期', dataIndex: 'determinedOn', render: (v: string) => formatDate(v) },
        {
          title: '结论',
          dataIndex: 'conclusion',
          render: (v: Determination['conclusion']) => (
            <Tag color={v === 'exempt' ? '#237804' : '#a8071a'}>{DETERMINATION_CONCLUSION_TEXT[v]}</Tag>
          ),
        },
        { title: '依据', dataIndex: 'basis' },
        {
          title: '档案清单 SHA-256',
          dataIndex: 'dossierSha256',
          render: (v: string) => <Typography.Text code>{v.slice(0, 16)}…</Typography.Text>,
        },
      ]}
    />
  );
}

const TABS = ['decisions', 'trail', 'export', 'determinations'] as const;

export default function MyDossier() {
  const { get, set } = useUrlState();
  const tab = TABS.find((t) => t === get('tab')) ?? 'decisions';
  useEffect(() => {
    document.title = '尽职免责档案 - 辽宁揭榜挂帅';
  }, []);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        尽职免责档案
      </Typography.Title>
      <Alert
        type="info"
        showIcon
        title="措施十四：勤勉尽责、履行相关程序、没有牟取非法利益的，免除决策失误责任"
        description="保护决策人的是记录：谁在何时、按什么程序、依据什么作出了决定，附有哪些文件。决策记录只增不改，更正以新记录引用原记录。"
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k, type: null, target: null })}
          items={[
            { key: 'decisions', label: '决策记录', children: tab === 'decisions' && <Decisions /> },
            { key: 'trail', label: '操作记录', children: tab === 'trail' && <Trail /> },
            { key: 'export', label: '导出档案', children: tab === 'export' && <Export /> },
            { key: 'determinations', label: '认定结果', children: tab === 'determinations' && <Determinations /> },
          ]}
        />
      </Card>
    </Space>
  );
}
