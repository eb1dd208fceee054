import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import {
  INDUSTRY_FIELD_LABELS,
  LISTING_KIND_LABELS,
  PRICING_MODE_LABELS,
  PRICING_MODES,
  SUPPORT_KIND_LABELS,
  TRANSACTION_TYPE_LABELS,
  type IndustryField,
  type ListingKind,
  type PricingMode,
  type SupportKind,
  type TransactionType,
} from '../../../../domain/constants/listings.js';
import { REGION_LABELS, type Region } from '../../../../domain/constants/organisations.js';
import { api, ApiError } from '../../api/client.js';
import type { ListingDetail, ListingInput, MyOrganisation, Page, ResearchResult } from '../../api/types.js';
import { useAuth } from '../../auth.js';
import { ButtonLink } from '../../components/ButtonLink.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ListingStatusTag } from '../../components/StatusTag.js';
import {
  dayjs,
  fenToWan,
  isoToShanghaiWallClock,
  optionsOf,
  preventEnterSubmit,
  shanghaiWallClockToIso,
  wanToFen,
} from '../../format.js';
import { canEdit } from '../../listing.js';
import { phoneRule } from '../../validation.js';
import { RejectionNotice } from '../../components/RejectionNotice.js';
import { useToast } from '../../toast.js';

interface FormValues {
  title: string;
  summary: string;
  description?: string;
  field: IndustryField;
  region: Region;
  resultId?: string;
  pricingMode?: PricingMode;
  transactionTypes?: TransactionType[];
  priceWan?: number | null;
  counterpartyName?: string;
  deadline?: Dayjs | null;
  supportSought?: SupportKind[];
  contactName: string;
  contactPhone: string;
}

// 措施四: how each pricing mode proceeds once approved.
const PRICING_HELP: Record<PricingMode, string> = {
  negotiable: '面议：公开展示成果，意向方联系洽谈；展示期届满自动下架。',
  negotiated: '协议定价：与拟受让方协商确定价格。审核通过后公示成果名称和拟交易价格，公示期内有异议的转入挂牌交易。',
  fixed:
    '挂牌交易：按挂牌价格公开挂牌，挂牌期（半个月）内符合条件的受让方可摘牌；两家及以上摘牌的，以挂牌价为起拍价转入拍卖。',
  auction: '拍卖：以起拍价公开竞价，价高者得。',
};

function toForm(l: ListingDetail): FormValues {
  return {
    title: l.title,
    summary: l.summary,
    description: l.description,
    field: l.field,
    region: l.region,
    resultId: l.result?.id ?? undefined,
    pricingMode: l.pricingMode ?? undefined,
    transactionTypes: l.transactionTypes,
    priceWan: fenToWan(l.priceFen),
    counterpartyName: l.counterpartyName ?? undefined,
    deadline: l.deadline ? isoToShanghaiWallClock(l.deadline) : null,
    supportSought: l.supportSought,
    contactName: l.contactName,
    contactPhone: l.contactPhone,
  };
}

function toBody(kind: ListingKind, v: FormValues): ListingInput {
  const common = {
    kind,
    title: v.title.trim(),
    summary: v.summary.trim(),
    description: v.description?.trim() ?? '',
    field: v.field,
    region: v.region,
    transactionTypes: v.transactionTypes ?? [],
    contactName: v.contactName.trim(),
    contactPhone: v.contactPhone.trim(),
  };
  if (kind === 'demand') {
    return {
      ...common,
      priceFen: wanToFen(v.priceWan),
      deadline: v.deadline ? shanghaiWallClockToIso(v.deadline) : null,
      supportSought: v.supportSought ?? [],
    };
  }
  const mode = v.pricingMode ?? 'negotiable';
  return {
    ...common,
    resultId: v.resultId ?? null,
    pricingMode: mode,
    priceFen: mode === 'negotiable' ? null : wanToFen(v.priceWan),
    counterpartyName: mode === 'negotiated' ? (v.counterpartyName?.trim() ?? null) : null,
  };
}

