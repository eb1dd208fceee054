// 年度报告归档: a department sees, for a year, which of the institutions it oversees have submitted
// their 科技成果转化情况年度报告 and which it has accepted, and opens or downloads each one — or all the
// submitted ones at once, as one ZIP (each institution's PDF and Excel, and a list).
import { useQuery } from '@tanstack/react-query';
import { Select, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { ANNUAL_REPORT_STATUS_LABELS } from '../../../../domain/statistics/annual-report.js';
import { api, API_BASE } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { formatDateTime } from '../../format.js';
import { useUrlState } from '../../url-state.js';
import { statsTitle, type ArchiveEntry } from './shared.js';

const THIS_YEAR = Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
const COLORS = { none: 'default', draft: 'default', submitted: 'processing', accepted: 'success' } as const;

export default function ReportArchive() {
  const { getInt, set } = useUrlState();
  const year = getInt('year', THIS_YEAR - 1);
  const q = useQuery({
    queryKey: ['stats', 'archive', year],
    queryFn: ({ signal }) => api.get<ArchiveEntry[]>('/oversight/annual-reports', { year }, signal),
  });
  useEffect(() => {
    document.title = statsTitle('年度报告归档');
  }, []);
  const rows = q.data ?? [];
  const sent = rows.filter((r) => r.status === 'submitted' || r.status === 'accepted').length;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        年度报告归档
      </Typography.Title>
      <Space wrap>
        <Select
          aria-label="报告年度"
          value={year}
          onChange={(v: number) => set({ year: v })}
          options={[1, 2, 3, 4, 5].map((i) => ({ value: THIS_YEAR - i, label: `${THIS_YEAR - i}年度` }))}
        />
        <Typography.Text>
          所辖 {rows.length} 家单位，已报送 {sent} 家
        </Typography.Text>
        {sent > 0 && (
          <a href={`${API_BASE}/oversight/annual-reports/${year}/archive.zip`} download>
            打包下载已报送的 {sent} 份报告（ZIP）
          </a>
        )}
      </Space>
      {q.error && <ErrorAlert error={q.error} />}
      <ResponsiveTable<ArchiveEntry>
        rowKey={(r) => r.institution.id}
        loading={q.isPending}
        dataSource={rows}
        locale={{ emptyText: '没有所辖单位' }}
        pagination={false}
        columns={[
          {
            title: '单位',
            key: 'name',
            render: (_, r) => (
              <Link to={`/stats/annual-report?year=${year}&org=${r.institution.id}`}>{r.institution.name}</Link>
            ),
          },
          {
            title: '状态',
            key: 'status',
            render: (_, r) => (
              <Tag color={COLORS[r.status]}>
                {r.status === 'none' ? '未开始' : ANNUAL_REPORT_STATUS_LABELS[r.status]}
              </Tag>
            ),
          },
          { title: '报送时间', key: 'sub', render: (_, r) => formatDateTime(r.submittedAt) || '—' },
          { title: '接收时间', key: 'dec', render: (_, r) => formatDateTime(r.decidedAt) || '—' },
          {
            title: '操作',
            key: 'actions',
            render: (_, r) =>
              r.status === 'submitted' || r.status === 'accepted' ? (
                <Space>
                  <a href={`${API_BASE}/stats/annual-reports/${year}/report.pdf?organisationId=${r.institution.id}`}>
                    PDF
                  </a>
                  <a href={`${API_BASE}/stats/annual-reports/${year}/report.xlsx?organisationId=${r.institution.id}`}>
                    Excel
                  </a>
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Space>
  );
}
