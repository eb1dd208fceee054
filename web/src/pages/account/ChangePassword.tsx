import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { confirmPasswordRules, newPasswordRules } from '../../components/password-rules.js';
import { useToast } from '../../toast.js';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

// Mirrors server/accounts/passwords.ts: the api decides (422 PASSWORD_TOO_WEAK), this only spares a round trip.

/** Change-password for every signed-in role: current password required; other sessions end (issue 16). */
export default function ChangePassword() {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const message = useToast();

  const onFinish = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.post<void>('/auth/password', {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      form.resetFields();
      message.success('密码已修改，其他设备上的登录已退出');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 520, margin: '24px auto' }}>
      <Typography.Title level={1} style={{ marginTop: 0 }}>
        修改密码
      </Typography.Title>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="新密码要求"
        description="至少 10 个字符，且不能是常见密码、拼音词、生日或简单数字组合。修改后，其他设备上的登录将自动退出。"
      />
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        requiredMark={false}
        disabled={busy}
        aria-label="修改密码"
      >
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label="新密码" name="newPassword" rules={newPasswordRules('新密码')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={confirmPasswordRules('newPassword', '新密码')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={error} />
          </div>
        ) : null}
        <Button type="primary" htmlType="submit" loading={busy}>
          修改密码
        </Button>
      </Form>
    </Card>
  );
}
