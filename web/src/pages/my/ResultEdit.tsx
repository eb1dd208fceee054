import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { INDUSTRY_FIELD_LABELS, type IndustryField } from '../../../../domain/constants/listings.js';
import {
  IP_TYPE_LABELS,
  MATURITY_LABELS,
  OWNERSHIP_MODE_LABELS,
  OWNERSHIP_MODES,
  SECURITY_CLASS_LABELS,
  SECURITY_CLASSES,
  type IpType,
  type Maturity,
  type OwnershipMode,
  type SecurityClass,
} from '../../../../domain/constants/results.js';
import { AppError } from '../../../../domain/errors.js';
import {
  checkIpItems,
  checkResultOwnership,
  FULL_SHARE_BP,
  MIN_LONG_TERM_USE_YEARS,
} from '../../../../domain/results.js';
import { api, ApiError } from '../../api/client.js';
import type { ResearchResult, ResultInput } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { dayjs, optionsOf, preventEnterSubmit, todayInShanghai } from '../../format.js';
import { useToast } from '../../toast.js';

interface FormValues {
  title: string;
  summary: string;
  field: IndustryField;
  maturity: Maturity;
  inventors?: string;
  ownership: OwnershipMode;
  coOwners?: { name: string; sharePct: number | null }[];
  longTermUseYears?: number | null;
  longTermUseEndsOn?: Dayjs | null;
  securityClass: SecurityClass;
  separatelyManaged: boolean;
  ipItems?: { type: IpType; number: string; title?: string; grantDate?: Dayjs | null }[];
}

const OWNERSHIP_HELP: Record<OwnershipMode, string> = {
  institution: '成果归本单位所有。',
  co_owned: '本单位与成果完成人（团队）按份额共同所有，请登记各方名称及份额，合计须为100%。',
  long_term_use: `赋予成果完成人（团队）不少于${MIN_LONG_TERM_USE_YEARS}年的职务科技成果长期使用权。`,
};

const SECURITY_HELP: Record<SecurityClass, string> = {
  public: '不涉及国家利益和重大社会公共利益的成果。',
  restricted:
    '涉及国家安全、国防安全、公共安全、经济安全、社会稳定等国家利益和重大社会公共利益的成果，不得赋权，不得单列管理。',
  classified: '涉密成果不得赋权、不得单列管理，且不得公开挂牌交易。',
};

function toForm(r: ResearchResult): FormValues {
  return {
    title: r.title,
    summary: r.summary,
    field: r.field,
    maturity: r.maturity,
    inventors: r.inventors,
    ownership: r.ownership,
    coOwners: r.coOwners.map((c) => ({ name: c.name, sharePct: c.shareBp / 100 })),
    longTermUseYears: r.longTermUseYears,
    longTermUseEndsOn: r.longTermUseEndsOn ? dayjs(r.longTermUseEndsOn) : null,
    securityClass: r.securityClass,
    separatelyManaged: r.separatelyManaged,
    ipItems: r.ipItems.map((i) => ({
      type: i.type,
      number: i.number,
      title: i.title,
      grantDate: i.grantDate ? dayjs(i.grantDate) : null,
    })),
  };
}

function toBody(v: FormValues): ResultInput {
  const ownership = v.ownership;
  return {
    title: v.title.trim(),
    summary: v.summary.trim(),
    field: v.field,
    maturity: v.maturity,
    inventors: v.inventors?.trim() ?? '',
    ownership,
    // 措施一: shares are stored in basis points so they add up to exactly 10000.
    coOwners:
      ownership === 'co_owned'
        ? (v.coOwners ?? []).map((c) => ({ name: c.name.trim(), shareBp: Math.round((c.sharePct ?? 0) * 100) }))
        : [],
    longTermUseYears: ownership === 'long_term_use' ? (v.longTermUseYears ?? null) : null,
    longTermUseEndsOn:
      ownership === 'long_term_use' && v.longTermUseEndsOn ? v.longTermUseEndsOn.format('YYYY-MM-DD') : null,
    securityClass: v.securityClass,
    separatelyManaged: v.securityClass === 'public' ? v.separatelyManaged : false,
    ipItems: (v.ipItems ?? []).map((i) => ({
      type: i.type,
      number: i.number.trim(),
      title: i.title?.trim() ?? '',
      grantDate: i.grantDate ? i.grantDate.format('YYYY-MM-DD') : null,
    })),
  };
}

