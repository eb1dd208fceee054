// 我的成果 for a researcher (措施一、十二): the results of their institution whose team links their
// account, with their contribution share and the result's current ownership.
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Tag, Typography } from 'antd';
import { OWNERSHIP_MODE_LABELS, SECURITY_CLASS_LABELS } from '../../../../domain/constants/results.js';
import { api } from '../../api/client.js';
import type { MyResult } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { labelOf } from '../../format.js';

export default function ResearcherResults() {
  const q = useQuery({
    queryKey: ['researcher-results'],
    queryFn: () => api.get<{ items: MyResult[] }>('/researcher/results'),
  });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        我的成果
      </Typography.Title>
      <Typography.Text type="secondary">
        本单位登记的、成果完成人团队中关联了您账号的科技成果，以及您的贡献份额和分工。
      </Typography.Text>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <ResponsiveTable<MyResult>
            rowKey="id"
            loading={q.isPending}
            pagination={false}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '暂无关联到您的成果' }}
            columns={[
              { title: '成果名称', dataIndex: 'title' },
              {
                title: '权属',
                dataIndex: 'ownership',
                render: (v: string) => labelOf(OWNERSHIP_MODE_LABELS, v),
              },
              { title: '密级', dataIndex: 'securityClass', render: (v: string) => labelOf(SECURITY_CLASS_LABELS, v) },
              { title: '我的贡献份额', dataIndex: 'shareBp', render: (v: number) => `${(v / 100).toFixed(2)}%` },
              { title: '分工', dataIndex: 'roleInWork', render: (v: string) => v || '—' },
              {
                title: '备注',
                key: 'flags',
                render: (_v: unknown, r: MyResult) => (
                  <Space size={4} wrap>
                    {r.principalLeader && <Tag>正职领导（奖励另行办理）</Tag>}
                    {r.teamNeedsConfirmation && <Tag color="warning">团队待单位确认</Tag>}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
