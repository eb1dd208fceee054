// An SME proposes pay-later terms for a pool result (措施五: 许可费用、支付时间、支付条件).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Skeleton, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api/client.js';
import { ButtonLink } from '../../components/ButtonLink.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Panel } from '../../components/Panel.js';
import { useToast } from '../../toast.js';
import { PoolItemFacts, usePoolItem } from './PoolResultDetail.js';
import { DEFAULT_TERMS, TermsFields, termsFromForm, type TermsFormValues } from './terms.js';
import type { ApplicationDetail } from './types.js';
import { NotFoundResult } from '../../components/NotFoundResult.js';
import { usePayLaterEligibility } from '../../components/Eligibility.js';

export default function ApplyForm() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const message = useToast();
  const queryClient = useQueryClient();
  const q = usePoolItem(id);
  const [form] = Form.useForm<TermsFormValues & { message?: string }>();

  useEffect(() => {
    document.title = '申请先用后付 - 辽宁揭榜挂帅';
  }, []);

  const submit = useMutation({
    mutationFn: (v: TermsFormValues & { message?: string }) =>
      api.post<ApplicationDetail>('/paylater/applications', {
        resultId: id,
        ...termsFromForm(v),
        message: v.message?.trim() ?? '',
      }),
    onSuccess: (app) => {
      message.success('申请已提交，请等待科研单位答复');
      void queryClient.invalidateQueries({ queryKey: ['paylater'] });
      navigate(`/my/paylater/applications/${app.id}`);
    },
  });

  // 措施五: a large enterprise (or an unverified one) learns it may not apply before filling the form.
  // The pool item does not say whether export control was confirmed: the api checks that part.
  const eligibility = usePayLaterEligibility(true);

  if (q.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (q.isError) {
    if (q.error instanceof ApiError && q.error.status === 404) {
      return <NotFoundResult title={q.error.message} extra={<ButtonLink to="/pool">返回成果池</ButtonLink>} />;
    }
    return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 860 }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        申请先用后付：{q.data.title}
      </Typography.Title>
      <Alert
        type="info"
        showIcon
        title="先使用后付费许可（措施五）"
        description="仅限已通过平台认证的境内中型、小型、微型企业申请。请提出许可费用、支付时间和支付条件，科研单位可以接受、还价或拒绝；双方达成一致后生成许可和付款计划。"
      />
      {eligibility.notice}
      <Panel title="成果">
        <PoolItemFacts item={q.data} />
      </Panel>
      <Panel title="拟定条件">
        <Form
          form={form}
          layout="vertical"
          name="apply"
          initialValues={DEFAULT_TERMS}
          onFinish={(v) => submit.mutate(v)}
          disabled={submit.isPending || eligibility.allowed === false}
        >
          <TermsFields />
          <Form.Item label="给科研单位的说明" name="message" rules={[{ max: 1000, message: '说明不超过1000字' }]}>
            <Input.TextArea rows={3} maxLength={1000} placeholder="例如：拟将该技术用于哪类产品、预计投产时间" />
          </Form.Item>
          {submit.isError && (
            <div style={{ marginBottom: 16 }}>
              <ErrorAlert error={submit.error} />
            </div>
          )}
          <Space>
            <Button type="primary" htmlType="submit" loading={submit.isPending}>
              提交申请
            </Button>
            <Button onClick={() => navigate(-1)}>取消</Button>
          </Space>
        </Form>
      </Panel>
    </Space>
  );
}
