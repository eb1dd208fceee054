import { Button, Card, Col, Divider, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import {
  AFFILIATION_LABELS,
  INSTITUTION_TYPE_LABELS,
  OWNERSHIP_TYPE_LABELS,
  SIZE_CLASS_LABELS,
} from '../../../domain/constants/organisations.js';
import { ApiError } from '../api/client.js';
import { useAuth } from '../auth.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { confirmPasswordRules, newPasswordRules } from '../components/password-rules.js';
import { optionsOf } from '../format.js';
import { phoneRule, websiteRule } from '../validation.js';
import { useToast } from '../toast.js';
import { IdentityFields, identityBody, type IdentityValues } from './RegisterIdentity.js';

type Kind = 'enterprise' | 'institution';

interface RegisterForm {
  kind: Kind;
  email: string;
  password: string;
  confirm: string;
  displayName: string;
  phone?: string;
  organisation: IdentityValues & {
    name: string;
    address?: string;
    description?: string;
    contactName: string;
    contactPhone: string;
    website?: string;
    sizeClass?: string;
    ownershipType?: string;
    institutionType?: string;
    affiliation?: string;
  };
}

// Errors the api reports about one field are shown under that field rather than at the top.
const FIELD_OF_ERROR: Record<string, ['email'] | ['organisation', 'creditCode' | 'registrationNumber']> = {
  EMAIL_TAKEN: ['email'],
  CREDIT_CODE_TAKEN: ['organisation', 'creditCode'],
  INVALID_CREDIT_CODE: ['organisation', 'creditCode'],
  REGISTRATION_NUMBER_TAKEN: ['organisation', 'registrationNumber'],
  REGISTRATION_NUMBER_REQUIRED: ['organisation', 'registrationNumber'],
};

function trimOrUndefined(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

export default function Register() {
  const { session, register } = useAuth();
  const message = useToast();
  const navigate = useNavigate();
  const [form] = Form.useForm<RegisterForm>();
  const kind = Form.useWatch('kind', form) ?? 'enterprise';
  const domicile = Form.useWatch(['organisation', 'domicile'], form) ?? 'mainland';
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (session && !busy) return <Navigate to={session.role === 'operator' ? '/operator' : '/my/organisation'} replace />;

  const onFinish = async (v: RegisterForm) => {
    setBusy(true);
    setError(null);
    const o = v.organisation;
    const body = {
      kind: v.kind,
      email: v.email.trim(),
      password: v.password,
      displayName: v.displayName.trim(),
      phone: trimOrUndefined(v.phone),
      organisation: {
        name: o.name.trim(),
        ...identityBody(v.kind === 'enterprise' ? o : { ...o, domicile: 'mainland' }),
        address: trimOrUndefined(o.address),
        description: trimOrUndefined(o.description),
        contactName: o.contactName.trim(),
        contactPhone: o.contactPhone.trim(),
        website: trimOrUndefined(o.website),
        ...(v.kind === 'enterprise'
          ? { sizeClass: o.sizeClass, ownershipType: o.ownershipType }
          : { institutionType: o.institutionType, affiliation: o.affiliation }),
      },
    };
    try {
      await register(body);
      message.success('注册成功，机构认证审核中');
      navigate('/my/organisation', { replace: true });
    } catch (err) {
      const field = err instanceof ApiError ? FIELD_OF_ERROR[err.code] : undefined;
      if (field && err instanceof ApiError) {
        form.setFields([{ name: field, errors: [err.message] }]);
        form.scrollToField(field);
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 860, margin: '0 auto' }}>
      <Typography.Title level={1} style={{ marginTop: 0 }}>
        注册机构账号
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        注册后机构进入认证审核。认证通过前可以保存草稿，认证通过后方可提交项目审核。
      </Typography.Paragraph>
      <Form<RegisterForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ kind: 'enterprise', organisation: { domicile: 'mainland' } }}
        disabled={busy}
        scrollToFirstError
      >
        <Form.Item label="机构类型" name="kind" rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'enterprise', label: '企业' },
              { value: 'institution', label: '科研单位（高校、科研院所、医疗卫生机构）' },
            ]}
          />
        </Form.Item>

        <Divider titlePlacement="start">账号信息</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label="邮箱"
              name="email"
              rules={[
                { required: true, message: '请输入邮箱' },
                { type: 'email', message: '邮箱格式不正确' },
              ]}
            >
              <Input autoComplete="email" inputMode="email" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="姓名"
              name="displayName"
              rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
            >
              <Input autoComplete="name" maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="密码"
              name="password"
              extra="至少10位；不接受常见密码、拼音词语、生日或简单数字组合"
              rules={newPasswordRules()}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="确认密码"
              name="confirm"
              dependencies={['password']}
              rules={confirmPasswordRules('password')}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="手机号码（选填）" name="phone" rules={[phoneRule]}>
              <Input autoComplete="tel" inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">机构信息</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label={kind === 'enterprise' ? '企业名称' : '单位名称'}
              name={['organisation', 'name']}
              rules={[
                { required: true, whitespace: true, message: '请输入机构名称' },
                { min: 2, message: '机构名称至少2个字' },
              ]}
            >
              <Input autoComplete="organization" maxLength={100} />
            </Form.Item>
          </Col>
          <IdentityFields kind={kind} domicile={kind === 'enterprise' ? domicile : 'mainland'} />
          <Col xs={24} md={12}>
            <Form.Item label="详细地址（选填）" name={['organisation', 'address']}>
              <Input autoComplete="street-address" maxLength={200} />
            </Form.Item>
          </Col>
          {kind === 'enterprise' ? (
            <>
              <Col xs={24} md={12}>
                <Form.Item
                  label="企业规模"
                  name={['organisation', 'sizeClass']}
                  rules={[{ required: true, message: '请选择企业规模' }]}
                >
                  <Select options={optionsOf(SIZE_CLASS_LABELS)} placeholder="请选择" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  label="企业性质"
                  name={['organisation', 'ownershipType']}
                  rules={[{ required: true, message: '请选择企业性质' }]}
                >
                  <Select options={optionsOf(OWNERSHIP_TYPE_LABELS)} placeholder="请选择" />
                </Form.Item>
              </Col>
            </>
          ) : (
            <>
              <Col xs={24} md={12}>
                <Form.Item
                  label="单位类型"
                  name={['organisation', 'institutionType']}
                  rules={[{ required: true, message: '请选择单位类型' }]}
                >
                  <Select options={optionsOf(INSTITUTION_TYPE_LABELS)} placeholder="请选择" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  label="隶属关系"
                  name={['organisation', 'affiliation']}
                  rules={[{ required: true, message: '请选择隶属关系' }]}
                >
                  <Select options={optionsOf(AFFILIATION_LABELS)} placeholder="请选择" />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} md={12}>
            <Form.Item
              label="联系人"
              name={['organisation', 'contactName']}
              rules={[{ required: true, whitespace: true, message: '请输入联系人' }]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="联系电话"
              name={['organisation', 'contactPhone']}
              rules={[{ required: true, message: '请输入联系电话' }, phoneRule]}
            >
              <Input inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="网站（选填）" name={['organisation', 'website']} rules={[websiteRule]}>
              <Input inputMode="url" placeholder="https://" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label="机构简介（选填）" name={['organisation', 'description']}>
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
          </Col>
        </Row>

        {error ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={error} />
          </div>
        ) : null}
        <Button type="primary" htmlType="submit" size="large" loading={busy} block>
          注册
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        已有账号？<Link to="/login">登录</Link>
      </Typography.Paragraph>
    </Card>
  );
}
