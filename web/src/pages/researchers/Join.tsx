// The invitation link's page (/join#<token>): the token rides in the fragment, so it never reaches a
// server log. Shows who invites whom; a new account sets its password, an existing one enters its own.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import type { InvitationLookup } from '../../api/types.js';
import { useAuth } from '../../auth.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { confirmPasswordRules, newPasswordRules } from '../../components/password-rules.js';
import { formatDateTime } from '../../format.js';
import { homeOf } from '../../home.js';

// Mirrors server/accounts/passwords.ts for a new account; the api decides (422 PASSWORD_TOO_WEAK).

interface Values {
  displayName?: string;
  password: string;
  confirmPassword?: string;
}

export default function Join() {
  const location = useLocation();
  const token = location.hash.replace(/^#/, '');
  const valid = /^[A-Za-z0-9_-]{43}$/.test(token);
  const { session, acceptInvitation } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Once joined the link is used: signing in clears the query cache, and a refetch would say so.
  const [joined, setJoined] = useState(false);
  const lookup = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.post<InvitationLookup>('/invitations/lookup', { token }),
    enabled: valid && !joined,
    retry: false,
  });

  const onFinish = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      setJoined(true);
      const s = await acceptInvitation({
        token,
        password: values.password,
        ...(values.displayName ? { displayName: values.displayName.trim() } : {}),
      });
      navigate(homeOf(s.role), { replace: true });
    } catch (err) {
      setJoined(false);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  let body;
  if (!valid) {
    body = <Alert type="error" showIcon title="邀请链接不完整，请从邀请邮件中完整复制链接后打开" />;
  } else if (lookup.isPending) {
    body = <Spin aria-label="正在读取邀请" />;
  } else if (lookup.isError) {
    body = <ErrorAlert error={lookup.error} />;
  } else {
    const inv = lookup.data;
    body = (
      <>
        <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
          <Descriptions.Item label="邀请单位">{inv.organisationName}</Descriptions.Item>
          <Descriptions.Item label="受邀人">{inv.displayName}</Descriptions.Item>
          <Descriptions.Item label="邮箱">{inv.email}</Descriptions.Item>
          <Descriptions.Item label="链接有效期至">{formatDateTime(inv.expiresAt)}</Descriptions.Item>
        </Descriptions>
        {session && session.user.email !== inv.email && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={`您当前以 ${session.user.email} 登录；加入后将以受邀邮箱 ${inv.email} 登录`}
          />
        )}
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={inv.hasAccount ? '该邮箱已有平台账号' : '将为该邮箱创建平台账号'}
          description={
            inv.hasAccount
              ? '请输入该账号的密码。加入后，您可以在页面顶部切换所代表的单位。'
              : '请设置登录密码：至少 10 个字符，且不能是常见密码、拼音词、生日或简单数字组合。'
          }
        />
        <Form<Values>
          layout="vertical"
          onFinish={onFinish}
          requiredMark={false}
          disabled={busy}
          aria-label="接受邀请"
          initialValues={{ displayName: inv.displayName }}
        >
          {!inv.hasAccount && (
            <Form.Item
              label="姓名"
              name="displayName"
              rules={[
                { required: true, whitespace: true, message: '请输入姓名' },
                { max: 50, message: '姓名最多 50 个字符' },
              ]}
            >
              <Input autoComplete="name" />
            </Form.Item>
          )}
          <Form.Item
            label={inv.hasAccount ? '账号密码' : '设置密码'}
            name="password"
            // An existing account signs in with the password it has; a new one chooses one.
            rules={inv.hasAccount ? [{ required: true, message: '请输入密码' }] : newPasswordRules()}
          >
            <Input.Password autoComplete={inv.hasAccount ? 'current-password' : 'new-password'} />
          </Form.Item>
          {!inv.hasAccount && (
            <Form.Item
              label="确认密码"
              name="confirmPassword"
              dependencies={['password']}
              rules={confirmPasswordRules('password')}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
          {error ? (
            <div style={{ marginBottom: 16 }}>
              <ErrorAlert error={error} />
            </div>
          ) : null}
          <Button type="primary" htmlType="submit" loading={busy}>
            接受邀请并加入
          </Button>
        </Form>
      </>
    );
  }

  return (
    <Card style={{ maxWidth: 560, margin: '24px auto' }}>
      <Typography.Title level={1} style={{ marginTop: 0 }}>
        加入单位（科研人员）
      </Typography.Title>
      {body}
    </Card>
  );
}
