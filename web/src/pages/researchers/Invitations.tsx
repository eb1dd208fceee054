// The institution invites its researchers (成果完成人, 措施一、十二): an e-mail with a single-use link;
// the list shows each invitation's state, and a pending one can be withdrawn.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.js';
import type { Invitation } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { formatDateTime } from '../../format.js';
import { useToast } from '../../toast.js';

const KEY = ['my-invitations'] as const;

const STATUS: Record<Invitation['status'], { text: string; color: string }> = {
  pending: { text: '待接受', color: 'processing' },
  accepted: { text: '已加入', color: 'success' },
  expired: { text: '已过期', color: 'default' },
  revoked: { text: '已撤回', color: 'default' },
};

interface Values {
  email: string;
  displayName: string;
}

export default function Invitations() {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const message = useToast();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: KEY, queryFn: () => api.get<{ items: Invitation[] }>('/my/invitations') });
  const invite = useMutation({
    mutationFn: (v: Values) => api.post<Invitation>('/my/invitations', v),
    onSuccess: (inv) => {
      message.success(`邀请邮件已发送至 ${inv.email}`);
      form.resetFields();
      setError(null);
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: setError,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.post<Invitation>(`/my/invitations/${id}/revoke`),
    onSuccess: () => {
      message.success('邀请已撤回');
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: (err) => setError(err),
  });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        科研人员
      </Typography.Title>
      <Card title="邀请科研人员（成果完成人）">
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="受邀人通过邮件中的一次性链接加入本单位"
          description="加入后，科研人员只能查看与本人有关的科技成果、赋权等权益和转化奖励，不能代表本单位操作。链接 7 天内有效，仅可使用一次。"
        />
        <Form<Values>
          form={form}
          layout="inline"
          onFinish={(v) => invite.mutate({ email: v.email.trim(), displayName: v.displayName.trim() })}
          disabled={invite.isPending}
          aria-label="邀请科研人员"
          style={{ rowGap: 8 }}
        >
          <Form.Item
            label="姓名"
            name="displayName"
            rules={[
              { required: true, whitespace: true, message: '请输入姓名' },
              { max: 50, message: '姓名最多 50 个字符' },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            label="邮箱"
            name="email"
            rules={[
              { required: true, message: '请输入邮箱' },
              { type: 'email', message: '邮箱格式不正确' },
            ]}
          >
            <Input type="email" autoComplete="off" style={{ width: 260 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={invite.isPending}>
              发送邀请
            </Button>
          </Form.Item>
        </Form>
        {error ? (
          <div style={{ marginTop: 16 }}>
            <ErrorAlert error={error} />
          </div>
        ) : null}
      </Card>
      <Card title="已发出的邀请">
        {list.isError ? (
          <ErrorAlert error={list.error} />
        ) : (
          <ResponsiveTable<Invitation>
            rowKey="id"
            size="small"
            loading={list.isPending}
            pagination={false}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '尚未邀请科研人员' }}
            columns={[
              { title: '姓名', dataIndex: 'displayName' },
              { title: '邮箱', dataIndex: 'email' },
              {
                title: '状态',
                dataIndex: 'status',
                render: (s: Invitation['status']) => <Tag color={STATUS[s].color}>{STATUS[s].text}</Tag>,
              },
              { title: '发出时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
              { title: '有效期至', dataIndex: 'expiresAt', render: (v: string) => formatDateTime(v) },
              {
                title: '操作',
                key: 'actions',
                render: (_v: unknown, row: Invitation) =>
                  row.status === 'pending' ? (
                    <Popconfirm
                      title={`撤回对 ${row.displayName} 的邀请？`}
                      okText="撤回"
                      cancelText="取消"
                      onConfirm={() => revoke.mutate(row.id)}
                    >
                      <Button size="small">撤回</Button>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
