// 措施十五: organisations registered as 外资 before domicile was recorded, whose domicile operators
// confirm (the migration set them all to the mainland, as their credit codes say). Export control
// follows where a party is registered, not who owns it: most stay mainland; one found to be registered
// outside the mainland gives its registration number and place instead of the credit code.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import {
  DOMICILE_LABELS,
  OWNERSHIP_TYPE_LABELS,
  REGION_LABELS,
  type Domicile,
} from '../../../../domain/constants/organisations.js';
import { api } from '../../api/client.js';
import type { OperatorOrganisation, Page } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FormSubmit } from '../../components/FormSubmit.js';
import { formatDateTime, labelOf, optionsOf } from '../../format.js';
import { useToast } from '../../toast.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';

interface ReviewValues {
  domicile: Domicile;
  registrationNumber?: string;
  countryOrRegion?: string;
  note?: string;
}

function ReviewModal({ org, onClose }: { org: OperatorOrganisation; onClose: () => void }) {
  const [form] = Form.useForm<ReviewValues>();
  const domicile = Form.useWatch('domicile', form) ?? 'mainland';
  const queryClient = useQueryClient();
  const message = useToast();
  const save = useMutation({
    mutationFn: (v: ReviewValues) =>
      api.post(`/operator/organisations/${org.id}/domicile`, {
        domicile: v.domicile,
        ...(v.domicile === 'mainland'
          ? {}
          : { registrationNumber: v.registrationNumber?.trim(), countryOrRegion: v.countryOrRegion?.trim() }),
        note: v.note?.trim() ?? '',
      }),
    onSuccess: () => {
      message.success('登记地已确认');
      void queryClient.invalidateQueries({ queryKey: ['operator', 'domicile-review'] });
      onClose();
    },
  });
  return (
    <Modal open title={`确认登记地：${org.name}`} footer={null} onCancel={onClose} destroyOnHidden>
      <Form<ReviewValues>
        form={form}
        layout="vertical"
        name="domicile-review"
        initialValues={{ domicile: 'mainland' }}
        onFinish={(v) => save.mutate(v)}
        disabled={save.isPending}
      >
        <Form.Item label="登记地" name="domicile" rules={[{ required: true }]}>
          <Select options={optionsOf(DOMICILE_LABELS)} />
        </Form.Item>
        {domicile === 'mainland' ? (
          <Typography.Paragraph type="secondary">
            保留统一社会信用代码 <code>{org.creditCode ?? '—'}</code>，所在地区{labelOf(REGION_LABELS, org.region)}。
          </Typography.Paragraph>
        ) : (
          <>
            <Form.Item
              label="登记注册号"
              name="registrationNumber"
              rules={[{ required: true, whitespace: true, message: '请填写登记注册号' }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item
              label="所在国家或地区"
              name="countryOrRegion"
              rules={[{ required: true, whitespace: true, message: '请填写所在国家或地区' }]}
            >
              <Input maxLength={50} placeholder="例如：中国香港、德国" />
            </Form.Item>
          </>
        )}
        <Form.Item label="核实说明（选填）" name="note">
          <Input.TextArea rows={2} maxLength={500} placeholder="例如：营业执照登记机关为大连市市场监督管理局" />
        </Form.Item>
        <FormSubmit mutation={save}>确认</FormSubmit>
      </Form>
    </Modal>
  );
}

export default function DomicileReview() {
  const [page, setPage] = useState(1);
  const [reviewing, setReviewing] = useState<OperatorOrganisation | null>(null);
  const q = useQuery({
    queryKey: ['operator', 'domicile-review', page],
    queryFn: ({ signal }) =>
      api.get<Page<OperatorOrganisation>>('/operator/organisations/domicile-review', { page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        措施十五按登记地（境内 / 港澳台 / 境外）而非所有制判断是否向境外转化。以下机构原登记为外资企业，请核实其登记地。
      </Typography.Text>
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <ResponsiveTable<OperatorOrganisation>
            rowKey="id"
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '没有待复核登记地的机构' }}
            pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
            columns={[
              { title: '机构名称', dataIndex: 'name' },
              {
                title: '所有制',
                dataIndex: 'ownershipType',
                render: (v: string | null) => labelOf(OWNERSHIP_TYPE_LABELS, v),
              },
              {
                title: '统一社会信用代码',
                dataIndex: 'creditCode',
                render: (v: string | null) => <code>{v ?? '—'}</code>,
              },
              { title: '当前登记地', dataIndex: 'domicile', render: (v: Domicile) => DOMICILE_LABELS[v] },
              { title: '注册时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
              {
                title: '操作',
                key: 'actions',
                render: (_, o) => (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setReviewing(o)}
                    aria-label={`确认登记地 ${o.name}`}
                  >
                    确认登记地
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      )}
      {reviewing && <ReviewModal org={reviewing} onClose={() => setReviewing(null)} />}
    </Space>
  );
}
