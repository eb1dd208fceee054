// 措施十四: the 尽职免责 determination (认定) on a dossier — by a supervisory department (for the
// institutions it oversees), 省科技厅 (for all) or an operator; the server checks the scope. The dossier
// is named by its manifest hash, so the determination binds exactly the file that was examined.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, DatePicker, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { Link } from 'react-router';
import {
  DECISION_TEXT,
  DETERMINATION_CONCLUSION_TEXT,
  DETERMINATION_CONCLUSIONS,
} from '../../../../domain/constants/dossiers.js';
import { api } from '../../api/client.js';
import type { Determination } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FormSubmit } from '../../components/FormSubmit.js';
import { ResponsiveTable } from '../../components/ResponsiveTable.js';
import { formatDate } from '../../format.js';
import { useToast } from '../../toast.js';
import { useUrlState } from '../../url-state.js';

interface Values {
  dossierSha256: string;
  conclusion: Determination['conclusion'];
  determinedOn: Dayjs;
  basis: string;
}

function RecordForm() {
  const [form] = Form.useForm<Values>();
  // From the verification page's 「对此档案作出认定」: the verified dossier's hash.
  const { get } = useUrlState();
  const sha = get('sha');
  const toast = useToast();
  const queryClient = useQueryClient();
  const record = useMutation({
    mutationFn: (v: Values) =>
      api.post<Determination>('/determinations', {
        dossierSha256: v.dossierSha256.trim().toLowerCase(),
        conclusion: v.conclusion,
        determinedOn: v.determinedOn.format('YYYY-MM-DD'),
        basis: v.basis.trim(),
      }),
    onSuccess: (d) => {
      toast.success(`已记录对${d.orgName}档案的认定`);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['determinations'] });
    },
  });
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      name="determination"
      initialValues={sha && /^[0-9a-f]{64}$/.test(sha) ? { dossierSha256: sha } : undefined}
      onFinish={(v) => record.mutate(v)}
      disabled={record.isPending}
    >
      <Form.Item
        label="档案清单 SHA-256"
        name="dossierSha256"
        extra={
          <>
            档案由科研单位导出；先在
            <Link to="/dossiers/verify" style={{ textDecoration: 'underline' }}>
              档案校验
            </Link>
            页面确认档案完整，再填写其清单哈希。
          </>
        }
        rules={[
          { required: true, message: '请填写档案清单的 SHA-256' },
          { pattern: /^\s*[0-9a-fA-F]{64}\s*$/, message: '应为 64 位十六进制字符' },
        ]}
      >
        <Input maxLength={70} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Form.Item label="认定结论" name="conclusion" rules={[{ required: true, message: '请选择认定结论' }]}>
        <Radio.Group>
          <Space orientation="vertical">
            {DETERMINATION_CONCLUSIONS.map((c) => (
              <Radio key={c} value={c}>
                {DETERMINATION_CONCLUSION_TEXT[c]}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item label="认定日期" name="determinedOn" rules={[{ required: true, message: '请选择认定日期' }]}>
        <DatePicker />
      </Form.Item>
      <Form.Item
        label="认定依据"
        name="basis"
        rules={[
          { required: true, whitespace: true, message: '请写明认定依据' },
          { max: DECISION_TEXT.basis.max, message: `最多 ${DECISION_TEXT.basis.max} 字` },
        ]}
      >
        <Input.TextArea rows={4} placeholder="例如：经审查档案所载决策程序、评估报告和公示记录，决策已履行相关程序……" />
      </Form.Item>
      <FormSubmit mutation={record}>记录认定</FormSubmit>
    </Form>
  );
}

export default function Determinations() {
  const q = useQuery({
    queryKey: ['determinations'],
    queryFn: ({ signal }) => api.get<Determination[]>('/determinations', undefined, signal),
  });
  useEffect(() => {
    document.title = '尽职免责认定 - 辽宁揭榜挂帅';
  }, []);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        尽职免责认定
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        措施十四：对勤勉尽责、履行相关程序、没有牟取非法利益的决策人，免除其在科技成果定价、转化中因成果后续价值变化产生的决策责任。认定记录档案的清单哈希，科研单位可在其“尽职免责档案”中看到结论。主管部门只能对所监管单位的档案作出认定，省科技厅可对全省各单位的档案作出认定。
      </Typography.Paragraph>
      <Card title="记录认定">
        <RecordForm />
      </Card>
      <Card title="已作出的认定" styles={{ body: { padding: 0 } }}>
        {q.isError ? (
          <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
        ) : (
          <ResponsiveTable<Determination>
            rowKey="id"
            loading={q.isFetching}
            dataSource={q.data ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '尚无认定' }}
            pagination={false}
            columns={[
              { title: '单位', dataIndex: 'orgName' },
              { title: '认定日期', dataIndex: 'determinedOn', render: (v: string) => formatDate(v) },
              {
                title: '结论',
                dataIndex: 'conclusion',
                render: (v: Determination['conclusion']) => (
                  <Tag color={v === 'exempt' ? '#237804' : '#a8071a'}>{v === 'exempt' ? '予以免责' : '不予认定'}</Tag>
                ),
              },
              { title: '依据', dataIndex: 'basis' },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
