import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Row, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import {
  AFFILIATION_LABELS,
  INSTITUTION_TYPE_LABELS,
  MEMBER_ROLE_LABELS,
  OWNERSHIP_TYPE_LABELS,
  REGION_LABELS,
  DOMICILE_LABELS,
  SIZE_CLASS_LABELS,
} from '../../../../domain/constants/organisations.js';
import { api } from '../../api/client.js';
import type { Member, MyOrganisation as MyOrg, Organisation } from '../../api/types.js';
import { ME_KEY } from '../../auth.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { VerificationTag } from '../../components/StatusTag.js';
import { labelOf } from '../../format.js';
import { phoneRule, websiteRule } from '../../validation.js';
import { useToast } from '../../toast.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';

type Editable = Pick<Organisation, 'description' | 'address' | 'contactName' | 'contactPhone' | 'website'>;

function VerificationNotice({ org }: { org: Organisation }) {
  switch (org.verificationStatus) {
    case 'pending_verification':
      return (
        <Alert
          type="info"
          showIcon
          title="机构认证审核中"
          description="平台运营方将核验机构信息。认证通过前可以保存项目草稿，但不能提交审核。"
        />
      );
    case 'rejected':
      return (
        <Alert
          type="error"
          showIcon
          role="alert"
          title="机构认证未通过"
          description={org.verificationNote ? `原因：${org.verificationNote}` : '请联系平台运营方了解原因。'}
        />
      );
    default:
      return <Alert type="success" showIcon title="机构已通过认证，可以提交项目审核。" />;
  }
}

function EditForm({ org, onDone }: { org: Organisation; onDone: () => void }) {
  const message = useToast();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Editable) => api.patch<MyOrg>('/my/organisation', v),
    onSuccess: () => {
      message.success('已保存');
      void queryClient.invalidateQueries({ queryKey: ['my-organisation'] });
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
      onDone();
    },
  });
  return (
    <Form<Editable>
      layout="vertical"
      initialValues={{
        description: org.description,
        address: org.address,
        contactName: org.contactName,
        contactPhone: org.contactPhone,
        website: org.website,
      }}
      onFinish={(v) =>
        save.mutate({
          description: v.description?.trim() ?? '',
          address: v.address?.trim() ?? '',
          contactName: v.contactName.trim(),
          contactPhone: v.contactPhone.trim(),
          website: v.website?.trim() ?? '',
        })
      }
      disabled={save.isPending}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label="联系人"
            name="contactName"
            rules={[{ required: true, whitespace: true, message: '请输入联系人' }]}
          >
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="联系电话"
            name="contactPhone"
            rules={[{ required: true, message: '请输入联系电话' }, phoneRule]}
          >
            <Input inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="详细地址" name="address">
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="网站" name="website" rules={[websiteRule]}>
            <Input inputMode="url" placeholder="https://" maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label="机构简介" name="description">
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        </Col>
      </Row>
      {save.isError && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={save.error} />
        </div>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
        <Button onClick={onDone}>取消</Button>
      </Space>
    </Form>
  );
}

export default function MyOrganisation() {
  const [editing, setEditing] = useState(false);
  const q = useQuery({
    queryKey: ['my-organisation'],
    queryFn: ({ signal }) => api.get<MyOrg>('/my/organisation', undefined, signal),
  });
  if (q.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const { organisation: org, members } = q.data;
  const enterprise = org.kind === 'enterprise';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        我的机构
      </Typography.Title>
      <VerificationNotice org={org} />
      <Card
        title={
          <Space wrap>
            {org.name}
            <VerificationTag status={org.verificationStatus} />
          </Space>
        }
        extra={
          !editing && (
            <Button type="link" onClick={() => setEditing(true)}>
              修改资料
            </Button>
          )
        }
      >
        {editing ? (
          <EditForm org={org} onDone={() => setEditing(false)} />
        ) : (
          <Descriptions
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'kind', label: '机构类型', children: enterprise ? '企业' : '科研单位' },
              { key: 'domicile', label: '登记地', children: DOMICILE_LABELS[org.domicile] },
              org.domicile === 'mainland'
                ? { key: 'code', label: '统一社会信用代码', children: org.creditCode ?? '—' }
                : { key: 'code', label: '登记注册号', children: org.registrationNumber ?? '—' },
              {
                key: 'region',
                label: org.domicile === 'mainland' ? '所在地区' : '所在国家或地区',
                children: org.countryOrRegion ?? labelOf(REGION_LABELS, org.region),
              },
              ...(enterprise
                ? [
                    { key: 'size', label: '企业规模', children: labelOf(SIZE_CLASS_LABELS, org.sizeClass) },
                    { key: 'own', label: '企业性质', children: labelOf(OWNERSHIP_TYPE_LABELS, org.ownershipType) },
                  ]
                : [
                    { key: 'type', label: '单位类型', children: labelOf(INSTITUTION_TYPE_LABELS, org.institutionType) },
                    { key: 'aff', label: '隶属关系', children: labelOf(AFFILIATION_LABELS, org.affiliation) },
                  ]),
              { key: 'contact', label: '联系人', children: org.contactName || '—' },
              { key: 'phone', label: '联系电话', children: org.contactPhone || '—' },
              { key: 'address', label: '详细地址', children: org.address || '—' },
              { key: 'website', label: '网站', children: org.website || '—' },
              {
                key: 'desc',
                label: '机构简介',
                span: 'filled',
                children: <span style={{ whiteSpace: 'pre-wrap' }}>{org.description || '—'}</span>,
              },
            ]}
          />
        )}
      </Card>
      <Card title="机构成员">
        <ResponsiveTable<Member>
          rowKey="userId"
          size="small"
          pagination={false}
          dataSource={members}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '姓名', dataIndex: 'displayName' },
            { title: '邮箱', dataIndex: 'email' },
            { title: '角色', dataIndex: 'role', render: (r: Member['role']) => MEMBER_ROLE_LABELS[r] },
          ]}
        />
      </Card>
    </Space>
  );
}