/** The same rules the api applies (domain/results.ts), run before sending so the user hears at once. */
function precheck(body: ResultInput): string | null {
  try {
    checkResultOwnership(body);
    checkIpItems(body.ipItems, todayInShanghai());
    return null;
  } catch (err) {
    if (err instanceof AppError) return err.message;
    throw err;
  }
}

function ResultForm({ existing }: { existing: ResearchResult | null }) {
  const [form] = Form.useForm<FormValues>();
  const message = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [ruleError, setRuleError] = useState<string | null>(null);
  const ownership = Form.useWatch('ownership', form) ?? existing?.ownership ?? 'institution';
  const securityClass = Form.useWatch('securityClass', form) ?? existing?.securityClass ?? 'public';
  const coOwners = Form.useWatch('coOwners', form) ?? [];
  const sensitive = securityClass !== 'public';
  const shareTotal = coOwners.reduce((sum, c) => sum + Math.round((c?.sharePct ?? 0) * 100), 0);

  const save = useMutation({
    mutationFn: (body: ResultInput) =>
      existing
        ? api.patch<ResearchResult>(`/results/${existing.id}`, { ...body, version: existing.version })
        : api.post<ResearchResult>('/results', body),
    onSuccess: (saved) => {
      message.success(existing ? '成果已保存' : '成果已登记');
      void queryClient.invalidateQueries({ queryKey: ['results'] });
      queryClient.setQueryData(['result', saved.id], saved);
      navigate('/my/results');
    },
  });

  const onFinish = (v: FormValues) => {
    const body = toBody(v);
    const problem = precheck(body);
    setRuleError(problem);
    if (!problem) save.mutate(body);
  };

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
                { min: 2, message: '成果名称至少2个字' },
              ]}
            >
              <Input maxLength={120} showCount />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              label="成果简介"
              name="summary"
              rules={[
                { required: true, whitespace: true, message: '请输入成果简介' },
                { min: 10, message: '成果简介至少10个字' },
              ]}
            >
              <Input.TextArea rows={4} maxLength={2000} showCount />
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
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title="密级（措施十五）" style={{ marginBottom: 16 }}>
        <Form.Item label="密级" name="securityClass" rules={[{ required: true }]} extra={SECURITY_HELP[securityClass]}>
          <Radio.Group options={optionsOf(SECURITY_CLASS_LABELS, SECURITY_CLASSES)} />
        </Form.Item>
        {sensitive && (
          <Alert
            type="warning"
            showIcon
            title="措施十五：涉及国家利益或涉密的成果不得赋权，也不得单列管理；涉密成果不得公开挂牌。"
            style={{ marginBottom: 16 }}
          />
        )}
        <Form.Item
          label="单列管理"
          name="separatelyManaged"
          valuePropName="checked"
          extra="职务科技成果资产单列管理，不纳入国有资产保值增值考核。涉及国家利益或涉密的成果不得单列管理。"
          dependencies={['securityClass']}
          rules={[
            {
              validator: (_, on: boolean) =>
                on && sensitive ? Promise.reject(new Error('涉及国家安全或涉密的成果不得单列管理')) : Promise.resolve(),
            },
          ]}
        >
          <Switch disabled={sensitive} checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
      </Card>

      <Card title="权属（措施一）" style={{ marginBottom: 16 }}>
        <Form.Item
          label="权属方式"
          name="ownership"
          extra={OWNERSHIP_HELP[ownership]}
          dependencies={['securityClass']}
          rules={[
            { required: true },
            {
              validator: (_, v: OwnershipMode) =>
                v !== 'institution' && sensitive
                  ? Promise.reject(new Error('涉及国家安全或涉密的成果不得赋权'))
                  : Promise.resolve(),
            },
          ]}
        >
          <Radio.Group
            options={OWNERSHIP_MODES.map((m) => ({
              value: m,
              label: OWNERSHIP_MODE_LABELS[m],
              disabled: sensitive && m !== 'institution',
            }))}
          />
        </Form.Item>

        {ownership === 'co_owned' && (
          <Form.List
            name="coOwners"
            rules={[
              {
                validator: async (_, list: FormValues['coOwners']) => {
                  if (!list || list.length === 0) throw new Error('赋权共有须至少登记一名成果完成人（团队）');
                  const total = list.reduce((s, c) => s + Math.round((c?.sharePct ?? 0) * 100), 0);
                  if (total !== FULL_SHARE_BP) throw new Error(`各方份额之和须为100%，当前为${total / 100}%`);
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <fieldset style={{ border: 'none', padding: 0, margin: 0 }}>
                <legend style={{ fontSize: 14, marginBottom: 8 }}>共有方及份额</legend>
                {fields.map((f, i) => (
                  <Row key={f.key} gutter={8} align="top">
                    <Col xs={14} md={12}>
                      <Form.Item
                        label={`共有方${i + 1}名称`}
                        name={[f.name, 'name']}
                        rules={[{ required: true, whitespace: true, message: '请输入名称' }]}
                      >
                        <Input placeholder="单位或成果完成人（团队）" maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={7} md={6}>
                      <Form.Item
                        label={`共有方${i + 1}份额`}
                        name={[f.name, 'sharePct']}
                        rules={[{ required: true, message: '请输入份额' }]}
                      >
                        <InputNumber min={0.01} max={100} precision={2} suffix="%" style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={3} md={2} style={{ paddingTop: 30 }}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={`删除共有方${i + 1}`}
                        onClick={() => remove(f.name)}
                      />
                    </Col>
                  </Row>
                ))}
                <Space wrap>
                  <Button icon={<PlusOutlined />} onClick={() => add({ name: '', sharePct: null })}>
                    添加共有方
                  </Button>
                  <Typography.Text type={shareTotal === FULL_SHARE_BP ? 'success' : 'warning'} aria-live="polite">
                    份额合计：{shareTotal / 100}%（须为100%）
                  </Typography.Text>
                </Space>
                <Form.ErrorList errors={errors} />
              </fieldset>
            )}
          </Form.List>
        )}

        {ownership === 'long_term_use' && (
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                label="长期使用权期限（年）"
                name="longTermUseYears"
                rules={[
                  { required: true, message: '请输入期限' },
                  {
                    type: 'number',
                    min: MIN_LONG_TERM_USE_YEARS,
                    message: `长期使用权期限不得少于${MIN_LONG_TERM_USE_YEARS}年`,
                  },
                ]}
              >
                <InputNumber min={1} max={99} precision={0} suffix="年" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="到期日" name="longTermUseEndsOn" rules={[{ required: true, message: '请选择到期日' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Card>

      <Card title="知识产权" style={{ marginBottom: 16 }}>
        <Form.List name="ipItems">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <div key={f.key}>
                  {i > 0 && <Divider style={{ margin: '8px 0 16px' }} />}
                  <Row gutter={12}>
                    <Col xs={24} sm={12} md={5}>
                      <Form.Item
                        label={`第${i + 1}项类型`}
                        name={[f.name, 'type']}
                        rules={[{ required: true, message: '请选择类型' }]}
                      >
                        <Select options={optionsOf(IP_TYPE_LABELS)} placeholder="请选择" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} md={5}>
                      <Form.Item
                        label={`第${i + 1}项编号`}
                        name={[f.name, 'number']}
                        rules={[{ required: true, whitespace: true, message: '请输入专利号或登记号' }]}
                      >
                        <Input placeholder="如 ZL202110000000.0" maxLength={50} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} md={8}>
                      <Form.Item label={`第${i + 1}项名称`} name={[f.name, 'title']}>
                        <Input maxLength={200} />
                      </Form.Item>
                    </Col>
                    <Col xs={20} sm={10} md={5}>
                      <Form.Item label={`第${i + 1}项授权日`} name={[f.name, 'grantDate']}>
                        <DatePicker
                          style={{ width: '100%' }}
                          disabledDate={(d) => d.format('YYYY-MM-DD') > todayInShanghai()}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={4} sm={2} md={1} style={{ paddingTop: 30 }}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={`删除第${i + 1}项知识产权`}
                        onClick={() => remove(f.name)}
                      />
                    </Col>
                  </Row>
                </div>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ type: undefined, number: '', title: '', grantDate: null })}
              >
                添加知识产权
              </Button>
            </>
          )}
        </Form.List>
      </Card>

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
      <Typography.Title level={2} style={{ margin: 0 }}>
        {id ? '编辑成果' : '登记成果'}
      </Typography.Title>
      {!id ? (
        <ResultForm existing={null} />
      ) : q.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <ResultForm key={`${q.data.id}-${q.data.version}`} existing={q.data} />
      )}
    </Space>
  );
}
