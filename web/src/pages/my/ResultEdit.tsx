// 登记/编辑成果: the page and the form that registers a research result or saves changes to it. The
// rights and IP sections, the form mapping and the save hook live beside it.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Skeleton, Space, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { INDUSTRY_FIELD_LABELS } from '../../../../domain/constants/listings.js';
import { MATURITY_LABELS, RESULT_TEXT, RIGHTS_REVIEW_LABELS } from '../../../../domain/constants/results.js';
import { api, ApiError } from '../../api/client.js';
import type { ResearchResult } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { DocumentsPanel } from '../dossiers/DocumentsPanel.js';
import { ExportControlConfirmed, ExportControlForm } from '../lifecycle/ExportControl.js';
import { optionsOf, preventEnterSubmit } from '../../format.js';
import { IpItemsSection } from './IpItemsSection.js';
import { toForm, type FormValues } from './result-form.js';
import { OwnershipSection, SecuritySection } from './ResultRightsSections.js';
import { useResultSave } from './useResultSave.js';

function ResultForm({ existing }: { existing: ResearchResult | null }) {
  const [form] = Form.useForm<FormValues>();
  const navigate = useNavigate();
  const ownership = Form.useWatch('ownership', form) ?? existing?.ownership ?? 'institution';
  const securityClass = Form.useWatch('securityClass', form) ?? existing?.securityClass ?? 'public';
  const coOwners = Form.useWatch('coOwners', form) ?? [];
  const institutionShare = Form.useWatch('institutionSharePct', form) ?? 0;
  const sensitive = securityClass !== 'public';
  // 措施一: the institution's share and the team's add up to 100 %.
  const shareTotal =
    Math.round(institutionShare * 100) + coOwners.reduce((sum, c) => sum + Math.round((c?.sharePct ?? 0) * 100), 0);

  const { save, ruleError, onFinish } = useResultSave(existing);

  const conflict = save.error instanceof ApiError && save.error.code === 'VERSION_CONFLICT';

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={save.isPending}
      scrollToFirstError
      onKeyDown={preventEnterSubmit}
      initialValues={
        existing
          ? toForm(existing)
          : { ownership: 'institution', securityClass: 'public', separatelyManaged: false, coOwners: [], ipItems: [] }
      }
    >
      <Card title="基本信息" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24}>
            <Form.Item
              label="成果名称"
              name="title"
              rules={[
                { required: true, whitespace: true, message: '请输入成果名称' },
                { min: RESULT_TEXT.title.min, message: `成果名称至少${RESULT_TEXT.title.min}个字` },
              ]}
            >
              <Input maxLength={RESULT_TEXT.title.max} showCount />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              label="成果简介"
              name="summary"
              rules={[
                { required: true, whitespace: true, message: '请输入成果简介' },
                { min: RESULT_TEXT.summary.min, message: `成果简介至少${RESULT_TEXT.summary.min}个字` },
              ]}
            >
              <Input.TextArea rows={4} maxLength={RESULT_TEXT.summary.max} showCount />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="行业领域" name="field" rules={[{ required: true, message: '请选择行业领域' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={optionsOf(INDUSTRY_FIELD_LABELS)}
                placeholder="请选择"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="成熟度" name="maturity" rules={[{ required: true, message: '请选择成熟度' }]}>
              <Select options={optionsOf(MATURITY_LABELS)} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="成果完成人" name="inventors" extra="多人请用顿号或逗号分隔">
              <Input maxLength={RESULT_TEXT.inventors.max} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <SecuritySection securityClass={securityClass} sensitive={sensitive} />

      <OwnershipSection
        ownership={ownership}
        sensitive={sensitive}
        shareTotal={shareTotal}
        locked={!!existing && !existing.rightsReview}
      />

      <IpItemsSection />

      {existing?.rightsReview && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={`请补充权属信息：${RIGHTS_REVIEW_LABELS[existing.rightsReview]}`}
          description="该成果的权属信息在规则完善前登记，保存符合措施一的权属信息后此提示消失。"
          style={{ marginBottom: 16 }}
        />
      )}
      {ruleError && <Alert type="error" showIcon role="alert" title={ruleError} style={{ marginBottom: 16 }} />}
      {save.isError && (
        <div style={{ marginBottom: 16 }}>
          {conflict ? (
            <Alert
              type="warning"
              showIcon
              role="alert"
              title={save.error.message}
              action={
                <Button size="small" onClick={() => window.location.reload()}>
                  重新加载
                </Button>
              }
            />
          ) : (
            <ErrorAlert error={save.error} />
          )}
        </div>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {existing ? '保存' : '登记成果'}
        </Button>
        <Button onClick={() => navigate('/my/results')}>取消</Button>
      </Space>
    </Form>
  );
}

export default function ResultEdit() {
  const { id } = useParams();
  const q = useQuery({
    queryKey: ['result', id],
    queryFn: ({ signal }) => api.get<ResearchResult>(`/results/${id}`, undefined, signal),
    enabled: !!id,
  });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        {id ? '编辑成果' : '登记成果'}
      </Typography.Title>
      {!id ? (
        <ResultForm existing={null} />
      ) : q.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <ResultForm key={`${q.data.id}-${q.data.version}`} existing={q.data} />
          {q.data.securityClass !== 'classified' && (
            <Card title="技术出口管制审查（措施十五）">
              {q.data.exportControlConfirmedAt ? (
                <ExportControlConfirmed at={q.data.exportControlConfirmedAt} />
              ) : (
                <ExportControlForm url={`/results/${q.data.id}/export-control`} invalidate={[['result', id]]} />
              )}
            </Card>
          )}
          {/* 措施十四: the result's evidence — patent certificates and the like. */}
          <DocumentsPanel
            title="成果文件（知识产权证书等）"
            subject="results"
            id={q.data.id}
            kinds={['ip_certificate', 'decision_minutes', 'other']}
            editable
            label="成果文件"
          />
        </>
      )}
    </Space>
  );
}
