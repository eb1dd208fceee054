// 我的权益 (措施一、六): the decisions the researcher's institution put to their team — pending ones
// first, each with accept / decline — and the history. The result's ownership changes only once every
// linked member of the team has accepted; one decline declines the decision.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { RIGHTS_GRANT_KIND_LABELS } from '../../../../domain/constants/rights.js';
import { api } from '../../api/client.js';
import type { Grant } from '../../api/types.js';
import { useAuth } from '../../auth.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { useToast } from '../../toast.js';
import { answerText, GrantDescription, GrantDocuments, GrantStatusTag } from './shared.js';

const KEY = ['researcher-rights'] as const;

function PendingGrant({ g, userId }: { g: Grant; userId: string }) {
  const [note, setNote] = useState('');
  const message = useToast();
  const queryClient = useQueryClient();
  const mine = g.answers.find((a) => a.userId === userId);
  const answer = useMutation({
    mutationFn: (a: 'accepted' | 'declined') =>
      api.post<Grant>(`/researcher/rights/${g.id}/answer`, {
        answer: a,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: (res, a) => {
      message.success(
        a === 'declined'
          ? '已拒绝，决定不生效'
          : res.status === 'accepted'
            ? '已接受：团队全体关联成员均已接受，成果权属已变更'
            : '已接受，等待团队其他成员答复',
      );
      void queryClient.invalidateQueries({ queryKey: KEY });
      void queryClient.invalidateQueries({ queryKey: ['researcher-results'] });
    },
  });
  return (
    <Card title={g.resultTitle} data-grant-id={g.id} aria-label={`待答复：${g.resultTitle}`}>
      <GrantDescription g={g} />
      <Typography.Title level={3} style={{ fontSize: 15, margin: '12px 0 8px' }}>
        决定文件
      </Typography.Title>
      <GrantDocuments g={g} editable={false} />
      {mine?.answer ? (
        <Alert type="info" showIcon title={`您已${answerText(mine)}，等待团队其他成员答复`} style={{ marginTop: 12 }} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Input.TextArea
            aria-label="答复说明（可选）"
            placeholder="答复说明（可选）"
            maxLength={1000}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          {answer.isError && <ErrorAlert error={answer.error} />}
          <Space wrap>
            <Popconfirm
              title="接受单位的决定？"
              description="全体关联成员接受后成果权属即变更。"
              okText="接受"
              cancelText="取消"
              onConfirm={() => answer.mutate('accepted')}
            >
              <Button type="primary" loading={answer.isPending}>
                接受
              </Button>
            </Popconfirm>
            <Popconfirm
              title="拒绝单位的决定？"
              description="任一成员拒绝，该决定即不生效。"
              okText="拒绝"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => answer.mutate('declined')}
            >
              <Button danger loading={answer.isPending}>
                拒绝
              </Button>
            </Popconfirm>
          </Space>
        </Space>
      )}
    </Card>
  );
}

export default function MyRights() {
  const { session } = useAuth();
  const q = useQuery({ queryKey: KEY, queryFn: () => api.get<{ items: Grant[] }>('/researcher/rights') });
  const items = q.data?.items ?? [];
  const pending = items.filter((g) => g.status === 'pending');
  const userId = session?.user.id ?? '';
  const [documentsOf, setDocumentsOf] = useState<Grant | null>(null);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        我的权益
      </Typography.Title>
      <Alert
        type="info"
        showIcon
        title="赋权与权益让渡（措施一、六）"
        description="单位可将职务科技成果的所有权赋予成果完成人（团队）共有，或赋予不少于10年的长期使用权（可延长或转为所有权）；也可将单位的剩余权益让渡给团队（收取资源占用费，或赋权 + 约定收益）。决定须经团队中所有已关联账号的成员接受后方才生效；任一成员拒绝，决定不生效。"
      />
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            待答复的决定
          </Typography.Title>
          {q.isPending ? null : pending.length === 0 ? (
            <Empty description="没有待答复的决定" />
          ) : (
            pending.map((g) => <PendingGrant key={g.id} g={g} userId={userId} />)
          )}
          <Card title="全部决定">
            <ResponsiveTable<Grant>
              rowKey="id"
              size="small"
              loading={q.isPending}
              pagination={false}
              dataSource={items}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: '暂无赋权或权益让渡决定' }}
              columns={[
                { title: '成果', dataIndex: 'resultTitle' },
                { title: '决定', dataIndex: 'kind', render: (k: Grant['kind']) => RIGHTS_GRANT_KIND_LABELS[k] },
                { title: '内容', dataIndex: 'summary' },
                { title: '决定日期', dataIndex: 'decidedOn' },
                { title: '状态', dataIndex: 'status', render: (s: Grant['status']) => <GrantStatusTag status={s} /> },
                {
                  title: '我的答复',
                  key: 'mine',
                  render: (_v: unknown, g: Grant) => {
                    const a = g.answers.find((x) => x.userId === userId);
                    return a ? answerText(a) : '—';
                  },
                },
                {
                  title: '决定文件',
                  key: 'documents',
                  render: (_v: unknown, g: Grant) => (
                    <Button size="small" onClick={() => setDocumentsOf(g)}>
                      查看文件
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
          <Modal
            open={!!documentsOf}
            title={documentsOf ? `决定文件：${documentsOf.resultTitle}` : ''}
            footer={null}
            width={760}
            onCancel={() => setDocumentsOf(null)}
          >
            {documentsOf && <GrantDocuments g={documentsOf} editable={false} />}
          </Modal>
        </>
      )}
    </Space>
  );
}
