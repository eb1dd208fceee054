import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Role } from '../api/types.js';
import { useAuth, type LoginInput } from '../auth.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { homeOf } from '../home.js';

/** Only same-site paths, so a crafted ?next= cannot send the user elsewhere. */
export function safeNext(next: string | null, role: Role): string {
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login')) return next;
  return homeOf(role);
}

export default function Login() {
  const { session, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (session) return <Navigate to={safeNext(params.get('next'), session.role)} replace />;

  const onFinish = async (values: LoginInput) => {
    setBusy(true);
    setError(null);
    try {
      const s = await login({ email: values.email.trim(), password: values.password });
      navigate(safeNext(params.get('next'), s.role), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 420, margin: '24px auto' }}>
      <Typography.Title level={1} style={{ marginTop: 0 }}>
        登录
      </Typography.Title>
      {params.get('next') && <Alert type="info" showIcon title="请先登录后继续操作" style={{ marginBottom: 16 }} />}
      <Form layout="vertical" onFinish={onFinish} requiredMark={false} disabled={busy}>
        <Form.Item
          label="邮箱"
          name="email"
          rules={[
            { required: true, message: '请输入邮箱' },
            { type: 'email', message: '邮箱格式不正确' },
          ]}
        >
          <Input autoComplete="email" inputMode="email" autoFocus />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {error ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={error} />
          </div>
        ) : null}
        <Button type="primary" htmlType="submit" block loading={busy}>
          登录
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        还没有账号？<Link to="/register">注册机构账号</Link>
      </Typography.Paragraph>
    </Card>
  );
}
