// 科技成果转化情况年度报告 (促进科技成果转化法第二十一条): the institution reads its report for a year,
// writes the part only it knows (技术转移机构建设情况), downloads PDF/XLSX and submits it to its
// supervisory department; a department opens an overseen institution's report and accepts or returns it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Input, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ANNUAL_REPORT_STATUS_LABELS } from '../../../../domain/statistics/annual-report.js';
import { api, API_BASE, buildQuery } from '../../api/client.js';
import { useAuth } from '../../auth.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { formatDateTime, formatFen } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import { statsTitle, type AnnualReportView } from './shared.js';

type Line = AnnualReportView['report']['income'];
const THIS_YEAR = Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
const pct = (bp: number | null) => (bp === null ? '—' : `${bp >= 0 ? '+' : ''}${(bp / 100).toFixed(2)}%`);
const STATUS_COLORS = { draft: 'default', submitted: 'processing', accepted: 'success' } as const;

function Lines({ title, lines, total }: { title: string; lines: Line[]; total?: Line }) {
  return (
    <ResponsiveTable<Line>
      size="small"
      rowKey="key"
      pagination={false}
      title={() => <strong>{title}</strong>}
      dataSource={total ? [...lines, total] : lines}
      locale={{ emptyText: '本年度没有此类转化' }}
      columns={[
        { title: '项目', dataIndex: 'label', key: 'label' },
        { title: '项数', dataIndex: 'count', key: 'count' },
        { title: '合同金额', key: 'amount', render: (_, l) => formatFen(l.amountFen) },
        { title: '平均金额', key: 'avg', render: (_, l) => formatFen(l.averageFen, '—') },
        { title: '上年项数', dataIndex: 'previousCount', key: 'pc' },
        { title: '上年金额', key: 'pa', render: (_, l) => formatFen(l.previousAmountFen) },
        { title: '金额同比', key: 'chg', render: (_, l) => pct(l.amountChangeBp) },
      ]}
    />
  );
}

export default function AnnualReport() {
  const { role } = useAuth();
  const { get, getInt, set } = useUrlState();
  const year = getInt('year', THIS_YEAR - 1);
  const org = get('org');
  const client = useQueryClient();
  const q = useQuery({
    queryKey: ['stats', 'annual-report', year, org],
    queryFn: ({ signal }) =>
      api.get<AnnualReportView>(`/stats/annual-reports/${year}`, { organisationId: org }, signal),
  });
  const [office, setOffice] = useState('');
  const [reason, setReason] = useState('');
  useEffect(() => setOffice(q.data?.office ?? ''), [q.data?.office]);
  useEffect(() => {
    document.title = statsTitle('科技成果转化年度报告');
  }, []);
  const done = () => client.invalidateQueries({ queryKey: ['stats', 'annual-report'] });
  const save = useMutation({ mutationFn: () => api.put(`/my/annual-reports/${year}`, { office }), onSuccess: done });
  const submit = useMutation({
    mutationFn: () => api.post(`/my/annual-reports/${year}/submit`, { office }),
    onSuccess: done,
  });
  const decide = useMutation({
    mutationFn: (action: 'accept' | 'return') =>
      api.post(
        `/oversight/annual-reports/${year}/${q.data!.institution.id}/${action}`,
        action === 'return' ? { reason } : undefined,
      ),
    onSuccess: done,
  });
  const r = q.data?.report;
  const file = (ext: 'pdf' | 'xlsx') =>
    `${API_BASE}/stats/annual-reports/${year}/report.${ext}${buildQuery({ organisationId: org })}`;
  const editable = role === 'institution' && q.data?.status === 'draft';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        科技成果转化年度报告
      </Typography.Title>
      <Space wrap>
        <Select
          aria-label="报告年度"
          value={year}
          onChange={(v: number) => set({ year: v })}
          options={[1, 2, 3, 4, 5].map((i) => ({ value: THIS_YEAR - i, label: `${THIS_YEAR - i}年度` }))}
        />
        <Button href={file('pdf')}>下载 PDF</Button>
        <Button href={file('xlsx')}>下载 Excel</Button>
      </Space>
      {q.error && <ErrorAlert error={q.error} />}
      {q.data && r && (
        <>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label="单位">{q.data.institution.name}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={STATUS_COLORS[q.data.status]}>{ANNUAL_REPORT_STATUS_LABELS[q.data.status]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="数据截至">
              {q.data.asOf ? formatDateTime(q.data.asOf) : '尚未汇总'}
            </Descriptions.Item>
            <Descriptions.Item label="报送时间">{formatDateTime(q.data.submittedAt) || '—'}</Descriptions.Item>
          </Descriptions>
          {q.data.returnReason && q.data.status === 'draft' && (
            <Alert type="warning" showIcon title={`主管部门退回：${q.data.returnReason}`} />
          )}
          <Card title="一、以转让、许可、作价投资方式转化科技成果">
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Lines title="按转化方式" lines={r.transfer.byType} total={r.transfer.total} />
              <Lines title="按所属领域" lines={r.transfer.byField} />
              <Lines title="按受让方类型" lines={r.transfer.byCounterparty} />
            </Space>
          </Card>
          <Card title="二、技术开发、咨询、服务合同">
            <Lines title="按合同类型" lines={r.services.byType} total={r.services.total} />
          </Card>
          <Card title="三、收入、奖励、股权与技术转移机构">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="到账收入">
                {formatFen(r.income.amountFen)}（上年 {formatFen(r.income.previousAmountFen)}，同比{' '}
                {pct(r.income.amountChangeBp)}）
              </Descriptions.Item>
              <Descriptions.Item label="奖励个人">
                {r.rewards
                  ? `${formatFen(r.rewards.amountFen)}，${r.rewards.people} 人`
                  : '平台尚未登记科研人员奖励（由单位另行填报）'}
              </Descriptions.Item>
              <Descriptions.Item label="作价投资形成股权">
                {r.equity.count} 项，作价金额合计 {formatFen(r.equity.valuationFen)}
                {r.equity.holdings.length > 0 && `（${r.equity.holdings.map((h) => h.companyName).join('、')}）`}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={3} style={{ fontSize: 15 }}>
              技术转移机构建设情况
            </Typography.Title>
            {editable ? (
              <Input.TextArea
                aria-label="技术转移机构建设情况"
                rows={4}
                maxLength={2000}
                value={office}
                onChange={(e) => setOffice(e.target.value)}
              />
            ) : (
              <Typography.Paragraph>{r.office || '（未填写）'}</Typography.Paragraph>
            )}
          </Card>
          {(save.error ?? submit.error ?? decide.error) && (
            <ErrorAlert error={save.error ?? submit.error ?? decide.error} />
          )}
          {editable && (
            <Space wrap>
              <Button onClick={() => save.mutate()} loading={save.isPending}>
                保存草稿
              </Button>
              <Button type="primary" onClick={() => submit.mutate()} loading={submit.isPending}>
                报送主管部门
              </Button>
            </Space>
          )}
          {role === 'department' && q.data.status === 'submitted' && (
            <Space wrap>
              <Button type="primary" onClick={() => decide.mutate('accept')} loading={decide.isPending}>
                接收报告
              </Button>
              <Input
                aria-label="退回理由"
                placeholder="退回理由"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                style={{ width: 240 }}
              />
              <Button danger disabled={reason.trim().length < 2} onClick={() => decide.mutate('return')}>
                退回修改
              </Button>
            </Space>
          )}
        </>
      )}
    </Space>
  );
}