function ListingForm({ kind, existing }: { kind: ListingKind; existing: ListingDetail | null }) {
  const [form] = Form.useForm<FormValues>();
  const [params] = useSearchParams();
  const message = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // After the first save of a new listing, later saves update that draft instead of creating another.
  const [saved, setSaved] = useState<ListingDetail | null>(existing);
  const intent = useRef<'save' | 'submit'>('save');
  const pricingMode = Form.useWatch('pricingMode', form) ?? existing?.pricingMode ?? undefined;
  const supply = kind === 'supply';

  const org = useQuery({
    queryKey: ['my-organisation'],
    queryFn: () => api.get<MyOrganisation>('/my/organisation'),
    enabled: !existing,
  });
  const results = useQuery({
    queryKey: ['results', { page: 1, pageSize: 100 }],
    queryFn: () => api.get<Page<ResearchResult>>('/results', { page: 1, pageSize: 100 }),
    enabled: supply,
  });

  const mutation = useMutation({
    mutationFn: async (v: FormValues) => {
      const body = toBody(kind, v);
      // The kind is fixed at creation; a patch names only the editable fields.
      const { kind: _kind, ...fields } = body;
      const row = saved
        ? await api.patch<ListingDetail>(`/listings/${saved.id}`, { ...fields, version: saved.version })
        : await api.post<ListingDetail>('/listings', body);
      setSaved(row);
      if (intent.current === 'submit') await api.post(`/listings/${row.id}/submit`);
      return row;
    },
    onSuccess: (row) => {
      void queryClient.invalidateQueries({ queryKey: ['my-listings'] });
      void queryClient.invalidateQueries({ queryKey: ['listing', row.id] });
      message.success(intent.current === 'submit' ? '已提交审核，请等待平台审核' : '草稿已保存');
      navigate('/my/listings');
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['my-listings'] });
    },
  });

  const orgData = org.data?.organisation;
  // A new listing starts with the organisation's region and contact, unless the user already typed.
  useEffect(() => {
    if (!orgData || existing) return;
    const defaults: Partial<FormValues> = {};
    if (!form.isFieldTouched('region') && orgData.region) defaults.region = orgData.region;
    if (!form.isFieldTouched('contactName')) defaults.contactName = orgData.contactName;
    if (!form.isFieldTouched('contactPhone')) defaults.contactPhone = orgData.contactPhone;
    form.setFieldsValue(defaults);
  }, [orgData, existing, form]);
  const resultOptions = (results.data?.items ?? []).map((r) => ({
    value: r.id,
    // 措施十五: classified results may not be listed publicly.
    label: r.securityClass === 'classified' ? `${r.title}（涉密，不得挂牌）` : r.title,
    disabled: r.securityClass === 'classified',
  }));
  const conflict = mutation.error instanceof ApiError && mutation.error.code === 'VERSION_CONFLICT';
  const priceLabel = kind === 'demand' ? '榜额（万元）' : pricingMode === 'auction' ? '起拍价（万元）' : '价格（万元）';

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      disabled={mutation.isPending}
      scrollToFirstError
      onKeyDown={preventEnterSubmit}
      onFinish={(v) => mutation.mutate(v)}
      initialValues={
        existing
          ? toForm(existing)
          : {
              resultId: params.get('resultId') ?? undefined,
              pricingMode: supply ? 'fixed' : undefined,
              transactionTypes: supply ? ['transfer'] : [],
              supportSought: [],
            }
      }
    >
      <Card title="项目信息" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          {supply && (
            <Col xs={24}>
              <Form.Item
                label="关联成果"
                name="resultId"
                extra="成果找市场项目须关联一项本单位已登记的职务科技成果；涉密成果不得公开挂牌（措施十五）。"
                rules={[{ required: true, message: '请选择关联成果' }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={results.isPending}
                  options={resultOptions}
                  placeholder="请选择成果"
                  notFoundContent={results.isPending ? '加载中…' : '还没有登记成果，请先到“我的成果”登记'}
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24}>
            <Form.Item
              label="项目名称"
              name="title"
              rules={[
                { required: true, whitespace: true, message: '请输入项目名称' },
                { min: 4, message: '项目名称至少4个字' },
              ]}
            >
              <Input maxLength={120} showCount />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              label="项目摘要"
              name="summary"
              rules={[
                { required: true, whitespace: true, message: '请输入项目摘要' },
                { min: 10, message: '项目摘要至少10个字' },
              ]}
            >
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label={kind === 'demand' ? '需求详情' : '成果介绍'} name="description">
              <Input.TextArea rows={6} maxLength={10000} showCount />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="行业领域" name="field" rules={[{ required: true, message: '请选择行业领域' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={optionsOf(INDUSTRY_FIELD_LABELS)}
                placeholder="请选择"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="所在地区" name="region" rules={[{ required: true, message: '请选择所在地区' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={optionsOf(REGION_LABELS)}
                placeholder="请选择"
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={kind === 'demand' ? '榜单条件' : '交易条件'} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          {supply && (
            <Col xs={24}>
              <Form.Item
                label="定价方式"
                name="pricingMode"
                extra={pricingMode ? PRICING_HELP[pricingMode] : undefined}
                rules={[{ required: true, message: '请选择定价方式' }]}
              >
                <Radio.Group optionType="button" options={optionsOf(PRICING_MODE_LABELS, PRICING_MODES)} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item
              label="交易方式"
              name="transactionTypes"
              rules={supply ? [{ required: true, type: 'array', min: 1, message: '请至少选择一种交易方式' }] : []}
            >
              <Checkbox.Group options={optionsOf(TRANSACTION_TYPE_LABELS)} />
            </Form.Item>
          </Col>
          {(kind === 'demand' || pricingMode !== 'negotiable') && (
            <Col xs={24} md={12}>
              <Form.Item
                label={priceLabel}
                name="priceWan"
                rules={[{ required: true, message: kind === 'demand' ? '请输入榜额' : '该定价方式须填写价格' }]}
              >
                <InputNumber min={0} max={10_000_000} step={1} suffix="万元" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          {supply && pricingMode === 'negotiated' && (
            <Col xs={24} md={12}>
              <Form.Item
                label="拟受让方"
                name="counterpartyName"
                extra="协议定价须写明拟受让方名称，并与拟交易价格一同公示。"
                rules={[{ required: true, whitespace: true, message: '协议定价须填写拟受让方' }]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          )}
          {kind === 'demand' && (
            <>
              <Col xs={24} md={12}>
                <Form.Item
                  label="揭榜截止时间"
                  name="deadline"
                  extra="北京时间。截止前科研单位均可揭榜，截止后进入评选。"
                  rules={[
                    { required: true, message: '请选择揭榜截止时间' },
                    {
                      validator: (_, v: Dayjs | null) =>
                        !v || shanghaiWallClockToIso(v) > new Date().toISOString()
                          ? Promise.resolve()
                          : Promise.reject(new Error('揭榜截止时间必须晚于当前时间')),
                    },
                  ]}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    style={{ width: '100%' }}
                    disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  label="希望获得的支持"
                  name="supportSought"
                  extra="措施八：研发、中试、孵化、人才、金融等支持"
                >
                  <Checkbox.Group options={optionsOf(SUPPORT_KIND_LABELS)} />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
      </Card>

      <Card title="联系方式" style={{ marginBottom: 16 }}>
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
        </Row>
      </Card>

      {mutation.isError && (
        <div style={{ marginBottom: 16 }}>
          {conflict ? (
            <Alert
              type="warning"
              showIcon
              role="alert"
              title={mutation.error.message}
              action={
                <Button size="small" onClick={() => window.location.reload()}>
                  重新加载
                </Button>
              }
            />
          ) : (
            <>
              {saved && !existing && <Alert type="info" showIcon title="草稿已保存。" style={{ marginBottom: 8 }} />}
              <ErrorAlert error={mutation.error} />
            </>
          )}
        </div>
      )}
      <Space wrap>
        <Button
          htmlType="submit"
          onClick={() => (intent.current = 'save')}
          loading={mutation.isPending && intent.current === 'save'}
        >
          保存草稿
        </Button>
        <Button
          type="primary"
          htmlType="submit"
          onClick={() => (intent.current = 'submit')}
          loading={mutation.isPending && intent.current === 'submit'}
        >
          保存并提交审核
        </Button>
        <Button onClick={() => navigate('/my/listings')}>取消</Button>
      </Space>
    </Form>
  );
}

export default function ListingEdit() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { role } = useAuth();
  const q = useQuery({
    queryKey: ['listing', id],
    queryFn: ({ signal }) => api.get<ListingDetail>(`/listings/${id}`, undefined, signal),
    enabled: !!id,
  });
  const ownKind: ListingKind = role === 'institution' ? 'supply' : 'demand';
  const requested = params.get('kind');
  const kind: ListingKind = q.data?.kind ?? (requested === 'supply' || requested === 'demand' ? requested : ownKind);

  let body;
  if (id && q.isPending) body = <Skeleton active paragraph={{ rows: 12 }} />;
  else if (id && q.isError) body = <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  else if (!id && kind !== ownKind) {
    body = (
      <Result
        status="403"
        title="不能发布此类项目"
        subTitle={
          ownKind === 'demand'
            ? '企业发布“企业找技术”需求；成果由科研单位发布。'
            : '科研单位发布“成果找市场”项目；技术需求由企业发布。'
        }
        extra={<ButtonLink to={`/my/listings/new?kind=${ownKind}`}>发布{LISTING_KIND_LABELS[ownKind]}项目</ButtonLink>}
      />
    );
  } else if (q.data && !canEdit(q.data.status)) {
    body = (
      <Result
        status="info"
        title="当前状态下不能修改"
        subTitle={
          <>
            该项目状态为 <ListingStatusTag status={q.data.status} />
            ，只有草稿和被驳回的项目可以修改。
          </>
        }
        extra={<ButtonLink to={`/listings/${q.data.id}`}>查看项目</ButtonLink>}
      />
    );
  } else {
    body = (
      <>
        {q.data && (
          <div style={{ marginBottom: 16 }}>
            <RejectionNotice listing={q.data} />
          </div>
        )}
        <ListingForm key={q.data ? `${q.data.id}-${q.data.version}` : 'new'} kind={kind} existing={q.data ?? null} />
      </>
    );
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {id ? '编辑' : '发布'}
        {LISTING_KIND_LABELS[kind]}项目
      </Typography.Title>
      {body}
    </Space>
  );
}
