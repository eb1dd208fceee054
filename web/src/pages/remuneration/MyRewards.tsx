// 我的奖励 (措施十二): a researcher's reward statement per year and per conversion, with the PDF to
// download. Cash rewards are marked as the clause treats them in pay (the server sends the wording).
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import {
  CASH_REWARD_MARKS,
  REMUNERATION_ENTRY_STATUS_LABELS,
  REMUNERATION_FORM_LABELS,
} from '../../../../domain/constants/remuneration.js';
import { api, API_BASE, buildQuery } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { formatFen } from '../../format.js';
import { percent, type RemunerationStatement, type RemunerationStatementItem } from './types.js';

const STATUS_COLOR = { pending: 'default', approved: 'processing', paid: 'success', separate: 'warning' } as const;

export default function MyRewards() {
  const [year, setYear] = useState<number | undefined>(undefined);
  const [conversionId, setConversionId] = useState<string | undefined>(undefined);
  const query = { year, conversionId };
  const q = useQuery({
    queryKey: ['researcher', 'remuneration', year ?? null, conversionId ?? null],
    queryFn: ({ signal }) => api.get<RemunerationStatement>('/researcher/remuneration', query, signal),
  });
  // The filters' options come from the unfiltered statement (every year and conversion the researcher has).
  const all = useQuery({
    queryKey: ['researcher', 'remuneration', null, null],
    queryFn: ({ signal }) => api.get<RemunerationStatement>('/researcher/remuneration', {}, signal),
  });
  useEffect(() => {
    document.title = '我的奖励 - 辽宁省双向揭榜挂帅科技成果交易平台';
  }, []);

  const conversions = new Map((all.data?.items ?? []).map((i) => [i.conversionId, i.resultTitle]));
  const pdfHref = `${API_BASE}/researcher/remuneration/statement.pdf${buildQuery(query)}`;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 1100 }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        我的奖励
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        本单位按科技成果转化奖励和报酬政策，从每笔已到账的转化收入中计算成果完成人（团队）的奖励，并按贡献份额分配到个人（措施十二）。
      </Typography.Paragraph>
      <Space wrap>
        <Select
          aria-label="年度"
          placeholder="全部年度"
          allowClear
          style={{ width: 160 }}
          value={year}
          onChange={(v: number | undefined) => setYear(v)}
          options={(all.data?.years ?? []).map((y) => ({ value: y, label: `${y} 年度` }))}
        />
        <Select
          aria-label="转化项目"
          placeholder="全部转化项目"
          allowClear
          style={{ width: 280 }}
          value={conversionId}
          onChange={(v: string | undefined) => setConversionId(v)}
          options={[...conversions].map(([value, label]) => ({ value, label }))}
        />
        <Button href={pdfHref} download data-testid="statement-pdf">
          下载奖励明细（PDF）
        </Button>
      </Space>
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Statement s={q.data} />
      )}
    </Space>
  );
}

function Statement({ s }: { s: RemunerationStatement }) {
  return (
    <>
      <Panel title="奖励明细">
        {s.items.length === 0 ? (
          <Empty description="暂无奖励记录" />
        ) : (
          <ResponsiveTable<RemunerationStatementItem>
            rowKey="entryId"
            dataSource={s.items}
            pagination={false}
            columns={[
              { title: '收入到账日', dataIndex: 'incomeOn' },
              {
                title: '成果 / 合同',
                render: (_: unknown, i) => (
                  <Space orientation="vertical" size={0}>
                    <span>{i.resultTitle}</span>
                    <Typography.Text type="secondary">{i.contractTitle}</Typography.Text>
                    {i.correction && <Tag>更正</Tag>}
                  </Space>
                ),
              },
              { title: '形式', render: (_: unknown, i) => REMUNERATION_FORM_LABELS[i.form] },
              { title: '团队比例', render: (_: unknown, i) => percent(i.teamShareBp) },
              { title: '本人份额', render: (_: unknown, i) => percent(i.memberShareBp) },
              {
                title: '奖励',
                render: (_: unknown, i) =>
                  i.form === 'equity' && i.shares !== null
                    ? `${i.shares} 股（${formatFen(i.amountFen)}）`
                    : formatFen(i.amountFen),
              },
              {
                title: '状态',
                render: (_: unknown, i) => (
                  <Tag color={STATUS_COLOR[i.status]}>
                    {REMUNERATION_ENTRY_STATUS_LABELS[i.status]}
                    {i.paidOn ? ` ${i.paidOn}` : ''}
                  </Tag>
                ),
              },
            ]}
          />
        )}
        <Typography.Paragraph strong style={{ marginTop: 12 }} data-testid="statement-totals">
          已发放现金奖励 {formatFen(s.paidCashFen)}；待审批或待发放 {formatFen(s.unpaidCashFen)}
          {s.paidShares > 0 ? `；已登记股份 ${s.paidShares} 股` : ''}
        </Typography.Paragraph>
      </Panel>
      <Alert
        type="info"
        showIcon
        title="现金奖励在工资管理中的处理（措施十二）"
        description={
          <>
            <ul style={{ margin: '4px 0' }}>
              {CASH_REWARD_MARKS.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
            <Typography.Text type="secondary">原文：{s.payTreatment}</Typography.Text>
          </>
        }
      />
    </>
  );
}
